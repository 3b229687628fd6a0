"""Every SQL file parses strictly, qualifies against the warehouse schema, and runs in DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, OptimizeError
from sqlglot.optimizer.qualify import qualify

from etl import contract, warehouse
from etl.settings import SQL_DIR
from etl.warehouse import report

ALL_SQL = sorted(SQL_DIR.rglob("*.sql"))


def parse_strict(sql: str) -> list[exp.Expr]:
    # ErrorLevel.RAISE turns sqlglot's warnings about invalid SQL into failures.
    return [e for e in sqlglot.parse(sql, read="duckdb", error_level=ErrorLevel.RAISE) if e]


@pytest.fixture(scope="module")
def conn() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    warehouse.ensure_schema(c)
    warehouse.create_views(c)
    report.stage_dyads(c)  # the temporary table the report's dyad queries read
    return c


def schema_of(conn: duckdb.DuckDBPyConnection) -> dict[str, object]:
    rows = conn.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns"
    ).fetchall()
    schema: dict[str, dict[str, dict[str, str]]] = {}
    for sch, table, column, dtype in rows:
        schema.setdefault(sch, {}).setdefault(table, {})[column] = dtype
    # The catalog view the table_columns query reads.
    schema["information_schema"] = {
        "columns": {
            "table_schema": "VARCHAR",
            "table_name": "VARCHAR",
            "column_name": "VARCHAR",
            "data_type": "VARCHAR",
            "ordinal_position": "INTEGER",
        }
    }
    return dict(schema)


def test_every_object_has_its_file() -> None:
    names = {
        f"{p.parent.name}.{p.stem}" for p in ALL_SQL if p.parent.name in ("raw", "core", "mart")
    }
    assert names == set(contract.table_names()) | set(contract.views())


QUERY_FILES = sorted([*(SQL_DIR / "queries").glob("*.sql"), *(SQL_DIR / "checks").glob("*.sql")])


def sample_parameters(statement: exp.Expr) -> dict[str, object]:
    """A value of the right kind for each named parameter: lists for ``*_ids``, ``*_types``,
    ``*_names`` and ``*_codes``,
    numbers for ``n_*``, text otherwise (the query must run, not find rows)."""
    values: dict[str, object] = {}
    for p in statement.find_all(exp.Placeholder):
        name = p.name
        if name.endswith(("_ids", "_types", "_names", "_codes")):
            values[name] = []
        elif name.startswith("n_"):
            values[name] = 3
        else:
            values[name] = "x"
    return values


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_query_qualifies_and_runs(conn: duckdb.DuckDBPyConnection, path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    (statement,) = parse_strict(sql)
    params = sample_parameters(statement)
    assert "{" not in sql and "?" not in sql, "named parameters only, never formatted values"
    if isinstance(statement, exp.Query):
        assert "final as (" in sql and "from final" in sql, "house style: CTEs then final"
        qualified = qualify(
            statement.copy(),
            schema=schema_of(conn),
            dialect="duckdb",
            validate_qualify_columns=True,
        )
        assert qualified.named_selects
        conn.execute(sql, params or None).fetchall()
    else:
        assert isinstance(statement, exp.Delete | exp.Insert | exp.Update)
        conn.execute("begin transaction")
        conn.execute(sql, params or None)
        conn.execute("rollback")


def test_every_query_file_is_used() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for folder in ("etl", "benchmarks")
        for p in (SQL_DIR.parent / folder).rglob("*.py")
    )
    unused = [p.stem for p in QUERY_FILES if f'"{p.stem}"' not in code]
    assert unused == []


@pytest.mark.parametrize("path", ALL_SQL, ids=lambda p: p.relative_to(SQL_DIR).as_posix())
def test_parses_strictly_and_is_lowercase(path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    assert parse_strict(sql)
    for keyword in ("SELECT", "FROM", "CREATE", "WITH", "WHERE", "JOIN"):
        assert f"{keyword} " not in sql, f"{path.name}: keywords are lowercase"


@pytest.mark.parametrize("view", contract.views())
def test_view_qualifies_against_schema(conn: duckdb.DuckDBPyConnection, view: str) -> None:
    sql = contract.sql_path(view).read_text(encoding="utf-8")
    (statement,) = parse_strict(sql)
    assert isinstance(statement, exp.Create)
    query = statement.expression
    assert isinstance(query, exp.Query)
    assert "final as (" in sql and "from final" in sql, "house style: CTEs then final"
    qualified = qualify(
        query.copy(), schema=schema_of(conn), dialect="duckdb", validate_qualify_columns=True
    )
    assert qualified.named_selects
    conn.execute(sql)
    conn.execute(f"select * from {view}").fetchall()  # noqa: S608 - fixed view names


def test_misspelled_column_fails_qualification(conn: duckdb.DuckDBPyConnection) -> None:
    sql = (
        contract.sql_path("mart.event_dyads")
        .read_text(encoding="utf-8")
        .replace("e.goldstein_score", "e.goldstien_score")
    )
    (statement,) = parse_strict(sql)
    with pytest.raises(OptimizeError):
        qualify(
            statement.expression.copy(),
            schema=schema_of(conn),
            dialect="duckdb",
            validate_qualify_columns=True,
        )


@pytest.mark.parametrize("table", contract.table_names())
def test_table_ddl_runs_and_is_idempotent(table: str) -> None:
    c = duckdb.connect()
    warehouse.ensure_schema(c)
    c.execute(contract.sql_path(table).read_text(encoding="utf-8"))
    assert warehouse.table_columns(c, table)
