"""Dagster asset checks on the build file: keys, references, actors and dates.

Key and reference checks block downstream assets, so a broken table is never published.
"""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg

from etl.resources import DyadResource

# table -> key columns
KEYS: dict[str, tuple[str, ...]] = {
    "raw.documents": ("document_id",),
    "core.articles": ("article_id",),
    "core.mentions": ("mention_id",),
    "core.entities": ("entity_id",),
    "core.events": ("event_id",),
    "core.event_actors": ("event_id", "entity_id", "actor_role"),
    "core.event_clusters": ("event_id",),
}
# (child table, child column, parent table, parent column)
REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("core.articles", "document_id", "raw.documents", "document_id"),
    ("core.mentions", "article_id", "core.articles", "article_id"),
    ("core.mentions", "entity_id", "core.entities", "entity_id"),
    ("core.events", "article_id", "core.articles", "article_id"),
    ("core.event_actors", "event_id", "core.events", "event_id"),
    ("core.event_actors", "entity_id", "core.entities", "entity_id"),
    ("core.event_clusters", "event_id", "core.events", "event_id"),
)


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


def _count(dyad: DyadResource, sql: str, params: Sequence[object] = ()) -> int:
    with dyad.connect() as conn:
        row = conn.execute(sql, list(params)).fetchone()
    return int(row[0]) if row else 0


def key_check(table: str, columns: tuple[str, ...]) -> dg.AssetChecksDefinition:
    cols = ", ".join(columns)
    not_null = " or ".join(f"{c} is null" for c in columns)

    @dg.asset_check(
        asset=_key(table),
        name=f"{table.split('.')[1]}_key_unique_not_null",
        blocking=True,
        description=f"({cols}) is unique and never null in {table}.",
    )
    def _check(dyad: DyadResource) -> dg.AssetCheckResult:
        # Identifiers come from the constant KEYS table above, never from data.
        dups = _count(
            dyad,
            f"select count(*) from (select {cols} from {table} group by all having count(*) > 1)",  # noqa: S608
        )
        nulls = _count(dyad, f"select count(*) from {table} where {not_null}")  # noqa: S608
        return dg.AssetCheckResult(
            passed=dups == 0 and nulls == 0,
            metadata={"n_duplicate_keys": dups, "n_null_keys": nulls},
        )

    return _check


def reference_check(
    child: str, column: str, parent: str, parent_column: str
) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=_key(child),
        name=f"{child.split('.')[1]}_{column}_references_{parent.split('.')[1]}",
        blocking=True,
        additional_deps=[_key(parent)],
        description=f"Every {child}.{column} exists in {parent}.{parent_column}.",
    )
    def _check(dyad: DyadResource) -> dg.AssetCheckResult:
        orphans = _count(
            dyad,
            f"select count(*) from {child} as c where not exists "  # noqa: S608
            f"(select 1 from {parent} as p where p.{parent_column} = c.{column})",
        )
        return dg.AssetCheckResult(passed=orphans == 0, metadata={"n_orphans": orphans})

    return _check


@dg.asset_check(
    asset=_key("core.events"),
    additional_deps=[_key("core.event_actors")],
    description="Events whose PLOVER type requires a target (COOPERATE, AID, SANCTION) have a "
    "target resolved to a state, or are joint actions of two or more states.",
)
def events_have_state_targets(dyad: DyadResource) -> dg.AssetCheckResult:
    missing = _count(
        dyad,
        "select count(*) from core.events as e where e.event_type in (?, ?, ?) and not exists "
        "(select 1 from core.event_actors as a where a.event_id = e.event_id "
        "and a.actor_role = 'target' and a.country_code is not null) "
        # A joint action of several states has them all as sources and no target.
        "and (select count(distinct a.country_code) from core.event_actors as a "
        "where a.event_id = e.event_id and a.actor_role = 'source') < 2",
        ["COOPERATE", "AID", "SANCTION"],
    )
    return dg.AssetCheckResult(
        passed=missing == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"n_events_without_state_target": missing},
    )


@dg.asset_check(
    asset=_key("core.events"),
    additional_deps=[_key("core.articles")],
    description="No event asserted as having happened is dated after its article's publication.",
)
def event_dates_not_after_publication(dyad: DyadResource) -> dg.AssetCheckResult:
    late = _count(
        dyad,
        "select count(*) from core.events as e inner join core.articles as a "
        "on e.article_id = a.article_id where e.reality_code = 'asserted' "
        "and e.event_date is not null and a.published_date is not null "
        "and e.event_date > a.published_date",
    )
    return dg.AssetCheckResult(
        passed=late == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"n_events_after_publication": late},
    )


ALL_CHECKS = [
    *(key_check(t, c) for t, c in KEYS.items()),
    *(reference_check(*r) for r in REFERENCES),
    events_have_state_targets,
    event_dates_not_after_publication,
]
