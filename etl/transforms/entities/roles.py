"""Phase 2: role noun phrases ("le ministre malien des Affaires étrangères", "son homologue").

Each phrase gets what follows it and belongs to it: demonyms, a capitalised portfolio ("de
l'Énergie"), "de/du <country or organization>", a diplomat's posting and a "chargé de ..."
description. A posting names where the holder serves, not their state: :func:`role_phrases`
returns those matches too, so that later phases do not count them as actors.
"""

from __future__ import annotations

from collections.abc import Sequence

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import (
    CHARGE_FORMS,
    DE_PREPS,
    HOMOLOGUE,
    POSSESSIVES,
    POSTED_ROLES,
    SPACES_RE,
    STRONG_PUNCT,
)
from etl.transforms.entities.records import Match, RolePhrase
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import is_title_word, normalize_apostrophes


def role_phrases(
    index: DocIndex, gaz: Gazetteer, matches: list[Match]
) -> tuple[list[RolePhrase], frozenset[int]]:
    """The role phrases in text order, and the indexes of the matches naming a posting."""
    words = index.words
    demonym_at: dict[int, int] = {}
    for k, m in enumerate(matches):
        if m.kind in ("demonym", "prefix") and not m.dropped:
            for j in range(m.w0, m.w1):
                demonym_at[j] = k
    seq = [j for j in range(len(words)) if j not in demonym_at]
    out: list[RolePhrase] = []
    p = 0
    while p < len(seq):
        j0 = seq[p]
        if words[j0].folded in HOMOLOGUE:
            out.append(RolePhrase(j0, j0 + 1, None, None, None, homologue=True))
            p += 1
            continue
        found = None
        key: tuple[str, ...] = ()
        for length in range(1, min(gaz.role_max_len, len(seq) - p) + 1):
            idx = seq[p : p + length]
            if length > 1 and not _role_contiguous(index, idx[-2:], demonym_at):
                break
            key = (*key, words[idx[-1]].folded)
            if key not in gaz.role_key_prefixes:
                break
            role = gaz.roles.get(key)
            if role is not None:
                found = (length, role, idx)
        if found is None:
            p += 1
            continue
        length, role, idx = found
        tok = index.token_at(words[idx[0]].start)
        if length == 1 and tok.pos_ not in ("NOUN", "PROPN") and not index.after_determiner(j0):
            p += 1  # an adjective: "la coopération militaire", "le directeur général"
            continue
        rp = RolePhrase(idx[0], idx[-1] + 1, role, role.role_name, role.sector_code)
        rp.possessive = (
            idx[0] > 0 and index.joinable(idx[0]) and words[idx[0] - 1].folded in POSSESSIVES
        )
        inner = sorted({demonym_at[j] for j in range(rp.w0, rp.w1) if j in demonym_at})
        for k in inner:
            rp.country_matches.append(k)
            rp.codes.append(matches[k].code or "")
        out.append(rp)
        p += length
    _merge_role_chains(index, out)
    start_of = {m.w0: k for k, m in enumerate(matches) if not m.dropped}
    postings: set[int] = set()
    for rp in out:
        _attach(index, gaz, rp, matches, demonym_at, start_of, postings)
    return out, frozenset(postings)


def _role_contiguous(index: DocIndex, idx: Sequence[int], demonym_at: dict[int, int]) -> bool:
    for a, b in zip(idx, idx[1:], strict=False):
        if b == a + 1:
            if not index.joinable(b):
                return False
            continue
        if not all(j in demonym_at for j in range(a + 1, b)):
            return False
        if not all(index.joinable(j) for j in range(a + 1, b + 1)):
            return False
    return True


def _merge_role_chains(index: DocIndex, phrases: list[RolePhrase]) -> None:
    """ "porte-parole de l'armée", "chef d'état-major des armées": one phrase, inner sector."""
    words = index.words
    k = 0
    while k + 1 < len(phrases):
        a, b = phrases[k], phrases[k + 1]
        gap_words = list(range(a.w1, b.w0))
        if (
            a.role is not None
            and b.role is not None
            and not a.is_rank
            and gap_words
            and len(gap_words) <= 2
            and words[gap_words[0]].folded in DE_PREPS
            and all(index.joinable(j) for j in range(a.w1, b.w0 + 1))
            and (len(gap_words) == 1 or words[gap_words[1]].folded in {"la", "l", "le"})
        ):
            connector = index.text[words[gap_words[0]].start : words[b.w0].start]
            a.role_name = _join_role(a.role_name, connector, b.role_name)
            if a.sector == "GOV" and b.sector:
                a.sector = b.sector
            a.w1 = b.w1
            a.codes += b.codes
            a.country_matches += b.country_matches
            del phrases[k + 1]
            continue
        k += 1


def _join_role(first: str | None, connector: str, second: str | None) -> str:
    """ "porte-parole" + " de l'" + "armée" -> "porte-parole de l'armée"."""
    link = normalize_apostrophes(connector.strip())
    sep = "" if link.endswith("'") else " "
    return f"{first} {link}{sep}{second}"


