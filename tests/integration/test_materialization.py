"""End to end: the real Dagster graph over seeds/ fills every contract table and view."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl import contract, warehouse
from etl.pipeline import run_pipeline

pytestmark = pytest.mark.slow

KEYS = {
    "raw.documents": ["document_id"],
    "raw.document_files": ["file_name"],
    "core.articles": ["article_id"],
    "core.article_segments": ["article_id", "segment_index"],
    "core.sentences": ["article_id", "sentence_index"],
    "core.entities": ["entity_id"],
    "core.entity_aliases": ["alias_text", "entity_id"],
    "core.mentions": ["mention_id"],
    "core.events": ["event_id"],
    "core.event_actors": ["event_id", "entity_id", "actor_role"],
    "core.event_clusters": ["event_id"],
}


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with warehouse.connect(db, read_only=True) as conn:
        out = {}
        for table, key in KEYS.items():
            cols = [
                c
                for c in warehouse.table_columns(conn, table)
                if not c.endswith("_at")  # timestamps of this run
            ]
            order = ", ".join(key)
            out[table] = conn.execute(
                f"select {', '.join(cols)} from {table} order by {order}"  # noqa: S608
            ).fetchall()
        return out


def test_every_table_and_view_is_filled(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        for table in contract.table_names():
            if table == "raw.metadata_files":  # the seeds have no sidecar (test_sidecars has)
                continue
            n = conn.execute(f"select count(*) from {table}").fetchone()  # noqa: S608
            assert n and n[0] > 0, f"{table} is empty"
        for view in contract.views():
            n = conn.execute(f"select count(*) from {view}").fetchone()  # noqa: S608
            assert n and n[0] > 0, f"{view} is empty"
        assert conn.execute("select count(*) from raw.documents").fetchone() == (5,)
        assert conn.execute("select count(*) from core.articles").fetchone() == (5,)
        # Every event is backed by its evidence sentence inside the article body.
        bad = conn.execute(
            "select e.event_id from core.events as e inner join core.articles as a "
            "using (article_id) "
            "where substr(a.body, e.evidence_char_start + 1, "
            "e.evidence_char_end - e.evidence_char_start) <> e.evidence_text"
        ).fetchall()
        assert bad == []
        bad_mentions = conn.execute(
            "select m.mention_id from core.mentions as m inner join core.articles as a "
            "using (article_id) "
            "where substr(a.body, m.char_start + 1, m.char_end - m.char_start) <> m.surface_text"
        ).fetchall()
        assert bad_mentions == []
        for table, key in KEYS.items():
            cols = ", ".join(key)
            dup = conn.execute(
                f"select {cols}, count(*) from {table} group by all having count(*) > 1"  # noqa: S608
            ).fetchall()
            assert dup == [], f"duplicate keys in {table}"


def test_rerun_gives_same_rows_and_ids(
    seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(seeds_warehouse)
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(Path(__file__).resolve().parents[2] / "seeds"))
    monkeypatch.setenv("DYAD_WAREHOUSE", str(seeds_warehouse))
    summary = run_pipeline()
    assert summary.success
    after = snapshot(seeds_warehouse)
    for table in KEYS:
        assert after[table] == before[table], f"{table} changed on rerun"


def test_definitions_load_with_every_asset() -> None:
    from etl.definitions import defs

    keys = {k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()}
    # core.stage_inputs is the stages' shared bookkeeping, written by each NLP asset.
    tables = [t for t in contract.table_names() if t != "core.stage_inputs"]
    expected = {t.replace(".", "/") for t in (*tables, *contract.views())}
    assert expected <= keys
    for asset in defs.resolve_asset_graph().asset_nodes:
        assert asset.description, f"{asset.key} has no description"
