-- Per unordered pair of actors of any kind (states, organizations, armed groups): distinct real
-- events (clusters), reports, quad classes, dates. An organization acting as such is one actor
-- (ECOWAS-Guinea), and a group is not folded into its state (an RSF attack on the Sudanese army
-- is NSA:rsf-sudan-SDN).
create or replace view mart.actor_dyad_counts as
with dyads as (
    select
        actor_code_a,
        actor_code_b,
        actor_kind_a,
        actor_kind_b,
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

-- A real event reported many times must weigh once in the mean score.
clusters as (
    select
        actor_code_a,
        actor_code_b,
        cluster_id,
        avg(goldstein_score) as goldstein_score
    from dyads
    group by actor_code_a, actor_code_b, cluster_id
),

pairs as (
    select
        actor_code_a,
        actor_code_b,
        min(actor_kind_a) as actor_kind_a,
        min(actor_kind_b) as actor_kind_b,
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
    group by actor_code_a, actor_code_b
),

scores as (
    select
        actor_code_a,
        actor_code_b,
        avg(goldstein_score) as mean_goldstein_score
    from clusters
    group by actor_code_a, actor_code_b
),

final as (
    select
        p.actor_code_a,  -- the lesser actor code of the pair
        p.actor_kind_a,  -- kind of actor a
        name_a.actor_name as actor_name_a,  -- name of actor a
        p.actor_code_b,  -- the greater actor code of the pair
        p.actor_kind_b,  -- kind of actor b
        name_b.actor_name as actor_name_b,  -- name of actor b
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
        on p.actor_code_a = s.actor_code_a and p.actor_code_b = s.actor_code_b
    left join mart.actor_codes as name_a on p.actor_code_a = name_a.actor_code
    left join mart.actor_codes as name_b on p.actor_code_b = name_b.actor_code
)

select * from final
order by n_events desc, actor_code_a, actor_code_b;
