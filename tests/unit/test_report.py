"""The report renderer on literal records: what it draws, what it escapes, what it clips."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from etl.transforms import charts
from etl.transforms.report import render_report, report_data
from etl.warehouse.report import remembered_layout


def pair(a: str, b: str, n: int, score: float) -> dict[str, object]:
    return {
        "actor_code_a": a,
        "actor_name_a": a.title(),
        "actor_kind_a": "state",
        "actor_code_b": b,
        "actor_name_b": b.title(),
        "actor_kind_b": "igo" if b.startswith("IGO:") else "state",
        "n_events": n,
        "n_reports": n + 1,
        "mean_goldstein_score": score,
    }


def records(months: list[date]) -> dict[str, list[dict[str, object]]]:
    pairs = [
        pair("FRA", "MLI", 5, -4.0),
        pair("MLI", "RUS", 3, 6.0),
        pair("IGO:ecowas", "NER", 1, 0),
    ]
    return {
        "report_summary": [{"n_articles": 4, "n_reports": 10, "n_events": 9}],
        "report_pairs": pairs[:2],
        "report_network_pairs": pairs,
        "report_months": [
            {"actor_code_a": "FRA", "actor_code_b": "MLI", "event_month": m, "n_events": 2}
            for m in months
        ],
        "report_actors": [
            {"actor_code": c, "actor_name": c.title(), "actor_kind": "state", "n_events": 2}
            for c in ("FRA", "MLI", "RUS", "IGO:ecowas", "NER")
        ],
        "report_quad_classes": [
            {"quad_class": 1, "n_events": 4, "n_reports": 5},
            {"quad_class": 4, "n_events": 5, "n_reports": 5},
        ],
    }


def test_one_mark_per_record_and_nothing_fetched() -> None:
    html = render_report(report_data(records([date(2024, 1, 1), date(2024, 3, 1)])))
    assert html.count('data-mark="month-bar"') == 2
    assert html.count('class="pair-row"') == 2
    assert html.count('data-mark="edge"') == 3
    assert html.count('data-mark="node"') == 5
    assert html.count('data-mark="quad-bar"') == 2  # the classes with events
    assert "default-src 'none'" in html
    assert "http://" not in html and "https://" not in html and "src=" not in html
    assert html == render_report(report_data(records([date(2024, 1, 1), date(2024, 3, 1)])))


def test_names_are_escaped() -> None:
    data = records([])
    data["report_actors"][0]["actor_name"] = "<script>alert(1)</script>"
    html = render_report(report_data(data))
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_the_timeline_keeps_the_latest_months() -> None:
    old = [date(1990, 5, 1), date(2001, 1, 1)]
    recent = [date(2023, m, 1) for m in range(1, 13)]
    html = render_report(report_data(records(old + recent)))
    assert html.count('data-mark="month-bar"') == len(recent)
    assert "4 earlier dated events of these pairs not shown" in html
    assert "1990" not in html.split('id="timeline"')[1].split("</svg>")[0]


def test_goldstein_colours_run_from_red_to_blue() -> None:
    assert charts._goldstein_colour(-10) == "#b2182b"
    assert charts._goldstein_colour(0) == "#bdbdbd"
    assert charts._goldstein_colour(10) == "#2166ac"
    assert charts._goldstein_colour(None) == "#a0aec0"


def test_the_layout_is_deterministic_and_separates_nodes() -> None:
    names = ["A", "B", "C", "D"]
    edges = [("A", "B", 3.0), ("B", "C", 1.0)]
    assert charts.layout(names, edges) == charts.layout(names, edges)
    points = {n: [0.0, 0.0] for n in names}
    charts.separate(points, dict.fromkeys(names, 5.0), gap=2)
    for a in names:
        for b in names:
            if a < b:
                d = ((points[a][0] - points[b][0]) ** 2 + (points[a][1] - points[b][1]) ** 2) ** 0.5
                assert d >= 11.9


def test_a_remembered_layout_gives_the_same_page_and_follows_the_pairs(tmp_path: Path) -> None:
    memo = tmp_path / ".dyad.report.html.layout"
    first = report_data(records([date(2024, 1, 1)]))
    fresh = render_report(first)
    assert render_report(first, place=remembered_layout(memo)) == fresh  # computed, remembered
    assert memo.is_file()
    assert render_report(first, place=remembered_layout(memo)) == fresh  # read back, exactly
    # Other pairs: the memo of the first ones must not be used.
    other = records([date(2024, 1, 1)])
    other["report_network_pairs"] = other["report_network_pairs"][:2]
    second = report_data(other)
    assert render_report(second, place=remembered_layout(memo)) == render_report(second)
    memo.write_text("{not json", encoding="utf-8")
    assert render_report(first, place=remembered_layout(memo)) == fresh
