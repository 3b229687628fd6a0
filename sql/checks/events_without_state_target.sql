-- Events of a type that needs a target (bound to $event_types) with no target resolved to a state
-- or an organization, unless two or more states act jointly as sources.
with state_targets as (
    select distinct event_id
    from core.event_actors
    where
        actor_role = 'target'
        and (country_code is not null or entity_id like 'organization:%')
),

source_states as (
    select event_id, count(distinct country_code) as n_states
    from core.event_actors
    where actor_role = 'source'
    group by event_id
),

final as (
    select events.event_id
    from core.events as events
    left join state_targets on events.event_id = state_targets.event_id
    left join source_states on events.event_id = source_states.event_id
    where
        events.event_type in (select unnest($event_types))
        and state_targets.event_id is null
        and coalesce(source_states.n_states, 0) < 2
)

select count(*) as n_events
from final
