"""The one Dagster entry point: assets, checks, jobs, sensor, schedule, resources.

``workspace.yaml`` loads ``defs`` from here; ``dagster dev`` shows the asset graph. Every asset
is unpartitioned, so the UI's "Materialize all" is one run of the same assets as ``dyad_job``;
the scale-out batches are an op job (``dyad_scale_out``), outside the asset graph.
"""

from __future__ import annotations

import dagster as dg

from etl.defs import articles, entities, events, marts, raw, report
from etl.defs.automation import daily_schedule, dyad_job, scale_out_job, seeds_folder_sensor
from etl.defs.resources import default_resource

ASSETS = [
    raw.raw_documents,
    articles.articles,
    entities.entities,
    events.events,
    *marts.VIEW_ASSETS,
    marts.published_warehouse,
    report.report_overview,
]

# One process writes the DuckDB build file at a time, and the spaCy model loads once per process.
defs = dg.Definitions(
    assets=ASSETS,
    jobs=[dyad_job, scale_out_job],
    sensors=[seeds_folder_sensor],
    schedules=[daily_schedule],
    resources={"dyad": default_resource()},
    executor=dg.in_process_executor,
)
