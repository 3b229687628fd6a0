"""mart.events, the event-level view: one row per event report, so counting it counts events
(mart.event_dyads, one row per actor pair, overcounts with count(*))."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow


def test_one_row_per_event_report(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:

        def one(sql: str) -> tuple[int, ...]:
            row = conn.execute(sql).fetchone()
            assert row is not None
            return tuple(int(v) for v in row)

        (n_reports,) = one("select count(*) from core.events")
        assert n_reports > 0
        n_rows, n_ids, n_clusters = one(
            "select count(*), count(distinct event_id), count(distinct cluster_id) from mart.events"
        )
        assert n_rows == n_ids == n_reports
        (n_real,) = one("select count(distinct cluster_id) from core.event_clusters")
        assert n_clusters == n_real <= n_rows
        # Never more rows than distinct events, whatever the grouping an analyst counts by.
        over = conn.execute(
            "select v.event_type, v.n, c.n from "
            "(select event_type, count(*) as n from mart.events group by 1) as v "
            "inner join (select event_type, count(distinct event_id) as n from core.events "
            "group by 1) as c using (event_type) where v.n > c.n"
        ).fetchall()
        assert over == []
        # The pair view does overcount with count(*) on the seeds: the reason for this view.
        (n_dyad_rows,) = one("select count(*) from mart.event_dyads")
        assert n_dyad_rows > n_reports
        # Each side's codes are the distinct actor codes of that side in mart.event_dyads.
        mismatched = conn.execute(
            "select e.event_id from mart.events as e "
            "left join (select event_id, list(distinct source_actor_code order by "
            "source_actor_code) as codes from mart.event_dyads where source_actor_code is not "
            "null group by 1) as d using (event_id) "
            "where e.is_directed and len(e.target_actor_codes) > 0 "
            "and e.source_actor_codes <> coalesce(d.codes, [])"
        ).fetchall()
        assert mismatched == []
        (n_with_actors,) = one(
            "select count(*) from mart.events where len(source_actor_codes) > 0 "
            "and len(source_actor_names) > 0 and len(source_actor_kinds) > 0"
        )
        assert n_with_actors > 0


def test_each_side_is_coded_once(seeds_warehouse: Path) -> None:
    """mart.event_actors is the one place a side becomes an actor: one row per core.event_actors
    row, a state side's code is its state, and the other views take their codes from it."""
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:

        def rows(sql: str) -> list[tuple[object, ...]]:
            return conn.execute(sql).fetchall()

        assert rows("select count(*) from mart.event_actors") == rows(
            "select count(*) from core.event_actors"
        )
        # A side acts as a state exactly when its actor code is its state's code.
        assert rows(
            "select count(*) from mart.event_actors "
            "where is_state <> coalesce(actor_code = country_code, false) "
            "or is_expanded <> (via_entity_id is not null)"
        ) == [(0,)]
        assert rows("select count(*) > 0 from mart.event_actors where is_state") == [(True,)]
        # mart.events lists each side's codes as event_actors codes them.
        assert rows(
            "select count(*) from mart.events as e left join (select event_id, "
            "list(distinct actor_code order by actor_code) as codes from mart.event_actors "
            "where actor_role = 'source' and actor_code is not null group by 1) as a "
            "using (event_id) where e.source_actor_codes <> coalesce(a.codes, [])"
        ) == [(0,)]
