-- Documents the article stage reads: every accepted file content, with the metadata the sidecar
-- or manifest of the file that names it gives (a changed sidecar re-extracts the article).
with accepted as (
    select document_id, file_name
    from raw.documents
    where status_code = 'ok'
),

final as (
    select
        accepted.document_id,
        files.page_url,
        files.outlet_name,
        files.published_date,
        files.title,
        files.author_name,
        files.metadata_file_name,
        files.metadata_method
    from accepted
    left join raw.document_files as files on accepted.file_name = files.file_name
)

select
    document_id,
    page_url,
    outlet_name,
    published_date,
    title,
    author_name,
    metadata_file_name,
    metadata_method
from final
order by document_id
