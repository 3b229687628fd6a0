"""Anchoring date mentions to calendar dates.

`resolve_date` turns one mention into a `ResolvedDate`, using an anchor (usually the publication
date) for incomplete expressions. It never looks at the system clock: a date that cannot be
resolved from the mention and the dates passed in gives None.
"""

from __future__ import annotations

import datetime as dt

from etl.transforms.dates.mentions import find_date_mentions
from etl.transforms.dates.vocabulary import RELATIVE_WORDS, WEEKDAY_NAMES_FR
from etl.transforms.types import DateMention, ResolvedDate

__all__ = ["parse_date_text", "resolve_date", "weekday_name_fr"]


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
        "two_days_before": -2,
        "day_before": -1,
        "day_after": 1,
        "two_days_after": 2,
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


def ago_count(relative: str | None) -> tuple[str, int] | None:
    """("days" | "weeks" | "months" | "years", n) of an "il y a n ..." mention, else None."""
    if relative is None or "_ago:" not in relative:
        return None
    unit, n = relative.split("_ago:")
    return unit, int(n)


def _resolve_ago(unit: str, n: int, anchor: dt.date, text: str) -> ResolvedDate:
    if unit == "days":
        return ResolvedDate(anchor - dt.timedelta(days=n), "day", text, "relative")
    if unit == "weeks":
        # Like "la semaine dernière": the Monday of that week, precision "week".
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return ResolvedDate(monday - dt.timedelta(weeks=n), "week", text, "relative")
    if unit == "months":
        return ResolvedDate(_shift_month(anchor.year, anchor.month, -n), "month", text, "relative")
    return ResolvedDate(dt.date(anchor.year - n, 1, 1), "year", text, "relative")


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


# Relative words counted in months or years, which a month anchor resolves fully.
_MONTH_OR_YEAR_WORDS = frozenset(
    {"last_month", "this_month", "next_month", "last_year", "this_year", "next_year"}
)


def _month_end(d: dt.date) -> dt.date:
    return _shift_month(d.year, d.month, 1) - dt.timedelta(days=1)


def _resolve_in_month(m: DateMention, anchor: dt.date, tense: str | None) -> ResolvedDate | None:
    """Resolution against an anchor known to the month only (a page dated "2024-08"): a day
    counted from it is only known to lie in that month, a year-less day or month takes its year
    from it."""
    first = anchor.replace(day=1)
    if m.year is not None:
        return resolve_date(m, first)
    if m.month is not None and m.day is not None and m.weekday is not None:
        # The weekday fixes the year; which side of the month's first day does not matter.
        return resolve_date(m, first + dt.timedelta(days=14))
    if m.month is not None:
        # The publication lies somewhere in the month: a past "le 21 mai" may be late in it.
        direction = _direction(m, tense)
        ref = _month_end(first) if direction == "past" else first
        if direction is None:
            ref = first + dt.timedelta(days=14)
        return resolve_date(m, ref, tense=tense)
    ago = ago_count(m.relative)
    if m.relative in _MONTH_OR_YEAR_WORDS or (ago is not None and ago[0] in ("months", "years")):
        return resolve_date(m, first, tense=tense)
    if m.relative is not None or m.weekday is not None:
        # "mardi", "hier", "cette semaine": a day or week near publication, i.e. in that month.
        return ResolvedDate(first, "month", m.text, "relative")
    return None


def resolve_date(
    m: DateMention,
    anchor: dt.date | None = None,
    *,
    latest: dt.date | None = None,
    tense: str | None = None,
    anchor_precision: str = "day",
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

    * "la veille", "le lendemain", "l'avant-veille", "le surlendemain": counted in days from
      `anchor`, which the caller sets to the day the story is at (method "relative").
    * "il y a trois jours / deux semaines / six mois / dix ans": counted back from `anchor`,
      as precise as its unit (a week resolves to its Monday, precision "week").

    `tense` ("past" / "present" / "future", e.g. from the governing verb) only breaks ties that the
    text leaves open; "dernier" / "prochain" in the text win over it. With
    `anchor_precision="month"` the anchor only fixes a month (a page dated "2024-08"): a weekday or
    a day counted from it resolves to that month (precision "month"), a year-less "21 mai" to the
    occurrence nearest that month. The system clock is never used.
    """
    if anchor is not None and anchor_precision == "month":
        return _resolve_in_month(m, anchor, tense)
    if m.relative in RELATIVE_WORDS:
        return None if anchor is None else _resolve_relative_word(m.relative, anchor, m.text)
    if (ago := ago_count(m.relative)) is not None:
        return None if anchor is None else _resolve_ago(*ago, anchor, m.text)

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
    return WEEKDAY_NAMES_FR[d.weekday()]
