-- One row per event and side (a core.event_actors row): who the actor is as one side of the
-- event. The one place that says how a side becomes an actor, which every other view and export
-- reads: a state, its agents, a person acting for it or an expanded alliance member acts as its
-- state (actor_code is its alpha-3, equal to country_code, actor_kind state); an organization or
-- a group acting as such keeps its own code (IGO:, NSA:, ORG:) and kind, while country_code still
-- names the state it belongs to (Hamas: NSA:hamas, PSE).
create or replace view mart.event_actors as
with sides as (
    select
        a.event_id,
        a.actor_role,
        a.entity_id,
        coalesce(e.canonical_name, a.surface_text) as actor_name,
        case
            when coalesce(e.actor_kind, 'state') = 'state' then a.country_code
            else e.actor_code
        end as actor_code,
        case
            when coalesce(e.actor_kind, 'state') <> 'state' then e.actor_kind
            when a.country_code is not null then 'state'
        end as actor_kind,
        a.country_code,
        a.sector_code,
        a.surface_text,
        a.via_entity_id
    from core.event_actors as a
    left join core.entities as e on a.entity_id = e.entity_id
),

final as (
    select
        s.event_id,
        s.actor_role,
        s.entity_id,
        s.actor_name,  -- the entity's display name, else how the sentence names the actor
        s.actor_code,  -- the side as an actor: alpha-3 for a state or its agents, IGO:, NSA:, ORG:
        s.actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        s.country_code,
        country.canonical_name as country_name,  -- name of the state the actor stands for
        s.sector_code,
        s.surface_text,
        s.via_entity_id,
        s.via_entity_id is not null as is_expanded,  -- a member state expanded from an alliance
        coalesce(s.actor_kind = 'state', false) as is_state  -- the side acts as a state here
    from sides as s
    left join core.entities as country on country.entity_id = 'country:' || s.country_code
)

select * from final;
