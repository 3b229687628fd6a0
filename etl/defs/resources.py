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

# A step that changed at most this many files or articles leaves the build open for the next
# steps (DyadResource.keep_open_if_small); a larger one closes it, so the memory of a full run
# is what it was with a connection per step.
KEEP_OPEN_MAX_CHANGES = 1_000


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
    # A connection to the build kept open between steps (see keep_open_if_small).
    _kept: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

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
        self._let_go()  # before the lock: its close checkpoints the build
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

    def keep_open_if_small(self, n_changed: int) -> None:
        """After a step that wrote the build: keep one connection to it open until the run ends
        when the step changed at most :data:`KEEP_OPEN_MAX_CHANGES` files or articles, else close
        the one kept. DuckDB shares one instance per file within a process, so the next steps'
        connections find its cache warm and their closes do not checkpoint (publishing does):
        about 0.4 s of an incremental run at 100,000 pages (cold reads in each step's plan,
        five checkpoints). A large step lets go, so a full run's steps each free the instance's
        memory at their end as before. Only while the run holds the lock (a write came first)."""
        if self._held is None or self.full_refresh or n_changed > KEEP_OPEN_MAX_CHANGES:
            self._let_go()
        elif self._kept is None:
            self._kept = duckdb.connect(str(self.build_path))

    def _let_go(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None

    def publish(self) -> dict[str, int]:
        """Publish the build; returns its row counts per contract table."""
        return warehouse.publish(
            self.build_path, Path(self.warehouse_path), allow_empty=self.allow_empty
        )


def default_resource() -> DyadResource:
    """The resource the environment configures (see :mod:`etl.settings`)."""
    return DyadResource.from_settings(settings_module.from_env())
