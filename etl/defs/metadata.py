"""What the assets tell the UI: the table's real size and first rows after the run, the rows the
run inserted and deleted, the columns with their descriptions (from the DDL comments), the
views' column lineage, and what each asset runs on (kinds)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import dagster as dg
import duckdb
import polars as pl
import pyarrow as pa

from etl import contract, warehouse
from etl.stages import runner

PREVIEW_ROWS = 5
# What each kind of asset runs on (the UI shows these as badges and filters by them).
SQL_KINDS = {"duckdb"}
FRAME_KINDS = {"duckdb", "polars"}
NLP_KINDS = {"duckdb", "polars", "spacy"}


def key(table: str) -> dg.AssetKey:
    """Asset key of a warehouse object: ``core.events`` -> ``["core", "events"]``."""
    return dg.AssetKey(table.split("."))


def column_schema(table: str) -> dg.TableSchema:
    """The table's columns as the DDL declares and describes them."""
    t = contract.table(table)
    unique = set(t.key) if len(t.key) == 1 else set()
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                c.name,
                c.sql_type.lower(),
                description=c.description or None,
                constraints=dg.TableColumnConstraints(
                    nullable=c.is_nullable, unique=c.name in unique
                ),
            )
            for c in t.columns
        ]
    )


def table_spec(
    table: str, *, deps: Sequence[str] = (), description: str, kinds: set[str]
) -> dg.AssetSpec:
    """The spec of an asset that is one contract table, with its column schema."""
    return dg.AssetSpec(
        key(table),
        deps=[key(d) for d in deps],
        description=description,
        group_name=table.split(".")[0],
        kinds=kinds,
        metadata={"dagster/column_schema": column_schema(table), "dagster/table_name": table},
    )


def row_counts(conn: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict[str, int]:
    return {t: warehouse.count_rows(conn, t) for t in tables}


def preview(df: pl.DataFrame, columns: list[str]) -> dg.MetadataValue:
    shown = df.select([c for c in columns if c in df.columns]).head(PREVIEW_ROWS)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
    for row in shown.iter_rows():
        cells = [str(v).replace("|", "/").replace("\n", " ")[:80] for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(lines))


def _head(conn: duckdb.DuckDBPyConnection, name: str, columns: Sequence[str]) -> pl.DataFrame:
    # Names come from the contract (checked here), never from input.
    known = set(contract.table(name).column_names) if name in contract.tables() else None
    cols = [c for c in columns if known is None or c in known]
    return conn.execute(
        f"select {', '.join(cols)} from {name} limit {PREVIEW_ROWS}"  # noqa: S608
    ).pl()


def table_result(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: list[str],
    *,
    before: dict[str, int],
    inserted: int,
    **extra: Any,
) -> dg.MaterializeResult:
    """Metadata of a table asset after its run: the table's size now (``dagster/row_count``) and
    its first rows, whatever the run touched, plus the rows this run inserted and deleted (an
    incremental run swaps a changed article's rows: both count)."""
    after = warehouse.count_rows(conn, table)
    metadata: dict[str, Any] = {
        "dagster/row_count": after,
        "n_rows_inserted": inserted,
        "n_rows_deleted": before[table] + inserted - after,
        "preview": preview(_head(conn, table, columns), columns),
    }
    metadata.update(extra)
    return dg.MaterializeResult(asset_key=key(table), metadata=metadata)


# Rows a view hands over at a time while it is counted: memory holds one batch.
SCAN_BATCH_ROWS = 50_000


def _count_and_head(conn: duckdb.DuckDBPyConnection, view: str) -> tuple[int, pl.DataFrame]:
    """A view's size and first rows from one evaluation, streamed: a ``count(*)`` and a ``limit``
    would each compute the whole view (its aggregates and windows cannot stop early)."""
    if view not in contract.views():
        raise ValueError(f"unknown view {view!r}")
    reader = conn.execute(f"select * from {view}").to_arrow_reader(SCAN_BATCH_ROWS)  # noqa: S608
    n = 0
    head: list[pa.RecordBatch] = []
    for batch in reader:
        if n < PREVIEW_ROWS:
            head.append(batch.slice(0, PREVIEW_ROWS - n))
        n += batch.num_rows
    table = pa.Table.from_batches(head, schema=reader.schema)
    return n, pl.DataFrame(pl.from_arrow(table))


# Above this many event reports a view is not evaluated to be counted and previewed on every
# run: at 100,000 pages the seven views took about 4 s of a one-page incremental run. Its size
# and first rows are then deferred to whoever queries it (``dyad sql``, the report).
VIEW_COUNT_MAX_EVENTS = 20_000
DEFERRED_NOTE = (
    "Its size and first rows are shown while core.events holds at most "
    f"{VIEW_COUNT_MAX_EVENTS:,} rows; above that they are not computed at each run (counting "
    "evaluates the whole view), so query the view for them."
)


def view_metadata(conn: duckdb.DuckDBPyConnection, view: str) -> dict[str, Any]:
    """Size, first rows, columns (types from DuckDB, descriptions from the SQL) and the table
    columns each view column is computed from. Size and first rows only while the warehouse is
    small enough (:data:`VIEW_COUNT_MAX_EVENTS`): both need the whole view evaluated."""
    described = {c.name: c for c in contract.all_view_columns()[view]}
    schema_name, table_name = view.split(".")
    types = warehouse.query(
        conn, "object_columns", schema_name=schema_name, table_name=table_name
    ).rows()
    counted = warehouse.count_rows(conn, "core.events") <= VIEW_COUNT_MAX_EVENTS
    schema = dg.TableSchema(
        columns=[
            dg.TableColumn(
                name,
                str(dtype).lower(),
                description=described[name].description if name in described else None,
            )
            for name, dtype in types
        ]
    )
    lineage = dg.TableColumnLineage(
        deps_by_column={
            c.name: [dg.TableColumnDep(key(t), col) for t, col in c.sources]
            for c in described.values()
            if c.sources
        }
    )
    metadata: dict[str, Any] = {
        "dagster/column_schema": schema,
        "dagster/column_lineage": lineage,
        "dagster/table_name": view,
    }
    if not counted:
        return {**metadata, "row_count_deferred": DEFERRED_NOTE}
    n, df = _count_and_head(conn, view)
    return {**metadata, "dagster/row_count": n, "preview": preview(df, df.columns[:6])}


@contextmanager
def logged_progress(context: dg.AssetExecutionContext) -> Iterator[None]:
    """Stage progress in the run's log, once per chunk of articles (and at start and end)."""

    def log(p: runner.Progress) -> None:
        if p.milestone:
            context.log.info(p.line())

    with runner.progress_listener(log):
        yield


def json(value: Any) -> dg.MetadataValue:
    return dg.MetadataValue.json(value)
