"""Asset checks on the build file: keys and references (from the DDL), actors and dates.

Key and reference checks block downstream assets, so a broken table is never published. DuckDB
builds no index for the keys (``contract.INDEXED``): these checks are what enforces them.

The checks of the tables one asset step writes run at the end of that step, on its connection
(the asset declares them with ``check_specs``): Dagster's cost per step and a connection per
step, not the queries, were most of what separate check steps took (25 steps: 1.5 s of an
incremental run at 100,000 pages; 5 grouped steps: still about 1 s). Each check keeps its own
key, result and blocking flag; a failed blocking check fails the asset's step, so nothing
downstream of the checked tables runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import dagster as dg
import duckdb

from etl import contract, warehouse
from etl.defs.metadata import key


def _count(
    conn: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None
) -> int:
    row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class Check:
    spec: dg.AssetCheckSpec
    run: Callable[[duckdb.DuckDBPyConnection], tuple[bool, dict[str, int]]]
    severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.ERROR


def key_check(table: contract.Table) -> Check:
    cols = ", ".join(table.key)
    not_null = " or ".join(f"{c} is null" for c in table.key)

    def run(conn: duckdb.DuckDBPyConnection) -> tuple[bool, dict[str, int]]:
        # Identifiers come from the DDL, never from data.
        dups = _count(
            conn,
            f"select count(*) from (select {cols} from {table.name} "  # noqa: S608
            "group by all having count(*) > 1)",
        )
        nulls = _count(conn, f"select count(*) from {table.name} where {not_null}")  # noqa: S608
        return dups == 0 and nulls == 0, {"n_duplicate_keys": dups, "n_null_keys": nulls}

    spec = dg.AssetCheckSpec(
        name=f"{table.name.split('.')[1]}_key_unique_not_null",
        asset=key(table.name),
        blocking=True,
        description=f"({cols}) is unique and never null in {table.name}.",
    )
    return Check(spec, run)


def reference_check(child: str, ref: contract.Reference) -> Check:
    def run(conn: duckdb.DuckDBPyConnection) -> tuple[bool, dict[str, int]]:
        orphans = _count(
            conn,
            f"select count(*) from {child} as c where not exists "  # noqa: S608
            f"(select 1 from {ref.parent} as p where p.{ref.parent_column} = c.{ref.column})",
        )
        return orphans == 0, {"n_orphans": orphans}

    spec = dg.AssetCheckSpec(
        name=f"{child.split('.')[1]}_{ref.column}_references_{ref.parent.split('.')[1]}",
        asset=key(child),
        blocking=True,
        additional_deps=[key(ref.parent)],
        description=f"Every {child}.{ref.column} exists in {ref.parent}.{ref.parent_column}.",
    )
    return Check(spec, run)


def _events_have_state_targets(conn: duckdb.DuckDBPyConnection) -> tuple[bool, dict[str, int]]:
    missing = _count(
        conn,
        warehouse.read_query("events_without_state_target", "checks"),
        {"event_types": ["COOPERATE", "AID", "SANCTION"]},
    )
    return missing == 0, {"n_events_without_state_target": missing}


def _event_dates_not_after_publication(
    conn: duckdb.DuckDBPyConnection,
) -> tuple[bool, dict[str, int]]:
    late = _count(conn, warehouse.read_query("events_after_publication", "checks"))
    return late == 0, {"n_events_after_publication": late}


WARNINGS = (
    Check(
        dg.AssetCheckSpec(
            name="events_have_state_targets",
            asset=key("core.events"),
            additional_deps=[key("core.event_actors")],
            description="Events whose PLOVER type requires a target (COOPERATE, AID, SANCTION) "
            "have a target resolved to a state or an organization, or are joint actions of two "
            "or more states.",
        ),
        _events_have_state_targets,
        dg.AssetCheckSeverity.WARN,
    ),
    Check(
        dg.AssetCheckSpec(
            name="event_dates_not_after_publication",
            asset=key("core.events"),
            additional_deps=[key("core.articles")],
            description="No event asserted as having happened is dated after its article's "
            "publication.",
        ),
        _event_dates_not_after_publication,
        dg.AssetCheckSeverity.WARN,
    ),
)


def contract_checks(assets: Iterable[str]) -> list[Check]:
    """Key and reference checks for every contract table that is an asset (not the ledger)."""
    names = set(assets)
    tables = [t for t in contract.tables().values() if t.name in names]
    return [
        *(key_check(t) for t in tables if t.key),
        *(reference_check(t.name, r) for t in tables for r in t.references),
    ]


# What an asset step yields: its tables' materializations, then their checks' results.
StepResult = dg.MaterializeResult | dg.AssetCheckResult


def step_checks(tables: Iterable[str]) -> list[Check]:
    """The key and reference checks of ``tables`` (the tables one asset step writes) and, with
    ``core.events``, the two warnings."""
    names = list(tables)
    checks = contract_checks(names)
    if "core.events" in names:
        checks.extend(WARNINGS)
    return checks


def check_specs(tables: Iterable[str]) -> list[dg.AssetCheckSpec]:
    """The specs an asset step declares for the checks of the tables it writes."""
    return [c.spec for c in step_checks(tables)]


def check_results(
    conn: duckdb.DuckDBPyConnection, tables: Iterable[str]
) -> list[dg.AssetCheckResult]:
    """Run the checks of ``tables`` on the step's own connection, after its rows committed. A
    failed blocking check fails the step (Dagster raises once the results are yielded), so
    nothing downstream of the checked tables runs and the build is never published."""
    outcomes = [(c, *c.run(conn)) for c in step_checks(tables)]
    return [
        dg.AssetCheckResult(
            asset_key=c.spec.asset_key,
            check_name=c.spec.name,
            passed=passed,
            severity=c.severity,
            metadata=metadata,
        )
        for c, passed, metadata in outcomes
    ]
