"""Dagster resources: where the pipeline reads pages and which DuckDB file it writes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb

from etl import config, warehouse


class DyadResource(dg.ConfigurableResource):
    """Input folder, warehouse file and input size limit for one deployment."""

    seeds_dir: str
    warehouse_path: str
    max_bytes: int = config.DEFAULT_MAX_BYTES

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse.connect(self.warehouse_path, read_only=read_only) as conn:
            if not read_only:
                warehouse.ensure_schema(conn)
            yield conn

    @property
    def seeds(self) -> Path:
        return Path(self.seeds_dir)


def default_resource() -> DyadResource:
    """The resource configured from ``DYAD_SEEDS_DIR``/``DYAD_WAREHOUSE``/``DYAD_MAX_BYTES``."""
    return DyadResource(
        seeds_dir=str(config.seeds_dir()),
        warehouse_path=str(config.warehouse_path()),
        max_bytes=config.max_bytes(),
    )
