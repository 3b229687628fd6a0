"""Office holders and their terms, and the partial dates of the reviewed data.

A term or an organization is valid on every day its data allows: a partial start (``2024``,
``2024-11``) is the first day of its period and a partial end the last. Dates are only ever
compared with an article's own date, never with the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from etl.transforms.text import person_key


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    aliases: tuple[str, ...]
    country_code: str | None  # the holder's state; None for an office of an organization
    role_name: str
    sector_code: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    wikidata_id: str | None
    org_id: str | None = None  # entity id of the organization whose office it is, if any

    @property
    def owner(self) -> str | None:
        """Whose office it is: the organization's entity id, else the state's alpha-3."""
        return self.org_id or self.country_code

    @property
    def entity_id(self) -> str:
        return f"person:{person_key(self.name)}"

    def valid_on(self, day: dt.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )


def pick_term(terms: list[OfficeHolder], as_of: dt.date | None) -> OfficeHolder | None:
    """The term valid on ``as_of``, else the current one, else the one that ended last."""
    if not terms:
        return None
    if as_of is not None:
        valid = [t for t in terms if t.valid_on(as_of)]
        if valid:
            return valid[0]
    current = [t for t in terms if t.end_date is None]
    if current:
        return current[0]
    return max(terms, key=lambda t: t.end_date or dt.date.min)


def term_held(terms: list[OfficeHolder], day: dt.date | None) -> OfficeHolder | None:
    """The term held on ``day`` (with no date, the current one), and none otherwise: unlike
    :func:`pick_term`, a former holder is not taken to speak for the office."""
    if day is None:
        return next((t for t in terms if t.end_date is None), None)
    return next((t for t in terms if t.valid_on(day)), None)


def parse_date(cell: str, *, end: bool = False) -> dt.date | None:
    """An ISO date of day, month or year precision; a partial date is the first day of its
    period, or with ``end`` the last ("2023" -> 2023-12-31)."""
    if not cell:
        return None
    parts = [int(p) for p in cell.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    year, month = parts[0], parts[1] if len(parts) == 2 else None
    if not end:
        return dt.date(year, month or 1, 1)
    if month is None or month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def org_ref(cell: str) -> str | None:
    """The entity id of an ``org_id`` cell of the data."""
    return f"organization:{cell}" if cell else None
