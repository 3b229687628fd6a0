-- The clusters a changed article touched: every stored cluster holding a report that is gone or
-- belongs to one of the given articles, with all its reports (is_stale: that report itself).
with stale as (
    select clusters.event_id, clusters.cluster_id
    from core.event_clusters as clusters
    left join core.events as events on clusters.event_id = events.event_id
    where
        events.event_id is null
        or events.article_id in (select unnest($article_ids))
),

final as (
    select
        clusters.event_id,
        clusters.event_id in (select stale.event_id from stale) as is_stale
    from core.event_clusters as clusters
    where clusters.cluster_id in (select stale.cluster_id from stale)
)

select event_id, is_stale
from final
order by event_id
