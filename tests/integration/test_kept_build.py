"""A small run keeps one connection to the build open between its steps (a warm cache and no
checkpoint at each step's close); a large step, or the run's end, lets it go."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl.defs.raw import raw_documents
from etl.defs.resources import KEEP_OPEN_MAX_CHANGES, DyadResource
from etl.settings import from_env

from ..conftest import SEEDS


def open_elsewhere(build: Path) -> bool:
    """Whether a read-only connection opens: DuckDB refuses one in a process that holds the
    file open read-write, so this tells whether the build is still kept."""
    try:
        duckdb.connect(str(build), read_only=True).close()
    except duckdb.ConnectionException:
        return False
    return True


def test_a_small_step_keeps_the_build_open_and_a_large_one_lets_go(tmp_path: Path) -> None:
    config = from_env().but(seeds_dir=SEEDS, warehouse_path=tmp_path / "w.duckdb")
    resource = DyadResource.from_settings(config)
    with resource.connect() as conn:  # the first write takes the run lock
        conn.execute("create table t as select 1 as x")
    resource.keep_open_if_small(1)
    assert not open_elsewhere(config.build_path)
    with resource.connect() as conn:  # the next step's connection shares the kept instance
        assert conn.execute("select x from t").fetchone() == (1,)
    assert not open_elsewhere(config.build_path)
    resource.keep_open_if_small(KEEP_OPEN_MAX_CHANGES + 1)
    assert open_elsewhere(config.build_path)
    resource.keep_open_if_small(0)
    resource.teardown_after_execution(None)  # type: ignore[arg-type]
    assert open_elsewhere(config.build_path)


@pytest.mark.slow
def test_a_run_lets_the_build_go_at_its_end(tmp_path: Path) -> None:
    config = from_env().but(seeds_dir=SEEDS, warehouse_path=tmp_path / "w.duckdb")
    resource = DyadResource.from_settings(config)
    result = dg.materialize([raw_documents], resources={"dyad": resource})
    assert result.success
    # The seeds are a few files: the step kept the build, and the run's end closed it.
    assert open_elsewhere(config.build_path)
    with duckdb.connect(str(config.build_path), read_only=True) as conn:
        row = conn.execute("select count(*) from raw.documents").fetchone()
    assert row is not None and row[0] > 0
