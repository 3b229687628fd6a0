"""PLOVER event coding of French article sentences.

A sentence is a candidate when it mentions at least one actor; candidates are parsed with spaCy's
French dependency parser and every token whose lemma is in the reviewed trigger lexicon
(``etl/data/event_triggers_fr.tsv``) is a possible event. Its source and target come from the parse
(subject, passive agent, objects and obliques, possessives, the "de la part de" of a received
noun), with pronouns resolved to the nearest earlier actor; only when the parse gives nothing does
the coder fall back on the nearest actors around the trigger, at a lower confidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from etl.ids import stable_id
from etl.transforms.dates import find_date_mentions, resolve_date
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger, trigger_lexicon
from etl.transforms.plover import plover_types
from etl.transforms.types import DateMention, Mention, ResolvedDate

SOURCE, TARGET = "source", "target"
OF_WORDS = frozenset({"de", "du", "des", "d'", "d’"})

NEGATORS = frozenset({"pas", "jamais", "aucun", "aucune", "nullement", "guère", "point"})
# Verbs and nouns under which a trigger states a plan, a wish or a possibility, not a fact.
INTENT_GOVERNORS = frozenset(
    {
        "vouloir", "volonté", "envisager", "prévoir", "projeter", "souhaiter", "souhait",
        "engager", "promettre", "promesse", "espérer", "viser", "chercher", "compter",
        "entendre", "intention", "désir", "ambition", "objectif", "proposer", "proposition",
        "appeler", "plaider", "devoir",
    }
)  # fmt: skip
INTENT_MODIFIERS = frozenset({"futur", "prochain", "éventuel", "possible", "envisagé", "prévu"})
# Verbs whose subject receives what the trigger noun denotes ("X a obtenu le soutien de Y").
RECEIVING_VERBS = frozenset({"obtenir", "recevoir", "bénéficier", "solliciter", "accepter"})
# Trigger types that report what someone said about another party; a trigger inside their
# complement is the allegation, not a second event ("accuser X de soutenir Y").
REPORTING_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})
HISTORY_CUES = re.compile(
    r"\b(après que|avant que|depuis|il y a|auparavant|jadis|à l[’']époque|dans le passé)\b",
    re.IGNORECASE,
)
ACCUSATION_LEMMAS = frozenset({"accusation", "allégation", "accuser", "reproche", "imputation"})
# Pronouns that stand for people or states; demonstratives ("cela", "ce") stand for situations.
PERSONAL_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "lui", "eux", "qui", "lequel"})
# Below this the actors come from guesses rather than from the parse; such events are dropped.
MIN_CONFIDENCE = 0.4
# How far after a trigger the target fallback may look, in tokens.
TARGET_WINDOW = 15
CONTEXT_WORDS: tuple[tuple[str, str], ...] = (
    ("nucléaire", "cbrn"),
    ("militaire", "military"),
    ("défense", "military"),
    ("armée", "military"),
    ("sécurit", "military"),
    ("terroris", "terrorism"),
    ("jihad", "terrorism"),
    ("djihad", "terrorism"),
    ("économi", "economic"),
    ("commerc", "economic"),
    ("investiss", "economic"),
    ("financ", "economic"),
    ("diplomati", "diplomatic"),
    ("ambassad", "diplomatic"),
    ("humanitaire", "human_security"),
    ("migra", "migration"),
    ("élection", "election"),
    ("électora", "election"),
    ("énergi", "natural_resource"),
    ("pétrol", "natural_resource"),
    ("minier", "natural_resource"),
    ("santé", "health"),
    ("cyber", "cyber"),
    ("justice", "legal"),
    ("tribunal", "legal"),
)
PHONE = re.compile(r"t[ée]l[ée]phon", re.IGNORECASE)
MULTILATERAL = re.compile(r"\b(trilat[ée]ral|multilat[ée]ral|sommet|quadripartite)", re.IGNORECASE)


@dataclass(frozen=True)
class ArticleContext:
    article_id: str
    body: str
    published_date: dt.date | None
    fetched_date: dt.date | None
    sentences: tuple[tuple[int, int, int], ...]  # (sentence_index, char_start, char_end)
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class EventActor:
    entity_id: str
    actor_role: str
    country_code: str | None
    sector_code: str | None
    surface_text: str
    via_entity_id: str | None = None


@dataclass(frozen=True)
class CodedEvent:
    event_id: str
    article_id: str
    event_type: str
    event_mode: str | None
    event_context: str | None
    reality_code: str
    cameo_root_code: str
    quad_class: int
    goldstein_score: float
    event_date: dt.date | None
    event_date_precision: str | None
    event_date_text: str | None
    event_date_method: str
    location_entity_id: str | None
    evidence_text: str
    evidence_char_start: int
    evidence_char_end: int
    sentence_index: int
    trigger_text: str
    is_directed: bool
    is_historical: bool
    confidence: float
    actors: tuple[EventActor, ...] = field(default_factory=tuple)

    def countries(self, role: str) -> frozenset[str]:
        return frozenset(
            a.country_code for a in self.actors if a.actor_role == role and a.country_code
        )


# ---------------------------------------------------------------------------------------------
# Parse helpers


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _context_lemmas(t: Token) -> set[str]:
    """Lemmas near a trigger: its head, siblings and descendants down to three levels (enough
    for "s'est entretenu au téléphone avec son homologue"), with compound parts ("accord-cadre")."""
    near: list[Token] = [t.head, *t.head.children]
    level = list(t.children)
    for _ in range(3):
        near.extend(level)
        level = [g for c in level for g in c.children]
    words: set[str] = set()
    for x in near:
        if x.i == t.i:
            continue
        for w in (_lemma(x), x.text.lower()):
            words.add(w)
            if "-" in w:
                words.update(p for p in w.split("-") if p)
    return words


def _matches(t: Token) -> list[Trigger]:
    lemma = _lemma(t)
    if t.pos_ == "VERB" or (t.pos_ == "ADJ" and "Part" in t.morph.get("VerbForm", [])):
        cands = trigger_lexicon().get((lemma, "VERB"), [])
    elif t.pos_ in ("NOUN", "PROPN"):
        cands = trigger_lexicon().get((lemma, "NOUN"), [])
    else:
        return []
    if not cands:
        return []
    near = _context_lemmas(t)
    # A required word may sit a few words away under a wrong attachment ("le rappel « pour
    # consultations » de son ambassadeur"), so requirements also look at a small window.
    window = near | {_lemma(x) for x in t.doc[max(0, t.i - 6) : t.i + 7]}
    return [c for c in cands if (not c.requires or c.requires & window) and not (c.excludes & near)]


def _is_negated(t: Token) -> bool:
    for c in t.children:
        if _lemma(c) in NEGATORS or c.text.lower() in NEGATORS:
            return True
        if c.dep_ == "mark" and c.text.lower() == "sans":
            return True
    return False


def _verb_of(t: Token) -> Token:
    """The clause verb a token belongs to (itself when it is a verb)."""
    cur = t
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _subject_candidates(v: Token) -> list[list[Token]]:
    """Possible subjects of a clause, nearest first, climbing through coordination, infinitives
    and participles: a participle modifying a noun ("l'ambassadeur, accusant X") may still have
    the main clause's subject as its agent when the parser attached it to the wrong noun."""
    out: list[list[Token]] = []
    cur = v
    for _ in range(5):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass")]
        if subj:
            out.append(subj)
            break
        climbs = ("conj", "xcomp", "advcl", "ccomp", "acl", "parataxis")
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            out.append([cur.head])
        if cur.dep_ in climbs and cur.head.i != cur.i:
            cur = _verb_of(cur.head) if cur.dep_ == "acl" else cur.head
            continue
        break
    return out


