-- What the entity stage's output depends on: each article's body (as a hash).
with final as (
    select article_id, md5(body) as body_md5
    from core.articles
)

select article_id, body_md5
from final
order by article_id
