-- What the event stage's output for an article depends on: its body, its dates, and the entity
-- stage's input for it (which fixes the sentences and mentions the coder reads).
with final as (
    select
        articles.article_id,
        md5(articles.body) as body_md5,
        articles.published_date,
        cast(documents.ingested_at as date) as fetched_date,
        entity_inputs.input_hash as entity_input_hash
    from core.articles as articles
    left join raw.documents as documents on articles.document_id = documents.document_id
    left join core.stage_inputs as entity_inputs
        on
            articles.article_id = entity_inputs.article_id
            and entity_inputs.stage_name = 'entities'
)

select article_id, body_md5, published_date, fetched_date, entity_input_hash
from final
order by article_id
