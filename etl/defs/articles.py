"""The article asset: metadata and clean bodies of the accepted pages."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg

from etl.defs.checks import StepResult, check_results, check_specs
from etl.defs.metadata import FRAME_KINDS, json, logged_progress, row_counts, table_result
from etl.defs.metadata import table_spec as spec
from etl.defs.resources import DyadResource
from etl.stages import articles as stage

TABLES = ("core.articles", "core.article_segments")


@dg.multi_asset(
    specs=[
        spec(
            "core.articles",
            deps=["raw.documents"],
            description="One article per accepted page: title, outlet, author, publication date "
            "with precision, language and the story body without page furniture.",
            kinds=FRAME_KINDS,
        ),
        spec(
            "core.article_segments",
            deps=["raw.documents"],
            description="Where each kept block of an article body sits in the page's raw text.",
            kinds=FRAME_KINDS,
        ),
    ],
    check_specs=check_specs(TABLES),
)
# ``context`` is left unannotated: with postponed annotations Dagster sees a string and refuses it.
def articles(context, dyad: DyadResource) -> Iterator[StepResult]:
    """Extract each accepted page's article: metadata plus a clean body (menus, teasers,
    sidebars and comment widgets dropped). Only new or changed documents are processed."""
    with dyad.connect() as conn, logged_progress(context):
        before = row_counts(conn, TABLES)
        plan, tally = stage.run(conn, full_refresh=dyad.full_refresh, workers=dyad.nlp_processes)
        results: list[StepResult] = [
            table_result(
                conn,
                "core.articles",
                ["title", "outlet_name", "author_name", "published_date", "n_words"],
                before=before,
                inserted=tally.rows["core.articles"],
                # The pages with the most lines dropped (menus, teasers), and the total.
                dropped_boilerplate_lines=json(tally.detail("dropped_boilerplate_lines")),
                n_dropped_lines=tally.counts["n_dropped_lines"],
                n_empty=tally.counts["n_empty"],
                extraction_failures=json(tally.detail("extraction_failures")),
                **plan.metadata(),
            ),
            table_result(
                conn,
                "core.article_segments",
                ["article_id", "segment_index", "body_char_start", "raw_char_start"],
                before=before,
                inserted=tally.rows["core.article_segments"],
            ),
            *check_results(conn, TABLES),
        ]
    yield from results
