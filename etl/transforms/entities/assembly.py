"""The Mention records of the gazetteer matches and of the people, once their phases are done."""

from __future__ import annotations

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import COUNTRY_KINDS, EV_LIST
from etl.transforms.entities.records import Cluster, Match, PersonOcc
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold
from etl.transforms.types import Mention

# (start, end, state) of a mention that places a state in the text.
Items = list[tuple[int, int, str]]


def match_mentions(
    index: DocIndex, gaz: Gazetteer, matches: list[Match], holders: dict[int, str] | None = None
) -> tuple[list[Mention], Items]:
    """Mentions of the kept countries, organizations and regions, and the country items.

    ``holders`` gives, by match index, the office holder of a bare title the match owns."""
    mentions: list[Mention] = []
    country_items: Items = []
    holders = holders or {}
    for k, m in enumerate(matches):
        if m.dropped:
            continue
        sent = index.sentence_of(m.start)
        surface = index.text[m.start : m.end]
        if m.kind in COUNTRY_KINDS and m.code:
            mentions.append(
                Mention(
                    entity_id=f"country:{m.code}",
                    surface_text=surface,
                    char_start=m.start,
                    char_end=m.end,
                    sentence_index=sent,
                    mention_kind=m.kind,
                    country_code=m.code,
                    sector_code=m.sector if m.is_actor else None,
                    role_name=m.role if m.is_actor else None,
                    is_actor=m.is_actor,
                    holder_entity_id=holders.get(k) if m.is_actor else None,
                )
            )
            country_items.append((m.start, m.end, m.code))
        elif m.kind == "alias":
            org = gaz.entity(m.entity_id)
            if org is None:
                continue
            kind = "name" if fold(surface) == fold(org.canonical_name) else "alias"
            mentions.append(
                Mention(
                    entity_id=org.entity_id,
                    surface_text=surface,
                    char_start=m.start,
                    char_end=m.end,
                    sentence_index=sent,
                    mention_kind=kind,
                    country_code=org.country_code,
                    sector_code=org.sector_code,
                    role_name=None,
                    is_actor=True,
                    holder_entity_id=holders.get(k),
                )
            )
        elif m.kind == "region":
            mentions.append(
                Mention(
                    entity_id=m.entity_id,
                    surface_text=surface,
                    char_start=m.start,
                    char_end=m.end,
                    sentence_index=sent,
                    mention_kind="name",
                    country_code=None,
                    is_actor=False,
                )
            )
    return mentions, country_items


def located_people(occs: list[PersonOcc], cluster_of: list[int], clusters: list[Cluster]) -> Items:
    """People whose state is known from the text or the office-holder list (context for
    "les deux pays")."""
    return [
        (o.start, o.end, clusters[c].country or "")
        for o, c in zip(occs, cluster_of, strict=True)
        if clusters[c].country and clusters[c].country_ev <= EV_LIST
    ]


def person_mentions(
    index: DocIndex, occs: list[PersonOcc], cluster_of: list[int], clusters: list[Cluster]
) -> list[Mention]:
    """One mention per occurrence of a person, with the cluster's country and role."""
    out: list[Mention] = []
    for o, k in zip(occs, cluster_of, strict=True):
        c = clusters[k]
        if _spurious(index, c, occs):
            continue
        out.append(
            Mention(
                entity_id=c.entity_id,
                surface_text=o.text,
                char_start=o.start,
                char_end=o.end,
                sentence_index=index.sentence_of(o.start),
                mention_kind="name",
                country_code=c.country,
                sector_code=c.sector,
                role_name=c.role_name,
                is_actor=True,
            )
        )
    return out


def _spurious(index: DocIndex, c: Cluster, occs: list[PersonOcc]) -> bool:
    """A lone capitalised word on a heading-like line, with nothing saying it is a person."""
    members = [occs[k] for k in c.occs]
    if c.holder is not None or c.country or c.role_name:
        return False
    if any(len(o.key_words) != 1 for o in members):
        return False
    return all(index.short_line(o.start) for o in members)
