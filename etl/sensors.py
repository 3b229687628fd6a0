"""Reruns when the input folder changes (sensor) and once a day regardless (schedule)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from etl import config
from etl.jobs import dyad_job
from etl.transforms import ingest

# name -> [size, mtime_ns, sha256]
FolderState = dict[str, list[object]]


def folder_state(folder: Path, previous: Mapping[str, list[object]] | None = None) -> FolderState:
    """Content hash of every input file; files whose size and mtime are unchanged keep the
    previous hash instead of being read again."""
    previous = previous or {}
    state: FolderState = {}
    for path in ingest.list_input_files(folder):
        name = path.relative_to(folder).as_posix()
        st = path.stat()
        old = previous.get(name)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            state[name] = list(old)
            continue
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        state[name] = [st.st_size, st.st_mtime_ns, digest.hexdigest()]
    return state


@dataclass(frozen=True)
class FolderChange:
    added: list[str]
    changed: list[str]
    deleted: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deleted)


def diff_states(
    previous: Mapping[str, list[object]], current: Mapping[str, list[object]]
) -> FolderChange:
    """What changed between two folder states, by content hash (a touched file is unchanged)."""
    return FolderChange(
        added=sorted(set(current) - set(previous)),
        changed=sorted(n for n in current if n in previous and previous[n][2] != current[n][2]),
        deleted=sorted(set(previous) - set(current)),
    )


def state_digest(state: Mapping[str, list[object]]) -> str:
    return hashlib.sha256(
        json.dumps({k: v[2] for k, v in sorted(state.items())}).encode()
    ).hexdigest()[:16]


@dg.sensor(
    job=dyad_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a run when .txt files are added to, changed in or deleted from the "
    "input folder (compared by content hash; the cursor keeps the last state seen).",
)
def seeds_folder_sensor(
    context: dg.SensorEvaluationContext,
) -> Iterator[dg.RunRequest | dg.SkipReason]:
    folder = config.seeds_dir()
    previous: FolderState = json.loads(context.cursor) if context.cursor else {}
    try:
        current = folder_state(folder, previous)
    except FileNotFoundError as exc:
        yield dg.SkipReason(str(exc))
        return
    change = diff_states(previous, current)
    if not change:
        yield dg.SkipReason(f"no change in {folder}")
        return
    context.update_cursor(json.dumps(current))
    yield dg.RunRequest(
        run_key=state_digest(current),
        tags={
            "dyad/added": str(len(change.added)),
            "dyad/changed": str(len(change.changed)),
            "dyad/deleted": str(len(change.deleted)),
        },
    )


daily_schedule = dg.ScheduleDefinition(
    name="dyad_daily",
    job=dyad_job,
    cron_schedule="0 4 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily backstop run: unchanged documents are skipped, so it is cheap.",
)
