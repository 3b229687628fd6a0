-- The given articles that the French NLP applies to: non-empty, in French or of unknown language.
with final as (
    select article_id, document_id, body, published_date
    from core.articles
    where
        article_id in (select unnest($article_ids))
        and not is_empty
        and length(body) > 0
        and (language_code is null or language_code = 'fr')
)

select article_id, document_id, body, published_date
from final
order by article_id
