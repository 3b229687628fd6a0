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
    -- Organizations only, from organizations_fr.tsv: when it existed under this identity (a
    -- partial date in the data is widened: valid_from to the first day, valid_to to the last)
    -- and the organization it took over from or was replaced by (Wagner -> Africa Corps).
    valid_from date,
    valid_to date,
    predecessor_id varchar,  -- an organization's entity_id (not a declared reference: mostly null)
    successor_id varchar,
    -- Who the entity is as one side of an event: the state's alpha-3 for states, their agents and
    -- regular forces; IGO:<id>, NSA:<id> or ORG:<id> for an organization acting as such.
    actor_code varchar,
    actor_kind varchar
);
