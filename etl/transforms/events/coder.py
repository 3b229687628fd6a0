"""PLOVER event coding of one parsed article: candidate sentences, triggers, drafts, the rule
coder's events with their dates, context and evidence (one per sentence, type and actor states),
and, with a trained model, the candidate actor pairs it reads to keep and add events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from etl.transforms.dates import find_date_mentions
from etl.transforms.events.actors import (
    SentenceActors,
    actor_mentions,
    align,
    as_officials,
    is_org,
    party_kind,
)
from etl.transforms.events.dating import date_anchor
from etl.transforms.events.finish import finish_event
from etl.transforms.events.learned import decide
from etl.transforms.events.model import EventModel
from etl.transforms.events.obliged import is_obligation, obligation_draft
from etl.transforms.events.pairs import PairCandidate, Side, pair_candidates, sentence_sides
from etl.transforms.events.parse import (
    is_conditional,
    is_negated,
    is_promised,
    lemma_of,
    matches,
    under_reporting,
    verb_of,
)
from etl.transforms.events.phrases import at_request
from etl.transforms.events.roles import assign_roles
from etl.transforms.events.types import SOURCE, TARGET, ArticleContext, CodedEvent, Draft
from etl.transforms.events.votes import resolution_sponsors
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger, trigger_lexicon
from etl.transforms.reference import word_set
from etl.transforms.types import DateMention, Mention

# Trigger types that report what someone said about another party; a trigger inside their
# complement is the allegation, not a second event ("accuser X de soutenir Y").
REPORTING_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})

# Below this the actors come from guesses rather than from the parse; such events are dropped.
MIN_CONFIDENCE = 0.4
# The first sentence this early that names a party opens the story: later sentences that name
# one party may answer its parties (the model judges those pairs, flagged as the lead's).
LEAD_SENTENCES = 2


@dataclass(frozen=True)
class Proposal:
    """What the rules find in an article: their events, and every candidate actor pair with the
    sentence it was read in (for a model to keep, drop and add events)."""

    events: list[CodedEvent]
    pairs: list[tuple[PairCandidate, SentenceActors]]
    n_candidates: int
    # What the events were dated from, for the events a model adds.
    anchor: dt.date | None = None
    body_dates: tuple[DateMention, ...] = ()


def candidate_sentences(ctx: ArticleContext) -> list[tuple[int, int, int]]:
    """The sentences of ``ctx`` that mention a state or an organization: only they can hold an
    event (an article without any needs no parse)."""
    states = {m.sentence_index for m in ctx.mentions if m.country_code or is_org(m)}
    return [s for s in ctx.sentences if s[0] in states]


def code_article_events(
    ctx: ArticleContext, gaz: Gazetteer, doc: Doc, model: EventModel | None = None
) -> tuple[list[CodedEvent], int]:
    """Code the events of one article; returns them and the number of candidate sentences.

    ``doc`` is the article body as parsed by :func:`etl.transforms.gate.pipe_gated`
    (``doc.text == ctx.body``). Without a ``model`` these are the rule coder's events; with one,
    the model decides which of them to keep and which further actor pairs hold events.
    """
    proposal = propose_events(ctx, gaz, doc, with_pairs=model is not None)
    if model is None:
        return proposal.events, proposal.n_candidates
    coded = decide(
        ctx, proposal.events, proposal.pairs, model, proposal.anchor, proposal.body_dates, gaz
    )
    return _dedupe(coded), proposal.n_candidates


def propose_events(ctx: ArticleContext, gaz: Gazetteer, doc: Doc, *, with_pairs: bool) -> Proposal:
    """The rule coder's events of one article and, ``with_pairs``, its candidate actor pairs."""
    day = ctx.published_date or ctx.fetched_date
    ctx = replace(ctx, mentions=tuple(as_officials(ctx.mentions, gaz, day)))
    by_sentence: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        if m.is_actor and m.country_code in DEPENDENT_TERRITORIES:
            # "autour des Malouines", "sur le Sahara occidental": where it happens or what is
            # disputed; the state that holds or claims it acts.
            m = replace(m, is_actor=False)
        by_sentence.setdefault(m.sentence_index, []).append(m)
    candidates = candidate_sentences(ctx)
    if not candidates:
        return Proposal([], [], 0)
    if doc.text != ctx.body:
        raise ValueError(f"the Doc given for article {ctx.article_id} is not a parse of its body")
    anchor = date_anchor(ctx)
    body_dates = find_date_mentions(ctx.body)
    events: list[CodedEvent] = []
    pairs: list[tuple[PairCandidate, SentenceActors]] = []
    previous_actors: list[Mention] = []
    previous_sides: list[Side] = []
    lead: list[Side] = []
    prev_index = -2
    sentences = []
    for index, start, end in candidates:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            mentions = align(doc, by_sentence.get(index, []), gaz)
            sentences.append((index, start, end, SentenceActors(doc, span, mentions)))
    sponsors = resolution_sponsors(sa for *_, sa in sentences)
    for index, start, end, aligned in sentences:
        if index != prev_index + 1:
            previous_actors = actor_mentions(by_sentence.get(index - 1, ()), allow_places=False)
            previous_sides = []
        drafts = _code_sentence(aligned, previous_actors, events, gaz, sponsors)
        found = [
            finish_event(ctx, d, index, start, end, aligned, anchor, body_dates)
            for d in drafts
            if d.confidence >= MIN_CONFIDENCE
        ]
        events.extend(found)
        if with_pairs:
            for c in pair_candidates(aligned, index, start, end, previous_sides, found, gaz, lead):
                pairs.append((c, aligned))
            previous_sides = [
                s for s in sentence_sides(aligned, gaz) if s.mention and s.mention.is_actor
            ]
            if not lead and index <= LEAD_SENTENCES:
                lead = previous_sides[:2]
        previous_actors = actor_mentions(by_sentence.get(index, ()), allow_places=False)
        prev_index = index
    return Proposal(_dedupe(events), pairs, len(candidates), anchor, tuple(body_dates))


