"""Jobs: the whole warehouse, and the scale-out batches that can run ahead of it."""

from __future__ import annotations

import dagster as dg

SCALE_OUT = "scale_out"

dyad_job = dg.define_asset_job(
    "dyad_job",
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups(SCALE_OUT),
    description="Materialize the whole warehouse from the input folder and publish it.",
)

# One run per batch partition (a backfill launches them; a cluster run launcher spreads them over
# nodes); within a run, the multiprocess executor keeps steps in their own processes.
scale_out_job = dg.define_asset_job(
    "dyad_scale_out",
    selection=dg.AssetSelection.groups(SCALE_OUT),
    executor_def=dg.multiprocess_executor,
    description="Parse one batch of articles ahead of the entities stage (scale-out path).",
)
