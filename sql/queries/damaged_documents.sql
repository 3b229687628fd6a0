-- Documents decoded with bytes replaced by U+FFFD, for the raw asset's metadata.
with final as (
    select file_name, n_bad_bytes
    from raw.documents
    where n_bad_bytes > 0
)

select file_name, n_bad_bytes
from final
order by file_name
