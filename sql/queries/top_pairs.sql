-- The state pairs with the most events, for the run summary.
with final as (
    select country_code_a, country_code_b, n_events, n_articles
    from mart.actor_pair_counts
)

select country_code_a, country_code_b, n_events, n_articles
from final
order by n_events desc, n_articles desc, country_code_a, country_code_b
limit $n_pairs