def _subject_of(v: Token) -> list[Token]:
    cands = _subject_candidates(v)
    return cands[0] if cands else []


def _is_passive(v: Token) -> bool:
    # The auxiliary is the evidence; the parser sometimes labels an active subject nsubj:pass.
    return any(c.dep_ == "aux:pass" for c in v.children)


def _subtree_excluding(t: Token, exclude: Iterable[Token]) -> set[int]:
    excl: set[int] = set()
    for x in exclude:
        excl.update(y.i for y in x.subtree)
    return {y.i for y in t.subtree} - excl


def _is_intent(t: Token) -> bool:
    """Plans, wishes, conditionals and futures: coded, but as intent rather than as fact."""
    cur = t
    for _ in range(4):
        mood, tense = cur.morph.get("Mood", []), cur.morph.get("Tense", [])
        text = cur.text.lower()
        if "Cnd" in mood or "Fut" in tense:
            return True
        if cur.pos_ in ("VERB", "AUX") and re.search(r"(rai[st]?|raient|ront)$", text):
            return True
        if any(_lemma(c) in INTENT_MODIFIERS for c in cur.children):
            return True
        if cur is not t and _lemma(cur) in INTENT_GOVERNORS:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return any(_lemma(c) in INTENT_GOVERNORS for c in t.children if c.dep_ in ("aux", "xcomp"))


