"""The input folder as a list of entries, each readable or rejected with a reason.

A folder from a scraper or a shared drive holds more than pages: FIFOs (a plain read blocks
forever), directories and links named like pages, link loops, links out of the folder, files the
run may not read and names that are not UTF-8. None of them may stop or stall a run, so the walk
never raises for one entry: it records it, and only regular files inside the folder are read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from etl.transforms.sidecars import is_metadata_name

PAGE_SUFFIX = ".txt"


@dataclass(frozen=True)
class Entry:
    """One name in the input folder that is, or claims to be, a page."""

    file_name: str  # relative, "/"-separated; bytes that are not UTF-8 appear as \xNN
    # The walk keeps the string it got from scandir: a Path per entry cost seconds at 100,000.
    path: str | Path
    name_hex: str | None  # the raw bytes of the relative name, when they are not UTF-8
    reject_reason: str | None  # why the entry is not read; None: a regular file to read
    n_bytes: int = 0
    mtime_ns: int | None = None  # of the file (a link's target) when the walk met it


@dataclass(frozen=True)
class FileBlob:
    """One input entry as read from disk; ``data`` is None when it was not read (too large, or
    rejected before reading, then ``reject_reason`` says why)."""

    file_name: str
    n_bytes: int
    sha256: str | None
    data: bytes | None
    reject_reason: str | None = None
    name_hex: str | None = None


def display_name(relative: str) -> tuple[str, str | None]:
    """A name DuckDB can store, and the hex of the raw bytes when the name is not UTF-8.

    Python gives undecodable name bytes as lone surrogates, which no UTF-8 column accepts; they
    are shown as ``\\xNN`` and the exact bytes are kept as hex, so nothing is lost.
    """
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(relative)
        return raw.decode("utf-8", "backslashreplace"), raw.hex()
    return relative, None


def _is_inside(root: str, target: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _link_reason(root: str, path: str) -> tuple[str | None, os.stat_result | None]:
    """Why a link is not followed (or None), and what it points to when it is."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink_loop: the link points back to itself through other links", None
        if exc.errno == errno.ENOENT:
            return f"broken_link: the link's target does not exist ({os.readlink(path)})", None
        return f"unreadable: cannot follow the link ({exc.strerror})", None
    target = os.path.realpath(path)
    if not _is_inside(root, target):
        return (
            "outside_folder: the link points out of the input folder; "
            "links are followed only inside it",
            st,
        )
    if stat.S_ISDIR(st.st_mode):
        return (
            "linked_directory: links to folders are not followed (their pages are read where "
            "they are)",
            st,
        )
    return None, st


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def scan_folder(folder: Path, metadata: list[Entry] | None = None) -> list[Entry]:
    """Every page-like entry under ``folder`` (recursively, hidden names skipped), sorted.

    ``.txt`` names of any kind are listed; links to folders too, since they would otherwise be
    read as page sources. Real subfolders are walked, links never (so a loop cannot recurse).
    The sidecars and manifests met on the way (never pages) go to ``metadata`` when it is given,
    sorted, with the same reasons a page would get.
    """
    if not folder.is_dir():
        raise FileNotFoundError(f"input folder does not exist: {folder}")
    root = os.path.realpath(folder)
    pages: list[Entry] = []
    found: list[Entry] = []  # sidecars and manifests
    entries = pages
    reason: str | None
    stack = [root]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                listing = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            rel = os.path.relpath(current, root)
            name, hex_ = display_name(Path(rel).as_posix())
            reason = f"unreadable_folder: cannot list the folder ({exc.strerror})"
            pages.append(Entry(name, Path(current), hex_, reason))
            continue
        for e in listing:
            if e.name.startswith("."):
                continue
            path = e.path
            # The walk starts at ``root``, so every path is under it (a string slice, where
            # Path.relative_to cost seconds over 100,000 files).
            name, hex_ = display_name(e.path[len(root) :].lstrip(os.sep).replace(os.sep, "/"))
            is_page = e.name.lower().endswith(PAGE_SUFFIX)
            if not is_page and metadata is not None and is_metadata_name(e.name):
                is_page, entries = True, found  # listed, and read, as a page would be
            else:
                entries = pages
            try:
                lst = e.stat(follow_symlinks=False)
            except OSError as exc:
                if is_page:
                    entries.append(Entry(name, path, hex_, f"unreadable: {exc.strerror}"))
                continue
            if stat.S_ISLNK(lst.st_mode):
                reason, st = _link_reason(root, path)
                is_dir = st is not None and stat.S_ISDIR(st.st_mode)
                if reason is None and st is not None and not stat.S_ISREG(st.st_mode):
                    reason = f"not_regular: the link points to {_kind(st.st_mode)}"
                if is_page or is_dir:
                    size = st.st_size if st is not None and not is_dir else 0
                    mtime = st.st_mtime_ns if st is not None and not is_dir else None
                    entries.append(Entry(name, path, hex_, reason, size, mtime))
            elif stat.S_ISDIR(lst.st_mode):
                if is_page:
                    reason = "not_regular: a directory, not a file (its pages are read)"
                    entries.append(Entry(name, path, hex_, reason))
                stack.append(path)
            elif is_page:
                regular = stat.S_ISREG(lst.st_mode)
                reason = None if regular else f"not_regular: {_kind(lst.st_mode)}, never opened"
                entries.append(
                    Entry(
                        name,
                        path,
                        hex_,
                        reason,
                        lst.st_size if regular else 0,
                        lst.st_mtime_ns if regular else None,
                    )
                )
    if metadata is not None:
        metadata.extend(sorted(found, key=lambda x: x.file_name))
    return sorted(pages, key=lambda x: x.file_name)


def read_entry(entry: Entry, max_bytes: int) -> FileBlob:
    """Hash a file in chunks and keep its bytes when under the size limit; any error reading it
    becomes a reason, never an exception."""
    if entry.reject_reason is not None:
        return FileBlob(
            entry.file_name, entry.n_bytes, None, None, entry.reject_reason, entry.name_hex
        )
    digest = hashlib.sha256()
    n_bytes = 0
    chunks: list[bytes] = []
    try:
        # Non-blocking: should the entry have turned into a FIFO since the walk, opening it
        # returns at once and fstat below refuses it.
        fd = os.open(entry.path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                reason = f"not_regular: {_kind(mode)}, never read"
                return FileBlob(entry.file_name, 0, None, None, reason, entry.name_hex)
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                n_bytes += len(chunk)
                if n_bytes <= max_bytes:
                    chunks.append(chunk)
    except PermissionError as exc:
        reason = f"unreadable: permission denied ({exc.strerror})"
        return FileBlob(entry.file_name, entry.n_bytes, None, None, reason, entry.name_hex)
    except OSError as exc:
        reason = f"unreadable: {exc.strerror or type(exc).__name__}"
        return FileBlob(entry.file_name, entry.n_bytes, None, None, reason, entry.name_hex)
    data = b"".join(chunks) if n_bytes <= max_bytes else None
    return FileBlob(entry.file_name, n_bytes, digest.hexdigest(), data, None, entry.name_hex)
