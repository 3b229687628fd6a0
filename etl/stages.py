"""Stage-level transforms: rows or frames in, rows or frames out, no I/O of their own.

Assets in :mod:`etl.assets` load their inputs from DuckDB, call one of these (in worker
processes, through :mod:`etl.batches`, for the per-article stages), write the result and report
metadata. The per-article logic lives in :mod:`etl.transforms`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import polars as pl
from spacy.language import Language
from spacy.tokens import Doc

from etl import EXTRACTOR_VERSION
from etl.ids import stable_id
from etl.schemas import (  # noqa: F401 - re-exported for the assets
    ALIAS_SCHEMA,
    ARTICLE_SCHEMA,
    CLUSTER_SCHEMA,
    ENTITY_SCHEMA,
    EVENT_ACTOR_SCHEMA,
    EVENT_SCHEMA,
    MENTION_SCHEMA,
    SEGMENT_SCHEMA,
    SENTENCE_SCHEMA,
    frame,
)
from etl.transforms.articles import extract_article
from etl.transforms.clusters import cluster_events
from etl.transforms.entities import build_entities, extract_mentions
from etl.transforms.events import (
    ArticleContext,
    CodedEvent,
    candidate_sentences,
    code_article_events,
)
from etl.transforms.gate import pipe_gated
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.types import Entity, Mention

RecordT = TypeVar("RecordT", Entity, Mention)


@dataclass(frozen=True)
class ArticleRows:
    articles: list[dict[str, Any]]
    segments: list[dict[str, Any]]
    dropped_lines: dict[str, int]
    failures: dict[str, str]


def input_hash(*parts: object) -> str:
    """What a stage's output for one article depends on, with the extractor version."""
    return stable_id(EXTRACTOR_VERSION, *parts)


@dataclass(frozen=True)
class Plan:
    """Which articles a stage must (re)process and which it must forget."""

    todo: list[str]
    removed: list[str]
    inputs: dict[str, str]  # input hash of every article in todo
    n_unchanged: int

    @property
    def touched(self) -> list[str]:
        return sorted(set(self.todo) | set(self.removed))


def plan(current: dict[str, str], done: dict[str, str], *, full_refresh: bool = False) -> Plan:
    """Compare the inputs a stage sees now with those it last processed."""
    todo = sorted(k for k, h in current.items() if full_refresh or done.get(k) != h)
    removed = sorted(set(done) - set(current))
    return Plan(todo, removed, {k: current[k] for k in todo}, len(current) - len(todo))


