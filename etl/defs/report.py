"""The report asset: an offline HTML page of the published warehouse (timeline of the top actor
pairs, actor network, quad classes), written beside it and linked from the UI."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from etl import warehouse
from etl.defs.resources import DyadResource
from etl.warehouse import report


# Not a warehouse object, so not ``[schema, table]``: ``reports/overview`` names a file of the
# ``reports`` family, which later pages (per actor, per country) can join.
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
    with warehouse.connect(published, read_only=True) as conn:
        written = report.write_report(conn, report.report_path(published), source=str(published))
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
