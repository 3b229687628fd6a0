"""The folder state ingest saves (size, mtime and hash of each file), and which files an
incremental ingest can leave alone, found in one join of the folder's walk with the saved
folder state and the stored file list (at 100,000 pages the per-file Python work of an
unchanged folder took seconds)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import duckdb
import polars as pl

from etl import warehouse
from etl.stages.raw_files import Entry, FileBlob, read_entry


def document_id_for(sha256: str) -> str:
    """A document is identified by its content, so renaming a file keeps its ID and rows."""
    return sha256[:20]


def unchanged_files(
    conn: duckdb.DuckDBPyConnection,
    entries: Sequence[Entry],
    known: Mapping[str, list[object]],
    pages_with_metadata: Mapping[str, object],
    *,
    max_bytes: int,
) -> dict[str, str]:
    """file name -> document id of each file whose every row ingest would write is already
    stored: a regular file with the size and mtime the last committed run saved, a plain UTF-8
    name, no sidecar or manifest values (now or stored), the file its document is stored under
    (so not a duplicate), and on the same side of the size limit as its stored verdict.

    Everything else goes through the per-file path, which decides exactly as before."""
    # Frames built column by column: rows of tuples cost twice as much at 100,000 files.
    kept = [
        e
        for e in entries
        if e.reject_reason is None
        and e.mtime_ns is not None
        and "\\x" not in e.file_name
        and e.file_name not in pages_with_metadata
    ]
    walk = pl.DataFrame(
        {
            "file_name": [e.file_name for e in kept],
            "n_bytes": [e.n_bytes for e in kept],
            "mtime_ns": [e.mtime_ns for e in kept],
        },
        schema={"file_name": pl.String, "n_bytes": pl.Int64, "mtime_ns": pl.Int64},
    )
    states = [(k, v) for k, v in known.items() if len(v) == 3]
    saved = pl.DataFrame(
        {
            "file_name": [k for k, _ in states],
            "size": [v[0] for _, v in states],
            "mtime": [v[1] for _, v in states],
            "digest": [v[2] for _, v in states],
        },
        schema={"file_name": pl.String, "size": pl.Int64, "mtime": pl.Int64, "digest": pl.String},
    )
    stored = warehouse.query(conn, "stored_files")
    too_large = (pl.col("status_code") == "rejected") & pl.col("reject_reason").str.starts_with(
        "too_large"
    ).fill_null(False)
    # As ingest._stale: a size limit moved across a stored verdict makes the document stale.
    stale = (too_large & (pl.col("n_bytes") <= max_bytes)) | (
        ~too_large & (pl.col("status_code") == "ok") & (pl.col("n_bytes") > max_bytes)
    )
    same = (
        walk.join(saved, on="file_name")
        .filter(
            (pl.col("n_bytes") == pl.col("size"))
            & (pl.col("mtime_ns") == pl.col("mtime"))
            & (pl.col("digest").str.len_chars() == 64)
        )
        .with_columns(pl.col("digest").str.slice(0, 20).alias("document_id"))
        .join(stored, on=["file_name", "document_id", "n_bytes"])
        .filter(
            ~pl.col("is_duplicate") & (pl.col("document_file_name") == pl.col("file_name")) & ~stale
        )
    )
    return dict(zip(same["file_name"].to_list(), same["document_id"].to_list(), strict=True))


# name -> [size, mtime_ns, sha256]
FolderState = dict[str, list[object]]


def load_state(path: Path | None) -> FolderState:
    """The file state the last committed run saved; empty when missing or unreadable (then
    every file is read, which is always correct)."""
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(path: Path, state: FolderState) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def read_or_skip(
    entry: Entry,
    known: FolderState,
    wanted: Callable[[str, str | None, int], bool] | None,
    max_bytes: int,
) -> tuple[FileBlob, list[object]]:
    """The entry as :func:`read_entry` gives it, without reading a file whose size and mtime
    match the saved state when its document is stored and not wanted again; and its state."""
    size, mtime = entry.n_bytes, entry.mtime_ns  # as the walk found them: no second stat
    if entry.reject_reason is None and mtime is None:
        try:
            st = os.stat(entry.path)
            size, mtime = st.st_size, st.st_mtime_ns
        except OSError:
            mtime = None
    old = known.get(entry.file_name)
    if entry.reject_reason is None and mtime is not None and old and old[:2] == [size, mtime]:
        digest = str(old[2])
        # Its name is the one saved, so only the size limit can have made it stale here.
        skip = wanted is not None and not wanted(document_id_for(digest), None, size)
        if len(digest) == 64 and skip:
            blob = FileBlob(entry.file_name, size, digest, None, None, entry.name_hex)
            return blob, list(old)
    blob = read_entry(entry, max_bytes)
    if mtime is None or blob.sha256 is None:
        return blob, [0, 0, "unread"]
    return blob, [size, mtime, blob.sha256]
