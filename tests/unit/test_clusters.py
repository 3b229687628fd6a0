"""Cross-report clusters: one real event, however many reports."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

import polars as pl
import pytest

from etl.transforms.clusters import cluster_events

D = dt.date(2024, 5, 10)


def _events(rows: Sequence[tuple[str, str, dt.date | None, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "event_id": [r[0] for r in rows],
            "article_id": [r[1] for r in rows],
            "event_type": ["CONSULT"] * len(rows),
            "event_date": [r[2] for r in rows],
            "event_date_precision": [r[3] for r in rows],
            "event_date_method": ["clause"] * len(rows),
        },
        schema_overrides={"event_date": pl.Date},
    )


def _actors(event_ids: list[str], pair: tuple[str, str] = ("FRA", "MLI")) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "event_id": [e for e in event_ids for _ in pair],
            "entity_id": [f"country:{c}" for _ in event_ids for c in pair],
            "country_code": [c for _ in event_ids for c in pair],
        }
    )


def _groups(events: pl.DataFrame, actors: pl.DataFrame) -> set[frozenset[str]]:
    by_cluster: dict[str, set[str]] = {}
    for r in cluster_events(events, actors):
        by_cluster.setdefault(r["cluster_id"], set()).add(r["event_id"])
    return {frozenset(v) for v in by_cluster.values()}


def test_overlapping_dates_chain_and_distant_ones_do_not() -> None:
    rows = [
        ("e1", "a1", D, "day"),
        ("e2", "a2", D + dt.timedelta(days=2), "day"),  # overlaps e1's window by a day
        ("e3", "a3", D + dt.timedelta(days=4), "day"),  # overlaps e2's, so joins e1 too
        ("e4", "a4", D + dt.timedelta(days=30), "day"),
    ]
    events = _events(rows)
    assert _groups(events, _actors([r[0] for r in rows])) == {
        frozenset({"e1", "e2", "e3"}),
        frozenset({"e4"}),
    }


def test_undated_reports_join_only_their_own_article() -> None:
    rows = [
        ("e1", "a1", D, "day"),
        ("e2", "a1", None, None),
        ("e3", "a2", None, None),
        ("e4", "a1", D + dt.timedelta(days=40), "day"),  # bridged to e1 by the undated e2
    ]
    assert _groups(_events(rows), _actors([r[0] for r in rows])) == {
        frozenset({"e1", "e2", "e4"}),
        frozenset({"e3"}),
    }


def test_other_pairs_are_other_events() -> None:
    events = _events([("e1", "a1", D, "day"), ("e2", "a2", D, "day")])
    actors = pl.concat([_actors(["e1"]), _actors(["e2"], ("RUS", "MLI"))])
    assert _groups(events, actors) == {frozenset({"e1"}), frozenset({"e2"})}


def test_a_pair_reported_thousands_of_times() -> None:
    # One report a day for ten years: each window overlaps the next, so one chain.
    rows = [(f"e{i:05d}", f"a{i}", D + dt.timedelta(days=i), "day") for i in range(3650)]
    assert _groups(_events(rows), _actors([r[0] for r in rows])) == {frozenset(r[0] for r in rows)}


def _pairwise_groups(
    rows: Sequence[tuple[str, str, dt.date | None, str | None]],
) -> set[frozenset[str]]:
    """The definition, pair by pair: same article with one undated, or overlapping windows."""
    from etl.transforms.clusters import date_window

    windows = {r[0]: date_window(r[2], r[3], "clause") for r in rows}
    parent = {r[0]: r[0] for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a in rows:
        for b in rows:
            wa, wb = windows[a[0]], windows[b[0]]
            same = a[1] == b[1] and (wa is None or wb is None)
            overlap = wa is not None and wb is not None and wa[0] <= wb[1] and wb[0] <= wa[1]
            if same or overlap:
                parent[find(a[0])] = find(b[0])
    groups: dict[str, set[str]] = {}
    for r in rows:
        groups.setdefault(find(r[0]), set()).add(r[0])
    return {frozenset(g) for g in groups.values()}


def test_clusters_match_the_pairwise_definition() -> None:
    rng = random.Random(7)
    rows = [
        (
            f"e{i:03d}",
            f"a{rng.randrange(12)}",
            *(
                (None, None)
                if rng.random() < 0.3
                else (D + dt.timedelta(days=rng.randrange(60)), "day")
            ),
        )
        for i in range(300)
    ]
    assert _groups(_events(rows), _actors([r[0] for r in rows])) == _pairwise_groups(rows)


def test_one_article_repeating_one_dyad_costs_one_union_per_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 20,000 undated reports of one dyad in one page: uniting each with every other was quadratic.
    from etl.transforms import clusters

    calls = 0
    union = clusters._Union.union

    def counting(self: clusters._Union, a: str, b: str) -> None:
        nonlocal calls
        calls += 1
        union(self, a, b)

    monkeypatch.setattr(clusters._Union, "union", counting)
    n = 20_000
    rows = [(f"e{i:05d}", "a1", None, None) for i in range(n)]
    assert _groups(_events(rows), _actors([r[0] for r in rows])) == {frozenset(r[0] for r in rows)}
    assert calls < 2 * n
