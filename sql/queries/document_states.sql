-- What ingest stored for each document: a row whose name, decoding or verdict would now differ
-- (a rename, a raised size limit, a better decoder) is stored again; ingested_at is kept.
with final as (
    select
        document_id,
        file_name,
        encoding_name,
        status_code,
        reject_reason,
        md5(raw_text) as text_md5,
        ingested_at
    from raw.documents
)

select document_id, file_name, encoding_name, status_code, reject_reason, text_md5, ingested_at
from final
order by document_id
