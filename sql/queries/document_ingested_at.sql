-- When each stored document was first ingested (kept across reruns so rows stay identical).
with final as (
    select document_id, ingested_at
    from raw.documents
)

select document_id, ingested_at
from final
order by document_id