def _attach(
    index: DocIndex,
    gaz: Gazetteer,
    rp: RolePhrase,
    matches: list[Match],
    demonym_at: dict[int, int],
    start_of: dict[int, int],
    postings: set[int],
) -> None:
    """What follows a role phrase and belongs to it: demonyms ("ministre ... malien"), a
    capitalised portfolio ("de l'Énergie"), and "de/du <country or organization>"."""
    j = _attach_demonyms(index, rp, rp.w1, matches, demonym_at)
    if rp.role is not None:
        end = _complement_end(index, j, start_of)
        if end > j:
            if rp.role_name and " " not in rp.role_name:
                portfolio = index.text[index.words[j].start : index.words[end - 1].end]
                rp.role_name = f"{rp.role_name} {normalize_apostrophes(portfolio)}"
            j = _attach_demonyms(index, rp, end, matches, demonym_at)
    if not rp.codes:
        j = _attach_de(index, gaz, rp, j, matches, start_of)
    if rp.role is not None and rp.role.role_name in POSTED_ROLES:
        j = _skip_posting(index, j, matches, start_of, postings)
    if rp.role is not None:
        j = _skip_charge(index, j)
    rp.ext_end = j


def _skip_charge(index: DocIndex, j: int) -> int:
    """ "la ministre déléguée française chargée de la Mémoire et des Anciens combattants, X":
    a "chargé de ..." portfolio, closed by a comma, still describes the name after it."""
    words, n = index.words, len(index.words)
    if j + 1 >= n or words[j].folded not in CHARGE_FORMS or not index.joinable(j):
        return j
    if words[j + 1].folded not in DE_PREPS or not index.joinable(j + 1):
        return j
    for k in range(j + 2, min(n, j + 14)):
        gap = words[k].gap
        if STRONG_PUNCT.search(gap):
            return j
        if "," in gap:
            return k if k > j + 2 else j
    return j


def _skip_posting(
    index: DocIndex, j: int, matches: list[Match], start_of: dict[int, int], postings: set[int]
) -> int:
    """ "l'ambassadeur tunisien à Dakar, X", "le consul du Maroc à Oran, X", "l'ambassadeur
    du Ghana auprès de l'ONU, X": where the office holder is posted is part of the
    description but not their state (the match naming it goes into ``postings``)."""
    words, n = index.words, len(index.words)
    if j >= n or not index.joinable(j):
        return j
    k = j + 1
    if words[j].folded == "aupres":
        if k >= n or words[k].folded not in DE_PREPS or not index.joinable(k):
            return j
        k += 1
    elif words[j].text.lower() not in ("à", "au", "aux", "en"):
        return j
    if k < n and words[k].folded in {"la", "le", "les", "l"} and index.joinable(k):
        k += 1
    if k >= n or not index.joinable(k):
        return j
    if k in start_of:
        m = matches[start_of[k]]
        if m.kind in ("name", "capital", "seat", "alias"):
            postings.add(start_of[k])
            return m.w1
        return j
    # A town the gazetteer does not list: a place entity, or capitalised words, then a comma.
    end = k
    for e in index.ents:
        if e.label_ == "LOC" and e.start_char == words[k].start:
            if not any(a < e.end_char and e.start_char < b for a, b in index.per_spans):
                end = index.word_index_at(e.end_char - 1) + 1
            break
    else:
        while end < n and end - k < 3 and is_title_word(words[end].text):
            if end > k and not index.joinable(end):
                break
            end += 1
    if k < end < n and "," in words[end].gap and not STRONG_PUNCT.search(words[end].gap):
        return end
    return j


def _attach_demonyms(
    index: DocIndex, rp: RolePhrase, j: int, matches: list[Match], demonym_at: dict[int, int]
) -> int:
    words, n = index.words, len(index.words)
    while j < n and j in demonym_at and index.joinable(j) and "," not in words[j].gap:
        k = demonym_at[j]
        rp.country_matches.append(k)
        rp.codes.append(matches[k].code or "")
        j = matches[k].w1
        if (
            j + 1 < n
            and words[j].folded == "et"
            and j + 1 in demonym_at
            and SPACES_RE.match(words[j].gap)
        ):
            j += 1
    return j


def _complement_end(index: DocIndex, j: int, start_of: dict[int, int]) -> int:
    """End of a capitalised portfolio after a role: "de l'Énergie", "des Mines et de la
    Géologie" (a following country or organization is not a portfolio)."""
    words, n = index.words, len(index.words)
    end = j
    k = j
    while k < n and words[k].folded in DE_PREPS and index.joinable(k):
        q = k + 1
        if q < n and words[q].folded in {"la", "le", "les", "l"} and index.joinable(q):
            q += 1
        if q >= n or q in start_of or not is_title_word(words[q].text) or not index.joinable(q):
            break
        q += 1
        if (
            q < n
            and index.joinable(q)
            and words[q].text.islower()
            and index.token_at(words[q].start).pos_ == "ADJ"
        ):
            q += 1
        end = q
        if q + 1 < n and words[q].folded == "et" and index.joinable(q):
            k = q + 1
            continue
        break
    return end


def _attach_de(
    index: DocIndex,
    gaz: Gazetteer,
    rp: RolePhrase,
    j: int,
    matches: list[Match],
    start_of: dict[int, int],
) -> int:
    words, n = index.words, len(index.words)
    if not (j < n and words[j].folded in DE_PREPS and index.joinable(j)):
        return j
    k2 = j + 1
    if k2 < n and words[k2].folded in {"la", "le", "les", "l"} and index.joinable(k2):
        k2 += 1
    if k2 < n and k2 in start_of and index.joinable(k2):
        m = matches[start_of[k2]]
        if m.kind in ("name", "capital", "seat"):
            rp.country_matches.append(start_of[k2])
            rp.codes.append(m.code or "")
            return m.w1
        if m.kind == "alias":
            org = gaz.entity(m.entity_id)
            if org is not None:
                rp.org_match = start_of[k2]
                if org.sector_code:
                    rp.sector = org.sector_code
                if org.country_code:
                    rp.codes.append(org.country_code)
            return m.w1
    return j
