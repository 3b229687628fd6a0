"""Asset checks on the build file: keys and references (from the DDL), actors and dates.

Key and reference checks block downstream assets, so a broken table is never published.
"""

from __future__ import annotations

from collections.abc import Iterable

import dagster as dg

from etl import contract, warehouse
from etl.defs.metadata import key
from etl.defs.resources import DyadResource


def _count(dyad: DyadResource, sql: str, params: dict[str, object] | None = None) -> int:
    with dyad.connect() as conn:
        row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def key_check(table: contract.Table) -> dg.AssetChecksDefinition:
    cols = ", ".join(table.key)
    not_null = " or ".join(f"{c} is null" for c in table.key)

    @dg.asset_check(
        asset=key(table.name),
        name=f"{table.name.split('.')[1]}_key_unique_not_null",
        blocking=True,
        description=f"({cols}) is unique and never null in {table.name}.",
    )
    def _check(dyad: DyadResource) -> dg.AssetCheckResult:
        # Identifiers come from the DDL, never from data.
        dups = _count(
            dyad,
            f"select count(*) from (select {cols} from {table.name} "  # noqa: S608
            "group by all having count(*) > 1)",
        )
        nulls = _count(dyad, f"select count(*) from {table.name} where {not_null}")  # noqa: S608
        return dg.AssetCheckResult(
            passed=dups == 0 and nulls == 0,
            metadata={"n_duplicate_keys": dups, "n_null_keys": nulls},
        )

    return _check


def reference_check(child: str, ref: contract.Reference) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=key(child),
        name=f"{child.split('.')[1]}_{ref.column}_references_{ref.parent.split('.')[1]}",
        blocking=True,
        additional_deps=[key(ref.parent)],
        description=f"Every {child}.{ref.column} exists in {ref.parent}.{ref.parent_column}.",
    )
    def _check(dyad: DyadResource) -> dg.AssetCheckResult:
        orphans = _count(
            dyad,
            f"select count(*) from {child} as c where not exists "  # noqa: S608
            f"(select 1 from {ref.parent} as p where p.{ref.parent_column} = c.{ref.column})",
        )
        return dg.AssetCheckResult(passed=orphans == 0, metadata={"n_orphans": orphans})

    return _check


@dg.asset_check(
    asset=key("core.events"),
    additional_deps=[key("core.event_actors")],
    description="Events whose PLOVER type requires a target (COOPERATE, AID, SANCTION) have a "
    "target resolved to a state or an organization, or are joint actions of two or more states.",
)
def events_have_state_targets(dyad: DyadResource) -> dg.AssetCheckResult:
    missing = _count(
        dyad,
        warehouse.read_query("events_without_state_target", "checks"),
        {"event_types": ["COOPERATE", "AID", "SANCTION"]},
    )
    return dg.AssetCheckResult(
        passed=missing == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"n_events_without_state_target": missing},
    )


@dg.asset_check(
    asset=key("core.events"),
    additional_deps=[key("core.articles")],
    description="No event asserted as having happened is dated after its article's publication.",
)
def event_dates_not_after_publication(dyad: DyadResource) -> dg.AssetCheckResult:
    late = _count(dyad, warehouse.read_query("events_after_publication", "checks"))
    return dg.AssetCheckResult(
        passed=late == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"n_events_after_publication": late},
    )


def contract_checks(assets: Iterable[str]) -> list[dg.AssetChecksDefinition]:
    """Key and reference checks for every contract table that is an asset (not the ledger)."""
    names = set(assets)
    tables = [t for t in contract.tables().values() if t.name in names]
    return [
        *(key_check(t) for t in tables if t.key),
        *(reference_check(t.name, r) for t in tables for r in t.references),
    ]


def all_checks(assets: Iterable[str]) -> list[dg.AssetChecksDefinition]:
    return [
        *contract_checks(assets),
        events_have_state_targets,
        event_dates_not_after_publication,
    ]
