-- The columns of one table or view with their types, in their declared order (the UI's schema).
with final as (
    select column_name, data_type, ordinal_position
    from information_schema.columns
    where table_schema = $schema_name and table_name = $table_name
)

select column_name, data_type
from final
order by ordinal_position
