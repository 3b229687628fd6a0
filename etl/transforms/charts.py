"""The report's three charts as inline SVG text, drawn from plain records (no browser library, no
network): events per month for the top actor pairs, the actor network, counts per quad class.

Every drawn mark carries ``class="mark"`` and a ``data-mark`` name (``month-bar``, ``node``,
``edge``, ``quad-bar``), so a browser can count what it drew (see :mod:`etl.transforms.report`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH = 920
# The timeline shows at most this many months, the latest ones: a recalled event of 1953 must not
# squeeze three years of news into a sliver.
MAX_MONTHS = 36
# Goldstein means beyond this are drawn at full colour (most pair means lie within it).
GOLDSTEIN_SPAN = 5.0
# Pull of every node to the centre in the layout: strong enough to keep small separate components
# near the main one, so the main one is not squeezed to fit them in the frame.
GRAVITY = 0.4
QUAD_LABELS = {
    1: "1 verbal cooperation",
    2: "2 material cooperation",
    3: "3 verbal conflict",
    4: "4 material conflict",
}
QUAD_COLOURS = {1: "#92c5de", 2: "#2166ac", 3: "#f4a582", 4: "#b2182b"}
KIND_COLOURS = {
    "state": "#4a5568",
    "igo": "#7b4fa0",
    "armed_group": "#c05621",
    "party": "#2c7a7b",
    "ngo": "#2f855a",
    "media": "#975a16",
    "company": "#718096",
}


@dataclass(frozen=True)
class Pair:
    """An unordered actor pair (a row of ``mart.actor_dyad_counts``)."""

    actor_code_a: str
    actor_name_a: str
    actor_kind_a: str | None
    actor_code_b: str
    actor_name_b: str
    actor_kind_b: str | None
    n_events: int
    n_reports: int
    mean_goldstein_score: float | None


@dataclass(frozen=True)
class Actor:
    actor_code: str
    actor_name: str
    actor_kind: str | None
    n_events: int


@dataclass(frozen=True)
class MonthCount:
    actor_code_a: str
    actor_code_b: str
    event_month: date
    n_events: int


@dataclass(frozen=True)
class QuadCount:
    quad_class: int
    n_events: int
    n_reports: int


def short_name(code: str, name: str | None, limit: int = 22) -> str:
    """A label that fits: the name, or for a long one the code without its prefix (ECOWAS)."""
    if name and len(name) <= limit:
        return name
    return code.split(":", 1)[-1].upper()


def pair_label(p: Pair) -> str:
    a, b = short_name(p.actor_code_a, p.actor_name_a), short_name(p.actor_code_b, p.actor_name_b)
    return f"{a} – {b}"


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def pair_key(p: Pair) -> tuple[str, str]:
    return (p.actor_code_a, p.actor_code_b)


def _svg(chart_id: str, height: float, body: Iterable[str], label: str) -> str:
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" role="img" aria-label="{escape(label)}">'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, text: str, cls: str = "", anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"'
        + (f' class="{cls}"' if cls else "")
        + f">{escape(text)}</text>"
    )


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month(i: int) -> date:
    return date(i // 12, i % 12 + 1, 1)


def timeline_svg(pairs: Sequence[Pair], months: Sequence[MonthCount]) -> str:
    """One row per pair, one bar per month with dated events (height by the month's real
    events), over the months the data spans (the latest :data:`MAX_MONTHS` at most)."""
    left, right, row_h, top = 210, 90, 36, 10
    counts = {(m.actor_code_a, m.actor_code_b, _month_index(m.event_month)): m for m in months}
    keys = {(p.actor_code_a, p.actor_code_b) for p in pairs}
    used = [i for (a, b, i) in counts if (a, b) in keys]
    parts: list[str] = []
    if not pairs:
        return _svg("timeline", 40, [_text(10, 24, "No actor pairs yet.")], "timeline")
    # With no dated event at all the rows say so, over no axis.
    last = max(used, default=0)
    first = max(min(used), last - MAX_MONTHS + 1) if used else 1
    n_months = last - first + 1 if used else 0
    step = (WIDTH - left - right) / max(n_months, 1)
    peak = max((counts[k].n_events for k in counts if k[:2] in keys), default=1)
    hidden = 0
    for r, p in enumerate(pairs):
        y0 = top + r * row_h
        base = y0 + row_h - 8
        row = [
            f'<g class="pair-row" data-pair="{escape(p.actor_code_a)}|{escape(p.actor_code_b)}">',
            _text(left - 10, base - 6, pair_label(p), "row-label", "end"),
            f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" class="baseline"/>',
        ]
        n_shown = 0
        for (a, b, i), m in sorted(counts.items()):
            if (a, b) != pair_key(p):
                continue
            if i < first:
                hidden += m.n_events
                continue
            h = max(2.0, (row_h - 12) * m.n_events / peak)
            x = left + (i - first) * step + step * 0.12
            colour = _goldstein_colour(p.mean_goldstein_score)
            row.append(
                f'<rect class="mark" data-mark="month-bar" x="{x:.1f}" y="{base - h:.1f}" '
                f'width="{max(1.0, step * 0.76):.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(pair_label(p))}, {m.event_month:%Y-%m}: "
                f"{_n(m.n_events, 'event')}</title></rect>"
            )
            n_shown += 1
        if not n_shown:
            row.append(_text(left + 6, base - 6, "no dated events in this window", "muted"))
        n_dated = sum(m.n_events for (a, b, _), m in counts.items() if (a, b) == pair_key(p))
        row.append(_text(WIDTH - 8, base - 6, f"{n_dated} of {p.n_events} dated", "muted", "end"))
        row.append("</g>")
        parts += row
    axis_y = top + len(pairs) * row_h + 4
    every = max(1, math.ceil(n_months / 12))
    for j in range(n_months):
        x = left + (j + 0.5) * step
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y - 4}" x2="{x:.1f}" y2="{axis_y}" class="tick"/>'
        )
        if j % every == 0:
            parts.append(_text(x, axis_y + 14, f"{_month(first + j):%Y-%m}", "axis", "middle"))
    height = axis_y + 24
    if hidden:
        note = f"{hidden} earlier dated event{'s' if hidden != 1 else ''} of these pairs not shown"
        parts.append(_text(left, height + 4, note, "muted"))
        height += 16
    return _svg("timeline", height, parts, "events per month for the top actor pairs")


def _goldstein_colour(score: float | None) -> str:
    """Red for conflict, grey at 0, blue for cooperation (clamped at +-GOLDSTEIN_SPAN)."""
    if score is None:
        return "#a0aec0"
    t = max(-1.0, min(1.0, score / GOLDSTEIN_SPAN))
    grey, end = (189, 189, 189), ((33, 102, 172) if t > 0 else (178, 24, 43))
    rgb = [round(g + (e - g) * abs(t)) for g, e in zip(grey, end, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def layout(
    names: Sequence[str], edges: Sequence[tuple[str, str, float]], iterations: int = 400
) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions around (0, 0), deterministic (nodes start on a circle in
    the given order), with a weak pull to the centre so separate components stay near."""
    n = len(names)
    pos = {
        name: [math.cos(2 * math.pi * i / max(n, 1)), math.sin(2 * math.pi * i / max(n, 1))]
        for i, name in enumerate(names)
    }
    k = 1.0 / math.sqrt(max(n, 1))
    temp = 0.2
    for _ in range(iterations):
        disp = {name: [-p[0] * GRAVITY, -p[1] * GRAVITY] for name, p in pos.items()}
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d2 = max(1e-6, dx * dx + dy * dy)
                f = k * k / d2
                disp[a][0] += dx * f
                disp[a][1] += dy * f
                disp[b][0] -= dx * f
                disp[b][1] -= dy * f
        for a, b, w in edges:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            f = math.hypot(dx, dy) / k * (1 + 0.3 * math.log1p(w))
            disp[a][0] -= dx * f
            disp[a][1] -= dy * f
            disp[b][0] += dx * f
            disp[b][1] += dy * f
        for name in names:
            dx, dy = disp[name]
            d = max(1e-9, math.hypot(dx, dy))
            pos[name][0] += dx / d * min(d, temp)
            pos[name][1] += dy / d * min(d, temp)
        temp = max(0.002, temp * 0.99)
    return {name: (p[0], p[1]) for name, p in pos.items()}


