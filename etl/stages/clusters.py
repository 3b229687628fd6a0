"""The clusters of event reports (``core.event_clusters``), recomputed where events changed.

A cluster never spans two cluster groups (PLOVER type and actor keys, see
:mod:`etl.transforms.clusters`), so a run recomputes only the groups that an article coded anew
or removed touches: the groups of its current reports, and those of the reports that shared a
cluster with its former ones. Which articles changed comes from the ledger: the clusters record,
per article, the event stage's input hash they reflect (``stage_name = 'event_clusters'``), so
a crash between the two assets, an upgrade or a recoded article is seen on the next run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import polars as pl

from etl import warehouse
from etl.stages.versions import stage_version
from etl.transforms.clusters import GroupKey, cluster_events, group_keys
from etl.warehouse import records

LEDGER = "event_clusters"
# Past this many changed articles, recomputing every cluster is as cheap as finding the groups.
FULL_ABOVE = 2_000

_EVENT_COLUMNS = [
    "event_id",
    "article_id",
    "event_type",
    "event_date",
    "event_date_precision",
    "event_date_method",
]


@dataclass(frozen=True)
class ClusterUpdate:
    n_changed_articles: int  # articles whose events changed since the clusters last ran
    n_reports: int  # reports whose cluster was (re)computed and written
    n_deleted: int  # cluster rows removed (reports gone, or recomputed)
    full: bool  # every cluster was recomputed


def _split(rows: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``cluster_reports`` rows as the events and event actors frames clustering reads."""
    events = rows.select(_EVENT_COLUMNS).unique("event_id", keep="first", maintain_order=True)
    actors = rows.filter(pl.col("entity_id").is_not_null()).select(
        "event_id", "country_code", "entity_id"
    )
    return events, actors


def _record(conn: duckdb.DuckDBPyConnection, version: str, forget: Sequence[str]) -> None:
    params = {"stage_name": LEDGER, "article_ids": list(forget)}
    conn.execute(warehouse.read_query("forget_stage_inputs"), params)
    conn.execute(
        warehouse.read_query("record_clusters"),
        {"clusters_version": version, "article_ids": list(forget)},
    )


def _rebuild(conn: duckdb.DuckDBPyConnection, version: str, n_changed: int) -> ClusterUpdate:
    before = warehouse.count_rows(conn, "core.event_clusters")
    clusters = records.frame(
        "core.event_clusters",
        cluster_events(
            warehouse.read_table(conn, "core.events"),
            warehouse.read_table(conn, "core.event_actors"),
        ),
    )
    warehouse.overwrite(conn, {"core.event_clusters": clusters})
    articles = {
        *warehouse.stage_inputs(conn, "events"),
        *warehouse.stage_inputs(conn, LEDGER),
    }
    _record(conn, version, sorted(articles))
    return ClusterUpdate(n_changed, clusters.height, before, full=True)


def _affected_groups(
    conn: duckdb.DuckDBPyConnection, changed: list[str]
) -> tuple[set[GroupKey], list[str]] | None:
    """The groups to recompute and the stored rows to drop; None when a group has no actor
    (such reports are found only by a scan: rare, so the caller recomputes everything)."""
    stale = warehouse.query(conn, "stale_clusters", article_ids=changed)
    mates = stale.filter(~pl.col("is_stale"))["event_id"].to_list()
    events, actors = _split(
        warehouse.query(conn, "cluster_reports", event_ids=mates, article_ids=changed)
    )
    groups = set(group_keys(events, actors).values())
    if any(not actor_set for _, actor_set in groups):
        return None
    return groups, stale["event_id"].to_list()


def _group_reports(
    conn: duckdb.DuckDBPyConnection, groups: set[GroupKey]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every stored report of ``groups``, and its actors."""
    candidates = warehouse.query(
        conn,
        "cluster_candidates",
        actor_ids=sorted({k for _, actor_set in groups for k in actor_set}),
        event_types=sorted({event_type for event_type, _ in groups}),
    )
    events, _ = _split(
        warehouse.query(
            conn,
            "cluster_reports",
            event_ids=candidates["event_id"].unique().to_list(),
            article_ids=[],
        )
    )
    keys = group_keys(events, candidates)
    members = [event_id for event_id, key in keys.items() if key in groups]
    is_member = pl.col("event_id").is_in(members)
    return events.filter(is_member), candidates.filter(is_member)


def update_clusters(conn: duckdb.DuckDBPyConnection, *, full_refresh: bool) -> ClusterUpdate:
    """Bring ``core.event_clusters`` up to date with the events, in one transaction.

    Only the groups touched by articles whose events changed are recomputed; a full refresh, a
    first run (or an emptied ledger) and a large change recompute every cluster. Either way the
    rows equal those of :func:`etl.transforms.clusters.cluster_events` over the whole tables.
    """
    version = stage_version(LEDGER)
    with warehouse.transaction(conn):
        changed = warehouse.query(conn, "cluster_changes", clusters_version=version)
        ids = changed["article_id"].to_list()
        # An empty ledger (first run, upgrade) lists every article: the same rows either way.
        if full_refresh or len(ids) > FULL_ABOVE:
            return _rebuild(conn, version, len(ids))
        if not ids:
            return ClusterUpdate(0, 0, 0, full=False)
        affected = _affected_groups(conn, ids)
        if affected is None:
            return _rebuild(conn, version, len(ids))
        groups, stale = affected
        events, actors = _group_reports(conn, groups)
        rows = records.frame("core.event_clusters", cluster_events(events, actors))
        before = warehouse.count_rows(conn, "core.event_clusters")
        warehouse.overwrite(
            conn,
            {"core.event_clusters": rows},
            key_column="event_id",
            keys=sorted({*stale, *events["event_id"].to_list()}),
        )
        n_deleted = before + rows.height - warehouse.count_rows(conn, "core.event_clusters")
        _record(conn, version, ids)
        return ClusterUpdate(len(ids), rows.height, n_deleted, full=False)
