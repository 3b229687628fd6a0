-- Canonical actors and places; entity_id is a stable slug shared by every corpus.
create table if not exists core.entities (
    entity_id varchar primary key,  -- stable slug (country:MLI, organization:ecowas, person:...)
    entity_type varchar not null,  -- country, organization, person or location
    canonical_name varchar not null,  -- display name (French)
    country_code varchar,  -- ISO alpha-3 of the state it belongs to or stands for
    sector_code varchar,  -- PLOVER sector (GOV, MIL, IGO, REB ...)
    role_name varchar,  -- a person's most frequent role (président, ministre ...)
    wikidata_id varchar,  -- Wikidata Q-id where known
    org_kind varchar,  -- an organization's kind (igo, alliance, rebel, jihadist, pmc, party ...)
    member_codes varchar[],  -- an alliance's member states (ISO alpha-3)
    -- Organizations only, from organizations_fr.tsv: when it existed under this identity (a
    -- partial date in the data is widened: valid_from to the first day, valid_to to the last)
    -- and the organization it took over from or was replaced by (Wagner -> Africa Corps).
    valid_from date,  -- first day it existed under this identity
    valid_to date,  -- last day it existed under this identity
    predecessor_id varchar,  -- an organization's entity_id (not a declared reference: mostly null)
    successor_id varchar,  -- the organization that replaced it
    -- Who the entity is as one side of an event: the state's alpha-3 for states, their agents and
    -- regular forces; IGO:<id>, NSA:<id> or ORG:<id> for an organization acting as such.
    actor_code varchar,  -- code as one side of an event (MLI, IGO:ecowas, NSA:m23, ORG:...)
    actor_kind varchar  -- state, igo, armed_group, party, ngo, media or company
);
