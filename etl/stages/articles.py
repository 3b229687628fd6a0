"""The article stage: each accepted page's metadata and clean body (``core.articles``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from etl import warehouse
from etl.stages import runner
from etl.stages.ledger import Plan
from etl.stages.versions import stage_version
from etl.transforms.articles import extract_article
from etl.transforms.sidecars import FILLED, PageMetadata, apply_metadata
from etl.transforms.types import ArticleRecord
from etl.warehouse import records

# The record each table's rows come from, and the columns the stage supplies itself.
RECORDS: dict[str, tuple[type, tuple[str, ...]]] = {
    "core.articles": (
        ArticleRecord,
        (
            "article_id",
            "document_id",
            "extractor_version",
            "page_url",
            *(f"{c}_method" for c in FILLED),
            "metadata_file_name",
        ),
    ),
}
# What a page's sidecar or manifest gives (raw.document_files columns, by the record's fields).
METADATA_COLUMNS = tuple(f.name for f in dataclasses.fields(PageMetadata))


@dataclass(frozen=True)
class ArticleRows:
    articles: list[dict[str, Any]]
    segments: list[dict[str, Any]]
    dropped_lines: dict[str, int]
    failures: dict[str, str]


def build_articles(documents: Sequence[Mapping[str, Any]]) -> ArticleRows:
    """One article per accepted document; a page the extractor chokes on is reported, not lost.

    This is what a worker does with one batch of ``raw.documents`` rows.
    """
    version = stage_version("articles")
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
        # The scraper's record wins over what the text gives.
        given = None
        if row.get("metadata_method"):
            given = PageMetadata(**{c: row[c] for c in METADATA_COLUMNS})
        rec, provenance = apply_metadata(rec, given, row.get("metadata_method"))
        article_id = document_id
        dropped[row["file_name"]] = rec.n_dropped_lines
        articles.append(
            records.row(
                "core.articles",
                rec,
                article_id=article_id,
                document_id=document_id,
                extractor_version=version,
                metadata_file_name=row.get("metadata_file_name"),
                **provenance,
            )
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


# Pages listed with their dropped lines in the asset's metadata: the most dropped, not one entry
# per page (100,000 entries held in memory and in the run's event log, and unreadable in the UI).
DROPPED_SHOWN = 20


def most_dropped(dropped: dict[str, int]) -> dict[str, int]:
    """The :data:`DROPPED_SHOWN` pages with the most dropped lines (ties by name)."""
    ranked = sorted(dropped.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ranked[:DROPPED_SHOWN])


def _frames(out: ArticleRows, tally: runner.Tally) -> runner.Frames:
    tally.counts["n_dropped_lines"] += sum(out.dropped_lines.values())
    shown = tally.detail("dropped_boilerplate_lines")
    shown.update(out.dropped_lines)
    if len(shown) > 4 * DROPPED_SHOWN:  # bounded, whatever the corpus
        kept = most_dropped(shown)
        shown.clear()
        shown.update(kept)
    tally.detail("extraction_failures").update(out.failures)
    return {
        "core.article_segments": records.frame("core.article_segments", out.segments),
        "core.articles": records.frame("core.articles", out.articles),
    }


STAGE = runner.Stage(
    name="articles",
    tables=("core.article_segments", "core.articles"),
    work=build_articles,
    frames=_frames,
    batch_size=32,
)


def run(
    conn: duckdb.DuckDBPyConnection, *, full_refresh: bool, workers: int | None
) -> tuple[Plan, runner.Tally]:
    """Extract the articles of new or changed accepted documents."""
    # An article depends on its document and on the metadata its sidecar or manifest gives.
    p = runner.sql_plan(conn, "articles", "plan_articles", full_refresh=full_refresh)

    def documents() -> Iterator[dict[str, Any]]:
        for chunk in runner.chunks(p.todo):
            yield from warehouse.query(conn, "documents_by_id", document_ids=chunk).iter_rows(
                named=True
            )

    tally = runner.run(conn, STAGE, p, documents(), workers=workers)
    tally.counts["n_empty"] = warehouse.scalar(conn, "n_empty_articles", article_ids=p.todo)
    kept = most_dropped(tally.detail("dropped_boilerplate_lines"))
    tally.details["dropped_boilerplate_lines"] = kept
    return p, tally
