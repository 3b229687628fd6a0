"""The Dagster resource: one deployment's settings, the build file and the run lock."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from etl import settings as settings_module
from etl import warehouse
from etl.settings import Settings
from etl.stages import parse_cache
from etl.warehouse import files


class DyadResource(dg.ConfigurableResource):
    """Input folder, warehouse files, limits and worker count for one deployment.

    The pipeline writes ``build_path``; the last asset publishes it to ``warehouse_path``, the file
    analysts open, so their readers never block a run and never see a half-written state. The
    first write of a run takes the run lock and the run keeps it to its end, so a sensor run, a
    scheduled run and a CLI run on one warehouse take turns instead of interleaving.
    """

    seeds_dir: str
    warehouse_path: str
    max_bytes: int = settings_module.DEFAULT_MAX_BYTES
    full_refresh: bool = False
    nlp_processes: int | None = None
    lock_timeout_s: float = settings_module.DEFAULT_LOCK_TIMEOUT_S
    allow_empty: bool = False
    _held: contextlib.ExitStack | None = PrivateAttr(default=None)
    # Whether this run (which holds the lock, so no other writer changes the file) has checked
    # the schema already: the check costs tens of milliseconds and every step opens a connection.
    _schema_checked: bool = PrivateAttr(default=False)

    @classmethod
    def from_settings(cls, s: Settings) -> DyadResource:
        values: dict[str, Any] = {
            f.name: str(v) if isinstance(v := getattr(s, f.name), Path) else v
            for f in dataclasses.fields(Settings)
        }
        return cls(**values)

    @property
    def settings(self) -> Settings:
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(Settings)}
        return Settings(**values).but(seeds_dir=self.seeds_dir, warehouse_path=self.warehouse_path)

    @property
    def build_path(self) -> Path:
        return self.settings.build_path

    @property
    def seeds(self) -> Path:
        return Path(self.seeds_dir)

    def _hold_run_lock(self) -> None:
        if self._held is None:
            # A folder the run cannot write stops it here, before any work, in one line.
            files.check_folder(Path(self.warehouse_path), self.build_path)
            stack = contextlib.ExitStack()
            stack.enter_context(
                warehouse.run_lock(
                    self.build_path,
                    timeout_s=self.lock_timeout_s,
                    on_wait=lambda holder: print(
                        f"dyad: waiting for the run that holds {self.build_path.name} ({holder})",
                        file=sys.stderr,
                    ),
                )
            )
            self._held = stack
            # Under the lock: no other run is using what a killed run left.
            for note in files.prepare_run(
                self.build_path, Path(self.warehouse_path), [parse_cache.cache_dir(self.build_path)]
            ):
                print(f"dyad: {note}", file=sys.stderr)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._held is not None:
            self._held.close()
            self._held = None
        self._schema_checked = False

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the build file, with the schema in place; writing takes the lock."""
        if not read_only:
            self._hold_run_lock()
        with warehouse.connect(self.build_path, read_only=read_only) as conn:
            if not read_only and not self._schema_checked:
                warehouse.ensure_schema(conn)
                self._schema_checked = True
            yield conn

    def publish(self) -> dict[str, int]:
        """Publish the build; returns its row counts per contract table."""
        return warehouse.publish(
            self.build_path, Path(self.warehouse_path), allow_empty=self.allow_empty
        )


def default_resource() -> DyadResource:
    """The resource the environment configures (see :mod:`etl.settings`)."""
    return DyadResource.from_settings(settings_module.from_env())
