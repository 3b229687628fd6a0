-- How many mentions of the given articles are actors (not places where something happened).
with final as (
    select mention_id
    from core.mentions
    where is_actor and article_id in (select unnest($article_ids))
)

select count(*) as n_mentions
from final
