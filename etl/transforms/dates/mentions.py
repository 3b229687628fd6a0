"""Finding date expressions in text: every match with exact offsets and the calendar fields its
words give, before anything is anchored to a calendar date.

Matching runs on a "folded" copy of the text (lower case, accents stripped, every kind of
horizontal space turned into a plain space, typographic apostrophes made ASCII) that has exactly
the same length as the original, so offsets found in the copy are offsets into the original.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from etl.transforms.dates.vocabulary import (
    FUTURE_WORDS,
    MONTH_ABBR,
    MONTH_FULL,
    MONTHS,
    PAST_WORDS,
    QUANTITY_WORDS,
    STORY_RELATIVE_WORDS,
    WEEKDAY_ABBR_EN,
    WEEKDAY_ABBR_FR,
    WEEKDAY_FULL,
    WEEKDAYS,
    alternation,
)
from etl.transforms.text import fold_offsets
from etl.transforms.types import DateMention

__all__ = ["find_date_mentions"]

# --------------------------------------------------------------------------------------------
# Patterns (applied to folded text)
# --------------------------------------------------------------------------------------------

# A 4-digit year must not run on into a longer number, a decimal, or a unit / counted noun.
_YEAR_TAIL = rf"(?!\d)(?![.,]\d)(?![ ]*(?:[%€$£]|(?:{alternation(QUANTITY_WORDS)})\b))"

# A dot after an abbreviation belongs to the date only when more of the date follows; otherwise
# it is as likely to end the sentence.
_MONTH_FULL_ALT = alternation(MONTH_FULL)
_MONTH_ABBR_ALT = alternation(MONTH_ABBR)
_MONTH = rf"(?P<month>(?:{_MONTH_FULL_ALT})\b|(?:{_MONTH_ABBR_ALT})\b(?:\.(?=[ ]*\d))?)"
# A month alone must be spelled out, or be an abbreviation visibly marked as one by its dot.
_MONTH_BARE = rf"(?P<month>(?:{_MONTH_FULL_ALT})\b|(?:{_MONTH_ABBR_ALT})(?=\.))"

_WEEKDAY_PREFIX = (
    r"(?:\b(?:ce|this)[ ]+)?"
    rf"\b(?P<wd>(?:{alternation(WEEKDAY_FULL)})\b|(?:{alternation(WEEKDAY_ABBR_FR)})\."
    rf"|(?:{alternation(WEEKDAY_ABBR_EN)})\b\.?)"
    r"(?:[ ]*,[ ]*|[ ]+)"
)

# The day may not be glued to a preceding number or separator, so "1 500" or "2,15" never start
# a date; ordinal suffixes: 1er, 1re, 2e, 2eme, 1st, 2nd, 3rd, 24th.
_DAY = r"(?<![\w.,/-])(?P<day>[0-3]?\d)(?!\d)(?:er|re|eme|e|st|nd|rd|th)?"

_QUALIFIER = r"(?P<qual>\b(?:debut|fin|courant|mi|mid|early|late)(?:[ ]*-[ ]*|[ ]+))"

_MONTH_PREPOSITION = (
    r"(?:\b(?:en|depuis|des|avant|apres|jusqu'a|d'ici|in|since|until)[ ]+"
    r"|\bmois[ ]+(?:de[ ]+|d'))"
)

_YEAR_QUALIFIER = (
    r"(?P<qual>\b(?:debut|fin|courant|mi|mid|early|late|printemps|automne|hiver|"
    r"l'ete|cet[ ]+ete|summer|spring|autumn|winter)(?:[ ]*-[ ]*|[ ]+))"
)
_YEAR_PREPOSITION = (
    r"(?:\b(?:en|depuis|des|avant|apres|jusqu'a|jusqu'en|d'ici|vers|entre|l'an|annee|"
    r"in|since|until|by|before|after|around)[ ]+|\ba[ ]+partir[ ]+de[ ]+)"
)

_RELATIVE_SUFFIX = r"(?:[ ]+(?P<rel>dernier|derniere|passe|passee|prochain|prochaine)\b)"

# day month [year] — "29 novembre 2024", "jeudi 1er août 2024", "24 April 2025", "12 juin dernier"
_RE_DMY = re.compile(
    rf"(?:{_WEEKDAY_PREFIX})?{_DAY}[ ]+(?:(?:de|of)[ ]+)?{_MONTH}"
    rf"(?:[ ]+(?P<year>\d{{4}}){_YEAR_TAIL}|{_RELATIVE_SUFFIX})?"
)

# A span of days — "du 7 au 12 janvier 2025", "entre le 3 et le 5 mars": an event over several
# days dates from the first. A week ("Semaine du 12 au 18 janvier", a weekly digest's heading) is
# left to its last day, which its weekdays fall before.
_RE_RANGE = re.compile(
    rf"(?<!semaine )\b(?:du|entre[ ]+le)[ ]+(?P<first>[0-3]?\d)(?:er)?[ ]+(?:au|et[ ]+le)[ ]+"
    rf"{_DAY}[ ]+{_MONTH}(?:[ ]+(?P<year>\d{{4}}){_YEAR_TAIL}|{_RELATIVE_SUFFIX})?"
)

# month day, year — "novembre 29, 2024", "Thursday, April 24, 2025"; the year is required because a
# French month followed by a number is usually a count ("en juin 12 personnes ...").
_RE_MDY = re.compile(
    rf"(?:{_WEEKDAY_PREFIX})?\b{_MONTH}[ ]+{_DAY}(?:[ ]*,[ ]*|[ ]+)(?P<year>\d{{4}}){_YEAR_TAIL}"
)

# 01/08/2024, 1/8/2024, 01.08.2024, 01-08-2024 (French order), 01/08/24 (slashes only).
_RE_NUMERIC = re.compile(
    r"(?<![\w/.,:-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|(?<=/)\d{2})(?![\w/]|[.,:-]\d)"
)

# 2024-08-01, 2024-08-01T10:00:00+02:00, 2024/08/01
_RE_ISO = re.compile(
    r"(?<![\w/.,:-])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?:t\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?"
    r"(?![\w/]|[.,:-]\d)"
)

# [début|fin|mi-] month year — "août 2024", "mi-juin 2024", "janv. 2025"
_RE_MONTH_YEAR = re.compile(rf"{_QUALIFIER}?\b{_MONTH}[ ]+(?P<year>\d{{4}}){_YEAR_TAIL}")

# cue + month, or month + dernier/prochain — "en juin", "fin mars", "au mois d'août", "juin dernier"
_RE_MONTH_ONLY = re.compile(
    rf"(?:{_QUALIFIER}|(?P<prep>{_MONTH_PREPOSITION}))?\b{_MONTH_BARE}{_RELATIVE_SUFFIX}?"
)

# cue + year — "en 2021", "depuis 2021", "fin 2023", "l'été 2022", "(2021)"
_RE_YEAR_ONLY = re.compile(
    rf"(?:{_YEAR_QUALIFIER}|{_YEAR_PREPOSITION}|(?P<paren>\())"
    rf"(?P<year>(?:19|20)\d{{2}}){_YEAR_TAIL}(?(paren)\))"
)

# weekday alone — "jeudi", "ce jeudi", "jeudi dernier", "next Thursday"; "ce jeudi-là" is a day in
# the story, not one relative to the publication date, so it is left out.
_RE_WEEKDAY_ONLY = re.compile(
    rf"(?:\b(?P<pre>ce|this|last|next)[ ]+)?\b(?P<wd>{alternation(WEEKDAY_FULL)})\b"
    rf"(?![ ]*-[ ]*la\b){_RELATIVE_SUFFIX}?"
)

_RELATIVE_PHRASES: tuple[tuple[str, str], ...] = (
    (r"avant[ -]?hier|day[ ]+before[ ]+yesterday", "day_before_yesterday"),
    (r"hier|yesterday", "yesterday"),
    (
        r"aujourd'hui|today|ce[ ]+matin|ce[ ]+soir|cet[ ]+apres[ -]midi|this[ ]+morning|tonight",
        "today",
    ),
    (r"apres[ -]demain|day[ ]+after[ ]+tomorrow", "day_after_tomorrow"),
    (r"demain|tomorrow", "tomorrow"),
    (r"la[ ]+semaine[ ]+(?:derniere|passee)|last[ ]+week", "last_week"),
    (r"cette[ ]+semaine|this[ ]+week", "this_week"),
    (r"la[ ]+semaine[ ]+prochaine|next[ ]+week", "next_week"),
    (r"le[ ]+mois[ ]+(?:dernier|passe)|last[ ]+month", "last_month"),
    # "ce mois de juin" names a month, which the month patterns handle.
    (r"ce[ ]+mois-ci|ce[ ]+mois(?![ ]*-|[ ]+de\b|[ ]+d')|this[ ]+month", "this_month"),
    (r"le[ ]+mois[ ]+prochain|next[ ]+month", "next_month"),
    (r"l'an(?:nee)?[ ]+(?:dernier|derniere|passe|passee|ecoulee)|last[ ]+year", "last_year"),
    (r"cette[ ]+annee(?:-ci)?|this[ ]+year", "this_year"),
    (r"l'an(?:nee)?[ ]+(?:prochain|prochaine)|next[ ]+year", "next_year"),
    # Days counted from the day the story is about, not from publication. "la veille du sommet"
    # or "au lendemain de l'attaque" count from an event the words name, so they are left out.
    (r"l'avant[ -]?veille", "two_days_before"),
    (r"la[ ]+veille", "day_before"),
    (r"le[ ]+surlendemain", "two_days_after"),
    (r"le[ ]+lendemain", "day_after"),
)
# Words after which "la veille" / "le lendemain" count from a named event ("la veille du vote").
_NAMED_REFERENCE = r"(?![ ]+(?:de|du|des)\b|[ ]+d')"
_RELATIVE_BY_GROUP = {f"r{i}": value for i, (_, value) in enumerate(_RELATIVE_PHRASES)}
_RE_RELATIVE = re.compile(
    r"\b(?:"
    + "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(_RELATIVE_PHRASES))
    + r")\b(?![ ]*-[ ]*la\b)"
)
_RE_NAMED_REFERENCE = re.compile(_NAMED_REFERENCE)

# "il y a trois jours", "il y a deux semaines", "il y a 10 ans": counted back from the anchor.
_AGO_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
}  # fmt: skip
_AGO_UNITS = {"jour": "days", "semaine": "weeks", "mois": "months", "an": "years", "annee": "years"}
_RE_AGO = re.compile(
    rf"\bil[ ]+y[ ]+a[ ]+(?P<n>\d{{1,3}}|{alternation(_AGO_NUMBERS)})[ ]+"
    r"(?P<unit>jours?|semaines?|mois|ans?|annees?)\b"
)

# Years accepted in written-out dates; the cue-only year pattern is narrower (1900-2099) because a
# bare number needs more evidence.
_MIN_YEAR = 1000
_MAX_YEAR = 2999

# --------------------------------------------------------------------------------------------
# Finding mentions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rank: int  # pattern order, only to break ties between equally long overlapping matches
    mention: DateMention | None  # None: a date-shaped span that is invalid, kept to block sub-spans


def _days_in_month(year: int | None, month: int) -> int:
    # Without a year February may have 29 days; resolution later picks a leap year.
    return calendar.monthrange(2000 if year is None else year, month)[1]


def _is_valid(year: int | None, month: int | None, day: int | None) -> bool:
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= _days_in_month(year, month)


def _weekday_of(match: re.Match[str]) -> int | None:
    word = match.group("wd")
    return None if word is None else WEEKDAYS[word.rstrip(".")]


def _month_of(match: re.Match[str]) -> int:
    return MONTHS[match.group("month").rstrip(".")]


def _hint(word: str | None) -> str | None:
    """The "past"/"future" hint carried by "dernier"/"prochain" after a named day or month."""
    if word is None:
        return None
    return "future" if word in FUTURE_WORDS else "past"


def _candidate(
    text: str,
    start: int,
    end: int,
    rank: int,
    *,
    year: int | None = None,
    month: int | None = None,
    day: int | None = None,
    weekday: int | None = None,
    relative: str | None = None,
) -> _Candidate:
    if not _is_valid(year, month, day):
        return _Candidate(start, end, rank, None)
    mention = DateMention(
        char_start=start,
        char_end=end,
        text=text[start:end],
        year=year,
        month=month,
        day=day,
        weekday=weekday,
        relative=relative,
    )
    return _Candidate(start, end, rank, mention)


# Every pattern that names a month contains one of these words; dates never cross a line break.
_RE_ANY_MONTH = re.compile(rf"\b(?:{_MONTH_FULL_ALT}|{_MONTH_ABBR_ALT})\b")


def _month_lines(folded: str) -> list[tuple[int, int]]:
    """The lines of ``folded`` that name a month: the month patterns only need to scan these,
    which spares them most of a body."""
    lines: list[tuple[int, int]] = []
    for m in _RE_ANY_MONTH.finditer(folded):
        if lines and m.start() < lines[-1][1]:
            continue
        end = folded.find("\n", m.end())
        lines.append((folded.rfind("\n", 0, m.start()) + 1, len(folded) if end < 0 else end))
    return lines


def _scan(text: str, folded: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    month_lines = _month_lines(folded)

    def in_month_lines(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        for start, end in month_lines:
            yield from pattern.finditer(folded, start, end)

    for m in _RE_ISO.finditer(folded):
        found.append(
            _candidate(
                text, m.start(), m.end(), 0,
                year=int(m["year"]), month=int(m["month"]), day=int(m["day"]),
            )
        )  # fmt: skip

    for m in _RE_NUMERIC.finditer(folded):
        year = int(m["year"])
        if len(m["year"]) == 2:
            # Two-digit years only come from recent date lines ("publié le 01/08/24").
            year += 2000
        found.append(
            _candidate(
                text, m.start(), m.end(), 1, year=year, month=int(m["month"]), day=int(m["day"])
            )
        )

    for m in in_month_lines(_RE_RANGE):
        span_year = None if m["year"] is None else int(m["year"])
        found.append(
            _candidate(
                text, m.start("first"), m.end(), 2,
                year=span_year if span_year and _MIN_YEAR <= span_year <= _MAX_YEAR else None,
                month=_month_of(m), day=int(m["first"]),
                relative=_hint(m["rel"]) if span_year is None else None,
            )
        )  # fmt: skip

    for m in in_month_lines(_RE_DMY):
        dmy_year = None if m["year"] is None else int(m["year"])
        end = m.end()
        if dmy_year is not None and not _MIN_YEAR <= dmy_year <= _MAX_YEAR:
            # An out-of-range number after "3 mai" is not its year; keep the day and month.
            dmy_year, end = None, m.end("month")
        found.append(
            _candidate(
                text, m.start(), end, 2,
                year=dmy_year, month=_month_of(m), day=int(m["day"]), weekday=_weekday_of(m),
                relative=_hint(m["rel"]) if dmy_year is None else None,
            )
        )  # fmt: skip

    for m in in_month_lines(_RE_MDY):
        found.append(
            _candidate(
                text, m.start(), m.end(), 3,
                year=int(m["year"]), month=_month_of(m), day=int(m["day"]),
                weekday=_weekday_of(m),
            )
        )  # fmt: skip

    for m in in_month_lines(_RE_MONTH_YEAR):
        year = int(m["year"])
        if _MIN_YEAR <= year <= _MAX_YEAR:
            found.append(_candidate(text, m.start(), m.end(), 4, year=year, month=_month_of(m)))

    for m in in_month_lines(_RE_MONTH_ONLY):
        # A bare month name can be an ordinary word ("Mars" the planet): demand a cue.
        if m["qual"] is None and m["prep"] is None and m["rel"] is None:
            continue
        start = m.start("month") if m["qual"] is None else m.start()
        found.append(
            _candidate(text, start, m.end(), 5, month=_month_of(m), relative=_hint(m["rel"]))
        )

    for m in _RE_YEAR_ONLY.finditer(folded):
        # Prepositions and brackets are context, not part of the date; "fin", "mi-" qualify it.
        start = m.start() if m["qual"] is not None else m.start("year")
        found.append(_candidate(text, start, m.end("year"), 6, year=int(m["year"])))

    for m in _RE_WEEKDAY_ONLY.finditer(folded):
        pre, rel = m["pre"], m["rel"]
        if rel in FUTURE_WORDS or pre == "next":
            relative = "next_weekday"
        elif rel in PAST_WORDS or pre == "last":
            relative = "last_weekday"
        else:
            relative = "this_weekday"
        found.append(
            _candidate(
                text, m.start(), m.end(), 7, weekday=WEEKDAY_FULL[m["wd"]], relative=relative
            )
        )

    for m in _RE_RELATIVE.finditer(folded):
        group = m.lastgroup
        if group is not None:
            relative = _RELATIVE_BY_GROUP[group]
            if relative in STORY_RELATIVE_WORDS and not _RE_NAMED_REFERENCE.match(folded, m.end()):
                continue
            found.append(_candidate(text, m.start(), m.end(), 8, relative=relative))

    for m in _RE_AGO.finditer(folded):
        n = int(m["n"]) if m["n"].isdigit() else _AGO_NUMBERS[m["n"]]
        unit = _AGO_UNITS[m["unit"].rstrip("s") if m["unit"] != "mois" else "mois"]
        found.append(_candidate(text, m.start(), m.end(), 8, relative=f"{unit}_ago:{n}"))

    return found


def find_date_mentions(text: str) -> list[DateMention]:
    """Every date expression in `text`, sorted by position, with offsets into `text`.

    Matching ignores case and accents and accepts any run of (non-breaking) spaces between words.
    Overlapping matches are settled longest first, so "jeudi 29 février 2024" is one mention, not
    a weekday plus a date. A date-shaped span that is not a real calendar date ("31 février",
    "29 février 2023") yields no mention at all, rather than a shorter piece of it.

    Spans cover the date words only: leading articles and prepositions ("le 1er août", "en juin",
    "depuis 2021", "(2021)") are left out, while words that change the meaning are kept ("ce
    jeudi", "jeudi dernier", "fin 2023", "mi-juin", "la semaine dernière").

    Besides the calendar fields, `relative` is set for words that only make sense against an
    anchor: "this_weekday" / "last_weekday" / "next_weekday" for a weekday alone, one of
    `RELATIVE_WORDS` for "hier", "le mois dernier", ..., and "past" / "future" for a day or month
    followed by "dernier" / "prochain" ("en juin dernier").
    """
    return list(_date_mentions(text))


# The event coder reads a body's dates, and so do its anchor and embedded-post lookups: one scan.
@functools.lru_cache(maxsize=8)
def _date_mentions(text: str) -> tuple[DateMention, ...]:
    if not text:
        return ()
    candidates = _scan(text, fold_offsets(text))
    candidates.sort(key=lambda c: (c.start - c.end, c.start, c.rank))
    covered = bytearray(len(text))
    kept: list[DateMention] = []
    for cand in candidates:
        if covered.find(1, cand.start, cand.end) != -1:
            continue
        covered[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
        if cand.mention is not None:
            kept.append(cand.mention)
    kept.sort(key=lambda mention: mention.char_start)
    return tuple(kept)
