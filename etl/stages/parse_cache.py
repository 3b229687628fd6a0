"""Parsed article Docs kept between stages, so each body is parsed once.

The entity stage parses every new body and stores its Doc here; the event stage codes from the
stored Doc instead of parsing again. The cache is derived data beside the build file: deleting it
only costs a re-parse.

A file holds the token attribute array of one Doc and the strings its hashes stand for
(``MAGIC``, the array's shape and the strings' length as a header, then the strings as JSON and
the array's bytes, all zlib-compressed). spaCy's DocBin holds the same, but looks up its msgpack
extensions in the installed packages' entry points on every read, which cost more than the rest
of a load.
"""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from spacy.attrs import IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

# What the event coder reads (no NORM or TAG: it never does, and they cost space and time).
# ORTH and SPACY come first: they rebuild the tokens, the rest is set on them.
ATTRS = ["ORTH", "SPACY", "LEMMA", "POS", "MORPH", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE"]
_ATTR_IDS = [IDS[a] for a in ATTRS]
# Columns holding string hashes: their strings travel with the array.
_STRING_COLUMNS = [ATTRS.index(a) for a in ("ORTH", "LEMMA", "MORPH", "DEP", "ENT_TYPE")]
MAGIC = b"DYP1"
_HEADER = struct.Struct("<4sIII")  # magic, rows, columns, length of the strings' JSON
SUFFIX = ".parse"


def cache_dir(build_path: Path | str) -> Path:
    build = Path(build_path)
    return build.with_name(build.stem + ".parses")


def _path(folder: Path, article_id: str) -> Path:
    if not article_id.isalnum():
        raise ValueError(f"unexpected article id {article_id!r}")
    return folder / f"{article_id}{SUFFIX}"


def to_bytes(doc: Doc) -> bytes:
    array = np.ascontiguousarray(doc.to_array(_ATTR_IDS), dtype=np.uint64)
    hashes = np.unique(array[:, _STRING_COLUMNS])
    strings = json.dumps([doc.vocab.strings[int(h)] for h in hashes if h]).encode("utf-8")
    header = _HEADER.pack(MAGIC, array.shape[0], array.shape[1], len(strings))
    return zlib.compress(header + strings + array.tobytes(), 1)


def from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The Doc :func:`to_bytes` wrote; ``ValueError`` if ``data`` is not one."""
    try:
        raw = zlib.decompress(data)
        magic, rows, columns, n_strings = _HEADER.unpack_from(raw)
    except (zlib.error, struct.error) as exc:
        raise ValueError(f"not a stored parse: {exc}") from exc
    start = _HEADER.size + n_strings
    if magic != MAGIC or columns != len(ATTRS) or len(raw) != start + rows * columns * 8:
        raise ValueError("not a stored parse of this version")
    for s in json.loads(raw[_HEADER.size : start].decode("utf-8")):
        vocab.strings.add(s)
    array = np.frombuffer(raw, dtype=np.uint64, offset=start).reshape(rows, columns)
    words = [vocab.strings[int(h)] for h in array[:, 0]]
    doc = Doc(vocab, words=words, spaces=[bool(x) for x in array[:, 1]])
    doc.from_array(_ATTR_IDS[2:], np.ascontiguousarray(array[:, 2:]))  # type: ignore[arg-type]
    return doc


def save(folder: Path, article_id: str, doc: Doc) -> None:
    """Write one article's Doc atomically (temporary file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = _path(folder, article_id)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(to_bytes(doc))
    os.replace(tmp, target)


def load(folder: Path, article_id: str, vocab: Vocab) -> Doc | None:
    """The stored Doc, or None when it is missing or unreadable."""
    try:
        return from_bytes(_path(folder, article_id).read_bytes(), vocab)
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def remove(folder: Path, article_ids: Iterable[str]) -> None:
    for article_id in article_ids:
        _path(folder, article_id).unlink(missing_ok=True)