def _code_sentence(
    sa: SentenceActors,
    previous_actors: list[Mention],
    earlier: list[CodedEvent],
    gaz: Gazetteer,
    sponsors: list[Mention],
) -> list[Draft]:
    matched: list[tuple[Token, Trigger]] = []
    for t in sa.span:
        for trig in matches(t):
            matched.append((t, trig))
    reporting = {t.i for t, trig in matched if trig.event_type in REPORTING_TYPES}
    verb_triggers = {t.i for t, trig in matched if trig.pos == "VERB"}
    # "la menace de sanctions", "sa demande d'un cessez-le-feu": what is asked for or threatened
    # is the content of that event, not a second one that took place. The asking noun need not
    # code an event itself ("des menaces répétées de X d'imposer ...").
    asking = {t.i for t, trig in matched if trig.event_type in CONTENT_TYPES} | {
        t.i for t in sa.span if t.pos_ == "NOUN" and _asks(t)
    }
    # « L'Iran doit régler ses questions sans délai », a déclaré le ministre: a demand, whose
    # infinitive is what is asked for.
    obligations = [
        draft
        for t in sa.span
        if is_obligation(t)
        if (draft := obligation_draft(sa, t, gaz)) is not None
    ]
    asking |= {d.token.i for d in obligations}
    # "l'annulation de l'accord signé avec Y": what a noun ends is no new event.
    ending = {t.i for t, trig in matched if trig.pos == "NOUN" and trig.event_mode == "discontinue"}
    # A trigger noun under one of these is that word's event, or what it asks for or ends.
    governing = verb_triggers | asking | ending
    drafts: list[Draft] = list(obligations)
    for t, trig in matched:
        if is_negated(t) or is_negated(verb_of(t)) or _negated_governor(verb_of(t)):
            if trig.pos != "VERB" or lemma_of(t) not in REFUSED_WHEN_NEGATED:
                continue
            # "Israël ne peut accepter la demande du Hamas": not accepting is rejecting.
            trig = replace(trig, event_type="REJECT", event_mode=None, event_context=None)
        if under_reporting(t, reporting):
            continue
        under_governor = trig.pos == "NOUN" and t.head.i in governing and t.head.i != t.i
        if under_governor and not at_request(t, trig):
            continue
        # "des menaces répétées d'imposer des droits de douane", "l'annulation de l'accord signé
        # avec Y": the same for what an infinitive or a noun phrase under the noun says.
        if _within(t, asking | ending):
            continue
        if trig.pos == "NOUN" and _generic(t):
            continue
        if _gathering(t, trig):
            continue
        draft = assign_roles(sa, t, trig, previous_actors, earlier, gaz, sponsors)
        if draft is not None:
            draft = _as_leaving(draft, gaz)
            # A hostile act under a condition, or that the speaker promises, is a threat.
            verb = verb_of(t)
            drafts.append(_as_threat(draft) if is_conditional(verb) or is_promised(verb) else draft)
    return drafts


DEPENDENT_TERRITORIES = word_set("dependent_territories_fr.tsv", "alpha3")


# Events whose complement says what is wanted, not what happened.
CONTENT_TYPES = frozenset({"REQUEST", "THREATEN"})


