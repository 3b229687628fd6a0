-- Each input file's article metadata, for scoring against a gold file. The publication date is
-- scored as a day: a page that gives only its month has none.
with final as (
    select
        files.file_name,
        articles.article_id,
        articles.title,
        case
            when coalesce(articles.published_date_precision, 'day') = 'day'
                then articles.published_date
        end as published_date,
        articles.author_name,
        articles.outlet_name,
        documents.raw_text
    from core.articles as articles
    inner join raw.document_files as files on articles.document_id = files.document_id
    inner join raw.documents as documents on articles.document_id = documents.document_id
)

select file_name, article_id, title, published_date, author_name, outlet_name, raw_text
from final
