"""Ingest: every file gets a row, bad files a reason; duplicates stored once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.stages import ingest

NOW = dt.datetime(2026, 1, 2, 3, 4, 5)


def write(folder: Path, name: str, data: bytes) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def build(folder: Path, max_bytes: int = 1000) -> tuple[dict[str, dict], dict[str, dict]]:
    blobs = [ingest.read_blob(folder, p, max_bytes) for p in ingest.list_input_files(folder)]
    docs, files = ingest.build_documents(blobs, max_bytes=max_bytes, now=NOW)
    return (
        {r["file_name"]: r for r in docs.iter_rows(named=True)},
        {r["file_name"]: r for r in files.iter_rows(named=True)},
    )


def test_bad_inputs_are_rejected_with_reasons(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.txt", b"  \n\t\n")
    write(tmp_path, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "big.txt", "é".encode() * 600)
    docs, _ = build(tmp_path)
    assert docs["empty.txt"]["reject_reason"].startswith("empty")
    assert docs["binary.txt"]["reject_reason"].startswith("binary")
    assert docs["big.txt"]["reject_reason"].startswith("too_large")
    assert docs["big.txt"]["n_bytes"] == 1200
    assert all(d["status_code"] == "rejected" and d["raw_text"] is None for d in docs.values())


def test_encodings(tmp_path: Path) -> None:
    text = "Le ministre a déclaré : « L’accord est signé. »"
    write(tmp_path, "utf8.txt", text.encode("utf-8"))
    write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + "Ça va.".encode())
    write(tmp_path, "cp1252.txt", text.encode("cp1252"))
    write(tmp_path, "latin1.txt", "Évolution à Niamey".encode("latin-1") + b"\x81")
    docs, _ = build(tmp_path)
    assert docs["utf8.txt"]["encoding_name"] == "utf-8"
    assert docs["utf8.txt"]["raw_text"] == text
    assert docs["bom.txt"]["raw_text"] == "Ça va."
    assert docs["cp1252.txt"]["encoding_name"] == "cp1252"
    assert docs["cp1252.txt"]["raw_text"] == text
    assert docs["latin1.txt"]["encoding_name"] == "latin-1"
    assert docs["latin1.txt"]["raw_text"].startswith("Évolution")


def test_duplicates_stored_once_and_odd_names(tmp_path: Path) -> None:
    odd = ["a b.txt", 'quote\'s "x".txt', "semi;colon.txt", "--dash.txt", "-lead.txt", "é ü.txt"]
    for name in odd:
        write(tmp_path, name, b"Le Mali et le Niger ont sign\xc3\xa9 un accord.")
    write(tmp_path, "sub/other.txt", b"Autre texte.")
    write(tmp_path, ".hidden.txt", b"ignored")
    write(tmp_path, "notes.md", b"ignored")
    docs, files = build(tmp_path)
    assert set(files) == set(odd) | {"sub/other.txt"}
    assert len(docs) == 2
    first = sorted(odd)[0]
    assert first in docs
    dupes = [f for f, r in files.items() if r["is_duplicate"]]
    assert sorted(dupes) == sorted(set(odd) - {first})
    assert len({files[n]["document_id"] for n in odd}) == 1


def test_ids_and_ingested_at_are_stable(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"Texte.")
    blobs = [ingest.read_blob(tmp_path, p, 100) for p in ingest.list_input_files(tmp_path)]
    first, _ = ingest.build_documents(blobs, max_bytes=100, now=NOW)
    earlier = {first["document_id"][0]: dt.datetime(2020, 1, 1)}
    later, _ = ingest.build_documents(
        blobs, max_bytes=100, now=NOW + dt.timedelta(days=1), previous_ingested_at=earlier
    )
    assert later["document_id"].to_list() == first["document_id"].to_list()
    assert later["ingested_at"][0] == dt.datetime(2020, 1, 1)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="input folder does not exist"):
        ingest.list_input_files(tmp_path / "nope")
