"""Find date expressions in French (and English) news text and anchor them to calendar dates.

Two steps, kept apart so the caller decides what a date is relative to:

* `find_date_mentions` only reads the text: it returns every date expression with exact character
  offsets and whatever calendar fields the words themselves give (a weekday, a day, a month, a
  year, or a relative word such as "hier").
* `resolve_date` turns one mention into a `ResolvedDate`, using an anchor (usually the publication
  date) for incomplete expressions. It never looks at the system clock: a date that cannot be
  resolved from the mention and the dates passed in gives None.

Matching runs on a "folded" copy of the text (lower case, accents stripped, every kind of
horizontal space turned into a plain space, typographic apostrophes made ASCII) that has exactly
the same length as the original, so offsets found in the copy are offsets into the original.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from etl.transforms.text import fold_offsets
from etl.transforms.types import DateMention, ResolvedDate

__all__ = [
    "RELATIVE_WORDS",
    "find_date_mentions",
    "parse_date_text",
    "resolve_date",
    "weekday_name_fr",
]

# --------------------------------------------------------------------------------------------
# Vocabulary (folded spelling: lower case, no accents)
# --------------------------------------------------------------------------------------------

_MONTH_FULL: dict[str, int] = {
    "janvier": 1, "january": 1,
    "fevrier": 2, "february": 2,
    "mars": 3, "march": 3,
    "avril": 4, "april": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6,
    "juillet": 7, "july": 7,
    "aout": 8, "august": 8,
    "septembre": 9, "september": 9,
    "octobre": 10, "october": 10,
    "novembre": 11, "november": 11,
    "decembre": 12, "december": 12,
}  # fmt: skip

# Abbreviations are only trusted next to a day or a year (or, for a bare month, with a dot),
# because several are ordinary words or numbers on their own ("sept", "mar", "jan").
_MONTH_ABBR: dict[str, int] = {
    "janv": 1, "jan": 1,
    "fevr": 2, "fev": 2, "feb": 2,
    "mar": 3,
    "avr": 4, "apr": 4,
    "jun": 6,
    "juil": 7, "juill": 7, "jul": 7,
    "aug": 8,
    "sept": 9, "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}  # fmt: skip

_MONTHS: dict[str, int] = {**_MONTH_FULL, **_MONTH_ABBR}

_WEEKDAY_FULL: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

# Short weekday forms seen in date lines ("jeu. 29 févr. 2024", "Thu 24 April 2025"); only used in
# front of a full day + month, since "mar", "mer", "sam" or "mon" are words on their own. The
# French ones also need their dot ("la mer 12 juin" is the sea).
_WEEKDAY_ABBR_FR: dict[str, int] = {
    "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6,
}  # fmt: skip
_WEEKDAY_ABBR_EN: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip

_WEEKDAYS: dict[str, int] = {**_WEEKDAY_FULL, **_WEEKDAY_ABBR_FR, **_WEEKDAY_ABBR_EN}

_WEEKDAY_NAMES_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# Words that, right after a 4-digit number, show it is a quantity rather than a year
# ("depuis 2000 ans", "en 2021 euros", "le 3 mai 2000 manifestants").
_QUANTITY_WORDS = (
    "an", "ans", "annee", "annees", "mois", "jours", "heures", "minutes", "fois",
    "euro", "euros", "eur", "dollars", "usd", "francs", "fcfa", "cfa", "livres", "dinars",
    "km", "kilometres", "metres", "m", "kg", "tonnes", "hectares", "ha", "litres",
    "personnes", "habitants", "morts", "tues", "soldats", "hommes", "femmes", "enfants",
    "mercenaires", "militaires", "combattants", "policiers", "gendarmes", "manifestants",
    "victimes", "blesses", "deplaces", "refugies", "migrants", "civils", "detenus", "otages",
    "voix", "votes", "sieges", "points", "exemplaires", "emplois", "postes", "cas",
    "people", "years", "troops", "soldiers", "dead", "killed",
)  # fmt: skip

# Relative-word values a mention can carry (DateMention.relative) besides the weekday ones and the
# "past"/"future" hints of "juin dernier" / "le 12 juin prochain".
RELATIVE_WORDS: frozenset[str] = frozenset(
    {
        "day_before_yesterday",
        "yesterday",
        "today",
        "tomorrow",
        "day_after_tomorrow",
        "last_week",
        "this_week",
        "next_week",
        "last_month",
        "this_month",
        "next_month",
        "last_year",
        "this_year",
        "next_year",
    }
)


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that "mars" is tried before "mar"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# --------------------------------------------------------------------------------------------
# Patterns (applied to folded text)
# --------------------------------------------------------------------------------------------

# A 4-digit year must not run on into a longer number, a decimal, or a unit / counted noun.
_YEAR_TAIL = rf"(?!\d)(?![.,]\d)(?![ ]*(?:[%€$£]|(?:{_alt(_QUANTITY_WORDS)})\b))"

# A dot after an abbreviation belongs to the date only when more of the date follows; otherwise
# it is as likely to end the sentence.
_MONTH = rf"(?P<month>(?:{_alt(_MONTH_FULL)})\b|(?:{_alt(_MONTH_ABBR)})\b(?:\.(?=[ ]*\d))?)"
# A month alone must be spelled out, or be an abbreviation visibly marked as one by its dot.
_MONTH_BARE = rf"(?P<month>(?:{_alt(_MONTH_FULL)})\b|(?:{_alt(_MONTH_ABBR)})(?=\.))"

_WEEKDAY_PREFIX = (
    r"(?:\b(?:ce|this)[ ]+)?"
    rf"\b(?P<wd>(?:{_alt(_WEEKDAY_FULL)})\b|(?:{_alt(_WEEKDAY_ABBR_FR)})\."
    rf"|(?:{_alt(_WEEKDAY_ABBR_EN)})\b\.?)"
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
    rf"(?:\b(?P<pre>ce|this|last|next)[ ]+)?\b(?P<wd>{_alt(_WEEKDAY_FULL)})\b(?![ ]*-[ ]*la\b)"
    rf"{_RELATIVE_SUFFIX}?"
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
)
_RELATIVE_BY_GROUP = {f"r{i}": value for i, (_, value) in enumerate(_RELATIVE_PHRASES)}
_RE_RELATIVE = re.compile(
    r"\b(?:"
    + "|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(_RELATIVE_PHRASES))
    + r")\b(?![ ]*-[ ]*la\b)"
)

# Years accepted in written-out dates; the cue-only year pattern is narrower (1900-2099) because a
# bare number needs more evidence.
_MIN_YEAR = 1000
_MAX_YEAR = 2999

_FUTURE_WORDS = frozenset({"prochain", "prochaine", "next"})
_PAST_WORDS = frozenset({"dernier", "derniere", "passe", "passee", "last"})

# --------------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------------


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
    return None if word is None else _WEEKDAYS[word.rstrip(".")]


def _month_of(match: re.Match[str]) -> int:
    return _MONTHS[match.group("month").rstrip(".")]


def _hint(word: str | None) -> str | None:
    """The "past"/"future" hint carried by "dernier"/"prochain" after a named day or month."""
    if word is None:
        return None
    return "future" if word in _FUTURE_WORDS else "past"


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
_RE_ANY_MONTH = re.compile(rf"\b(?:{_alt(_MONTH_FULL)}|{_alt(_MONTH_ABBR)})\b")


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
        if rel in _FUTURE_WORDS or pre == "next":
            relative = "next_weekday"
        elif rel in _PAST_WORDS or pre == "last":
            relative = "last_weekday"
        else:
            relative = "this_weekday"
        found.append(
            _candidate(
                text, m.start(), m.end(), 7, weekday=_WEEKDAY_FULL[m["wd"]], relative=relative
            )
        )

    for m in _RE_RELATIVE.finditer(folded):
        group = m.lastgroup
        if group is not None:
            relative = _RELATIVE_BY_GROUP[group]
            found.append(_candidate(text, m.start(), m.end(), 8, relative=relative))

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
    if not text:
        return []
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
    return kept


# --------------------------------------------------------------------------------------------
# Resolving mentions
# --------------------------------------------------------------------------------------------


def _direction(mention: DateMention, tense: str | None) -> str | None:
    """Which way to look from the anchor: the words of the text beat the verb tense."""
    if mention.relative in ("past", "last_weekday"):
        return "past"
    if mention.relative in ("future", "next_weekday"):
        return "future"
    if tense in ("past", "future"):
        return tense
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _pick(candidates: list[dt.date], anchor: dt.date, direction: str | None) -> dt.date | None:
    """The candidate in the wanted direction from the anchor, else the nearest (earlier on ties)."""
    if direction == "past":
        before = [c for c in candidates if c <= anchor]
        return max(before) if before else None
    if direction == "future":
        after = [c for c in candidates if c >= anchor]
        return min(after) if after else None
    if not candidates:
        return None
    return min(candidates, key=lambda c: (abs((c - anchor).days), c))


def _shift_month(year: int, month: int, delta: int) -> dt.date:
    index = year * 12 + (month - 1) + delta
    return dt.date(index // 12, index % 12 + 1, 1)


def _resolve_relative_word(relative: str, anchor: dt.date, text: str) -> ResolvedDate | None:
    day_offsets = {
        "day_before_yesterday": -2,
        "yesterday": -1,
        "today": 0,
        "tomorrow": 1,
        "day_after_tomorrow": 2,
    }
    if relative in day_offsets:
        value = anchor + dt.timedelta(days=day_offsets[relative])
        return ResolvedDate(value, "day", text, "relative")
    week_offsets = {"last_week": -1, "this_week": 0, "next_week": 1}
    if relative in week_offsets:
        # No "week" slot in day/month/year: the Monday of that week, flagged as precision "week".
        monday = anchor - dt.timedelta(days=anchor.weekday())
        value = monday + dt.timedelta(weeks=week_offsets[relative])
        return ResolvedDate(value, "week", text, "relative")
    month_offsets = {"last_month": -1, "this_month": 0, "next_month": 1}
    if relative in month_offsets:
        value = _shift_month(anchor.year, anchor.month, month_offsets[relative])
        return ResolvedDate(value, "month", text, "relative")
    year_offsets = {"last_year": -1, "this_year": 0, "next_year": 1}
    if relative in year_offsets:
        return ResolvedDate(
            dt.date(anchor.year + year_offsets[relative], 1, 1), "year", text, "relative"
        )
    return None


def _resolve_weekday_year(
    mention: DateMention,
    month: int,
    day: int,
    weekday: int,
    anchor: dt.date | None,
    latest: dt.date | None,
    tense: str | None,
) -> ResolvedDate | None:
    # A given day/month falls on a given weekday every 5-11 years (28 for 29 February), so a
    # 40-year window around the reference always holds a candidate when one exists.
    reference = anchor or latest
    if reference is None:
        return None
    candidates = [
        d
        for year in range(reference.year - 40, reference.year + 41)
        if (d := _safe_date(year, month, day)) is not None and d.weekday() == weekday
    ]
    if anchor is not None:
        value = _pick(candidates, anchor, _direction(mention, tense))
    else:
        # Only the fetch date is known: the page reported something no later than that day.
        before = [d for d in candidates if latest is not None and d <= latest]
        value = max(before) if before else None
    return None if value is None else ResolvedDate(value, "day", mention.text, "weekday_year")


def _resolve_anchor_year(
    mention: DateMention, month: int, day: int, anchor: dt.date, tense: str | None
) -> ResolvedDate | None:
    # Eight years either side so that a "29 février" still meets a leap year.
    candidates = [
        d
        for year in range(anchor.year - 8, anchor.year + 9)
        if (d := _safe_date(year, month, day)) is not None
    ]
    value = _pick(candidates, anchor, _direction(mention, tense))
    return None if value is None else ResolvedDate(value, "day", mention.text, "anchor_year")


def _resolve_weekday(
    mention: DateMention, weekday: int, anchor: dt.date, tense: str | None
) -> ResolvedDate:
    if mention.relative == "last_weekday":
        back = (anchor.weekday() - weekday) % 7 or 7
        value = anchor - dt.timedelta(days=back)
    elif mention.relative == "next_weekday" or tense == "future":
        ahead = (weekday - anchor.weekday()) % 7 or 7
        value = anchor + dt.timedelta(days=ahead)
    else:
        # News mostly reports what already happened: the latest such weekday, the anchor included.
        value = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)
    return ResolvedDate(value, "day", mention.text, "relative")


def _resolve_month(
    mention: DateMention, month: int, anchor: dt.date, tense: str | None
) -> ResolvedDate:
    if _direction(mention, tense) == "future":
        year = anchor.year if month > anchor.month else anchor.year + 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return ResolvedDate(dt.date(year, month, 1), "month", mention.text, "anchor_year")


def resolve_date(
    m: DateMention,
    anchor: dt.date | None = None,
    *,
    latest: dt.date | None = None,
    tense: str | None = None,
) -> ResolvedDate | None:
    """Anchor a mention to a calendar date, or None when the words and dates given do not suffice.

    * Day, month and year: that day (precision "day", method "explicit"); month and year: the
      1st of the month ("month"); year: 1 January ("year").
    * Weekday + day + month, no year ("lundi 23 juin"): a year in which that day is that weekday,
      the one nearest `anchor`; without an anchor, the latest one not after `latest` (the fetch
      date). Method "weekday_year".
    * Day + month only: the occurrence nearest `anchor` (method "anchor_year").
    * Weekday only: the latest such weekday on or before `anchor` (the anchor itself included);
      strictly after it for "jeudi prochain" or `tense="future"`, strictly before it for "jeudi
      dernier". Method "relative".
    * Month only ("en juin"): the latest such month up to the anchor's month, or the next one after
      it with `tense="future"` or "juin prochain" (precision "month", method "anchor_year").
    * Relative words ("hier", "le mois dernier", ...): counted from `anchor` (method "relative");
      weeks resolve to their Monday with precision "week".

    `tense` ("past" / "present" / "future", e.g. from the governing verb) only breaks ties that the
    text leaves open; "dernier" / "prochain" in the text win over it. The system clock is never
    used.
    """
    if m.relative in RELATIVE_WORDS:
        return None if anchor is None else _resolve_relative_word(m.relative, anchor, m.text)

    year, month, day = m.year, m.month, m.day
    if year is not None:
        if month is None:
            return ResolvedDate(dt.date(year, 1, 1), "year", m.text, "explicit")
        value = _safe_date(year, month, 1 if day is None else day)
        if value is None:
            return None
        return ResolvedDate(value, "month" if day is None else "day", m.text, "explicit")

    if month is not None and day is not None:
        if m.weekday is not None:
            return _resolve_weekday_year(m, month, day, m.weekday, anchor, latest, tense)
        return None if anchor is None else _resolve_anchor_year(m, month, day, anchor, tense)

    if anchor is None:
        return None
    if month is not None:
        return _resolve_month(m, month, anchor, tense)
    if m.weekday is not None:
        return _resolve_weekday(m, m.weekday, anchor, tense)
    return None


def parse_date_text(text: str) -> ResolvedDate | None:
    """The first date in `text` that carries its own year, e.g. a page's date line.

    Mentions that would need an anchor ("jeudi", "hier", "28 février") are skipped.
    """
    for mention in find_date_mentions(text):
        if mention.year is not None:
            resolved = resolve_date(mention)
            if resolved is not None:
                return resolved
    return None


def weekday_name_fr(d: dt.date) -> str:
    """French weekday name of a date, lower case ("jeudi")."""
    return _WEEKDAY_NAMES_FR[d.weekday()]
