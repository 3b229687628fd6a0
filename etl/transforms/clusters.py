"""Cross-report deduplication: reports of one real event share a cluster.

GDELT counts reports, not events; here two reports join a cluster when they have the same PLOVER
type and the same set of actor states, and their dates can be the same day. Undated reports
only join reports of the same article, since nothing else says they describe the same occurrence.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Any

import polars as pl

from etl.ids import stable_id

# How far apart two reports' dates may be and still describe one event: news often dates a
# meeting by the day it ended or by the next day's publication.
DAY_SLACK = dt.timedelta(days=1)
PUBLICATION_SLACK = dt.timedelta(days=3)


def date_window(
    date: dt.date | None, precision: str | None, method: str | None
) -> tuple[dt.date, dt.date] | None:
    """The span of days a report's date allows, or None when it cannot place the event."""
    if date is None or precision not in ("day", "month"):
        return None
    if precision == "month":
        last = calendar.monthrange(date.year, date.month)[1]
        return date.replace(day=1), date.replace(day=last)
    if method == "publication":
        # A date taken from publication bounds the event from above only.
        return date - PUBLICATION_SLACK, date
    return date - DAY_SLACK, date + DAY_SLACK


class _Union:
    def __init__(self, items: list[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


# A cluster group: the PLOVER type and the sorted actor keys (a state's code, else the entity).
GroupKey = tuple[str, tuple[str, ...]]


def actor_key(country_code: str | None, entity_id: str) -> str:
    """What an actor counts as in a cluster group: its state when it stands for one."""
    return country_code or entity_id


def group_keys(events: pl.DataFrame, event_actors: pl.DataFrame) -> dict[str, GroupKey]:
    """The cluster group of each event: reports of different groups never share a cluster, so
    a group's clusters depend on its own reports only."""
    actor_keys: dict[str, set[str]] = defaultdict(set)
    for event_id, country_code, entity_id in event_actors.select(
        "event_id", "country_code", "entity_id"
    ).iter_rows():
        actor_keys[event_id].add(actor_key(country_code, entity_id))
    return {
        event_id: (event_type, tuple(sorted(actor_keys[event_id])))
        for event_id, event_type in events.select("event_id", "event_type").iter_rows()
    }


def cluster_events(events: pl.DataFrame, event_actors: pl.DataFrame) -> list[dict[str, Any]]:
    """Return ``{event_id, cluster_id}`` for every event.

    Groups are independent: given every report of some groups (and their actors), the result for
    those reports is the one the whole table gives, which is what an incremental run relies on.
    """
    if events.height == 0:
        return []
    keys = group_keys(events, event_actors)
    groups: dict[GroupKey, list[dict[str, Any]]] = defaultdict(list)
    for r in events.iter_rows(named=True):
        groups[keys[r["event_id"]]].append(r)

    result: list[dict[str, Any]] = []
    for (event_type, actor_set), reports in groups.items():
        uf = _Union([r["event_id"] for r in reports])
        dated: list[tuple[dt.date, dt.date, str]] = []
        by_article: dict[str, list[str]] = defaultdict(list)
        undated: list[tuple[str, str]] = []  # (event_id, article_id)
        for r in reports:
            window = date_window(r["event_date"], r["event_date_precision"], r["event_date_method"])
            by_article[r["article_id"]].append(r["event_id"])
            if window is None:
                undated.append((r["event_id"], r["article_id"]))
            else:
                dated.append((window[0], window[1], r["event_id"]))
        # Reports whose date windows overlap are one event: sorted by start, each window joins
        # the run before it while it starts before that run ends (linear after the sort, where
        # comparing every pair grew with the square of a pair's coverage).
        dated.sort()
        run_end: dt.date | None = None
        run_id = ""
        for start, end, event_id in dated:
            if run_end is not None and start <= run_end:
                uf.union(run_id, event_id)
                run_end = max(run_end, end)
            else:
                run_id, run_end = event_id, end
        # Within one article, an undated report is the same occurrence as the article's others,
        # so an article with one joins all its reports: chained to the first, one union each
        # (uniting every undated report with every other grew with their product).
        for article_id in {article_id for _, article_id in undated}:
            first, *others = by_article[article_id]
            for other in others:
                uf.union(first, other)
        members: dict[str, list[str]] = defaultdict(list)
        for r in reports:
            members[uf.find(r["event_id"])].append(r["event_id"])
        for ids in members.values():
            cluster_id = stable_id("cluster", event_type, "|".join(actor_set), min(ids))
            result.extend({"event_id": i, "cluster_id": cluster_id} for i in sorted(ids))
    return sorted(result, key=lambda x: x["event_id"])
