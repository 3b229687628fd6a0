-- Per ordered (source actor, target actor) pair of any kind: the same counts as
-- actor_dyad_counts.
create or replace view mart.actor_dyad_counts_directed as
with dyads as (
    select
        source_actor_code,
        source_actor_kind,
        target_actor_code,
        target_actor_kind,
        coalesce(cluster_id, event_id) as cluster_id,
        event_id,
        article_id,
        quad_class,
        goldstein_score,
        event_date
    from mart.event_dyads
    where
        source_actor_code is not null
        and target_actor_code is not null
        and source_actor_code <> target_actor_code
),

clusters as (
    select
        source_actor_code,
        target_actor_code,
        cluster_id,
        avg(goldstein_score) as goldstein_score
    from dyads
    group by source_actor_code, target_actor_code, cluster_id
),

pairs as (
    select
        source_actor_code,
        target_actor_code,
        min(source_actor_kind) as source_actor_kind,
        min(target_actor_kind) as target_actor_kind,
        count(distinct cluster_id) as n_events,
        count(distinct article_id) as n_articles,
        count(distinct event_id) as n_reports,
        count(distinct cluster_id) filter (where quad_class = 1) as n_verbal_cooperation,
        count(distinct cluster_id) filter (where quad_class = 2) as n_material_cooperation,
        count(distinct cluster_id) filter (where quad_class = 3) as n_verbal_conflict,
        count(distinct cluster_id) filter (where quad_class = 4) as n_material_conflict,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date
    from dyads
    group by source_actor_code, target_actor_code
),

scores as (
    select
        source_actor_code,
        target_actor_code,
        avg(goldstein_score) as mean_goldstein_score
    from clusters
    group by source_actor_code, target_actor_code
),

final as (
    select
        p.source_actor_code,  -- the source as an actor: alpha-3, IGO:, NSA: or ORG: code
        p.source_actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        source_name.actor_name as source_actor_name,  -- name of the source actor
        p.target_actor_code,  -- the target as an actor: alpha-3, IGO:, NSA: or ORG: code
        p.target_actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        target_name.actor_name as target_actor_name,  -- name of the target actor
        p.n_events,  -- distinct real events (event clusters)
        p.n_articles,  -- distinct articles reporting them
        p.n_reports,  -- distinct event reports (core.events rows)
        p.n_verbal_cooperation,  -- events of quad class 1
        p.n_material_cooperation,  -- events of quad class 2
        p.n_verbal_conflict,  -- events of quad class 3
        p.n_material_conflict,  -- events of quad class 4
        p.first_event_date,  -- earliest event date
        p.last_event_date,  -- latest event date
        s.mean_goldstein_score  -- mean Goldstein score, each event weighed once
    from pairs as p
    inner join scores as s
        on
            p.source_actor_code = s.source_actor_code
            and p.target_actor_code = s.target_actor_code
    left join mart.actor_codes as source_name on p.source_actor_code = source_name.actor_code
    left join mart.actor_codes as target_name on p.target_actor_code = target_name.actor_code
)

select * from final
order by n_events desc, source_actor_code, target_actor_code;
