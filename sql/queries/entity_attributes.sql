-- The country and role a mentioned entity gets from all of its mentions: the most frequent
-- non-empty value, ties to the alphabetically first, so one article cannot overrule the rest and
-- reruns agree. Aggregated here so the entity stage never loads the mentions into memory.
-- Every mentioned entity when $n_all_entities is 1, else those of $entity_ids (an incremental
-- run: only the entities the changed articles mention or mentioned can change).
with scoped as (
    select entity_id, country_code, role_name
    from core.mentions
    where $n_all_entities = 1 or entity_id in (select unnest($entity_ids))
),

country_counts as (
    select entity_id, country_code, count(*) as n_mentions
    from scoped
    where country_code <> ''
    group by entity_id, country_code
),

country_ranked as (
    select
        entity_id,
        country_code,
        row_number() over (
            partition by entity_id order by n_mentions desc, country_code
        ) as rank_n
    from country_counts
),

role_counts as (
    select entity_id, role_name, count(*) as n_mentions
    from scoped
    where role_name <> ''
    group by entity_id, role_name
),

role_ranked as (
    select
        entity_id,
        role_name,
        row_number() over (
            partition by entity_id order by n_mentions desc, role_name
        ) as rank_n
    from role_counts
),

mentioned as (
    select distinct entity_id
    from scoped
),

final as (
    select
        mentioned.entity_id,
        country_ranked.country_code,
        role_ranked.role_name
    from mentioned
    left join country_ranked
        on mentioned.entity_id = country_ranked.entity_id and country_ranked.rank_n = 1
    left join role_ranked
        on mentioned.entity_id = role_ranked.entity_id and role_ranked.rank_n = 1
)

select entity_id, country_code, role_name
from final
order by entity_id
