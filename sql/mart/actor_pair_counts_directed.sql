-- Per ordered (source state, target state) pair: distinct events, reports, quad classes, dates.
create or replace view mart.actor_pair_counts_directed as
with dyads as (
    select
        source_country_code,
        target_country_code,
        coalesce(cluster_id, event_id) as cluster_id,
        event_id,
        article_id,
        quad_class,
        goldstein_score,
        event_date
    from mart.event_dyads
    where
        source_country_code is not null
        and target_country_code is not null
        and source_country_code <> target_country_code
),

clusters as (
    select
        source_country_code,
        target_country_code,
        cluster_id,
        avg(goldstein_score) as goldstein_score
    from dyads
    group by source_country_code, target_country_code, cluster_id
),

pairs as (
    select
        source_country_code,
        target_country_code,
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
    group by source_country_code, target_country_code
),

scores as (
    select
        source_country_code,
        target_country_code,
        avg(goldstein_score) as mean_goldstein_score
    from clusters
    group by source_country_code, target_country_code
),

final as (
    select
        p.source_country_code,
        source_country.canonical_name as source_country_name,
        p.target_country_code,
        target_country.canonical_name as target_country_name,
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
            p.source_country_code = s.source_country_code
            and p.target_country_code = s.target_country_code
    left join core.entities as source_country
        on source_country.entity_id = 'country:' || p.source_country_code
    left join core.entities as target_country
        on target_country.entity_id = 'country:' || p.target_country_code
)

select * from final
order by n_events desc, source_country_code, target_country_code;
