-- Canonical actors and places; entity_id is a stable slug shared by every corpus.
create table if not exists core.entities (
    entity_id varchar primary key,
    entity_type varchar not null,
    canonical_name varchar not null,
    country_code varchar,
    sector_code varchar,
    role_name varchar,
    wikidata_id varchar,
    org_kind varchar,
    member_codes varchar[],
    -- Who the entity is as one side of an event: the state's alpha-3 for states, their agents and
    -- regular forces; IGO:<id>, NSA:<id> or ORG:<id> for an organization acting as such.
    actor_code varchar,
    actor_kind varchar
);
