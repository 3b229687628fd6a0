-- The stored file-list rows but those of the given files: what an incremental ingest compares
-- with the folder when it leaves the given (unchanged) files alone.
with final as (
    select *
    from raw.document_files
    where file_name not in (select unnest(cast($file_names as varchar[])))
)

select *
from final
