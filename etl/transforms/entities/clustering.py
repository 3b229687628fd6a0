"""Phase 6: which occurrences name the same person, who that person is, and what they are.

Full names group by their transliteration-insensitive key (a shorter form joins a longer one
ending on the same surname); a bare surname joins the nearest full name before it. Each group is
then matched against the gazetteer's office holders and takes the country and role its best
evidence gives.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from etl.transforms.entities.lexicon import EV_LIST
from etl.transforms.entities.records import Cluster, Match, PersonOcc
from etl.transforms.gazetteer import Gazetteer, OfficeHolder
from etl.transforms.text import person_key


def cluster_people(
    gaz: Gazetteer, occs: list[PersonOcc], matches: list[Match], as_of: dt.date | None = None
) -> tuple[list[Cluster], list[int]]:
    """The people of the article, and the index of each occurrence's cluster.

    An occurrence whose name has no key word belongs to no group: its index stays -1 (so, like
    every later ``clusters[...]`` lookup of it, it reads the last cluster).
    """
    clusters: list[Cluster] = []
    cluster_of = [-1] * len(occs)
    by_key: dict[tuple[str, ...], int] = {}
    full = [k for k, o in enumerate(occs) if len(o.key_words) >= 2]
    short = [k for k, o in enumerate(occs) if len(o.key_words) == 1]
    for k in full:
        o = occs[k]
        target = by_key.get(o.key_words)
        if target is None:
            for key, c in by_key.items():
                if _is_subsequence(o.key_words, key) or _is_subsequence(key, o.key_words):
                    target = c
                    break
        if target is None:
            target = len(clusters)
            clusters.append(Cluster([]))
        by_key.setdefault(o.key_words, target)
        clusters[target].occs.append(k)
        cluster_of[k] = target
    for k in short:
        o = occs[k]
        word = o.key_words[0] if o.key_words else ""
        cands = [f for f in full if word in occs[f].key_words[1:] or word == occs[f].key_words[-1]]
        if cands:
            before = [f for f in cands if occs[f].start < o.start]
            chosen = before[-1] if before else cands[0]
            cluster_of[k] = cluster_of[chosen]
            clusters[cluster_of[chosen]].occs.append(k)
            continue
        target = by_key.get(o.key_words)
        if target is None:
            target = len(clusters)
            clusters.append(Cluster([]))
            by_key[o.key_words] = target
        clusters[target].occs.append(k)
        cluster_of[k] = target
    article_codes = {m.code for m in matches if m.code and not m.dropped}
    for cluster in clusters:
        _identify(gaz, cluster, occs, article_codes, as_of)
        _aggregate(cluster, occs)
    return clusters, cluster_of


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is an ordered subsequence of ``long`` ending on the same (family) name."""
    if len(short) >= len(long) or not short or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _identify(
    gaz: Gazetteer,
    c: Cluster,
    occs: list[PersonOcc],
    article_codes: set[str],
    as_of: dt.date | None,
) -> None:
    """The cluster's office holder, if listed, and its entity id.

    A person listed with several terms (Poutine as president, then prime minister, then
    president) takes the term that covers the article's date; without a date, or when none
    covers it, the latest-starting one."""
    members = [occs[k] for k in c.occs]
    forced = next((o.forced_id for o in members if o.forced_id), None)
    holder = None
    for o in sorted(members, key=lambda o: -len(o.key_words)):
        terms = gaz.office_holders.get("-".join(o.key_words))
        if terms:
            holder = _term_on(terms, as_of)
            break
    if holder is None and forced:
        holder = _term_on(
            [t for ts in gaz.office_holders.values() for t in ts if t.entity_id == forced], as_of
        )
    if holder is None and all(len(o.key_words) == 1 for o in members):
        # A bare surname: a listed office holder only if unique and their state is discussed.
        cands = {
            t.entity_id: t
            for t in gaz.office_surnames.get(
                members[0].key_words[0] if members[0].key_words else "", []
            )
        }
        if len(cands) == 1:
            t = next(iter(cands.values()))
            if t.country_code in article_codes:
                holder = t
    c.holder = holder
    if holder is not None:
        c.entity_id = holder.entity_id
    else:
        longest = max(members, key=lambda o: (len(o.key_words), -o.start))
        c.entity_id = f"person:{person_key(longest.text)}"


def _term_on(terms: list[OfficeHolder], as_of: dt.date | None) -> OfficeHolder | None:
    """The term valid on ``as_of``, else the first (the gazetteer sorts latest start first)."""
    if as_of is not None:
        valid = next((t for t in terms if t.valid_on(as_of)), None)
        if valid is not None:
            return valid
    return terms[0] if terms else None


def _aggregate(c: Cluster, occs: list[PersonOcc]) -> None:
    """The cluster's country (strongest evidence, then most votes) and role."""
    members = [occs[k] for k in c.occs]
    with_country = [o for o in members if o.country]
    if with_country:
        best_ev = min(o.country_ev for o in with_country)
        votes = Counter(o.country for o in with_country if o.country_ev == best_ev)
        c.country, c.country_ev = votes.most_common(1)[0][0], best_ev
    if c.holder is not None and (c.country is None or c.country_ev > EV_LIST):
        c.country, c.country_ev = c.holder.country_code, EV_LIST
    role = next((o for o in members if o.role_name and not o.homologue), None)
    if role is not None:
        c.role_name, c.sector = role.role_name, role.sector
        holder = c.holder
        if (
            holder is not None
            and holder.country_code == c.country
            and holder.role_name.startswith(f"{role.role_name} ")
        ):
            c.role_name = holder.role_name  # "ministre" -> "ministre de la Défense"
    elif c.holder is not None:
        c.role_name, c.sector = c.holder.role_name, c.holder.sector_code
    else:
        rank = next((o.rank_role for o in members if o.rank_role), None)
        if rank is not None:
            c.role_name, c.sector = rank
            c.rank_only = True
