-- Sources and targets of each event; country_code is the state the actor stands for in the event.
create table if not exists core.event_actors (
    event_id varchar not null,  -- references core.events(event_id)
    entity_id varchar not null,  -- references core.entities(entity_id)
    actor_role varchar not null,
    country_code varchar,
    sector_code varchar,
    surface_text varchar,
    via_entity_id varchar,
    primary key (event_id, entity_id, actor_role)
);
