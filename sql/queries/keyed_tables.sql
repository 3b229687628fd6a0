-- Tables of the given schemas that DuckDB holds a primary-key index for (a warehouse made before
-- the keys were left to the asset checks has one on every keyed table).
with keyed as (
    select distinct schema_name, table_name
    from duckdb_constraints()
    where constraint_type = 'PRIMARY KEY' and schema_name in (select unnest($schema_names))
),

final as (
    select schema_name || '.' || table_name as table_name
    from keyed
)

select table_name
from final
order by table_name
