-- What ingest stored for each document: a row whose name or size verdict would now differ (a
-- rename, a moved size limit) is stored again; ingested_at is kept. The text is not read: a
-- document's id is its content's hash, and hashing every stored text cost a scan of the corpus.
with final as (
    select
        document_id,
        file_name,
        status_code,
        reject_reason,
        ingested_at
    from raw.documents
)

select document_id, file_name, status_code, reject_reason, ingested_at
from final
order by document_id
