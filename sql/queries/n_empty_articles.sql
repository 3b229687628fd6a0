-- How many of the given articles have no story text.
with final as (
    select article_id
    from core.articles
    where is_empty and article_id in (select unnest($article_ids))
)

select count(*) as n_articles
from final
