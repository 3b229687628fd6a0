"""The warehouse contract, read from the DDL in ``sql/`` and nowhere else.

Each table's file under ``sql/raw/`` or ``sql/core/`` gives its columns, types, nullability and
key; each column's trailing comment describes it, and a column that points at another table
says so there, ``-- the article; references core.articles(article_id)`` (DuckDB's foreign keys
would forbid the delete-then-insert swaps that incremental runs make, so the reference is
declared, not enforced; the blocking asset checks enforce it). From this come the table order,
the polars schemas, the key and reference checks, the row mapping and the column documentation
the UI shows. The views' columns, and the table columns each comes from, are read from the view
SQL by sqlglot's lineage (:func:`view_columns`).
"""

from __future__ import annotations

import dataclasses
import functools
import graphlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import sqlglot
from sqlglot import exp

from etl.settings import SQL_DIR

TABLE_SCHEMAS = ("raw", "core")
VIEW_SCHEMA = "mart"

_POLARS: dict[str, Any] = {
    "TEXT": pl.String,
    "VARCHAR": pl.String,
    "BIGINT": pl.Int64,
    "INT": pl.Int32,
    "INTEGER": pl.Int32,
    "DOUBLE": pl.Float64,
    "BOOLEAN": pl.Boolean,
    "DATE": pl.Date,
    "TIMESTAMP": pl.Datetime("us"),
}
_REFERENCE_RE = re.compile(r"^\s*(\w+)\b.*--.*\breferences\s+(\w+\.\w+)\s*\((\w+)\)", re.MULTILINE)
# A column line's trailing comment: "    name type ...,  -- what it holds".
_COMMENT_RE = re.compile(r"^[ \t]*(\w+)[ \t][^-\n]*--[ \t]*(.+?)[ \t]*$", re.MULTILINE)
# A view's output column with a trailing comment: "r.title,  -- ..." or "... as name,  -- ...".
_VIEW_COMMENT_RE = re.compile(r"(\w+),?[ \t]*--[ \t]*(.+?)[ \t]*$", re.MULTILINE)
_FROM_RE = re.compile(r"\b(?:from|join)\s+(mart\.\w+)", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    is_nullable: bool
    description: str = ""

    @property
    def polars_type(self) -> Any:
        if self.sql_type.endswith("[]"):
            return pl.List(_POLARS[self.sql_type[:-2]])
        return _POLARS[self.sql_type]


@dataclass(frozen=True)
class Reference:
    column: str
    parent: str
    parent_column: str


@dataclass(frozen=True)
class Table:
    name: str  # "schema.table"
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    references: tuple[Reference, ...]
    path: Path

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def polars_schema(self) -> dict[str, Any]:
        return {c.name: c.polars_type for c in self.columns}

    def frame(self, rows: list[dict[str, Any]]) -> pl.DataFrame:
        """A frame with exactly this table's columns and types, also when there are no rows."""
        return pl.DataFrame(rows, schema=self.polars_schema, orient="row")


def sql_path(name: str) -> Path:
    """The file that defines ``schema.object``."""
    schema, obj = name.split(".")
    return SQL_DIR / schema / f"{obj}.sql"


def _parse_table(path: Path) -> Table:
    text = path.read_text(encoding="utf-8")
    create = sqlglot.parse_one(text, read="duckdb")
    if not isinstance(create, exp.Create) or not isinstance(create.this, exp.Schema):
        raise ValueError(f"{path} is not one create table statement")
    name = create.this.this.sql("duckdb")
    columns: list[Column] = []
    key: tuple[str, ...] = ()
    for item in create.this.expressions:
        if isinstance(item, exp.ColumnDef):
            kinds = {type(c.kind) for c in item.args.get("constraints") or []}
            if exp.PrimaryKeyColumnConstraint in kinds:
                key = (item.name,)
            nullable = not kinds & {exp.NotNullColumnConstraint, exp.PrimaryKeyColumnConstraint}
            columns.append(Column(item.name, item.args["kind"].sql("duckdb"), nullable))
        elif isinstance(item, exp.PrimaryKey):
            key = tuple(e.name for e in item.expressions)
    comments = dict(_COMMENT_RE.findall(text))
    columns = [dataclasses.replace(c, description=comments.get(c.name, "")) for c in columns]
    references = tuple(Reference(c, p, pc) for c, p, pc in _REFERENCE_RE.findall(text))
    names = {c.name for c in columns}
    for r in references:
        if r.column not in names:
            raise ValueError(f"{path}: reference on unknown column {r.column!r}")
    return Table(name, tuple(columns), key, references, path)


@functools.cache
def tables() -> dict[str, Table]:
    """Every contract table, parents before children (by their declared references)."""
    found = {
        t.name: t
        for schema in TABLE_SCHEMAS
        for t in (_parse_table(p) for p in sorted((SQL_DIR / schema).glob("*.sql")))
    }
    parents = {n: {r.parent for r in t.references if r.parent != n} for n, t in found.items()}
    rank = {s: i for i, s in enumerate(TABLE_SCHEMAS)}
    ranked: list[str] = []
    # One table at a time, the first ready one in schema then name order: a stable order that
    # keeps each schema's tables together where the references allow.
    while len(ranked) < len(found):
        ready = [n for n in found if n not in ranked and parents[n] <= set(ranked)]
        if not ready:
            raise ValueError(f"reference cycle among {sorted(set(found) - set(ranked))}")
        ranked.append(min(ready, key=lambda n: (rank[n.split(".")[0]], n)))
    return {n: found[n] for n in ranked}


# Tables whose key DuckDB enforces with an index. DuckDB rewrites a table's whole index at the
# first checkpoint after any write to it (0.1-0.4 s a table at 100,000 pages, most of what an
# incremental run's commits cost), so the keys of the asset tables are declared in the DDL and
# enforced by their blocking key checks (etl/defs/checks.py), as references are. The stages'
# ledger, which no asset check covers, keeps its index.
INDEXED = frozenset({"core.stage_inputs"})


def create_sql(t: Table) -> str:
    """The statement that creates ``t`` in DuckDB: its DDL, with the key left to the checks
    (the key columns stay NOT NULL) unless the table is in :data:`INDEXED`."""
    text = t.path.read_text(encoding="utf-8")
    if t.name in INDEXED or not t.key:
        return text
    create = sqlglot.parse_one(text, read="duckdb")
    for item in list(create.this.expressions):
        if isinstance(item, exp.PrimaryKey):
            item.pop()
        elif isinstance(item, exp.ColumnDef):
            constraints = item.args.get("constraints") or []
            for c in constraints:
                if isinstance(c.kind, exp.PrimaryKeyColumnConstraint):
                    c.set("kind", exp.NotNullColumnConstraint())
            kinds = {type(c.kind) for c in item.args.get("constraints") or []}
            if item.name in t.key and exp.NotNullColumnConstraint not in kinds:
                item.append("constraints", exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
    return create.sql("duckdb")


def table(name: str) -> Table:
    try:
        return tables()[name]
    except KeyError:
        raise ValueError(f"unknown table {name!r}") from None


@functools.cache
def views() -> tuple[str, ...]:
    """The mart views, each after the views it reads."""
    paths = {f"{VIEW_SCHEMA}.{p.stem}": p for p in sorted((SQL_DIR / VIEW_SCHEMA).glob("*.sql"))}
    graph = {
        n: {d for d in _FROM_RE.findall(p.read_text(encoding="utf-8")) if d != n}
        for n, p in paths.items()
    }
    return tuple(graphlib.TopologicalSorter(graph).static_order())


def table_names() -> tuple[str, ...]:
    return tuple(tables())


@dataclass(frozen=True)
class ViewColumn:
    name: str
    description: str
    sources: tuple[tuple[str, str], ...]  # (table or view, column) it is computed from


def _lineage_schema() -> dict[str, Any]:
    schema: dict[str, Any] = {}
    for t in tables().values():
        s, n = t.name.split(".")
        schema.setdefault(s, {})[n] = {c.name: c.sql_type for c in t.columns}
    return schema


def _passes_through(node: Any) -> bool:
    """Whether a lineage node copies its source column unchanged (through CTEs and aliases)."""
    for n in node.walk():
        e = n.expression
        if isinstance(e, exp.Table):
            continue
        if not isinstance(e.unalias() if isinstance(e, exp.Alias) else e, exp.Column):
            return False
    return True


@functools.cache
def all_view_columns() -> dict[str, tuple[ViewColumn, ...]]:
    """Every view's columns in order, each with the table (or view) columns it is computed from
    and a description: the view file's trailing comment on it, else the description of its one
    source column, else the list of its sources. Takes a second or two (sqlglot's lineage walks
    every column), so the view assets call it at run time, never when the definitions load."""
    from sqlglot.lineage import lineage

    schema = _lineage_schema()
    described = {(t.name, c.name): c.description for t in tables().values() for c in t.columns}
    out: dict[str, tuple[ViewColumn, ...]] = {}
    for view in views():
        text = sql_path(view).read_text(encoding="utf-8")
        create = sqlglot.parse_one(text, read="duckdb")
        query = create.expression
        comments = dict(_VIEW_COMMENT_RE.findall(text))
        # All columns in one walk: sqlglot qualifies the query once and shares the work.
        nodes = lineage(None, query, schema=schema, dialect="duckdb")
        found: list[ViewColumn] = []
        for name, node in nodes.items():
            sources = sorted(
                {
                    (exp.table_name(n.expression), n.name.split(".")[-1])
                    for n in node.walk()
                    if not n.downstream and isinstance(n.expression, exp.Table)
                }
            )
            if name in comments:
                description = comments[name]
            elif len(sources) == 1 and described.get(sources[0]) and _passes_through(node):
                description = described[sources[0]]
            else:
                description = "computed from " + ", ".join(f"{t}.{c}" for t, c in sources)
            found.append(ViewColumn(name, description, tuple(sources)))
        out[view] = tuple(found)
        s, n = view.split(".")
        schema.setdefault(s, {})[n] = {c.name: "UNKNOWN" for c in found}
        described.update({(view, c.name): c.description for c in found})
    return out
