"""Warehouse writes are atomic: a failing write leaves the previous rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from etl import warehouse
from etl.schemas import CLUSTER_SCHEMA, frame


def test_replace_rows_is_atomic(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with warehouse.connect(db) as conn:
        warehouse.ensure_schema(conn)
        good = frame([{"event_id": "e1", "cluster_id": "c1"}], CLUSTER_SCHEMA)
        warehouse.replace_rows(conn, {"core.event_clusters": good})
        bad = pl.DataFrame({"event_id": ["e2", "e2"], "cluster_id": ["c", "c"]})
        with pytest.raises(Exception, match="(?i)constraint|duplicate"):
            warehouse.replace_rows(conn, {"core.event_clusters": bad})
        rows = conn.execute("select * from core.event_clusters").fetchall()
    assert rows == [("e1", "c1")]


def test_keyed_replace_only_touches_keys(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        rows = [{"event_id": f"e{i}", "cluster_id": f"c{i}"} for i in range(3)]
        warehouse.replace_rows(conn, {"core.event_clusters": frame(rows, CLUSTER_SCHEMA)})
        new = frame([{"event_id": "e1", "cluster_id": "changed"}], CLUSTER_SCHEMA)
        warehouse.replace_rows(
            conn, {"core.event_clusters": new}, key_column="event_id", keys=["e1"]
        )
        got = dict(conn.execute("select event_id, cluster_id from core.event_clusters").fetchall())
    assert got == {"e0": "c0", "e1": "changed", "e2": "c2"}


def test_unknown_table_refused(tmp_path: Path) -> None:
    with warehouse.connect(tmp_path / "w.duckdb") as conn, pytest.raises(ValueError):
        warehouse.replace_rows(conn, {"core.nope; drop table x": pl.DataFrame()})
