"""The warehouse report: one self-contained HTML page (inline CSS and SVG, a few lines of inline
script, nothing fetched) built from the records of the report queries (``sql/queries/report_*``).

The page forbids itself any network access (a Content-Security-Policy of ``default-src 'none'``),
so it reads the same opened from a mail, an intranet share or a laptop with no connection. Its
script only measures what the browser drew and writes it on each chart as ``data-drawn``
(``"node:14 edge:8"``), so a headless browser can check the charts drew; the charts themselves
need no script.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from etl.transforms.charts import (
    Actor,
    MonthCount,
    Pair,
    Place,
    QuadCount,
    network_svg,
    quad_svg,
    timeline_svg,
)

# Pairs in the timeline (one row each) and in the network (one edge each).
TIMELINE_PAIRS = 8
NETWORK_PAIRS = 40

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a202c;
       margin: 24px auto; max-width: 960px; padding: 0 16px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 2px; }
p.lead, p.note { color: #4a5568; margin: 2px 0 8px; }
dl.figures { display: flex; gap: 28px; margin: 12px 0; }
dl.figures div { display: flex; flex-direction: column-reverse; }
dl.figures dt { color: #4a5568; font-size: 12px; } dl.figures dd { margin: 0; font-size: 20px; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg text { font-size: 12px; fill: #1a202c; }
svg text.axis, svg text.muted { font-size: 11px; fill: #718096; }
svg text.node-label { paint-order: stroke; stroke: #fff; stroke-width: 3px; font-size: 12px; }
svg line.baseline { stroke: #cbd5e0; } svg line.tick { stroke: #a0aec0; }
"""

# Counts the marks each chart drew with a visible size, per data-mark name.
_SELF_CHECK = """
document.querySelectorAll("svg.chart").forEach(function (svg) {
  var drawn = {};
  svg.querySelectorAll(".mark").forEach(function (m) {
    var box = m.getBoundingClientRect();
    var name = m.getAttribute("data-mark");
    // A line may be flat; a bar or a node needs both sides.
    var line = m.tagName.toLowerCase() === "line";
    var seen = line ? box.width + box.height > 0 : box.width > 0 && box.height > 0;
    if (seen) { drawn[name] = (drawn[name] || 0) + 1; }
  });
  svg.setAttribute("data-drawn", Object.keys(drawn).sort().map(function (k) {
    return k + ":" + drawn[k];
  }).join(" "));
});
"""


@dataclass(frozen=True)
class ReportData:
    """What the report shows, as the report queries return it."""

    summary: Mapping[str, Any]
    timeline_pairs: Sequence[Pair]
    months: Sequence[MonthCount]
    network_pairs: Sequence[Pair]
    actors: Sequence[Actor]
    quads: Sequence[QuadCount]
    source: str = ""  # the warehouse file named in the page (its name: the page may travel)


def report_data(records: Mapping[str, Sequence[Mapping[str, Any]]], source: str = "") -> ReportData:
    """Typed report data from the rows of each query (``report_summary``, ``report_pairs`` for
    the timeline and ``report_network_pairs`` for the network, ``report_months``,
    ``report_actors``, ``report_quad_classes``)."""
    summary = records["report_summary"][0] if records["report_summary"] else {}
    return ReportData(
        summary=dict(summary),
        timeline_pairs=[Pair(**r) for r in records["report_pairs"]],
        months=[MonthCount(**r) for r in records["report_months"]],
        network_pairs=[Pair(**r) for r in records["report_network_pairs"]],
        actors=[Actor(**r) for r in records["report_actors"]],
        quads=[QuadCount(**r) for r in records["report_quad_classes"]],
        source=source,
    )


def _figure(label: str, value: object) -> str:
    return f"<div><dt>{escape(label)}</dt><dd>{escape(str(value))}</dd></div>"


def render_report(
    data: ReportData, title: str = "Dyad: events report", place: Place | None = None
) -> str:
    """The report page as HTML text (``place``: the network's layout, :func:`charts.layout` by
    default)."""
    s = data.summary
    first, last = s.get("first_event_date"), s.get("last_event_date")
    span = f"{first} to {last}" if first and last else "no dated events"
    figures = "".join(
        [
            _figure("articles", s.get("n_articles", 0)),
            _figure("articles with events", s.get("n_articles_with_events", 0)),
            _figure("event reports", s.get("n_reports", 0)),
            _figure("real events (clusters)", s.get("n_events", 0)),
        ]
    )
    source = f" from <code>{escape(data.source)}</code>" if data.source else ""
    n_timeline, n_network = len(data.timeline_pairs), len(data.network_pairs)
    body = f"""
<h1>{escape(title)}</h1>
<p class="lead">PLOVER events coded from French news pages{source}; event dates {escape(span)}.
Counts are of real events (reports of one event share a cluster) unless they say reports.</p>
<dl class="figures">{figures}</dl>

<h2>Events per month, top {n_timeline} actor pairs</h2>
<p class="note">One row per pair (most events first), one bar per month with events dated to the
month or the day; bar colour is the pair's mean Goldstein score, as in the network.</p>
{timeline_svg(data.timeline_pairs, data.months)}

<h2>Actor network, top {n_network} pairs</h2>
<p class="note">Node area: the actor's events with any other actor. Edge width: the pair's
events; edge colour: their mean Goldstein score (red conflict, blue cooperation).</p>
{network_svg(data.network_pairs, data.actors, place)}

<h2>Events per quad class</h2>
<p class="note">PLOVER quad classes of every event report, counted once per real event.</p>
{quad_svg(data.quads)}
"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n"
        f"<body>{body}<script>{_SELF_CHECK}</script></body></html>\n"
    )
