"""The entity stage: sentences, mentions and the entity catalog (``core.entities``).

The NLP runs in workers (:func:`build_entity_rows`); each parse is cached for the event stage.
Rows a scale-out batch computed ahead (:mod:`etl.stages.staging`) are taken instead of parsing
again when their inputs still match.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from spacy.language import Language
from spacy.tokens import Doc

from etl import warehouse
from etl.ids import stable_id
from etl.stages import parse_cache, pool, runner, staging
from etl.stages.ledger import Plan
from etl.transforms.actors import actor_of
from etl.transforms.entities import build_entities, extract_mentions
from etl.transforms.gate import pipe_gated, trigger_pattern
from etl.transforms.gazetteer import Gazetteer, load_gazetteer
from etl.transforms.nlp import load_nlp
from etl.transforms.types import Entity, Mention
from etl.warehouse import records

TABLES = ("core.sentences", "core.mentions")
# ``(article_id, body)``, or with the publication date the entity phases read offices at.
Article = tuple[str, str] | tuple[str, str, dt.date | None]
# The record each table's rows come from, and the columns the stage supplies itself.
RECORDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "core.mentions": (Mention, ("mention_id", "article_id")),
    "core.entities": (Entity, ("actor_code", "actor_kind")),
}


def warm() -> None:
    """Load what workers share before they are forked, so none of them loads its own copy."""
    load_nlp()
    load_gazetteer()
    trigger_pattern()


@dataclass(frozen=True)
class EntityRows:
    sentences: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    found: list[Entity]


def mention_row(article_id: str, m: Mention) -> dict[str, Any]:
    mention_id = stable_id(article_id, m.char_start, m.char_end, m.entity_id)
    return records.row("core.mentions", m, mention_id=mention_id, article_id=article_id)


def build_entity_rows(
    articles: Sequence[Article],
    nlp: Language,
    gaz: Gazetteer,
    *,
    on_doc: Callable[[str, Doc], None] | None = None,
) -> EntityRows:
    """Run the French pipeline over ``(article_id, body[, published_date])`` and resolve every
    mention (a title such as "le président russe" is read at the publication date, if given).

    Only sentences where an event is possible get the full parse (:mod:`etl.transforms.gate`).
    Each parsed Doc goes to ``on_doc`` as soon as it is done (the worker writes it to the parse
    cache), so memory does not grow with the batch.
    """
    sentences: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    found: list[Entity] = []
    ids = [a[0] for a in articles]
    dates = [a[2] if len(a) > 2 else None for a in articles]
    docs = pipe_gated(nlp, [a[1] for a in articles], gaz)
    for article_id, as_of, doc in zip(ids, dates, docs, strict=True):
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
        article_mentions = extract_mentions(doc, gaz, as_of)
        found.extend(build_entities(article_mentions, gaz))
        seen: set[str] = set()
        for m in article_mentions:
            row = mention_row(article_id, m)
            if row["mention_id"] not in seen:
                seen.add(row["mention_id"])
                mentions.append(row)
    return EntityRows(sentences, mentions, found)


def parse_batch(articles: Sequence[Article], parse_dir: Path | None) -> EntityRows:
    """A worker's batch: parse ``(article_id, body[, published_date])`` items, cache each
    parse, return the rows."""

    def keep(article_id: str, doc: Doc) -> None:
        if parse_dir is not None:
            parse_cache.save(parse_dir, article_id, doc)

    return build_entity_rows(articles, load_nlp(), load_gazetteer(), on_doc=keep)


def entity_row(e: Entity) -> dict[str, Any]:
    code, kind = actor_of(e)
    return records.row("core.entities", e, actor_code=code, actor_kind=kind)


def entity_frame(found: Iterable[Entity]) -> pl.DataFrame:
    return records.frame("core.entities", (entity_row(e) for e in found))


def entity_catalog(
    gaz: Gazetteer,
    found: Iterable[Entity],
    existing: pl.DataFrame,
    attributes: pl.DataFrame,
    surfaces: pl.DataFrame,
    only: Collection[str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``core.entities`` and ``core.entity_aliases`` for the whole corpus (or the rows of the
    entities ``only`` names).

    Gazetteer entities are always present; people and places are those some mention references
    (``attributes``: one row per mentioned entity with the most frequent country and role of its
    mentions, so one article cannot overrule the rest; ``surfaces``: distinct mention texts).
    """
    catalog: dict[str, Entity] = dict(gaz.entities)
    known: dict[str, Entity] = {e.entity_id: e for e in records.records(Entity, existing)}
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
    ids = set(catalog) if only is None else set(catalog) & set(only)
    alias_rows = [
        {"alias_text": a, "entity_id": e, "language_code": lang}
        for (a, e), lang in sorted(aliases.items())
        if e in ids
    ]
    return entity_frame(catalog[k] for k in sorted(ids)), records.frame(
        "core.entity_aliases", alias_rows
    )


