"""The files beside the warehouse: checks before a run, stale leftovers, damaged build files.

A run writes only in the warehouse folder: the build file and its WAL, the lock, the parse cache
and, when it publishes, one temporary copy. What a killed run leaves there is removed by the next
run (under the run lock, so never while another run uses it); a build file a crash or a full disk
left unreadable is rebuilt; a folder the run cannot write stops it with one line before any work.
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb


class WarehouseError(RuntimeError):
    """A fault the user can act on, said in one line (the CLI prints it without a traceback)."""


class RefusedEmpty(WarehouseError):
    """The run would replace a warehouse holding documents with one holding none."""


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def publish_tmp_glob(published: Path) -> str:
    """Temporary copies ``publish`` writes beside the published file (and their WALs)."""
    return f".{published.name}.*.tmp*"


def describe_os_error(exc: OSError, doing: str) -> str:
    """One line for an ``OSError``: what failed, on which path, and the system's reason."""
    if exc.errno == errno.ENOSPC:
        reason = "no space left on device (ENOSPC)"
    elif exc.errno in (errno.EROFS,):
        reason = "read-only file system"
    else:
        reason = exc.strerror or str(exc)
    where = f" {exc.filename}" if exc.filename else ""
    return f"{doing}{where}: {reason}"


def check_folder(warehouse_path: Path, build_path: Path) -> None:
    """Raise :class:`WarehouseError` unless the run can write in the warehouse folder.

    A missing folder is created when its parent exists (``warehouse/`` of a fresh checkout); a
    path whose parent is missing too is more likely a typo, and is refused. The folder is probed
    by creating a file in it, which also catches a read-only mount where permission bits say yes.
    """
    folder = warehouse_path.parent
    if not folder.is_dir():
        if folder.exists():
            raise WarehouseError(f"warehouse folder {folder} is not a folder")
        if not folder.parent.is_dir():
            raise WarehouseError(
                f"warehouse folder {folder} does not exist (nor its parent); create it first"
            )
        try:
            folder.mkdir()
        except OSError as exc:
            raise WarehouseError(
                describe_os_error(exc, "cannot create the warehouse folder")
            ) from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".dyad-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WarehouseError(
            describe_os_error(exc, f"warehouse folder {folder} is not writable:")
        ) from None
    for path in (build_path, wal_path(build_path)):
        if path.exists():
            try:
                with path.open("r+b"):
                    pass
            except OSError as exc:
                raise WarehouseError(describe_os_error(exc, "cannot write")) from None


def remove_stale(published: Path, scratch_dirs: Iterable[Path] = ()) -> list[Path]:
    """Remove what a killed run left: temporary published copies and temporary scratch files.

    Call only under the run lock: then no other run is writing any of them.
    """
    found = list(published.parent.glob(publish_tmp_glob(published)))
    for folder in scratch_dirs:
        if folder.is_dir():
            found += folder.glob("*.tmp")
    for path in found:
        path.unlink(missing_ok=True)
    return found


def held_for_writing(db: Path) -> bool:
    """Whether a live process holds ``db`` open read-write.

    DuckDB takes a POSIX write lock on the whole file for a read-write connection (a read lock
    for a read-only one), and the kernel drops it when the process dies; a shared lock that
    cannot be had means a live writer. (Closing this descriptor drops this process's own POSIX
    locks on the file: the caller must not hold it open itself.)
    """
    try:
        fd = os.open(db, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


def drop_stale_wal(db: Path) -> bool:
    """Refuse if a live session holds ``db`` read-write; remove the WAL a dead one left.

    DuckDB replays ``<file>.wal`` onto whatever file bears the name when it is next opened, so a
    WAL left on the published file would be replayed onto the next snapshot published there
    (events vanish, actors point at nothing). A live writer would leave one the same way when it
    dies, so publishing waits for it to close instead. True if a stale WAL was removed.
    """
    if held_for_writing(db):
        raise WarehouseError(
            f"{db} is open read-write in another session, which the published file never must "
            "be; close it (open the warehouse with read_only=True) and run again"
        )
    wal = wal_path(db)
    if not wal.exists():
        return False
    wal.unlink(missing_ok=True)
    return True


# DuckDB's words for a file it cannot read as a database (as opposed to a lock held elsewhere,
# a permission or a full disk, which must never cost the user the file).
_DAMAGE = (
    "not a valid duckdb database file",
    "could not read enough bytes",
    "corrupt",
    "checksum",
    "truncated",
    "failed to deserialize",
    "serialization error",
)


def _short_of(conn: duckdb.DuckDBPyConnection, size: int) -> str | None:
    """Why a file of ``size`` bytes cannot hold the blocks DuckDB says it uses, or None.

    DuckDB reads most blocks only when a query needs them, so a file cut short can open and
    then fail in the middle of a stage. It writes whole blocks after three 4 KiB headers and
    trims only free blocks off the end, so a file holds at least its used blocks, whole.
    """
    row = conn.execute("select block_size, used_blocks from pragma_database_size()").fetchone()
    if not row:
        return None
    block, used = int(row[0]), int(row[1])
    body = size - 3 * 4096
    if body < used * block or body % block:
        return f"the file is truncated ({size} bytes; {used} blocks of {block} in use)"
    return None


def damage(path: Path) -> str | None:
    """Why the DuckDB file ``path`` cannot be used, or None when it opens and holds its blocks.

    Read-only: a WAL a killed run left is replayed in memory, and the file is not written."""
    if not path.exists():
        return None
    size = path.stat().st_size
    if size == 0:
        return "the file is empty (0 bytes)"
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        return message if any(w in message.lower() for w in _DAMAGE) else None
    try:
        return _short_of(conn, size)
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        return message if any(w in message.lower() for w in _DAMAGE) else None
    finally:
        conn.close()


def recover_build(build: Path) -> str | None:
    """Remove a damaged build file (and its WAL) so the run rebuilds it; returns why, or None.

    The build file is derived data: everything in it is recomputed from the input folder, and the
    published snapshot is untouched meanwhile.
    """
    reason = damage(build)
    if reason is None:
        return None
    build.unlink(missing_ok=True)
    wal_path(build).unlink(missing_ok=True)
    return reason


def prepare_run(build: Path, published: Path, scratch_dirs: Iterable[Path] = ()) -> list[str]:
    """What a run does first, under the run lock: remove a killed run's leftovers and a damaged
    build file. Returns one line per thing it did, for the run's log."""
    notes: list[str] = []
    removed = remove_stale(published, scratch_dirs)
    if removed:
        notes.append(f"removed {len(removed)} temporary file(s) a killed run left")
    reason = recover_build(build)
    if reason:
        notes.append(f"{build} could not be used ({reason}); rebuilding it from the input folder")
    return notes
