"""The report's queries read the core tables and only the dyads of the pairs they show, never a
whole view (memory and time at 100,000 pages): their records must be those the mart views give,
recomputed here in polars from the views themselves, on the seeds' warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest

from etl.transforms.report import NETWORK_PAIRS, TIMELINE_PAIRS
from etl.warehouse.report import read_records

pytestmark = pytest.mark.slow


def view(conn: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    return conn.execute(f"select * from {name}").pl()  # noqa: S608 (a fixed view name)


def expected(conn: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    events = view(conn, "mart.events").with_columns(
        pl.coalesce("cluster_id", "event_id").alias("cluster")
    )
    n_articles = conn.execute("select count(*) from core.articles").fetchone()
    summary = {
        "n_articles": n_articles[0] if n_articles else 0,
        "n_articles_with_events": events["article_id"].n_unique(),
        "n_reports": events.height,
        "n_events": events["cluster"].n_unique(),
        "first_event_date": events["event_date"].min(),
        "last_event_date": events["event_date"].max(),
    }
    quads = (
        events.group_by("quad_class")
        .agg(pl.col("cluster").n_unique().alias("n_events"), pl.len().alias("n_reports"))
        .with_columns(pl.col("n_reports").cast(pl.Int64))
        .sort("quad_class")
    )
    pairs = (
        view(conn, "mart.actor_dyad_counts")
        .sort(
            ["n_events", "n_reports", "actor_code_a", "actor_code_b"],
            descending=[True, True, False, False],
        )
        .head(max(TIMELINE_PAIRS, NETWORK_PAIRS))
        .select(
            "actor_code_a",
            pl.coalesce("actor_name_a", "actor_code_a").alias("actor_name_a"),
            "actor_kind_a",
            "actor_code_b",
            pl.coalesce("actor_name_b", "actor_code_b").alias("actor_name_b"),
            "actor_kind_b",
            "n_events",
            "n_reports",
            "mean_goldstein_score",
        )
    )
    timeline = pairs.head(TIMELINE_PAIRS).select("actor_code_a", "actor_code_b")
    months = (
        view(conn, "mart.chronology")
        .filter(pl.col("event_date_precision") != "year")
        .select(
            pl.min_horizontal("source_actor_code", "target_actor_code").alias("actor_code_a"),
            pl.max_horizontal("source_actor_code", "target_actor_code").alias("actor_code_b"),
            pl.col("event_date").dt.truncate("1mo").alias("event_month"),
            "cluster_id",
        )
        .join(timeline, on=["actor_code_a", "actor_code_b"])
        .group_by("actor_code_a", "actor_code_b", "event_month")
        .agg(pl.col("cluster_id").n_unique().alias("n_events"))
        .sort("actor_code_a", "actor_code_b", "event_month")
    )
    network = pairs.head(NETWORK_PAIRS)
    shown = (
        pl.concat([network["actor_code_a"], network["actor_code_b"]])
        .unique()
        .to_frame("actor_code")
    )
    dyads = view(conn, "mart.event_dyads").filter(
        pl.col("source_actor_code") != pl.col("target_actor_code")
    )
    cluster = pl.coalesce("cluster_id", "event_id").alias("cluster")
    sides = pl.concat(
        [
            dyads.select(
                pl.col(f"{side}_actor_code").alias("actor_code"),
                pl.col(f"{side}_actor_kind").alias("actor_kind"),
                cluster,
            )
            for side in ("source", "target")
        ]
    )
    names = view(conn, "mart.actor_codes").select("actor_code", "actor_name")
    actors = (
        sides.join(shown, on="actor_code")
        .group_by("actor_code")
        .agg(pl.col("actor_kind").min(), pl.col("cluster").n_unique().alias("n_events"))
        .join(names, on="actor_code", how="left")
        .select(
            "actor_code",
            pl.coalesce("actor_name", "actor_code").alias("actor_name"),
            "actor_kind",
            "n_events",
        )
        .sort(["n_events", "actor_code"], descending=[True, False])
    )
    return {
        "report_summary": [summary],
        "report_pairs": pairs.head(TIMELINE_PAIRS).to_dicts(),
        "report_network_pairs": network.to_dicts(),
        "report_months": months.to_dicts(),
        "report_actors": actors.to_dicts(),
        "report_quad_classes": quads.to_dicts(),
    }


def test_report_queries_give_the_views_records(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        got = read_records(conn)
        want = expected(conn)
    assert want["report_months"] and len(want["report_actors"]) > 2, "the seeds must show pairs"
    for name, rows in want.items():
        if name.endswith("pairs"):  # the mean score: same values, summed in another order
            for g, w in zip(got[name], rows, strict=True):
                assert g["mean_goldstein_score"] == pytest.approx(w["mean_goldstein_score"])
                g["mean_goldstein_score"] = w["mean_goldstein_score"]
        assert got[name] == rows, name
