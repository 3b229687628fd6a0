"""Jobs, the input-folder sensor and the daily schedule."""

from __future__ import annotations

import json
from collections.abc import Iterator

import dagster as dg

from etl.defs.entities import SCALE_OUT
from etl.defs.resources import DyadResource
from etl.stages.ingest import FolderState, diff_states, folder_state, state_digest

# Runs that write one warehouse take turns: the run queue admits one run with this tag at a time
# (see the instance's dagster.yaml), and the resource's run lock covers runs started elsewhere.
CONCURRENCY_TAGS = {"dagster/concurrency_key": "dyad_warehouse"}

dyad_job = dg.define_asset_job(
    "dyad_job",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups(SCALE_OUT),
    description="Materialize the whole warehouse from the input folder and publish it.",
    tags=CONCURRENCY_TAGS,
)

# One run per batch partition (a backfill launches them; a cluster run launcher spreads them over
# nodes); within a run, the multiprocess executor keeps steps in their own processes.
scale_out_job = dg.define_asset_job(
    "dyad_scale_out",
    selection=dg.AssetSelection.groups(SCALE_OUT),
    executor_def=dg.multiprocess_executor,
    description="Parse one batch of articles ahead of the entities stage (scale-out path).",
)


def _cursor(text: str | None) -> tuple[FolderState, int]:
    """The folder state and the number of runs requested so far (older cursors held the state
    alone)."""
    if not text:
        return {}, 0
    data = json.loads(text)
    if "state" in data and "n_requests" in data:
        return data["state"], int(data["n_requests"])
    return data, 0


@dg.sensor(
    job=dyad_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests a run when .txt files are added to, changed in or deleted from the "
    "input folder (compared by content hash; the cursor keeps the last state seen).",
)
def seeds_folder_sensor(
    context: dg.SensorEvaluationContext, dyad: DyadResource
) -> Iterator[dg.RunRequest | dg.SkipReason]:
    folder = dyad.seeds
    previous, n_requests = _cursor(context.cursor)
    try:
        current = folder_state(folder, previous)
    except FileNotFoundError as exc:
        yield dg.SkipReason(str(exc))
        return
    change = diff_states(previous, current)
    if not change:
        yield dg.SkipReason(f"no change in {folder}")
        return
    n_requests += 1
    context.update_cursor(json.dumps({"state": current, "n_requests": n_requests}))
    # The request count makes the key unique: a folder that returns to an earlier state (a file
    # added, then deleted) is a new change that needs a run, which Dagster skips on a seen key.
    yield dg.RunRequest(
        run_key=f"{n_requests}-{state_digest(current)}",
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
