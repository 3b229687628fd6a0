"""The stages plan in DuckDB (``sql/queries/plan_*.sql``) with the hashes the Python ledger
computes, so a warehouse built before keeps its ledger, and only what changed comes back."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from etl import warehouse
from etl.stages import runner
from etl.stages.ledger import input_hash, plan
from etl.stages.versions import stage_version

ARTICLES = [
    # article_id, document_id, body, published_date, its precision, ingested_at
    ("a1", "a1", "Corps simple.", dt.date(2024, 3, 12), "day", dt.datetime(2024, 3, 14, 10)),
    ("a2", "a2", "Un s\x1fparateur et des accents : é, ç.", None, None, dt.datetime(2024, 1, 2)),
    ("a3", "a3", "Troisième corps.", dt.date(1999, 12, 1), "month", dt.datetime(2025, 6, 1, 23)),
]


@pytest.fixture
def conn() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect(":memory:")
    warehouse.ensure_schema(c)
    for article_id, document_id, body, published, precision, ingested in ARTICLES:
        c.execute(
            "insert into raw.documents (document_id, file_name, n_bytes, status_code, "
            "ingested_at) values (?, ?, 1, 'ok', ?)",
            [document_id, f"{document_id}\x1f.txt", ingested],
        )
        c.execute(
            "insert into raw.document_files (file_name, document_id, is_duplicate, n_bytes, "
            "seen_at, title, published_date) values (?, ?, false, 1, ?, ?, ?)",
            [f"{document_id}\x1f.txt", document_id, ingested, f"Titre\x1f{article_id}", published],
        )
        c.execute(
            "insert into core.articles (article_id, document_id, body, published_date, "
            "published_date_precision, n_words, n_dropped_lines, is_empty, is_truncated, "
            "n_truncated_chars, extractor_version) values (?, ?, ?, ?, ?, 3, 0, false, false, 0, "
            "'v')",
            [article_id, document_id, body, published, precision],
        )
    return c


def python_inputs(c: duckdb.DuckDBPyConnection, stage: str) -> dict[str, str]:
    """What the Python planner hashed for each article (the rows its queries read)."""
    sql = {
        "articles": "select d.document_id, f.page_url, f.outlet_name, f.published_date, f.title, "
        "f.author_name, f.metadata_file_name, f.metadata_method from raw.documents as d "
        "left join raw.document_files as f on d.file_name = f.file_name",
        "entities": "select article_id, md5(body), published_date from core.articles",
        "events": "select a.article_id, md5(a.body), a.published_date, "
        "a.published_date_precision, cast(d.ingested_at as date), s.input_hash "
        "from core.articles as a "
        "left join raw.documents as d on a.document_id = d.document_id "
        "left join core.stage_inputs as s on a.article_id = s.article_id "
        "and s.stage_name = 'entities'",
    }[stage]
    version = stage_version(stage)
    return {r[0]: input_hash(version, *r) for r in c.execute(sql).fetchall()}


def record(c: duckdb.DuckDBPyConnection, stage: str, hashes: dict[str, str]) -> None:
    c.execute("delete from core.stage_inputs where stage_name = ?", [stage])
    for article_id, h in hashes.items():
        c.execute("insert into core.stage_inputs values (?, ?, ?)", [stage, article_id, h])


@pytest.mark.parametrize("stage", ["articles", "entities", "events"])
def test_sql_plan_agrees_with_the_python_ledger(
    conn: duckdb.DuckDBPyConnection, stage: str
) -> None:
    query = f"plan_{stage}"
    record(conn, "entities", {"a1": "e1", "a2": "e2"})  # what the event stage reads
    current = python_inputs(conn, stage)
    # Nothing recorded: everything to do, with the Python hashes.
    record(conn, stage, {})
    first = runner.sql_plan(conn, stage, query, full_refresh=False)
    assert first == plan(current, {})
    # All recorded: nothing to do (a warehouse built by the Python planner keeps its ledger).
    record(conn, stage, current)
    assert runner.sql_plan(conn, stage, query, full_refresh=False) == plan(current, current)
    # One changed, one gone from the inputs: only those come back.
    done = {**current, "a2": "stale", "gone": "x"}
    record(conn, stage, done)
    changed = runner.sql_plan(conn, stage, query, full_refresh=False)
    assert changed == plan(current, done)
    assert changed.todo == ["a2"] and changed.removed == ["gone"] and changed.n_unchanged == 2
    # A full refresh processes every article.
    assert runner.sql_plan(conn, stage, query, full_refresh=True) == plan(
        current, done, full_refresh=True
    )
