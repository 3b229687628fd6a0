"""Phase 1: gazetteer hits in the words of the text, and which of them to drop.

:func:`gazetteer_matches` walks the words once, longest form first; :func:`filter_matches` then
drops the hits the context shows to be something else (part of a person's name, a river, a
language) and settles ambiguous demonyms and acronyms against the rest of the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.lang.fr.stop_words import STOP_WORDS

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import (
    COUNTRY_KINDS,
    DE_PREPS,
    DEMONYM_ALTERNATIVES,
    GEO_NOUNS,
    HONORIFICS,
    HYPHENS,
    KIND_PRIORITY,
    SPACES_RE,
    WORD_RE,
)
from etl.transforms.entities.records import Match
from etl.transforms.gazetteer import ARTICLE_CONTEXTS, Gazetteer, Surface
from etl.transforms.text import is_title_word


def gazetteer_matches(index: DocIndex, gaz: Gazetteer) -> list[Match]:
    """Every gazetteer form in the text (longest first), and compound prefixes ("franco-")."""
    words, n = index.words, len(index.words)
    out: list[Match] = []
    i = 0
    while i < n:
        best: tuple[int, list[Surface]] | None = None
        key: tuple[str, ...] = ()
        # Walk the prefix trie: extend while the words so far start some indexed form.
        for length in range(1, min(gaz.max_len, n - i) + 1):
            if length > 1 and not index.join[i + length - 1]:
                break
            key = (*key, words[i + length - 1].folded)
            if key not in gaz.key_prefixes:
                break
            cands = [s for s in gaz.lookup(key) if _surface_ok(index, s, i, i + length)]
            if cands:
                best = (length, cands)
        if (best is None or best[0] == 1) and _prefix_at(index, gaz, i):
            codes = gaz.prefixes[words[i].folded]
            surface = Surface(f"country:{codes[0]}", "prefix", words[i].text, codes)
            out.append(Match(i, i + 1, words[i].start, words[i].end, surface, "prefix", codes[0]))
            i += 1
            continue
        if best is None:
            i += 1
            continue
        length, cands = best
        cands.sort(key=lambda s: KIND_PRIORITY.get(s.kind, 9))
        s = cands[0]
        w0, w1 = i, i + length
        m = Match(w0, w1, words[w0].start, words[w1 - 1].end, s, s.kind)
        if s.kind in COUNTRY_KINDS:
            m.code = s.codes[0]
            m.entity_id = s.entity_id
        else:
            m.entity_id = s.entity_id
            if s.kind == "alias" and len({c.entity_id for c in cands if c.kind == "alias"}) > 1:
                # Resolved against the article's countries by filter_matches.
                m.entity_id = "|".join(
                    dict.fromkeys(c.entity_id for c in cands if c.kind == "alias")
                )
        out.append(m)
        i = w1
    return out


def _surface_ok(index: DocIndex, s: Surface, w0: int, w1: int) -> bool:
    ws = index.words[w0:w1]
    if s.exact:
        if "".join(w.text for w in ws) != "".join(WORD_RE.findall(s.form)):
            return False
        # "UN" in an all-caps headline is the article "un", not the United Nations.
        return not (s.form.lower() in STOP_WORDS and index.in_caps_line(ws[0].start))
    if s.caps:
        for w, need in zip(ws, s.caps, strict=False):
            if need and not w.text[:1].isupper():
                return False
    if s.needs_article:
        j = w0 - 1
        if j < 0 or index.words[j].folded not in ARTICLE_CONTEXTS or not index.joinable(w0):
            return False
    return True


def _prefix_at(index: DocIndex, gaz: Gazetteer, i: int) -> bool:
    """ "franco" in "franco-malien": a prefix, a hyphen, then a demonym/prefix/region adj."""
    words = index.words
    if words[i].folded not in gaz.prefixes or i + 1 >= len(words):
        return False
    if words[i + 1].gap not in HYPHENS:
        return False
    nxt = words[i + 1].folded
    if nxt in gaz.prefixes or nxt in gaz.region_adjectives:
        return True
    return any(s.kind in ("demonym", "name") for s in gaz.lookup((nxt,)))


def filter_matches(index: DocIndex, gaz: Gazetteer, found: list[Match]) -> list[Match]:
    """Copies of ``found`` with ``dropped`` set where the context rules a hit out, and with
    ambiguous demonyms and shared acronyms resolved (``code``, ``entity_id``)."""
    words = index.words
    matches = [replace(m) for m in found]
    covered = {j for m in matches for j in range(m.w0, m.w1)}
    for m in matches:
        if m.kind == "block":
            m.dropped = True
            continue
        if m.kind == "demonym":
            j = index.prev_word(m.w0)
            if j is not None and words[j].folded == "en" and m.w1 - m.w0 == 1:
                m.dropped = True  # "en russe", "en français": the language
            continue
        if m.kind not in ("name", "capital", "seat", "alias", "region"):
            continue
        # Part of a longer person name ("George Washington", "Maurice Kamto") -- unless the
        # model glued a place to the name: "l'ambassadeur à Luanda Ahmed Gueye".
        j = index.prev_word(m.w0)
        after_prep = j is not None and words[j].text.lower() in ("à", "au", "aux", "en")
        for a, b in index.per_spans:
            if after_prep and a == m.start:
                continue
            overlaps = a < m.end and m.start < b and (a < m.start or b > m.end)
            if overlaps and index.looks_like_name(a, b):
                m.dropped = True
        if m.kind == "alias" or m.kind == "region":
            continue
        j = index.prev_word(m.w0)
        if (
            m.w0 > 0
            and words[m.w0 - 1].folded in HONORIFICS
            and (words[m.w0].gap.strip() in ("", "."))
        ):
            m.dropped = True  # "M. Washington": a person
        if j is not None and words[j].folded in GEO_NOUNS:
            m.dropped = True  # "fleuve Niger", "avenue de Paris"
        if m.w1 - m.w0 == 1:
            tok = index.token_at(m.start)
            if tok.is_sent_start and tok.pos_ in ("NOUN", "ADJ", "VERB"):
                m.dropped = True  # "Grenade lancée près du marché": a common noun
        if j is not None and words[j].folded in DE_PREPS and j > 0:
            k = index.prev_word(j, skip_articles=False)
            if k is not None and words[k].folded in GEO_NOUNS:
                m.dropped = True  # "delta du Niger"
        # One entity with the capitalised word after it: "Paris Saint-Germain", "Maurice Kamto".
        nxt = m.w1
        if (
            nxt < len(words)
            and SPACES_RE.match(words[nxt].gap)
            and nxt not in covered
            and is_title_word(words[nxt].text)
            and words[nxt].text.lower() not in STOP_WORDS
            and not after_prep  # "à Praia Amadou Mensah": a place, then a name
            and (index.same_entity(m.start, words[nxt].start) or index.in_person(words[nxt].start))
        ):
            m.dropped = True
        if j is not None and j == m.w0 - 1 and SPACES_RE.match(words[m.w0].gap):
            pw = words[j]
            if (
                is_title_word(pw.text)
                and pw.text.lower() not in STOP_WORDS
                and j not in covered
                and not index.token_at(pw.start).is_sent_start
                and (m.surface.ambiguous or index.same_entity(pw.start, m.start))
            ):
                m.dropped = True  # "Denzel Washington", "Real Madrid"
    # An ambiguous demonym ("congolais") follows the article when it names only the other
    # state ("Brazzaville", "Congo-Brazzaville").
    named = {m.code for m in matches if not m.dropped and m.code and m.kind in ("name", "capital")}
    for m in matches:
        if m.kind != "demonym" or m.dropped or m.code in named:
            continue
        others = [c for c in DEMONYM_ALTERNATIVES.get(m.code or "", ()) if c in named]
        if len(others) == 1:
            m.code, m.entity_id = others[0], f"country:{others[0]}"
    # Several organizations share an acronym: prefer one tied to a country in the article.
    codes = Counter(m.code for m in matches if m.code and not m.dropped)
    for m in matches:
        if "|" in m.entity_id:
            options = m.entity_id.split("|")
            scored = [
                (codes.get(ent.country_code or "", 0) if ent else 0, -k, eid)
                for k, eid in enumerate(options)
                for ent in [gaz.entity(eid)]
            ]
            m.entity_id = max(scored)[2]
    return matches
