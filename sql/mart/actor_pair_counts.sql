-- Per unordered pair of states: distinct real events (clusters), reports, quad classes, dates.
create or replace view mart.actor_pair_counts as
with dyads as (
    select
        least(source_country_code, target_country_code) as country_code_a,
        greatest(source_country_code, target_country_code) as country_code_b,
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

-- A real event reported many times must weigh once in the mean score.
clusters as (
    select
        country_code_a,
        country_code_b,
        cluster_id,
        avg(goldstein_score) as goldstein_score
    from dyads
    group by country_code_a, country_code_b, cluster_id
),

pairs as (
    select
        country_code_a,
        country_code_b,
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
    group by country_code_a, country_code_b
),

scores as (
    select
        country_code_a,
        country_code_b,
        avg(goldstein_score) as mean_goldstein_score
    from clusters
    group by country_code_a, country_code_b
),

final as (
    select
        p.country_code_a,  -- the lesser state code of the pair (ISO alpha-3)
        country_a.canonical_name as country_name_a,
        p.country_code_b,  -- the greater state code of the pair (ISO alpha-3)
        country_b.canonical_name as country_name_b,
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
        on p.country_code_a = s.country_code_a and p.country_code_b = s.country_code_b
    left join core.entities as country_a on country_a.entity_id = 'country:' || p.country_code_a
    left join core.entities as country_b on country_b.entity_id = 'country:' || p.country_code_b
)

select * from final
order by n_events desc, country_code_a, country_code_b;