def separate(
    points: dict[str, list[float]], radii: Mapping[str, float], gap: float, rounds: int = 80
) -> None:
    """Push apart circles (in place) that overlap or come closer than ``gap``, so every node and
    the start of its label stay visible."""
    names = sorted(points)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                dx, dy = points[b][0] - points[a][0], points[b][1] - points[a][1]
                d = math.hypot(dx, dy) or 1e-3
                need = radii[a] + radii[b] + gap
                if d < need:
                    push = (need - d) / 2
                    ux, uy = (dx / d, dy / d) if d > 1e-3 else (1.0, 0.0)
                    points[a][0] -= ux * push
                    points[a][1] -= uy * push
                    points[b][0] += ux * push
                    points[b][1] += uy * push
                    moved = True
        if not moved:
            return


# How the network's nodes are placed: ``layout``, or a caller's memo of it (the report writer
# keeps the last result: the same pairs give the same positions, and the layout is most of
# rendering).
Edge = tuple[str, str, float]
Place = Callable[[Sequence[str], Sequence[Edge]], Mapping[str, tuple[float, float]]]


def network_svg(pairs: Sequence[Pair], actors: Sequence[Actor], place: Place | None = None) -> str:
    """The actors of ``pairs``: node area by the actor's real events, edge width by the pair's
    events, edge colour by the pair's mean Goldstein score (legend below)."""
    # Labels go right of their node: the right margin holds the longest short name.
    height, left, right, margin_y = 560, 50, 160, 40
    by_code = {a.actor_code: a for a in actors}
    codes = [a.actor_code for a in actors]
    edges = [p for p in pairs if p.actor_code_a in by_code and p.actor_code_b in by_code]
    if not codes:
        return _svg("network", 40, [_text(10, 24, "No actor pairs yet.")], "network")
    pos = (place or layout)(codes, [(p.actor_code_a, p.actor_code_b, p.n_events) for p in edges])
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    span_x, span_y = max(xs) - min(xs) or 1.0, max(ys) - min(ys) or 1.0
    plot_h = height - 2 * margin_y - 40
    peak_node = max((a.n_events for a in actors), default=1)
    radius = {a.actor_code: 4 + 18 * math.sqrt(a.n_events / peak_node) for a in actors}
    points = {
        c: [
            left + (x - min(xs)) / span_x * (WIDTH - left - right),
            margin_y + (y - min(ys)) / span_y * plot_h,
        ]
        for c, (x, y) in pos.items()
    }
    separate(points, radius, gap=16)
    for pt in points.values():
        pt[0] = min(max(pt[0], 24.0), WIDTH - right + 10)
        pt[1] = min(max(pt[1], 24.0), margin_y + plot_h + 10)

    def at(code: str) -> tuple[float, float]:
        return points[code][0], points[code][1]

    peak_edge = max((p.n_events for p in edges), default=1)
    parts: list[str] = []
    for p in edges:
        (x1, y1), (x2, y2) = at(p.actor_code_a), at(p.actor_code_b)
        score = "n/a" if p.mean_goldstein_score is None else f"{p.mean_goldstein_score:+.1f}"
        parts.append(
            f'<line class="mark" data-mark="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
            f'y2="{y2:.1f}" stroke="{_goldstein_colour(p.mean_goldstein_score)}" '
            f'stroke-width="{1.5 + 6 * p.n_events / peak_edge:.1f}" stroke-linecap="round">'
            f"<title>{escape(pair_label(p))}: {p.n_events} events, mean Goldstein {score}"
            "</title></line>"
        )
    labels: list[str] = []
    for a in actors:
        x, y = at(a.actor_code)
        r = radius[a.actor_code]
        colour = KIND_COLOURS.get(a.actor_kind or "", "#718096")
        parts.append(
            f'<circle class="mark" data-mark="node" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
            f'fill="{colour}"><title>{escape(a.actor_name)} ({escape(a.actor_code)}): '
            f"{a.n_events} events</title></circle>"
        )
        # Drawn after every node, so no node hides a label.
        labels.append(_text(x + r + 3, y + 4, short_name(a.actor_code, a.actor_name), "node-label"))
    parts += labels
    parts.append(_legend(height - 30))
    return _svg("network", height, parts, "actor network")


