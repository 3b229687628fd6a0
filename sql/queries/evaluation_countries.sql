-- The states each article mentions by a country entity, for scoring.
with final as (
    select distinct article_id, country_code
    from core.mentions
    where country_code is not null and entity_id like 'country:%'
)

select article_id, country_code
from final
