"""Plain record types passed between the pure transforms.

They are deliberately frozen dataclasses, not frames: each stage's module works on one article at a
time and the asset layer turns lists of records into polars frames for DuckDB.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Precision of a date value, finest first; a value of precision "month" has day 1, "year" Jan 1.
DatePrecision = str  # "day" | "month" | "year"


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, before it is anchored to a calendar date."""

    char_start: int
    char_end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None  # 0 = Monday ... 6 = Sunday, when the text names one
    relative: str | None = None  # e.g. "yesterday", "last_month", "this_weekday"; None if absolute


@dataclass(frozen=True)
class ResolvedDate:
    """A calendar date with its precision and the words it came from."""

    value: dt.date
    precision: DatePrecision
    text: str
    method: str  # how it was resolved: "explicit", "weekday_year", "relative", "publication", ...


@dataclass(frozen=True)
class Segment:
    """A kept block of the page: its place in the body and in the original raw text."""

    body_start: int
    body_end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True)
class ArticleRecord:
    """What the article stage extracts from one page."""

    title: str | None
    outlet_name: str | None
    author_name: str | None
    section_name: str | None
    published_date: dt.date | None
    published_date_precision: DatePrecision | None
    published_date_text: str | None
    language_code: str | None
    body: str
    body_char_start: int | None
    body_char_end: int | None
    n_words: int
    is_empty: bool
    n_dropped_lines: int
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    dropped_lines: tuple[str, ...] = field(default_factory=tuple)
    # The page was longer than the bound on one article's work (articles.bounds): the characters
    # after the cut were not read.
    is_truncated: bool = False
    n_truncated_chars: int = 0


@dataclass(frozen=True)
class Entity:
    """A canonical actor or place (one row of core.entities)."""

    entity_id: str  # stable slug: "country:MLI", "person:assimi-goita", "organization:ecowas"
    entity_type: str  # "country" | "person" | "organization" | "location"
    canonical_name: str
    country_code: str | None  # ISO 3166-1 alpha-3 of the state it is or belongs to
    sector_code: str | None  # PLOVER sector: GOV, MIL, REB, IGO, ...
    role_name: str | None
    wikidata_id: str | None = None
    org_kind: str | None = None  # for organizations: "igo", "alliance", "militia", "rebel", ...
    member_codes: tuple[str, ...] = ()  # alpha-3 members, for alliances/IGOs that expand to states
    # When an organization existed under this identity (None = not recorded), and the entity it
    # took over from or was replaced by (Wagner -> Africa Corps, OUA -> UA). Reference data only:
    # a mention outside the dates is still coded as the organization it names.
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    predecessor_id: str | None = None
    successor_id: str | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in an article body (one row of core.mentions)."""

    entity_id: str
    surface_text: str
    char_start: int  # offsets into the article body
    char_end: int
    sentence_index: int
    mention_kind: str  # "name", "demonym", "capital", "seat", "alias", "anaphor", "role", ...
    # The state this mention stands for in this context (e.g. "malien" in "le ministre malien" ->
    # MLI; a person -> their country); None when the mention is a place, not an actor.
    country_code: str | None = None
    sector_code: str | None = None
    role_name: str | None = None
    is_actor: bool = True  # False for a place where something happened (a location, not an actor)
    # For a bare title ("le président russe"): the listed office holder at the article's date.
    holder_entity_id: str | None = None
