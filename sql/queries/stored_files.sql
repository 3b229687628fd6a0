-- The stored file list as an incremental ingest compares it with the folder: each file's document,
-- whether it is the file that document is stored under, and the size verdict of that document.
-- Only files with no sidecar or manifest values qualify (those are read anew on every run).
with files as (
    select
        f.file_name,
        f.document_id,
        f.n_bytes,
        f.is_duplicate,
        d.file_name as document_file_name,
        d.status_code,
        d.reject_reason
    from raw.document_files as f
    inner join raw.documents as d on f.document_id = d.document_id
    where
        f.file_name_hex is null
        and f.page_url is null
        and f.outlet_name is null
        and f.published_date is null
        and f.title is null
        and f.author_name is null
        and f.metadata_file_name is null
        and f.metadata_method is null
        and f.metadata_reject_reason is null
),

final as (
    select
        file_name,
        document_id,
        n_bytes,
        is_duplicate,
        document_file_name,
        status_code,
        reject_reason
    from files
)

select *
from final
