"""``dyad sql-export --dialect postgres --with-data``: a bundle that ``psql -f load.sql`` loads.

The bundle, written into ``<out>/postgres/`` beside the per-file DDL that ``sql-export`` writes:

* ``all.sql``: schemas, tables and views transpiled by sqlglot (:mod:`etl.warehouse.export`);
* ``comments.sql``: ``COMMENT ON`` every table, view and column, from the DDL's ``--`` comments
  (the same descriptions the Dagster UI shows, :mod:`etl.contract`);
* ``data/<schema>/<table>.csv``: every table, written by DuckDB's ``COPY`` from the read-only
  warehouse, in the CSV dialect PostgreSQL's ``COPY ... (format csv)`` reads;
* ``load.sql``: one transaction that drops the bundle's own views and tables (nothing else),
  creates them, ``\\copy``-loads every file and checks each table's row count.

Two values need rewriting on the way, because PostgreSQL would refuse them:

* DuckDB writes a list as ``[a, 'b,c']``; PostgreSQL reads an array only as ``{"a","b,c"}``.
  List columns are written as array literals (every element double-quoted, ``"`` and ``\\``
  backslash-escaped, a null element as unquoted ``NULL``, an empty list as ``{}``).
* PostgreSQL text cannot hold U+0000, which a decoded UTF-16 page can; it becomes U+FFFD, the
  character the article stage already puts for bytes it cannot decode (offsets do not move).

Empty strings and nulls stay apart: DuckDB quotes an empty string (``""``) and leaves a null
unquoted and empty, which is exactly how PostgreSQL's CSV reader tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import contract
from etl.warehouse import export

DIALECT = "postgres"
LOAD_FILE = "load.sql"
COMMENTS_FILE = "comments.sql"
DATA_DIR = "data"
_TEXT_TYPES = frozenset({"TEXT", "VARCHAR"})


@dataclass(frozen=True)
class Bundle:
    root: Path  # the folder holding load.sql
    rows: dict[str, int]  # rows written per table


def _quote_pg(text: str) -> str:
    """A PostgreSQL string literal (standard_conforming_strings, the default since 9.1)."""
    return "'" + text.replace("'", "''") + "'"


def _quote_psql(text: str) -> str:
    """A quoted argument of a psql meta-command (psql expands backslash escapes in it)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _column_select(column: contract.Column) -> str:
    """DuckDB SQL for one column as PostgreSQL's CSV reader should see it."""
    name = f'"{column.name}"'
    if column.sql_type.endswith("[]"):
        # Every element double-quoted, its backslashes and double quotes backslash-escaped.
        element = "replace(x::varchar, chr(0), chr(65533))"
        element = rf"""replace(replace({element}, '\', '\\'), '"', '\"')"""
        quoted = f"""case when x is null then 'NULL' else '"' || {element} || '"' end"""
        body = f"array_to_string(list_transform({name}, x -> {quoted}), ',')"
        return f"case when {name} is null then null else '{{' || {body} || '}}' end as {name}"
    if column.sql_type in _TEXT_TYPES:
        return f"replace({name}, chr(0), chr(65533)) as {name}"
    return name


def table_select(table: contract.Table) -> str:
    """``select`` of every column of ``table``, rewritten for PostgreSQL where needed."""
    columns = ",\n    ".join(_column_select(c) for c in table.columns)
    # Names come from the contract (sql/), never from input.
    return f"select\n    {columns}\nfrom {table.name}"  # noqa: S608


def write_table(conn: duckdb.DuckDBPyConnection, table: contract.Table, path: Path) -> int:
    """Write ``table`` as CSV for PostgreSQL's ``COPY ... (format csv, header)``; rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    row = conn.execute(
        f"copy ({table_select(table)}) to $path (format csv, header, quote '\"', escape '\"')",
        {"path": str(path)},
    ).fetchone()
    return int(row[0]) if row else 0


def _leading_comment(path: Path) -> str:
    """The ``--`` lines that open a DDL file: what the table or view holds."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return " ".join(lines)


