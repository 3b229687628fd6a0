"""An incremental run recomputes only the clusters a changed page touches, and its warehouse
equals a full run's: a page's copy joins the original's clusters, is edited, then deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl import warehouse
from etl.pipeline import RunSummary, run_pipeline
from etl.settings import from_env
from etl.transforms.clusters import cluster_events
from tests.integration.test_materialization import snapshot

from ..conftest import SEEDS

pytestmark = pytest.mark.slow


def run(folder: Path, db: Path) -> RunSummary:
    summary = run_pipeline(from_env().but(seeds_dir=folder, warehouse_path=db))
    assert summary.success, summary.render()
    return summary


def clusters(db: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The stored clusters, and those clustering the whole tables gives."""
    with warehouse.connect(db, read_only=True) as conn:
        rows = conn.execute("select event_id, cluster_id from core.event_clusters").fetchall()
        stored = dict(rows)
        whole = cluster_events(
            warehouse.read_table(conn, "core.events"),
            warehouse.read_table(conn, "core.event_actors"),
        )
    return stored, {r["event_id"]: r["cluster_id"] for r in whole}


def shared_clusters(db: Path) -> int:
    """Clusters holding reports of two or more articles."""
    with warehouse.connect(db, read_only=True) as conn:
        row = conn.execute(
            "select count(*) from (select c.cluster_id from core.event_clusters as c "
            "inner join core.events as e using (event_id) group by c.cluster_id "
            "having count(distinct e.article_id) > 1)"
        ).fetchone()
    return int(row[0]) if row else 0


def test_incremental_clusters_equal_a_full_run(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "dyad.duckdb"
    run(folder, db)
    clean = snapshot(db)
    stored, whole = clusters(db)
    assert stored == whole

    # A copy of a page with a sentence added: a new article whose reports join the original's.
    original = max(folder.glob("*.txt"), key=lambda p: p.stat().st_size)
    copy = folder / "copy.txt"
    text = original.read_text(encoding="utf-8")
    copy.write_text(text + "\nLe texte a été mis à jour.\n", encoding="utf-8")
    meta = run(folder, db).asset_metadata["core/event_clusters"]
    assert meta["full_recompute"] is False and meta["n_changed_articles"] == 1
    assert 0 < meta["n_rows_inserted"] < meta["dagster/row_count"]
    stored, whole = clusters(db)
    assert stored == whole
    assert shared_clusters(db) > 0, "the copy's reports must share clusters with the original's"

    # Edited again: the old copy's reports leave the shared clusters, the new ones join them.
    copy.write_text(text + "\nLe texte a été mis à jour deux fois.\n", encoding="utf-8")
    meta = run(folder, db).asset_metadata["core/event_clusters"]
    assert meta["n_changed_articles"] == 2  # the old copy removed, the new one coded
    stored, whole = clusters(db)
    assert stored == whole

    # Deleted: every table is back to what the full run gave, clusters included.
    copy.unlink()
    run(folder, db)
    assert snapshot(db) == clean
