-- The article stage's plan: each accepted document's input hash (its content's id and the metadata
-- the sidecar or manifest of the file that names it gives: a changed sidecar re-extracts the
-- article) against the ledger, in DuckDB; only what changed comes back.
with accepted as (
    select document_id, file_name
    from raw.documents
    where status_code = 'ok'
),

inputs as (
    select
        accepted.document_id as article_id,
        files.page_url,
        files.outlet_name,
        files.published_date,
        files.title,
        files.author_name,
        files.metadata_file_name,
        files.metadata_method
    from accepted
    left join raw.document_files as files on accepted.file_name = files.file_name
),

hashed as (
    -- etl.ids.stable_id(version, *row): sha256 of the parts joined by U+001F, 20 hex digits
    select
        article_id,
        left(sha256(concat_ws(
            chr(31),
            $stage_version,
            coalesce(replace(cast(article_id as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(page_url as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(outlet_name as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(published_date as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(title as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(author_name as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(metadata_file_name as varchar), chr(31), ' '), ''),
            coalesce(replace(cast(metadata_method as varchar), chr(31), ' '), '')
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
