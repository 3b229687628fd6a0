"""Where the anchors of relative dates sit on a page, read from its text alone.

A page's own date when its metadata gives none (a byline or date line at the head of the body,
a search excerpt's leading "date YYYY-MM" line), a dateline opening a paragraph ("Bamako, le 1er
août 2024 –"), the signature date of an embedded post ("— Ministère (@handle) March 27, 2024"),
and the dates that bound a period ("depuis 2021") rather than date an event. What counts from
which anchor is decided by the caller (:mod:`etl.transforms.events.dating`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.transforms.dates.mentions import find_date_mentions
from etl.transforms.dates.vocabulary import WEEKDAYS
from etl.transforms.reference import word_set
from etl.transforms.text import fold
from etl.transforms.types import DateMention

__all__ = [
    "Anchor",
    "excerpt_date",
    "excerpt_stamp",
    "full_date",
    "head_date",
    "is_dateline",
    "is_period",
    "paragraph_start",
    "post_date",
]

# Words a date line may hold besides its date ("Publié le", "Mis à jour à 10h", weekdays): the
# article extractor's list.
_DATE_LINE_WORDS: frozenset[str] = word_set("article_date_line_words.tsv") | frozenset(WEEKDAYS)


@dataclass(frozen=True)
class Anchor:
    """A date incomplete expressions are counted from, how precisely it is known, and where it
    comes from (``dateline``, ``post``, ``publication``, ``date_line``, ``page``)."""

    value: dt.date
    precision: str
    source: str


def full_date(m: DateMention) -> dt.date | None:
    """The calendar day a mention spells out in full (day, month and year), else None."""
    if m.year is None or m.month is None or m.day is None or m.relative is not None:
        return None
    try:
        return dt.date(m.year, m.month, m.day)
    except ValueError:
        return None


# A line at the head of the body that gives the page's date ("samedi 15 mars 2025", "Publié le
# 3 mars 2024 à 10h30", "Par Awa Diallo | 3 mars 2024"): little else than the date, the same
# test as the article extractor's date lines; a headline naming a date ("Retour sur le coup
# d'État du 26 juillet 2023") is not one.
_HEAD_LINES = 4
_WORD = re.compile(r"[^\W\d_]+")
_MAX_OTHER_WORDS = 2


def head_date(body: str, mentions: Sequence[DateMention]) -> dt.date | None:
    """A byline or date line among the first lines of the body, or a dateline opening its first
    paragraph ("Bamako, le 1er août 2024 –")."""
    head_end = 0
    for _ in range(_HEAD_LINES):
        nxt = body.find("\n", head_end)
        if nxt < 0:
            head_end = len(body)
            break
        head_end = nxt + 1
    for m in mentions:
        if m.char_start >= head_end:
            break
        value = full_date(m)
        if value is None:
            continue
        line_start = body.rfind("\n", 0, m.char_start) + 1
        line_end = body.find("\n", m.char_end)
        line_end = len(body) if line_end < 0 else line_end
        rest = body[line_start : m.char_start] + " " + body[m.char_end : line_end]
        other = [w for w in _WORD.findall(fold(rest)) if w not in _DATE_LINE_WORDS]
        if len(other) <= _MAX_OTHER_WORDS or is_dateline(body, line_start, m):
            return value
    return None


# Search excerpts open with " date YYYY-MM" (the month of publication) or, for some,
# " date YYYY-MM-DD" (the day).
_EXCERPT_DATE = re.compile(r"\A\s*date\s+((?:19|20)\d{2})-(0[1-9]|1[0-2])(?:-(\d{2}))?(?!\d)")


def excerpt_date(body: str) -> tuple[dt.date, str, int] | None:
    """The date a search excerpt's leading "date YYYY-MM[-DD]" line gives: the date (the 1st for
    a month), its precision, and where the line's text ends; None without such a line."""
    m = _EXCERPT_DATE.match(body)
    if m is None:
        return None
    try:
        value = dt.date(int(m[1]), int(m[2]), int(m[3] or 1))
    except ValueError:
        return None
    return value, "month" if m[3] is None else "day", m.end()


