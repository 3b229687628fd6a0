-- The report's headline figures: articles, event reports, real events and their date range.
with counts as (
    select
        count(distinct article_id) as n_articles_with_events,
        count(*) as n_reports,
        count(distinct coalesce(cluster_id, event_id)) as n_events,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date
    from mart.events
),

final as (
    select
        (select count(*) from core.articles) as n_articles,
        n_articles_with_events,
        n_reports,
        n_events,
        first_event_date,
        last_event_date
    from counts
)

select *
from final
