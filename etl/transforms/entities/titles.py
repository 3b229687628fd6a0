"""Bare titles resolved to the person holding the office on the article's date.

"Le président russe a déclaré ..." names no one, but in a 2016 article it is Vladimir Poutine and
in a 2008-2012 one Dmitri Medvedev. The mention that says whose office it is (the demonym, the
country, "de l'ONU") records the holder listed in ``office_holders_fr.tsv`` for that office and
date; its entity, country, sector and role are unchanged, so events are coded as before.

Only an unambiguous singular title is resolved: one owner, a singular definite article right
before the role word ("le", "la", "l'", "du", "au"), and the role word in its singular form.
That leaves out "les présidents russe et turc", "un ministre", "son homologue" and "l'ancien
président" (the adjective sits between the article and the role). An undated article resolves
nothing: the clock is never a stand-in for the article's date.
"""

from __future__ import annotations

import datetime as dt

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.records import Match, RolePhrase
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold, words

_SINGULAR_DETERMINERS = frozenset({"le", "la", "l", "du", "au"})


def title_holders(
    index: DocIndex,
    gaz: Gazetteer,
    matches: list[Match],
    phrases: list[RolePhrase],
    as_of: dt.date | None,
) -> dict[int, str]:
    """Match index -> entity id of the office holder, for the matches that own a bare title."""
    if as_of is None:
        return {}
    out: dict[int, str] = {}
    for rp in phrases:
        if rp.role is None or rp.homologue or rp.possessive or rp.is_rank or not rp.role_name:
            continue
        if not _singular_definite(index, rp):
            continue
        owners = _owner(gaz, matches, rp)
        if owners is None:
            continue
        owner, match_ids = owners
        holder = gaz.title_holder(rp.role_name, owner, as_of)
        if holder is not None:
            for k in match_ids:
                out[k] = holder.entity_id
    return out


def _owner(gaz: Gazetteer, matches: list[Match], rp: RolePhrase) -> tuple[str, list[int]] | None:
    """Whose office the phrase names (a state's alpha-3 or an organization's entity id) and the
    matches that say so; None when it names none or several."""
    if rp.org_match is not None:
        m = matches[rp.org_match]
        return (m.entity_id, [rp.org_match]) if not m.dropped else None
    # "le président de la Commission de l'UA": the organization's name starts inside the role
    # phrase ("Commission de l'UA" is one alias), so it is the owner.
    inside = [
        k
        for k, m in enumerate(matches)
        if m.kind == "alias" and not m.dropped and rp.w0 < m.w0 < rp.w1
    ]
    if len(inside) == 1 and not rp.codes:
        return matches[inside[0]].entity_id, inside
    codes = {c for c in rp.codes if c}
    kept = [k for k in rp.country_matches if not matches[k].dropped and matches[k].is_actor]
    if len(codes) != 1 or not kept:
        return None
    return next(iter(codes)), kept


def _singular_definite(index: DocIndex, rp: RolePhrase) -> bool:
    assert rp.role is not None
    text_words = index.words
    if rp.w0 == 0 or text_words[rp.w0 - 1].folded not in _SINGULAR_DETERMINERS:
        return False
    if not index.joinable(rp.w0):
        return False
    # The pattern is the singular ("président"); the feminine adds an e ("présidente").
    head = words(fold(rp.role.pattern))[0]
    return text_words[rp.w0].folded in (head, head + "e")
