-- What clustering reads of some reports (the given ones and those of the given articles): one row
-- per report and actor, or one row with null actor columns for a report without actors.
with reports as (
    select
        event_id,
        article_id,
        event_type,
        event_date,
        event_date_precision,
        event_date_method
    from core.events
    where
        event_id in (select unnest($event_ids))
        or article_id in (select unnest($article_ids))
),

final as (
    select
        reports.event_id,
        reports.article_id,
        reports.event_type,
        reports.event_date,
        reports.event_date_precision,
        reports.event_date_method,
        actors.country_code,
        actors.entity_id
    from reports
    left join core.event_actors as actors on reports.event_id = actors.event_id
)

select
    event_id,
    article_id,
    event_type,
    event_date,
    event_date_precision,
    event_date_method,
    country_code,
    entity_id
from final
order by event_id, entity_id
