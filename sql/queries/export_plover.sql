-- One PLOVER JSON record per event report (dyad export --format plover): the spec's fields, with
-- actor and recipient as lists of entities, text_info (the sentence and its offsets in
-- core.articles.body) and cite_info (the page it came from).
with sides as (
    select
        a.event_id,
        a.actor_role,
        list(
            struct_pack(
                code := case
                    when coalesce(e.actor_kind, 'state') = 'state' then a.country_code
                    else e.actor_code
                end,
                sector := a.sector_code,
                entity := a.surface_text,
                entity_id := a.entity_id,
                name := e.canonical_name,
                country := a.country_code,
                wikidata_id := e.wikidata_id,
                via_entity_id := a.via_entity_id
            )
            order by a.entity_id
        ) as entities
    from core.event_actors as a
    left join core.entities as e on a.entity_id = e.entity_id
    group by a.event_id, a.actor_role
),

final as (
    select
        ev.event_id as id,
        ev.event_date as date,
        ev.event_date_precision as date_precision,
        ev.event_type as event,
        ev.event_mode as mode,
        case when ev.event_context is null then [] else [ev.event_context] end as context,
        ev.reality_code as reality,
        coalesce(source_side.entities, []) as actor,
        coalesce(target_side.entities, []) as recipient,
        ev.quad_class,
        ev.goldstein_score,
        ev.cameo_root_code,
        ev.confidence,
        case
            when ev.location_entity_id is not null
                then struct_pack(
                    location_id := ev.location_entity_id,
                    name := place.canonical_name,
                    country := place.country_code
                )
        end as geolocation,
        struct_pack(
            sentence := ev.evidence_text,
            start := ev.evidence_char_start,
            "end" := ev.evidence_char_end,
            sentence_index := ev.sentence_index,
            trigger := ev.trigger_text,
            date_text := ev.event_date_text,
            date_method := ev.event_date_method
        ) as text_info,
        struct_pack(
            file := doc.file_name,
            outlet := art.outlet_name,
            url := art.page_url,
            language := art.language_code,
            title := art.title,
            published_date := art.published_date,
            article_id := art.article_id
        ) as cite_info
    from core.events as ev
    inner join core.articles as art on ev.article_id = art.article_id
    inner join raw.documents as doc on art.document_id = doc.document_id
    left join sides as source_side
        on ev.event_id = source_side.event_id and source_side.actor_role = 'source'
    left join sides as target_side
        on ev.event_id = target_side.event_id and target_side.actor_role = 'target'
    left join core.entities as place on ev.location_entity_id = place.entity_id
)

select * from final
order by date nulls last, id
