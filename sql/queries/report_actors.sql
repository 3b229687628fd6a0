-- The actors given ($actor_codes: those of the report's network pairs, ranked by
-- report_pairs.sql), each with its name and its real events against any other actor: the node
-- size. Reads only the rows of report_dyads (the report's rows of mart.event_dyads, a temporary
-- table) that name one of them.
with shown as (
    select unnest(cast($actor_codes as varchar[])) as actor_code
),

dyads as (
    select
        source_actor_code,
        source_actor_kind,
        target_actor_code,
        target_actor_kind,
        cluster_id
    from report_dyads
    where
        source_actor_code in (select actor_code from shown)
        or target_actor_code in (select actor_code from shown)
),

sides as (
    select
        d.source_actor_code as actor_code,
        d.source_actor_kind as actor_kind,
        d.cluster_id
    from dyads as d
    inner join shown on d.source_actor_code = shown.actor_code
    union all
    select
        d.target_actor_code as actor_code,
        d.target_actor_kind as actor_kind,
        d.cluster_id
    from dyads as d
    inner join shown on d.target_actor_code = shown.actor_code
),

final as (
    select
        s.actor_code,
        coalesce(min(n.actor_name), s.actor_code) as actor_name,
        min(s.actor_kind) as actor_kind,
        count(distinct s.cluster_id) as n_events
    from sides as s
    left join mart.actor_codes as n on s.actor_code = n.actor_code
    group by s.actor_code
)

select *
from final
order by n_events desc, actor_code