def _under_reporting(t: Token, reporting: set[int]) -> bool:
    cur = t
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        if cur.head.i in reporting and cur.dep_ in ("xcomp", "ccomp", "advcl", "acl", "obl:arg"):
            return True
        cur = cur.head
    return False


# ---------------------------------------------------------------------------------------------
# Actor mapping


@dataclass
class _SentenceActors:
    """One sentence of the article's Doc and its actor mentions aligned to tokens.

    Token indexes and character offsets are those of the whole article Doc (body offsets).
    """

    doc: Doc
    span: Span
    mentions: list[tuple[Mention, Span]]

    def in_tokens(self, tokens: set[int]) -> list[Mention]:
        return [m for m, span in self.mentions if span.root.i in tokens]

    def before(self, i: int) -> list[Mention]:
        return [m for m, span in self.mentions if span.end <= i]

    def after(self, i: int) -> list[Mention]:
        return [m for m, span in self.mentions if span.start > i]


def _align(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[Mention, Span]]:
    aligned = []
    for m in mentions:
        span = doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
        if span is not None and len(span):
            aligned.append((m, span))
    return aligned


def _actor_mentions(ms: Iterable[Mention], *, allow_places: bool) -> list[Mention]:
    return [m for m in ms if (m.is_actor or allow_places) and (m.country_code or _is_org(m))]


def _is_org(m: Mention) -> bool:
    return m.entity_id.startswith("organization:")


def _to_actors(
    ms: Iterable[Mention], role: str, gaz: Gazetteer, *, expand_members: bool
) -> list[EventActor]:
    out: list[EventActor] = []
    for m in ms:
        members = _expansion(m, gaz)
        if members and expand_members:
            # An alliance stands for its member states when a state pair is needed.
            out.extend(
                EventActor(f"country:{c}", role, c, m.sector_code, m.surface_text, m.entity_id)
                for c in members
            )
            continue
        out.append(
            EventActor(m.entity_id, role, m.country_code, m.sector_code, m.surface_text, None)
        )
    return out


# Only small alliances stand for their members: a bloc of a few states acting together (AES) is
# those states, but a large IGO acting as a body (ECOWAS, the EU) is not 12 or 27 bilateral events.
MAX_EXPANDED_MEMBERS = 6


def _expansion(m: Mention, gaz: Gazetteer) -> tuple[str, ...]:
    if not _is_org(m) or m.country_code:
        return ()
    entity = gaz.entity(m.entity_id)
    members = gaz.members(m.entity_id)
    if entity is None or entity.org_kind != "alliance" or len(members) > MAX_EXPANDED_MEMBERS:
        return ()
    return members