def comments_sql() -> str:
    """``COMMENT ON`` every table, view and column that the DDL describes."""
    out = ["-- Descriptions from the DDL's comments in sql/ (the Dagster UI shows the same)."]
    for table in contract.tables().values():
        if text := _leading_comment(table.path):
            out.append(f"comment on table {table.name} is {_quote_pg(text)};")
        for c in table.columns:
            if c.description:
                out.append(
                    f'comment on column {table.name}."{c.name}" is {_quote_pg(c.description)};'
                )
    for view, columns in contract.all_view_columns().items():
        if text := _leading_comment(contract.sql_path(view)):
            out.append(f"comment on view {view} is {_quote_pg(text)};")
        for vc in columns:
            out.append(f'comment on column {view}."{vc.name}" is {_quote_pg(vc.description)};')
    return "\n".join(out) + "\n"


def _count_check(name: str, n_rows: int) -> str:
    """A statement that fails the load when ``name`` did not get ``n_rows`` rows."""
    # The name comes from the contract (sql/), the count from DuckDB.
    count = f"select count(*) into n from {name};"  # noqa: S608
    fail = f"raise exception '{name}: % rows loaded, {n_rows} written', n;"
    return (
        f"do $$ declare n bigint; begin\n  {count}\n  if n <> {n_rows} then {fail} end if;\nend $$;"
    )


def load_sql(root: Path, rows: dict[str, int]) -> str:
    """The psql script: one transaction, the bundle's objects replaced, every file loaded."""
    tables = contract.tables()
    lines = [
        "-- Load the Dyad warehouse into PostgreSQL: psql -d DATABASE -f load.sql",
        "-- Written by `dyad sql-export --dialect postgres --with-data`. One transaction: on any",
        "-- error nothing changes. It drops and recreates only the tables and views below.",
        "-- A moved bundle: psql -v bundle=/new/folder -d DATABASE -f /new/folder/load.sql",
        r"\set ON_ERROR_STOP on",
        r"\if :{?bundle}",
        r"\else",
        rf"\set bundle {_quote_psql(str(root))}",
        r"\endif",
        # \copy reads paths relative to psql's working folder, not to this script.
        r"\cd :bundle",
        "set client_encoding = 'UTF8';",
        "set client_min_messages = warning;",
        "begin;",
        *(f"drop view if exists {v};" for v in reversed(contract.views())),
        *(f"drop table if exists {t};" for t in reversed(tables)),
        r"\ir all.sql",
        rf"\ir {COMMENTS_FILE}",
    ]
    for name, table in tables.items():
        schema, obj = name.split(".")
        columns = ", ".join(f'"{c}"' for c in table.column_names)
        lines.append(
            rf"\copy {name} ({columns}) from '{DATA_DIR}/{schema}/{obj}.csv'"
            " with (format csv, header true, encoding 'UTF8')"
        )
    lines += [_count_check(name, n) for name, n in rows.items()]
    lines += ["commit;", *(f"analyze {t};" for t in tables)]
    return "\n".join(lines) + "\n"


def write_bundle(conn: duckdb.DuckDBPyConnection, out_dir: Path) -> Bundle:
    """DDL, comments, data and ``load.sql`` under ``out_dir/postgres/``.

    Raises :class:`etl.warehouse.export.ExportError` if any file does not transpile."""
    _, errors = export.run_export(DIALECT, out_dir)
    if errors:
        raise errors[0]
    root = out_dir / DIALECT
    rows = {}
    for name, table in contract.tables().items():
        schema, obj = name.split(".")
        rows[name] = write_table(conn, table, root / DATA_DIR / schema / f"{obj}.csv")
    (root / COMMENTS_FILE).write_text(comments_sql(), encoding="utf-8")
    (root / LOAD_FILE).write_text(load_sql(root.resolve(), rows), encoding="utf-8")
    return Bundle(root, rows)
