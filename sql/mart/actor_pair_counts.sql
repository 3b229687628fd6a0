-- Per unordered pair of states, counting an event only where both sides act as states (a state,
-- its agents or forces, a person acting for it, a member expanded from an alliance; actor_code =
-- country_code): distinct real events (clusters), reports, quad classes, dates. An organization
-- or an armed group keeps its state as country_code but is never counted as that state here:
-- Hamas against Israel or the RSF against the Sudanese army are in mart.actor_dyad_counts only.
-- These are the rows of mart.actor_dyad_counts whose two actors are states, as dyad evaluate
-- scores state pairs.
create or replace view mart.actor_pair_counts as
with final as (
    select
        actor_code_a as country_code_a,  -- the lesser state code of the pair (ISO alpha-3)
        actor_name_a as country_name_a,  -- name of state a
        actor_code_b as country_code_b,  -- the greater state code of the pair (ISO alpha-3)
        actor_name_b as country_name_b,  -- name of state b
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
    from mart.actor_dyad_counts
    where actor_kind_a = 'state' and actor_kind_b = 'state'
)

select * from final
order by n_events desc, country_code_a, country_code_b;
