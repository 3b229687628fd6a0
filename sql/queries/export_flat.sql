-- One row per event report with the columns a GDELT or ACLED user looks for (dyad export --format
-- flat). An event with several sources or targets lists them in one cell, separated by "; ".
with sides as (
    select
        event_id,
        actor_role,
        string_agg(actor_name, '; ' order by entity_id) as actor_names,
        string_agg(actor_code, '; ' order by entity_id) as actor_codes,
        string_agg(actor_kind, '; ' order by entity_id) as actor_kinds,
        string_agg(country_code, '; ' order by entity_id) as country_codes,
        string_agg(sector_code, '; ' order by entity_id) as sector_codes
    from mart.event_actors
    group by event_id, actor_role
),

final as (
    select
        ev.event_id,
        c.cluster_id,
        ev.event_date,
        ev.event_date_precision,
        s.actor_names as actor1_name,
        s.actor_codes as actor1_code,
        s.actor_kinds as actor1_kind,
        s.country_codes as actor1_country_code,
        s.sector_codes as actor1_sector_code,
        t.actor_names as actor2_name,
        t.actor_codes as actor2_code,
        t.actor_kinds as actor2_kind,
        t.country_codes as actor2_country_code,
        t.sector_codes as actor2_sector_code,
        ev.event_type,
        ev.event_mode,
        ev.event_context,
        ev.reality_code,
        ev.cameo_root_code,
        ev.quad_class,
        ev.goldstein_score,
        ev.location_entity_id,
        place.canonical_name as location_name,
        place.country_code as location_country_code,
        ev.evidence_text,
        ev.trigger_text,
        ev.is_directed,
        ev.is_historical,
        ev.confidence,
        art.outlet_name,
        art.page_url,
        art.title,
        art.published_date,
        doc.file_name,
        ev.article_id
    from core.events as ev
    inner join core.articles as art on ev.article_id = art.article_id
    inner join raw.documents as doc on art.document_id = doc.document_id
    left join core.event_clusters as c on ev.event_id = c.event_id
    left join sides as s on ev.event_id = s.event_id and s.actor_role = 'source'
    left join sides as t on ev.event_id = t.event_id and t.actor_role = 'target'
    left join core.entities as place on ev.location_entity_id = place.entity_id
)

select * from final
order by event_date nulls last, event_id
