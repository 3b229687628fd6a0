-- One chunk of documents, by id.
with final as (
    select
        document_id,
        file_name,
        sha256,
        n_bytes,
        encoding_name,
        status_code,
        reject_reason,
        raw_text,
        ingested_at
    from raw.documents
    where document_id in (select unnest($document_ids))
)

select *
from final
order by document_id
