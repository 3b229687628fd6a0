"""The entity assets, and the scale-out op (a job of its own) that can parse ahead of them."""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
import polars as pl

from etl.defs.checks import StepResult, check_results, check_specs
from etl.defs.metadata import NLP_KINDS, logged_progress, row_counts, table_result
from etl.defs.metadata import table_spec as spec
from etl.defs.resources import DyadResource
from etl.stages import entities as stage
from etl.stages import staging

# One partition per batch of articles (ids starting with the partition's hex digit).
BATCHES = dg.StaticPartitionsDefinition(list(staging.BATCH_KEYS))


# An op, not an asset: a partitioned asset in the asset graph would turn the UI's "Materialize all"
# into a partition backfill. The batches are an optional speed-up whose rows only the entities
# asset publishes, so they belong to a job of their own (``dyad_scale_out``), outside the graph.
@dg.op(out=dg.Out(dg.Nothing))
# ``context`` is left unannotated: with postponed annotations Dagster sees a string and refuses it.
def entity_batches(context, dyad: DyadResource) -> Iterator[dg.Output[None]]:
    """Scale-out path: the entity stage's NLP for one batch of articles (ids starting with the
    partition's hex digit), run ahead in a process of its own. Batches only read the build file,
    so several run at once (a backfill, or one per node on a cluster executor); the entities asset
    then loads their rows instead of parsing."""
    stage.warm()
    with dyad.connect(read_only=True) as conn:
        frames = stage.parse_ahead(
            conn,
            context.partition_key,
            dyad.build_path,
            full_refresh=dyad.full_refresh,
            workers=dyad.nlp_processes,
        )
    yield dg.Output(
        None,
        metadata={
            "n_articles": frames["inputs"].height,
            "n_sentences": frames["sentences"].height,
            "n_mentions": frames["mentions"].height,
            "path": str(staging.staging_dir(dyad.build_path) / "entities" / context.partition_key),
        },
    )


_SPECS = (
    ("core.sentences", "Sentences of each article body (offsets into the body)."),
    (
        "core.mentions",
        "Every actor or place mention in article bodies, with offsets and the state it stands "
        "for in context.",
    ),
    (
        "core.entities",
        "Canonical actors and places with stable IDs: all countries, international "
        "organizations and armed groups, and the people found in articles.",
    ),
    ("core.entity_aliases", "Known surface forms of each entity."),
)


@dg.multi_asset(
    specs=[spec(t, deps=["core.articles"], description=d, kinds=NLP_KINDS) for t, d in _SPECS],
    check_specs=check_specs(t for t, _ in _SPECS),
)
# ``context`` is left unannotated (see entity_batches).
def entities(context, dyad: DyadResource) -> Iterator[StepResult]:
    """Run spaCy's French pipeline over new or changed article bodies; resolve countries (names,
    demonyms, capitals, seats of power), organizations and people to canonical entities."""
    with dyad.connect() as conn, logged_progress(context):
        before = row_counts(conn, [t for t, _ in _SPECS])
        plan, tally, catalog, aliases = stage.run(
            conn, dyad.build_path, full_refresh=dyad.full_refresh, workers=dyad.nlp_processes
        )
        people = catalog.filter(pl.col("entity_type") == "person")
        results: list[StepResult] = [
            table_result(
                conn,
                "core.sentences",
                ["article_id", "sentence_index", "sentence_text"],
                before=before,
                inserted=tally.rows["core.sentences"],
                n_from_batches=tally.counts["n_from_batches"],
                **plan.metadata(),
            ),
            table_result(
                conn,
                "core.mentions",
                ["surface_text", "entity_id", "country_code", "mention_kind", "is_actor"],
                before=before,
                inserted=tally.rows["core.mentions"],
                n_actor_mentions=tally.counts["n_actor_mentions"],
            ),
            # The catalog and the aliases are rebuilt whole, inside the stage's transaction.
            table_result(
                conn,
                "core.entities",
                ["entity_id", "canonical_name", "country_code", "role_name", "actor_code"],
                before=before,
                inserted=catalog.height,
                n_people=people.height,
                n_entities=catalog.height,
                # Entities whose rows were derived again (all of them, or those the changed
                # articles mention or mentioned).
                n_entities_derived=tally.counts["n_entities_derived"],
            ),
            table_result(
                conn,
                "core.entity_aliases",
                ["alias_text", "entity_id"],
                before=before,
                inserted=aliases.height,
            ),
            *check_results(conn, [t for t, _ in _SPECS]),
        ]
    yield from results