def _countries(actors: Iterable[EventActor]) -> set[str]:
    return {a.country_code for a in actors if a.country_code}


# ---------------------------------------------------------------------------------------------
# Dates


def _date_anchor(ctx: ArticleContext) -> dt.date | None:
    """The publication date, else the article's first fully explicit date."""
    if ctx.published_date:
        return ctx.published_date
    for m in find_date_mentions(ctx.body):
        if m.year and m.month and m.day and m.relative is None:
            try:
                return dt.date(m.year, m.month, m.day)
            except ValueError:
                continue
    return None


def _resolve_nearest(
    mentions: Sequence[DateMention],
    pos: int,
    anchor: dt.date | None,
    latest: dt.date | None,
    tense: str | None,
) -> tuple[ResolvedDate | None, DateMention | None]:
    unresolved: DateMention | None = None
    for m in sorted(mentions, key=lambda m: abs(m.char_start - pos)):
        r = resolve_date(m, anchor, latest=latest, tense=tense)
        if r is not None:
            return r, m
        unresolved = unresolved or m
    return None, unresolved


def _span_root(sa: _SentenceActors, m: DateMention) -> int | None:
    span = sa.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    return span.root.i if span is not None else None


def _in_clause(sa: _SentenceActors, trigger: Token, m: DateMention) -> bool:
    """Whether a date in the trigger's sentence belongs to the trigger's clause, so that a date in
    a background clause ("après des coups d'État entre 2020 et 2023") does not date the event."""
    span = sa.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    if span is None:
        return False
    clause = _verb_of(trigger)
    cur = span.root
    for _ in range(12):
        if cur.i == clause.i or cur.i == trigger.i:
            return True
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return False


PERIOD_BEFORE = re.compile(r"(entre|depuis|de|dès|jusqu[’']en|à partir de)\s*$", re.IGNORECASE)
PERIOD_AFTER = re.compile(r"^\s*(et|à|-|–)\s*\d{4}")


def _is_period(body: str, m: DateMention) -> bool:
    """A bare year that bounds a period ("entre 2020 et 2023", "depuis 2021") dates a state of
    affairs, not the event in the same sentence."""
    if m.year is None or m.month is not None or m.day is not None or m.weekday is not None:
        return False
    before = body[max(0, m.char_start - 20) : m.char_start]
    after = body[m.char_end : m.char_end + 10]
    return bool(PERIOD_BEFORE.search(before) or PERIOD_AFTER.search(after))


DATELINE_END = re.compile(r"^\s*(\([^)]{1,20}\)\s*)?[–—-]")


def _is_dateline(body: str, para: int, m: DateMention) -> bool:
    """A date that opens a paragraph after at most a place name and ends with a dash."""
    if not para <= m.char_start < para + 60 or m.year is None:
        return False
    lead = body[para : m.char_start]
    if any(ch in lead for ch in ".!?"):
        return False
    return bool(DATELINE_END.match(body[m.char_end : m.char_end + 30]))


def _paragraph_start(body: str, pos: int) -> int:
    i = body.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


# ---------------------------------------------------------------------------------------------
# Coding


@dataclass
class _Draft:
    trigger: Trigger
    token: Token
    sources: list[EventActor]
    targets: list[EventActor]
    directed: bool
    confidence: float
    reality: str
    mode: str | None


def candidate_sentences(ctx: ArticleContext) -> list[tuple[int, int, int]]:
    """The sentences of ``ctx`` that mention a state or an organization: only they can hold an
    event (an article without any needs no parse)."""
    states = {m.sentence_index for m in ctx.mentions if m.country_code or _is_org(m)}
    return [s for s in ctx.sentences if s[0] in states]


