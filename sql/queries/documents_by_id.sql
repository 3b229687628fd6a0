-- One chunk of documents, by id, with the metadata the sidecar or manifest of the file that
-- names the document gives.
with final as (
    select
        documents.document_id,
        documents.file_name,
        documents.sha256,
        documents.n_bytes,
        documents.encoding_name,
        documents.status_code,
        documents.reject_reason,
        documents.raw_text,
        documents.ingested_at,
        files.page_url,
        files.outlet_name,
        files.published_date,
        files.title,
        files.author_name,
        files.metadata_file_name,
        files.metadata_method
    from raw.documents as documents
    left join raw.document_files as files on documents.file_name = files.file_name
    where documents.document_id in (select unnest($document_ids))
)

select *
from final
order by document_id
