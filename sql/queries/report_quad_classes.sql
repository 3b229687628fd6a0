-- Real events (clusters) and event reports per PLOVER quad class: the rows of mart.events, read
-- from the core tables with only the columns needed (see report_summary.sql).
with reports as (
    select
        ev.event_id,
        ev.quad_class,
        coalesce(c.cluster_id, ev.event_id) as cluster_id
    from core.events as ev
    inner join core.articles as art on ev.article_id = art.article_id
    inner join raw.documents as doc on art.document_id = doc.document_id
    left join core.event_clusters as c on ev.event_id = c.event_id
),

final as (
    select
        quad_class,
        count(distinct cluster_id) as n_events,
        count(*) as n_reports
    from reports
    group by quad_class
)

select *
from final
order by quad_class
