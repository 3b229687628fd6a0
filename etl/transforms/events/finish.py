"""A coded event finished from its draft: its PLOVER codes, its date, whether it is background,
its place, its evidence sentence and offsets, and its stable ID."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from etl.ids import stable_id
from etl.transforms.events.actors import SentenceActors
from etl.transforms.events.dating import event_date
from etl.transforms.events.types import ArticleContext, CodedEvent, Draft
from etl.transforms.lexicon import Trigger
from etl.transforms.plover import plover_types
from etl.transforms.reference import rows
from etl.transforms.types import DateMention

HISTORY_CUES = re.compile(
    r"\b(après que|avant que|depuis|il y a|auparavant|jadis|à l[’']époque|dans le passé)\b",
    re.IGNORECASE,
)

# Sentence word stems that give an event its context when its trigger has none; the first found
# in the file's order wins.
CONTEXT_WORDS: tuple[tuple[str, str], ...] = tuple(
    (r["stem"], r["context"]) for r in rows("event_context_stems_fr.tsv")
)


def _context_of(trig: Trigger, sentence_text: str) -> str | None:
    if trig.event_context:
        return trig.event_context
    lower = sentence_text.lower()
    for stem, context in CONTEXT_WORDS:
        if stem in lower:
            return context
    return None


def finish_event(
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
