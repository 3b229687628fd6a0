"""Where Dyad reads pages from and where it writes the warehouse.

Environment variables override the defaults so the same code runs on any folder of pages; the CLI
sets them from its flags before the Dagster definitions are loaded.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_DIR / "sql"
DATA_DIR = Path(__file__).resolve().parent / "data"

DEFAULT_SEEDS_DIR = PROJECT_DIR / "seeds"
DEFAULT_WAREHOUSE = PROJECT_DIR / "warehouse" / "dyad.duckdb"
# Files above this size are rejected with a reason instead of being read into memory.
DEFAULT_MAX_BYTES = 5_000_000


def seeds_dir() -> Path:
    """The input folder of `.txt` pages (``DYAD_SEEDS_DIR``, default ``seeds/``)."""
    return Path(os.environ.get("DYAD_SEEDS_DIR") or DEFAULT_SEEDS_DIR).expanduser().resolve()


def warehouse_path() -> Path:
    """The DuckDB file analysts query (``DYAD_WAREHOUSE``, default ``warehouse/dyad.duckdb``)."""
    return Path(os.environ.get("DYAD_WAREHOUSE") or DEFAULT_WAREHOUSE).expanduser().resolve()


def build_path() -> Path:
    """The working file the pipeline writes; users query the published copy instead.

    DuckDB lets one process hold a file read-write and refuses others meanwhile, so the run never
    opens the file analysts have open: it builds here and publishes an atomic snapshot.
    """
    published = warehouse_path()
    return published.with_name(published.stem + ".build" + published.suffix)


def full_refresh() -> bool:
    """``DYAD_FULL_REFRESH=1`` recomputes every document instead of only the changed ones."""
    return os.environ.get("DYAD_FULL_REFRESH", "") not in ("", "0", "false", "no")


def max_bytes() -> int:
    """Size limit for one input file (``DYAD_MAX_BYTES``)."""
    return int(os.environ.get("DYAD_MAX_BYTES") or DEFAULT_MAX_BYTES)


@contextlib.contextmanager
def pointed_at(seeds: Path, warehouse: Path, *, full_refresh: bool = False) -> Iterator[None]:
    """Point the pipeline at ``seeds`` and ``warehouse`` for a block, then restore the previous
    settings. ``etl.pipeline.run_pipeline`` reads them when it runs, so nothing is reloaded."""
    names = ("DYAD_SEEDS_DIR", "DYAD_WAREHOUSE", "DYAD_FULL_REFRESH")
    old = {k: os.environ.get(k) for k in names}
    os.environ["DYAD_SEEDS_DIR"] = str(seeds)
    os.environ["DYAD_WAREHOUSE"] = str(warehouse)
    os.environ["DYAD_FULL_REFRESH"] = "1" if full_refresh else "0"
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
