"""The input-folder sensor: cursor, and what counts as a change."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from etl.defs.automation import seeds_folder_sensor
from etl.defs.resources import default_resource
from etl.stages.ingest import diff_states, folder_state


def evaluate(cursor: str | None) -> tuple[list[dg.RunRequest], list[dg.SkipReason], str | None]:
    # The sensor reads its folder from the resource, configured here from DYAD_SEEDS_DIR.
    with dg.build_sensor_context(cursor=cursor, resources={"dyad": default_resource()}) as ctx:
        produced = seeds_folder_sensor(ctx)
        assert isinstance(produced, Iterator)
        out = list(produced)
    runs = [r for r in out if isinstance(r, dg.RunRequest)]
    skips = [r for r in out if isinstance(r, dg.SkipReason)]
    return runs, skips, ctx.cursor


def test_sensor_cursor_on_add_change_delete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("Premier article.", encoding="utf-8")

    runs, _, cursor = evaluate(None)
    assert len(runs) == 1 and runs[0].tags["dyad/added"] == "1"

    runs, skips, same = evaluate(cursor)
    assert runs == [] and skips and same == cursor

    # Touching a file without changing its bytes is not a change.
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    runs, _, cursor2 = evaluate(cursor)
    assert runs == []
    cursor = cursor2 or cursor

    (tmp_path / "b.txt").write_text("Deuxième article.", encoding="utf-8")
    runs, _, cursor = evaluate(cursor)
    assert len(runs) == 1 and runs[0].tags["dyad/added"] == "1"

    (tmp_path / "a.txt").write_text("Premier article, corrigé.", encoding="utf-8")
    runs, _, cursor = evaluate(cursor)
    assert runs[0].tags["dyad/changed"] == "1"

    (tmp_path / "b.txt").unlink()
    runs, _, cursor = evaluate(cursor)
    assert runs[0].tags["dyad/deleted"] == "1"
    assert cursor and set(json.loads(cursor)["state"]) == {"a.txt"}


def test_run_keys_differ_per_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("Un.", encoding="utf-8")
    first, _, cursor = evaluate(None)
    (tmp_path / "a.txt").write_text("Deux.", encoding="utf-8")
    second, _, _ = evaluate(cursor)
    assert first[0].run_key != second[0].run_key


def test_folder_back_to_an_earlier_state_gets_a_new_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Add a file, then delete it: the folder is as it was at the first run, but the deleted
    # file's rows must go, so the run key must not repeat (Dagster skips a seen key).
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("Un.", encoding="utf-8")
    first, _, cursor = evaluate(None)
    (tmp_path / "b.txt").write_text("Deux.", encoding="utf-8")
    second, _, cursor = evaluate(cursor)
    (tmp_path / "b.txt").unlink()
    third, _, _ = evaluate(cursor)
    keys = [r.run_key for r in (*first, *second, *third)]
    assert len(keys) == 3 and len(set(keys)) == 3
    assert third[0].tags["dyad/deleted"] == "1"


def test_cursor_of_an_older_version_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("Un.", encoding="utf-8")
    _, _, cursor = evaluate(None)
    assert cursor
    old = json.dumps(json.loads(cursor)["state"])  # the cursor held the bare state before
    runs, skips, _ = evaluate(old)
    assert runs == [] and skips


def test_missing_folder_skips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path / "missing"))
    runs, skips, _ = evaluate(None)
    assert runs == [] and "does not exist" in (skips[0].skip_message or "")


def test_diff_states_by_hash() -> None:
    prev = {"a": [1, 1, "h1"], "b": [1, 1, "h2"]}
    cur = {"a": [1, 2, "h1"], "c": [1, 1, "h3"]}
    change = diff_states(prev, cur)
    assert (change.added, change.changed, change.deleted) == (["c"], [], ["b"])


def test_folder_state_reuses_hash_of_untouched_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    state = folder_state(tmp_path)
    fake = {"a.txt": [state["a.txt"][0], state["a.txt"][1], "cached"]}
    assert folder_state(tmp_path, fake)["a.txt"][2] == "cached"


def test_definitions_have_sensor_and_schedule() -> None:
    from etl.definitions import defs

    assert defs.resolve_sensor_def("seeds_folder_sensor")
    assert defs.resolve_schedule_def("dyad_daily").cron_schedule == "0 4 * * *"


def _finish(instance: dg.DagsterInstance, run_key: str, status: dg.DagsterRunStatus) -> None:
    """Record a run of ``dyad_job`` launched under ``run_key`` that ended with ``status``."""
    from dagster._core.storage.dagster_run import DagsterRun

    instance.add_run(
        DagsterRun(job_name="dyad_job", tags={"dagster/run_key": run_key}, status=status)
    )


def test_a_failed_run_is_requested_again_and_a_successful_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path / "pages"))
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("Un.", encoding="utf-8")
    (tmp_path / "home").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "home")) as instance:

        def tick(cursor: str | None) -> tuple[list[dg.RunRequest], str | None]:
            with dg.build_sensor_context(
                instance=instance, cursor=cursor, resources={"dyad": default_resource()}
            ) as ctx:
                out = list(seeds_folder_sensor(ctx))  # type: ignore[arg-type]
            return [r for r in out if isinstance(r, dg.RunRequest)], ctx.cursor

        runs, cursor = tick(None)
        assert len(runs) == 1 and runs[0].run_key
        # While the run is in flight nothing new is asked for.
        again, cursor = tick(cursor)
        assert again == []
        # The run fails (the lock, a full disk): the same change is requested again.
        _finish(instance, runs[0].run_key, dg.DagsterRunStatus.FAILURE)
        retry, cursor = tick(cursor)
        assert len(retry) == 1 and retry[0].tags["dyad/added"] == "1"
        assert retry[0].tags["dyad/retry"] == "1" and retry[0].run_key != runs[0].run_key
        # This one succeeds: the change is done.
        _finish(instance, retry[0].run_key or "", dg.DagsterRunStatus.SUCCESS)
        done, cursor = tick(cursor)
        assert done == []
        # A later change during a run that then fails is covered by one retry of both.
        (tmp_path / "pages" / "b.txt").write_text("Deux.", encoding="utf-8")
        third, cursor = tick(cursor)
        assert len(third) == 1
        for attempt in range(1, 5):
            _finish(instance, third[0].run_key or "", dg.DagsterRunStatus.FAILURE)
            third, cursor = tick(cursor)
            if attempt <= 3:
                assert len(third) == 1 and third[0].tags["dyad/added"] == "1", attempt
        # After three retries it waits for the next change or the daily schedule.
        assert third == []
