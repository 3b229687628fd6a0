"""Reading the input folder: decoding, hashing and rejecting files, without losing any of them."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from etl import warehouse
from etl.stages.ingest_skip import (
    FolderState,
    document_id_for,
    load_state,
    read_or_skip,
    save_state,
    state_dict,
    state_frame,
    unchanged_files,
)
from etl.stages.raw_files import Entry, FileBlob, display_name, read_entry, scan_folder
from etl.stages.sidecars import FolderMetadata, read_metadata
from etl.warehouse import records
from etl.warehouse.files import RefusedEmpty
from etl.warehouse.tables import insert


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding_name: str | None
    reject_reason: str | None
    n_bad_bytes: int | None = None  # bytes replaced by U+FFFD; None when nothing was decoded


def list_input_files(folder: Path) -> list[Path]:
    """The readable ``.txt`` files under ``folder`` (recursively, hidden ones skipped), in a
    stable order: regular files, and links to regular files inside the folder."""
    root = Path(os.path.realpath(folder))
    return [
        folder / Path(e.path).relative_to(root)
        for e in scan_folder(folder)
        if e.reject_reason is None
    ]


def read_blob(folder: Path, path: Path, max_bytes: int) -> FileBlob:
    """Hash one file in chunks; keep its bytes only when they are under the size limit."""
    name, name_hex = display_name(path.relative_to(folder).as_posix())
    return read_entry(Entry(name, path, name_hex, None), max_bytes)


def read_folder(folder: Path, max_bytes: int) -> list[FileBlob]:
    """Every page-like entry of ``folder``, read or rejected with a reason."""
    return [read_entry(e, max_bytes) for e in scan_folder(folder)]


def unread_document_id(file_name: str, reject_reason: str) -> str:
    """An entry that was never read has no content hash: its name and the kind of refusal stand
    in, so it gets a row of its own, and a new one when the refusal changes (a FIFO replaced by
    a directory, a file made readable)."""
    code = reject_reason.partition(":")[0]
    return hashlib.sha256(f"unread\x00{code}\x00{file_name}".encode()).hexdigest()[:20]


# Bytes that are not control characters (tab, line feed, form feed and carriage return are text).
_TEXT_BYTES = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _TEXT_BYTES))
    return controls > max(8, len(sample) // 50)


HTML_START = re.compile(r"^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
HTML_TAG = re.compile(
    r"</?(p|div|span|a|br|li|ul|td|tr|table|script|style|head|body|meta)\b[^>]*>", re.I
)


def looks_like_html(text: str) -> bool:
    """Markup, not a page saved as text: a doctype/html start, or tags on most lines."""
    head = text[:5000]
    if HTML_START.match(head):
        return True
    lines = [ln for ln in head.splitlines() if ln.strip()]
    tagged = sum(1 for ln in lines if HTML_TAG.search(ln))
    return len(lines) >= 5 and tagged > len(lines) * 0.6


# A byte-order mark settles the encoding; UTF-32's must be tested before UTF-16's, which it
# starts with.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte, as surrogateescape shows it
_GOOD_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
# A page (or line) counts as UTF-8 with a few damaged bytes when its valid multi-byte characters
# outnumber the bad bytes this many times: one stray or truncated byte must not turn a UTF-8 page
# into cp1252 mojibake, while a cp1252 page has no valid multi-byte character at all.
UTF8_MAJORITY = 3


def _legacy(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _mostly_utf8(data: bytes) -> tuple[bool, int, int]:
    loose = data.decode("utf-8", "surrogateescape")
    n_bad = len(_BAD_BYTE.findall(loose))
    n_good = len(_GOOD_NON_ASCII.findall(loose))
    return n_good > 0 and n_good >= UTF8_MAJORITY * n_bad, n_good, n_bad


def decode_text(data: bytes) -> tuple[str, str, int]:
    """Text, encoding name and number of bytes replaced by U+FFFD.

    A BOM decides; valid UTF-8 is UTF-8; a page that is mostly UTF-8 is decoded as UTF-8 with its
    bad bytes replaced (and counted); a page with no valid UTF-8 character is cp1252 (latin-1
    when cp1252 leaves a byte undefined); a real mix is decoded line by line the same way.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, 0
            except UnicodeDecodeError:
                text = data.decode(encoding, "replace")
                return text, encoding, text.count("\ufffd")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    mostly, n_good, n_bad = _mostly_utf8(data)
    if mostly:
        return data.decode("utf-8", "replace"), "utf-8", n_bad
    if n_good == 0:
        return (*_legacy(data), 0)
    parts: list[str] = []
    legacy = "cp1252"
    n_replaced = 0
    for line in data.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        mostly, _, n_bad = _mostly_utf8(line)
        if mostly:
            parts.append(line.decode("utf-8", "replace"))
            n_replaced += n_bad
            continue
        text, name = _legacy(line)
        parts.append(text)
        legacy = "latin-1" if name == "latin-1" else legacy
    return "".join(parts), f"utf-8+{legacy}", n_replaced


