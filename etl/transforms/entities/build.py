"""Entity records for the mentions of one article (:func:`build_entities`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from etl.transforms.entities.lexicon import WORD_RE
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.types import Entity, Mention


def build_entities(mentions: Iterable[Mention], gaz: Gazetteer) -> list[Entity]:
    """The entities referenced by ``mentions``, once each, sorted by id.

    Countries, gazetteer organizations and regions come from the gazetteer. People get the
    country/role the article attributed to them (the mentions carry it), with the canonical name
    and Wikidata id of the office-holder list when they are listed; otherwise the fullest surface
    form seen is their name. Unknown organizations and places are built from their mentions.
    """
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[m.entity_id].append(m)
    out: list[Entity] = []
    for entity_id, ms in grouped.items():
        known = gaz.entity(entity_id)
        kind = entity_id.split(":", 1)[0]
        if kind == "person":
            out.append(_person_entity(entity_id, ms, known))
        elif known is not None:
            out.append(known)
        elif kind == "country":
            code = entity_id.split(":", 1)[1]
            out.append(Entity(entity_id, "country", code, code, None, None))
        else:
            name = _best_surface(ms)
            codes = Counter(m.country_code for m in ms if m.country_code)
            out.append(
                Entity(
                    entity_id=entity_id,
                    entity_type="organization" if kind == "organization" else "location",
                    canonical_name=name,
                    country_code=codes.most_common(1)[0][0] if codes else None,
                    sector_code=None,
                    role_name=None,
                )
            )
    out.sort(key=lambda e: e.entity_id)
    return out


def _person_entity(entity_id: str, ms: list[Mention], known: Entity | None) -> Entity:
    countries = Counter(m.country_code for m in ms if m.country_code)
    roles = Counter((m.role_name, m.sector_code) for m in ms if m.role_name)
    country = countries.most_common(1)[0][0] if countries else None
    role, sector = roles.most_common(1)[0][0] if roles else (None, None)
    if known is not None:
        return Entity(
            entity_id=entity_id,
            entity_type="person",
            canonical_name=known.canonical_name,
            country_code=country or known.country_code,
            sector_code=sector or known.sector_code,
            role_name=role or known.role_name,
            wikidata_id=known.wikidata_id,
        )
    return Entity(
        entity_id=entity_id,
        entity_type="person",
        canonical_name=_best_surface(ms),
        country_code=country,
        sector_code=sector,
        role_name=role,
    )


def _best_surface(ms: Sequence[Mention]) -> str:
    """The fullest, most frequent surface form, preferring the accented spelling."""
    counts = Counter(m.surface_text for m in ms)

    def score(text: str) -> tuple[int, int, int, str]:
        accents = sum(1 for ch in text if ord(ch) > 127)
        return (len(WORD_RE.findall(text)), counts[text], accents, text)

    return max(counts, key=score)
