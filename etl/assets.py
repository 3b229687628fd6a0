"""Dagster assets, one per warehouse table or view: load -> transform -> write -> metadata."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import dagster as dg
import polars as pl

from etl import batches as work
from etl import parallel, parse_cache, stages, staging, warehouse
from etl.resources import DyadResource
from etl.schemas import frame
from etl.transforms import ingest
from etl.transforms.events import ArticleContext
from etl.transforms.gazetteer import load_gazetteer
from etl.transforms.types import Entity

RAW = "raw"
CORE = "core"
MART = "mart"


def key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def preview(df: pl.DataFrame, columns: list[str], n: int = 5) -> dg.MetadataValue:
    shown = df.select([c for c in columns if c in df.columns]).head(n)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
    for row in shown.iter_rows():
        cells = [str(v).replace("|", "/").replace("\n", " ")[:80] for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(lines))


# Articles read from DuckDB at a time: memory holds one chunk, whatever the corpus size.
READ_CHUNK = 1000
PREVIEW_ROWS = 5


@dataclass
class Tally:
    """Row counts and a preview of what a streaming asset wrote, kept batch by batch."""

    rows: Counter[str] = field(default_factory=Counter)
    heads: dict[str, pl.DataFrame] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    n_candidate_sentences: int = 0
    n_reparsed: int = 0
    n_staged: int = 0

    def add(self, batch: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
        for table, df in batch.items():
            self.rows[table] += df.height
            head = self.heads.get(table)
            if head is None:
                self.heads[table] = df.head(PREVIEW_ROWS)
            elif head.height < PREVIEW_ROWS:
                self.heads[table] = pl.concat([head, df]).head(PREVIEW_ROWS)
        return batch

    def result(self, table: str, columns: list[str], **extra: Any) -> dg.MaterializeResult:
        head = self.heads.get(table)
        metadata: dict[str, Any] = {
            "dagster/row_count": self.rows[table],
            "preview": preview(head if head is not None else pl.DataFrame(), columns),
        }
        metadata.update(extra)
        return dg.MaterializeResult(asset_key=key(table), metadata=metadata)


def result(table: str, df: pl.DataFrame, columns: list[str], **extra: Any) -> dg.MaterializeResult:
    metadata: dict[str, Any] = {
        "dagster/row_count": df.height,
        "preview": preview(df, columns),
    }
    metadata.update(extra)
    return dg.MaterializeResult(asset_key=key(table), metadata=metadata)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key("raw.documents"),
            description="One row per distinct input file content: bytes hash, encoding, "
            "accepted or rejected with the reason, and the decoded text.",
            group_name=RAW,
        ),
        dg.AssetSpec(
            key("raw.document_files"),
            description="Every .txt file in the input folder and the document it holds; "
            "identical files are flagged as duplicates.",
            group_name=RAW,
        ),
    ],
)
def raw_documents(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Read every ``.txt`` page in the input folder into ``raw.documents``, rejecting bad files
    (empty, binary, too large) with a reason instead of failing the run. Files are identified by
    content: unchanged files keep their rows, deleted files lose them."""
    folder = dyad.seeds
    blobs = [ingest.read_blob(folder, p, dyad.max_bytes) for p in ingest.list_input_files(folder)]
    with dyad.connect() as conn:
        previous = dict(
            conn.execute("select document_id, ingested_at from raw.documents").fetchall()
        )
        documents, files = ingest.build_documents(
            blobs, max_bytes=dyad.max_bytes, now=dt.datetime.now(), previous_ingested_at=previous
        )
        current = set(documents["document_id"].to_list())
        new = current if dyad.full_refresh else current - set(previous)
        gone = set(previous) - current
        warehouse.replace_rows(
            conn,
            {"raw.documents": documents.filter(pl.col("document_id").is_in(sorted(new)))},
            key_column="document_id",
            keys=sorted(new | gone),
        )
        warehouse.replace_rows(conn, {"raw.document_files": files})
    rejected = documents.filter(pl.col("status_code") == "rejected")
    yield result(
        "raw.documents",
        documents,
        ["document_id", "file_name", "n_bytes", "encoding_name", "status_code", "reject_reason"],
        n_new=len(new),
        n_removed=len(gone),
        n_rejected=rejected.height,
        rejected=dg.MetadataValue.json(
            {r["file_name"]: r["reject_reason"] for r in rejected.iter_rows(named=True)}
        ),
        input_folder=str(folder),
    )
    yield result(
        "raw.document_files",
        files,
        ["file_name", "document_id", "is_duplicate"],
        n_duplicates=int(files["is_duplicate"].sum()),
        duplicates=dg.MetadataValue.json(
            {
                r["file_name"]: r["document_id"]
                for r in files.filter(pl.col("is_duplicate")).iter_rows(named=True)
            }
        ),
    )