def _has_controls(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\f\r")
    return "\x00" in sample or controls > max(8, len(sample) // 50)


def decode(data: bytes | None, *, max_bytes: int) -> Decoded:
    """Decode the bytes (see :func:`decode_text`); reject what is not text, with the reason."""
    if data is None:
        return Decoded(None, None, f"too_large: over the {max_bytes}-byte limit (DYAD_MAX_BYTES)")
    if not data.strip():
        return Decoded(None, None, "empty: the file has no text")
    # UTF-16 and UTF-32 text is full of NUL bytes: with a BOM, the decoded text is judged.
    has_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not has_bom and looks_binary(data):
        return Decoded(None, None, "binary: the file contains NUL or control bytes, not text")
    text, name, n_bad = decode_text(data)
    if not text.strip():
        return Decoded(None, name, "empty: the file has no text")
    if has_bom and _has_controls(text):
        return Decoded(None, name, "binary: the file contains NUL or control characters, not text")
    if looks_like_html(text):
        return Decoded(
            None, name, "html: the file is an HTML document; save the page as text first"
        )
    return Decoded(text, name, None, n_bad)


class DocumentRows:
    """``raw.documents`` and ``raw.document_files`` rows, one input entry at a time, in name order.

    Identical files are stored once under the first name in sort order; the others are listed in
    ``document_files`` as duplicates. ``ingested_at`` survives reruns so that rows stay identical.
    Only documents ``wanted`` says are needed get decoded and a row (an incremental run keeps the
    stored row of an unchanged document, so it never decodes it again).
    """

    def __init__(
        self,
        *,
        max_bytes: int,
        now: dt.datetime,
        previous_ingested_at: Mapping[str, dt.datetime] | None = None,
        # (document_id, file name or None, size) -> whether its row must be (re)written.
        wanted: Callable[[str, str | None, int], bool] | None = None,
        metadata: FolderMetadata | None = None,  # what the sidecars and manifests give each page
    ) -> None:
        self.max_bytes = max_bytes
        self.now = now
        self.previous = previous_ingested_at or {}
        self.wanted = wanted
        self.metadata = metadata or FolderMetadata()
        self.document_ids: set[str] = set()
        self.names: set[str] = set()

    def add(self, blob: FileBlob) -> tuple[dict[str, object], dict[str, object] | None]:
        """The file's row, and its document's row (None for a duplicate or a document not
        wanted)."""
        file_name = blob.file_name
        if file_name in self.names:  # an escaped undecodable name equal to a real one: keep both
            file_name = f"{file_name} [0x{blob.name_hex}]"
        if "\\x" in file_name:  # only such names can collide: the set stays small
            self.names.add(file_name)
        if blob.sha256 is None:
            document_id = unread_document_id(file_name, blob.reject_reason or "unread")
        else:
            document_id = document_id_for(blob.sha256)
        is_duplicate = document_id in self.document_ids
        self.document_ids.add(document_id)
        file_row: dict[str, object] = {
            "file_name": file_name,
            "file_name_hex": blob.name_hex,
            "document_id": document_id,
            "is_duplicate": is_duplicate,
            "n_bytes": blob.n_bytes,
            "seen_at": self.now,
            **self.metadata.columns(blob.file_name),
        }
        if is_duplicate or (
            self.wanted is not None and not self.wanted(document_id, file_name, blob.n_bytes)
        ):
            return file_row, None
        if blob.reject_reason is not None:
            decoded = Decoded(None, None, blob.reject_reason)
        else:
            try:
                decoded = decode(blob.data, max_bytes=self.max_bytes)
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
                decoded = Decoded(None, None, f"undecodable: {type(exc).__name__}: {exc}")
        return file_row, {
            "document_id": document_id,
            "file_name": file_name,
            "sha256": blob.sha256,
            "n_bytes": blob.n_bytes,
            "encoding_name": decoded.encoding_name,
            "n_bad_bytes": decoded.n_bad_bytes,
            "status_code": "rejected" if decoded.reject_reason else "ok",
            "reject_reason": decoded.reject_reason,
            "raw_text": decoded.text,
            "ingested_at": self.previous.get(document_id, self.now),
        }


def build_documents(
    blobs: Iterable[FileBlob],
    *,
    max_bytes: int,
    now: dt.datetime,
    previous_ingested_at: Mapping[str, dt.datetime] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Turn the folder's files into ``raw.documents`` and ``raw.document_files`` rows, all at once
    (:func:`ingest_folder` streams the same rows in chunks)."""
    rows = DocumentRows(max_bytes=max_bytes, now=now, previous_ingested_at=previous_ingested_at)
    documents: list[dict[str, object]] = []
    files: list[dict[str, object]] = []
    for blob in sorted(blobs, key=lambda b: b.file_name):
        file_row, document_row = rows.add(blob)
        files.append(file_row)
        if document_row is not None:
            documents.append(document_row)
    return records.frame("raw.documents", documents), records.frame("raw.document_files", files)


# Files read, decoded and written per chunk: memory holds one chunk's text, whatever the folder.
CHUNK_FILES = 500


@dataclass(frozen=True)
class Ingested:
    n_files: int
    n_file_rows_written: int  # file-list rows that differed from the stored ones
    n_new: int
    n_removed: int
    # What the asset reports, over every stored document (unchanged ones included):
    rejected: dict[str, str]  # file name -> reject reason
    damaged: dict[str, int]  # file name -> bytes replaced by U+FFFD
    duplicates: dict[str, str]  # file name -> the document it duplicates
    metadata_refused: dict[str, str]  # sidecar or manifest -> why it (or a row) was not used


def _stale(old: Mapping[str, object], file_name: str | None, n_bytes: int, max_bytes: int) -> bool:
    """Whether a stored document's row no longer says what ingest would now: the first file
    holding it has another name, or the size limit moved across it (rejected as too large and
    now under the limit, or stored and now over it)."""
    if file_name is not None and old["file_name"] != file_name:
        return True
    too_large = old["status_code"] == "rejected" and str(old["reject_reason"]).startswith(
        "too_large"
    )
    if too_large:
        return n_bytes <= max_bytes
    return old["status_code"] == "ok" and n_bytes > max_bytes


def ingest_folder(
    conn: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    max_bytes: int,
    full_refresh: bool,
    now: dt.datetime,
    allow_empty: bool = False,
    chunk_files: int = CHUNK_FILES,
    state_path: Path | None = None,
    skip_unchanged: bool = True,
) -> Ingested:
    """Read every ``.txt`` page in ``folder`` into ``raw.documents``: unchanged files keep their
    rows, deleted files lose them, bad files are kept with a reason instead of failing the run.

    The folder is streamed: each file is read, hashed and (when its content is new) decoded, and
    the rows go to DuckDB ``chunk_files`` files at a time, so memory holds one chunk of text and
    the folder's names and hashes, never the corpus. One transaction: a crash keeps the old rows.

    ``state_path`` keeps each file's size, mtime and hash from the last committed run (as the
    sensor does): a file whose size and mtime are unchanged and whose document is stored is not
    read again, so a rerun reads only what changed. Without the file, every file is hashed.

    A stored document whose row no longer matches the folder (renamed, or on the other side of a
    changed ``DYAD_MAX_BYTES``) is stored again. A folder with no accepted page does not empty a
    warehouse that has some unless ``allow_empty``.

    With the saved state, files whose every row is already stored (``unchanged_files``) are left
    alone: no file row is built for them and they are kept out of the file-list comparison.
    """
    found: list[Entry] = []
    entries = scan_folder(folder, found)
    # Sidecars and manifests are read whole each run: their rows are rewritten with the file list.
    metadata = read_metadata(found, {e.file_name for e in entries}, max_bytes=max_bytes, now=now)
    saved = load_state(state_path)
    skip: dict[str, str] = {}
    if skip_unchanged and saved.height and not full_refresh:
        skip = unchanged_files(conn, entries, saved, metadata.pages, max_bytes=max_bytes)
    states = warehouse.query(conn, "document_states")
    n_stored = states.filter(pl.col("status_code") == "ok").height
    held = set(skip.values())
    alone = states.filter(pl.col("document_id").is_in(list(held)))
    alone_ok = alone.filter(pl.col("status_code") == "ok").height > 0
    # Only the documents of files read below go through Python.
    stored = {
        r["document_id"]: r
        for r in states.join(alone, on="document_id", how="anti").iter_rows(named=True)
    }
    previous = {k: r["ingested_at"] for k, r in stored.items()}
    again: set[str] = set()

    def wanted(document_id: str, file_name: str | None, n_bytes: int) -> bool:
        if document_id in held:  # stored, left alone: a file read with it is its duplicate
            return False
        old = stored.get(document_id)
        if full_refresh or old is None:
            return True
        if _stale(old, file_name, n_bytes, max_bytes):
            again.add(document_id)
            return True
        return False

    rows = DocumentRows(
        max_bytes=max_bytes,
        now=now,
        previous_ingested_at=previous,
        wanted=wanted,
        metadata=metadata,
    )
    n_new = n_ok = 0
    duplicates: dict[str, str] = {}
    state: FolderState = {}  # of the files read below; the others keep their saved state
    if skip:
        # The files left alone hold their documents first (none is a duplicate): a file read
        # below with the same content is a duplicate of theirs, when its name comes later.
        rows.document_ids.update(skip.values())
        entries_read = [e for e in entries if e.file_name not in skip]
        names_read = [e.file_name for e in entries_read]
        known = state_dict(saved.filter(pl.col("file_name").is_in(names_read)))
    else:
        entries_read = entries
        known = state_dict(saved)
    # Where each document left alone is held, in the folder's order (which decides duplicates).
    rank = {e.file_name: i for i, e in enumerate(entries)} if skip else {}
    held_at = {document_id: rank[name] for name, document_id in skip.items()}
    try:
        with warehouse.transaction(conn):
            # Deletes happen once, never per chunk (each one scans the table): the sidecar list
            # is rewritten whole, the file list synced at the end; a full refresh rewrites every
            # document (``ingested_at`` is kept from ``previous``); otherwise the rows written
            # are new documents, which have no rows yet.
            empty = {"raw.metadata_files": records.frame("raw.metadata_files", metadata.files)}
            if full_refresh:
                empty["raw.documents"] = records.frame("raw.documents", [])
            warehouse.overwrite(conn, empty)
            # The file list is compared with the stored one at the end and only what differs is
            # written (rewriting 100,000 rows cost seconds); its rows are small enough to hold.
            file_frames: list[pl.DataFrame] = []
            for start in range(0, len(entries_read), chunk_files):
                files: list[dict[str, object]] = []
                documents: list[dict[str, object]] = []
                for entry in entries_read[start : start + chunk_files]:
                    blob, state[entry.file_name] = read_or_skip(
                        entry, known, rows.wanted, max_bytes
                    )
                    file_row, document_row = rows.add(blob)
                    holder = held_at.get(str(file_row["document_id"]))
                    if holder is not None and holder > rank[entry.file_name]:
                        raise _SameContent  # a file left alone would become its duplicate
                    files.append(file_row)
                    if file_row["is_duplicate"]:
                        duplicates[str(file_row["file_name"])] = str(file_row["document_id"])
                    if document_row is not None:
                        documents.append(document_row)
                n_new += len(documents)
                n_ok += sum(d["status_code"] == "ok" for d in documents)
                restored = sorted(again & {str(d["document_id"]) for d in documents})
                if restored:  # a document stored again replaces its old row
                    warehouse.overwrite(
                        conn,
                        {"raw.documents": records.frame("raw.documents", [])},
                        key_column="document_id",
                        keys=restored,
                    )
                insert(conn, "raw.documents", records.frame("raw.documents", documents))
                file_frames.append(records.frame("raw.document_files", files))
            n_file_rows = warehouse.sync_rows(
                conn,
                "raw.document_files",
                pl.concat(file_frames) if file_frames else records.frame("raw.document_files", []),
                warehouse.query(conn, "document_files_except", file_names=list(skip))
                if skip
                else warehouse.read_table(conn, "raw.document_files"),
                touch={"seen_at": now},
            )
            kept = (d for d in rows.document_ids if d in stored and d not in again)
            accepted = n_ok > 0 or alone_ok or any(stored[d]["status_code"] == "ok" for d in kept)
            if not accepted and n_stored and not allow_empty:
                # Raised inside the transaction: nothing of this run is kept.
                raise RefusedEmpty(
                    f"no accepted page in {folder} ({len(entries)} file(s)), and the warehouse "
                    f"holds {n_stored} document(s): nothing "
                    "was changed; run with --allow-empty (DYAD_ALLOW_EMPTY=1) to empty it"
                )
            gone = sorted(set(previous) - rows.document_ids)
            if gone:
                warehouse.overwrite(
                    conn,
                    {"raw.documents": records.frame("raw.documents", [])},
                    key_column="document_id",
                    keys=gone,
                )
    except _SameContent:  # a changed file holds an unchanged one's content under an earlier name
        return ingest_folder(
            conn,
            folder,
            max_bytes=max_bytes,
            full_refresh=full_refresh,
            now=now,
            allow_empty=allow_empty,
            chunk_files=chunk_files,
            state_path=state_path,
            skip_unchanged=False,
        )
    if state_path is not None:  # once the rows it describes have committed
        left = saved.filter(pl.col("file_name").is_in(list(skip)))
        new_state = pl.concat([left, state_frame(state)]).sort("file_name")
        if not new_state.equals(saved):
            save_state(state_path, new_state)
    rejected = warehouse.query(conn, "rejected_documents")
    damaged = warehouse.query(conn, "damaged_documents")
    return Ingested(
        n_files=len(entries),
        n_file_rows_written=n_file_rows,
        n_new=n_new,
        n_removed=len(gone),
        rejected=dict(rejected.select("file_name", "reject_reason").iter_rows()),
        damaged=dict(damaged.select("file_name", "n_bad_bytes").iter_rows()),
        duplicates=duplicates,
        metadata_refused=metadata.refused,
    )


class _SameContent(Exception):
    """An unchanged file's content is also held by a file processed before it."""


def folder_state(folder: Path, previous: Mapping[str, list[object]] | None = None) -> FolderState:
    """Content hash of every input file; files whose size and mtime are unchanged keep the
    previous hash instead of being read again. An entry that cannot be read counts by its
    reason, so a FIFO replaced by a page, or a file made readable, is a change."""
    previous = previous or {}
    state: FolderState = {}
    found: list[Entry] = []  # a changed sidecar or manifest is a change too
    for entry in [*scan_folder(folder, found), *found]:
        name = entry.file_name
        try:
            st = os.stat(entry.path) if entry.reject_reason is None else None
        except OSError:
            st = None
        if st is None:
            reason = entry.reject_reason or "unreadable"
            state[name] = [0, 0, "unread:" + reason.partition(":")[0]]
            continue
        old = previous.get(name)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            state[name] = list(old)
            continue
        blob = read_entry(entry, 0)  # hashes without keeping the bytes
        digest = blob.sha256 or "unread:" + (blob.reject_reason or "").partition(":")[0]
        state[name] = [st.st_size, st.st_mtime_ns, digest]
    return state


@dataclass(frozen=True)
class FolderChange:
    added: list[str]
    changed: list[str]
    deleted: list[str]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.deleted)


def diff_states(
    previous: Mapping[str, list[object]], current: Mapping[str, list[object]]
) -> FolderChange:
    """What changed between two folder states, by content hash (a touched file is unchanged)."""
    return FolderChange(
        added=sorted(set(current) - set(previous)),
        changed=sorted(n for n in current if n in previous and previous[n][2] != current[n][2]),
        deleted=sorted(set(previous) - set(current)),
    )


def state_digest(state: Mapping[str, list[object]]) -> str:
    return hashlib.sha256(
        json.dumps({k: v[2] for k, v in sorted(state.items())}).encode()
    ).hexdigest()[:16]
