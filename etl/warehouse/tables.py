"""Reading and swapping rows of the contract tables.

Every write swaps rows inside one transaction, so a crash mid-run leaves the previous rows intact
instead of a half-written table. Table names come from the contract (never from input) and are
quoted; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import duckdb
import polars as pl

from etl import contract
from etl.warehouse.connection import read_query, transaction

# Each insert has a fixed cost (planning, index checks): small worker batches are gathered into
# inserts of about this many rows.
FLUSH_ROWS = 20_000


def query(conn: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pl.DataFrame:
    """Run ``sql/queries/<name>.sql`` with named parameters, as a frame."""
    return conn.execute(read_query(name), params or None).pl()


def scalar(
    conn: duckdb.DuckDBPyConnection, name: str, folder: str = "queries", **params: Any
) -> int:
    """The single number ``sql/<folder>/<name>.sql`` returns."""
    row = conn.execute(read_query(name, folder), params or None).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def quoted(table: str) -> str:
    schema, name = contract.table(table).name.split(".")
    return f'"{schema}"."{name}"'


def table_columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    schema, name = table.split(".")
    frame = query(conn, "table_columns", schema_name=schema, table_name=name)
    return frame["column_name"].to_list()


def read_table(conn: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    return conn.execute(f"select * from {quoted(table)}").pl()  # noqa: S608


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    row = conn.execute(f"select count(*) from {quoted(table)}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def _article_scope(table: str) -> str:
    """Rows of ``table`` that belong to the articles bound to ``$article_ids``: directly, or
    through the parent the table references (event_actors through their event)."""
    t = contract.table(table)
    if "article_id" in t.column_names:
        return "article_id in (select unnest($article_ids))"
    for r in t.references:
        parent = contract.table(r.parent)
        if "article_id" in parent.column_names:
            return (
                f"{r.column} in (select {r.parent_column} from {quoted(r.parent)} "  # noqa: S608
                "where article_id in (select unnest($article_ids)))"
            )
    raise ValueError(f"{table} is not scoped by article")


def article_rows(
    conn: duckdb.DuckDBPyConnection, table: str, article_ids: Sequence[str]
) -> pl.DataFrame:
    """The rows of an article-keyed table that belong to ``article_ids``."""
    return conn.execute(
        f"select * from {quoted(table)} where {_article_scope(table)}",  # noqa: S608
        {"article_ids": list(article_ids)},
    ).pl()


def insert(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Append a frame's rows, matched to the table's columns by name (a frame column the table
    lacks is an error, not silently dropped)."""
    if frame.height:
        staged = frame  # noqa: F841 - DuckDB reads the local by name
        conn.execute(f"insert into {quoted(table)} by name select * from staged")  # noqa: S608


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
    with transaction(conn):
        overwrite(conn, tables, key_column=key_column, keys=keys)


def overwrite(
    conn: duckdb.DuckDBPyConnection,
    tables: dict[str, pl.DataFrame],
    *,
    key_column: str | None = None,
    keys: Sequence[str] | None = None,
) -> None:
    """:func:`replace_rows` inside a transaction the caller already holds."""
    for table, frame in tables.items():
        target = quoted(table)
        if keys is None:
            conn.execute(f"delete from {target}")  # noqa: S608
        else:
            if key_column not in contract.table(table).column_names:
                raise ValueError(f"{table} has no column {key_column!r}")
            conn.execute(
                f"delete from {target} where {key_column} in (select unnest($keys))",  # noqa: S608
                {"keys": list(keys)},
            )
        insert(conn, table, frame)


def sync_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    frame: pl.DataFrame,
    stored: pl.DataFrame,
    *,
    touch: dict[str, Any] | None = None,
) -> int:
    """Make ``table`` hold exactly ``frame``'s rows, given ``stored`` (its rows now), writing only
    the rows that differ: a corpus-wide table rebuilt by every run (the entity catalog, the file
    list) then costs what changed, not its size. ``touch`` names columns that every run sets
    (``seen_at``): they are left out of the comparison and set on every row. Inside a
    transaction the caller holds; returns the rows written."""
    t = contract.table(table)
    touch = touch or {}
    if not t.key or not set(touch) <= set(t.column_names):
        raise ValueError(f"{table}: no key, or an unknown column in {sorted(touch)}")
    columns = [c for c in frame.columns if c not in touch]
    stored = stored.select(columns)
    added = frame.join(stored, on=columns, how="anti", nulls_equal=True)
    removed = stored.join(frame.select(columns), on=columns, how="anti", nulls_equal=True)
    gone = pl.concat([removed.select(t.key), added.select(t.key)]).unique()  # noqa: F841
    if gone.height:
        match = " and ".join(f"t.{c} = gone.{c}" for c in t.key)
        conn.execute(f"delete from {quoted(table)} as t using gone where {match}")  # noqa: S608
    insert(conn, table, added)
    for column, value in touch.items():
        conn.execute(f"update {quoted(table)} set {column} = $value", {"value": value})  # noqa: S608
    return added.height


def stage_inputs(conn: duckdb.DuckDBPyConnection, stage: str) -> dict[str, str]:
    """What ``stage`` last processed: article_id -> input hash."""
    frame = query(conn, "stage_inputs", stage_name=stage)
    return dict(zip(frame["article_id"].to_list(), frame["input_hash"].to_list(), strict=True))


def replace_article_rows(
    conn: duckdb.DuckDBPyConnection,
    stage: str,
    tables: dict[str, pl.DataFrame],
    article_ids: Sequence[str],
    inputs: dict[str, str],
) -> None:
    """:func:`stream_article_rows` with all the rows at hand (children first, as there)."""
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
    """Swap the rows of ``article_ids`` in a stage's tables and record the inputs, atomically,
    with the new rows arriving batch by batch.

    ``table_names`` must be given children first (event_actors before events), because child
    rows are found through their parents. Each batch is inserted as it comes, so memory holds one
    batch, not the run; everything still commits in one transaction with the ledger, so a crash
    mid-run leaves the old rows. The batches may be produced lazily by code that reads through
    ``conn`` (same transaction). ``finish`` runs last inside the transaction (it sees the new rows
    and its writes commit with them): corpus-wide tables derived from the per-article ones
    belong there.
    """
    ids = {"article_ids": list(article_ids)}
    ledger = contract.table("core.stage_inputs").frame(
        [{"stage_name": stage, "article_id": a, "input_hash": h} for a, h in inputs.items()]
    )
    with transaction(conn):
        for table in table_names:
            scope = _article_scope(table)
            conn.execute(f"delete from {quoted(table)} where {scope}", ids)  # noqa: S608
        pending: dict[str, list[pl.DataFrame]] = {t: [] for t in table_names}
        n_pending: dict[str, int] = dict.fromkeys(table_names, 0)

        def flush(table: str) -> None:
            if pending[table]:
                insert(conn, table, pl.concat(pending[table], how="vertical", rechunk=False))
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
        conn.execute(read_query("forget_stage_inputs"), {"stage_name": stage, **ids})
        insert(conn, "core.stage_inputs", ledger)
        if finish is not None:
            finish()
