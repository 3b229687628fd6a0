"""Shared fixtures: one real materialization of the seeds, reused by the end-to-end tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.config import PROJECT_DIR

SEEDS = PROJECT_DIR / "seeds"
GOLD = PROJECT_DIR / "tests" / "data" / "seeds_gold.jsonl"


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Run the real Dagster job over ``seeds/`` into a temporary DuckDB file."""
    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("wh") / "dyad.duckdb"
    old = {k: os.environ.get(k) for k in ("DYAD_SEEDS_DIR", "DYAD_WAREHOUSE")}
    os.environ["DYAD_SEEDS_DIR"] = str(SEEDS)
    os.environ["DYAD_WAREHOUSE"] = str(db)
    try:
        summary = run_pipeline()
        assert summary.success, summary.render()
        yield db
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
