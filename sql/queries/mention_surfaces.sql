-- Every distinct text an entity was mentioned by: its aliases as found in the corpus.
with final as (
    select distinct surface_text, entity_id
    from core.mentions
)

select surface_text, entity_id
from final
order by surface_text, entity_id
