"""Phase 5: the country and role the text gives each person occurrence.

In order of trust: the role phrase before the name ("le président sénégalais X") or after it
("X, chef de la diplomatie russe"), a describing noun with a demonym ("le politologue sénégalais
X"), coordination with a described person ("les ministres X et Y"), a genitive ("la Russie de
Vladimir Poutine") and a fronted description ("Figures de la junte au pouvoir au Mali, A et B").
Occurrences are attributed in text order; a possessive role ("son porte-parole") may take the
state of a person attributed before it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from spacy.lang.fr.stop_words import STOP_WORDS

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import (
    CIRCUMSTANCE_PREPS,
    COUNTRY_KINDS,
    DESCRIPTION_DETS,
    DETERMINERS,
    EV_FRONTED,
    EV_GENITIVE,
    EV_HOMOLOGUE,
    EV_OWNER,
    EV_POST,
    EV_ROLE,
    HOMOLOGUE,
    HONORIFICS,
    NOT_NOUN_POS,
    PLACE_NOUNS,
    SPACES_RE,
    STRONG_PUNCT,
)
from etl.transforms.entities.owners import Actors, match_actors, person_actor, possessive_owner
from etl.transforms.entities.records import Match, PersonOcc, RolePhrase, set_country
from etl.transforms.gazetteer import Gazetteer


def attribute_people(
    index: DocIndex,
    gaz: Gazetteer,
    found: list[PersonOcc],
    matches: list[Match],
    phrases: list[RolePhrase],
    postings: frozenset[int],
) -> list[PersonOcc]:
    """Copies of ``found`` with ``country``/``country_ev``, ``role_name``/``sector``,
    ``rank_role`` and ``homologue`` set from their context."""
    occs = [replace(o) for o in found]
    by_end: dict[int, list[RolePhrase]] = defaultdict(list)
    by_start: dict[int, list[RolePhrase]] = defaultdict(list)
    for rp in phrases:
        by_end[rp.ext_end].append(rp)
        by_start[rp.w0].append(rp)
    occ_by_end = {o.w1: o for o in occs}
    occ_starts = {o.w0 for o in occs}
    country_by_end = {
        m.w1: m for m in matches if not m.dropped and m.kind in ("name", "capital", "seat")
    }
    demonym_end = {m.w1: m for m in matches if not m.dropped and m.kind == "demonym" and m.code}
    # Actors a possessive role may belong to: the matches, then each person once attributed.
    actors = match_actors(gaz, matches, postings)
    owners: dict[int, str | None] = {}
    for o in occs:
        _left_context(index, o, by_end, actors, owners)
        if o.country_ev > EV_ROLE:
            _described_by_noun(index, gaz, o, demonym_end)
        if o.role_name is not None and " " not in o.role_name:
            _refine_generic_role(index, o, phrases)
        if o.country is None and o.role_name is None and not o.homologue:
            _coordination(index, o, occ_by_end)
        if o.country is None:
            _right_context(index, o, by_start, occ_starts, actors, owners)
        if o.country is None:
            _genitive(index, o, country_by_end)
        if o.country is None and not o.homologue:
            _fronted(index, o, matches, occs, phrases, postings)
        actor = person_actor(gaz, o)
        if actor is not None:
            actors.append(actor)
    return occs


def _refine_generic_role(index: DocIndex, o: PersonOcc, phrases: list[RolePhrase]) -> None:
    """ "Les ministres de la Défense des deux pays ... Le ministre russe, X": X's role is the
    specific one of the plural phrase just before, in the same paragraph."""
    para = index.paragraph_of(o.start)
    for rp in reversed(phrases):
        start = index.words[rp.w0].start
        if start >= o.start:
            continue
        if index.paragraph_of(start) != para:
            break
        name = rp.role_name or ""
        if (
            name.startswith(f"{o.role_name} ")
            and index.words[rp.w0].folded.endswith("s")
            and index.sentence_of(o.start) - index.sentence_of(start) <= 2
        ):
            o.role_name, o.sector = name, rp.sector
            return


def _take_role(o: PersonOcc, rp: RolePhrase) -> None:
    if rp.homologue:
        o.homologue = True
    elif rp.is_rank:
        if o.rank_role is None:
            o.rank_role = (rp.role_name or "", rp.sector)
    elif o.role_name is None:
        o.role_name, o.sector = rp.role_name, rp.sector


def _left_context(
    index: DocIndex,
    o: PersonOcc,
    by_end: dict[int, list[RolePhrase]],
    actors: Actors,
    owners: dict[int, str | None],
) -> None:
    words = index.words
    k = o.w0
    for _ in range(4):
        gap = words[k].gap if k < len(words) else ""
        if STRONG_PUNCT.search(gap.replace("M.", "")) and not _abbrev_before(index, k):
            return
        cands = [rp for rp in by_end.get(k, []) if rp.w0 < k]
        if cands:
            rp = max(cands, key=lambda r: r.ext_end - r.w0)
            _take_role(o, rp)
            code = next((c for c in rp.codes if c), None)
            ev = EV_HOMOLOGUE if rp.homologue else EV_ROLE
            if code is None and rp.possessive and _apposed(index, o, rp):
                code, ev = possessive_owner(index, rp, actors, owners), EV_OWNER
            set_country(o, code, ev)
            k = rp.w0
            while k > 0 and words[k - 1].folded in DETERMINERS and index.joinable(k):
                k -= 1
            continue
        j = k - 1
        if j >= 0 and (words[j].folded in HONORIFICS) and "," not in gap:
            k = j
            continue
        return


def _apposed(index: DocIndex, o: PersonOcc, rp: RolePhrase) -> bool:
    """The name is an apposition to the role phrase before it: "son porte-parole X" or
    "son porte-parole, X, a ..." -- not "Selon ses avocats, X sera jugé", where the comma
    closes a circumstance and X is the subject."""
    n = len(index.words)
    if rp.ext_end >= n or "," not in index.words[rp.ext_end].gap:
        return True
    after = index.words[o.w1].gap if o.w1 < n else "."
    return "," in after or bool(STRONG_PUNCT.search(after))


def _abbrev_before(index: DocIndex, k: int) -> bool:
    """The strong punctuation before word k is the dot of an honorific ("M. Diop")."""
    return k > 0 and index.words[k - 1].folded in HONORIFICS and index.words[k].gap.strip() == "."


def _coordination(index: DocIndex, o: PersonOcc, occ_by_end: dict[int, PersonOcc]) -> None:
    """ "A et B": B shares A's description ("les ministres X et Y")."""
    j = o.w0 - 1
    if j < 1 or index.words[j].folded != "et" or not SPACES_RE.match(index.words[o.w0].gap):
        return
    prev = occ_by_end.get(j)
    if prev is None:
        return
    if prev.country_ev in (EV_ROLE, EV_FRONTED):
        set_country(o, prev.country, prev.country_ev)
    if prev.role_name and prev.country_ev == EV_ROLE:
        o.role_name, o.sector = prev.role_name, prev.sector


