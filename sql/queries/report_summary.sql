-- The report's headline figures: articles, event reports, real events and their date range.
-- Counted from the core tables with only the columns needed (the rows mart.events has, one per
-- report with its article and page), not from the view: the view builds every report's actor
-- lists, which at 100,000 pages took a second and about 450 MB for five numbers.
with reports as (
    select
        ev.event_id,
        ev.article_id,
        ev.event_date,
        coalesce(c.cluster_id, ev.event_id) as cluster_id
    from core.events as ev
    inner join core.articles as art on ev.article_id = art.article_id
    inner join raw.documents as doc on art.document_id = doc.document_id
    left join core.event_clusters as c on ev.event_id = c.event_id
),

counts as (
    select
        count(distinct article_id) as n_articles_with_events,
        count(*) as n_reports,
        count(distinct cluster_id) as n_events,
        min(event_date) as first_event_date,
        max(event_date) as last_event_date
    from reports
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