def _legend(y: float) -> str:
    """The edge colour scale and the node colours by kind."""
    stops = "".join(
        f'<stop offset="{(v + GOLDSTEIN_SPAN) / (2 * GOLDSTEIN_SPAN):.2f}" '
        f'stop-color="{_goldstein_colour(v)}"/>'
        for v in (-GOLDSTEIN_SPAN, -GOLDSTEIN_SPAN / 2, 0, GOLDSTEIN_SPAN / 2, GOLDSTEIN_SPAN)
    )
    x = 20
    out = [
        f'<defs><linearGradient id="goldstein">{stops}</linearGradient></defs>',
        _text(x, y + 4, "edge: mean Goldstein", "axis"),
        f'<rect x="{x + 130}" y="{y - 6}" width="190" height="12" fill="url(#goldstein)"/>',
        _text(x + 130, y + 20, f"−{GOLDSTEIN_SPAN:g} conflict", "axis"),
        _text(x + 320, y + 20, f"+{GOLDSTEIN_SPAN:g} cooperation", "axis", "end"),
    ]
    cx = x + 360
    out.append(_text(cx, y + 4, "node (area: events):", "axis"))
    cx += 130
    for kind in ("state", "igo", "armed_group", "party", "ngo"):
        out.append(f'<circle cx="{cx}" cy="{y}" r="6" fill="{KIND_COLOURS[kind]}"/>')
        out.append(_text(cx + 9, y + 4, kind.replace("_", " "), "axis"))
        cx += 18 + 7 * len(kind)
    return "".join(out)


