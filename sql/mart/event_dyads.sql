-- One row per event x source x target, with both actors' states and names.
create or replace view mart.event_dyads as
with sources as (
    select event_id, entity_id, country_code, sector_code, surface_text
    from core.event_actors
    where actor_role = 'source'
),

targets as (
    select event_id, entity_id, country_code, sector_code, surface_text
    from core.event_actors
    where actor_role = 'target'
),

final as (
    select
        e.event_id,
        c.cluster_id,
        e.article_id,
        e.event_type,
        e.event_mode,
        e.event_context,
        e.quad_class,
        e.goldstein_score,
        e.event_date,
        e.event_date_precision,
        e.event_date_method,
        s.entity_id as source_entity_id,
        source_entity.canonical_name as source_name,
        s.sector_code as source_sector_code,
        s.country_code as source_country_code,
        source_country.canonical_name as source_country_name,
        t.entity_id as target_entity_id,
        target_entity.canonical_name as target_name,
        t.sector_code as target_sector_code,
        t.country_code as target_country_code,
        target_country.canonical_name as target_country_name,
        e.is_directed,
        e.is_historical,
        e.evidence_text,
        e.confidence
    from core.events as e
    inner join sources as s on e.event_id = s.event_id
    inner join targets as t on e.event_id = t.event_id
    left join core.event_clusters as c on e.event_id = c.event_id
    left join core.entities as source_entity on s.entity_id = source_entity.entity_id
    left join core.entities as target_entity on t.entity_id = target_entity.entity_id
    left join core.entities as source_country
        on source_country.entity_id = 'country:' || s.country_code
    left join core.entities as target_country
        on target_country.entity_id = 'country:' || t.country_code
)

select * from final;
