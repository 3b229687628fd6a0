"""Runs on one warehouse take turns: a second run waits, or gives up with one clear line, and
nothing is lost or written twice."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from etl import warehouse
from etl.defs.raw import raw_documents
from etl.defs.resources import DyadResource
from etl.settings import from_env

from ..conftest import SEEDS

DYAD = Path(sys.executable).parent / "dyad"
HOLD = (
    "import sys, time\n"
    "from etl import warehouse\n"
    "with warehouse.run_lock(sys.argv[1], timeout_s=5):\n"
    "    print('held', flush=True)\n"
    "    time.sleep(120)\n"
)


def hold_lock(build: Path) -> subprocess.Popen[str]:
    """Another process holding the run lock, as a running job would."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(build)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def dyad_run(db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DYAD), "run", "--seeds", str(SEEDS), "--warehouse", str(db)],
        env=dict(os.environ, **env),
        capture_output=True,
        text=True,
        timeout=900,
    )


def counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {
            t: warehouse.count_rows(conn, t)
            for t in ("raw.documents", "core.articles", "core.mentions", "core.events")
        }


def test_the_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    build = tmp_path / "w.build.duckdb"
    holder = hold_lock(build)
    try:
        start = time.monotonic()
        with (
            pytest.raises(warehouse.RunLocked, match="another Dyad run"),
            warehouse.run_lock(build, timeout_s=0.5),
        ):
            pass
        assert time.monotonic() - start >= 0.5
    finally:
        holder.kill()
        holder.wait()
    with warehouse.run_lock(build, timeout_s=5), warehouse.run_lock(build, timeout_s=0):
        pass  # free again, and re-entrant within one process


def test_a_dagster_run_waits_for_the_lock(tmp_path: Path) -> None:
    config = from_env().but(seeds_dir=SEEDS, warehouse_path=tmp_path / "w.duckdb")
    holder = hold_lock(config.build_path)
    try:
        resource = DyadResource.from_settings(config.but(lock_timeout_s=0.5))
        result = dg.materialize([raw_documents], resources={"dyad": resource}, raise_on_error=False)
        assert not result.success
        failure = result.get_step_failure_events()[0].step_failure_data.error
        assert failure is not None and failure.cause is not None
        assert failure.cause.cls_name == "RunLocked"
        assert "another Dyad run" in failure.cause.message
    finally:
        holder.kill()
        holder.wait()
    assert not config.build_path.exists(), "a run that did not get the lock wrote nothing"


@pytest.mark.slow
def test_a_cli_run_gives_up_with_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "dyad.duckdb"
    holder = hold_lock(from_env().but(warehouse_path=db).build_path)
    try:
        out = dyad_run(db, DYAD_LOCK_TIMEOUT="1")
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 3, out.stderr
    assert "Traceback" not in out.stderr
    assert "another Dyad run" in out.stderr and "Nothing was written" in out.stderr
    assert not db.exists()


@pytest.mark.slow
def test_two_cli_runs_at_once_take_turns_and_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "dyad.duckdb"
    alone = tmp_path / "alone.duckdb"
    assert dyad_run(alone).returncode == 0
    first = subprocess.Popen(
        [str(DYAD), "run", "--seeds", str(SEEDS), "--warehouse", str(db)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    second = dyad_run(db)
    out, err = first.communicate(timeout=900)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in err + second.stderr
    assert counts(db) == counts(alone)


def test_command_line_runs_are_recorded_where_the_ui_looks(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = dyad_run(tmp_path / "w.duckdb", DAGSTER_HOME=str(home))
    assert done.returncode == 0, done.stderr
    assert (home / "dagster.yaml").is_file(), "the instance settings `dyad ui` uses"
    with dg.DagsterInstance.from_config(str(home)) as instance:
        runs = instance.get_runs()
        assert [r.job_name for r in runs] == ["dyad_job"]
        assert runs[0].status == dg.DagsterRunStatus.SUCCESS
