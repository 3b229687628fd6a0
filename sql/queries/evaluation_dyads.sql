-- Every coded event dyad, for scoring.
with final as (
    select
        article_id,
        event_type,
        source_country_code,
        target_country_code,
        event_date,
        event_date_precision,
        event_date_method,
        is_directed,
        source_actor_code,
        target_actor_code
    from mart.event_dyads
)

select
    article_id,
    event_type,
    source_country_code,
    target_country_code,
    event_date,
    event_date_precision,
    event_date_method,
    is_directed,
    source_actor_code,
    target_actor_code
from final
