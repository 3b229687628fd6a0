"""Jobs, the input-folder sensor and the daily schedule."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import dagster as dg

from etl.defs.entities import BATCHES, entity_batches
from etl.defs.resources import DyadResource
from etl.stages.ingest import FolderState, diff_states, folder_state, state_digest

# Runs that write one warehouse take turns: the run queue admits one run with this tag at a time
# (see the instance's dagster.yaml), and the resource's run lock covers runs started elsewhere.
CONCURRENCY_TAGS = {"dagster/concurrency_key": "dyad_warehouse"}

# Every asset: the same run as the UI's "Materialize all" (the scale-out batches are not assets).
dyad_job = dg.define_asset_job(
    "dyad_job",
    selection=dg.AssetSelection.all(),
    description="Materialize the whole warehouse from the input folder and publish it.",
    tags=CONCURRENCY_TAGS,
)


# One run per batch partition (a backfill launches them; a cluster run launcher spreads them over
# nodes); within a run, the multiprocess executor keeps the step in a process of its own.
@dg.job(
    name="dyad_scale_out",
    partitions_def=BATCHES,
    executor_def=dg.multiprocess_executor,
    description="Parse one batch of articles ahead of the entities stage (scale-out path); "
    "a backfill over the 16 batches stages them all, then dyad_job loads their rows.",
)
def scale_out_job() -> None:
    entity_batches()


# A failed run's change is requested again this many times; then it waits for the next change
# or the daily schedule instead of failing every 30 s.
MAX_RETRIES = 3
_FAILED = (dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED)


def _cursor(text: str | None) -> dict[str, Any]:
    """The state last requested, the request count, the run awaited and the last state a run
    completed (older cursors held the state alone, or the state and the count)."""
    data = json.loads(text) if text else {}
    if "state" not in data or "n_requests" not in data:
        data = {"state": data, "n_requests": 0}
    return {"pending": None, "base": None, "failures": 0, **data}


def _outcome(context: dg.SensorEvaluationContext, run_key: str) -> bool | None:
    """True if the run requested under ``run_key`` succeeded, False if it failed or was
    canceled, None while it is queued or running (or the instance cannot tell)."""
    try:
        instance = context.instance
    except dg.DagsterInvariantViolationError:  # a context built without an instance
        return None
    runs = instance.get_runs(filters=dg.RunsFilter(tags={"dagster/run_key": run_key}), limit=1)
    if not runs or not runs[0].is_finished:
        return None
    return runs[0].status not in _FAILED


@dg.sensor(
    job=dyad_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a run when .txt files are added to, changed in or deleted from the "
    "input folder (compared by content hash). The cursor counts a change as done only when its "
    "run succeeds: a failed run's change is requested again.",
)
def seeds_folder_sensor(
    context: dg.SensorEvaluationContext, dyad: DyadResource
) -> Iterator[dg.RunRequest | dg.SkipReason]:
    folder = dyad.seeds
    cur = _cursor(context.cursor)
    previous: FolderState = cur["state"]
    retry = False
    if cur["pending"]:
        outcome = _outcome(context, cur["pending"])
        if outcome is not None:
            # Once the last run requested is over, the state it was asked for is done, or not.
            failed_state, cur["pending"] = cur["base"], None
            if outcome:
                cur.update(base=None, failures=0)
            elif cur["failures"] < MAX_RETRIES:
                previous, retry = failed_state or {}, True
                cur["failures"] += 1
            context.update_cursor(json.dumps(cur))
    try:
        current = folder_state(folder, previous)
    except FileNotFoundError as exc:
        yield dg.SkipReason(str(exc))
        return
    change = diff_states(previous, current)
    if not change:
        yield dg.SkipReason(f"no change in {folder}")
        return
    if cur["base"] is None:
        # The state the warehouse holds, kept until a run requested from now on succeeds.
        cur["base"] = cur["state"]
    cur["n_requests"] += 1
    cur.update(state=current, pending=f"{cur['n_requests']}-{state_digest(current)}")
    if not retry:
        cur["failures"] = 0
    context.update_cursor(json.dumps(cur))
    # The request count makes the key unique: a folder that returns to an earlier state (a file
    # added, then deleted) is a new change that needs a run, which Dagster skips on a seen key.
    yield dg.RunRequest(
        run_key=cur["pending"],
        tags={
            "dyad/added": str(len(change.added)),
            "dyad/changed": str(len(change.changed)),
            "dyad/deleted": str(len(change.deleted)),
            "dyad/retry": str(cur["failures"]) if retry else "0",
        },
    )


daily_schedule = dg.ScheduleDefinition(
    name="dyad_daily",
    job=dyad_job,
    cron_schedule="0 4 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily backstop run: unchanged documents are skipped, so it is cheap.",
)
