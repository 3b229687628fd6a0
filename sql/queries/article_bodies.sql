-- What the entity stage's output depends on: each article's body (as a hash) and its publication
-- date (a bare title such as "le président russe" is read at that date).
with final as (
    select article_id, md5(body) as body_md5, published_date
    from core.articles
)

select article_id, body_md5, published_date
from final
order by article_id
