"""After an upgrade, a rerun recomputes exactly the stages whose logic changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.pipeline import run_pipeline
from etl.settings import from_env

from ..conftest import SEEDS
from ..unit.test_versions import data, edit_trigger  # noqa: F401 - the fixture is used by name

pytestmark = pytest.mark.slow


def processed(summary: object) -> dict[str, int]:
    meta = summary.asset_metadata  # type: ignore[attr-defined]
    return {
        stage: int(meta[key]["n_processed"])
        for stage, key in (
            ("articles", "core/articles"),
            ("entities", "core/sentences"),
            ("events", "core/events"),
        )
    }


def test_a_changed_trigger_line_recodes_only_the_events(
    tmp_path: Path,
    data: Path,  # noqa: F811
) -> None:
    config = from_env().but(seeds_dir=SEEDS, warehouse_path=tmp_path / "dyad.duckdb")
    first = run_pipeline(config)
    assert first.success, first.render()
    n_pages = len(list(SEEDS.glob("*.txt")))
    assert processed(first) == {"articles": n_pages, "entities": n_pages, "events": n_pages}

    unchanged = run_pipeline(config)
    assert processed(unchanged) == {"articles": 0, "entities": 0, "events": 0}

    edit_trigger(data, "pourparler", 2, "AGREE")
    second = run_pipeline(config)
    assert second.success, second.render()
    assert processed(second) == {"articles": 0, "entities": 0, "events": n_pages}
