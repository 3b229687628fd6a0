"""Reading the input folder: decoding, hashing and rejecting files, without losing any of them."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

DOCUMENT_COLUMNS: dict[str, Any] = {
    "document_id": pl.String,
    "file_name": pl.String,
    "sha256": pl.String,
    "n_bytes": pl.Int64,
    "encoding_name": pl.String,
    "status_code": pl.String,
    "reject_reason": pl.String,
    "raw_text": pl.String,
    "ingested_at": pl.Datetime("us"),
}
FILE_COLUMNS: dict[str, Any] = {
    "file_name": pl.String,
    "document_id": pl.String,
    "is_duplicate": pl.Boolean,
    "n_bytes": pl.Int64,
    "seen_at": pl.Datetime("us"),
}


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
    docs = pl.DataFrame(list(documents.values()), schema=DOCUMENT_COLUMNS, orient="row")
    return docs, pl.DataFrame(files, schema=FILE_COLUMNS, orient="row")
