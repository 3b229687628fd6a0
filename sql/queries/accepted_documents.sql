-- Documents the article stage reads: every accepted file content.
with final as (
    select document_id
    from raw.documents
    where status_code = 'ok'
)

select document_id
from final
order by document_id
