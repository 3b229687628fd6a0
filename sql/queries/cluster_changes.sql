-- Articles whose events the clusters have not seen: the event stage's input hash of each article
-- (with the clustering's version) against the one the clusters last recorded. A new, recoded or
-- removed article is listed; input_hash is null for one whose events are gone.
with coded as (
    select article_id, md5($clusters_version || ':' || input_hash) as input_hash
    from core.stage_inputs
    where stage_name = 'events'
),

clustered as (
    select article_id, input_hash
    from core.stage_inputs
    where stage_name = 'event_clusters'
),

final as (
    select
        coalesce(coded.article_id, clustered.article_id) as article_id,
        coded.input_hash
    from coded
    full outer join clustered on coded.article_id = clustered.article_id
    where coded.input_hash is distinct from clustered.input_hash
)

select article_id, input_hash
from final
order by article_id
