-- How many real events the clusters make (distinct cluster ids).
with final as (
    select count(distinct cluster_id) as n_clusters
    from core.event_clusters
)

select n_clusters
from final
