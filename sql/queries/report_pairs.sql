-- The actor pairs (any kind) with the most real events, for the report's timeline and network.
-- Same order as mart.actor_dyad_counts, ties broken by code so the report is stable.
with final as (
    select
        actor_code_a,
        coalesce(actor_name_a, actor_code_a) as actor_name_a,
        actor_kind_a,
        actor_code_b,
        coalesce(actor_name_b, actor_code_b) as actor_name_b,
        actor_kind_b,
        n_events,
        n_reports,
        mean_goldstein_score
    from mart.actor_dyad_counts
)

select *
from final
order by n_events desc, n_reports desc, actor_code_a, actor_code_b
limit $n_pairs
