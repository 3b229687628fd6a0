-- Surface forms known for each entity (gazetteer names and forms seen in articles).
create table if not exists core.entity_aliases (
    alias_text varchar not null,
    entity_id varchar not null,  -- references core.entities(entity_id)
    language_code varchar,
    primary key (alias_text, entity_id)
);
