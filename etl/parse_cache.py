"""Parsed article Docs kept between stages, so each body is parsed once.

The entity stage parses every new body and stores its Doc here; the event stage codes from the
stored Doc instead of parsing again. The cache is derived data beside the build file: deleting it
only costs a re-parse.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

# What the event coder reads (no NORM or TAG: it never does, and they cost space and time).
ATTRS = ["ORTH", "SPACY", "LEMMA", "POS", "MORPH", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE"]


def cache_dir(build_path: Path | str) -> Path:
    build = Path(build_path)
    return build.with_name(build.stem + ".parses")


def _path(folder: Path, article_id: str) -> Path:
    if not article_id.isalnum():
        raise ValueError(f"unexpected article id {article_id!r}")
    return folder / f"{article_id}.spacy"


def save(folder: Path, article_id: str, doc: Doc) -> None:
    """Write one article's Doc atomically (temporary file, then rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = _path(folder, article_id)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(DocBin(attrs=ATTRS, docs=[doc]).to_bytes())
    os.replace(tmp, target)


def load(folder: Path, article_id: str, vocab: Vocab) -> Doc | None:
    """The stored Doc, or None when it is missing or unreadable."""
    path = _path(folder, article_id)
    try:
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(vocab))
    except (OSError, ValueError):
        return None
    return docs[0] if docs else None


def remove(folder: Path, article_ids: Iterable[str]) -> None:
    for article_id in article_ids:
        _path(folder, article_id).unlink(missing_ok=True)
