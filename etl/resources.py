"""Dagster resources: where the pipeline reads pages and which DuckDB files it writes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb

from etl import config, warehouse


class DyadResource(dg.ConfigurableResource):
    """Input folder, warehouse files and input size limit for one deployment.

    The pipeline writes ``build_path``; the last asset publishes it to ``warehouse_path``, the file
    analysts open, so their readers never block a run and never see a half-written state.
    """

    seeds_dir: str
    warehouse_path: str
    build_path: str
    max_bytes: int = config.DEFAULT_MAX_BYTES
    full_refresh: bool = False

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the build file, with the schema in place."""
        with warehouse.connect(self.build_path, read_only=read_only) as conn:
            if not read_only:
                warehouse.ensure_schema(conn)
            yield conn

    def publish(self) -> None:
        warehouse.publish(Path(self.build_path), Path(self.warehouse_path))

    @property
    def seeds(self) -> Path:
        return Path(self.seeds_dir)


def default_resource() -> DyadResource:
    """The resource configured from ``DYAD_SEEDS_DIR``, ``DYAD_WAREHOUSE``, ``DYAD_MAX_BYTES``
    and ``DYAD_FULL_REFRESH``."""
    return DyadResource(
        seeds_dir=str(config.seeds_dir()),
        warehouse_path=str(config.warehouse_path()),
        build_path=str(config.build_path()),
        max_bytes=config.max_bytes(),
        full_refresh=config.full_refresh(),
    )
