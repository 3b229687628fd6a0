"""The article asset: metadata and clean bodies of the accepted pages."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg

from etl.defs.metadata import json, key, tally_result
from etl.defs.resources import DyadResource
from etl.stages import articles as stage


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key("core.articles"),
            deps=[key("raw.documents")],
            description="One article per accepted page: title, outlet, author, publication date "
            "with precision, language and the story body without page furniture.",
            group_name="core",
        ),
        dg.AssetSpec(
            key("core.article_segments"),
            deps=[key("raw.documents")],
            description="Where each kept block of an article body sits in the page's raw text.",
            group_name="core",
        ),
    ],
)
def articles(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Extract each accepted page's article: metadata plus a clean body (menus, teasers,
    sidebars and comment widgets dropped). Only new or changed documents are processed."""
    with dyad.connect() as conn:
        plan, tally = stage.run(conn, full_refresh=dyad.full_refresh, workers=dyad.nlp_processes)
    yield tally_result(
        "core.articles",
        tally,
        ["title", "outlet_name", "author_name", "published_date", "language_code", "n_words"],
        dropped_boilerplate_lines=json(tally.detail("dropped_boilerplate_lines")),
        n_empty=tally.counts["n_empty"],
        extraction_failures=json(tally.detail("extraction_failures")),
        **plan.metadata(),
    )
    yield tally_result("core.article_segments", tally, ["article_id", "segment_index"])