def _right_context(
    index: DocIndex,
    o: PersonOcc,
    by_start: dict[int, list[RolePhrase]],
    occ_starts: set[int],
    actors: Actors,
    owners: dict[int, str | None],
) -> None:
    """ "X, le président sénégalais" / "X, chef de la diplomatie russe"."""
    words = index.words
    k = o.w1
    if k >= len(words) or "," not in words[k].gap:
        return
    if STRONG_PUNCT.search(words[k].gap):
        return
    if words[k].folded in DETERMINERS:
        k += 1
    for rp in by_start.get(k, []):
        if rp.homologue or rp.is_rank:
            continue
        # The phrase introduces the next name ("X, le ministre russe, Y"): not X's.
        after = rp.ext_end
        if after < len(words) and after in occ_starts and not STRONG_PUNCT.search(words[after].gap):
            return
        if o.role_name is None:
            o.role_name, o.sector = rp.role_name, rp.sector
        code = next((c for c in rp.codes if c), None)
        if code is None and rp.possessive:
            set_country(o, possessive_owner(index, rp, actors, owners), EV_OWNER)
        set_country(o, code, EV_POST)
        return


def _described_by_noun(
    index: DocIndex, gaz: Gazetteer, o: PersonOcc, demonym_end: dict[int, Match]
) -> None:
    """ "le politologue sénégalais X", "l'économiste nigérien, X, ...": a common noun with a
    demonym right before a name describes that person, whether or not the noun is a listed
    role. The demonym must qualify the noun just before it, and that noun must open its noun
    phrase (a determiner, perhaps an adjective, before it)."""
    words, n = index.words, len(index.words)
    k = o.w0
    gap = words[k].gap if k < n else ""
    if k == 0 or gap.strip() not in ("", ","):
        return
    m = demonym_end.get(k)
    if m is None or m.w0 < 2 or not SPACES_RE.match(words[m.w0].gap):
        return
    noun_i = m.w0 - 1
    noun = words[noun_i]
    if (
        not noun.text.isalpha()
        or not noun.text.islower()
        or len(noun.text) < 3
        or noun.folded in STOP_WORDS
        or noun.folded in PLACE_NOUNS
        or noun.folded in HOMOLOGUE
        or gaz.lookup((noun.folded,))
        or index.token_at(noun.start).pos_ in NOT_NOUN_POS
    ):
        return
    det = noun_i - 1
    if not index.joinable(noun_i):
        return
    if words[det].folded not in DESCRIPTION_DETS:
        # one adjective between: "le jeune politologue sénégalais X"
        tok = index.token_at(words[det].start)
        if tok.pos_ != "ADJ" or det == 0 or not index.joinable(det):
            return
        det -= 1
        if words[det].folded not in DESCRIPTION_DETS:
            return
    if "," in gap:
        # "l'économiste nigérien, X, ..." is an apposition only when the name is bracketed;
        # "Face à l'armée malienne, X a ..." is a fronted circumstance, then the subject.
        after = words[o.w1].gap if o.w1 < n else "."
        if "," not in after and not STRONG_PUNCT.search(after):
            return
        prep = index.prev_word(det)
        if prep is not None and words[prep].folded in CIRCUMSTANCE_PREPS:
            return
    set_country(o, m.code, EV_ROLE)
    if o.role_name is None and o.rank_role is None:
        role = gaz.roles.get((noun.folded,))
        if role is not None:
            o.role_name, o.sector = role.role_name, role.sector_code
        else:
            o.role_name = noun.text


