"""``dyad sql-export``: the warehouse DDL and views, transpiled from DuckDB SQL to other engines.

Every file of ``sql/`` is read in the DuckDB dialect it is written in and written out by sqlglot
in the target dialect: ``sql/schemas.sql``, the tables of ``sql/raw`` and ``sql/core`` in
dependency order, then the views of ``sql/mart``. Anything sqlglot cannot express in the target
raises (``ErrorLevel.RAISE``) instead of being silently dropped, and every output is parsed back
in the target dialect.

Primary keys are the one thing rewritten on purpose, because the engines disagree about them:
Trino and Spark SQL have no primary-key constraint in ``CREATE TABLE``, so the key is dropped
and recorded in a comment; BigQuery only accepts unenforced keys, so it becomes a table-level
``PRIMARY KEY (...) NOT ENFORCED``. The keys are never enforced by the pipeline's readers anyway:
the asset checks verify them in the warehouse.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError, UnsupportedError

from etl import contract
from etl.settings import SQL_DIR

SOURCE_DIALECT = "duckdb"
DIALECTS: tuple[str, ...] = ("postgres", "spark", "trino", "bigquery", "duckdb")
# Engines without a primary-key constraint in CREATE TABLE: the key goes to a comment.
_NO_PRIMARY_KEY = frozenset({"trino", "spark"})
# Engines that accept a key only as "NOT ENFORCED".
_UNENFORCED_KEY = frozenset({"bigquery"})


class ExportError(Exception):
    """A file that does not transpile (or does not parse back) in the target dialect."""

    def __init__(self, path: Path, dialect: str, cause: Exception) -> None:
        self.path = path
        self.dialect = dialect
        self.cause = cause
        message = str(cause).strip().split("\n")[0]  # sqlglot repeats it after a blank line
        super().__init__(f"{_relative(path)} -> {dialect}: {type(cause).__name__}: {message}")


@dataclass(frozen=True)
class Exported:
    source: Path  # the DuckDB file under sql/
    relative: str  # its path under sql/ ("mart/chronology.sql"), reused for the output
    kind: str  # "schemas", "table" or "view"
    sql: str  # statements in the target dialect, each ending with ";"
    warning: str | None = None  # why the file is only a best-effort translation


def _relative(path: Path) -> str:
    try:
        return path.relative_to(SQL_DIR).as_posix()
    except ValueError:
        return str(path)


def sql_files() -> list[tuple[str, Path]]:
    """Every SQL file to export, in an order a fresh database can run: schemas, tables (parents
    first, as the contract orders them), views (each after the views it reads)."""
    out: list[tuple[str, Path]] = [("schemas", SQL_DIR / "schemas.sql")]
    out += [("table", t.path) for t in contract.tables().values()]
    out += [("view", contract.sql_path(v)) for v in contract.views()]
    return out


def _primary_key_columns(create: exp.Create) -> list[str]:
    """Key columns of a CREATE TABLE, from a column constraint or a table-level PRIMARY KEY."""
    schema = create.this
    if not isinstance(schema, exp.Schema):
        return []
    columns: list[str] = []
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            for constraint in item.constraints:
                if isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint):
                    columns.append(item.name)
        elif isinstance(item, exp.PrimaryKey):
            columns += [e.name for e in item.expressions]
    return columns


def _strip_primary_keys(create: exp.Create, columns: list[str]) -> None:
    """Drop every primary-key constraint; key columns keep the NOT NULL the key implied."""
    schema = create.this
    if not isinstance(schema, exp.Schema):
        return
    for item in list(schema.expressions):
        if isinstance(item, exp.PrimaryKey):
            item.pop()
        elif isinstance(item, exp.ColumnDef):
            for constraint in list(item.constraints):
                if isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint):
                    constraint.pop()
            not_null = any(
                isinstance(c.kind, exp.NotNullColumnConstraint) for c in item.constraints
            )
            if item.name in columns and not not_null:
                item.append("constraints", exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))


def adapt_keys(statement: exp.Expr, dialect: str) -> str | None:
    """Rewrite the primary key of a CREATE TABLE for ``dialect``; return a comment, if any."""
    if not isinstance(statement, exp.Create) or statement.kind != "TABLE":
        return None
    columns = _primary_key_columns(statement)
    if not columns or dialect not in _NO_PRIMARY_KEY | _UNENFORCED_KEY:
        return None
    _strip_primary_keys(statement, columns)
    if dialect in _UNENFORCED_KEY:
        key = exp.PrimaryKey(
            expressions=[exp.to_identifier(c) for c in columns],
            options=[exp.var("NOT ENFORCED")],
        )
        statement.this.append("expressions", key)
        return None
    return f"-- primary key ({', '.join(columns)}): not declared, {dialect} has no such constraint"


def adapt_ordered_lists(statement: exp.Expr, dialect: str) -> None:
    """Spark: ``list(distinct x order by x)`` -> ``array_sort(collect_list(distinct x))``.

    Spark's ``collect_list`` takes no ORDER BY and sqlglot drops it without a word; sorting the
    collected array afterwards gives the same list when the aggregate is ordered, ascending, by
    the very value it collects. Other orderings are left alone (and then refused, see
    :func:`_ordered_lists`).
    """
    if dialect != "spark":
        return
    for agg in list(statement.find_all(exp.ArrayAgg)):
        order = agg.this
        if not isinstance(order, exp.Order) or len(order.expressions) != 1:
            continue
        inner = order.this
        value = inner.expressions[0] if isinstance(inner, exp.Distinct) else inner
        if isinstance(inner, exp.Distinct) and len(inner.expressions) != 1:
            continue
        key = order.expressions[0]
        if key.args.get("desc") or key.this != value:
            continue
        agg.replace(exp.ArraySort(this=exp.ArrayAgg(this=inner.copy())))


def _ordered_lists(tree: exp.Expr) -> int:
    """Number of list aggregates with an ORDER BY inside."""
    return sum(isinstance(agg.this, exp.Order) for agg in tree.find_all(exp.ArrayAgg))


def transpile_sql(
    sql: str,
    dialect: str,
    *,
    unsupported_level: ErrorLevel = ErrorLevel.RAISE,
    pretty: bool = True,
) -> list[str]:
    """DuckDB SQL (one or more statements) -> statements in ``dialect``, without final ";"."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; choose from {', '.join(DIALECTS)}")
    out: list[str] = []
    for statement in sqlglot.parse(sql, read=SOURCE_DIALECT, error_level=ErrorLevel.RAISE):
        if statement is None:
            continue
        note = adapt_keys(statement, dialect)
        adapt_ordered_lists(statement, dialect)
        text = statement.sql(dialect=dialect, pretty=pretty, unsupported_level=unsupported_level)
        # The output must be valid in the target dialect's own grammar ...
        back = sqlglot.parse(text, read=dialect, error_level=ErrorLevel.RAISE)
        # ... and must not have lost the ORDER BY of a list aggregate on the way.
        lost = _ordered_lists(statement) - sum(_ordered_lists(t) for t in back if t)
        if lost > 0 and unsupported_level == ErrorLevel.RAISE:
            raise UnsupportedError(
                f"ORDER BY inside {lost} list aggregate(s) has no {dialect} equivalent here"
            )
        out.append(f"{note}\n{text}" if note else text)
    return out


