-- The rows of mart.event_dyads the report counts (both sides coded, two different actors), with
-- only the columns its pair, month and actor queries read. The report evaluates it once into the
-- temporary table report_dyads (etl/warehouse/report.py), and those three queries read that:
-- each evaluated the whole view on its own, about 0.5 s apiece at 100,000 pages.
with dyads as (
    select
        coalesce(cluster_id, event_id) as cluster_id,  -- the real event, else the report itself
        event_id,
        article_id,
        goldstein_score,
        event_date,
        event_date_precision,
        confidence,
        source_entity_id,
        source_actor_code,
        source_actor_kind,
        target_entity_id,
        target_actor_code,
        target_actor_kind,
        actor_code_a,
        actor_code_b,
        actor_kind_a,
        actor_kind_b
    from mart.event_dyads
    where
        source_actor_code is not null
        and target_actor_code is not null
        and source_actor_code <> target_actor_code
),

final as (
    select * from dyads
)

select *
from final
