"""The event assets: coded events, their actors, and the clusters of reports."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg

from etl.defs.metadata import frame_result, json, key, tally_result
from etl.defs.resources import DyadResource
from etl.stages import events as stage


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key("core.events"),
            deps=[key("core.mentions"), key("core.sentences")],
            description="PLOVER events coded from article sentences: type, mode, context, "
            "CAMEO root, quad class, Goldstein score, date with precision, evidence and offsets.",
            group_name="core",
        ),
        dg.AssetSpec(
            key("core.event_actors"),
            deps=[key("core.mentions"), key("core.sentences")],
            description="Sources and targets of each event, with the state each stands for.",
            group_name="core",
        ),
    ],
)
def events(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Find event sentences (a French trigger plus actors), parse them, and code who did what to
    whom, when, from the article body only. Only new or changed articles are coded."""
    with dyad.connect() as conn:
        plan, tally = stage.run(
            conn, dyad.build_path, full_refresh=dyad.full_refresh, workers=dyad.nlp_processes
        )
    yield tally_result(
        "core.events",
        tally,
        ["event_type", "event_date", "trigger_text", "evidence_text"],
        n_candidate_sentences=tally.counts["n_candidate_sentences"],
        n_reparsed=tally.counts["n_reparsed"],
        events_by_type=json(dict(sorted(tally.detail("events_by_type").items()))),
        event_model=json(stage.model_metadata()),
        **plan.metadata(),
    )
    yield tally_result("core.event_actors", tally, ["event_id", "entity_id", "actor_role"])


@dg.asset(
    key=key("core.event_clusters"),
    deps=[key("core.events"), key("core.event_actors")],
    group_name="core",
)
def event_clusters(dyad: DyadResource) -> dg.MaterializeResult:
    """Group reports of the same real event (same type, same actor states, compatible dates)
    so counts are of events, not of articles."""
    with dyad.connect() as conn:
        clusters = stage.build_clusters(conn)
    return frame_result(
        "core.event_clusters",
        clusters,
        ["event_id", "cluster_id"],
        n_clusters=clusters["cluster_id"].n_unique(),
    )
