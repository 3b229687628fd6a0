"""PLOVER event coding of one parsed article: candidate sentences, triggers, drafts, and the
coded events with their dates, context and evidence, one per sentence, type and actor states."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from etl.ids import stable_id
from etl.transforms.dates import find_date_mentions
from etl.transforms.events.actors import SentenceActors, actor_mentions, align, is_org
from etl.transforms.events.dating import date_anchor, event_date
from etl.transforms.events.parse import is_negated, matches, under_reporting, verb_of
from etl.transforms.events.roles import assign_roles
from etl.transforms.events.scorer import Scorer
from etl.transforms.events.types import SOURCE, TARGET, ArticleContext, CodedEvent, Draft
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger
from etl.transforms.plover import plover_types
from etl.transforms.reference import rows
from etl.transforms.types import DateMention, Mention

# Trigger types that report what someone said about another party; a trigger inside their
# complement is the allegation, not a second event ("accuser X de soutenir Y").
REPORTING_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})

HISTORY_CUES = re.compile(
    r"\b(après que|avant que|depuis|il y a|auparavant|jadis|à l[’']époque|dans le passé)\b",
    re.IGNORECASE,
)

# Below this the actors come from guesses rather than from the parse; such events are dropped.
MIN_CONFIDENCE = 0.4

# Sentence word stems that give an event its context when its trigger has none; the first found
# in the file's order wins.
CONTEXT_WORDS: tuple[tuple[str, str], ...] = tuple(
    (r["stem"], r["context"]) for r in rows("event_context_stems_fr.tsv")
)


def candidate_sentences(ctx: ArticleContext) -> list[tuple[int, int, int]]:
    """The sentences of ``ctx`` that mention a state or an organization: only they can hold an
    event (an article without any needs no parse)."""
    states = {m.sentence_index for m in ctx.mentions if m.country_code or is_org(m)}
    return [s for s in ctx.sentences if s[0] in states]


def code_article_events(
    ctx: ArticleContext, gaz: Gazetteer, doc: Doc, scorer: Scorer | None = None
) -> tuple[list[CodedEvent], int]:
    """Code the events of one article; returns them and the number of candidate sentences.

    ``doc`` is the article body as parsed by :func:`etl.transforms.gate.pipe_gated`
    (``doc.text == ctx.body``). With a ``scorer``, only the events it keeps are returned.
    """
    by_sentence: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    candidates = candidate_sentences(ctx)
    if not candidates:
        return [], 0
    if doc.text != ctx.body:
        raise ValueError(f"the Doc given for article {ctx.article_id} is not a parse of its body")
    anchor = date_anchor(ctx)
    body_dates = find_date_mentions(ctx.body)
    events: list[CodedEvent] = []
    previous_actors: list[Mention] = []
    prev_index = -2
    for index, start, end in candidates:
        if index != prev_index + 1:
            previous_actors = actor_mentions(by_sentence.get(index - 1, ()), allow_places=False)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        aligned = SentenceActors(doc, span, align(doc, by_sentence.get(index, [])))
        drafts = _code_sentence(aligned, previous_actors, events, gaz)
        for d in drafts:
            if d.confidence < MIN_CONFIDENCE:
                continue
            events.append(_finish(ctx, d, index, start, end, aligned, anchor, body_dates))
        previous_actors = actor_mentions(by_sentence.get(index, ()), allow_places=False)
        prev_index = index
    coded = _dedupe(events)
    if scorer is not None:
        coded = [ev for ev in coded if scorer.keeps(ev, len(ctx.sentences))]
    return coded, len(candidates)


def _code_sentence(
    sa: SentenceActors,
    previous_actors: list[Mention],
    earlier: list[CodedEvent],
    gaz: Gazetteer,
) -> list[Draft]:
    matched: list[tuple[Token, Trigger]] = []
    for t in sa.span:
        for trig in matches(t):
            matched.append((t, trig))
    reporting = {t.i for t, trig in matched if trig.event_type in REPORTING_TYPES}
    verb_triggers = {t.i for t, trig in matched if trig.pos == "VERB"}
    drafts: list[Draft] = []
    for t, trig in matched:
        if is_negated(t) or is_negated(verb_of(t)):
            continue
        if under_reporting(t, reporting):
            continue
        # A trigger noun that is the object of a trigger verb is that verb's event.
        if trig.pos == "NOUN" and t.head.i in verb_triggers and t.head.i != t.i:
            continue
        draft = assign_roles(sa, t, trig, previous_actors, earlier, gaz)
        if draft is not None:
            drafts.append(draft)
    return drafts


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
    d: Draft,
    index: int,
    start: int,
    end: int,
    sa: SentenceActors,
    anchor: dt.date | None,
    body_dates: Sequence[DateMention],
) -> CodedEvent:
    ptype = plover_types()[d.trigger.event_type]
    trigger_pos = d.token.idx
    resolved, date_text, method = event_date(
        ctx, sa, d.token, d.reality, start, end, anchor, body_dates
    )
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
