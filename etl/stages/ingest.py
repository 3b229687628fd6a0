"""Reading the input folder: decoding, hashing and rejecting files, without losing any of them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from etl import warehouse
from etl.warehouse import records
from etl.warehouse.files import RefusedEmpty


@dataclass(frozen=True)
class FileBlob:
    """One input file as read from disk; ``data`` is None when it was too large to read."""

    file_name: str
    n_bytes: int
    sha256: str
    data: bytes | None


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding_name: str | None
    reject_reason: str | None


def list_input_files(folder: Path) -> list[Path]:
    """The ``.txt`` files under ``folder`` (recursively, hidden ones skipped), in a stable order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder does not exist: {folder}")
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() == ".txt"
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def read_blob(folder: Path, path: Path, max_bytes: int) -> FileBlob:
    """Hash a file in chunks; keep its bytes only when they are under the size limit."""
    digest = hashlib.sha256()
    n_bytes = 0
    chunks: list[bytes] = []
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            n_bytes += len(chunk)
            if n_bytes <= max_bytes:
                chunks.append(chunk)
    data = b"".join(chunks) if n_bytes <= max_bytes else None
    return FileBlob(path.relative_to(folder).as_posix(), n_bytes, digest.hexdigest(), data)


def document_id_for(sha256: str) -> str:
    """A document is identified by its content, so renaming a file keeps its ID and rows."""
    return sha256[:20]


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


def decode(data: bytes | None, *, max_bytes: int) -> Decoded:
    """Decode UTF-8 (with or without BOM), else cp1252, else latin-1; reject what is not text."""
    if data is None:
        return Decoded(None, None, f"too_large: over the {max_bytes}-byte limit (DYAD_MAX_BYTES)")
    if not data.strip():
        return Decoded(None, None, "empty: the file has no text")
    if looks_binary(data):
        return Decoded(None, None, "binary: the file contains NUL or control bytes, not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        name = "utf-8" if encoding == "utf-8-sig" else encoding
        if looks_like_html(text):
            return Decoded(
                None, name, "html: the file is an HTML document; save the page as text first"
            )
        return Decoded(text, name, None)
    return Decoded(None, None, "undecodable: not UTF-8, cp1252 or latin-1")  # pragma: no cover


def build_documents(
    blobs: Iterable[FileBlob],
    *,
    max_bytes: int,
    now: dt.datetime,
    previous_ingested_at: Mapping[str, dt.datetime] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Turn the folder's files into ``raw.documents`` and ``raw.document_files`` rows.

    Identical files are stored once under the first name in sort order; the others are listed in
    ``document_files`` as duplicates. ``ingested_at`` survives reruns so that rows stay identical.
    """
    previous = previous_ingested_at or {}
    documents: dict[str, dict[str, object]] = {}
    files: list[dict[str, object]] = []
    for blob in sorted(blobs, key=lambda b: b.file_name):
        document_id = document_id_for(blob.sha256)
        is_duplicate = document_id in documents
        files.append(
            {
                "file_name": blob.file_name,
                "document_id": document_id,
                "is_duplicate": is_duplicate,
                "n_bytes": blob.n_bytes,
                "seen_at": now,
            }
        )
        if is_duplicate:
            continue
        decoded = decode(blob.data, max_bytes=max_bytes)
        documents[document_id] = {
            "document_id": document_id,
            "file_name": blob.file_name,
            "sha256": blob.sha256,
            "n_bytes": blob.n_bytes,
            "encoding_name": decoded.encoding_name,
            "status_code": "rejected" if decoded.reject_reason else "ok",
            "reject_reason": decoded.reject_reason,
            "raw_text": decoded.text,
            "ingested_at": previous.get(document_id, now),
        }
    return records.frame("raw.documents", documents.values()), records.frame(
        "raw.document_files", files
    )


@dataclass(frozen=True)
class Ingested:
    documents: pl.DataFrame
    files: pl.DataFrame
    n_new: int
    n_removed: int


def _state(row: Mapping[str, object]) -> tuple[object, ...]:
    """What a stored ``raw.documents`` row must still match to be kept as it is."""
    return (row["file_name"], row["encoding_name"], row["status_code"], row["reject_reason"])


def _md5(text: object) -> str | None:
    # DuckDB's md5() of the stored text: the text is compared without reading it back.
    return None if text is None else hashlib.md5(str(text).encode()).hexdigest()  # noqa: S324


def ingest_folder(
    conn: duckdb.DuckDBPyConnection,
    folder: Path,
    *,
    max_bytes: int,
    full_refresh: bool,
    now: dt.datetime,
    allow_empty: bool = False,
) -> Ingested:
    """Read every ``.txt`` page in ``folder`` into ``raw.documents``: unchanged files keep their
    rows, deleted files lose them, bad files are kept with a reason instead of failing the run.

    A document whose stored row no longer matches what ingest makes of it now (renamed, or
    rejected as too large under a smaller ``DYAD_MAX_BYTES``) is stored again. A folder with no
    accepted page does not empty a warehouse that has some unless ``allow_empty``.
    """
    blobs = [read_blob(folder, p, max_bytes) for p in list_input_files(folder)]
    stored = {
        r["document_id"]: r for r in warehouse.query(conn, "document_states").iter_rows(named=True)
    }
    previous = {k: r["ingested_at"] for k, r in stored.items()}
    documents, files = build_documents(
        blobs, max_bytes=max_bytes, now=now, previous_ingested_at=previous
    )
    n_accepted = documents.filter(pl.col("status_code") == "ok").height
    n_stored = sum(r["status_code"] == "ok" for r in stored.values())
    if not n_accepted and n_stored and not allow_empty:
        raise RefusedEmpty(
            f"no accepted page in {folder} ({len(blobs)} file(s)), and the warehouse holds "
            f"{n_stored} document(s): nothing was changed; run with --allow-empty "
            "(DYAD_ALLOW_EMPTY=1) to empty it"
        )
    current = set(documents["document_id"].to_list())
    stale = {
        r["document_id"]
        for r in documents.iter_rows(named=True)
        if (old := stored.get(r["document_id"])) is not None
        and (_state(r), _md5(r["raw_text"])) != (_state(old), old["text_md5"])
    }
    new = current if full_refresh else (current - set(stored)) | stale
    gone = set(stored) - current
    warehouse.replace_rows(
        conn,
        {"raw.documents": documents.filter(pl.col("document_id").is_in(sorted(new)))},
        key_column="document_id",
        keys=sorted(new | gone),
    )
    warehouse.replace_rows(conn, {"raw.document_files": files})
    return Ingested(documents, files, len(new), len(gone))


# name -> [size, mtime_ns, sha256]
FolderState = dict[str, list[object]]


def folder_state(folder: Path, previous: Mapping[str, list[object]] | None = None) -> FolderState:
    """Content hash of every input file; files whose size and mtime are unchanged keep the
    previous hash instead of being read again."""
    previous = previous or {}
    state: FolderState = {}
    for path in list_input_files(folder):
        name = path.relative_to(folder).as_posix()
        st = path.stat()
        old = previous.get(name)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            state[name] = list(old)
            continue
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        state[name] = [st.st_size, st.st_mtime_ns, digest.hexdigest()]
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
