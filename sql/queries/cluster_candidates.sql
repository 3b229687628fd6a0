-- Reports that may share a cluster group with some others: of one of the given PLOVER types, with
-- an actor among the given keys (a state's code, else the entity: as the clustering counts it).
-- One row per candidate and actor; the caller keeps the candidates whose whole group matches.
with candidates as (
    select distinct actors.event_id
    from core.event_actors as actors
    inner join core.events as events on actors.event_id = events.event_id
    where
        coalesce(nullif(actors.country_code, ''), actors.entity_id)
        in (select unnest($actor_ids))
        and events.event_type in (select unnest($event_types))
),

final as (
    select
        actors.event_id,
        actors.country_code,
        actors.entity_id
    from core.event_actors as actors
    inner join candidates on actors.event_id = candidates.event_id
)

select event_id, country_code, entity_id
from final
order by event_id, entity_id
