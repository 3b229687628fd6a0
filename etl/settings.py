"""Every ``DYAD_*`` environment variable is read here, once, into one frozen value.

The CLI turns its flags into a :class:`Settings` (flags win over the environment), the Dagster
resource is built from one, and the sensor reads its folder from the resource. Nothing else in
the package reads or writes the environment.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The source checkout (tests, corpus, benchmarks); in an installed wheel this is site-packages,
# so nothing a user reads or writes defaults to it.
PROJECT_DIR = PACKAGE_DIR.parent
# The SQL contract: ``sql/`` beside the package in a checkout, ``etl/sql`` in an installed wheel
# (pyproject.toml maps one onto the other).
SQL_DIR = PROJECT_DIR / "sql" if (PROJECT_DIR / "sql").is_dir() else PACKAGE_DIR / "sql"

# User data defaults to the current directory (resolved when the settings are read).
DEFAULT_SEEDS_DIR = Path("seeds")
DEFAULT_WAREHOUSE = Path("warehouse") / "dyad.duckdb"
# Files above this size are rejected with a reason instead of being read into memory.
DEFAULT_MAX_BYTES = 5_000_000
# How long a run waits for another run on the same warehouse before giving up with a message.
DEFAULT_LOCK_TIMEOUT_S = 3600.0

_FALSE = ("", "0", "false", "no")


@dataclass(frozen=True)
class Settings:
    """Where a deployment reads pages and writes the warehouse, and how hard it works."""

    seeds_dir: Path = DEFAULT_SEEDS_DIR
    # The DuckDB file analysts query; the pipeline writes build_path and publishes here.
    warehouse_path: Path = DEFAULT_WAREHOUSE
    max_bytes: int = DEFAULT_MAX_BYTES
    full_refresh: bool = False
    # Worker processes for the NLP stages; None: one per core, at most two.
    nlp_processes: int | None = None
    lock_timeout_s: float = DEFAULT_LOCK_TIMEOUT_S
    # Publish a warehouse with no accepted document over one that has some (an emptied folder).
    allow_empty: bool = False

    @property
    def build_path(self) -> Path:
        """The working file the pipeline writes; users query the published copy instead.

        DuckDB lets one process hold a file read-write and refuses others meanwhile, so the run
        never opens the file analysts have open: it builds here and publishes an atomic snapshot.
        """
        published = self.warehouse_path
        return published.with_name(published.stem + ".build" + published.suffix)

    def but(self, **changes: object) -> Settings:
        """A copy with the values given replaced; ``None`` keeps the value (a flag not given).
        Paths are resolved as :func:`from_env` resolves them."""
        given = {k: v for k, v in changes.items() if v is not None}
        for name in ("seeds_dir", "warehouse_path"):
            if name in given:
                given[name] = _path(str(given[name]))
        return dataclasses.replace(self, **given)  # type: ignore[arg-type]


def _path(text: str) -> Path:
    return Path(text).expanduser().resolve()


def from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings the environment gives (``DYAD_SEEDS_DIR``, ``DYAD_WAREHOUSE``,
    ``DYAD_MAX_BYTES``, ``DYAD_FULL_REFRESH``, ``DYAD_NLP_PROCESSES``, ``DYAD_LOCK_TIMEOUT``,
    ``DYAD_ALLOW_EMPTY``)."""
    env = os.environ if environ is None else environ
    processes = env.get("DYAD_NLP_PROCESSES")
    return Settings(
        seeds_dir=_path(env.get("DYAD_SEEDS_DIR") or str(DEFAULT_SEEDS_DIR)),
        warehouse_path=_path(env.get("DYAD_WAREHOUSE") or str(DEFAULT_WAREHOUSE)),
        max_bytes=int(env.get("DYAD_MAX_BYTES") or DEFAULT_MAX_BYTES),
        full_refresh=env.get("DYAD_FULL_REFRESH", "").lower() not in _FALSE,
        nlp_processes=max(1, int(processes)) if processes else None,
        lock_timeout_s=float(env.get("DYAD_LOCK_TIMEOUT") or DEFAULT_LOCK_TIMEOUT_S),
        allow_empty=env.get("DYAD_ALLOW_EMPTY", "").lower() not in _FALSE,
    )
