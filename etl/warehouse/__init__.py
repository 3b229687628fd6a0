"""DuckDB access: the only package that opens the warehouse file.

``connection`` opens files, runs transactions, creates the schema and holds the run lock;
``tables`` reads and swaps rows; ``records`` maps records to rows and frames; ``publish`` makes
the analysts' snapshot; ``files`` checks the folder and clears what a killed run left;
``export`` transpiles the SQL for other engines.
"""

from etl.warehouse.connection import (
    RunLocked,
    connect,
    connect_locked,
    create_views,
    ensure_schema,
    run_lock,
    transaction,
)
from etl.warehouse.files import RefusedEmpty, WarehouseError, check_folder, prepare_run
from etl.warehouse.publish import publish
from etl.warehouse.tables import (
    article_rows,
    count_rows,
    overwrite,
    query,
    read_query,
    read_table,
    replace_article_rows,
    replace_rows,
    scalar,
    stage_inputs,
    stream_article_rows,
    table_columns,
)

__all__ = [
    "RefusedEmpty",
    "RunLocked",
    "WarehouseError",
    "article_rows",
    "check_folder",
    "connect",
    "connect_locked",
    "count_rows",
    "create_views",
    "ensure_schema",
    "overwrite",
    "prepare_run",
    "publish",
    "query",
    "read_query",
    "read_table",
    "replace_article_rows",
    "replace_rows",
    "run_lock",
    "scalar",
    "stage_inputs",
    "stream_article_rows",
    "table_columns",
    "transaction",
]
