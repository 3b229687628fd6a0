-- Record, for the given articles, the event stage's input the clusters now reflect (with the
-- clustering's version): the clusters' own ledger rows, compared by cluster_changes.
insert into core.stage_inputs (stage_name, article_id, input_hash)
select
    'event_clusters' as stage_name,
    article_id,
    md5($clusters_version || ':' || input_hash) as input_hash
from core.stage_inputs
where
    stage_name = 'events'
    and article_id in (select unnest($article_ids))
