-- Dated real events in order: one row per event cluster and actor pair (states, organizations,
-- armed groups), best evidence first-class. reality_code tells what happened (asserted) from
-- what was planned, threatened or refused (intended).
create or replace view mart.chronology as
with reports as (
    select
        coalesce(d.cluster_id, d.event_id) as cluster_id,
        d.event_id,
        d.article_id,
        d.event_type,
        d.event_mode,
        d.reality_code,
        d.quad_class,
        d.goldstein_score,
        d.event_date,
        d.event_date_precision,
        d.event_date_method,
        d.location_entity_id,
        d.location_name,
        d.source_name,
        d.target_name,
        d.source_country_name,
        d.target_country_name,
        d.source_entity_id,
        d.target_entity_id,
        d.source_via_entity_id,
        d.target_via_entity_id,
        d.source_actor_code,
        d.source_actor_kind,
        d.target_actor_code,
        d.target_actor_kind,
        d.source_country_code,
        d.target_country_code,
        d.is_historical,
        d.evidence_text,
        d.confidence,
        a.title,
        a.outlet_name,
        a.published_date,
        f.file_name
    from mart.event_dyads as d
    inner join core.articles as a on d.article_id = a.article_id
    inner join raw.documents as f on a.document_id = f.document_id
    where
        d.event_date is not null
        and d.source_actor_code is not null
        and d.target_actor_code is not null
        and d.source_actor_code <> d.target_actor_code
),

-- The clearest report (highest confidence, then the most precise date) speaks for the cluster.
ranked as (
    select
        *,
        row_number() over (
            partition by cluster_id, source_actor_code, target_actor_code
            order by
                confidence desc,
                case event_date_precision when 'day' then 0 when 'month' then 1 else 2 end,
                event_id,
                -- One report can name a side twice (a person and their state): never a coin toss.
                source_entity_id,
                target_entity_id
        ) as report_rank
    from reports
),

sources as (
    select
        cluster_id,
        source_actor_code,
        target_actor_code,
        count(distinct article_id) as n_articles,
        list(distinct article_id order by article_id nulls first) as article_ids,
        list(distinct file_name order by file_name nulls first) as file_names
    from reports
    group by cluster_id, source_actor_code, target_actor_code
),

final as (
    select
        r.cluster_id,  -- the real event (shared by its reports)
        r.event_date,
        r.event_date_precision,
        r.event_date_method,
        r.source_country_code,
        r.source_country_name,
        r.target_country_code,
        r.target_country_name,
        r.source_actor_code,  -- the source as an actor: alpha-3, IGO:, NSA: or ORG: code
        r.source_actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        r.target_actor_code,  -- the target as an actor: alpha-3, IGO:, NSA: or ORG: code
        r.target_actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        r.source_name,  -- the source entity of the best report (a person, a state ...)
        r.target_name,  -- the target entity of the best report
        r.source_via_entity_id,  -- the alliance an expanded member state came from
        r.target_via_entity_id,  -- the alliance an expanded member state came from
        r.event_type,
        r.event_mode,
        r.reality_code,  -- asserted or intended (planned, refused ...): filter on it for facts
        r.location_entity_id,
        r.location_name,
        r.quad_class,
        r.goldstein_score,
        r.is_historical,
        r.evidence_text,
        r.title,
        r.outlet_name,
        r.published_date,
        r.file_name,
        s.n_articles,  -- distinct articles reporting them
        s.article_ids,  -- every reporting article
        s.file_names  -- every reporting file
    from ranked as r
    inner join sources as s
        on
            r.cluster_id = s.cluster_id
            and r.source_actor_code = s.source_actor_code
            and r.target_actor_code = s.target_actor_code
    where r.report_rank = 1
)

select * from final
order by event_date, cluster_id, source_actor_code, target_actor_code;
