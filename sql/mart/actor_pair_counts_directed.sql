-- Per ordered (source state, target state) pair, both sides acting as states: the same counts as
-- actor_pair_counts (the rows of mart.actor_dyad_counts_directed whose two actors are states).
create or replace view mart.actor_pair_counts_directed as
with final as (
    select
        source_actor_code as source_country_code,  -- the source state (ISO alpha-3)
        source_actor_name as source_country_name,  -- name of the source state
        target_actor_code as target_country_code,  -- the target state (ISO alpha-3)
        target_actor_name as target_country_name,  -- name of the target state
        n_events,  -- distinct real events (event clusters) where both sides act as states
        n_articles,  -- distinct articles reporting them
        n_reports,  -- distinct event reports (core.events rows)
        n_verbal_cooperation,  -- events of quad class 1
        n_material_cooperation,  -- events of quad class 2
        n_verbal_conflict,  -- events of quad class 3
        n_material_conflict,  -- events of quad class 4
        first_event_date,  -- earliest event date
        last_event_date,  -- latest event date
        mean_goldstein_score  -- mean Goldstein score, each event weighed once
    from mart.actor_dyad_counts_directed
    where source_actor_kind = 'state' and target_actor_kind = 'state'
)

select * from final
order by n_events desc, source_country_code, target_country_code;
