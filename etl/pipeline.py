"""Running the whole job from Python (the CLI and tests use this)."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg

from etl import contract, settings, warehouse
from etl.defs.resources import DyadResource
from etl.settings import Settings


@dataclass
class RunSummary:
    success: bool
    warehouse_path: Path
    counts: dict[str, int] = field(default_factory=dict)
    top_pairs: list[tuple[object, ...]] = field(default_factory=list)
    rejected: list[tuple[object, ...]] = field(default_factory=list)
    # Metadata each asset reported, keyed "schema/table": n_processed, n_removed, row counts ...
    asset_metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Why a failed run failed, in one line.
    error: str | None = None

    def render(self) -> str:
        lines = [
            f"warehouse: {self.warehouse_path}",
            f"status: {'ok' if self.success else 'FAILED'}",
        ]
        if not self.success:
            # Counts of a failed run would be read as the warehouse's: say why, and that the
            # published snapshot is the previous one.
            lines.append(f"error: {self.error or 'the run failed'}")
            return "\n".join(lines)
        for name in ("raw.documents", "core.articles", "core.entities", "core.mentions",
                     "core.events", "core.event_clusters"):  # fmt: skip
            lines.append(f"  {name:<22} {self.counts.get(name, 0):>7}")
        for stage, label in (
            ("core/articles", "articles"),
            ("core/sentences", "entities"),
            ("core/events", "events"),
        ):
            meta = self.asset_metadata.get(stage, {})
            if "n_processed" in meta:
                staged = meta.get("n_from_batches")
                lines.append(
                    f"  {label} stage: {meta['n_processed']} processed"
                    + (f" ({staged} from scale-out batches)" if staged else "")
                    + f", {meta['n_removed']} removed, {meta['n_unchanged']} unchanged"
                )
        for file_name, reason in self.rejected:
            lines.append(f"  rejected {file_name}: {reason}")
        if self.top_pairs:
            lines.append("top state pairs (events / articles):")
            for a, b, n_events, n_articles in self.top_pairs:
                lines.append(f"  {a}-{b}: {n_events} / {n_articles}")
        return "\n".join(lines)


# Errors whose message is the whole story: no class name in front of it.
_PLAIN = {"WarehouseError", "RefusedEmpty", "RunLocked"}


def _root_cause(error: Any) -> Any:
    # Dagster wraps what the asset raised: the first error that is not Dagster's is what
    # happened (its own cause may be a worker's traceback, which says less).
    while error.cause is not None and (error.cls_name or "").startswith("Dagster"):
        error = error.cause
    return error


def failure_line(result: dg.ExecuteInProcessResult, published: Path) -> str:
    """The first failed step and its root cause, in one line, and what became of the snapshot."""
    published_ok = any(
        e.is_step_success and e.step_key == "published_warehouse" for e in result.all_events
    )
    for event in result.all_events:
        if not event.is_step_failure or event.step_failure_data is None:
            continue
        root = _root_cause(event.step_failure_data.error)
        lines = root.message.strip().splitlines() or [root.cls_name or "error"]
        message = lines[0]
        if message.endswith(":") and len(lines) > 1:  # a list follows: which checks failed
            message += " " + "; ".join(line.strip() for line in lines[1:])
        prefix, sep, rest = message.partition(": ")
        if sep and prefix.split(".")[-1] == root.cls_name:  # "etl.module.Class: text"
            message = rest
        if root.cls_name and root.cls_name not in _PLAIN:
            message = f"{root.cls_name}: {message}"
        if "No space left on device" in message and "ENOSPC" not in message:
            message += " (ENOSPC)"
        line = f"{event.step_key}: {message}"
        if not published_ok and "unchanged" not in message:
            line += f"; {published} is unchanged"
        return line
    return f"the run failed; {published} is unchanged" if not published_ok else "the run failed"


def run_pipeline(
    config: Settings | None = None, instance: dg.DagsterInstance | None = None
) -> RunSummary:
    """Materialize every asset into the warehouse ``config`` names (default: the environment's)
    and summarize the result."""
    from etl.definitions import defs

    config = config or settings.from_env()

    job = defs.resolve_job_def("dyad_job")
    # The objects alive now (the loaded model, Dagster's definitions) are set aside from the
    # collector for the run: otherwise each full collection the run's allocations trigger walks
    # them all again (about 0.4 s of an incremental run at 100,000 pages). Given back after it,
    # garbage among them too (so no collection first: a full one costs 0.25 s there).
    gc.freeze()
    try:
        result = _execute(job, config, instance)
    finally:
        gc.unfreeze()
    path = config.warehouse_path
    summary = RunSummary(success=result.success, warehouse_path=path)
    for event in result.get_asset_materialization_events():
        mat = event.step_materialization_data.materialization
        if mat is not None:
            summary.asset_metadata[mat.asset_key.to_user_string()] = {
                k: v.value for k, v in mat.metadata.items()
            }
    if not result.success:
        summary.error = failure_line(result, path)
        return summary
    # The counts publishing compared the published copy with (counting again cost 0.3 s at
    # 100,000 pages); counted here when that metadata is missing.
    published = summary.asset_metadata.get("published_warehouse", {}).get("row_counts")
    with warehouse.connect(path, read_only=True) as conn:
        for table in contract.tables():
            if isinstance(published, dict) and isinstance(published.get(table), int):
                summary.counts[table] = published[table]
            else:
                summary.counts[table] = warehouse.count_rows(conn, table)
        summary.top_pairs = warehouse.query(conn, "top_pairs", n_pairs=10).rows()
        summary.rejected = warehouse.query(conn, "rejected_documents").rows()
    return summary


def _execute(
    job: dg.JobDefinition, config: Settings, instance: dg.DagsterInstance | None
) -> dg.ExecuteInProcessResult:
    return job.execute_in_process(
        instance=instance or dg.DagsterInstance.ephemeral(),
        # Step-by-step lines drown the summary, and a failure would print a traceback per step
        # it skips: the summary says what failed in one line instead (RunSummary.error).
        run_config={
            "loggers": {"console": {"config": {"log_level": "CRITICAL"}}},
            # Settings are passed now, not read when the definitions module was first imported.
            "resources": {"dyad": {"config": DyadResource.from_settings(config).model_dump()}},
        },
        raise_on_error=False,
    )
