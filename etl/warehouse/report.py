"""``dyad report`` and the report asset: read the report queries (``sql/queries/report_*.sql``)
from a warehouse, render the page (:mod:`etl.transforms.report`) and write it atomically."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from etl.transforms import charts
from etl.transforms.report import NETWORK_PAIRS, TIMELINE_PAIRS, render_report, report_data
from etl.warehouse.connection import read_query
from etl.warehouse.tables import query


@dataclass(frozen=True)
class Written:
    path: Path
    n_bytes: int
    n_timeline_pairs: int
    n_network_pairs: int
    n_actors: int
    n_quad_classes: int  # quad classes with at least one event

    @property
    def url(self) -> str:
        return self.path.resolve().as_uri()


def report_path(warehouse_path: Path) -> Path:
    """Where the report of a warehouse goes by default: beside it, ``dyad.report.html``."""
    return warehouse_path.with_name(warehouse_path.stem + ".report.html")


def stage_dyads(conn: duckdb.DuckDBPyConnection) -> None:
    """Evaluate ``mart.event_dyads`` once into the temporary table ``report_dyads`` (the rows and
    columns of ``report_dyads.sql``) that the pair, month and actor queries read. A temporary
    table lives in the connection's memory, so a read-only connection can hold it too."""
    conn.execute("create or replace temp table report_dyads as " + read_query("report_dyads"))


def read_records(conn: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """The rows of every report query, as records."""
    # The view is evaluated once for the three queries that count dyads: each evaluated it on its
    # own before (about 0.5 s apiece at 100,000 pages, on a cold read-only instance).
    stage_dyads(conn)
    try:
        # The pairs are ranked once; the timeline's pairs are the first of the network's (the
        # order is total), and the months and actors queries get them as parameters, so that
        # they read only the dyads of those pairs.
        pairs = query(conn, "report_pairs", n_pairs=max(TIMELINE_PAIRS, NETWORK_PAIRS)).to_dicts()
        timeline, network = pairs[:TIMELINE_PAIRS], pairs[:NETWORK_PAIRS]
        shown = sorted({p["actor_code_a"] for p in network} | {p["actor_code_b"] for p in network})
        months = query(
            conn,
            "report_months",
            pair_a_codes=[p["actor_code_a"] for p in timeline],
            pair_b_codes=[p["actor_code_b"] for p in timeline],
        )
        return {
            "report_summary": query(conn, "report_summary").to_dicts(),
            "report_pairs": timeline,
            "report_network_pairs": network,
            "report_months": months.to_dicts(),
            "report_actors": query(conn, "report_actors", actor_codes=shown).to_dicts(),
            "report_quad_classes": query(conn, "report_quad_classes").to_dicts(),
        }
    finally:
        conn.execute("drop table if exists report_dyads")


def layout_path(out: Path) -> Path:
    """Where the report at ``out`` keeps its network's last layout: ``.dyad.report.html.layout``."""
    return out.with_name(f".{out.name}.layout")


def remembered_layout(memo: Path) -> charts.Place:
    """:func:`charts.layout`, remembered in the file ``memo`` with what it was computed from (the
    nodes, the edges and the charts module's bytes, which hold the algorithm): a run whose top
    pairs did not change gets the same positions without the 400 iterations (0.4-2 s of the
    report at 100,000 pages). JSON keeps every float exactly, so the page is byte-identical."""

    def place(
        names: Sequence[str], edges: Sequence[tuple[str, str, float]]
    ) -> Mapping[str, tuple[float, float]]:
        key = hashlib.sha256(
            json.dumps([list(names), [list(e) for e in edges]]).encode()
            + Path(charts.__file__).read_bytes()
        ).hexdigest()
        try:
            saved = json.loads(memo.read_text(encoding="utf-8"))
            if saved["key"] == key:
                return {n: (float(x), float(y)) for n, (x, y) in saved["positions"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            pass  # none yet, or unreadable: compute it
        positions = charts.layout(names, edges)
        tmp = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps({"key": key, "positions": positions}), encoding="utf-8")
            os.replace(tmp, memo)
        except OSError:
            pass  # a memo that cannot be written costs the next run the layout, nothing else
        finally:
            tmp.unlink(missing_ok=True)
        return positions

    return place


def write_report(conn: duckdb.DuckDBPyConnection, out: Path, source: str = "") -> Written:
    """Render the warehouse ``conn`` reads into ``out`` (a temporary file renamed over it, so a
    browser never opens half a page)."""
    data = report_data(read_records(conn), source=source)
    html = render_report(data, place=remembered_layout(layout_path(out))).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(html)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return Written(
        path=out,
        n_bytes=len(html),
        n_timeline_pairs=len(data.timeline_pairs),
        n_network_pairs=len(data.network_pairs),
        n_actors=len(data.actors),
        n_quad_classes=sum(q.n_events > 0 for q in data.quads),
    )
