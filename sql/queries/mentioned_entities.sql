-- The entities the mentions of $article_ids refer to.
with final as (
    select distinct entity_id
    from core.mentions
    where article_id in (select unnest($article_ids))
)

select entity_id
from final
order by entity_id
