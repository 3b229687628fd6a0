"""``dyad export``: the warehouse's data in the formats other tools read.

* ``plover``: PLOVER JSON lines, one event report per line (``sql/queries/export_plover.sql``);
* ``flat``: one row per event report with GDELT/ACLED-like columns, CSV, or TSV when the file
  name ends in ``.tsv`` (``sql/queries/export_flat.sql``);
* ``parquet``: every table and view, one file each, ``<out>/<schema>/<name>.parquet``.

DuckDB's ``COPY`` writes them, streaming, straight from the read-only published file; the
output path is a parameter, and the queries and object names come from ``sql/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import contract
from etl.warehouse.connection import read_query

FORMATS = ("plover", "flat", "parquet")


@dataclass(frozen=True)
class Written:
    name: str  # the query or warehouse object exported
    path: Path
    n_rows: int


def _copy(conn: duckdb.DuckDBPyConnection, select: str, path: Path, options: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    row = conn.execute(f"copy ({select}) to $path ({options})", {"path": str(path)}).fetchone()
    return int(row[0]) if row else 0


def export(conn: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Written]:
    """Write ``fmt`` to ``out`` (a file; a folder for ``parquet``)."""
    if fmt == "plover":
        sql = read_query("export_plover")
        return [Written("export_plover", out, _copy(conn, sql, out, "format json"))]
    if fmt == "flat":
        delimiter = "\t" if out.suffix.lower() == ".tsv" else ","
        options = f"format csv, header, delimiter '{delimiter}'"
        sql = read_query("export_flat")
        return [Written("export_flat", out, _copy(conn, sql, out, options))]
    if fmt == "parquet":
        names = [
            *(t for t in contract.table_names() if t != "core.stage_inputs"),
            *contract.views(),
        ]
        written = []
        for name in names:
            schema, obj = name.split(".")
            path = out / schema / f"{obj}.parquet"
            # The name comes from the contract, never from input.
            n = _copy(conn, f"select * from {name}", path, "format parquet")  # noqa: S608
            written.append(Written(name, path, n))
        return written
    raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
