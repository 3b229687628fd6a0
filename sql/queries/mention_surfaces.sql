-- Every distinct text an entity was mentioned by: its aliases as found in the corpus (every
-- entity when $n_all_entities is 1, else those of $entity_ids).
with final as (
    select distinct surface_text, entity_id
    from core.mentions
    where $n_all_entities = 1 or entity_id in (select unnest($entity_ids))
)

select surface_text, entity_id
from final
order by surface_text, entity_id
