"""DuckDB access: the only place that opens the warehouse file.

Every write goes through :func:`replace_rows`, which swaps a table's rows inside one transaction,
so a crash mid-run leaves the previous rows intact instead of a half-written table.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
import polars as pl

from etl.config import SQL_DIR

# Tables in dependency order; each has its DDL in sql/<schema>/<table>.sql.
TABLES: tuple[str, ...] = (
    "raw.documents",
    "raw.document_files",
    "core.articles",
    "core.article_segments",
    "core.sentences",
    "core.entities",
    "core.entity_aliases",
    "core.mentions",
    "core.events",
    "core.event_actors",
    "core.event_clusters",
)
VIEWS: tuple[str, ...] = (
    "mart.event_dyads",
    "mart.actor_pair_counts",
    "mart.actor_pair_counts_directed",
    "mart.chronology",
)


def sql_file(name: str) -> Path:
    """Path of the SQL file defining ``schema.object``."""
    schema, obj = name.split(".")
    return SQL_DIR / schema / f"{obj}.sql"


def read_sql(name: str) -> str:
    return sql_file(name).read_text(encoding="utf-8")


@contextlib.contextmanager
def connect(
    path: Path | str, *, read_only: bool = False, timeout_s: float = 60.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB file, waiting while another process holds its lock, and always close it."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            # DuckDB allows one read-write process per file; another writer or reader holds it.
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        yield conn
    finally:
        conn.close()


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the schemas and every contract table that does not exist yet."""
    conn.execute((SQL_DIR / "schemas.sql").read_text(encoding="utf-8"))
    for table in TABLES:
        conn.execute(read_sql(table))


def create_views(conn: duckdb.DuckDBPyConnection, names: Sequence[str] = VIEWS) -> None:
    for view in names:
        conn.execute(read_sql(view))


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    rows = conn.execute(
        "select column_name from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, name],
    ).fetchall()
    return [r[0] for r in rows]


def _quoted(table: str) -> str:
    # Table names come from the fixed TABLES tuple, never from input; quoting guards the identifier.
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    schema, name = table.split(".")
    return f'"{schema}"."{name}"'


def read_table(conn: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    return conn.execute(f"select * from {_quoted(table)}").pl()  # noqa: S608


def replace_rows(
    conn: duckdb.DuckDBPyConnection,
    tables: dict[str, pl.DataFrame],
    *,
    key_column: str | None = None,
    keys: Sequence[str] | None = None,
) -> None:
    """Replace rows of several tables atomically.

    Without ``keys`` each table is emptied first; with ``keys`` only rows whose ``key_column`` is in
    ``keys`` are deleted, which is how an incremental run swaps the rows of changed documents.
    """
    if key_column is not None and not key_column.isidentifier():
        raise ValueError(f"bad key column {key_column!r}")
    conn.execute("begin transaction")
    try:
        for table, frame in tables.items():
            target = _quoted(table)
            if keys is None:
                conn.execute(f"delete from {target}")  # noqa: S608
            else:
                conn.execute(
                    f"delete from {target} where {key_column} in (select unnest(?))",  # noqa: S608
                    [list(keys)],
                )
            if frame.height:
                columns = table_columns(conn, table)
                staged = frame.select(columns)  # noqa: F841 - read by DuckDB's replacement scan
                conn.execute(f"insert into {target} by name select * from staged")  # noqa: S608
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    row = conn.execute(f"select count(*) from {_quoted(table)}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0
