"""The one Dagster entry point: assets, job, resources (loaded by ``workspace.yaml``)."""

from __future__ import annotations

import dagster as dg

from etl.assets import ALL_ASSETS
from etl.resources import default_resource

dyad_job = dg.define_asset_job(
    "dyad_job",
    selection=dg.AssetSelection.all(),
    description="Materialize the whole warehouse from the input folder.",
)

# One process writes the DuckDB file at a time, and the spaCy model is loaded once per process.
defs = dg.Definitions(
    assets=ALL_ASSETS,
    jobs=[dyad_job],
    resources={"dyad": default_resource()},
    executor=dg.in_process_executor,
)
