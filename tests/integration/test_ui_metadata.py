"""What the UI shows after real materializations: the table's true size after an incremental run
(not the rows that run wrote), the rows inserted and deleted, the current rows, the columns with
their descriptions and the views' lineage; and each stage's progress in the run log."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl.pipeline import run_pipeline
from etl.settings import from_env
from etl.stages import runner

from ..conftest import SEEDS

pytestmark = pytest.mark.slow

TABLES = ("core.events", "core.event_actors", "core.mentions", "core.articles")


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {
            t: conn.execute(f"select count(*) from {t}").fetchone()[0]  # type: ignore[index]  # noqa: S608
            for t in (*TABLES, "mart.chronology")
        }


def test_incremental_run_reports_the_tables_true_size(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(page, pages / page.name)
    db = tmp_path / "dyad.duckdb"
    config = from_env().but(seeds_dir=pages, warehouse_path=db)
    heard: list[runner.Progress] = []
    instance = dg.DagsterInstance.ephemeral()
    with runner.progress_listener(heard.append):
        first = run_pipeline(config, instance=instance)
    assert first.success, first.render()
    full = counts(db)
    assert full["core.events"] > 0
    events = first.asset_metadata["core/events"]
    assert events["dagster/row_count"] == full["core.events"] == events["n_rows_inserted"]
    assert events["n_rows_deleted"] == 0
    # Progress: each stage starts at 0 and ends with every article done.
    for stage in ("articles", "entities", "events"):
        seen = [(p.done, p.total) for p in heard if p.stage == stage]
        assert seen[0] == (0, 3) and seen[-1] == (3, 3), (stage, seen)
    # The run log (what the UI's run view shows) has each stage's progress.
    (run,) = instance.get_runs()
    messages = [e.user_message for e in instance.all_logs(run.run_id)]
    assert any(m.startswith("events: 3/3 articles") for m in messages), messages

    # The incremental run: one page deleted, so its rows go and nothing is written.
    gone = sorted(pages.glob("*.txt"))[0]
    gone.unlink()
    second = run_pipeline(config)
    assert second.success, second.render()
    now = counts(db)
    assert now["core.events"] < full["core.events"]
    for table in TABLES:
        meta = second.asset_metadata[table.replace(".", "/")]
        assert meta["dagster/row_count"] == now[table], table
        assert meta["n_rows_inserted"] == 0, table
        assert meta["n_rows_deleted"] == full[table] - now[table], table
    # The preview shows rows the table holds now, although the run wrote none.
    preview = second.asset_metadata["core/events"]["preview"]
    assert preview.count("\n") >= 2 and "event_type" in preview
    chronology = second.asset_metadata["mart/chronology"]
    assert chronology["dagster/row_count"] == now["mart.chronology"]
    columns = {c.name: c for c in chronology["dagster/column_schema"].columns}
    assert {"reality_code", "source_name", "location_name", "source_country_name"} <= set(columns)
    assert all(c.description for c in columns.values())
    lineage = chronology["dagster/column_lineage"].deps_by_column
    assert dg.TableColumnDep(dg.AssetKey(["core", "articles"]), "title") in lineage["title"]


def test_view_counts_are_deferred_on_a_large_warehouse(
    seeds_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above the threshold a view is not evaluated for its metadata: no size and no preview, a
    note saying why, and the columns and lineage still there."""
    from etl.defs import metadata

    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        small = metadata.view_metadata(conn, "mart.chronology")
        assert small["dagster/row_count"] > 0 and "row_count_deferred" not in small
        monkeypatch.setattr(metadata, "VIEW_COUNT_MAX_EVENTS", 0)
        big = metadata.view_metadata(conn, "mart.chronology")
    assert "dagster/row_count" not in big and "preview" not in big
    assert big["row_count_deferred"] == metadata.DEFERRED_NOTE
    assert big["dagster/column_schema"] == small["dagster/column_schema"]
    assert big["dagster/column_lineage"] == small["dagster/column_lineage"]
