-- Every mention of a person, with the catalog's name and state, for scoring.
with final as (
    select
        mentions.article_id,
        mentions.entity_id,
        mentions.surface_text,
        mentions.country_code as mention_country_code,
        entities.canonical_name,
        entities.country_code as entity_country_code
    from core.mentions as mentions
    inner join core.entities as entities on mentions.entity_id = entities.entity_id
    where entities.entity_type = 'person'
)

select
    article_id,
    entity_id,
    surface_text,
    mention_country_code,
    canonical_name,
    entity_country_code
from final