# A clock time right after a date ("06/10/2022 | 07:09", "26 mai 2018 10h53", "28/06/2023 à
# 12:13"): a page's time stamp, not a date the story talks about.
_CLOCK_AFTER = re.compile(r"\s*(?:[|,\-–]|à)?\s*\d{1,2}\s*[h:]\s*\d{2}\b")


def excerpt_stamp(body: str, excerpt: tuple[dt.date, str, int]) -> dt.date | None:
    """The day of a time-stamped date on a search excerpt's month line ("date 2022-10 Titre ...
    06/10/2022 | 07:09"), when it falls in that month: the page's own day. ``excerpt`` is what
    :func:`excerpt_date` read of ``body``."""
    if excerpt[1] != "month":
        return None
    line_end = body.find("\n", excerpt[2])
    line = body[: len(body) if line_end < 0 else line_end]
    for m in find_date_mentions(line):
        value = full_date(m)
        if (
            m.char_start >= excerpt[2]
            and value is not None
            and value.replace(day=1) == excerpt[0]
            and _CLOCK_AFTER.match(line, m.char_end)
        ):
            return value
    return None


# --------------------------------------------------------------------------------------------
# Embedded posts: "… pic.twitter.com/x — Ministère (@handle) March 27, 2024"
# --------------------------------------------------------------------------------------------

_SIGNATURE_START = re.compile(r"^[ \t]*[—–-]")


@functools.lru_cache(maxsize=16)
def _posts(body: str) -> tuple[tuple[int, int, dt.date], ...]:
    """(start, end, date) of each embedded post: a signature line that opens with a dash and ends
    with a full date dates the paragraph above it (and its own line)."""
    out: list[tuple[int, int, dt.date]] = []
    for m in find_date_mentions(body):
        value = full_date(m)
        if value is None:
            continue
        line_start = body.rfind("\n", 0, m.char_start) + 1
        line_end = body.find("\n", m.char_end)
        line_end = len(body) if line_end < 0 else line_end
        if body[m.char_end : line_end].strip() or not _SIGNATURE_START.match(
            body[line_start : m.char_start]
        ):
            continue
        # The post is the paragraph the signature closes, or the one above a lone signature.
        before = body[:line_start].rstrip()
        start = before.rfind("\n\n") + 2 if "\n\n" in before else 0
        out.append((start, line_end, value))
    return tuple(out)


def post_date(body: str, pos: int) -> dt.date | None:
    """The date of the embedded post that ``pos`` lies in, else None."""
    return next((d for s, e, d in _posts(body) if s <= pos < e), None)


PERIOD_BEFORE = re.compile(r"(entre|depuis|de|dès|jusqu[’']en|à partir de)\s*$", re.IGNORECASE)

PERIOD_AFTER = re.compile(r"^\s*(et|à|-|–)\s*\d{4}")


# "depuis" before any date opens a period ("depuis octobre 2002", "depuis le 3 mai").
SINCE_BEFORE = re.compile(r"\bdepuis\s+(?:le\s+|la\s+|l[’']\s*)?$", re.IGNORECASE)


def is_period(body: str, m: DateMention) -> bool:
    """A date that bounds a period ("entre 2020 et 2023", "depuis 2021", "depuis octobre 2002")
    dates a state of affairs, not the event in the same sentence."""
    before = body[max(0, m.char_start - 20) : m.char_start]
    if m.relative is None and SINCE_BEFORE.search(before):
        return True
    if m.year is None or m.month is not None or m.day is not None or m.weekday is not None:
        return False
    after = body[m.char_end : m.char_end + 10]
    return bool(PERIOD_BEFORE.search(before) or PERIOD_AFTER.search(after))


DATELINE_END = re.compile(r"^\s*(\([^)]{1,20}\)\s*)?[–—-]")


def is_dateline(body: str, para: int, m: DateMention) -> bool:
    """A date that opens a paragraph after at most a place name and ends with a dash."""
    if not para <= m.char_start < para + 60 or m.month is None or m.day is None:
        return False
    lead = body[para : m.char_start]
    if any(ch in lead for ch in ".!?"):
        return False
    return bool(DATELINE_END.match(body[m.char_end : m.char_end + 30]))


def paragraph_start(body: str, pos: int) -> int:
    """Where the paragraph (blank-line separated) holding ``pos`` starts."""
    i = body.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2
