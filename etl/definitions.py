"""The one Dagster entry point: assets, checks, job, sensor, schedule, resources.

``workspace.yaml`` loads ``defs`` from here; ``dagster dev`` shows the asset graph.
"""

from __future__ import annotations

import dagster as dg

from etl.assets import ALL_ASSETS
from etl.checks import ALL_CHECKS
from etl.jobs import dyad_job, scale_out_job
from etl.resources import default_resource
from etl.sensors import daily_schedule, seeds_folder_sensor

# One process writes the DuckDB build file at a time, and the spaCy model loads once per process.
defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=ALL_CHECKS,
    jobs=[dyad_job, scale_out_job],
    sensors=[seeds_folder_sensor],
    schedules=[daily_schedule],
    resources={"dyad": default_resource()},
    executor=dg.in_process_executor,
)
