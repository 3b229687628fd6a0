"""What analysts read is never silently wrong: publishing, the analysts' SQL connection, the files
beside the warehouse, and stale ingest rows. Real DuckDB files, no model."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import importlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import pytest

from etl import cli, warehouse
from etl.stages.ingest import ingest_folder
from etl.warehouse import files

# The module, not the function the package exports under the same name.
publish = importlib.import_module("etl.warehouse.publish")

PAGE = "Le Mali et le Niger signent un accord\n\nLe Mali a signé mardi un accord avec le Niger.\n"
NOW = dt.datetime(2026, 1, 1)


def ingest(db: Path, folder: Path, **kw: object) -> None:
    with warehouse.connect(db) as conn:
        warehouse.ensure_schema(conn)
        warehouse.create_views(conn)
        args: dict = {"max_bytes": 10_000, "full_refresh": False, "now": NOW, **kw}
        ingest_folder(conn, folder, **args)


def build_with(tmp_path: Path, n_pages: int) -> tuple[Path, Path]:
    """A build file holding ``n_pages`` documents, and where it publishes."""
    folder = tmp_path / "pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for i in range(n_pages):
        (folder / f"p{i}.txt").write_text(f"{PAGE}Page {i}.\n", encoding="utf-8")
    build = tmp_path / "dyad.build.duckdb"
    ingest(build, folder, allow_empty=True)
    return build, tmp_path / "dyad.duckdb"


def n_documents(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as conn:
        row = conn.execute("select count(*) from raw.documents").fetchone()
    return row[0] if row else -1


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


KILLED_WRITER = """
import os, signal, sys, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("delete from raw.documents where file_name <> 'p0.txt'")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_stale_wal_is_never_replayed_onto_a_new_snapshot(tmp_path: Path) -> None:
    build, published = build_with(tmp_path, 3)
    warehouse.publish(build, published)
    # A read-write session on the published file dies and leaves its WAL there.
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(published)], check=False)
    assert files.wal_path(published).exists()
    build, _ = build_with(tmp_path, 4)
    warehouse.publish(build, published)
    assert not files.wal_path(published).exists()
    assert n_documents(published) == 4


LIVE_WRITER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1])
print("open", flush=True)
sys.stdin.readline()
"""


def test_publishing_refuses_while_a_session_writes_the_published_file(tmp_path: Path) -> None:
    build, published = build_with(tmp_path, 2)
    warehouse.publish(build, published)
    before = digest(published)
    proc = subprocess.Popen(
        [sys.executable, "-c", LIVE_WRITER, str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        build, _ = build_with(tmp_path, 3)
        with pytest.raises(files.WarehouseError, match="open read-write"):
            warehouse.publish(build, published)
    finally:
        proc.kill()
        proc.wait(timeout=10)
    assert digest(published) == before


@pytest.mark.parametrize(
    ("change", "error"),
    [
        # A row lost in the copy shows in the counts.
        ("delete from raw.documents where file_name = 'p1.txt'", "raw.documents has 2 rows"),
        # A changed value with counts and views intact: the copy's bytes stand in for its
        # references.
        ("update raw.documents set file_name = 'elsewhere.txt'", "bytes differ"),
    ],
)
def test_a_copy_that_differs_from_the_build_is_not_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str, error: str
) -> None:
    build, published = build_with(tmp_path, 2)
    warehouse.publish(build, published)
    before = digest(published)
    build, _ = build_with(tmp_path, 3)

    def altered_copy(src: Path, dst: Path) -> None:
        shutil.copyfile(src, dst)
        with duckdb.connect(str(dst)) as conn:
            conn.execute(change)

    monkeypatch.setattr(publish, "_copy", altered_copy)
    with pytest.raises(files.WarehouseError, match=error):
        warehouse.publish(build, published)
    assert digest(published) == before
    assert not list(tmp_path.glob(files.publish_tmp_glob(published)))


def test_a_full_disk_while_publishing_keeps_the_previous_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No size-limited file system without root: ENOSPC is raised at the copy's write boundary
    # after half the bytes, as a full disk would.
    build, published = build_with(tmp_path, 2)
    warehouse.publish(build, published)
    before = digest(published)
    build, _ = build_with(tmp_path, 3)

    def full_disk(src: Path, dst: Path) -> None:
        data = Path(src).read_bytes()
        Path(dst).write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(publish.shutil, "copyfile", full_disk)
    with pytest.raises(files.WarehouseError, match=r"no space left on device \(ENOSPC\)"):
        warehouse.publish(build, published)
    assert digest(published) == before
    assert not list(tmp_path.glob(files.publish_tmp_glob(published)))


def test_an_empty_build_never_replaces_a_full_snapshot(tmp_path: Path) -> None:
    build, published = build_with(tmp_path, 2)
    warehouse.publish(build, published)
    before = digest(published)
    build, _ = build_with(tmp_path, 0)
    with pytest.raises(files.RefusedEmpty, match="--allow-empty"):
        warehouse.publish(build, published)
    assert digest(published) == before
    warehouse.publish(build, published, allow_empty=True)
    assert n_documents(published) == 0


def test_an_empty_folder_does_not_empty_the_build(tmp_path: Path) -> None:
    build, _ = build_with(tmp_path, 2)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(files.RefusedEmpty, match="--allow-empty"):
        ingest(build, empty)
    assert n_documents(build) == 2
    ingest(build, empty, allow_empty=True)
    assert n_documents(build) == 0


ATTEMPTS = [
    "attach '{build}' as b (read_only false)",
    "copy raw.documents to '{out}'",
    "select * from read_text('{build}')",
    "delete from raw.documents",
    "create table raw.x (i integer)",
    "set enable_external_access = true",
    "set lock_configuration = false",
    "install httpfs",
    "export database '{out_dir}'",
]


@pytest.mark.parametrize("query", ATTEMPTS)
def test_dyad_sql_cannot_write_or_reach_other_files(
    tmp_path: Path, query: str, capsys: pytest.CaptureFixture[str]
) -> None:
    build, published = build_with(tmp_path, 2)
    warehouse.publish(build, published)
    before = {p: digest(p) for p in (build, published)}
    out, out_dir = tmp_path / "out.csv", tmp_path / "export"
    sql = query.format(build=build, out=out, out_dir=out_dir)
    assert cli.main(["sql", sql, "--warehouse", str(published)]) == 2
    assert "error:" in capsys.readouterr().err
    assert {p: digest(p) for p in (build, published)} == before
    assert not out.exists() and not out_dir.exists()
    # Reading still works.
    assert (
        cli.main(["sql", "select count(*) from raw.documents", "--warehouse", str(published)]) == 0
    )


def test_stale_temporary_files_are_removed_by_the_next_run(tmp_path: Path) -> None:
    build, published = build_with(tmp_path, 1)
    cache = tmp_path / "dyad.build.parses"
    cache.mkdir()
    stale = [
        tmp_path / ".dyad.duckdb.4242.tmp",
        tmp_path / ".dyad.duckdb.4242.tmp.wal",
        cache / "abc.4242.tmp",
    ]
    for path in stale:
        path.write_bytes(b"partial")
    kept = cache / "abc.parse"
    kept.write_bytes(b"x")
    notes = files.prepare_run(build, published, [cache])
    assert notes and not any(p.exists() for p in stale)
    assert kept.exists() and build.exists()


@pytest.mark.parametrize("cut", [0, 0.5, 0.9])
def test_a_zero_byte_or_truncated_build_file_is_rebuilt(tmp_path: Path, cut: float) -> None:
    build, published = build_with(tmp_path, 3)
    data = build.read_bytes()
    build.write_bytes(data[: int(len(data) * cut)])
    notes = files.prepare_run(build, published)
    assert notes and "rebuilding" in notes[0]
    assert not build.exists()
    ingest(build, tmp_path / "pages")
    assert n_documents(build) == 3


def test_a_build_file_held_by_another_process_is_left_alone(tmp_path: Path) -> None:
    build, published = build_with(tmp_path, 1)
    proc = subprocess.Popen(
        [sys.executable, "-c", LIVE_WRITER, str(build)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        assert files.prepare_run(build, published) == []
        assert build.exists()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write: permission bits, or for root (who writes through
    them) a folder of sysfs, where no file can be created."""
    if os.geteuid() != 0:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    folder = Path("/sys")
    try:
        fd, probe = tempfile.mkstemp(dir=folder)
    except OSError:
        return folder
    os.close(fd)
    os.unlink(probe)
    pytest.skip("no folder this root process cannot write")


