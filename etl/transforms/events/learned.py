"""The trained model's decisions over an article's candidate pairs: which of the rule coder's
events to keep, and which events the rules missed to add, with their direction, date and evidence.

An added event's evidence is its sentence; its trigger is the word that joins the two actors in
the parse (else the sentence's head), which is also where its date and its mode of reality are
read; its direction comes from the model's source/target classifier.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TypeVar

from spacy.tokens import Token

from etl.ids import stable_id
from etl.transforms.events.actors import SentenceActors, ordered, to_actors
from etl.transforms.events.finish import finish_event
from etl.transforms.events.model import EventModel
from etl.transforms.events.pairs import (
    PairCandidate,
    Side,
    direction_features,
    event_pairs,
    join_token,
    lemma,
)
from etl.transforms.events.parse import is_intent, matches, verb_of
from etl.transforms.events.types import (
    SOURCE,
    TARGET,
    ArticleContext,
    CodedEvent,
    Draft,
    EventActor,
)
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger
from etl.transforms.types import DateMention

# A candidate pair rarely holds more than two kinds of event in one sentence.
MAX_ADDED_PER_PAIR = 2

Item = TypeVar("Item")
# The confidence the rules give an event when the parse names both its sides; the model judges
# only the events whose actors the rules guessed (nearest actors, earlier sentences).
PARSE_CONFIDENCE = 0.9


def decide(
    ctx: ArticleContext,
    rule_events: Sequence[CodedEvent],
    pairs: Sequence[tuple[PairCandidate, SentenceActors]],
    model: EventModel,
    anchor: dt.date | None,
    body_dates: Sequence[DateMention],
    gaz: Gazetteer,
) -> list[CodedEvent]:
    """The rule events the model keeps, and the events it adds, in text order."""
    scored = {(c.sentence_index, c.pair): (c, sa, model.probabilities(c.feats)) for c, sa in pairs}
    out: list[CodedEvent] = []
    ruled: set[tuple[int, str]] = set()
    for ev in rule_events:
        keys = [(ev.sentence_index, ordered(*p)) for p, _, _ in event_pairs(ev, gaz)]
        if keys:
            ruled.add((ev.sentence_index, ev.event_type))
        found = [scored[k][2].get(ev.event_type, 0.0) for k in keys if k in scored]
        # An event without a pair of parties is outside what the model judges; it stays.
        if not found or ev.confidence >= PARSE_CONFIDENCE or max(found) >= model.keep_threshold:
            out.append(ev)
    offers = (
        (c.sentence_index, t, p, (c, sa))
        for c, sa, probs in scored.values()
        if c.addable
        for t, p in top_types(probs, c.rule_types)
    )
    for (c, sa), t, p in pick_additions(offers, ruled, model.add_threshold_of):
        out.append(added_event(ctx, c, sa, t, p, model, anchor, body_dates, gaz))
    return sorted(out, key=lambda e: (e.evidence_char_start, e.event_id))


def top_types(probs: dict[str, float], coded: Collection[str]) -> list[tuple[str, float]]:
    """The types the model could add for one pair: its most probable ones the rules did not
    code for that pair."""
    ranked = sorted(((p, t) for t, p in probs.items() if t not in coded), reverse=True)
    return [(t, p) for p, t in ranked[:MAX_ADDED_PER_PAIR]]


def pick_additions(
    offers: Iterable[tuple[int, str, float, Item]],
    ruled: Collection[tuple[int, str]],
    threshold: float | Callable[[str], float],
) -> list[tuple[Item, str, float]]:
    """Of the model's offers (sentence, type, probability, pair), the events it adds: one per
    sentence and type, its most probable pair, and none of a type the rules coded between two
    named parties in that sentence. A trigger rarely makes two events of its kind between
    different pairs that the rules did not see; the pairs the model would add around it are
    mostly the other names of the sentence. ``threshold`` may be given per type."""
    if callable(threshold):
        least = threshold
    else:
        common = threshold

        def least(_: str) -> float:
            return common

    best: dict[tuple[int, str], tuple[float, int, Item]] = {}
    for n, (sentence, event_type, p, item) in enumerate(offers):
        key = (sentence, event_type)
        if p < least(event_type) or key in ruled:
            continue
        if key not in best or p > best[key][0]:
            best[key] = (p, n, item)
    return [(item, t, p) for (_, t), (p, _, item) in sorted(best.items(), key=lambda kv: kv[1][1])]


def added_event(
    ctx: ArticleContext,
    c: PairCandidate,
    sa: SentenceActors,
    event_type: str,
    probability: float,
    model: EventModel,
    anchor: dt.date | None,
    body_dates: Sequence[DateMention],
    gaz: Gazetteer,
) -> CodedEvent:
    """An event of ``event_type`` between the two sides of ``c`` that the rules did not code."""
    token = _trigger_token(c, sa, event_type)
    directed = event_type in model.directed_types
    source, target = c.first, c.second
    if directed and model.first_is_source(direction_features(c, event_type, sa.span)) < 0.5:
        source, target = target, source
    sources = _actors([source] if directed else [source, target], SOURCE, gaz)
    targets = _actors([target], TARGET, gaz) if directed else []
    trigger = Trigger(
        lemma=lemma(token),
        pos="VERB" if token.pos_ in ("VERB", "AUX") else "NOUN",
        event_type=event_type,
        event_mode=None,
        event_context=None,
        requires=frozenset(),
        excludes=frozenset(),
        symmetric=not directed,
    )
    reality = "intended" if token.dep_ and is_intent(token) else "asserted"
    draft = Draft(trigger, token, sources, targets, directed, probability, reality, None)
    ev = finish_event(ctx, draft, c.sentence_index, c.start, c.end, sa, anchor, body_dates)
    # The rules may code another type on the same word; the pair makes this event's ID its own.
    event_id = stable_id(ctx.article_id, "pair", c.start, event_type, *c.pair)
    return dataclasses.replace(ev, event_id=event_id)


def _trigger_token(c: PairCandidate, sa: SentenceActors, event_type: str) -> Token:
    """The word the added event reads from: a trigger of its type in the sentence (the nearest
    to where the two sides join), so that its date, mode of reality and evidence are that
    word's; else the word that joins the two sides."""
    join = join_token(c, sa.span)
    typed = [t for t in sa.span if any(tr.event_type == event_type for tr in matches(t))]
    if typed:
        return min(typed, key=lambda t: (abs(t.i - join.i), t.i))
    # A name or a title can join the two sides ("M. Erdogan, qui avait rencontré ..."): the
    # event reads from the clause's verb then.
    return join if join.pos_ in ("VERB", "AUX", "NOUN") else verb_of(join)


def _actors(sides: Sequence[Side], role: str, gaz: Gazetteer) -> list[EventActor]:
    mentions = [s.mention for s in sides if s.mention is not None]
    return to_actors(mentions, role, gaz, expand_members=False)