# Largest number of changed articles whose entities alone are recomputed in the catalog; more
# and the catalog is rebuilt whole (the scoped queries would cost as much).
CATALOG_SCOPE_MAX = 1_000


def catalog_scope(
    conn: duckdb.DuckDBPyConnection, p: Plan, *, full_refresh: bool
) -> set[str] | None:
    """The entities the mentions of the articles ``p`` changes refer to now (before the swap), or
    None when the catalog must be rebuilt whole.

    Scoping is sound when some article is unchanged: every input hash carries the stage's
    version (the gazetteer and the entity code), so the catalog's gazetteer part and the rule
    that derived the stored rows are those of this run, and an entity's row depends only on
    the gazetteer and its own mentions. So only the entities the changed articles mention
    before or after the run can change; every other stored row is what a rebuild would write.
    """
    if full_refresh or p.n_unchanged == 0 or len(p.touched) > CATALOG_SCOPE_MAX:
        return None
    before = warehouse.query(conn, "mentioned_entities", article_ids=p.touched)
    return set(before["entity_id"].to_list())


def write_entity_catalog(
    conn: duckdb.DuckDBPyConnection,
    gaz: Gazetteer,
    found: Iterable[Entity],
    entity_ids: Sequence[str] | None,
) -> int:
    """Write ``core.entities`` and ``core.entity_aliases`` as :func:`entity_catalog` derives
    them, for every entity (``entity_ids`` None) or only for ``entity_ids`` (rows of other
    entities are left as stored). Only the rows that differ are written. Returns how many
    entities were derived (the whole catalog, or ``entity_ids``)."""
    scope = {"n_all_entities": int(entity_ids is None), "entity_ids": list(entity_ids or [])}
    stored = warehouse.read_table(conn, "core.entities")
    stored_aliases = warehouse.read_table(conn, "core.entity_aliases")
    if entity_ids is not None:
        keep = pl.col("entity_id").is_in(list(entity_ids))
        stored, stored_aliases = stored.filter(keep), stored_aliases.filter(keep)
    catalog, aliases = entity_catalog(
        gaz,
        found,
        stored,
        warehouse.query(conn, "entity_attributes", **scope),
        warehouse.query(conn, "mention_surfaces", **scope),
        only=entity_ids,
    )
    warehouse.sync_rows(conn, "core.entities", catalog, stored)
    warehouse.sync_rows(conn, "core.entity_aliases", aliases, stored_aliases)
    return catalog.height if entity_ids is None else len(entity_ids)


def _frames(out: EntityRows, tally: runner.Tally) -> runner.Frames:
    tally.detail("found").update((e.entity_id, e) for e in out.found)
    return {
        "core.sentences": records.frame("core.sentences", out.sentences),
        "core.mentions": records.frame("core.mentions", out.mentions),
    }


def stage(parse_dir: Path | None) -> runner.Stage[Article, EntityRows]:
    return runner.Stage(
        name="entities",
        tables=TABLES,
        work=functools.partial(parse_batch, parse_dir=parse_dir),
        frames=_frames,
        batch_size=16,
    )


def body_plan(conn: duckdb.DuckDBPyConnection, stage_name: str, *, full_refresh: bool) -> Plan:
    """Articles whose body or publication date changed since the entity stage last processed
    them (the date decides who a bare title such as "le président russe" is)."""
    return runner.sql_plan(conn, stage_name, "plan_entities", full_refresh=full_refresh)


def codable_bodies(
    conn: duckdb.DuckDBPyConnection, article_ids: Sequence[str]
) -> Iterator[Article]:
    """``(article_id, body, published_date)`` of the articles the French NLP applies to, a chunk
    at a time."""
    for chunk in runner.chunks(article_ids):
        yield from (
            warehouse.query(conn, "codable_articles", article_ids=chunk)
            .select("article_id", "body", "published_date")
            .iter_rows()
        )