def test_a_missing_or_read_only_warehouse_folder_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(files.WarehouseError, match="does not exist"):
        files.check_folder(tmp_path / "a" / "b" / "dyad.duckdb", tmp_path / "x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(files.WarehouseError, match="not a folder"):
        files.check_folder(tmp_path / "file" / "dyad.duckdb", tmp_path / "x")
    # A missing folder whose parent exists is created, as `warehouse/` of a fresh checkout.
    files.check_folder(tmp_path / "new" / "dyad.duckdb", tmp_path / "new" / "b.duckdb")
    assert (tmp_path / "new").is_dir()

    locked = read_only_folder(tmp_path)
    try:
        with pytest.raises(files.WarehouseError, match="is not writable"):
            files.check_folder(locked / "dyad.duckdb", locked / "dyad.build.duckdb")
        # The run stops before any work (no lock file, no build file) with one line.
        args = ["run", "--seeds", str(tmp_path), "--warehouse", str(locked / "dyad.duckdb")]
        assert cli.main(args) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "is not writable" in err[0], err
    finally:
        if locked.is_relative_to(tmp_path):
            locked.chmod(0o755)


def test_a_raised_size_limit_and_a_rename_refresh_stored_rows(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "old name.txt").write_text(PAGE, encoding="utf-8")
    (folder / "long.txt").write_text(PAGE * 20, encoding="utf-8")
    db = tmp_path / "dyad.build.duckdb"
    ingest(db, folder, max_bytes=1000)

    def rows() -> dict[str, tuple[str, str | None]]:
        with duckdb.connect(str(db), read_only=True) as conn:
            got = conn.execute("select file_name, status_code, reject_reason from raw.documents")
            return {r[0]: r[1:] for r in got.fetchall()}

    first = rows()
    assert first["long.txt"][0] == "rejected" and "too_large" in (first["long.txt"][1] or "")
    (folder / "old name.txt").rename(folder / "new name.txt")
    ingest(db, folder, max_bytes=100_000)
    assert rows() == {"long.txt": ("ok", None), "new name.txt": ("ok", None)}


ORPHANING = """
import os, sys, time
from etl.stages import pool

def work(batch):
    # The first two batches take long enough to land on both workers; the rest never end.
    time.sleep(0.5 if batch[0] < 2 else 600)
    return os.getpid()

if __name__ == "__main__":
    results = pool.fan_out(work, range(8), batch_size=1, workers=2)
    pids = {next(results), next(results)}
    print(" ".join(map(str, sorted(pids))), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\\nState:\\tZ" not in status  # a zombie has exited


def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    script = tmp_path / "orphaning.py"
    script.write_text(ORPHANING, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    pids = [int(p) for p in parent.stdout.readline().split()]
    try:
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(p) for p in pids)
    finally:
        parent.kill()
        parent.wait(timeout=10)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
