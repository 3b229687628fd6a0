"""Publishing the finished build file as the snapshot analysts open."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import duckdb

from etl import contract
from etl.warehouse.connection import connect
from etl.warehouse.files import (
    RefusedEmpty,
    WarehouseError,
    describe_os_error,
    drop_stale_wal,
    wal_path,
)
from etl.warehouse.tables import count_rows


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: count_rows(conn, t) for t in contract.tables()}


def _accepted(conn: duckdb.DuckDBPyConnection) -> int:
    row = conn.execute("select count(*) from raw.documents where status_code = 'ok'").fetchone()
    return int(row[0]) if row else 0


def _published_accepted(published: Path) -> int:
    """Accepted documents in the current published snapshot (0 if there is none or it is not a
    warehouse: nothing there to protect)."""
    if not published.exists():
        return 0
    try:
        with connect(published, read_only=True, timeout_s=5) as conn:
            return _accepted(conn)
    except duckdb.Error:
        return 0


def problems(path: Path, expected: dict[str, int]) -> list[str]:
    """How the DuckDB file ``path`` differs from what was built: row counts per contract table,
    references between the tables (from the DDL) and the mart views."""
    found: list[str] = []
    with duckdb.connect(str(path), read_only=True) as conn:
        for name, table in contract.tables().items():
            n = count_rows(conn, name)
            if n != expected.get(name):
                found.append(f"{name} has {n} rows, the build {expected.get(name)}")
            for ref in table.references:
                # Identifiers come from the DDL, never from data.
                row = conn.execute(
                    f"select count(*) from {name} as c where c.{ref.column} is not null "  # noqa: S608
                    f"and not exists (select 1 from {ref.parent} as p "
                    f"where p.{ref.parent_column} = c.{ref.column})"
                ).fetchone()
                if row and row[0]:
                    found.append(f"{row[0]} rows of {name}.{ref.column} point at nothing")
        views = {
            f"{s}.{n}"
            for s, n in conn.execute(
                "select schema_name, view_name from duckdb_views() where not internal"
            ).fetchall()
        }
        missing = sorted(set(contract.views()) - views)
        if missing:
            found.append(f"views missing: {', '.join(missing)}")
    return found


def publish(build: Path, published: Path, *, allow_empty: bool = False) -> dict[str, int]:
    """Copy the finished build file over the published one atomically; returns the row counts.

    Readers that have the old file open keep reading their snapshot (the rename does not touch the
    inode they hold); new readers see the new one. A crash or an error (a full disk) leaves the
    old file. Before the rename: a WAL a dead read-write session left on the published name is
    removed (DuckDB would replay it onto the new file), and the copy is opened and compared with
    the build (row counts, references, views). A build with no accepted document never replaces a
    snapshot that has some, unless ``allow_empty``.
    """
    with connect(build) as conn:
        conn.execute("checkpoint")
        counts = table_counts(conn)
        accepted = _accepted(conn)
    published.parent.mkdir(parents=True, exist_ok=True)
    drop_stale_wal(published)
    if not accepted and not allow_empty:
        before = _published_accepted(published)
        if before:
            raise RefusedEmpty(
                f"this run has no accepted document and {published} holds {before}: refusing to "
                "publish an empty warehouse over it (the published file is unchanged); run with "
                "--allow-empty (DYAD_ALLOW_EMPTY=1) to empty it"
            )
    tmp = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        wal_path(tmp).unlink(missing_ok=True)
        _copy(build, tmp)
        found = problems(tmp, counts)
        if found:
            raise WarehouseError(
                f"the copy of {build.name} differs from the build ({'; '.join(found[:3])}); "
                f"{published} is unchanged"
            )
        os.replace(tmp, published)
        _fsync_folder(published.parent)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM):
            raise WarehouseError(
                describe_os_error(exc, "publishing failed writing") + f"; {published} is unchanged"
            ) from exc
        raise
    finally:
        tmp.unlink(missing_ok=True)
        wal_path(tmp).unlink(missing_ok=True)
    return counts


def _copy(src: Path, dst: Path) -> None:
    """The bytes of ``src`` at ``dst``, on disk (fsync) before it is renamed into place."""
    shutil.copyfile(src, dst)
    with dst.open("rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is; some file systems refuse this.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
