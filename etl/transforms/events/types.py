"""The records of event coding: an article as the coder sees it, and the events it codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Token

from etl.transforms.lexicon import Trigger
from etl.transforms.types import Mention

SOURCE, TARGET = "source", "target"


@dataclass(frozen=True)
class ArticleContext:
    article_id: str
    body: str
    published_date: dt.date | None
    fetched_date: dt.date | None
    sentences: tuple[tuple[int, int, int], ...]  # (sentence_index, char_start, char_end)
    mentions: tuple[Mention, ...]
    # "month" when the page gives only its month (a search excerpt's "date YYYY-MM").
    published_date_precision: str | None = "day"


@dataclass(frozen=True)
class EventActor:
    entity_id: str
    actor_role: str
    country_code: str | None
    sector_code: str | None
    surface_text: str
    via_entity_id: str | None = None


@dataclass(frozen=True)
class CodedEvent:
    event_id: str
    article_id: str
    event_type: str
    event_mode: str | None
    event_context: str | None
    reality_code: str
    cameo_root_code: str
    quad_class: int
    goldstein_score: float
    event_date: dt.date | None
    event_date_precision: str | None
    event_date_text: str | None
    event_date_method: str
    location_entity_id: str | None
    evidence_text: str
    evidence_char_start: int
    evidence_char_end: int
    sentence_index: int
    trigger_text: str
    is_directed: bool
    is_historical: bool
    confidence: float
    actors: tuple[EventActor, ...] = field(default_factory=tuple)

    def countries(self, role: str) -> frozenset[str]:
        return frozenset(
            a.country_code for a in self.actors if a.actor_role == role and a.country_code
        )

    def parties(self, role: str) -> frozenset[str]:
        """The actors in ``role`` as sides: their states, and organizations as themselves."""
        return frozenset(
            a.country_code or a.entity_id
            for a in self.actors
            if a.actor_role == role and (a.country_code or a.entity_id.startswith("organization:"))
        )


@dataclass(frozen=True)
class Draft:
    """A trigger with its actors, before it is dated and placed in its article."""

    trigger: Trigger
    token: Token
    sources: list[EventActor]
    targets: list[EventActor]
    directed: bool
    confidence: float
    reality: str
    mode: str | None
