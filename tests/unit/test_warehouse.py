"""Warehouse writes are atomic: a failing write leaves the previous rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

from etl import warehouse
from etl.warehouse.records import frame


def test_replace_rows_is_atomic(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db) as conn:
        warehouse.ensure_schema(conn)
        good = frame("core.event_clusters", [{"event_id": "e1", "cluster_id": "c1"}])
        warehouse.replace_rows(conn, {"core.event_clusters": good})
        # A key column is NOT NULL in DuckDB (its uniqueness is the key check's, not an index's).
        bad = pl.DataFrame({"event_id": ["e2", None], "cluster_id": ["c", "c"]})
        with pytest.raises(Exception, match="(?i)constraint|not null"):
            warehouse.replace_rows(conn, {"core.event_clusters": bad})
        rows = conn.execute("select * from core.event_clusters").fetchall()
    assert rows == [("e1", "c1")]


def test_keyed_replace_only_touches_keys(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        rows = [{"event_id": f"e{i}", "cluster_id": f"c{i}"} for i in range(3)]
        warehouse.replace_rows(conn, {"core.event_clusters": frame("core.event_clusters", rows)})
        new = frame("core.event_clusters", [{"event_id": "e1", "cluster_id": "changed"}])
        warehouse.replace_rows(
            conn, {"core.event_clusters": new}, key_column="event_id", keys=["e1"]
        )
        got = dict(conn.execute("select event_id, cluster_id from core.event_clusters").fetchall())
    assert got == {"e0": "c0", "e1": "changed", "e2": "c2"}


def test_unknown_table_refused(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn, pytest.raises(ValueError):
        warehouse.replace_rows(conn, {"core.nope; drop table x": pl.DataFrame()})


def _sentences(article_id: str, n: int) -> pl.DataFrame:
    rows = [
        {
            "article_id": article_id,
            "sentence_index": i,
            "char_start": i,
            "char_end": i + 1,
            "sentence_text": "x",
        }
        for i in range(n)
    ]
    return frame("core.sentences", rows)


def test_streamed_rows_commit_together(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        batches = [{"core.sentences": _sentences(a, 2)} for a in ("a1", "a2")]
        warehouse.stream_article_rows(
            conn, "entities", ["core.sentences"], ["a1", "a2"], {"a1": "h1", "a2": "h2"}, batches
        )
        assert warehouse.count_rows(conn, "core.sentences") == 4
        assert warehouse.stage_inputs(conn, "entities") == {"a1": "h1", "a2": "h2"}


def test_a_failing_batch_leaves_the_previous_rows(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        warehouse.replace_article_rows(
            conn, "entities", {"core.sentences": _sentences("a1", 3)}, ["a1"], {"a1": "old"}
        )

        def batches() -> Iterator[dict[str, pl.DataFrame]]:
            yield {"core.sentences": _sentences("a1", 1)}  # inserted, then rolled back
            raise RuntimeError("worker died")

        with pytest.raises(RuntimeError, match="worker died"):
            warehouse.stream_article_rows(
                conn, "entities", ["core.sentences"], ["a1"], {"a1": "new"}, batches()
            )
        assert warehouse.count_rows(conn, "core.sentences") == 3
        assert warehouse.stage_inputs(conn, "entities") == {"a1": "old"}


def test_finish_commits_with_the_rows_or_not_at_all(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        clusters = frame("core.event_clusters", [{"event_id": "e1", "cluster_id": "c1"}])

        def derive() -> None:
            # Sees the new rows of its own transaction.
            assert warehouse.count_rows(conn, "core.sentences") == 2
            warehouse.overwrite(conn, {"core.event_clusters": clusters})

        warehouse.stream_article_rows(
            conn,
            "entities",
            ["core.sentences"],
            ["a1"],
            {"a1": "h1"},
            [{"core.sentences": _sentences("a1", 2)}],
            finish=derive,
        )
        assert warehouse.count_rows(conn, "core.event_clusters") == 1

        def fail() -> None:
            warehouse.overwrite(conn, {"core.event_clusters": clusters.clear()})
            raise RuntimeError("catalog failed")

        with pytest.raises(RuntimeError, match="catalog failed"):
            warehouse.stream_article_rows(
                conn,
                "entities",
                ["core.sentences"],
                ["a1"],
                {"a1": "h2"},
                [{"core.sentences": _sentences("a1", 5)}],
                finish=fail,
            )
        assert warehouse.count_rows(conn, "core.sentences") == 2
        assert warehouse.count_rows(conn, "core.event_clusters") == 1
        assert warehouse.stage_inputs(conn, "entities") == {"a1": "h1"}


def test_a_table_of_an_older_contract_is_rebuilt_and_the_ledger_cleared(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        warehouse.replace_article_rows(
            conn, "entities", {"core.sentences": _sentences("a1", 1)}, ["a1"], {"a1": "h1"}
        )
        # core.entities as an older release made it, one column short.
        conn.execute("drop table core.entities")
        conn.execute("create table core.entities (entity_id varchar primary key)")
        conn.execute("insert into core.entities values ('country:MLI')")
        assert warehouse.ensure_schema(conn) == ["core.entities"]
        assert warehouse.table_columns(conn, "core.entities")[-2:] == ["actor_code", "actor_kind"]
        assert warehouse.count_rows(conn, "core.entities") == 0
        assert warehouse.stage_inputs(conn, "entities") == {}, "every stage recomputes"
        assert warehouse.count_rows(conn, "core.sentences") == 1
        assert warehouse.ensure_schema(conn) == []
