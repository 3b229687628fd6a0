"""The job that materializes the whole warehouse."""

from __future__ import annotations

import dagster as dg

dyad_job = dg.define_asset_job(
    "dyad_job",
    selection=dg.AssetSelection.all(),
    description="Materialize the whole warehouse from the input folder and publish it.",
)
