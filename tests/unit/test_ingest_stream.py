"""Ingest streams the folder in chunks and writes the same rows as reading it whole."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import polars as pl
import pytest

from etl import warehouse
from etl.stages import ingest, ingest_skip, raw_files

NOW = dt.datetime(2026, 1, 2, 3, 4, 5)
LATER = dt.datetime(2026, 2, 3, 4, 5, 6)
PAGE = "Le Mali et le Niger signent un accord\n\nLe président malien a reçu son homologue.\n"


def _folder(root: Path) -> Path:
    folder = root / "pages"
    folder.mkdir()
    for i in range(7):
        (folder / f"p{i}.txt").write_text(PAGE + f"Suite {i}.\n", encoding="utf-8")
    (folder / "z_copy.txt").write_text(PAGE + "Suite 0.\n", encoding="utf-8")  # a later chunk
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin.txt").write_bytes((PAGE + "Déjà.\n").encode("cp1252"))
    return folder


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with warehouse.connect(db, read_only=True) as conn:
        return {
            t: conn.execute(f"select * from {t} order by all").fetchall()  # noqa: S608
            for t in ("raw.documents", "raw.document_files")
        }


def _ingest(db: Path, folder: Path, now: dt.datetime, **kw: object) -> ingest.Ingested:
    with warehouse.connect(db) as conn:
        warehouse.ensure_schema(conn)
        return ingest.ingest_folder(
            conn,
            folder,
            max_bytes=10_000,
            full_refresh=False,
            now=now,
            **kw,  # type: ignore[arg-type]
        )


def test_chunks_write_the_rows_of_a_whole_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = tmp_path / "dyad.duckdb"
    got = _ingest(db, folder, NOW, chunk_files=3)
    docs, files = ingest.build_documents(
        ingest.read_folder(folder, 10_000), max_bytes=10_000, now=NOW
    )
    tables = _tables(db)
    assert tables["raw.documents"] == sorted(docs.rows())
    assert tables["raw.document_files"] == sorted(files.rows())
    assert (got.n_files, got.n_new, got.n_removed) == (10, 9, 0)
    assert got.duplicates == {
        "z_copy.txt": files.filter(pl.col("file_name") == "p0.txt")["document_id"][0]
    }
    assert set(got.rejected) == {"empty.txt"}

    # A rerun reads nothing new and changes no row but the files' seen_at; a deleted file loses
    # its document, a changed one gets a new one.
    again = _ingest(db, folder, LATER, chunk_files=4)
    assert (again.n_new, again.n_removed) == (0, 0)
    assert _tables(db)["raw.documents"] == tables["raw.documents"]
    (folder / "p3.txt").unlink()
    (folder / "p4.txt").write_text(PAGE + "Corrigé.\n", encoding="utf-8")
    last = _ingest(db, folder, LATER, chunk_files=2)
    assert (last.n_new, last.n_removed, last.n_files) == (1, 2, 9)
    names = {r[1] for r in _tables(db)["raw.documents"]}
    assert "p3.txt" not in names and "p4.txt" in names


def test_a_rerun_reads_only_files_whose_size_or_mtime_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    db, state = tmp_path / "dyad.duckdb", tmp_path / "dyad.files.arrow"
    _ingest(db, folder, NOW, state_path=state)
    first = _tables(db)
    read: list[str] = []
    real_read = ingest.read_entry

    def spy(entry: raw_files.Entry, max_bytes: int) -> raw_files.FileBlob:
        read.append(entry.file_name)
        return real_read(entry, max_bytes)

    monkeypatch.setattr(ingest, "read_entry", spy)
    monkeypatch.setattr(ingest_skip, "read_entry", spy)  # the files the state says changed
    _ingest(db, folder, NOW, state_path=state)
    assert read == []  # the empty file too: its (rejected) document is stored
    assert _tables(db) == first

    # Same size, new mtime: read again (and found unchanged); new content: read and stored.
    p1 = folder / "p1.txt"
    os.utime(p1, ns=(p1.stat().st_atime_ns, p1.stat().st_mtime_ns + 10**9))
    (folder / "p2.txt").write_text(PAGE + "Suite X.\n", encoding="utf-8")
    read.clear()
    got = _ingest(db, folder, NOW, state_path=state)
    assert sorted(read) == ["p1.txt", "p2.txt"]
    assert (got.n_new, got.n_removed) == (1, 1)

    # A stored document gone from the warehouse (or a full refresh) is read whatever the state.
    read.clear()
    with warehouse.connect(db) as conn:
        ingest.ingest_folder(
            conn, folder, max_bytes=10_000, full_refresh=True, now=NOW, state_path=state
        )
    assert len(read) == 10


@pytest.mark.parametrize(
    "change",
    [
        "earlier copy",  # a new file holds an unchanged page's content under an earlier name
        "later copy",  # ... under a later name: a duplicate
        "holder deleted",  # p0 goes: its copy z_copy.txt now holds the document
        "edited",
    ],
)
def test_files_left_alone_give_the_rows_of_a_full_comparison(tmp_path: Path, change: str) -> None:
    """An incremental ingest leaves unchanged files out of its per-file work; the rows must be
    those of the same ingest reading the state of every file (``skip_unchanged=False``)."""
    runs = {}
    for skip in (True, False):
        root = tmp_path / str(skip)
        root.mkdir()
        folder = _folder(root)
        db, state = root / "dyad.duckdb", root / "dyad.files.arrow"
        _ingest(db, folder, NOW, state_path=state)
        if change == "earlier copy":
            (folder / "a_copy.txt").write_text(PAGE + "Suite 3.\n", encoding="utf-8")
        elif change == "later copy":
            (folder / "q_copy.txt").write_text(PAGE + "Suite 3.\n", encoding="utf-8")
        elif change == "holder deleted":
            (folder / "p0.txt").unlink()
        else:
            (folder / "p5.txt").write_text(PAGE + "Suite 5, corrigée.\n", encoding="utf-8")
        got = _ingest(db, folder, LATER, state_path=state, skip_unchanged=skip)
        saved = ingest_skip.load_state(state).drop("mtime").rows()  # no mtimes
        runs[skip] = (_tables(db), got.n_new, got.n_removed, got.duplicates, saved)
    assert runs[True] == runs[False]
