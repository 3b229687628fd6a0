"""The event assets: coded events, their actors, and the clusters of reports."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg

from etl import warehouse
from etl.defs.checks import StepResult, check_results, check_specs
from etl.defs.metadata import (
    FRAME_KINDS,
    NLP_KINDS,
    json,
    logged_progress,
    row_counts,
    table_result,
)
from etl.defs.metadata import table_spec as spec
from etl.defs.resources import DyadResource
from etl.stages import clusters as cluster_stage
from etl.stages import events as stage

TABLES = ("core.events", "core.event_actors")


CLUSTERS = "core.event_clusters"


@dg.multi_asset(
    specs=[
        spec(
            "core.events",
            deps=["core.mentions", "core.sentences"],
            description="PLOVER events coded from article sentences: type, mode, context, "
            "CAMEO root, quad class, Goldstein score, date with precision, evidence and offsets.",
            kinds=NLP_KINDS,
        ),
        spec(
            "core.event_actors",
            deps=["core.mentions", "core.sentences"],
            description="Sources and targets of each event, with the state each stands for.",
            kinds=NLP_KINDS,
        ),
        spec(
            CLUSTERS,
            deps=list(TABLES),
            description="Reports of the same real event (same type, same actor states, "
            "compatible dates) grouped, so counts are of events, not of articles. Only the "
            "groups that changed articles touch are recomputed.",
            kinds=FRAME_KINDS,
        ),
    ],
    check_specs=check_specs([*TABLES, CLUSTERS]),
)
# ``context`` is left unannotated: with postponed annotations Dagster sees a string and refuses it.
def events(context, dyad: DyadResource) -> Iterator[StepResult]:
    """Find event sentences (a French trigger plus actors), parse them, and code who did what to
    whom, when, from the article body only; then regroup the reports of the same real event.
    Only new or changed articles are coded, and only the groups they touch are recomputed.

    The clusters are computed in the same step, on the same connection: as a step of their own
    they cost an extra Dagster step and a connection opened and checkpointed (about 0.3 s of an
    incremental run at 100,000 pages)."""
    with dyad.connect() as conn, logged_progress(context):
        before = row_counts(conn, [*TABLES, CLUSTERS])
        plan, tally = stage.run(
            conn, dyad.build_path, full_refresh=dyad.full_refresh, workers=dyad.nlp_processes
        )
        done = cluster_stage.update_clusters(conn, full_refresh=dyad.full_refresh)
        results: list[StepResult] = [
            table_result(
                conn,
                "core.events",
                ["event_type", "reality_code", "event_date", "trigger_text", "evidence_text"],
                before=before,
                inserted=tally.rows["core.events"],
                n_candidate_sentences=tally.counts["n_candidate_sentences"],
                n_reparsed=tally.counts["n_reparsed"],
                events_by_type=json(dict(sorted(tally.detail("events_by_type").items()))),
                event_model=json(stage.model_metadata()),
                **plan.metadata(),
            ),
            table_result(
                conn,
                "core.event_actors",
                ["event_id", "entity_id", "actor_role", "country_code"],
                before=before,
                inserted=tally.rows["core.event_actors"],
            ),
            table_result(
                conn,
                CLUSTERS,
                ["event_id", "cluster_id"],
                before=before,
                inserted=done.n_reports,
                n_clusters=warehouse.scalar(conn, "n_clusters"),
                n_changed_articles=done.n_changed_articles,
                full_recompute=done.full,
            ),
            *check_results(conn, [*TABLES, CLUSTERS]),
        ]
    yield from results
