"""DuckDB access: the only package that opens the warehouse file.

``connection`` opens files, runs transactions, creates the schema and holds the run lock;
``tables`` reads and swaps rows; ``records`` maps records to rows and frames; ``publish`` makes
the analysts' snapshot; ``files`` checks the folder and clears what a killed run left;
``export`` transpiles the SQL for other engines.
"""

from etl.warehouse.connection import (
    RunLocked,
    connect,
    create_views,
    ensure_schema,
    run_lock,
    transaction,
)
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
    sync_rows,
    table_columns,
)

__all__ = [
    "RunLocked",
    "article_rows",
    "connect",
    "count_rows",
    "create_views",
    "ensure_schema",
    "overwrite",
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
    "sync_rows",
    "table_columns",
    "transaction",
]
