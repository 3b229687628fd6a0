"""Organizations named by a description: "l'organisation sous-régionale", "le bloc européen",
"l'organisation a condamné".

The press names an organization once and then describes it. Each description of
``org_descriptors_fr.tsv`` lists the organizations it may stand for; it takes the one of them
named last before it in the article, or its only one when it lists a single organization (the
"bloc européen" is the EU even unnamed). A bare noun ("l'organisation") stands only as the head
of a phrase nothing qualifies: "l'organisation terroriste", "l'organisation d'une mission" are
something else.
"""

from __future__ import annotations

import functools

from etl.transforms.actors import actor_of
from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import JOIN_RE, WORD_RE
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.reference import rows
from etl.transforms.text import fold
from etl.transforms.types import Mention

# Determiners before a description that points back ("l'organisation", "cette institution").
_DETERMINERS = frozenset({"l", "le", "la", "cette", "ce", "cet"})
# Kinds a bare noun may stand for: an organization that acts as a body.
_BARE_KINDS = frozenset({"igo", "armed_group"})
# What qualifies a bare noun, so that it is no longer the organization named last.
_QUALIFIERS = frozenset({"amod", "nmod", "acl", "appos", "flat:name", "nummod"})


@functools.cache
def _descriptors() -> dict[tuple[str, ...], tuple[str, ...] | None]:
    """Folded words of each description -> the org ids it may stand for (None: any)."""
    out: dict[tuple[str, ...], tuple[str, ...] | None] = {}
    for row in rows("org_descriptors_fr.tsv"):
        ids = row["org_ids"]
        key = tuple(fold(w) for w in WORD_RE.findall(row["descriptor"]))
        out[key] = None if ids == "*" else tuple(f"organization:{i}" for i in ids.split("|"))
    return out


def descriptor_mentions(index: DocIndex, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """One mention per description of an organization the article named before it."""
    table = _descriptors()
    longest = max(len(k) for k in table)
    named = sorted(
        (m.char_start, m.entity_id)
        for m in mentions
        if m.entity_id.startswith("organization:") and m.is_actor
    )
    taken = [(m.char_start, m.char_end) for m in mentions]
    words, out = index.words, []
    for i in range(1, len(words)):
        if words[i - 1].folded not in _DETERMINERS:
            continue
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(w.folded for w in words[i : i + n])
            if key not in table or not all(JOIN_RE.match(w.gap) for w in words[i + 1 : i + n]):
                continue
            start, end = words[i].start, words[i + n - 1].end
            allowed = table[key]
            if any(a < end and start < b for a, b in taken):
                break
            if allowed is None and _qualified(index, start):
                break
            entity_id = _referent(gaz, named, start, allowed)
            if entity_id is not None:
                org = gaz.entities[entity_id]
                out.append(
                    Mention(
                        entity_id=entity_id,
                        surface_text=index.text[start:end],
                        char_start=start,
                        char_end=end,
                        sentence_index=index.sentence_of(start),
                        mention_kind="anaphor",
                        country_code=org.country_code,
                        sector_code=org.sector_code,
                        role_name=None,
                        is_actor=True,
                    )
                )
            break
    return out


def _qualified(index: DocIndex, start: int) -> bool:
    token = index.token_at(start)
    return any(c.dep_ in _QUALIFIERS for c in token.children)


def _referent(
    gaz: Gazetteer, named: list[tuple[int, str]], start: int, allowed: tuple[str, ...] | None
) -> str | None:
    for _, entity_id in reversed([x for x in named if x[0] < start]):
        org = gaz.entities.get(entity_id)
        if org is None:
            continue
        if allowed is None:
            if actor_of(org)[1] in _BARE_KINDS:
                return entity_id
        elif entity_id in allowed:
            return entity_id
    if allowed is not None and len(allowed) == 1 and allowed[0] in gaz.entities:
        return allowed[0]
    return None
