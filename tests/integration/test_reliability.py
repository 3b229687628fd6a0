"""Incremental reruns, bad input, crash recovery and readers of the published file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import warehouse
from etl.pipeline import RunSummary, run_pipeline
from tests.integration.test_materialization import snapshot

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(
    folder: Path, db: Path, monkeypatch: pytest.MonkeyPatch, *, full: bool = False
) -> RunSummary:
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(folder))
    monkeypatch.setenv("DYAD_WAREHOUSE", str(db))
    monkeypatch.setenv("DYAD_FULL_REFRESH", "1" if full else "0")
    summary = run_pipeline()
    assert summary.success, summary.render()
    return summary


def processed(summary: RunSummary, asset: str) -> tuple[int, int, int]:
    meta = summary.asset_metadata[asset]
    return meta["n_processed"], meta["n_removed"], meta["n_unchanged"]


def test_incremental_run_touches_only_changed_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "dyad.duckdb"
    first = run(folder, db, monkeypatch)
    assert processed(first, "core/articles") == (5, 0, 0)
    # The event stage codes from the entity stage's parses: no body is parsed twice.
    assert first.asset_metadata["core/events"]["n_reparsed"] == 0

    again = run(folder, db, monkeypatch)
    for asset in ("core/articles", "core/sentences", "core/events"):
        assert processed(again, asset) == (0, 0, 5)

    names = sorted(p.name for p in folder.iterdir())
    changed, deleted = folder / names[0], folder / names[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    deleted.unlink()
    shutil.copy(folder / names[2], folder / "copie identique.txt")
    (folder / "nouveau.txt").write_text(
        "Le Tchad et le Soudan signent un accord\n\n"
        "Le président tchadien a reçu mardi son homologue soudanais à N'Djamena.\n",
        encoding="utf-8",
    )
    third = run(folder, db, monkeypatch)
    # The changed file is a new document (its old version removed), plus the new file.
    for asset in ("core/articles", "core/sentences", "core/events"):
        assert processed(third, asset) == (2, 2, 3), asset
    assert third.asset_metadata["raw/document_files"]["n_duplicates"] == 1
    assert third.counts["core.articles"] == 5

    with duckdb.connect(str(db), read_only=True) as conn:
        files = {r[0] for r in conn.execute("select file_name from raw.documents").fetchall()}
        assert deleted.name not in files
        for table in ("core.sentences", "core.mentions", "core.events"):
            orphans = conn.execute(
                f"select count(*) from {table} where article_id not in "  # noqa: S608
                "(select article_id from core.articles)"
            ).fetchone()
            assert orphans == (0,), table

    full = run(folder, db, monkeypatch, full=True)
    assert processed(full, "core/events") == (5, 0, 0)


def make_bad_corpus(folder: Path) -> dict[str, str | None]:
    """File name -> expected reject reason prefix (None: accepted)."""
    folder.mkdir()
    shutil.copy(SEEDS / sorted(p.name for p in SEEDS.iterdir())[0], folder / "good.txt")
    cases: dict[str, tuple[bytes, str | None]] = {
        "empty.txt": (b"", "empty"),
        "binary.txt": (bytes(range(256)) * 10, "binary"),
        "invalid utf8.txt": ("Le Niger a expulsé l’ambassadeur.".encode() + b"\xff\xfe", None),
        "cp1252 ‘quotes’.txt": (
            "Le Sénégal a salué l’accord « historique ».".encode("cp1252"),
            None,
        ),
        "page.html.txt": (b"<!DOCTYPE html><html><body><p>Texte</p></body></html>", "html"),
        "no sentences.txt": (b"Menu\nAccueil\nContact\n", None),
        'semi;colon -- quote\' "dq".txt': (b"Le Mali a rencontre le Niger.", None),
        "-leading dash.txt": (b"Le Mali et le Niger.", None),
        "dupe.txt": ((SEEDS / sorted(p.name for p in SEEDS.iterdir())[0]).read_bytes(), None),
    }
    for name, (data, _) in cases.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as fh:
        fh.write(b"Le Mali et la Russie. " * (50 * 1024 * 1024 // 22))
    expected = {name: reason for name, (_, reason) in cases.items()}
    expected["huge.txt"] = "too_large"
    expected["good.txt"] = None
    return expected


def test_bad_inputs_are_recorded_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bad"
    expected = make_bad_corpus(folder)
    db = tmp_path / "dyad.duckdb"
    summary = run(folder, db, monkeypatch)
    with duckdb.connect(str(db), read_only=True) as conn:
        files = dict(
            conn.execute("select file_name, document_id from raw.document_files").fetchall()
        )
        assert set(files) == set(expected)
        docs = {
            r[0]: r[1:]
            for r in conn.execute(
                "select document_id, status_code, reject_reason from raw.documents"
            ).fetchall()
        }
        for name, reason in expected.items():
            status, got = docs[files[name]]
            if reason is None:
                assert status == "ok", (name, got)
            else:
                assert status == "rejected" and got.startswith(reason), (name, got)
        assert files["dupe.txt"] == files["good.txt"]
        empty = conn.execute(
            "select a.is_empty from core.articles as a inner join raw.document_files as f "
            "using (document_id) where f.file_name = ?",
            ["no sentences.txt"],
        ).fetchone()
        assert empty == (True,)
    assert summary.counts["core.events"] > 0


def test_crash_mid_run_then_rerun_gives_clean_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean_db = tmp_path / "clean" / "dyad.duckdb"
    run(SEEDS, clean_db, monkeypatch)

    db = tmp_path / "crash" / "dyad.duckdb"
    env = dict(os.environ, DYAD_SEEDS_DIR=str(SEEDS), DYAD_WAREHOUSE=str(db))
    env.pop("DYAD_FULL_REFRESH", None)
    build = db.with_name("dyad.build.duckdb")
    for delay in (1.5, 4.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "etl.cli", "run"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not build.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    run(SEEDS, db, monkeypatch)
    assert snapshot(db) == snapshot(clean_db)


READER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1], read_only=True)
count = lambda: conn.execute("select count(*) from core.articles").fetchone()[0]
print(count(), flush=True)
sys.stdin.readline()
print(count(), flush=True)
"""


def test_reader_holding_published_file_neither_blocks_nor_breaks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    db = tmp_path / "dyad.duckdb"
    run(folder, db, monkeypatch)
    # An analyst's session in another process keeps the published file open during the run.
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdin is not None
        assert reader.stdout.readline().strip() == "5"
        (folder / "extra.txt").write_text(
            "La Guinée suspend sa coopération avec le Sénégal\n\n"
            "La Guinée a suspendu jeudi sa coopération militaire avec le Sénégal.\n",
            encoding="utf-8",
        )
        summary = run(folder, db, monkeypatch)
        assert summary.counts["core.articles"] == 6
        reader.stdin.write("\n")
        reader.stdin.flush()
        # The open session keeps its consistent snapshot; nothing was half-written under it.
        assert reader.stdout.readline().strip() == "5"
    finally:
        reader.kill()
        reader.wait(timeout=10)
    with warehouse.connect(db, read_only=True) as fresh:
        assert fresh.execute("select count(*) from core.articles").fetchone() == (6,)
