"""The event stage: PLOVER events and their actors (``core.events``, ``core.event_actors``);
the clusters that group reports of one real event are :mod:`etl.stages.clusters`."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from spacy.language import Language
from spacy.tokens import Doc

from etl import warehouse
from etl.stages import parse_cache, runner
from etl.stages.entities import warm
from etl.stages.ledger import Plan
from etl.transforms.events import (
    ArticleContext,
    CodedEvent,
    EventActor,
    candidate_sentences,
    code_article_events,
)
from etl.transforms.events.model import EventModel, load_model
from etl.transforms.gate import pipe_gated
from etl.transforms.gazetteer import Gazetteer, load_gazetteer
from etl.transforms.nlp import load_nlp
from etl.transforms.types import Mention
from etl.warehouse import records

# The record each table's rows come from, and the columns the stage supplies itself.
RECORDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "core.events": (CodedEvent, ()),
    "core.event_actors": (EventActor, ("event_id",)),
}


@dataclass(frozen=True)
class EventRows:
    events: list[dict[str, Any]]
    event_actors: list[dict[str, Any]]
    n_candidate_sentences: int
    n_reparsed: int = 0


def article_contexts(
    articles: pl.DataFrame, sentences: pl.DataFrame, mentions: pl.DataFrame
) -> list[ArticleContext]:
    """What the event coder needs of each codable article, from the stored tables."""
    sentences_by_article: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for r in sentences.sort("article_id", "sentence_index").iter_rows(named=True):
        sentences_by_article[r["article_id"]].append(
            (r["sentence_index"], r["char_start"], r["char_end"])
        )
    mentions_by_article: dict[str, list[Mention]] = defaultdict(list)
    # The extractor's order; mentions sharing a span ("les deux pays" -> two states) must not
    # come back in whatever order the table stored them.
    order = ["article_id", "char_start", "char_end", "entity_id"]
    for r in mentions.sort(order).iter_rows(named=True):
        mentions_by_article[r["article_id"]].append(records.record(Mention, r))
    return [
        ArticleContext(
            article_id=r["article_id"],
            body=r["body"],
            published_date=r["published_date"],
            fetched_date=r["fetched_date"],
            published_date_precision=r.get("published_date_precision", "day"),
            sentences=tuple(sentences_by_article.get(r["article_id"], ())),
            mentions=tuple(mentions_by_article.get(r["article_id"], ())),
        )
        for r in articles.iter_rows(named=True)
    ]


def build_event_rows(
    contexts: Iterable[ArticleContext],
    nlp: Language,
    gaz: Gazetteer,
    parsed: Callable[[str], Doc | None] = lambda _: None,
    model: EventModel | None = None,
) -> EventRows:
    """Code PLOVER events from article bodies only (never from raw page text).

    ``parsed`` gives the entity stage's parse of an article; a body without one is parsed again.
    """
    events: list[dict[str, Any]] = []
    actors: list[dict[str, Any]] = []
    n_candidates = 0
    seen_events: set[str] = set()
    seen_actors: set[tuple[str, str, str]] = set()
    for ctx in contexts:
        doc = parsed(ctx.article_id)
        if not candidate_sentences(ctx):
            continue  # nothing to code, so nothing to parse
        if doc is None or doc.text != ctx.body:
            doc = next(pipe_gated(nlp, [ctx.body], gaz))
        coded, n = code_article_events(ctx, gaz, doc, model)
        n_candidates += n
        for ev in coded:
            if ev.event_id in seen_events:
                continue
            seen_events.add(ev.event_id)
            events.append(records.row("core.events", ev))
            for a in ev.actors:
                row = records.row("core.event_actors", a, event_id=ev.event_id)
                k = (row["event_id"], row["entity_id"], row["actor_role"])
                if k not in seen_actors:
                    seen_actors.add(k)
                    actors.append(row)
    return EventRows(events, actors, n_candidates)


def code_batch(contexts: Sequence[ArticleContext], parse_dir: Path | None) -> EventRows:
    """A worker's batch: code each article's events from its cached parse."""
    nlp = load_nlp()
    missing = 0

    def parsed(article_id: str) -> Doc | None:
        nonlocal missing
        doc = parse_cache.load(parse_dir, article_id, nlp.vocab) if parse_dir else None
        missing += doc is None
        return doc

    rows = build_event_rows(contexts, nlp, load_gazetteer(), parsed, load_model())
    return EventRows(rows.events, rows.event_actors, rows.n_candidate_sentences, missing)


def _frames(out: EventRows, tally: runner.Tally) -> runner.Frames:
    tally.counts["n_candidate_sentences"] += out.n_candidate_sentences
    tally.counts["n_reparsed"] += out.n_reparsed
    by_type = tally.detail("events_by_type")
    for e in out.events:
        by_type[e["event_type"]] = by_type.get(e["event_type"], 0) + 1
    return {
        "core.event_actors": records.frame("core.event_actors", out.event_actors),
        "core.events": records.frame("core.events", out.events),
    }


def stage(parse_dir: Path | None) -> runner.Stage[ArticleContext, EventRows]:
    return runner.Stage(
        name="events",
        tables=("core.event_actors", "core.events"),
        work=functools.partial(code_batch, parse_dir=parse_dir),
        frames=_frames,
        batch_size=32,
    )


def contexts(
    conn: duckdb.DuckDBPyConnection, article_ids: Sequence[str]
) -> Iterator[ArticleContext]:
    for ids in runner.chunks(article_ids):
        yield from article_contexts(
            warehouse.query(conn, "codable_articles", article_ids=ids),
            warehouse.article_rows(conn, "core.sentences", ids),
            warehouse.article_rows(conn, "core.mentions", ids),
        )


def run(
    conn: duckdb.DuckDBPyConnection, build_path: Path, *, full_refresh: bool, workers: int | None
) -> tuple[Plan, runner.Tally]:
    """Code the events of new or changed articles (their body, dates or mentions changed)."""
    p = runner.sql_plan(conn, "events", "plan_events", full_refresh=full_refresh)
    if p.todo:  # a rerun with nothing to code never loads the model (seconds)
        warm()
        load_model()  # read before the workers fork, as the spaCy model is
    s = stage(parse_cache.cache_dir(build_path))
    return p, runner.run(conn, s, p, contexts(conn, p.todo), workers=workers)


def model_metadata() -> dict[str, object]:
    """Which trained event model coded the events: its name, version, training date, thresholds
    and dev scores."""
    model = load_model()
    if model is None:
        return {"model": None}
    return {
        **model.meta,
        "keep_threshold": model.keep_threshold,
        "add_threshold": model.add_threshold,
        "add_thresholds": dict(model.add_thresholds),
    }
