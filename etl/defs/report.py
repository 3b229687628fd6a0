"""The report asset: an offline HTML page of the published warehouse (timeline of the top actor
pairs, actor network, quad classes), written beside it and linked from the UI.

Its key is ``reports/overview``, not ``[schema, table]``: it is a file, not a warehouse object,
so it takes a family of its own (``reports``) where later pages (per actor, per country) can sit
beside it, and a name for what it shows rather than a plural table name."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from etl import warehouse
from etl.defs.resources import DyadResource
from etl.warehouse import report


@dg.asset(
    key=dg.AssetKey(["reports", "overview"]),
    deps=[dg.AssetKey(["published_warehouse"])],
    group_name="publish",
    kinds={"duckdb", "html"},
)
def report_overview(dyad: DyadResource) -> dg.MaterializeResult:
    """Render the published warehouse as one self-contained HTML page (inline SVG, nothing
    fetched): events per month for the top actor pairs, the actor network (node size by events,
    edge colour by mean Goldstein score) and events per quad class. It reads the published file
    read-only, as analysts do, and writes ``<warehouse>.report.html`` beside it; the metadata
    gives its path and a ``file://`` link to open it."""
    published = Path(dyad.warehouse_path)
    if not published.is_file():
        raise FileNotFoundError(f"no published warehouse at {published}: materialize it first")
    with warehouse.connect(published, read_only=True) as conn:
        written = report.write_report(conn, report.report_path(published), source=published.name)
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(written.path)),
            "url": dg.MetadataValue.url(written.url),
            "n_bytes": written.n_bytes,
            "n_timeline_pairs": written.n_timeline_pairs,
            "n_network_pairs": written.n_network_pairs,
            "n_actors": written.n_actors,
            "n_quad_classes": written.n_quad_classes,
        }
    )
