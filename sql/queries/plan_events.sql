-- The event stage's plan: each article's input hash (its body, its dates and the publication
-- date's precision, and the entity stage's input for it, which fixes the sentences and mentions
-- the coder reads) against the ledger, in DuckDB; only what changed comes back.
with inputs as (
    select
        articles.article_id,
        md5(articles.body) as body_md5,
        articles.published_date,
        articles.published_date_precision,
        cast(documents.ingested_at as date) as fetched_date,
        entity_inputs.input_hash as entity_input_hash
    from core.articles as articles
    left join raw.documents as documents on articles.document_id = documents.document_id
    left join core.stage_inputs as entity_inputs
        on
            articles.article_id = entity_inputs.article_id
            and entity_inputs.stage_name = 'entities'
),

hashed as (
    -- etl.ids.stable_id(version, *row): sha256 of the parts joined by U+001F, 20 hex digits
    select
        article_id,
        left(sha256(concat_ws(
            chr(31),
            $stage_version,
            coalesce(replace(cast(article_id as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(body_md5 as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(published_date as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(published_date_precision as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(fetched_date as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(entity_input_hash as varchar), chr(31), ' '), '')
        )), 20) as input_hash
    from inputs
),

done as (
    select article_id, input_hash
    from core.stage_inputs
    where stage_name = $stage_name
),

compared as (
    select
        coalesce(hashed.article_id, done.article_id) as article_id,
        hashed.input_hash,
        done.input_hash as done_hash,
        count(hashed.article_id) over () as n_current
    from hashed
    full outer join done on hashed.article_id = done.article_id
),

final as (
    -- what must be (re)processed (an input hash) or forgotten (none); $n_full_refresh = 1
    -- processes every current article
    select article_id, input_hash, n_current
    from compared
    where
        input_hash is distinct from done_hash
        or (input_hash is not null and $n_full_refresh = 1)
)

select article_id, input_hash, n_current
from final
order by article_id
