"""A read-only index of one parsed article body, built once and shared by every phase.

Words are the maximal letter/digit runs of the text, each with the characters before it; the
index also knows where sentences, paragraphs, tokens and all-capitals lines start, and answers
the positional questions the phases ask (which sentence, which token, may these words form one
name). Nothing in it changes after :func:`index_doc` returns.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from etl.transforms.entities.lexicon import JOIN_RE, NP_STARTERS, NUMBERS, STRONG_PUNCT, WORD_RE
from etl.transforms.entities.records import Word
from etl.transforms.text import fold, is_title_word


@dataclass(frozen=True, eq=False)
class DocIndex:
    doc: Doc
    text: str
    words: tuple[Word, ...]
    word_starts: tuple[int, ...]
    join: tuple[bool, ...]  # word i continues word i-1 inside one name
    tok_starts: tuple[int, ...]
    sent_starts: tuple[int, ...]
    para_starts: tuple[int, ...]
    caps_lines: tuple[tuple[int, int], ...]  # character spans of all-capitals lines
    ents: tuple[Span, ...]
    per_spans: tuple[tuple[int, int], ...]  # character spans of PER entities

    def in_caps_line(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.caps_lines)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def token_at(self, pos: int) -> Token:
        i = max(0, bisect.bisect_right(self.tok_starts, pos) - 1)
        return self.doc[i]

    def span_root(self, start: int, end: int) -> Token:
        span: Span | None = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return self.token_at(start)
        return span.root

    def word_index_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.word_starts, pos) - 1)

    def joinable(self, i: int) -> bool:
        """Whether word i continues word i-1 inside one name (no punctuation/newline between)."""
        return self.join[i]

    def prev_word(self, i: int, skip_articles: bool = False) -> int | None:
        j = i - 1
        if skip_articles:
            while (
                j >= 0 and self.words[j].folded in {"le", "la", "les", "l"} and self.joinable(j + 1)
            ):
                j -= 1
        if j < 0 or STRONG_PUNCT.search(self.words[j + 1].gap):
            return None
        return j

    def after_determiner(self, j: int) -> bool:
        """Word j starts a noun phrase ("les rebelles", "des deux militaires")."""
        k = j - 1
        while k >= 0 and self.words[k].folded in NUMBERS and self.joinable(k + 1):
            k -= 1
        if k >= 0 and self.joinable(k + 1) and self.words[k].folded in NP_STARTERS:
            return True
        return "," in self.words[j].gap  # an apposition: "X, opposant camerounais"

    def in_person(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.per_spans)

    def same_entity(self, a: int, b: int) -> bool:
        """Characters a and b fall inside one NER entity."""
        return any(e.start_char <= a and b < e.end_char for e in self.ents)

    def looks_like_name(self, a: int, b: int) -> bool:
        ws = WORD_RE.findall(self.text[a:b])
        titled = [w for w in ws if is_title_word(w) and w.lower() not in STOP_WORDS]
        return len(titled) >= 2

    def short_line(self, pos: int) -> bool:
        """``pos`` is on a line of fewer than six words (a heading, a button, a caption)."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        line = self.text[start : end if end >= 0 else len(self.text)]
        return len(WORD_RE.findall(line)) < 6


def index_doc(doc: Doc) -> DocIndex:
    text = doc.text
    words = _words(text)
    ents = tuple(doc.ents)
    return DocIndex(
        doc=doc,
        text=text,
        words=words,
        word_starts=tuple(w.start for w in words),
        join=tuple(bool(JOIN_RE.match(w.gap)) for w in words),
        tok_starts=tuple(t.idx for t in doc),
        sent_starts=tuple(s.start_char for s in doc.sents) or (0,),
        para_starts=(0, *(m.end() for m in re.finditer(r"\n", text))),
        caps_lines=_caps_lines(text),
        ents=ents,
        per_spans=tuple((e.start_char, e.end_char) for e in ents if e.label_ == "PER"),
    )


def _words(text: str) -> tuple[Word, ...]:
    out: list[Word] = []
    prev_end = 0
    for m in WORD_RE.finditer(text):
        out.append(Word(m.start(), m.end(), m.group(), fold(m.group()), text[prev_end : m.start()]))
        prev_end = m.end()
    return tuple(out)


def _caps_lines(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        letters = [c for c in m.group() if c.isalpha()]
        if len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.7 * len(letters):
            spans.append((m.start(), m.end()))
    return tuple(spans)