def parse_ahead(
    conn: duckdb.DuckDBPyConnection,
    batch: str,
    build_path: Path,
    *,
    full_refresh: bool,
    workers: int | None,
) -> dict[str, pl.DataFrame]:
    """Scale-out: the entity stage's rows for one batch of articles, written to the staging
    folder instead of the warehouse (the build file is only read)."""
    p = body_plan(conn, "entities", full_refresh=full_refresh)
    ids = staging.in_batch(p.todo, batch)
    tally = runner.Tally()
    s = stage(parse_cache.cache_dir(build_path))
    parts = [
        s.frames(out, tally)
        for out in pool.fan_out(
            s.work, codable_bodies(conn, ids), batch_size=s.batch_size, workers=workers
        )
    ]
    frames = {
        name.split(".")[1]: pl.concat([b[name] for b in parts])
        if parts
        else records.frame(name, [])
        for name in TABLES
    }
    frames["entities"] = entity_frame(tally.detail("found").values())
    frames["inputs"] = pl.DataFrame(
        {"article_id": ids, "input_hash": [p.inputs[a] for a in ids]},
        schema={"article_id": pl.String, "input_hash": pl.String},
    )
    staging.write_batch(staging.staging_dir(build_path), "entities", batch, frames)
    return frames


def run(
    conn: duckdb.DuckDBPyConnection, build_path: Path, *, full_refresh: bool, workers: int | None
) -> tuple[Plan, runner.Tally, pl.DataFrame, pl.DataFrame]:
    """Parse new or changed bodies (or take their staged rows) and rebuild the catalog."""
    gaz = load_gazetteer()
    p = body_plan(conn, "entities", full_refresh=full_refresh)
    # Workers write parses to the cache as they are made, before the rows commit: rows never
    # point at a parse a crash could have lost (a stale parse is replaced on the next run).
    parses = parse_cache.cache_dir(build_path)
    parse_cache.remove(parses, p.removed)
    staged_dir = staging.staging_dir(build_path)
    valid = staging.valid_batches(staged_dir, "entities", p.inputs)
    staged = {a for ids in valid.values() for a in ids}
    tally = runner.Tally()
    found = tally.detail("found")
    found.update(
        (e.entity_id, e)
        for e in records.records(
            Entity, staging.read_all(staged_dir, "entities", "entities", valid)
        )
    )

    def ready() -> Iterator[runner.Frames]:
        for chunk in runner.chunks([a for a in p.todo if a in staged]):
            tally.counts["n_from_batches"] += len(chunk)
            yield {
                name: staging.read_rows(staged_dir, "entities", name.split(".")[1], valid, chunk)
                for name in TABLES
            }

    derived: dict[str, pl.DataFrame] = {}
    # Which entities the changed articles mentioned before this run (read before their rows go).
    scoped = catalog_scope(conn, p, full_refresh=full_refresh)

    def write_catalog() -> None:
        # In the same transaction as the mentions it is derived from: a crash cannot leave
        # mentions of people the catalog does not have.
        if scoped is None:
            ids = None
        else:
            after = warehouse.query(conn, "mentioned_entities", article_ids=p.todo)
            ids = sorted(scoped | set(after["entity_id"].to_list()) | set(found))
        tally.counts["n_entities_derived"] = write_entity_catalog(conn, gaz, found.values(), ids)
        derived["core.entities"] = warehouse.read_table(conn, "core.entities")
        derived["core.entity_aliases"] = warehouse.read_table(conn, "core.entity_aliases")

    rest = [a for a in p.todo if a not in staged]
    if rest:  # a rerun with nothing to parse never loads the model (seconds)
        warm()
    runner.run(
        conn,
        stage(parses),
        p,
        codable_bodies(conn, rest),
        workers=workers,
        tally=tally,
        ready=ready(),
        finish=write_catalog,
    )
    tally.counts["n_actor_mentions"] = warehouse.scalar(
        conn, "n_actor_mentions", article_ids=p.todo
    )
    staging.clear(staged_dir, "entities")  # consumed and committed
    return p, tally, derived["core.entities"], derived["core.entity_aliases"]