def _genitive(index: DocIndex, o: PersonOcc, country_by_end: dict[int, Match]) -> None:
    """ "la Russie de Vladimir Poutine"."""
    j = o.w0 - 1
    if j < 1 or index.words[j].folded not in ("de", "d") or not index.joinable(o.w0):
        return
    m = country_by_end.get(j)
    if m is not None and index.joinable(j):
        set_country(o, m.code, EV_GENITIVE)


def _fronted(
    index: DocIndex,
    o: PersonOcc,
    matches: list[Match],
    occs: list[PersonOcc],
    phrases: list[RolePhrase],
    postings: frozenset[int],
) -> None:
    """ "Figures de la junte au pouvoir au Mali, A et B": a verbless fronted description."""
    words = index.words
    gap = words[o.w0].gap
    first = o
    if "," not in gap:
        # second member of a coordination: look before the first member
        j = o.w0 - 1
        prev = next((p for p in occs if p.w1 == j), None)
        if j < 1 or words[j].folded != "et" or prev is None:
            return
        first = prev
        gap = words[first.w0].gap
        if "," not in gap:
            return
    sent_start = index.sent_starts[index.sentence_of(first.start)]
    seg_end = words[first.w0].start - len(gap) + gap.index(",")
    if seg_end <= sent_start:
        return
    seg = index.doc.char_span(sent_start, seg_end, alignment_mode="contract")
    if seg is None or len(seg) == 0:
        return
    if any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in seg):
        return
    if seg[0].pos_ in ("ADP", "ADV", "SCONJ", "CCONJ"):
        return  # "En Libye, ...", "Selon ..., X": a circumstance, not a description of X
    if any(p.start < seg_end and p.end > sent_start for p in occs if p is not first):
        return
    codes = {
        m.code
        for k, m in enumerate(matches)
        if not m.dropped
        and m.code
        and m.kind in COUNTRY_KINDS
        and sent_start <= m.start < seg_end
        and k not in postings
    }
    if len(codes) == 1:
        set_country(o, codes.pop(), EV_FRONTED)
        if o.role_name is None and o.rank_role is None:
            described = [
                rp
                for rp in phrases
                if rp.role is not None
                and not rp.is_rank
                and sent_start <= words[rp.w0].start < seg_end
            ]
            if described:  # a weak description, like a rank: "Figures de la junte"
                o.rank_role = (described[0].role_name or "", described[0].sector)
