"""Phases 7 and 9: group anaphora ("les deux pays") and the entities the gazetteer lacks.

:func:`group_anaphora` turns "les deux pays" into the states the text has discussed most so far;
:func:`other_entities` keeps the model's LOC and ORG entities no other mention covers, as
locations and organizations of their own.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.lang.fr.stop_words import STOP_WORDS

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import (
    GROUP_DETS,
    GROUP_NOUNS,
    LOC_STOP,
    NUMBERS,
    SPACES_RE,
    WORD_RE,
)
from etl.transforms.entities.records import Coverage, Match, PersonOcc, RolePhrase
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold, is_all_caps, slugify
from etl.transforms.types import Mention


def group_anaphora(
    index: DocIndex,
    gaz: Gazetteer,
    items: list[tuple[int, int, str]],
    places: Collection[tuple[int, int]] = (),
) -> list[Mention]:
    """ "les deux pays" -> one mention per country among the N states the text has discussed
    most so far (ties go to the most recent): in news, "les deux pays" is the story's pair,
    not whichever two states a side remark named last.

    ``items`` are the (start, end, state) of the country mentions and located people; those
    whose span is in ``places`` name where something happens ("signé à Washington") and count
    half: the venue of a meeting is seldom one of the pair."""
    out: list[Mention] = []
    words, n = index.words, len(index.words)
    items = sorted(items)
    for i in range(1, n - 1):
        count = NUMBERS.get(words[i].folded)
        if count is None or words[i - 1].folded not in GROUP_DETS:
            continue
        noun = words[i + 1]
        if noun.folded not in GROUP_NOUNS or not SPACES_RE.match(noun.gap):
            continue
        if i + 2 < n and any(sf.kind == "demonym" for sf in gaz.lookup((words[i + 2].folded,))):
            continue  # "les deux ministres maliens": one state's people, not two states
        end_w = i + 1
        allowed: frozenset[str] | None = None
        if i + 2 < n and SPACES_RE.match(words[i + 2].gap):
            allowed = gaz.region_countries(words[i + 2].folded)
            if allowed is not None:
                end_w = i + 2
        start, end = words[i - 1].start, words[end_w].end
        seen: dict[str, tuple[float, int]] = {}  # code -> (weight, last position)
        for pos, item_end, code in items:
            if pos >= start or not code or (allowed is not None and code not in allowed):
                continue
            n_seen, _ = seen.get(code, (0.0, 0))
            seen[code] = (n_seen + (0.5 if (pos, item_end) in places else 1.0), pos)
        chosen = sorted(seen, key=lambda c: (-seen[c][0], -seen[c][1]))[:count]
        role = gaz.roles.get((noun.folded,))
        sector = role.sector_code if role and noun.folded not in ("pays", "nations") else None
        sent = index.sentence_of(start)
        for code in chosen:
            out.append(
                Mention(
                    entity_id=f"country:{code}",
                    surface_text=index.text[start:end],
                    char_start=start,
                    char_end=end,
                    sentence_index=sent,
                    mention_kind="anaphor",
                    country_code=code,
                    sector_code=sector if noun.folded in ("gouvernements", "armees") else None,
                    role_name=role.role_name
                    if role and noun.folded in ("gouvernements", "armees")
                    else None,
                    is_actor=True,
                )
            )
            items.append((start, end, code))
        items.sort()
    return out


def other_entities(
    index: DocIndex, matches: list[Match], occs: list[PersonOcc], phrases: list[RolePhrase]
) -> list[Mention]:
    """LOC entities that are not countries (towns, regions) and unknown capitalised ORGs."""
    out: list[Mention] = []
    taken = Coverage(len(index.text))
    for m in matches:
        if not m.dropped and m.kind != "block":
            taken.add(m.start, m.end)
    for o in occs:
        taken.add(o.start, o.end)
    role_spans = [
        (index.words[rp.w0].start, index.words[rp.w1 - 1].end) for rp in phrases if rp.role
    ]
    for e in index.ents:
        if e.label_ not in ("LOC", "ORG"):
            continue
        a, b = e.start_char, e.end_char
        text = index.text[a:b].strip()
        ws = WORD_RE.findall(text)
        if not ws or not ws[0][:1].isupper() or index.in_caps_line(a) or "\n" in text:
            continue
        if taken.overlaps(a, b):
            continue
        if any(x < b and a < y for x, y in role_spans):
            continue  # "FAMa", "Ministère de la Défense": a role noun, not a place/org
        if e.label_ == "LOC":
            if len(ws) == 1 and fold(ws[0]) in LOC_STOP:
                continue
            if fold(ws[0]) in STOP_WORDS:
                continue
            entity_id = f"location:{slugify(text)}"
            kind = "name"
        else:
            content = [w for w in ws if fold(w) not in STOP_WORDS]
            if not content or not all(w[:1].isupper() for w in content) or len(ws) > 6:
                continue
            if len(ws) == 1 and not is_all_caps(ws[0]):
                continue  # one capitalised word ("Coopération", a nickname): too weak
            entity_id = f"organization:{slugify(text)}"
            kind = "name"
        out.append(
            Mention(
                entity_id=entity_id,
                surface_text=text,
                char_start=a,
                char_end=a + len(text),
                sentence_index=index.sentence_of(a),
                mention_kind=kind,
                country_code=None,
                sector_code=None,
                role_name=None,
                is_actor=e.label_ == "ORG",
            )
        )
    return out