def build_articles(documents: Iterable[Mapping[str, Any]]) -> ArticleRows:
    """One article per accepted document; a page the extractor chokes on is reported, not lost."""
    articles: list[dict[str, Any]] = []
    segments: list[dict[str, Any]] = []
    dropped: dict[str, int] = {}
    failures: dict[str, str] = {}
    for row in documents:
        if row["status_code"] != "ok":
            continue
        document_id = row["document_id"]
        ingested_at: dt.datetime | None = row["ingested_at"]
        try:
            rec = extract_article(
                row["raw_text"] or "",
                file_name=row["file_name"],
                fetched_date=ingested_at.date() if ingested_at else None,
            )
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the run
            failures[row["file_name"]] = f"{type(exc).__name__}: {exc}"
            continue
        article_id = document_id
        dropped[row["file_name"]] = rec.n_dropped_lines
        articles.append(
            {
                "article_id": article_id,
                "document_id": document_id,
                "title": rec.title,
                "outlet_name": rec.outlet_name,
                "author_name": rec.author_name,
                "section_name": rec.section_name,
                "published_date": rec.published_date,
                "published_date_precision": rec.published_date_precision,
                "published_date_text": rec.published_date_text,
                "language_code": rec.language_code,
                "body": rec.body,
                "body_char_start": rec.body_char_start,
                "body_char_end": rec.body_char_end,
                "n_words": rec.n_words,
                "n_dropped_lines": rec.n_dropped_lines,
                "is_empty": rec.is_empty,
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
        for index, seg in enumerate(rec.segments):
            segments.append(
                {
                    "article_id": article_id,
                    "segment_index": index,
                    "body_char_start": seg.body_start,
                    "body_char_end": seg.body_end,
                    "raw_char_start": seg.raw_start,
                    "raw_char_end": seg.raw_end,
                }
            )
    return ArticleRows(articles, segments, dropped, failures)


def codable(articles: pl.DataFrame) -> pl.DataFrame:
    """Articles the French NLP applies to: non-empty and French (or of unknown language)."""
    return articles.filter(
        ~pl.col("is_empty")
        & (pl.col("body").str.len_chars() > 0)
        & (pl.col("language_code").is_null() | (pl.col("language_code") == "fr"))
    )


@dataclass(frozen=True)
class EntityRows:
    sentences: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    found: list[Entity]


def _entity_row(e: Entity) -> dict[str, Any]:
    return {
        "entity_id": e.entity_id,
        "entity_type": e.entity_type,
        "canonical_name": e.canonical_name,
        "country_code": e.country_code,
        "sector_code": e.sector_code,
        "role_name": e.role_name,
        "wikidata_id": e.wikidata_id,
        "org_kind": e.org_kind,
        "member_codes": list(e.member_codes) or None,
    }


def entity_frame(found: Iterable[Entity]) -> pl.DataFrame:
    return frame([_entity_row(e) for e in found], ENTITY_SCHEMA)


def entities_from_frame(df: pl.DataFrame) -> list[Entity]:
    return [_record(Entity, r) for r in df.iter_rows(named=True)] if df.height else []


def _record(cls: type[RecordT], row: dict[str, Any]) -> RecordT:
    """A frozen record from a table row, taking the fields the record declares."""
    values = {f.name: row[f.name] for f in dataclasses.fields(cls)}
    if "member_codes" in values:
        values["member_codes"] = tuple(values["member_codes"] or ())
    return cls(**values)


def entity_catalog(
    gaz: Gazetteer,
    found: Iterable[Entity],
    existing: pl.DataFrame,
    attributes: pl.DataFrame,
    surfaces: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``core.entities`` and ``core.entity_aliases`` for the whole corpus.

    Gazetteer entities are always present; people and places are those some mention references
    (``attributes``: one row per mentioned entity with the most frequent country and role of its
    mentions, so one article cannot overrule the rest; ``surfaces``: distinct mention texts).
    """
    catalog: dict[str, Entity] = dict(gaz.entities)
    known: dict[str, Entity] = {
        r["entity_id"]: _record(Entity, r) for r in existing.iter_rows(named=True)
    }
    for e in found:
        known[e.entity_id] = e  # fresher than the stored row
    for r in attributes.iter_rows(named=True):
        entity_id = r["entity_id"]
        if entity_id in catalog or entity_id not in known:
            continue
        base = known[entity_id]
        catalog[entity_id] = dataclasses.replace(
            base,
            country_code=r["country_code"] or base.country_code,
            role_name=r["role_name"] or base.role_name,
        )
    aliases: dict[tuple[str, str], str | None] = {
        (alias_text, entity_id): language_code
        for alias_text, entity_id, language_code in gaz.aliases()
    }
    for surface_text, entity_id in surfaces.select("surface_text", "entity_id").iter_rows():
        aliases.setdefault((surface_text, entity_id), "fr")
    entity_rows = [_entity_row(catalog[k]) for k in sorted(catalog)]
    alias_rows = [
        {"alias_text": a, "entity_id": e, "language_code": lang}
        for (a, e), lang in sorted(aliases.items())
        if e in catalog
    ]
    return frame(entity_rows, ENTITY_SCHEMA), frame(alias_rows, ALIAS_SCHEMA)


def build_entity_rows(
    articles: Sequence[tuple[str, str]],
    nlp: Language,
    gaz: Gazetteer,
    *,
    on_doc: Callable[[str, Doc], None] | None = None,
) -> EntityRows:
    """Run the French pipeline over ``(article_id, body)`` pairs and resolve every mention.

    Only sentences where an event is possible get the full parse (:mod:`etl.transforms.gate`).
    Each parsed Doc goes to ``on_doc`` as soon as it is done (the worker writes it to the parse
    cache), so memory does not grow with the batch.
    """
    sentences: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    found: list[Entity] = []
    ids = [a for a, _ in articles]
    docs = pipe_gated(nlp, [b for _, b in articles], gaz)
    for article_id, doc in zip(ids, docs, strict=True):
        if on_doc is not None:
            on_doc(article_id, doc)
        for index, sent in enumerate(doc.sents):
            text = sent.text.rstrip()
            sentences.append(
                {
                    "article_id": article_id,
                    "sentence_index": index,
                    "char_start": sent.start_char,
                    "char_end": sent.start_char + len(text),
                    "sentence_text": text,
                }
            )
        article_mentions = extract_mentions(doc, gaz)
        found.extend(build_entities(article_mentions, gaz))
        seen: set[str] = set()
        for m in article_mentions:
            row = mention_row(article_id, m)
            if row["mention_id"] not in seen:
                seen.add(row["mention_id"])
                mentions.append(row)
    return EntityRows(sentences, mentions, found)


def mention_row(article_id: str, m: Mention) -> dict[str, Any]:
    return {
        "mention_id": stable_id(article_id, m.char_start, m.char_end, m.entity_id),
        "article_id": article_id,
        "entity_id": m.entity_id,
        "surface_text": m.surface_text,
        "char_start": m.char_start,
        "char_end": m.char_end,
        "sentence_index": m.sentence_index,
        "mention_kind": m.mention_kind,
        "country_code": m.country_code,
        "sector_code": m.sector_code,
        "role_name": m.role_name,
        "is_actor": m.is_actor,
    }


def mention_from_row(row: dict[str, Any]) -> Mention:
    return _record(Mention, row)


@dataclass(frozen=True)
class EventRows:
    events: list[dict[str, Any]]
    event_actors: list[dict[str, Any]]
    n_candidate_sentences: int
    n_reparsed: int = 0


def article_contexts(
    articles: pl.DataFrame,
    sentences: pl.DataFrame,
    mentions: pl.DataFrame,
    documents: pl.DataFrame,
) -> list[ArticleContext]:
    """What the event coder needs of each codable article, from the stored tables."""
    fetched = {
        r["document_id"]: r["ingested_at"].date() if r["ingested_at"] else None
        for r in documents.select("document_id", "ingested_at").iter_rows(named=True)
    }
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
        mentions_by_article[r["article_id"]].append(mention_from_row(r))
    return [
        ArticleContext(
            article_id=r["article_id"],
            body=r["body"],
            published_date=r["published_date"],
            fetched_date=fetched.get(r["document_id"]),
            sentences=tuple(sentences_by_article.get(r["article_id"], ())),
            mentions=tuple(mentions_by_article.get(r["article_id"], ())),
        )
        for r in codable(articles).iter_rows(named=True)
    ]


def build_event_rows(
    contexts: Iterable[ArticleContext],
    nlp: Language,
    gaz: Gazetteer,
    parsed: Callable[[str], Doc | None] = lambda _: None,
) -> EventRows:
    """Code PLOVER events from article bodies only (never from raw page text).

    ``parsed`` gives the entity stage's parse of an article; a body without one is parsed here.
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
        coded, n = code_article_events(ctx, gaz, doc)
        n_candidates += n
        for ev in coded:
            if ev.event_id in seen_events:
                continue
            seen_events.add(ev.event_id)
            events.append(event_row(ev))
            for a in event_actor_rows(ev):
                k = (a["event_id"], a["entity_id"], a["actor_role"])
                if k not in seen_actors:
                    seen_actors.add(k)
                    actors.append(a)
    return EventRows(events, actors, n_candidates)


def event_row(ev: CodedEvent) -> dict[str, Any]:
    return {
        "event_id": ev.event_id,
        "article_id": ev.article_id,
        "event_type": ev.event_type,
        "event_mode": ev.event_mode,
        "event_context": ev.event_context,
        "reality_code": ev.reality_code,
        "cameo_root_code": ev.cameo_root_code,
        "quad_class": ev.quad_class,
        "goldstein_score": ev.goldstein_score,
        "event_date": ev.event_date,
        "event_date_precision": ev.event_date_precision,
        "event_date_text": ev.event_date_text,
        "event_date_method": ev.event_date_method,
        "location_entity_id": ev.location_entity_id,
        "evidence_text": ev.evidence_text,
        "evidence_char_start": ev.evidence_char_start,
        "evidence_char_end": ev.evidence_char_end,
        "sentence_index": ev.sentence_index,
        "trigger_text": ev.trigger_text,
        "is_directed": ev.is_directed,
        "is_historical": ev.is_historical,
        "confidence": ev.confidence,
    }


def event_actor_rows(ev: CodedEvent) -> list[dict[str, Any]]:
    return [
        {
            "event_id": ev.event_id,
            "entity_id": a.entity_id,
            "actor_role": a.actor_role,
            "country_code": a.country_code,
            "sector_code": a.sector_code,
            "surface_text": a.surface_text,
            "via_entity_id": a.via_entity_id,
        }
        for a in ev.actors
    ]


def build_clusters(events: pl.DataFrame, event_actors: pl.DataFrame) -> pl.DataFrame:
    """Assign each event report to the cluster of reports of the same real event."""
    return frame(cluster_events(events, event_actors), CLUSTER_SCHEMA)
