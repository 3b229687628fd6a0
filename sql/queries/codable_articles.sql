-- The given articles that the French NLP applies to (non-empty, in French or of unknown
-- language), with what the stages read of them: the body, the publication date and its
-- precision, and the day the page was fetched (a fallback anchor for relative dates).
with codable as (
    select article_id, document_id, body, published_date, published_date_precision
    from core.articles
    where
        article_id in (select unnest($article_ids))
        and not is_empty
        and length(body) > 0
        and (language_code is null or language_code = 'fr')
),

final as (
    select
        codable.article_id,
        codable.body,
        codable.published_date,
        codable.published_date_precision,
        cast(documents.ingested_at as date) as fetched_date
    from codable
    left join raw.documents as documents on codable.document_id = documents.document_id
)

select article_id, body, published_date, published_date_precision, fetched_date
from final
order by article_id
