-- The actors of the $n_pairs pairs with the most events (the report's network nodes), each with
-- its real events against any other actor: the node size. Names come with the pairs from
-- mart.actor_dyad_counts.
with top_pairs as (
    select actor_code_a, actor_name_a, actor_code_b, actor_name_b
    from mart.actor_dyad_counts
    order by n_events desc, n_reports desc, actor_code_a, actor_code_b
    limit $n_pairs
),

shown as (
    select actor_code_a as actor_code, actor_name_a as actor_name from top_pairs
    union
    select actor_code_b as actor_code, actor_name_b as actor_name from top_pairs
),

sides as (
    select
        source_actor_code as actor_code,
        source_actor_kind as actor_kind,
        coalesce(cluster_id, event_id) as cluster_id
    from mart.event_dyads
    where source_actor_code <> target_actor_code
    union all
    select
        target_actor_code as actor_code,
        target_actor_kind as actor_kind,
        coalesce(cluster_id, event_id) as cluster_id
    from mart.event_dyads
    where source_actor_code <> target_actor_code
),

final as (
    select
        shown.actor_code,
        coalesce(shown.actor_name, shown.actor_code) as actor_name,
        min(s.actor_kind) as actor_kind,
        count(distinct s.cluster_id) as n_events
    from sides as s
    inner join shown on s.actor_code = shown.actor_code
    group by shown.actor_code, shown.actor_name
)

select *
from final
order by n_events desc, actor_code
