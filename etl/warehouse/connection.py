"""Opening the DuckDB file, transactions, the schema, and the lock that serializes runs."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO

import duckdb

from etl import contract
from etl.settings import SQL_DIR


@contextlib.contextmanager
def connect(
    path: Path | str, *, read_only: bool = False, timeout_s: float = 60.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB file, waiting while another process holds its lock, and always close it."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            # DuckDB allows one read-write process per file; another writer or reader holds it.
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        yield conn
    finally:
        conn.close()


# What ``dyad sql`` and other analyst sessions get: the file read-only, no other file readable or
# writable (ATTACH, COPY ... TO, read_text(), extensions), and settings that cannot be changed.
LOCKED_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,
}


@contextlib.contextmanager
def connect_locked(path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that can read ``path`` and nothing else, and can write nowhere."""
    conn = duckdb.connect(str(path), read_only=True, config=dict(LOCKED_CONFIG))
    try:
        yield conn
    finally:
        conn.close()


def read_query(name: str, folder: str = "queries") -> str:
    """The text of ``sql/<folder>/<name>.sql`` (read-only queries the stages and checks run)."""
    path = SQL_DIR / folder / f"{name}.sql"
    if not path.is_file() or path.parent.parent != SQL_DIR:
        raise ValueError(f"unknown query {folder}/{name}")
    return path.read_text(encoding="utf-8")


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Create the schemas and every contract table that does not exist yet.

    A table whose columns differ from its DDL (a warehouse built by an older release) is dropped
    and created anew, and the stages' ledger is cleared so the next run recomputes every row:
    derived data is never carried over into a contract it was not made for. Returns the tables
    rebuilt.
    """
    conn.execute((SQL_DIR / "schemas.sql").read_text(encoding="utf-8"))
    rebuilt: list[str] = []
    # One catalog query for every table: this runs on every write connection.
    existing = dict(
        conn.execute(
            read_query("schema_columns"),
            {"schema_names": list(contract.TABLE_SCHEMAS)},
        ).fetchall()
    )
    todo = [t for t in contract.tables().values() if existing.get(t.name) != list(t.column_names)]
    keyed = {
        r[0]
        for r in conn.execute(
            read_query("keyed_tables"), {"schema_names": list(contract.TABLE_SCHEMAS)}
        ).fetchall()
    }
    reindex = [
        t for t in contract.tables().values()
        if t.name in keyed and t.name not in contract.INDEXED and t not in todo
    ]  # fmt: skip
    if not todo and not reindex:
        return rebuilt
    with transaction(conn):
        for t in todo:
            if existing.get(t.name):
                schema, name = t.name.split(".")
                conn.execute(f'drop table "{schema}"."{name}"')
                rebuilt.append(t.name)
            conn.execute(contract.create_sql(t))
        for t in reindex:  # same columns, same rows: only the key index goes
            schema, name = t.name.split(".")
            old = f'"{schema}"."{name}__keyed"'
            conn.execute(f'alter table "{schema}"."{name}" rename to "{name}__keyed"')
            conn.execute(contract.create_sql(t))
            conn.execute(f'insert into "{schema}"."{name}" select * from {old}')  # noqa: S608
            conn.execute(f"drop table {old}")
        if rebuilt:
            conn.execute("delete from core.stage_inputs")
    return rebuilt


def create_views(conn: duckdb.DuckDBPyConnection, names: Sequence[str] | None = None) -> None:
    for view in contract.views() if names is None else names:
        conn.execute(contract.sql_path(view).read_text(encoding="utf-8"))


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything inside commits together or not at all."""
    conn.execute("begin transaction")
    try:
        yield
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


# Lock files this process holds, with how many holders nest inside the first.
_HELD: dict[Path, int] = {}


class RunLocked(RuntimeError):
    """Another run holds the warehouse and did not finish within the wait allowed."""


def lock_path(build_path: Path | str) -> Path:
    build = Path(build_path)
    return build.with_name(build.name + ".lock")


def _holder(fh: IO[str]) -> str:
    fh.seek(0)
    return fh.read().strip() or "unknown"


@contextlib.contextmanager
def run_lock(
    build_path: Path | str, *, timeout_s: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock that makes runs on one build file take turns.

    An advisory ``flock`` on a file beside the build file: the kernel drops it when the holder
    exits, even on ``kill -9``, so a crashed run never leaves it stuck. A second run waits up to
    ``timeout_s`` (calling ``on_wait(holder)`` once, so the user knows why nothing happens), then
    raises :class:`RunLocked`; it has written nothing by then.
    """
    path = lock_path(Path(build_path).absolute())
    if path in _HELD:
        # This process already holds it (the CLI took it before starting the job): re-entering
        # must not wait for itself, since flock conflicts between two descriptors of one process.
        _HELD[path] += 1
        try:
            yield
        finally:
            _HELD[path] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as fh:
        deadline = time.monotonic() + timeout_s
        told = False
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and on_wait is not None:
                    on_wait(_holder(fh))
                    told = True
                if time.monotonic() >= deadline:
                    raise RunLocked(
                        f"another Dyad run ({_holder(fh)}) is writing {Path(build_path).name}; "
                        f"gave up after {timeout_s:g} s. Nothing was written; run again later."
                    ) from None
                time.sleep(0.2)
        _HELD[path] = 1
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()}")
            fh.flush()
            yield
        finally:
            del _HELD[path]
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
