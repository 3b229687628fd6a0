-- The columns of one table, in their declared order.
with final as (
    select column_name, ordinal_position
    from information_schema.columns
    where table_schema = $schema_name and table_name = $table_name
)

select column_name
from final
order by ordinal_position
