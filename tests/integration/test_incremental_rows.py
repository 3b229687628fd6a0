"""An incremental run that derives the entity catalog only for the entities the changed pages
mention gives the rows of a full run over the same folder; and a duplicate key, which no DuckDB
index refuses any more, is stopped by the blocking key check before it is published."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest

from etl import contract
from etl.pipeline import RunSummary, run_pipeline
from etl.settings import from_env
from tests.integration.test_materialization import snapshot

from ..conftest import SEEDS

pytestmark = pytest.mark.slow

ADDED = (
    "\nLe ministre malien des Affaires étrangères, Abdoulaye Diop, a rencontré jeudi à Dakar "
    "son homologue sénégalaise, Yassine Fall, pour évoquer la sécurité régionale.\n"
)


def run(folder: Path, db: Path) -> RunSummary:
    return run_pipeline(from_env().but(seeds_dir=folder, warehouse_path=db))


def test_incremental_rows_equal_a_full_run_and_duplicate_keys_are_not_published(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "inc" / "dyad.duckdb"
    first = run(folder, db)
    assert first.success, first.render()
    whole = first.asset_metadata["core/entities"]
    assert whole["n_entities_derived"] == whole["n_entities"]  # a first run derives them all

    # One page loses its mentions, another gains a minister and a counterpart.
    pages = sorted(folder.glob("*.txt"), key=lambda p: p.stat().st_size)
    pages[0].unlink()
    pages[-1].write_text(pages[-1].read_text(encoding="utf-8") + ADDED, encoding="utf-8")
    second = run(folder, db)
    assert second.success, second.render()
    meta = second.asset_metadata["core/entities"]
    assert 0 < meta["n_entities_derived"] < meta["n_entities"], "only the touched entities"

    full = tmp_path / "full" / "dyad.duckdb"
    assert run(folder, full).success
    assert snapshot(db) == snapshot(full)
    with duckdb.connect(str(db), read_only=True) as conn:
        people = conn.execute(
            "select canonical_name from core.entities where entity_type = 'person'"
        ).fetchall()
        assert ("Abdoulaye Diop",) in people or ("Yassine Fall",) in people

    # DuckDB holds no index for the keys now: the key check is what refuses a duplicate.
    build = db.with_name("dyad.build.duckdb")
    with duckdb.connect(str(build)) as conn:
        assert conn.execute(
            "select count(*) from duckdb_constraints() where constraint_type = 'PRIMARY KEY'"
        ).fetchone() == (len(contract.INDEXED),)
        conn.execute(
            "insert into core.article_segments select * from core.article_segments limit 1"
        )
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    third = run(folder, db)
    assert not third.success
    assert "article_segments_key_unique_not_null" in (third.error or "")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before, "the snapshot is unchanged"
