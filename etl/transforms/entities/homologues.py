"""Phase 8: "son homologue russe" and "son homologue, X": the counterpart of another person.

A homologue takes the role of the person it is the counterpart of, and, when the text gives it
no country, the state most discussed around it other than that person's. Runs after the group
anaphora, whose states count as context.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import EV_CONTEXT
from etl.transforms.entities.records import Cluster, PersonOcc, set_country


def resolve_homologues(
    index: DocIndex,
    occs: list[PersonOcc],
    cluster_of: list[int],
    clusters: list[Cluster],
    country_items: list[tuple[int, int, str]],
) -> list[PersonOcc]:
    """``occs`` with each homologue replaced by a copy carrying the role and country found."""
    out = list(occs)
    for k, found in enumerate(occs):
        if not found.homologue:
            continue
        ref = _referent(index, k, occs, cluster_of)
        if ref is None:
            continue
        o = out[k] = replace(found)
        rc = clusters[cluster_of[ref]]
        if o.role_name is None and rc.role_name:
            o.role_name, o.sector = rc.role_name, rc.sector
        if o.country is not None:
            continue
        own = rc.country
        for scope in ("sentence", "paragraph", "article"):
            counts: Counter[str] = Counter()
            for pos, _, code in country_items:
                if code == own:
                    continue
                if scope == "sentence" and index.sentence_of(pos) != index.sentence_of(o.start):
                    continue
                if scope == "paragraph" and index.paragraph_of(pos) != index.paragraph_of(o.start):
                    continue
                counts[code] += 1
            if counts:
                best = max(
                    counts.items(),
                    key=lambda kv: (kv[1], -_distance(kv[0], o.start, country_items)),
                )
                set_country(o, best[0], EV_CONTEXT)
                break
    return out


def _referent(index: DocIndex, k: int, occs: list[PersonOcc], cluster_of: list[int]) -> int | None:
    """The occurrence a homologue is the counterpart of: the nearest other person of its
    sentence, else the last one of the three sentences before."""
    o = occs[k]
    others = [q for q in range(len(occs)) if cluster_of[q] != cluster_of[k]]
    same = [q for q in others if index.sentence_of(occs[q].start) == index.sentence_of(o.start)]
    if same:
        return min(same, key=lambda q: abs(occs[q].start - o.start))
    before = [
        q
        for q in others
        if occs[q].start < o.start
        and index.sentence_of(o.start) - index.sentence_of(occs[q].start) <= 3
    ]
    return before[-1] if before else None


def _distance(code: str, pos: int, items: list[tuple[int, int, str]]) -> int:
    return min((abs(p - pos) for p, _, c in items if c == code), default=10**9)


def finish_homologue_clusters(clusters: list[Cluster], occs: list[PersonOcc]) -> list[Cluster]:
    """Copies of ``clusters`` that take a context country or a role from their members when
    their own evidence gave none (the homologues resolved above)."""
    out: list[Cluster] = []
    for found in clusters:
        c = replace(found)
        members = [occs[k] for k in c.occs]
        if c.country is None or c.country_ev > EV_CONTEXT:
            ctx = [o for o in members if o.country and o.country_ev == EV_CONTEXT]
            if ctx:
                c.country, c.country_ev = ctx[0].country, EV_CONTEXT
        if c.role_name is None or c.rank_only:
            role = next((o for o in members if o.role_name), None)
            if role is not None:
                c.role_name, c.sector = role.role_name, role.sector
        out.append(c)
    return out
