"""``dyad export`` over the seeds' warehouse: PLOVER JSON lines, a flat CSV/TSV and Parquet, each
checked against the warehouse it came from."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest

from etl import contract
from etl.cli import main

pytestmark = pytest.mark.slow


def export(fmt: str, out: Path, db: Path) -> int:
    return main(["export", "--format", fmt, "--out", str(out), "--warehouse", str(db)])


def scalar(db: Path, sql: str) -> object:
    with duckdb.connect(str(db), read_only=True) as conn:
        row = conn.execute(sql).fetchone()
    assert row is not None
    return row[0]


def test_plover_json_lines(seeds_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export("plover", out, seeds_warehouse) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == scalar(seeds_warehouse, "select count(*) from core.events")
    first = records[0]
    for name in ("id", "date", "event", "mode", "context", "actor", "recipient", "text_info"):
        assert name in first
    assert set(first["cite_info"]) >= {"file", "outlet", "language"}
    assert set(first["text_info"]) >= {"sentence", "start", "end"}
    assert isinstance(first["context"], list)
    sides = [e for r in records for e in r["actor"] + r["recipient"]]
    assert sides and all({"code", "sector", "entity", "wikidata_id"} <= set(e) for e in sides)
    # The offsets locate the sentence in the article body.
    r = next(r for r in records if r["recipient"])
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        row = conn.execute(
            "select body from core.articles where article_id = $id",
            {"id": r["cite_info"]["article_id"]},
        ).fetchone()
    assert row is not None and isinstance(row[0], str)
    body = row[0]
    assert body[r["text_info"]["start"] : r["text_info"]["end"]] == r["text_info"]["sentence"]


@pytest.mark.parametrize("name", ["events.csv", "events.tsv"])
def test_flat_file_one_row_per_event_report(
    seeds_warehouse: Path, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    assert export("flat", out, seeds_warehouse) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t" if name.endswith(".tsv") else ","))
    assert len(rows) == scalar(seeds_warehouse, "select count(*) from core.events")
    assert len({r["event_id"] for r in rows}) == len(rows)
    for column in (
        "event_date", "event_date_precision", "actor1_name", "actor1_code", "actor1_kind",
        "actor2_name", "actor2_code", "actor2_kind", "event_type", "event_mode", "quad_class",
        "goldstein_score", "location_name", "evidence_text", "outlet_name", "file_name",
    ):  # fmt: skip
        assert column in rows[0], column
    assert any(r["actor2_code"] for r in rows)


def test_parquet_of_every_table_and_view(seeds_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    assert export("parquet", out, seeds_warehouse) == 0
    names = [*(t for t in contract.table_names() if t != "core.stage_inputs"), *contract.views()]
    for name in names:
        schema, obj = name.split(".")
        path = out / schema / f"{obj}.parquet"
        n = scalar(seeds_warehouse, f"select count(*) from {name}")  # noqa: S608
        assert scalar(seeds_warehouse, f"select count(*) from '{path}'") == n, name  # noqa: S608


def test_chronology_tells_facts_from_intentions_with_names(seeds_warehouse: Path) -> None:
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        rows = conn.execute(
            "select reality_code, source_country_name, source_name, location_name "
            "from mart.chronology"
        ).fetchall()
    assert rows and {r[0] for r in rows} <= {"asserted", "intended"}
    assert all(r[2] for r in rows)
    assert any(r[1] == "Mali" for r in rows)
