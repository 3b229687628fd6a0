"""Input folder hygiene and decoding: every entry gets a row and a reason, no entry stops a run."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from etl.stages import ingest, raw_files

NOW = dt.datetime(2026, 1, 2, 3, 4, 5)
PAGE = "Le Mali et le Niger signent un accord\n\nLe président malien a reçu son homologue.\n"


def rows(folder: Path, max_bytes: int = 10_000) -> dict[str, dict]:
    """``file_name`` -> the file's row joined with its document's row."""
    docs, files = ingest.build_documents(
        ingest.read_folder(folder, max_bytes), max_bytes=max_bytes, now=NOW
    )
    by_id = {r["document_id"]: r for r in docs.iter_rows(named=True)}
    return {f["file_name"]: {**by_id[f["document_id"]], **f} for f in files.iter_rows(named=True)}


def reason(row: dict) -> str:
    return "ok" if row["status_code"] == "ok" else row["reject_reason"].partition(":")[0]


def test_entries_that_are_not_pages_are_recorded_not_followed(tmp_path: Path) -> None:
    folder, outside = tmp_path / "in", tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    (folder / "good.txt").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "nested.txt").write_text(PAGE + "Suite.\n", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "dir.txt").mkdir()
    (folder / "dir.txt" / "inner.txt").write_text(PAGE + "Autre.\n", encoding="utf-8")
    os.symlink("loop2.txt", folder / "loop1.txt")
    os.symlink("loop1.txt", folder / "loop2.txt")
    os.symlink("nowhere.txt", folder / "broken.txt")
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "out.txt")
    os.symlink(outside, folder / "out_dir")
    os.symlink(folder / "sub", folder / "in_dir")
    os.symlink("good.txt", folder / "alias.txt")
    os.symlink("sub", folder / "sub_alias.txt")
    got = rows(folder)
    assert {name: reason(r) for name, r in got.items()} == {
        "good.txt": "ok",
        "alias.txt": "ok",  # a link inside the folder is followed: the same document
        "sub/nested.txt": "ok",
        "dir.txt/inner.txt": "ok",
        "fifo.txt": "not_regular",
        "dir.txt": "not_regular",
        "loop1.txt": "symlink_loop",
        "loop2.txt": "symlink_loop",
        "broken.txt": "broken_link",
        "out.txt": "outside_folder",
        "out_dir": "outside_folder",
        "in_dir": "linked_directory",
        "sub_alias.txt": "linked_directory",
    }
    assert got["alias.txt"]["document_id"] == got["good.txt"]["document_id"]
    assert all(r["raw_text"] is None for r in got.values() if r["status_code"] != "ok")
    assert "secret" not in str([r["raw_text"] for r in got.values()])
    # Entries never read get distinct, stable IDs, so each has a documents row of its own.
    unread = [r["document_id"] for r in got.values() if r["sha256"] is None]
    assert len(unread) == len(set(unread)) == 9
    assert [r["document_id"] for r in rows(folder).values() if r["sha256"] is None] == unread
    # The sensor's view of the folder neither blocks on the FIFO nor reads outside it.
    state = ingest.folder_state(folder)
    assert state["fifo.txt"][2] == "unread:not_regular"
    assert state["out.txt"][2] == "unread:outside_folder"


def test_a_fifo_that_appears_after_the_walk_is_never_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "late.txt")
    entry = raw_files.Entry("late.txt", tmp_path / "late.txt", None, None)
    done: list[raw_files.FileBlob] = []
    worker = threading.Thread(target=lambda: done.append(raw_files.read_entry(entry, 100)))
    worker.start()
    worker.join(timeout=10)
    assert done, "reading a FIFO blocked"
    assert done[0].reject_reason is not None and done[0].reject_reason.startswith("not_regular")


def test_unreadable_file_is_rejected_and_the_rest_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "locked.txt").write_text(PAGE + "Verrouillé.\n", encoding="utf-8")
    real_open = os.open

    def refusing(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(raw_files.os, "open", refusing)
    got = rows(tmp_path)
    assert reason(got["locked.txt"]) == "unreadable"
    assert "permission denied" in got["locked.txt"]["reject_reason"]
    assert got["a.txt"]["status_code"] == "ok"
    assert ingest.folder_state(tmp_path)["locked.txt"][2] == "unread:unreadable"


def test_names_that_are_not_utf8_are_kept_losslessly(tmp_path: Path) -> None:
    raw_name = b"caf\xe9.txt"
    with open(os.path.join(os.fsencode(tmp_path), raw_name), "wb") as fh:
        fh.write(PAGE.encode())
    # A real file whose name is the escaped form of the other: both are kept.
    (tmp_path / "caf\\xe9.txt").write_text(PAGE + "Autre.\n", encoding="utf-8")
    for name in ("'; drop table core.events; --.txt", "new\nline.txt", "-x.txt", "é 🎉.txt"):
        (tmp_path / name).write_text(PAGE + name + "\n", encoding="utf-8")
    got = rows(tmp_path)
    assert got["caf\\xe9.txt"]["file_name_hex"] is None
    escaped = got["caf\\xe9.txt [0x636166e92e747874]"]
    assert bytes.fromhex(escaped["file_name_hex"]) == raw_name
    assert escaped["status_code"] == "ok"
    assert all(r["status_code"] == "ok" for r in got.values())


def test_a_stray_byte_keeps_a_utf8_page_utf8() -> None:
    text = PAGE * 3
    data = text.encode()
    damaged = data[:60] + b"\xff" + data[60:] + "é".encode()[:1]
    got = ingest.decode(damaged, max_bytes=10_000)
    assert (got.encoding_name, got.n_bad_bytes, got.reject_reason) == ("utf-8", 2, None)
    assert got.text is not None and got.text.replace("\ufffd", "") == text
    clean = ingest.decode(data, max_bytes=10_000)
    assert (clean.encoding_name, clean.n_bad_bytes) == ("utf-8", 0)


def test_legacy_and_mixed_encodings() -> None:
    legacy = ingest.decode("Évolution à Niamey, été.\n".encode("cp1252"), max_bytes=1000)
    assert (legacy.text, legacy.encoding_name) == ("Évolution à Niamey, été.\n", "cp1252")
    # A UTF-8 line and a cp1252 line (say, a footer added by another tool): each read as itself.
    mixed = ingest.decode(
        "Le président a reçu.\n".encode() + "Évolution à Niamey, été.\n".encode("cp1252"),
        max_bytes=1000,
    )
    assert mixed.text == "Le président a reçu.\nÉvolution à Niamey, été.\n"
    assert mixed.encoding_name == "utf-8+cp1252"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_text(codec: str) -> None:
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    got = ingest.decode(bom + PAGE.encode(codec), max_bytes=10_000)
    assert got.reject_reason is None
    assert got.text == PAGE
    assert got.encoding_name in ("utf-16", "utf-32")


def test_nul_bytes_and_binary_stay_rejected() -> None:
    assert ingest.decode(b"abc\x00def", max_bytes=100).reject_reason.startswith("binary")  # type: ignore[union-attr]
    utf16_binary = codecs.BOM_UTF16_LE + b"\x00\x00\x01\x00" * 50
    assert ingest.decode(utf16_binary, max_bytes=1000).reject_reason.startswith("binary")  # type: ignore[union-attr]
    assert ingest.decode(codecs.BOM_UTF16_LE, max_bytes=1000).reject_reason.startswith("empty")  # type: ignore[union-attr]
