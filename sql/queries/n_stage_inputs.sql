-- How many articles one stage's ledger holds (a plan with nothing changed has them all unchanged).
with final as (
    select count(*) as n_articles
    from core.stage_inputs
    where stage_name = $stage_name
)

select n_articles
from final
