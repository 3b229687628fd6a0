"""The Dagster-facing code, and only it: one module per stage's assets, the checks and the
automation (jobs, sensor, schedule). Each asset calls its stage in :mod:`etl.stages` and reports
what it wrote; ``etl/definitions.py`` gathers them."""