def code_article_events(
    ctx: ArticleContext, gaz: Gazetteer, doc: Doc
) -> tuple[list[CodedEvent], int]:
    """Code the events of one article; returns them and the number of candidate sentences.

    ``doc`` is the article body as parsed by :func:`etl.transforms.gate.pipe_gated`
    (``doc.text == ctx.body``).
    """
    by_sentence: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    candidates = candidate_sentences(ctx)
    if not candidates:
        return [], 0
    if doc.text != ctx.body:
        raise ValueError(f"the Doc given for article {ctx.article_id} is not a parse of its body")
    anchor = _date_anchor(ctx)
    body_dates = find_date_mentions(ctx.body)
    events: list[CodedEvent] = []
    previous_actors: list[Mention] = []
    prev_index = -2
    for index, start, end in candidates:
        if index != prev_index + 1:
            previous_actors = _actor_mentions(by_sentence.get(index - 1, ()), allow_places=False)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        aligned = _SentenceActors(doc, span, _align(doc, by_sentence.get(index, [])))
        drafts = _code_sentence(aligned, previous_actors, events, gaz)
        for d in drafts:
            if d.confidence < MIN_CONFIDENCE:
                continue
            events.append(_finish(ctx, d, index, start, end, aligned, anchor, body_dates))
        previous_actors = _actor_mentions(by_sentence.get(index, ()), allow_places=False)
        prev_index = index
    return _dedupe(events), len(candidates)


