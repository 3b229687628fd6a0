"""The mart views analysts query, and the publishing of the finished build."""

from __future__ import annotations

import re
from collections.abc import Iterator

import dagster as dg

from etl import contract, warehouse
from etl.defs.metadata import DEFERRED_NOTE, SQL_KINDS, json, key, view_metadata
from etl.defs.resources import DyadResource

_DESCRIPTIONS = {
    "mart.event_actors": "One row per event and side: the side's actor code, kind, state and "
    "name, whether it acts as a state and whether an alliance was expanded into it; the one rule "
    "every other view and the flat export read.",
    "mart.actor_codes": "One row per actor code the gazetteer knows (states, organizations, "
    "armed groups), with its kind and the name the pair views show.",
    "mart.event_dyads": "One row per event x source x target, with both actors' states and names: "
    "an event with several sources or targets has several rows, so count events with "
    "count(distinct event_id) (reports) or count(distinct cluster_id) (real events).",
    "mart.events": "One row per event report (a core.events row) with its sources and targets "
    "as lists of codes, names and kinds: count reports with count(*) and real events with "
    "count(distinct cluster_id).",
    "mart.actor_pair_counts": "Per unordered pair of states, both sides acting as states (an "
    "armed group or organization is never counted as its state): distinct events (clusters), "
    "reporting articles, counts per quad class, first and last event dates, mean Goldstein score.",
    "mart.actor_pair_counts_directed": "Per ordered (source state, target state) pair, both sides "
    "acting as states: the same counts as actor_pair_counts.",
    "mart.actor_dyad_counts": "Per unordered pair of actors of any kind (states, organizations, "
    "armed groups), with their codes, kinds and names: the same counts as actor_pair_counts.",
    "mart.actor_dyad_counts_directed": "Per ordered (source actor, target actor) pair of any "
    "kind: the same counts as actor_dyad_counts.",
    "mart.chronology": "Dated events in order, one row per event cluster and actor pair, with "
    "names, reality (asserted or intended), location, the best evidence sentence, title, outlet, "
    "file and every reporting article.",
}
_NAMED = re.compile(r"\b((?:raw|core|mart)\.\w+)")


def view_spec(view: str) -> dg.AssetSpec:
    sql = contract.sql_path(view).read_text(encoding="utf-8")
    deps = sorted(set(_NAMED.findall(sql)) - {view})
    return dg.AssetSpec(
        key=key(view),
        deps=[key(d) for d in deps],
        group_name="mart",
        description=f"{_DESCRIPTIONS[view]} {DEFERRED_NOTE}",
        kinds=SQL_KINDS,
    )


# Every view in one step: each is one CREATE VIEW, and Dagster's cost per step was most of
# what nine steps took (about 0.5 s of an incremental run). Each view keeps its own asset key,
# dependencies, description and metadata.
@dg.multi_asset(specs=[view_spec(v) for v in contract.views()], name="mart_views")
def mart_views(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Create or replace the mart views, each after the views it reads, and report each one's
    columns, lineage and (on a small warehouse) size and first rows."""
    with dyad.connect() as conn:
        warehouse.create_views(conn)
        results: list[dg.MaterializeResult] = [
            dg.MaterializeResult(asset_key=key(v), metadata=view_metadata(conn, v))
            for v in contract.views()
        ]
    yield from results


VIEW_ASSETS = [mart_views]


@dg.asset(
    key=dg.AssetKey(["published_warehouse"]),
    deps=[key(v) for v in contract.views()],
    group_name="publish",
    kinds=SQL_KINDS,
)
def published_warehouse(dyad: DyadResource) -> dg.MaterializeResult:
    """Publish the finished build as the warehouse file analysts query: an atomic copy, so open
    readers keep their snapshot and new readers see the complete new one."""
    # The row counts are the ones publishing compared the copy with (counting twice cost 0.3 s).
    counts = dyad.publish()
    return dg.MaterializeResult(metadata={"path": dyad.warehouse_path, "row_counts": json(counts)})
