-- Real events per month for the $n_pairs pairs with the most events (the report's timeline).
-- Only dates known to the month or better: a year-only date would pile up in January.
with top_pairs as (
    select actor_code_a, actor_code_b
    from mart.actor_dyad_counts
    order by n_events desc, n_reports desc, actor_code_a, actor_code_b
    limit $n_pairs
),

dated as (
    select
        least(source_actor_code, target_actor_code) as actor_code_a,
        greatest(source_actor_code, target_actor_code) as actor_code_b,
        cast(date_trunc('month', event_date) as date) as event_month,
        cluster_id
    from mart.chronology
    where event_date_precision <> 'year'
),

final as (
    select
        d.actor_code_a,
        d.actor_code_b,
        d.event_month,
        count(distinct d.cluster_id) as n_events
    from dated as d
    inner join top_pairs as p
        on d.actor_code_a = p.actor_code_a and d.actor_code_b = p.actor_code_b
    group by d.actor_code_a, d.actor_code_b, d.event_month
)

select *
from final
order by actor_code_a, actor_code_b, event_month
