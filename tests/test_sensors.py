"""The input-folder sensor: cursor, and what counts as a change."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from etl.sensors import diff_states, folder_state, seeds_folder_sensor


def evaluate(cursor: str | None) -> tuple[list[dg.RunRequest], list[dg.SkipReason], str | None]:
    ctx = dg.build_sensor_context(cursor=cursor)
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
    assert cursor and set(json.loads(cursor)) == {"a.txt"}


def test_run_keys_differ_per_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(tmp_path))
    (tmp_path / "a.txt").write_text("Un.", encoding="utf-8")
    first, _, cursor = evaluate(None)
    (tmp_path / "a.txt").write_text("Deux.", encoding="utf-8")
    second, _, _ = evaluate(cursor)
    assert first[0].run_key != second[0].run_key


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