# "tout soutien à Kiev équivaut à ...", "aucune attaque": a noun under these determiners names a
# kind of act in general, not one that took place.
GENERIC_DETERMINERS = frozenset({"tout", "toute", "tous", "toutes", "chaque", "aucun", "aucune"})


def _generic(t: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in GENERIC_DETERMINERS for c in t.children)


def _within(t: Token, asking: set[int]) -> bool:
    """Whether ``t`` lies in what an asking noun asks for: below it through infinitives and noun
    phrases, with no finite verb (a clause of its own) between."""
    cur = t
    for _ in range(4):
        head = cur.head
        if head.i == cur.i or (cur.i != t.i and "Fin" in cur.morph.get("VerbForm", [])):
            return False
        if head.i in asking and head.pos_ == "NOUN" and cur.dep_ in ("acl", "nmod", "obj"):
            return True
        cur = head
    return False


def _asks(noun: Token) -> bool:
    """Whether a noun is a request or a threat in the lexicon, whatever words it requires."""
    return any(
        trig.event_type in CONTENT_TYPES
        for trig in trigger_lexicon().get((lemma_of(noun), "NOUN"), ())
    )


def _gathering(t: Token, trig: Trigger) -> bool:
    """A meeting verb as a past participle that describes its own parties ("les dirigeants
    ouest-africains, réunis à Accra, ont décidé ...", "le Mali et le Niger, réunis au sein de
    l'AES, ont annoncé ...") sets the scene of the clause's act; it is no meeting between them
    and whatever body hosts it."""
    return (
        trig.event_type == "CONSULT"
        and trig.symmetric
        and trig.pos == "VERB"
        and t.dep_ == "acl"
        and "Part" in t.morph.get("VerbForm", [])
        and "Past" in t.morph.get("Tense", [])
    )


def _as_leaving(draft: Draft, gaz: Gazetteer) -> Draft:
    """Withdrawing from an organization ("son retrait de l'Igad", "se retirer de l'OEA") ends a
    membership, as ending a treaty does: SANCTION (discontinue), not a military withdrawal."""
    trig = draft.trigger
    kinds = {k[1] for a in draft.targets if (k := party_kind(a.entity_id, a.country_code, gaz))}
    if trig.event_type != "RETREAT" or trig.event_mode != "withdraw" or kinds != {"igo"}:
        return draft
    leaving = replace(trig, event_type="SANCTION", event_mode="discontinue", event_context=None)
    return replace(draft, trigger=leaving, mode="discontinue")


# Verbs of accepting whose negation is a refusal (PLOVER's REJECT): "n'a pas accepté l'offre",
# "ne peut approuver ce plan".
REFUSED_WHEN_NEGATED = frozenset({"accepter", "approuver"})


# Verbs whose negation says the infinitive they govern did not happen: "n'a pas pu rencontrer",
# "n'ont pas été autorisés à rencontrer" ("ne pas hésiter à" says the opposite, so no list of all).
NEGATING_GOVERNORS = frozenset(
    {"pouvoir", "vouloir", "autoriser", "réussir", "parvenir", "accepter", "permettre", "oser"}
)


def _negated_governor(v: Token) -> bool:
    head = v.head
    return (
        v.dep_ == "xcomp"
        and head.i != v.i
        and lemma_of(head) in NEGATING_GOVERNORS
        and is_negated(head)
    )


# "Si le Mali ne le fait pas, la CEDEAO imposera des sanctions": a hostile act made conditional
# is a threat, and the guide codes the threat, not the act.
THREATENED_TYPES = frozenset({"SANCTION", "COERCE", "ASSAULT"})


def _as_threat(draft: Draft) -> Draft:
    if draft.trigger.event_type not in THREATENED_TYPES:
        return draft
    trigger = replace(draft.trigger, event_type="THREATEN", event_mode=None, event_context=None)
    return replace(draft, trigger=trigger, mode=None, reality="asserted")


def _dedupe(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per sentence, type and actor states: a sentence that says "a rencontré ... lors
    d'une visite" reports one meeting."""
    best: dict[tuple[str, int, str, frozenset[str], frozenset[str]], CodedEvent] = {}
    for ev in events:
        src, tgt = ev.parties(SOURCE), ev.parties(TARGET)
        pair = (src, tgt) if ev.is_directed else (src | tgt, frozenset())
        k = (ev.article_id, ev.sentence_index, ev.event_type, pair[0], pair[1])
        if k not in best or ev.confidence > best[k].confidence:
            best[k] = ev
    return sorted(best.values(), key=lambda e: (e.evidence_char_start, e.event_id))
