-- Surface forms known for each entity (gazetteer names and forms seen in articles).
create table if not exists core.entity_aliases (
    alias_text varchar not null,  -- a surface form (name, demonym, capital, acronym)
    entity_id varchar not null,  -- the entity it names; references core.entities(entity_id)
    language_code varchar,  -- language of the form (fr)
    primary key (alias_text, entity_id)
);
