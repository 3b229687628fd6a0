-- What one stage last processed: the input hash of each article (the incremental ledger).
with final as (
    select article_id, input_hash
    from core.stage_inputs
    where stage_name = $stage_name
)

select article_id, input_hash
from final
order by article_id
