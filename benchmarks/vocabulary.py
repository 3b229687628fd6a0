"""The words the corpus generator writes, read from ``benchmarks/data/`` (see its README).

Everything a synthetic page prints apart from its dates lives in those files: story templates,
context paragraphs, teasers, invented names, roles, outlets and page furniture. The TSV files are
UTF-8 with a header row and no quoting (a template may hold any character but a tab); the furniture
is one JSON object because its blocks keep blank lines and indents that a TSV row would lose.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


@functools.cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``benchmarks/data/<name>`` as dicts, cells exactly as written."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(dict(r) for r in reader)


@functools.cache
def column(name: str, col: str) -> tuple[str, ...]:
    """One column of a data file, in file order."""
    return tuple(r[col] for r in rows(name))


@functools.cache
def furniture() -> dict[str, Any]:
    """``furniture.json``: menus, bylines, teaser prefixes, comment forms, footers."""
    data: dict[str, Any] = json.loads((DATA_DIR / "furniture.json").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class StoryType:
    """One kind of story (a meeting, an accusation ...) as four lists of templates."""

    name: str
    titles: tuple[str, ...]
    ledes: tuple[str, ...]
    paragraphs: tuple[str, ...]
    subheads: tuple[str, ...]


@functools.cache
def stories() -> tuple[StoryType, ...]:
    """The story types of ``stories.tsv``, in the order of their first row."""
    names = tuple(dict.fromkeys(column("stories.tsv", "story")))

    def part(story: str, kind: str) -> tuple[str, ...]:
        return tuple(
            r["template"] for r in rows("stories.tsv") if r["story"] == story and r["part"] == kind
        )

    return tuple(
        StoryType(n, part(n, "title"), part(n, "lede"), part(n, "paragraph"), part(n, "subhead"))
        for n in names
    )