def _code_sentence(
    sa: _SentenceActors,
    previous_actors: list[Mention],
    earlier: list[CodedEvent],
    gaz: Gazetteer,
) -> list[_Draft]:
    matched: list[tuple[Token, Trigger]] = []
    for t in sa.span:
        for trig in _matches(t):
            matched.append((t, trig))
    reporting = {t.i for t, trig in matched if trig.event_type in REPORTING_TYPES}
    verb_triggers = {t.i for t, trig in matched if trig.pos == "VERB"}
    drafts: list[_Draft] = []
    for t, trig in matched:
        if _is_negated(t) or _is_negated(_verb_of(t)):
            continue
        if _under_reporting(t, reporting):
            continue
        # A trigger noun that is the object of a trigger verb is that verb's event.
        if trig.pos == "NOUN" and t.head.i in verb_triggers and t.head.i != t.i:
            continue
        draft = _roles(sa, t, trig, previous_actors, earlier, gaz)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _roles(
    sa: _SentenceActors,
    t: Token,
    trig: Trigger,
    previous_actors: list[Mention],
    earlier: list[CodedEvent],
    gaz: Gazetteer,
) -> _Draft | None:
    is_visit = trig.event_mode == "visit"
    verb = t if trig.pos == "VERB" else _verb_of(t)
    confidence = 0.9
    src_tokens: list[Token] = []
    tgt_roots: list[Token] = []
    flipped = False
    if trig.pos == "VERB":
        if _is_passive(t):
            src_tokens = [c for c in t.children if c.dep_ == "obl:agent"]
            tgt_roots = [c for c in t.children if c.dep_ == "nsubj:pass"]
        else:
            src_tokens = _subject_of(t)
            for cand in _subject_candidates(t):
                if sa.in_tokens({y.i for x in cand for y in x.subtree}):
                    src_tokens = cand
                    break
            tgt_roots = [
                c
                for c in t.children
                if c.dep_ in ("obj", "iobj", "obl", "obl:arg", "obl:mod", "nmod")
            ]
    else:
        owner = [c for c in t.children if c.dep_ == "nmod" and _has_case(c, OF_WORDS)]
        demonym = [c for c in t.children if c.dep_ == "amod"]
        tgt_roots = [
            c
            for c in t.children
            if c.dep_ in ("nmod", "obl", "obl:arg", "obl:mod", "acl") and not _has_case(c, OF_WORDS)
        ]
        if trig.patient_of:
            tgt_roots += owner
            owner = []
        if verb is not t and _lemma(verb) in RECEIVING_VERBS:
            # "X a obtenu le soutien de Y (en matière de fourniture d'armes)": Y gives, X
            # receives, for the received noun and any aid noun inside the received phrase.
            flipped = True
            givers = (
                owner + demonym + [y for y in verb.subtree if _lemma(y) == "part" and y.i != verb.i]
            )
            src_tokens = givers
            tgt_roots = _subject_of(verb)
        else:
            src_tokens = owner + demonym if (owner or demonym) and t.dep_ != "obj" else []
            if not src_tokens:
                src_tokens = _subject_of(verb) if verb is not t else []
            if t.dep_ in ("nsubj", "nsubj:pass"):
                src_tokens = owner + demonym

    src_idx: set[int] = set()
    for s in src_tokens:
        src_idx |= {y.i for y in s.subtree}
    tgt_idx: set[int] = set()
    for r in tgt_roots:
        tgt_idx |= _subtree_excluding(r, src_tokens)
    tgt_idx -= src_idx
    sources = _actor_mentions(sa.in_tokens(src_idx), allow_places=False)
    targets = _actor_mentions(sa.in_tokens(tgt_idx), allow_places=is_visit)

    if not sources:
        resolved = _resolve_source(sa, t, src_tokens, previous_actors)
        participants = _to_actors(targets, TARGET, gaz, expand_members=True)
        if resolved is None and trig.symmetric and len(_countries(participants)) >= 2:
            # "Le sommet a réuni le Mali, le Niger et le Tchad": the participants are the objects.
            resolved = (targets, 0.1)
            targets = []
        if resolved is None:
            # The parse names a subject and it is no known actor: guessing from elsewhere in the
            # sentence would attach the action to the wrong party.
            return None
        sources, penalty = resolved
        confidence -= penalty
    answers_allegation = trig.event_type == "REJECT" or ACCUSATION_LEMMAS & _context_lemmas(t)
    if not targets and answers_allegation:
        accused = _countries(_to_actors(sources, SOURCE, gaz, expand_members=True))
        for ev in reversed(earlier):
            if ev.event_type == "ACCUSE" and ev.countries(TARGET) & accused:
                targets = [
                    m
                    for m, _ in sa.mentions
                    if m.country_code in ev.countries(SOURCE) and m.is_actor
                ]
                if not targets:
                    return _draft_from(
                        trig,
                        t,
                        sources,
                        [],
                        gaz,
                        confidence - 0.2,
                        sa,
                        verb,
                        extra_targets=[
                            EventActor(f"country:{c}", TARGET, c, None, c)
                            for c in sorted(ev.countries(SOURCE))
                        ],
                    )
                break
    if not targets:
        src_c = {m.country_code for m in sources}
        after = [
            m
            for m in _actor_mentions(sa.after(t.i), allow_places=is_visit)
            if m.country_code not in src_c
        ]
        before = [
            m
            for m in _actor_mentions(sa.before(t.i), allow_places=False)
            if m.country_code not in src_c and m not in sources
        ]
        after = [m for m in after if _token_distance(sa, t, m) <= TARGET_WINDOW]
        if after:
            targets = [after[0]]
            confidence -= 0.3
        elif before and len({m.country_code for m in sources}) <= 1:
            targets = [before[-1]]
            confidence -= 0.35
    if flipped:
        confidence -= 0.05
    return _draft_from(trig, t, sources, targets, gaz, confidence, sa, verb)


