-- Real events per month for the pairs given ($pair_a_codes[i], $pair_b_codes[i]: the report's
-- timeline, ranked by report_pairs.sql). Each event's date is mart.chronology's: that of the
-- clearest report of the cluster for each direction. Only dates known to the month or better: a
-- year-only date would pile up in January. The chronology's choice is made here for the given
-- pairs only (same filters, same order), from the report's rows of mart.event_dyads
-- (report_dyads.sql, a temporary table), so the query never evaluates the whole view.
with pairs as (
    select
        unnest(cast($pair_a_codes as varchar[])) as actor_code_a,
        unnest(cast($pair_b_codes as varchar[])) as actor_code_b
),

reports as (
    select
        d.cluster_id,
        d.event_id,
        d.source_actor_code,
        d.target_actor_code,
        d.source_entity_id,
        d.target_entity_id,
        d.event_date,
        d.event_date_precision,
        d.confidence,
        d.actor_code_a,
        d.actor_code_b
    from report_dyads as d
    inner join pairs as p
        on d.actor_code_a = p.actor_code_a and d.actor_code_b = p.actor_code_b
    inner join core.articles as a on d.article_id = a.article_id
    inner join raw.documents as f on a.document_id = f.document_id
    where d.event_date is not null
),

-- As mart.chronology ranks a cluster's reports (keep both in step).
ranked as (
    select
        *,
        row_number() over (
            partition by cluster_id, source_actor_code, target_actor_code
            order by
                confidence desc,
                case event_date_precision when 'day' then 0 when 'month' then 1 else 2 end,
                event_id,
                source_entity_id,
                target_entity_id
        ) as report_rank
    from reports
),

final as (
    select
        actor_code_a,
        actor_code_b,
        cast(date_trunc('month', event_date) as date) as event_month,
        count(distinct cluster_id) as n_events
    from ranked
    where report_rank = 1 and event_date_precision <> 'year'
    group by actor_code_a, actor_code_b, event_month
)

select *
from final
order by actor_code_a, actor_code_b, event_month
