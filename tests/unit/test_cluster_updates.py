"""Incremental clusters: after any change of articles, ``core.event_clusters`` holds exactly what
clustering the whole tables gives, while recomputing only the groups the change touched."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import duckdb
import pytest

from etl import warehouse
from etl.stages.clusters import LEDGER, update_clusters
from etl.transforms.clusters import cluster_events
from etl.warehouse import records
from etl.warehouse.tables import insert

TYPES = ("CONSULT", "ACCUSE")
STATES = ("FRA", "MLI", "SEN", "RUS")
START = dt.date(2024, 5, 1)


def _event(article_id: str, i: int, rng: random.Random) -> tuple[dict[str, Any], list[dict]]:
    event_id = f"{article_id}-e{i}"
    dated = rng.random() < 0.8
    event = {
        "event_id": event_id,
        "article_id": article_id,
        "event_type": rng.choice(TYPES),
        "reality_code": "asserted",
        "cameo_root_code": "04",
        "quad_class": 1,
        "goldstein_score": 1.0,
        "event_date": START + dt.timedelta(days=rng.randrange(12)) if dated else None,
        "event_date_precision": rng.choice(("day", "day", "month")) if dated else None,
        "event_date_method": rng.choice(("clause", "publication")),
        "evidence_text": "x",
        "evidence_char_start": 0,
        "evidence_char_end": 1,
        "sentence_index": 0,
        "trigger_text": "x",
        "is_directed": True,
        "is_historical": False,
        "confidence": 0.5,
    }
    pair = rng.sample(STATES, 2)
    actors = [
        {
            "event_id": event_id,
            "entity_id": f"country:{code}",
            "actor_role": role,
            # A person standing for no state counts as itself.
            "country_code": None if rng.random() < 0.1 else code,
        }
        for code, role in zip(pair, ("source", "target"), strict=True)
    ]
    return event, actors


def _code(conn: duckdb.DuckDBPyConnection, article_id: str, rng: random.Random) -> None:
    """What the event stage does for one article: swap its events and record a new input."""
    events, actors = [], []
    for i in range(rng.randrange(4)):
        event, its_actors = _event(article_id, i, rng)
        events.append(event)
        actors.extend(its_actors)
    _forget(conn, article_id)
    insert(conn, "core.events", records.frame("core.events", events))
    insert(conn, "core.event_actors", records.frame("core.event_actors", actors))
    conn.execute(
        "insert into core.stage_inputs values ('events', ?, ?)", [article_id, str(rng.random())]
    )


def _forget(conn: duckdb.DuckDBPyConnection, article_id: str) -> None:
    ids = "(select event_id from core.events where article_id = $a)"
    conn.execute(f"delete from core.event_actors where event_id in {ids}", {"a": article_id})  # noqa: S608
    conn.execute("delete from core.events where article_id = $a", {"a": article_id})
    conn.execute(
        "delete from core.stage_inputs where stage_name = 'events' and article_id = $a",
        {"a": article_id},
    )


def _stored(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(conn.execute("select event_id, cluster_id from core.event_clusters").fetchall())


def _expected(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = cluster_events(
        warehouse.read_table(conn, "core.events"), warehouse.read_table(conn, "core.event_actors")
    )
    return {r["event_id"]: r["cluster_id"] for r in rows}


@pytest.mark.parametrize("seed", [1, 2])
def test_incremental_clusters_equal_a_full_recompute(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.ensure_schema(conn)
        articles = [f"a{i:03d}" for i in range(60)]
        for a in articles:
            _code(conn, a, rng)
        first = update_clusters(conn, full_refresh=False)
        assert first.n_changed_articles == 60 and _stored(conn) == _expected(conn)
        n_events = warehouse.count_rows(conn, "core.events")
        partial = 0
        for step in range(25):
            article = rng.choice(articles)
            action = rng.choice(("recode", "remove", "add"))
            if action == "remove":
                _forget(conn, article)
                articles.remove(article)
            elif action == "add":
                articles.append(f"new{step}")
                _code(conn, articles[-1], rng)
            else:  # the same event ids may come back with other dates or actors
                _code(conn, article, rng)
            done = update_clusters(conn, full_refresh=False)
            assert not done.full and done.n_changed_articles == 1
            assert _stored(conn) == _expected(conn), (step, action, article)
            partial += done.n_reports < n_events
        assert partial > 0, "some changes must touch only part of the clusters"
        # Nothing changed: nothing is written.
        assert update_clusters(conn, full_refresh=False).n_reports == 0
        # A ledger lost (an upgrade clears it) recomputes everything, to the same rows.
        conn.execute("delete from core.stage_inputs where stage_name = $s", {"s": LEDGER})
        conn.execute("update core.event_clusters set cluster_id = 'stale'")
        again = update_clusters(conn, full_refresh=False)
        assert again.n_changed_articles == len(articles)
        assert _stored(conn) == _expected(conn)