def _resolve_source(
    sa: _SentenceActors, t: Token, src_tokens: list[Token], previous_actors: list[Mention]
) -> tuple[list[Mention], float] | None:
    """Sources when the subject phrase itself names no actor: pronouns, possessives, or no
    subject at all. Returns None when the subject is a phrase that is not an actor."""
    pronouns = [s for s in src_tokens if s.pos_ == "PRON"]
    nominal = [s for s in src_tokens if s.pos_ != "PRON"]
    if nominal:
        return None
    if any(p.text.lower() not in PERSONAL_PRONOUNS for p in pronouns):
        return None
    for p in pronouns:
        if p.text.lower() in ("qui", "lequel") and p.head.dep_.startswith("acl"):
            antecedent = p.head.head
            found = sa.in_tokens(_subtree_excluding(antecedent, [p.head]))
            actors = _actor_mentions(found, allow_places=False)
            if actors:
                return actors, 0.05
    earlier = _actor_mentions(sa.before(t.i), allow_places=False)
    subjects = [m for m in earlier if _in_subject(sa, m)]
    people = [m for m in subjects if m.entity_id.startswith("person:")]
    if people:
        return [people[-1]], 0.15
    if subjects:
        return [subjects[-1]], 0.2
    if previous_actors:
        return [previous_actors[0]], 0.25
    if not src_tokens and earlier:
        return [earlier[-1]], 0.3
    return None


