"""Shared fixtures: one real materialization of the seeds, reused by the end-to-end tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from etl.settings import PROJECT_DIR, from_env
from etl.transforms.gazetteer import Gazetteer, load_gazetteer
from etl.transforms.nlp import load_nlp

SEEDS = PROJECT_DIR / "seeds"
GOLD = PROJECT_DIR / "tests" / "data" / "seeds_gold.jsonl"


@pytest.fixture(scope="session", autouse=True)
def dagster_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Runs the tests make through the command line are recorded here, not in the checkout."""
    home = tmp_path_factory.mktemp("dagster_home")
    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("DAGSTER_HOME", None)
    else:
        os.environ["DAGSTER_HOME"] = old


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline as the stages load it (custom components included)."""
    return load_nlp()


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Run the real Dagster job over ``seeds/`` into a temporary DuckDB file."""
    from etl.pipeline import run_pipeline

    db = tmp_path_factory.mktemp("wh") / "dyad.duckdb"
    summary = run_pipeline(from_env().but(seeds_dir=SEEDS, warehouse_path=db))
    assert summary.success, summary.render()
    yield db