def export_file(
    path: Path, dialect: str, *, kind: str = "", allow_unsupported: bool = False
) -> Exported:
    """One file in ``dialect``; with ``allow_unsupported`` a file sqlglot refuses is written
    best-effort (unsupported constructs as sqlglot leaves them) and carries the warning."""
    text = path.read_text(encoding="utf-8")
    warning = None
    try:
        statements = transpile_sql(text, dialect)
    except SqlglotError as exc:
        error = ExportError(path, dialect, exc)
        if not allow_unsupported:
            raise error from exc
        warning = str(error)
        try:
            statements = transpile_sql(text, dialect, unsupported_level=ErrorLevel.IGNORE)
        except SqlglotError as exc2:
            raise ExportError(path, dialect, exc2) from exc2
    body = "\n\n".join(s + ";" for s in statements)
    return Exported(path, _relative(path), kind, body + "\n", warning)


def export_all(
    dialect: str, *, allow_unsupported: bool = False
) -> Iterator[Exported | ExportError]:
    """Every file of :func:`sql_files` in ``dialect``; a file that fails yields its error."""
    for kind, path in sql_files():
        try:
            yield export_file(path, dialect, kind=kind, allow_unsupported=allow_unsupported)
        except ExportError as exc:
            yield exc


def render(item: Exported, dialect: str) -> str:
    """The file as written: a provenance header, any warning, the statements."""
    lines = [f"-- {item.relative}: transpiled by sqlglot from {SOURCE_DIALECT} to {dialect}"]
    if item.warning:
        lines.append(f"-- WARNING, best-effort output (--allow-unsupported): {item.warning}")
    return "\n".join(lines) + "\n" + item.sql


def run_export(
    dialect: str, out_dir: Path | None = None, *, allow_unsupported: bool = False
) -> tuple[list[Exported], list[ExportError]]:
    """Transpile everything; with ``out_dir`` also write ``out_dir/<dialect>/<folder>/<name>.sql``
    and ``out_dir/<dialect>/all.sql`` (every statement, in an order a fresh database can run)."""
    done: list[Exported] = []
    errors: list[ExportError] = []
    for item in export_all(dialect, allow_unsupported=allow_unsupported):
        if isinstance(item, ExportError):
            errors.append(item)
        else:
            done.append(item)
    if out_dir is not None:
        root = out_dir / dialect
        for item in done:
            target = root / item.relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render(item, dialect), encoding="utf-8")
        everything = "\n".join(render(i, dialect) for i in done)
        (root / "all.sql").write_text(everything, encoding="utf-8")
    return done, errors


def cli(dialect: str, out: str | None, *, allow_unsupported: bool = False) -> int:
    """Entry point of ``dyad sql-export`` (see :mod:`etl.cli`)."""
    out_dir = Path(out).resolve() if out else None
    done, errors = run_export(dialect, out_dir, allow_unsupported=allow_unsupported)
    if out_dir is None:
        try:
            for item in done:
                sys.stdout.write(render(item, dialect) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:  # `dyad sql-export ... | head`
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        print(f"wrote {len(done)} files to {out_dir / dialect}", file=sys.stderr)
    for item in done:
        if item.warning:
            print(f"warning: {item.warning} (best-effort output written)", file=sys.stderr)
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    if errors:
        print(
            f"{len(errors)} file(s) did not transpile to {dialect}; rewrite the construct "
            "portably, or pass --allow-unsupported for a best-effort output",
            file=sys.stderr,
        )
    return 1 if errors else 0
