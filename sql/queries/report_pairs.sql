-- The actor pairs (any kind) with the most real events, for the report's timeline and network:
-- the first $n_pairs rows of mart.actor_dyad_counts in its order, ties broken by code so the
-- report is stable. Counted from the report's rows of mart.event_dyads (report_dyads.sql, a
-- temporary table; the view also counts articles, quad classes and dates for every pair), and the
-- mean score computed for the pairs kept only. Keep the counts in step with
-- mart.actor_dyad_counts.
with dyads as (
    select
        actor_code_a,
        actor_code_b,
        actor_kind_a,
        actor_kind_b,
        cluster_id,
        event_id,
        goldstein_score
    from report_dyads
),

ranked as (
    select
        actor_code_a,
        actor_code_b,
        min(actor_kind_a) as actor_kind_a,
        min(actor_kind_b) as actor_kind_b,
        count(distinct cluster_id) as n_events,
        count(distinct event_id) as n_reports
    from dyads
    group by actor_code_a, actor_code_b
    order by n_events desc, n_reports desc, actor_code_a, actor_code_b
    limit $n_pairs
),

-- A real event reported many times must weigh once in the mean score.
clusters as (
    select
        d.actor_code_a,
        d.actor_code_b,
        d.cluster_id,
        avg(d.goldstein_score) as goldstein_score
    from dyads as d
    inner join ranked as r on d.actor_code_a = r.actor_code_a and d.actor_code_b = r.actor_code_b
    group by d.actor_code_a, d.actor_code_b, d.cluster_id
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
        r.actor_code_a,
        coalesce(name_a.actor_name, r.actor_code_a) as actor_name_a,
        r.actor_kind_a,
        r.actor_code_b,
        coalesce(name_b.actor_name, r.actor_code_b) as actor_name_b,
        r.actor_kind_b,
        r.n_events,
        r.n_reports,
        s.mean_goldstein_score
    from ranked as r
    inner join scores as s
        on r.actor_code_a = s.actor_code_a and r.actor_code_b = s.actor_code_b
    left join mart.actor_codes as name_a on r.actor_code_a = name_a.actor_code
    left join mart.actor_codes as name_b on r.actor_code_b = name_b.actor_code
)

select *
from final
order by n_events desc, n_reports desc, actor_code_a, actor_code_b
