"""A run after a fault publishes correct data or keeps the previous snapshot with one error line:
a full disk in the build, a truncated build file, an emptied input folder, a renamed page."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import warehouse
from etl.pipeline import RunSummary, run_pipeline
from etl.settings import from_env
from etl.stages import parse_cache
from tests.integration.test_materialization import snapshot

from ..conftest import SEEDS

pytestmark = pytest.mark.slow

EXTRA = (
    "La Guinée suspend sa coopération avec le Sénégal\n\n"
    "La Guinée a suspendu jeudi sa coopération militaire avec le Sénégal.\n"
)


def run(folder: Path, db: Path) -> RunSummary:
    return run_pipeline(from_env().but(seeds_dir=folder, warehouse_path=db, full_refresh=False))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(db: Path) -> list[Path]:
    cache = parse_cache.cache_dir(db.with_name("dyad.build.duckdb"))
    return [*db.parent.glob(".*.tmp*"), *cache.glob("*.tmp")]


def test_faults_keep_the_snapshot_and_the_next_run_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_warehouse: Path
) -> None:
    clean = snapshot(seeds_warehouse)
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "wh" / "dyad.duckdb"
    assert run(folder, db).success
    published = digest(db)

    # The disk fills while the entity stage writes its parses (injected at that write: a
    # size-limited file system needs root). One line says so; the snapshot stays.
    def full_disk(folder: Path, article_id: str, doc: object) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{article_id}.{os.getpid()}.tmp").write_bytes(b"half a parse")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder / article_id))

    (folder / "extra.txt").write_text(EXTRA, encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(parse_cache, "save", full_disk)
        failed = run(folder, db)
    assert not failed.success
    assert failed.error and "no space left on device" in failed.error.lower(), failed.error
    assert "ENOSPC" in failed.error and f"{db} is unchanged" in failed.error
    assert [ln for ln in failed.render().splitlines() if ln.startswith("error:")] == [
        f"error: {failed.error}"
    ]
    assert digest(db) == published
    assert leftovers(db)

    # With room again the next run completes, clears the leftovers, and equals a clean run.
    (folder / "extra.txt").unlink()
    assert run(folder, db).success
    assert snapshot(db) == clean and not leftovers(db)

    # A truncated build file is detected and rebuilt.
    build = db.with_name("dyad.build.duckdb")
    build.write_bytes(build.read_bytes()[: build.stat().st_size // 2])
    assert run(folder, db).success
    assert snapshot(db) == clean

    # A rename shows in raw.documents and the chronology without --full-refresh.
    old = sorted(p.name for p in folder.iterdir())[2]
    (folder / old).rename(folder / f"renamed {old}")
    assert run(folder, db).success
    with duckdb.connect(str(db), read_only=True) as conn:
        names = {r[0] for r in conn.execute("select file_name from mart.chronology").fetchall()}
        lists = conn.execute("select flatten(list(file_names)) from mart.chronology").fetchone()
    assert f"renamed {old}" in names and old not in names
    assert lists and old not in lists[0]

    # An emptied input folder does not publish an empty warehouse.
    published = digest(db)
    for page in folder.iterdir():
        page.unlink()
    refused = run(folder, db)
    assert not refused.success and refused.error and "--allow-empty" in refused.error
    assert digest(db) == published
    with warehouse.connect(db.with_name("dyad.build.duckdb"), read_only=True) as conn:
        assert warehouse.count_rows(conn, "raw.documents") == 5
