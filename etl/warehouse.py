"""DuckDB access: the only place that opens the warehouse file.

Every write goes through :func:`replace_rows`, which swaps a table's rows inside one transaction,
so a crash mid-run leaves the previous rows intact instead of a half-written table.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    "core.stage_inputs",
)
VIEWS: tuple[str, ...] = (
    "mart.event_dyads",
    "mart.actor_pair_counts",
    "mart.actor_pair_counts_directed",
    "mart.chronology",
)


# Read-only queries the stages run (aggregations kept out of Python memory), in sql/queries/.
QUERY_DIR = SQL_DIR / "queries"
QUERIES: tuple[str, ...] = ("entity_attributes", "mention_surfaces")


def read_query(name: str) -> str:
    if name not in QUERIES:
        raise ValueError(f"unknown query {name!r}")
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(conn: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    return conn.execute(read_query(name)).pl()


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


def article_rows(
    conn: duckdb.DuckDBPyConnection, table: str, article_ids: Sequence[str]
) -> pl.DataFrame:
    """The rows of an article-keyed table that belong to ``article_ids``."""
    return conn.execute(
        f"select * from {_quoted(table)} where article_id in (select unnest(?))",  # noqa: S608
        [list(article_ids)],
    ).pl()


@contextlib.contextmanager
def _transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything inside commits together or not at all."""
    conn.execute("begin transaction")
    try:
        yield
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def _insert(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append a frame's rows, matched to the table's columns by name (a frame column the table
    lacks is an error, not silently dropped)."""
    if frame.height:
        staged = frame  # noqa: F841 - DuckDB reads the local by name
        conn.execute(f"insert into {_quoted(table)} by name select * from staged")  # noqa: S608


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
    with _transaction(conn):
        overwrite(conn, tables, key_column=key_column, keys=keys)


def overwrite(
    conn: duckdb.DuckDBPyConnection,
    tables: dict[str, pl.DataFrame],
    *,
    key_column: str | None = None,
    keys: Sequence[str] | None = None,
) -> None:
    """:func:`replace_rows` inside a transaction the caller already holds."""
    if key_column is not None and not key_column.isidentifier():
        raise ValueError(f"bad key column {key_column!r}")
    for table, frame in tables.items():
        target = _quoted(table)
        if keys is None:
            conn.execute(f"delete from {target}")  # noqa: S608
        else:
            conn.execute(
                f"delete from {target} where {key_column} in (select unnest(?))",  # noqa: S608
                [list(keys)],
            )
        _insert(conn, table, frame)


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    row = conn.execute(f"select count(*) from {_quoted(table)}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


# Rows of these tables belong to one article; event_actors through their event.
_ARTICLE_SCOPED: dict[str, str] = {
    "core.article_segments": "article_id in (select unnest(?))",
    "core.articles": "article_id in (select unnest(?))",
    "core.sentences": "article_id in (select unnest(?))",
    "core.mentions": "article_id in (select unnest(?))",
    "core.event_actors": (
        "event_id in (select event_id from core.events where article_id in (select unnest(?)))"
    ),
    "core.events": "article_id in (select unnest(?))",
}


FLUSH_ROWS = 20_000


def stage_inputs(conn: duckdb.DuckDBPyConnection, stage: str) -> dict[str, str]:
    """What ``stage`` last processed: article_id -> input hash."""
    rows = conn.execute(
        "select article_id, input_hash from core.stage_inputs where stage_name = ?", [stage]
    ).fetchall()
    return dict(rows)


def replace_article_rows(
    conn: duckdb.DuckDBPyConnection,
    stage: str,
    tables: dict[str, pl.DataFrame],
    article_ids: Sequence[str],
    inputs: dict[str, str],
) -> None:
    """Swap the rows of ``article_ids`` in a stage's tables and record the inputs, atomically.

    ``tables`` must be given parents last (event_actors before events) because child rows are
    found through their parents.
    """
    stream_article_rows(conn, stage, list(tables), article_ids, inputs, [tables])


def stream_article_rows(
    conn: duckdb.DuckDBPyConnection,
    stage: str,
    table_names: Sequence[str],
    article_ids: Sequence[str],
    inputs: dict[str, str],
    batches: Iterable[dict[str, pl.DataFrame]],
    finish: Callable[[], None] | None = None,
) -> None:
    """Like :func:`replace_article_rows`, with the new rows arriving batch by batch.

    Each batch is inserted as it comes, so memory holds one batch, not the run; everything still
    commits in one transaction with the ledger, so a crash mid-run leaves the old rows. The
    batches may be produced lazily by code that reads through ``conn`` (same transaction).
    ``finish`` runs last inside the transaction (it sees the new rows and its writes commit with
    them): corpus-wide tables derived from the per-article ones belong there.
    """
    ids = list(article_ids)
    ledger = pl.DataFrame(
        {
            "stage_name": [stage] * len(inputs),
            "article_id": list(inputs),
            "input_hash": list(inputs.values()),
        },
        schema={"stage_name": pl.String, "article_id": pl.String, "input_hash": pl.String},
    )
    with _transaction(conn):
        for table in table_names:
            where = _ARTICLE_SCOPED[table]
            conn.execute(f"delete from {_quoted(table)} where {where}", [ids])  # noqa: S608
        # Each insert has a fixed cost (planning, index checks): small worker batches are
        # gathered into inserts of about FLUSH_ROWS rows.
        pending: dict[str, list[pl.DataFrame]] = {t: [] for t in table_names}
        n_pending: dict[str, int] = dict.fromkeys(table_names, 0)

        def flush(table: str) -> None:
            if pending[table]:
                _insert(conn, table, pl.concat(pending[table], how="vertical", rechunk=False))
            pending[table], n_pending[table] = [], 0

        for batch in batches:
            for table in table_names:
                if table in batch and batch[table].height:
                    pending[table].append(batch[table])
                    n_pending[table] += batch[table].height
                    if n_pending[table] >= FLUSH_ROWS:
                        flush(table)
        for table in table_names:
            flush(table)
        conn.execute(
            "delete from core.stage_inputs "
            "where stage_name = ? and article_id in (select unnest(?))",
            [stage, ids],
        )
        _insert(conn, "core.stage_inputs", ledger)
        if finish is not None:
            finish()


def publish(build: Path, published: Path) -> None:
    """Copy the finished build file over the published one atomically.

    Readers that have the old file open keep reading their snapshot (the rename does not touch the
    inode they hold); new readers see the new one. A crash leaves either the old or the new file.
    """
    with connect(build) as conn:
        conn.execute("checkpoint")
    published.parent.mkdir(parents=True, exist_ok=True)
    tmp = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(build, tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, published)
    finally:
        tmp.unlink(missing_ok=True)
