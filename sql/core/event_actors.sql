-- Sources and targets of each event; country_code is the state the actor stands for in the event.
create table if not exists core.event_actors (
    event_id varchar not null,  -- the event; references core.events(event_id)
    entity_id varchar not null,  -- the actor; references core.entities(entity_id)
    actor_role varchar not null,  -- source (who acts) or target (who is acted upon)
    country_code varchar,  -- the state the actor stands for in this event (ISO alpha-3)
    sector_code varchar,  -- PLOVER sector of the actor here (GOV, MIL ...)
    surface_text varchar,  -- how the sentence names the actor
    via_entity_id varchar,  -- the alliance an expanded member state came from
    primary key (event_id, entity_id, actor_role)
);
