"""Publishing the finished build file as the snapshot analysts open."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from etl.warehouse.connection import connect


def publish(build: Path, published: Path) -> None:
    """Copy the finished build file over the published one atomically.

    Readers that have the old file open keep reading their snapshot (the rename does not touch the
    inode they hold); new readers see the new one. A crash leaves either the old or the new file.
    """
    with connect(build) as conn:
        conn.execute("checkpoint")
    published.parent.mkdir(parents=True, exist_ok=True)
    tmp = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(build, tmp)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, published)
    finally:
        tmp.unlink(missing_ok=True)
