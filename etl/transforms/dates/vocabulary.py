"""The words date expressions are made of, in folded spelling (lower case, no accents).

Month and weekday names come from CLDR (French and English, wide and abbreviated) through
:func:`etl.transforms.text.month_names` / :func:`~etl.transforms.text.weekday_names`; the few
abbreviations seen in print that CLDR lacks are listed here. Words that show a number is a
quantity rather than a year are reviewed data (``date_quantity_words.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from etl.transforms.reference import word_list
from etl.transforms.text import fold, month_names, weekday_names

LOCALES = ("fr", "en")

# Abbreviations used in print besides CLDR's ("fév. 2024", "juill. 2024", "Tues, Thurs").
_EXTRA_MONTH_ABBR = {"fev": 2, "juill": 7}
_EXTRA_WEEKDAY_ABBR_EN = {"tues": 1, "thur": 3, "thurs": 3}


def _numbered(names: tuple[str, ...], first: int) -> dict[str, int]:
    """Folded names, without CLDR's abbreviation dot, numbered from ``first``."""
    return {fold(name).rstrip("."): n for n, name in enumerate(names, start=first)}


def _month_full() -> dict[str, int]:
    french, english = (_numbered(month_names(loc, "wide"), 1).items() for loc in LOCALES)
    # Interleaved by month ("janvier", "january", "fevrier", ...), as a reader would list them.
    return {w: m for pair in zip(french, english, strict=True) for w, m in pair}


MONTH_FULL: dict[str, int] = _month_full()

# Abbreviations are only trusted next to a day or a year (or, for a bare month, with a dot),
# because several are ordinary words or numbers on their own ("sept", "mar", "jan"). CLDR's
# abbreviated forms that are whole names ("mars", "mai", "juin") count as full names.
MONTH_ABBR: dict[str, int] = {
    w: m
    for loc in LOCALES
    for w, m in _numbered(month_names(loc, "abbreviated"), 1).items()
    if w not in MONTH_FULL
} | _EXTRA_MONTH_ABBR

MONTHS: dict[str, int] = {**MONTH_FULL, **MONTH_ABBR}

WEEKDAY_FULL: dict[str, int] = {
    w: d for loc in LOCALES for w, d in _numbered(weekday_names(loc, "wide"), 0).items()
}

# Short weekday forms seen in date lines ("jeu. 29 févr. 2024", "Thu 24 April 2025"); only used in
# front of a full day + month, since "mar", "mer", "sam" or "mon" are words on their own. The
# French ones also need their dot ("la mer 12 juin" is the sea).
WEEKDAY_ABBR_FR: dict[str, int] = _numbered(weekday_names("fr", "abbreviated"), 0)
WEEKDAY_ABBR_EN: dict[str, int] = (
    _numbered(weekday_names("en", "abbreviated"), 0) | _EXTRA_WEEKDAY_ABBR_EN
)

WEEKDAYS: dict[str, int] = {**WEEKDAY_FULL, **WEEKDAY_ABBR_FR, **WEEKDAY_ABBR_EN}

WEEKDAY_NAMES_FR: tuple[str, ...] = weekday_names("fr", "wide")

# Words that, right after a 4-digit number, show it is a quantity rather than a year
# ("depuis 2000 ans", "en 2021 euros", "le 3 mai 2000 manifestants").
QUANTITY_WORDS: tuple[str, ...] = word_list("date_quantity_words.tsv")

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
        "two_days_before",
        "day_before",
        "day_after",
        "two_days_after",
    }
)

# The relative words counted from the day the story is at ("la veille", "le lendemain"), where
# the others count from the publication date.
STORY_RELATIVE_WORDS: frozenset[str] = frozenset(
    {"two_days_before", "day_before", "day_after", "two_days_after"}
)

FUTURE_WORDS = frozenset({"prochain", "prochaine", "next"})
PAST_WORDS = frozenset({"dernier", "derniere", "passe", "passee", "last"})


def alternation(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that "mars" is tried before "mar"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
