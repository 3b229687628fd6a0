-- Events asserted as having happened but dated after their article's publication (after the
-- end of its month when the page gives only the month).
with final as (
    select events.event_id
    from core.events as events
    inner join core.articles as articles on events.article_id = articles.article_id
    where
        events.reality_code = 'asserted'
        and events.event_date is not null
        and articles.published_date is not null
        and events.event_date > case
            when articles.published_date_precision = 'month'
                then last_day(articles.published_date)
            when articles.published_date_precision = 'year'
                then make_date(year(articles.published_date), 12, 31)
            else articles.published_date
        end
)

select count(*) as n_events
from final
