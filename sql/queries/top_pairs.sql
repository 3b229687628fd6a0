-- The state pairs with the most events, for the run summary: the first rows of
-- mart.actor_pair_counts, counted from mart.event_dyads with only the columns the summary shows
-- (the view also counts quad classes, dates and mean scores for every pair, 0.5 s at 100,000
-- pages). Keep the counts in step with mart.actor_dyad_counts.
with dyads as (
    select
        actor_code_a,
        actor_code_b,
        actor_kind_a,
        actor_kind_b,
        coalesce(cluster_id, event_id) as cluster_id,
        article_id
    from mart.event_dyads
    where
        source_actor_code is not null
        and target_actor_code is not null
        and source_actor_code <> target_actor_code
),

pairs as (
    select
        actor_code_a,
        actor_code_b,
        min(actor_kind_a) as actor_kind_a,
        min(actor_kind_b) as actor_kind_b,
        count(distinct cluster_id) as n_events,
        count(distinct article_id) as n_articles
    from dyads
    group by actor_code_a, actor_code_b
),

final as (
    select
        actor_code_a as country_code_a,
        actor_code_b as country_code_b,
        n_events,
        n_articles
    from pairs
    where actor_kind_a = 'state' and actor_kind_b = 'state'
)

select country_code_a, country_code_b, n_events, n_articles
from final
order by n_events desc, n_articles desc, country_code_a, country_code_b
limit $n_pairs
