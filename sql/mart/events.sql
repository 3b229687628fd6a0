-- One row per event report (a core.events row), with its sources and targets as lists: the view
-- to count events with. count(*) counts reports; count(distinct cluster_id) counts real events.
-- (mart.event_dyads has one row per actor pair, so its count(*) overcounts.) Each actor list is
-- a sorted set of its own (distinct values, so a person and their state give one code): filter
-- with list_contains(source_actor_codes, 'FRA'); for who paired with whom use mart.event_dyads.
-- A side nobody names is an empty list.
create or replace view mart.events as
-- Each side's actors as mart.event_actors codes them. "nulls first" is a no-op here (nulls are
-- filtered out) that lets BigQuery take the ordered aggregate (dyad sql-export); every list is
-- sorted by its own value so Spark can sort it too.
with sides as (
    select
        event_id,
        actor_role,
        list(distinct entity_id order by entity_id nulls first) as entity_ids,
        list(distinct actor_code order by actor_code nulls first)
            filter (where actor_code is not null) as actor_codes,
        list(distinct actor_name order by actor_name nulls first)
            filter (where actor_name is not null) as actor_names,
        list(distinct actor_kind order by actor_kind nulls first)
            filter (where actor_kind is not null) as actor_kinds,
        list(distinct country_code order by country_code nulls first)
            filter (where country_code is not null) as country_codes
    from mart.event_actors
    group by event_id, actor_role
),

final as (
    select
        ev.event_id,
        c.cluster_id,  -- the real event (shared by its reports); count events by it
        ev.event_date,
        ev.event_date_precision,
        ev.event_date_method,
        ev.event_type,
        ev.event_mode,
        ev.event_context,
        ev.reality_code,  -- asserted or intended (planned, refused ...): filter on it for facts
        ev.cameo_root_code,
        ev.quad_class,
        ev.goldstein_score,
        ev.location_entity_id,
        place.canonical_name as location_name,  -- where it happened
        coalesce(s.entity_ids, cast([] as varchar[]))
            as source_entity_ids,  -- the sources' entities
        coalesce(s.actor_codes, cast([] as varchar[]))
            as source_actor_codes,  -- alpha-3, IGO:, NSA: or ORG: codes
        coalesce(s.actor_names, cast([] as varchar[]))
            as source_actor_names,  -- the sources' names
        coalesce(s.actor_kinds, cast([] as varchar[]))
            as source_actor_kinds,  -- state, igo, armed_group, party ...
        coalesce(s.country_codes, cast([] as varchar[]))
            as source_country_codes,  -- the states the sources stand for
        coalesce(t.entity_ids, cast([] as varchar[]))
            as target_entity_ids,  -- the targets' entities
        coalesce(t.actor_codes, cast([] as varchar[]))
            as target_actor_codes,  -- alpha-3, IGO:, NSA: or ORG: codes
        coalesce(t.actor_names, cast([] as varchar[]))
            as target_actor_names,  -- the targets' names
        coalesce(t.actor_kinds, cast([] as varchar[]))
            as target_actor_kinds,  -- state, igo, armed_group, party ...
        coalesce(t.country_codes, cast([] as varchar[]))
            as target_country_codes,  -- the states the targets stand for
        ev.is_directed,
        ev.is_historical,
        ev.trigger_text,
        ev.evidence_text,
        ev.confidence,
        ev.article_id,
        art.title,
        art.outlet_name,
        art.published_date,
        doc.file_name
    from core.events as ev
    inner join core.articles as art on ev.article_id = art.article_id
    inner join raw.documents as doc on art.document_id = doc.document_id
    left join core.event_clusters as c on ev.event_id = c.event_id
    left join sides as s on ev.event_id = s.event_id and s.actor_role = 'source'
    left join sides as t on ev.event_id = t.event_id and t.actor_role = 'target'
    left join core.entities as place on ev.location_entity_id = place.entity_id
)

select * from final
order by event_date nulls last, event_id;
