-- One row per event x source x target, with both actors' codes, kinds, states and names. A joint
-- action of several parties (a trilateral summit) gives one row per pair of participants, and an
-- event with two sources or two targets has several rows: count reports with
-- count(distinct event_id) and real events with count(distinct cluster_id), never count(*). An
-- actor's code is its state's alpha-3 when it stands for a state here (a state, a person acting
-- for it, an expanded alliance member), else the organization's own code (IGO:, NSA:, ORG:), as
-- mart.event_actors decides for each side.
create or replace view mart.event_dyads as
with source_target_pairs as (
    select
        s.event_id,
        s.entity_id as source_entity_id,
        s.actor_name as source_name,
        s.actor_code as source_actor_code,
        s.actor_kind as source_actor_kind,
        s.country_code as source_country_code,
        s.country_name as source_country_name,
        s.sector_code as source_sector_code,
        s.via_entity_id as source_via_entity_id,
        t.entity_id as target_entity_id,
        t.actor_name as target_name,
        t.actor_code as target_actor_code,
        t.actor_kind as target_actor_kind,
        t.country_code as target_country_code,
        t.country_name as target_country_name,
        t.sector_code as target_sector_code,
        t.via_entity_id as target_via_entity_id
    from mart.event_actors as s
    inner join mart.event_actors as t on s.event_id = t.event_id
    where s.actor_role = 'source' and t.actor_role = 'target'
),

-- A joint action of co-equal parties (several sources, no target) pairs every two of them.
joint_pairs as (
    select
        a.event_id,
        a.entity_id as source_entity_id,
        a.actor_name as source_name,
        a.actor_code as source_actor_code,
        a.actor_kind as source_actor_kind,
        a.country_code as source_country_code,
        a.country_name as source_country_name,
        a.sector_code as source_sector_code,
        a.via_entity_id as source_via_entity_id,
        b.entity_id as target_entity_id,
        b.actor_name as target_name,
        b.actor_code as target_actor_code,
        b.actor_kind as target_actor_kind,
        b.country_code as target_country_code,
        b.country_name as target_country_name,
        b.sector_code as target_sector_code,
        b.via_entity_id as target_via_entity_id
    from mart.event_actors as a
    inner join mart.event_actors as b on a.event_id = b.event_id and a.actor_code < b.actor_code
    where
        a.actor_role = 'source'
        and b.actor_role = 'source'
        and not exists (
            select 1 from mart.event_actors as t
            where t.event_id = a.event_id and t.actor_role = 'target'
        )
),

pairs as (
    select * from source_target_pairs
    union all
    select * from joint_pairs
),

final as (
    select
        e.event_id,
        c.cluster_id,  -- the real event (shared by its reports)
        e.article_id,
        e.event_type,
        e.event_mode,
        e.event_context,
        e.reality_code,
        e.quad_class,
        e.goldstein_score,
        e.event_date,
        e.event_date_precision,
        e.event_date_method,
        e.event_date_text,
        e.location_entity_id,
        location.canonical_name as location_name,  -- where it happened
        p.source_entity_id,
        p.source_name,  -- the source entity's name (a person, a state, an organization ...)
        p.source_actor_code,  -- the source as an actor: alpha-3, IGO:, NSA: or ORG: code
        p.source_actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        p.source_sector_code,
        p.source_country_code,
        p.source_country_name,  -- name of the state the source stands for
        p.source_via_entity_id,  -- the alliance an expanded member state came from
        p.target_entity_id,
        p.target_name,  -- the target entity's name
        p.target_actor_code,  -- the target as an actor: alpha-3, IGO:, NSA: or ORG: code
        p.target_actor_kind,  -- state, igo, authority, armed_group, party, ngo, media or company
        p.target_sector_code,
        p.target_country_code,
        p.target_country_name,  -- name of the state the target stands for
        p.target_via_entity_id,  -- the alliance an expanded member state came from
        -- The two actors written one way (codes in alphabetical order), as unordered counts pair
        -- them; null when a side has no actor code.
        least(p.source_actor_code, p.target_actor_code) as actor_code_a,
        greatest(p.source_actor_code, p.target_actor_code) as actor_code_b,
        case
            when p.source_actor_code < p.target_actor_code then p.source_actor_kind
            else p.target_actor_kind
        end as actor_kind_a,
        case
            when p.source_actor_code < p.target_actor_code then p.target_actor_kind
            else p.source_actor_kind
        end as actor_kind_b,
        e.is_directed,
        e.is_historical,
        e.trigger_text,
        e.evidence_text,
        e.confidence
    from core.events as e
    inner join pairs as p on e.event_id = p.event_id
    left join core.event_clusters as c on e.event_id = c.event_id
    left join core.entities as location on e.location_entity_id = location.entity_id
)

select * from final;