def quad_svg(quads: Sequence[QuadCount]) -> str:
    """One horizontal bar per PLOVER quad class with real events (length by events), with the
    reports behind them in the label."""
    left, right, row_h, top = 210, 170, 34, 8
    found = {q.quad_class: q for q in quads}
    peak = max((q.n_events for q in quads), default=1) or 1
    parts: list[str] = []
    for r, (cls, label) in enumerate(QUAD_LABELS.items()):
        y = top + r * row_h
        parts.append(_text(left - 10, y + 17, label, "row-label", "end"))
        q = found.get(cls)
        n_events, n_reports = (q.n_events, q.n_reports) if q else (0, 0)
        w = (WIDTH - left - right) * n_events / peak
        if n_events:
            parts.append(
                f'<rect class="mark" data-mark="quad-bar" x="{left}" y="{y + 4}" '
                f'width="{w:.1f}" height="{row_h - 10}" fill="{QUAD_COLOURS[cls]}">'
                f"<title>{escape(label)}: {n_events} events, {n_reports} reports</title></rect>"
            )
        parts.append(
            _text(left + w + 8, y + 17, f"{_n(n_events, 'event')} ({_n(n_reports, 'report')})")
        )
    return _svg("quad-classes", top + 4 * row_h + 6, parts, "events per quad class")
