-- Real events (clusters) and event reports per PLOVER quad class, from the event-level view.
with final as (
    select
        quad_class,
        count(distinct coalesce(cluster_id, event_id)) as n_events,
        count(*) as n_reports
    from mart.events
    group by quad_class
)

select *
from final
order by quad_class
