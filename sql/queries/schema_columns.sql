-- The columns of every table of the given schemas, in their declared order (one row per table).
with ordered as (
    select table_schema, table_name, column_name, ordinal_position
    from information_schema.columns
    where table_schema in (select unnest($schema_names))
),

final as (
    select
        table_schema || '.' || table_name as table_name,
        list(column_name order by ordinal_position) as column_names
    from ordered
    group by table_schema, table_name
)

select table_name, column_names
from final
order by table_name
