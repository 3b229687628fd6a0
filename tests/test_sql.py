"""Every SQL file parses strictly, qualifies against the warehouse schema, and runs in DuckDB."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, OptimizeError
from sqlglot.optimizer.qualify import qualify

from etl import warehouse
from etl.config import SQL_DIR

ALL_SQL = sorted(SQL_DIR.rglob("*.sql"))


def parse_strict(sql: str) -> list[exp.Expr]:
    # ErrorLevel.RAISE turns sqlglot's warnings about invalid SQL into failures.
    return [e for e in sqlglot.parse(sql, read="duckdb", error_level=ErrorLevel.RAISE) if e]


@pytest.fixture(scope="module")
def conn() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    warehouse.ensure_schema(c)
    warehouse.create_views(c)
    return c


def schema_of(conn: duckdb.DuckDBPyConnection) -> dict[str, object]:
    rows = conn.execute(
        "select table_schema, table_name, column_name, data_type from information_schema.columns"
    ).fetchall()
    schema: dict[str, dict[str, dict[str, str]]] = {}
    for sch, table, column, dtype in rows:
        schema.setdefault(sch, {}).setdefault(table, {})[column] = dtype
    return dict(schema)


def test_every_object_has_its_file() -> None:
    names = {
        f"{p.parent.name}.{p.stem}"
        for p in ALL_SQL
        if p.parent not in (SQL_DIR, warehouse.QUERY_DIR)
    }
    assert names == set(warehouse.TABLES) | set(warehouse.VIEWS)


@pytest.mark.parametrize("name", warehouse.QUERIES)
def test_query_qualifies_and_runs(conn: duckdb.DuckDBPyConnection, name: str) -> None:
    sql = warehouse.read_query(name)
    (statement,) = parse_strict(sql)
    assert isinstance(statement, exp.Query)
    assert "final as (" in sql and "from final" in sql, "house style: CTEs then final"
    qualified = qualify(
        statement.copy(), schema=schema_of(conn), dialect="duckdb", validate_qualify_columns=True
    )
    assert qualified.named_selects
    conn.execute(sql).fetchall()


def test_every_query_file_is_listed() -> None:
    assert {p.stem for p in warehouse.QUERY_DIR.glob("*.sql")} == set(warehouse.QUERIES)


@pytest.mark.parametrize("path", ALL_SQL, ids=lambda p: p.relative_to(SQL_DIR).as_posix())
def test_parses_strictly_and_is_lowercase(path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    assert parse_strict(sql)
    for keyword in ("SELECT", "FROM", "CREATE", "WITH", "WHERE", "JOIN"):
        assert f"{keyword} " not in sql, f"{path.name}: keywords are lowercase"


@pytest.mark.parametrize("view", warehouse.VIEWS)
def test_view_qualifies_against_schema(conn: duckdb.DuckDBPyConnection, view: str) -> None:
    sql = warehouse.read_sql(view)
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
    sql = warehouse.read_sql("mart.event_dyads").replace("e.goldstein_score", "e.goldstien_score")
    (statement,) = parse_strict(sql)
    with pytest.raises(OptimizeError):
        qualify(
            statement.expression.copy(),
            schema=schema_of(conn),
            dialect="duckdb",
            validate_qualify_columns=True,
        )


@pytest.mark.parametrize("table", warehouse.TABLES)
def test_table_ddl_runs_and_is_idempotent(table: str) -> None:
    c = duckdb.connect()
    warehouse.ensure_schema(c)
    c.execute(warehouse.read_sql(table))
    assert warehouse.table_columns(c, table)
