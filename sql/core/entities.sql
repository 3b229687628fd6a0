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
    member_codes varchar[]
);