def _in_subject(sa: _SentenceActors, m: Mention) -> bool:
    span = next(sp for mm, sp in sa.mentions if mm is m)
    cur = span.root
    for _ in range(8):
        if cur.dep_ in ("nsubj", "nsubj:pass"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _token_distance(sa: _SentenceActors, t: Token, m: Mention) -> int:
    span = next(sp for mm, sp in sa.mentions if mm is m)
    return span.start - t.i


def _has_case(t: Token, words: Iterable[str]) -> bool:
    allowed = set(words)
    return any(c.dep_ in ("case", "mark") and c.text.lower() in allowed for c in t.children)


def _draft_from(
    trig: Trigger,
    t: Token,
    sources: list[Mention],
    targets: list[Mention],
    gaz: Gazetteer,
    confidence: float,
    sa: _SentenceActors,
    verb: Token,
    extra_targets: Sequence[EventActor] = (),
) -> _Draft | None:
    src = _to_actors(sources, SOURCE, gaz, expand_members=True)
    tgt = _to_actors(targets, TARGET, gaz, expand_members=True) + list(extra_targets)
    src_c = _countries(src)
    tgt = [a for a in tgt if a.country_code not in src_c]
    directed = not trig.symmetric
    joint = not tgt and len(src_c) >= 2 and trig.symmetric
    if joint:
        # "X, Y et Z ont adopté une déclaration": a joint action of co-equal parties, kept as
        # several sources and no target; the dyads view pairs every two of them.
        directed = False
    elif not src or not tgt or not _countries(src) or not _countries(tgt):
        return None
    mode = trig.event_mode
    sentence_text = sa.span.text
    if trig.event_type == "CONSULT":
        if PHONE.search(sentence_text):
            mode = "phone"
        elif MULTILATERAL.search(sentence_text) or len(_countries(src) | _countries(tgt)) >= 3:
            mode = "multilateral"
    reality = "intended" if (_is_intent(t) or (verb is not t and _is_intent(verb))) else "asserted"
    return _Draft(trig, t, src, tgt, directed, max(0.1, min(confidence, 1.0)), reality, mode)


def _context_of(trig: Trigger, sentence_text: str) -> str | None:
    if trig.event_context:
        return trig.event_context
    lower = sentence_text.lower()
    for stem, context in CONTEXT_WORDS:
        if stem in lower:
            return context
    return None


def _finish(
    ctx: ArticleContext,
    d: _Draft,
    index: int,
    start: int,
    end: int,
    sa: _SentenceActors,
    anchor: dt.date | None,
    body_dates: Sequence[DateMention],
) -> CodedEvent:
    ptype = plover_types()[d.trigger.event_type]
    trigger_pos = d.token.idx
    in_sentence = [
        m
        for m in body_dates
        if start <= m.char_start
        and m.char_end <= end
        and _in_clause(sa, d.token, m)
        and not _is_period(ctx.body, m)
    ]
    # A planned event's own date lies ahead ("une prochaine visite en juin"); other dates in its
    # sentence, such as the day the plan was announced, lie behind.
    own = {y.i for y in d.token.subtree}
    future = [m for m in in_sentence if _span_root(sa, m) in own]
    tense = "future" if d.reality == "intended" and future else None
    resolved, used = _resolve_nearest(
        future if tense else in_sentence, trigger_pos, anchor, ctx.fetched_date, tense
    )
    if resolved is None and used is None and tense:
        resolved, used = _resolve_nearest(in_sentence, trigger_pos, anchor, ctx.fetched_date, None)
    method = "sentence"
    if resolved is None and used is None:
        para = _paragraph_start(ctx.body, start)
        # A dateline ("Bamako, le 1er août 2024 – ...") dates the paragraph it opens.
        datelines = [m for m in body_dates if _is_dateline(ctx.body, para, m)]
        resolved, used = _resolve_nearest(datelines, start, anchor, ctx.fetched_date, None)
        if resolved is None:
            used = None
        method = "dateline"
    if resolved is None and used is None:
        # A bare year in a neighbouring sentence is usually background ("depuis 2021").
        in_para = [
            m
            for m in body_dates
            if para <= m.char_start < start and (m.month is not None or m.weekday is not None)
        ]
        resolved, used = _resolve_nearest(in_para, start, anchor, ctx.fetched_date, tense)
        if resolved is None:
            used = None  # an unresolvable date elsewhere in the paragraph says nothing here
        method = "paragraph"
    date_text: str | None = used.text if used else None
    if resolved is None and used is None and ctx.published_date:
        resolved = ResolvedDate(ctx.published_date, "day", "", "publication")
        method = "publication"
        date_text = None
    if resolved is None:
        method = "unresolved_no_anchor" if used else "none"
    sentence_text = ctx.body[start:end]
    historical = bool(HISTORY_CUES.search(sentence_text[: d.token.idx - start + 1])) or any(
        "Pqp" in c.morph.get("Tense", []) for c in d.token.children
    )
    if (
        resolved is not None
        and method != "publication"
        and ctx.published_date is not None
        and (ctx.published_date - resolved.value).days > 90
    ):
        historical = True
    location = next((m.entity_id for m, _ in sa.mentions if not m.is_actor and m.entity_id), None)
    actors = tuple(d.sources + d.targets)
    event_id = stable_id(ctx.article_id, trigger_pos, d.trigger.event_type)
    return CodedEvent(
        event_id=event_id,
        article_id=ctx.article_id,
        event_type=d.trigger.event_type,
        event_mode=d.mode,
        event_context=_context_of(d.trigger, sentence_text),
        reality_code=d.reality,
        cameo_root_code=ptype.cameo_root_code,
        quad_class=ptype.quad_class,
        goldstein_score=ptype.goldstein_score,
        event_date=resolved.value if resolved else None,
        event_date_precision=resolved.precision if resolved else None,
        event_date_text=date_text,
        event_date_method=method,
        location_entity_id=location,
        evidence_text=sentence_text,
        evidence_char_start=start,
        evidence_char_end=end,
        sentence_index=index,
        trigger_text=d.token.text,
        is_directed=d.directed,
        is_historical=historical,
        confidence=round(d.confidence, 3),
        actors=actors,
    )


def _dedupe(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per sentence, type and actor states: a sentence that says "a rencontré ... lors
    d'une visite" reports one meeting."""
    best: dict[tuple[str, int, str, frozenset[str], frozenset[str]], CodedEvent] = {}
    for ev in events:
        src, tgt = ev.countries(SOURCE), ev.countries(TARGET)
        pair = (src, tgt) if ev.is_directed else (src | tgt, frozenset())
        k = (ev.article_id, ev.sentence_index, ev.event_type, pair[0], pair[1])
        if k not in best or ev.confidence > best[k].confidence:
            best[k] = ev
    return sorted(best.values(), key=lambda e: (e.evidence_char_start, e.event_id))
