-- Events asserted as having happened but dated after their article's publication.
with final as (
    select events.event_id
    from core.events as events
    inner join core.articles as articles on events.article_id = articles.article_id
    where
        events.reality_code = 'asserted'
        and events.event_date is not null
        and articles.published_date is not null
        and events.event_date > articles.published_date
)

select count(*) as n_events
from final
