"""Every reviewed data file under ``etl/data/`` is read here, and only here.

The files are tab-separated UTF-8 with a header row (``etl/data/README.md`` has a line for each).
Word lists are one-column files headed ``word``; a second column, when there is one, is a note for
reviewers and is ignored. Readers are cached: a worker forked after the first read shares it.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("etl") / "data"))


def data_path(name: str) -> Path:
    """Path of a reviewed data file, by file name (``"roles_fr.tsv"``)."""
    path = DATA_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"no reviewed data file {name!r} in {DATA_DIR}")
    return path


@functools.cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV file as dicts, cells stripped, empty cells as ``""``."""
    text = data_path(name).read_text(encoding="utf-8")
    return tuple(
        {k: (v or "").strip() for k, v in row.items() if k is not None}
        for row in csv.DictReader(io.StringIO(text, newline=""), delimiter="\t")
    )


@functools.cache
def word_list(name: str, column: str = "word") -> tuple[str, ...]:
    """The non-empty cells of one column of a word-list file, in file order."""
    return tuple(r[column] for r in rows(name) if r.get(column))


@functools.cache
def word_set(name: str, column: str = "word") -> frozenset[str]:
    """:func:`word_list` as a set, for membership tests."""
    return frozenset(word_list(name, column))


def digest(names: tuple[str, ...]) -> str:
    """A hash of the named data files' bytes (a stage's version covers the data it reads)."""
    h = hashlib.sha256()
    for name in sorted(names):
        h.update(name.encode("utf-8") + b"\0" + data_path(name).read_bytes() + b"\0")
    return h.hexdigest()


def json_data(name: str) -> object:
    """A reviewed or trained JSON file of ``etl/data/`` (not cached: it may be rebuilt)."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))
