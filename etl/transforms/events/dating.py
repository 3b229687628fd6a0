"""When an event happened: the nearest resolvable date in the trigger's clause, else a dateline,
else a dated sentence earlier in the paragraph, else the publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Token

from etl.transforms.dates import find_date_mentions, resolve_date
from etl.transforms.events.actors import SentenceActors
from etl.transforms.events.parse import verb_of
from etl.transforms.events.types import ArticleContext
from etl.transforms.types import DateMention, ResolvedDate


def date_anchor(ctx: ArticleContext) -> dt.date | None:
    """The publication date, else the article's first fully explicit date."""
    if ctx.published_date:
        return ctx.published_date
    for m in find_date_mentions(ctx.body):
        if m.year and m.month and m.day and m.relative is None:
            try:
                return dt.date(m.year, m.month, m.day)
            except ValueError:
                continue
    return None


def _resolve_nearest(
    mentions: Sequence[DateMention],
    pos: int,
    anchor: dt.date | None,
    latest: dt.date | None,
    tense: str | None,
) -> tuple[ResolvedDate | None, DateMention | None]:
    unresolved: DateMention | None = None
    for m in sorted(mentions, key=lambda m: abs(m.char_start - pos)):
        r = resolve_date(m, anchor, latest=latest, tense=tense)
        if r is not None:
            return r, m
        unresolved = unresolved or m
    return None, unresolved


def _span_root(sa: SentenceActors, m: DateMention) -> int | None:
    span = sa.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _in_clause(sa: SentenceActors, trigger: Token, m: DateMention) -> bool:
    """Whether a date in the trigger's sentence belongs to the trigger's clause, so that a date in
    a background clause ("après des coups d'État entre 2020 et 2023") does not date the event."""
    span = sa.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    if span is None:
        return False
    clause = verb_of(trigger)
    cur = span.root
    for _ in range(12):
        if cur.i == clause.i or cur.i == trigger.i:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


PERIOD_BEFORE = re.compile(r"(entre|depuis|de|dès|jusqu[’']en|à partir de)\s*$", re.IGNORECASE)

PERIOD_AFTER = re.compile(r"^\s*(et|à|-|–)\s*\d{4}")


def _is_period(body: str, m: DateMention) -> bool:
    """A bare year that bounds a period ("entre 2020 et 2023", "depuis 2021") dates a state of
    affairs, not the event in the same sentence."""
    if m.year is None or m.month is not None or m.day is not None or m.weekday is not None:
        return False
    before = body[max(0, m.char_start - 20) : m.char_start]
    after = body[m.char_end : m.char_end + 10]
    return bool(PERIOD_BEFORE.search(before) or PERIOD_AFTER.search(after))


DATELINE_END = re.compile(r"^\s*(\([^)]{1,20}\)\s*)?[–—-]")


def _is_dateline(body: str, para: int, m: DateMention) -> bool:
    """A date that opens a paragraph after at most a place name and ends with a dash."""
    if not para <= m.char_start < para + 60 or m.year is None:
        return False
    lead = body[para : m.char_start]
    if any(ch in lead for ch in ".!?"):
        return False
    return bool(DATELINE_END.match(body[m.char_end : m.char_end + 30]))


def _paragraph_start(body: str, pos: int) -> int:
    i = body.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


def event_date(
    ctx: ArticleContext,
    sa: SentenceActors,
    token: Token,
    reality: str,
    start: int,
    end: int,
    anchor: dt.date | None,
    body_dates: Sequence[DateMention],
) -> tuple[ResolvedDate | None, str | None, str]:
    """The date of the event whose trigger is ``token`` in the sentence ``start:end``, the text
    it was read from, and how it was found (``event_date_method``)."""
    in_sentence = [
        m
        for m in body_dates
        if start <= m.char_start
        and m.char_end <= end
        and _in_clause(sa, token, m)
        and not _is_period(ctx.body, m)
    ]
    # A planned event's own date lies ahead ("une prochaine visite en juin"); other dates in its
    # sentence, such as the day the plan was announced, lie behind.
    own = {y.i for y in token.subtree}
    future = [m for m in in_sentence if _span_root(sa, m) in own]
    tense = "future" if reality == "intended" and future else None
    resolved, used = _resolve_nearest(
        future if tense else in_sentence, token.idx, anchor, ctx.fetched_date, tense
    )
    if resolved is None and used is None and tense:
        resolved, used = _resolve_nearest(in_sentence, token.idx, anchor, ctx.fetched_date, None)
    method = "sentence"
    if resolved is None and used is None:
        para = _paragraph_start(ctx.body, start)
        # A dateline ("Bamako, le 1er août 2024 – ...") dates the paragraph it opens.
        datelines = [m for m in body_dates if _is_dateline(ctx.body, para, m)]
        resolved, used = _resolve_nearest(datelines, start, anchor, ctx.fetched_date, None)
        if resolved is None:
            used = None
        method = "dateline"
    if resolved is None and used is None:
        # A bare year in a neighbouring sentence is usually background ("depuis 2021").
        in_para = [
            m
            for m in body_dates
            if para <= m.char_start < start and (m.month is not None or m.weekday is not None)
        ]
        resolved, used = _resolve_nearest(in_para, start, anchor, ctx.fetched_date, tense)
        if resolved is None:
            used = None  # an unresolvable date elsewhere in the paragraph says nothing here
        method = "paragraph"
    date_text: str | None = used.text if used else None
    if resolved is None and used is None and ctx.published_date:
        resolved = ResolvedDate(ctx.published_date, "day", "", "publication")
        method = "publication"
        date_text = None
    if resolved is None:
        method = "unresolved_no_anchor" if used else "none"
    return resolved, date_text, method