def plan_metadata(p: stages.Plan) -> dict[str, Any]:
    return {"n_processed": len(p.todo), "n_removed": len(p.removed), "n_unchanged": p.n_unchanged}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key("core.articles"),
            deps=[key("raw.documents")],
            description="One article per accepted page: title, outlet, author, publication date "
            "with precision, language and the story body without page furniture.",
            group_name=CORE,
        ),
        dg.AssetSpec(
            key("core.article_segments"),
            deps=[key("raw.documents")],
            description="Where each kept block of an article body sits in the page's raw text.",
            group_name=CORE,
        ),
    ],
)
def articles(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Extract each accepted page's article: metadata plus a clean body (menus, teasers,
    sidebars and comment widgets dropped). Only new or changed documents are processed."""
    tally = Tally()
    with dyad.connect() as conn:
        ids = conn.execute(
            "select document_id from raw.documents where status_code = 'ok'"
        ).fetchall()
        p = stages.plan(
            {d: stages.input_hash(d) for (d,) in ids},
            warehouse.stage_inputs(conn, "articles"),
            full_refresh=dyad.full_refresh,
        )

        def documents() -> Iterator[dict[str, Any]]:
            for chunk in parallel.batched(p.todo, READ_CHUNK):
                rows = conn.execute(
                    "select * from raw.documents where document_id in (select unnest(?))",
                    [list(chunk)],
                ).fetchall()
                columns = [d[0] for d in conn.description or ()]
                yield from (dict(zip(columns, r, strict=True)) for r in rows)

        def batches() -> Iterator[dict[str, pl.DataFrame]]:
            for out in parallel.fan_out(work.articles, documents(), batch_size=32):
                tally.dropped.update(out.dropped_lines)
                tally.failures.update(out.failures)
                yield tally.add(
                    {
                        "core.article_segments": frame(out.segments, stages.SEGMENT_SCHEMA),
                        "core.articles": frame(out.articles, stages.ARTICLE_SCHEMA),
                    }
                )

        warehouse.stream_article_rows(
            conn,
            "articles",
            ["core.article_segments", "core.articles"],
            p.touched,
            p.inputs,
            batches(),
        )
        n_empty = conn.execute(
            "select count(*) from core.articles "
            "where is_empty and article_id in (select unnest(?))",
            [p.todo],
        ).fetchone()
    yield tally.result(
        "core.articles",
        ["title", "outlet_name", "author_name", "published_date", "language_code", "n_words"],
        dropped_boilerplate_lines=dg.MetadataValue.json(tally.dropped),
        n_empty=int(n_empty[0]) if n_empty else 0,
        extraction_failures=dg.MetadataValue.json(tally.failures),
        **plan_metadata(p),
    )
    yield tally.result("core.article_segments", ["article_id", "segment_index"])


def body_plan(conn: Any, stage: str, full_refresh: bool) -> stages.Plan:
    """Articles whose body changed since ``stage`` last processed them."""
    rows = conn.execute("select article_id, md5(body) from core.articles").fetchall()
    return stages.plan(
        {a: stages.input_hash(a, h) for a, h in rows},
        warehouse.stage_inputs(conn, stage),
        full_refresh=full_refresh,
    )


def parse_articles(
    conn: Any,
    article_ids: list[str],
    parse: Callable[[Sequence[tuple[str, str]]], stages.EntityRows],
    found: dict[str, Entity],
    tally: Tally,
) -> Iterator[dict[str, pl.DataFrame]]:
    """Parse the codable ones of ``article_ids`` in worker processes, one frame pair per batch;
    bodies are read a chunk at a time as the workers need them."""

    def pairs() -> Iterator[tuple[str, str]]:
        for chunk in parallel.batched(article_ids, READ_CHUNK):
            todo = stages.codable(warehouse.article_rows(conn, "core.articles", chunk))
            yield from todo.select("article_id", "body").iter_rows()

    for out in parallel.fan_out(parse, pairs(), batch_size=16):
        found.update((e.entity_id, e) for e in out.found)
        yield tally.add(
            {
                "core.sentences": frame(out.sentences, stages.SENTENCE_SCHEMA),
                "core.mentions": frame(out.mentions, stages.MENTION_SCHEMA),
            }
        )


BATCHES = dg.StaticPartitionsDefinition(list(staging.BATCH_KEYS))


@dg.asset(
    key=dg.AssetKey(["staging", "entity_batches"]),
    partitions_def=BATCHES,
    deps=[key("core.articles")],
    group_name="scale_out",
)
# ``context`` is left unannotated: with postponed annotations Dagster sees a string and refuses it.
def entity_batches(context, dyad: DyadResource) -> dg.MaterializeResult:
    """Scale-out path: the entity stage's NLP for one batch of articles (ids starting with the
    partition's hex digit), run ahead in a process of its own. Batches only read the build file,
    so several run at once (a backfill, or one per node on a cluster executor); the entities asset
    then loads their rows instead of parsing."""
    batch = context.partition_key
    work.warm()
    with dyad.connect(read_only=True) as conn:
        p = body_plan(conn, "entities", dyad.full_refresh)
        ids = staging.in_batch(p.todo, batch)
        tally = Tally()
        found: dict[str, Entity] = {}
        parse = functools.partial(work.entities, parse_dir=parse_cache.cache_dir(dyad.build_path))
        parts = list(parse_articles(conn, ids, parse, found, tally))
    frames = {
        name: pl.concat([b[f"core.{name}"] for b in parts]) if parts else empty
        for name, empty in (
            ("sentences", frame([], stages.SENTENCE_SCHEMA)),
            ("mentions", frame([], stages.MENTION_SCHEMA)),
        )
    }
    frames["entities"] = stages.entity_frame(found.values())
    frames["inputs"] = pl.DataFrame(
        {"article_id": ids, "input_hash": [p.inputs[a] for a in ids]},
        schema={"article_id": pl.String, "input_hash": pl.String},
    )
    folder = staging.write_batch(staging.staging_dir(dyad.build_path), "entities", batch, frames)
    return dg.MaterializeResult(
        metadata={
            "n_articles": len(ids),
            "n_sentences": frames["sentences"].height,
            "n_mentions": frames["mentions"].height,
            "path": str(folder),
        }
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key(t),
            deps=[key("core.articles")],
            description=d,
            group_name=CORE,
        )
        for t, d in (
            ("core.sentences", "Sentences of each article body (offsets into the body)."),
            (
                "core.mentions",
                "Every actor or place mention in article bodies, with offsets and "
                "the state it stands for in context.",
            ),
            (
                "core.entities",
                "Canonical actors and places with stable IDs: all countries, "
                "international organizations and armed groups, and the people found in articles.",
            ),
            ("core.entity_aliases", "Known surface forms of each entity."),
        )
    ],
)
def entities(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Run spaCy's French pipeline over new or changed article bodies; resolve countries (names,
    demonyms, capitals, seats of power), organizations and people to canonical entities."""
    work.warm()
    gaz = load_gazetteer()
    tally = Tally()
    found: dict[str, Entity] = {}
    with dyad.connect() as conn:
        p = body_plan(conn, "entities", dyad.full_refresh)
        # Workers write parses to the cache as they are made, before the rows commit: rows never
        # point at a parse a crash could have lost (a stale parse is replaced on the next run).
        parses = parse_cache.cache_dir(dyad.build_path)
        parse_cache.remove(parses, p.removed)
        parse = functools.partial(work.entities, parse_dir=parses)
        # Rows a scale-out batch partition computed ahead, still valid for these inputs.
        staged_dir = staging.staging_dir(dyad.build_path)
        valid = staging.valid_batches(staged_dir, "entities", p.inputs)
        staged = {a for ids in valid.values() for a in ids}
        found.update(
            (e.entity_id, e)
            for e in stages.entities_from_frame(
                staging.read_all(staged_dir, "entities", "entities", valid)
            )
        )

        def batches() -> Iterator[dict[str, pl.DataFrame]]:
            for chunk in parallel.batched([a for a in p.todo if a in staged], READ_CHUNK):
                tally.n_staged += len(chunk)
                yield tally.add(
                    {
                        f"core.{name}": staging.read_rows(
                            staged_dir, "entities", name, valid, list(chunk)
                        )
                        for name in ("sentences", "mentions")
                    }
                )
            rest = [a for a in p.todo if a not in staged]
            yield from parse_articles(conn, rest, parse, found, tally)

        derived: dict[str, pl.DataFrame] = {}

        def write_catalog() -> None:
            # In the same transaction as the mentions it is derived from: a crash cannot leave
            # mentions of people the catalog does not have.
            catalog, aliases = stages.entity_catalog(
                gaz,
                found.values(),
                warehouse.read_table(conn, "core.entities"),
                warehouse.query(conn, "entity_attributes"),
                warehouse.query(conn, "mention_surfaces"),
            )
            derived.update({"core.entities": catalog, "core.entity_aliases": aliases})
            warehouse.overwrite(conn, derived)

        warehouse.stream_article_rows(
            conn,
            "entities",
            ["core.sentences", "core.mentions"],
            p.touched,
            p.inputs,
            batches(),
            finish=write_catalog,
        )
        catalog, aliases = derived["core.entities"], derived["core.entity_aliases"]
        n_actor = conn.execute(
            "select count(*) from core.mentions "
            "where is_actor and article_id in (select unnest(?))",
            [p.todo],
        ).fetchone()
    staging.clear(staged_dir, "entities")  # consumed and committed
    yield tally.result(
        "core.sentences",
        ["article_id", "sentence_index", "sentence_text"],
        n_from_batches=tally.n_staged,
        **plan_metadata(p),
    )
    yield tally.result(
        "core.mentions",
        ["surface_text", "entity_id", "country_code", "mention_kind", "is_actor"],
        n_actor_mentions=int(n_actor[0]) if n_actor else 0,
    )
    people = catalog.filter(pl.col("entity_type") == "person")
    yield result(
        "core.entities",
        people,
        ["entity_id", "canonical_name", "country_code", "role_name"],
        n_people=people.height,
        n_entities=catalog.height,
    )
    yield result("core.entity_aliases", aliases, ["alias_text", "entity_id"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key("core.events"),
            deps=[key("core.mentions"), key("core.sentences")],
            description="PLOVER events coded from article sentences: type, mode, context, "
            "CAMEO root, quad class, Goldstein score, date with precision, evidence and offsets.",
            group_name=CORE,
        ),
        dg.AssetSpec(
            key("core.event_actors"),
            deps=[key("core.mentions"), key("core.sentences")],
            description="Sources and targets of each event, with the state each stands for.",
            group_name=CORE,
        ),
    ],
)
def events(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Find event sentences (a French trigger plus actors), parse them, and code who did what to
    whom, when, from the article body only. Only new or changed articles are coded."""
    work.warm()
    code = functools.partial(work.events, parse_dir=parse_cache.cache_dir(dyad.build_path))
    tally = Tally()
    by_type: Counter[str] = Counter()
    with dyad.connect() as conn:
        p = body_plan(conn, "events", dyad.full_refresh)

        def contexts() -> Iterator[ArticleContext]:
            for chunk in parallel.batched(p.todo, READ_CHUNK):
                ids = list(chunk)
                yield from stages.article_contexts(
                    warehouse.article_rows(conn, "core.articles", ids),
                    warehouse.article_rows(conn, "core.sentences", ids),
                    warehouse.article_rows(conn, "core.mentions", ids),
                    conn.execute(
                        "select document_id, ingested_at from raw.documents "
                        "where document_id in (select document_id from core.articles "
                        "where article_id in (select unnest(?)))",
                        [ids],
                    ).pl(),
                )

        def batches() -> Iterator[dict[str, pl.DataFrame]]:
            for out in parallel.fan_out(code, contexts(), batch_size=32):
                tally.n_candidate_sentences += out.n_candidate_sentences
                tally.n_reparsed += out.n_reparsed
                by_type.update(e["event_type"] for e in out.events)
                yield tally.add(
                    {
                        "core.event_actors": frame(out.event_actors, stages.EVENT_ACTOR_SCHEMA),
                        "core.events": frame(out.events, stages.EVENT_SCHEMA),
                    }
                )

        warehouse.stream_article_rows(
            conn,
            "events",
            ["core.event_actors", "core.events"],
            p.touched,
            p.inputs,
            batches(),
        )
    yield tally.result(
        "core.events",
        ["event_type", "event_date", "trigger_text", "evidence_text"],
        n_candidate_sentences=tally.n_candidate_sentences,
        n_reparsed=tally.n_reparsed,
        events_by_type=dg.MetadataValue.json(dict(sorted(by_type.items()))),
        **plan_metadata(p),
    )
    yield tally.result("core.event_actors", ["event_id", "entity_id", "actor_role"])


@dg.asset(
    key=key("core.event_clusters"),
    deps=[key("core.events"), key("core.event_actors")],
    group_name=CORE,
)
def event_clusters(dyad: DyadResource) -> dg.MaterializeResult:
    """Group reports of the same real event (same type, same actor states, compatible dates)
    so counts are of events, not of articles."""
    with dyad.connect() as conn:
        clusters = stages.build_clusters(
            warehouse.read_table(conn, "core.events"),
            warehouse.read_table(conn, "core.event_actors"),
        )
        warehouse.replace_rows(conn, {"core.event_clusters": clusters})
    return result(
        "core.event_clusters",
        clusters,
        ["event_id", "cluster_id"],
        n_clusters=clusters["cluster_id"].n_unique(),
    )


def view_asset(view: str, deps: list[str], doc: str) -> dg.AssetsDefinition:
    @dg.asset(
        key=key(view),
        deps=[key(d) for d in deps],
        group_name=MART,
        description=doc,
    )
    def _view(dyad: DyadResource) -> dg.MaterializeResult:
        with dyad.connect() as conn:
            warehouse.create_views(conn, [view])
            df = conn.execute(f"select * from {view} limit {PREVIEW_ROWS}").pl()  # noqa: S608
            n = conn.execute(f"select count(*) from {view}").fetchone()  # noqa: S608
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": int(n[0]) if n else 0,
                "preview": preview(df, df.columns[:6]),
            }
        )

    return _view


event_dyads = view_asset(
    "mart.event_dyads",
    ["core.events", "core.event_actors", "core.event_clusters", "core.entities"],
    "One row per event x source x target, with both actors' states and names.",
)
actor_pair_counts = view_asset(
    "mart.actor_pair_counts",
    ["mart.event_dyads"],
    "Per unordered pair of states: distinct events (clusters), reporting articles, counts per "
    "quad class, first and last event dates, mean Goldstein score.",
)
actor_pair_counts_directed = view_asset(
    "mart.actor_pair_counts_directed",
    ["mart.event_dyads"],
    "Per ordered (source state, target state) pair: the same counts as actor_pair_counts.",
)
chronology = view_asset(
    "mart.chronology",
    ["mart.event_dyads", "core.articles", "raw.documents"],
    "Dated events in order, one row per event cluster and state pair, with the best evidence "
    "sentence, title, outlet, file and every reporting article.",
)


@dg.asset(
    key=dg.AssetKey(["published_warehouse"]),
    deps=[key(v) for v in warehouse.VIEWS],
    group_name="publish",
)
def published_warehouse(dyad: DyadResource) -> dg.MaterializeResult:
    """Publish the finished build as the warehouse file analysts query: an atomic copy, so open
    readers keep their snapshot and new readers see the complete new one."""
    with dyad.connect() as conn:
        counts = {t: warehouse.count_rows(conn, t) for t in warehouse.TABLES}
    dyad.publish()
    return dg.MaterializeResult(
        metadata={"path": dyad.warehouse_path, "row_counts": dg.MetadataValue.json(counts)}
    )


ALL_ASSETS = [
    raw_documents,
    articles,
    entity_batches,
    entities,
    events,
    event_clusters,
    event_dyads,
    actor_pair_counts,
    actor_pair_counts_directed,
    chronology,
    published_warehouse,
]
