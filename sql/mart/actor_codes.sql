-- One row per actor code the gazetteer knows: the list of actors an event side can be, with the
-- name the pair views show (a state's country name, an organization's or group's own name; a
-- code several organizations share takes the first name).
create or replace view mart.actor_codes as
with final as (
    select
        actor_code,  -- alpha-3 for a state, IGO:, NSA: or ORG: for an organization or group
        min(actor_kind) as actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        min(canonical_name) as actor_name  -- the actor's name
    from core.entities
    where
        actor_code is not null
        and (entity_type = 'country' or (entity_type = 'organization' and actor_kind <> 'state'))
    group by actor_code
)

select * from final
order by actor_code;
