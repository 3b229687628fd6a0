"""The PostgreSQL load path, into a real server: ``dyad sql-export --dialect postgres --with-data``
writes a bundle, ``psql -f load.sql`` loads it into Debian's PostgreSQL (a throwaway cluster this
module starts on 127.0.0.1), and every table and view holds the same rows as in DuckDB.

Rows are compared as an order-independent checksum of each row's normalized text: the cells are
read from DuckDB through Python and from PostgreSQL through ``COPY ... TO STDOUT``, and each is
brought to one text form by the DuckDB column type (floats to 9 significant digits, since the
engines may sum in another order; arrays through JSON). No skip: without a server the test fails,
``make test`` installs the package (``.ci/system-deps``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from etl import contract
from etl.cli import main
from etl.warehouse import postgres

pytestmark = pytest.mark.slow

NULL = r"\N"


def _pg_bin() -> Path:
    """Debian's server binaries (not /usr/local/bin/initdb, which is something else)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        pytest.fail("Debian's postgresql is not installed: run .ci/system-deps (make test does)")
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    bin: Path
    port: int

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(
            PGHOST="127.0.0.1",
            PGPORT=str(self.port),
            PGUSER="postgres",
            PGDATESTYLE="ISO",
            PGCLIENTENCODING="UTF8",
            PGCONNECT_TIMEOUT="10",
        )
        return env

    def psql(self, *args: str, db: str = "postgres", cwd: Path | str = "/") -> str:
        """Run psql (stopping at the first error); its stdout."""
        done = subprocess.run(
            [str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, *args],
            env=self.env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"psql {' '.join(args)}: {done.stderr}"
        return done.stdout


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """A PostgreSQL cluster of its own in a temporary folder, on 127.0.0.1 and a free port.

    The server refuses to run as root, so under root the folder belongs to the ``postgres`` user
    Debian's package creates and the server commands run through ``runuser``."""
    pg_bin = _pg_bin()
    top = Path(tempfile.mkdtemp(prefix="dyad-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root needs the 'postgres' user of Debian's postgresql package")
        os.chown(top, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = top / "data", top / "server.log"

    def server_cmd(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*as_user, *args], cwd=top, capture_output=True, text=True, timeout=120
        )

    init = server_cmd(
        str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
        "-E", "UTF8", "--no-locale", "--no-sync",
    )  # fmt: skip
    if init.returncode != 0:
        shutil.rmtree(top, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr or init.stdout}")
    started = None
    try:
        for _ in range(3):  # another process may take the free port before the server does
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -k {top} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=20"
            )
            start = server_cmd(
                str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                "-w", "-t", "60", "start",
            )  # fmt: skip
            if start.returncode == 0:
                started = Server(pg_bin, port)
                break
        if started is None:
            text = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"the PostgreSQL server did not start: {start.stderr}\n{text[-2000:]}")
        yield started
    finally:
        if started is not None:
            server_cmd(str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(top, ignore_errors=True)


# -- normalized rows --------------------------------------------------------------------------


def _norm(value: Any, duck_type: str) -> Any:
    """One cell in one form whichever engine gave it (a PostgreSQL cell arrives as text)."""
    if value is None or value == NULL:
        return None
    if duck_type.endswith("[]"):
        items = json.loads(value) if isinstance(value, str) else value
        return [_norm(v, duck_type[:-2]) for v in items]
    if duck_type in ("DOUBLE", "FLOAT", "REAL") or duck_type.startswith("DECIMAL"):
        return f"{float(value):.9g}"
    if duck_type in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"):
        return str(int(value))
    if duck_type == "BOOLEAN":
        return "t" if value in (True, "t") else "f"
    if duck_type == "TIMESTAMP":
        stamp = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
        return stamp.isoformat(sep=" ")
    return str(value)


def _checksum(rows: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()


def _row_text(cells: Sequence[Any], types: Sequence[str]) -> str:
    return json.dumps([_norm(c, t) for c, t in zip(cells, types, strict=True)], ensure_ascii=False)


def duckdb_rows(db: Path, name: str) -> tuple[list[str], list[str], list[str]]:
    """Columns, DuckDB types and normalized rows of ``name``."""
    with duckdb.connect(str(db), read_only=True) as conn:
        described = conn.execute(f"describe select * from {name}").fetchall()  # noqa: S608
        rows = conn.execute(f"select * from {name}").fetchall()  # noqa: S608
    columns, types = [d[0] for d in described], [d[1] for d in described]
    return columns, types, [_row_text(r, types) for r in rows]


def postgres_rows(server: Server, name: str, columns: list[str], types: list[str]) -> list[str]:
    select = ", ".join(
        f'array_to_json("{c}")::text' if t.endswith("[]") else f'"{c}"'
        for c, t in zip(columns, types, strict=True)
    )
    query = f"select {select} from {name}"  # noqa: S608 (names from the contract)
    return [_row_text(r, types) for r in csv.reader(io.StringIO(copy_out(server, "dyad", query)))]


def copy_out(server: Server, db: str, query: str) -> str:
    """``query``'s rows as CSV, a null as ``\\N`` (an empty string stays empty)."""
    return server.psql("-c", f"copy ({query}) to stdout with (format csv, null '{NULL}')", db=db)


def test_bundle_loads_into_postgres_with_the_same_rows(
    seeds_warehouse: Path, pg_server: Server, tmp_path: Path
) -> None:
    out = tmp_path / "bundle"
    assert main(
        ["sql-export", "--dialect", "postgres", "--with-data", "--out", str(out),
         "--warehouse", str(seeds_warehouse)]
    ) == 0  # fmt: skip
    load = out / "postgres" / postgres.LOAD_FILE
    pg_server.psql("-c", "drop database if exists dyad", "-c", "create database dyad")
    # Twice: the second load replaces the first (no duplicated rows); from another folder.
    for _ in range(2):
        pg_server.psql("-f", str(load), db="dyad", cwd=tmp_path)

    names = [*contract.table_names(), *contract.views()]
    checked = {}
    for name in names:
        columns, types, duck = duckdb_rows(seeds_warehouse, name)
        pg = postgres_rows(pg_server, name, columns, types)
        if _checksum(duck) != _checksum(pg):
            only_duck = list((Counter(duck) - Counter(pg)).elements())[:3]
            only_pg = list((Counter(pg) - Counter(duck)).elements())[:3]
            pytest.fail(f"{name} differs: DuckDB only {only_duck}\nPostgreSQL only {only_pg}")
        checked[name] = len(duck)
    # The seeds give rows to the marts the issue names, so the comparison means something.
    assert checked["mart.actor_pair_counts"] > 0 and checked["mart.chronology"] > 0
    assert checked["core.entities"] > 0

    # The DDL's descriptions became PostgreSQL comments.
    described = sum(bool(c.description) for t in contract.tables().values() for c in t.columns)
    n_comments = pg_server.psql(
        "-A", "-t", "-c",
        "select count(*) from pg_description d join pg_class c on c.oid = d.objoid "
        "join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname in ('raw', 'core') and c.relkind = 'r' and d.objsubid > 0",
        db="dyad",
    )  # fmt: skip
    assert int(n_comments) == described


def test_array_literals_survive_quotes_commas_backslashes_and_nulls(
    pg_server: Server, tmp_path: Path
) -> None:
    """The array fix, on the values that break a naive one (DuckDB's own ``[a, b]`` text)."""
    table = contract.Table(
        "t.lists",
        (
            contract.Column("i", "INT", False),
            contract.Column("tags", "TEXT[]", True),
            contract.Column("body", "TEXT", True),
        ),
        ("i",),
        (),
        tmp_path / "none.sql",
    )
    rows: list[tuple[int, list[str | None] | None, str | None]] = [
        (1, ["a", "b,c", 'q"x', "b\\s", "{}", None, "", "NULL", " sp ", "é\nx"], ""),
        (2, [], None),
        (3, None, "nul\x00byte"),
        (4, ["only"], 'x,y\n"z"'),
    ]
    path = tmp_path / "lists.csv"
    with duckdb.connect() as conn:
        conn.execute("create schema t")
        conn.execute("create table t.lists (i int, tags varchar[], body varchar)")
        conn.executemany("insert into t.lists values (?, ?, ?)", rows)
        assert postgres.write_table(conn, table, path) == len(rows)
    pg_server.psql("-c", "drop database if exists lists", "-c", "create database lists")
    pg_server.psql(
        "-c", "create table lists (i int, tags text[], body text)",
        "-c", f"\\copy lists from '{path}' with (format csv, header true)",
        db="lists",
    )  # fmt: skip
    out = copy_out(
        pg_server, "lists", "select i, array_to_json(tags)::text, body from lists order by i"
    )
    got = [
        (int(i), None if tags == NULL else json.loads(tags), None if body == NULL else body)
        for i, tags, body in csv.reader(io.StringIO(out))
    ]
    # U+0000 cannot be in PostgreSQL text; the export writes U+FFFD in its place.
    want = [(i, t, None if b is None else b.replace("\x00", "\ufffd")) for i, t, b in rows]
    assert got == want


def test_with_data_needs_postgres_and_a_warehouse(tmp_path: Path) -> None:
    out = str(tmp_path / "b")
    missing = str(tmp_path / "none.duckdb")
    assert main(["sql-export", "--dialect", "trino", "--with-data", "--out", out]) == 2
    assert main(["sql-export", "--dialect", "postgres", "--with-data"]) == 2
    args = ["sql-export", "--dialect", "postgres", "--with-data", "--out", out]
    assert main([*args, "--warehouse", missing]) == 2
    assert not Path(out).exists()
