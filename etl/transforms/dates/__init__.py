"""Find date expressions in French (and English) news text and anchor them to calendar dates.

Two steps, kept apart so the caller decides what a date is relative to:

* `find_date_mentions` (:mod:`.mentions`) only reads the text: it returns every date expression
  with exact character offsets and whatever calendar fields the words themselves give (a weekday,
  a day, a month, a year, or a relative word such as "hier").
* `resolve_date` (:mod:`.resolve`) turns one mention into a `ResolvedDate`, using an anchor
  (usually the publication date) for incomplete expressions. It never looks at the system clock:
  a date that cannot be resolved from the mention and the dates passed in gives None.

The words both steps know (month and weekday names, relative words) are in :mod:`.vocabulary`.
"""

from __future__ import annotations

from etl.transforms.dates.mentions import find_date_mentions
from etl.transforms.dates.resolve import parse_date_text, resolve_date, weekday_name_fr
from etl.transforms.dates.vocabulary import RELATIVE_WORDS

__all__ = [
    "RELATIVE_WORDS",
    "find_date_mentions",
    "parse_date_text",
    "resolve_date",
    "weekday_name_fr",
]
