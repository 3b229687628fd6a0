"""Phase 4: where people are named.

Person occurrences come from the model's PER entities (and name-shaped entities it labelled
otherwise but that stand for a person), the office holders of the gazetteer, names the model
missed right after a role phrase, and bare surnames of people named in full elsewhere.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.tokens import Span

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import (
    GLUED_RE,
    HONORIFICS,
    NAME_CONNECTORS,
    RANKS,
    SPACES_RE,
    SPEECH_FORMS,
    SPEECH_VERBS,
    STRONG_PUNCT,
    WORD_RE,
)
from etl.transforms.entities.records import Coverage, Match, PersonOcc, RolePhrase
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold, is_all_caps, is_title_word, person_key_words


def person_occurrences(
    index: DocIndex, gaz: Gazetteer, matches: list[Match], phrases: list[RolePhrase]
) -> list[PersonOcc]:
    """Every person occurrence, in text order, not overlapping a country/org/place mention."""
    words = index.words
    occs: list[PersonOcc] = []
    taken: list[tuple[int, int]] = []
    blocked = Coverage(len(index.text))
    for m in matches:
        if not m.dropped and m.kind in ("name", "capital", "seat", "alias", "demonym", "region"):
            blocked.add(m.start, m.end)
    for e in _person_like_ents(index, gaz):
        a = e.start_char
        # A place glued in front of the name ("à Luanda Ahmed Gueye"): start after it.
        for m in matches:
            if not m.dropped and m.start == a and m.end < e.end_char and m.kind != "person":
                a = m.end
        span = _clean_person_span(index, gaz, a, e.end_char)
        if span is None:
            continue
        a, b = span
        if blocked.overlaps(a, b):
            continue
        occs.append(_make_occ(index, a, b))
        taken.append((a, b))
    for m in matches:
        if m.kind != "person" or m.dropped:
            continue
        overlapping = [k for k, (a, b) in enumerate(taken) if a < m.end and m.start < b]
        if overlapping:
            for k in overlapping:
                occs[k].forced_id = m.entity_id
            continue
        occ = _make_occ(index, m.start, m.end)
        occ.forced_id = m.entity_id
        occs.append(occ)
        taken.append((m.start, m.end))
    for a, b in taken:
        blocked.add(a, b)
    # NER misses right after a role phrase: "le ministre X, Prénom Nom".
    for rp in phrases:
        j = rp.ext_end
        if j >= len(words) or STRONG_PUNCT.search(words[j].gap):
            continue
        k = j
        while k < len(words) and k - j < 4 and is_title_word(words[k].text):
            if k > j and not SPACES_RE.match(words[k].gap) and words[k].gap != "-":
                break
            k += 1
        if k - j < 2:
            continue
        a, b = words[j].start, words[k - 1].end
        if index.in_caps_line(a) or any(words[q].folded in STOP_WORDS for q in range(j, k)):
            continue
        # The model may have found only the end of the name ("Olivier [Hansen]"): extend it.
        inside = [o for o in occs if a <= o.start and o.end <= b]
        for o in inside:
            blocked.remove(o.start, o.end)
        if blocked.overlaps(a, b):
            for o in inside:
                blocked.add(o.start, o.end)
            continue
        for o in inside:
            occs.remove(o)
        occ = _make_occ(index, a, b)
        occ.forced_id = next((o.forced_id for o in inside if o.forced_id), None)
        occs.append(occ)
        blocked.add(a, b)
    # Bare surnames of people named in full elsewhere in the article ("le président Goïta").
    surnames = {o.key_words[-1] for o in occs if len(o.key_words) >= 2}
    for w in words:
        if not is_title_word(w.text) or w.text.lower() in STOP_WORDS:
            continue
        if not surnames:
            break
        key = person_key_words(w.text)
        if len(key) != 1 or key[0] not in surnames:
            continue
        if blocked.overlaps(w.start, w.end) or index.in_caps_line(w.start):
            continue
        occs.append(_make_occ(index, w.start, w.end))
        blocked.add(w.start, w.end)
    occs.sort(key=lambda o: o.start)
    return occs


def _person_like_ents(index: DocIndex, gaz: Gazetteer) -> list[Span]:
    """PER entities, plus name-shaped entities the model labelled otherwise but coordinated
    with a person ("Kodjo Amavi et Edem Kpodar" with the first tagged ORG)."""
    pers = [e for e in index.ents if e.label_ == "PER"]
    out = list(pers)
    for e in index.ents:
        if e.label_ == "PER":
            continue
        ws = WORD_RE.findall(e.text)
        if len(ws) == 1 and is_title_word(ws[0]) and not gaz.lookup((fold(ws[0]),)):
            # '« ... », a précisé Ndiaye' with "Ndiaye" labelled LOC: who speaks is a person.
            tok = e.root
            j = index.word_index_at(e.start_char)
            said = j > 0 and index.joinable(j) and index.words[j - 1].folded in SPEECH_FORMS
            if said or (tok.dep_.startswith("nsubj") and fold(tok.head.lemma_) in SPEECH_VERBS):
                out.append(e)
            continue
        if not 2 <= len(ws) <= 3 or not all(is_title_word(w) for w in ws):
            continue
        if any(gaz.lookup((fold(w),)) for w in ws):
            continue
        for f in pers:
            between = (
                index.text[e.end_char : f.start_char]
                if e.end_char <= f.start_char
                else index.text[f.end_char : e.start_char]
            )
            if between.strip() in (",", "et"):
                out.append(e)
                break
    return sorted(out, key=lambda e: e.start_char)


def _clean_person_span(index: DocIndex, gaz: Gazetteer, a: int, b: int) -> tuple[int, int] | None:
    if index.in_caps_line(a):
        return None
    lo = bisect.bisect_left(index.word_starts, a)
    hi = bisect.bisect_left(index.word_starts, b)
    ws = list(index.words[lo:hi])
    # Cut glued words ("PoutineLe" from a caption without a space).
    for k, w in enumerate(ws):
        g = GLUED_RE.match(w.text)
        if g and k > 0:
            b = w.start + len(g.group(1))
            ws = ws[:k] + [replace(w, end=b, text=g.group(1))]
            break
    while ws and (
        ws[0].folded in HONORIFICS
        or ws[0].folded in RANKS
        or ws[0].folded in STOP_WORDS
        or gaz.roles.get((ws[0].folded,)) is not None
    ):
        ws = ws[1:]
    while ws and not (is_title_word(ws[-1].text) or is_all_caps(ws[-1].text)):
        ws = ws[:-1]
    if not ws or len(ws) > 6:
        return None
    if any(c.isdigit() for w in ws for c in w.text):
        return None
    titled = [w for w in ws if is_title_word(w.text)]
    if not titled:
        return None
    for w in ws:
        initial = len(w.text) == 1 and w.text.isupper()  # "J. D. Vance", "N'Daw"
        if not (
            is_title_word(w.text) or is_all_caps(w.text) or initial or w.folded in NAME_CONNECTORS
        ):
            return None
    if len(ws) == 1:
        tok = index.token_at(ws[0].start)
        if tok.pos_ != "PROPN" or len(ws[0].text) < 2:
            return None
    return ws[0].start, ws[-1].end


def _make_occ(index: DocIndex, a: int, b: int) -> PersonOcc:
    w0 = index.word_index_at(a)
    w1 = index.word_index_at(b - 1) + 1
    text = index.text[a:b]
    return PersonOcc(w0, w1, a, b, text, person_key_words(text))
