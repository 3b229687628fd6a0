"""Phase 3: what each country mention stands for in its sentence.

A country name, capital, seat or demonym is an actor unless the text makes it a place ("au
Mali", "la capitale malienne", a dispatch's dateline); an actor takes the sector and role of the
noun it qualifies ("l'armée malienne" -> MIL) or of the role phrase it is attached to.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import (
    A_PREPS,
    COUNTRY_KINDS,
    DATELINE_RE,
    DATIVE_HEADS,
    DE_PREPS,
    HOMOLOGUE,
    LOCATIVE_PREPS,
    MEDIA_NOUNS,
    PLACE_NOUNS,
    SIDE_NOUNS,
    is_place_noun,
)
from etl.transforms.entities.records import Match, RolePhrase
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold


def country_attributes(
    index: DocIndex, gaz: Gazetteer, found: list[Match], phrases: list[RolePhrase]
) -> list[Match]:
    """Copies of ``found`` with ``is_actor``, ``sector`` and ``role`` of country mentions set."""
    matches = [replace(m) for m in found]
    phrase_of_word: dict[int, RolePhrase] = {}
    for rp in phrases:
        if rp.role is None:
            continue
        for j in range(rp.w0, rp.w1):
            phrase_of_word[j] = rp
    attached: dict[int, RolePhrase] = {}
    for rp in phrases:
        if rp.role is None:
            continue
        for k in rp.country_matches:
            attached.setdefault(k, rp)
    for k, m in enumerate(matches):
        if m.dropped or m.kind not in COUNTRY_KINDS:
            continue
        if m.kind in ("demonym", "prefix"):
            _demonym_attributes(index, gaz, m, phrase_of_word)
        else:
            _place_name_attributes(index, m, phrase_of_word)
        owner = attached.get(k)
        if owner is not None and m.is_actor:
            m.sector, m.role = owner.sector, owner.role_name
        if m.kind == "seat" and m.sector is None and m.is_actor:
            m.sector = "GOV"
    # A prefix takes the attributes of the demonym it is compounded with.
    for k, m in enumerate(matches):
        if m.kind == "prefix" and k + 1 < len(matches) and not m.dropped:
            nxt = matches[k + 1]
            if nxt.w0 == m.w1 and nxt.kind in COUNTRY_KINDS:
                m.is_actor, m.sector, m.role = nxt.is_actor, nxt.sector, nxt.role
    return matches


def _dateline(index: DocIndex, m: Match) -> bool:
    """ "Bamako, le 3 mai (AFP) –": the place a dispatch was filed from."""
    line_start = index.text.rfind("\n", 0, m.start) + 1
    before = index.text[line_start : m.start]
    if _GROUP_OPEN_RE.fullmatch(before) and _GROUP_CLOSE_RE.match(index.text, m.end):
        # "(Rangoun, Bangkok) La junte ...": the cities a paper's correspondents wrote from.
        return True
    if before.strip():
        return False
    return bool(DATELINE_RE.match(index.text, m.end))


# A parenthesized group of one to three place names opening a line.
_GROUP_OPEN_RE = re.compile(r"\s*\((?:[^()\n,]{1,30},\s*){0,2}")
_GROUP_CLOSE_RE = re.compile(r"(?:\s*,\s*[^()\n,]{1,30}){0,2}\s*\)")


def _demonym_head(index: DocIndex, m: Match) -> Token | None:
    tok = index.token_at(index.words[m.w1 - 1].start)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("amod",):
        return tok
    head = tok
    for _ in range(3):
        if head.dep_ == "conj" and head.head.pos_ == "ADJ":
            head = head.head
            continue
        break
    if head.dep_ in ("amod", "acl", "appos", "conj", "nmod") and head.head is not head:
        return head.head
    # Fallback: the nearest preceding noun of the sentence.
    for t in reversed(list(index.doc[max(tok.sent.start, tok.i - 4) : tok.i])):
        if t.pos_ in ("NOUN", "PROPN"):
            return t
    return None


def _demonym_attributes(
    index: DocIndex, gaz: Gazetteer, m: Match, phrase_of_word: dict[int, RolePhrase]
) -> None:
    head = _demonym_head(index, m)
    if head is None:
        return
    if (fold(head.lemma_) in PLACE_NOUNS or fold(head.text) in PLACE_NOUNS) and fold(
        head.text
    ) not in SIDE_NOUNS:
        m.is_actor = False
        return
    if fold(head.lemma_) in MEDIA_NOUNS or fold(head.text) in MEDIA_NOUNS:
        m.is_actor = False
        return
    if fold(head.text) in HOMOLOGUE:
        return
    rp = phrase_of_word.get(index.word_index_at(head.idx))
    if rp is not None:
        m.sector, m.role = rp.sector, rp.role_name
        return
    role = gaz.roles.get((fold(head.text),)) or gaz.roles.get((fold(head.lemma_),))
    nominal = head.pos_ in ("NOUN", "PROPN") or index.after_determiner(
        index.word_index_at(head.idx)
    )
    if role is not None and nominal:
        m.sector, m.role = role.sector_code, role.role_name


def _place_name_attributes(
    index: DocIndex, m: Match, phrase_of_word: dict[int, RolePhrase]
) -> None:
    if _dateline(index, m):
        m.is_actor = False
        return
    j = index.prev_word(m.w0, skip_articles=True)
    if j is None:
        return
    prep = index.words[j].text.lower()
    folded = index.words[j].folded
    if folded in LOCATIVE_PREPS:
        if folded == "vers" and _flows_to(index.span_root(m.start, m.end)):
            # "les exportations vers la Corée du Sud": the state is the one goods go to.
            return
        m.is_actor = False
        return
    if prep in A_PREPS and (prep != "a" or index.words[j].text == "A"):
        root = index.span_root(m.start, m.end)
        head = root.head if root.head.i != root.i else None
        if head is not None and (
            _takes_dative(head) or _dative_above(head) or _object_takes_dative(head)
        ):
            # "livrer au Mali", and "imposer des droits de douane au Mexique", "la fourniture de
            # l'énergie électrique au Niger", where the parser hangs the dative on a noun inside
            # the phrase of the verb or noun that takes it, or on the verb whose object takes it
            # ("lancer un appel à la Russie"): the state is the one given to.
            return
        # Otherwise "au Mali", "à Moscou" is where something is or happens ("la situation
        # au Mali", "arrivés au Niger", "reçu au Kremlin").
        m.is_actor = False
        return
    if folded in DE_PREPS:
        k = index.prev_word(j, skip_articles=True)
        if k is not None and is_place_noun(index.words[k].text):
            m.is_actor = False
            return
        if k is not None and k in phrase_of_word:
            rp = phrase_of_word[k]
            m.sector, m.role = rp.sector, rp.role_name


def _flows_to(root: Token) -> bool:
    """Whether a "vers X" phrase says where goods go ("les exportations vers X", "exporter vers
    X"): the head takes a recipient, or the parser hung the phrase on a noun whose own "de"
    phrase does ("le durcissement des conditions d'exportation vers X")."""
    head = root.head
    if head.i == root.i:
        return False
    return _takes_dative(head) or any(
        _takes_dative(y) for y in head.subtree if y.i < root.i and y.pos_ == "NOUN"
    )


def _takes_dative(t: Token) -> bool:
    """Whether ``t`` is a verb or noun whose "à X" names a recipient or addressee."""
    return fold(t.lemma_) in DATIVE_HEADS or fold(t.text) in DATIVE_HEADS


def _object_takes_dative(verb: Token) -> bool:
    """Whether the object of ``verb`` is a noun whose "à X" names a recipient ("un appel")."""
    return any(c.dep_ == "obj" and c.pos_ == "NOUN" and _takes_dative(c) for c in verb.children)


def _dative_above(t: Token) -> bool:
    """Whether ``t`` sits inside the object phrase of a verb that takes a dative ("imposer",
    "livrer"), or inside the complement of such a noun ("la fourniture de l'énergie")."""
    for _ in range(3):
        if t.dep_ not in ("nmod", "amod", "obj") or t.head.i == t.i:
            return False
        if t.dep_ == "obj":
            return _takes_dative(t.head)
        t = t.head
        if t.pos_ == "NOUN" and _takes_dative(t):
            return True
    return False
