-- Files that were not accepted, with the reason, for the run summary.
with final as (
    select file_name, reject_reason
    from raw.documents
    where status_code = 'rejected'
)

select file_name, reject_reason
from final
order by file_name
