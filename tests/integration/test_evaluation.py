"""The evaluate command on both gold sets: the seeds (the issue's bar) and a held-out set of
pages written apart from the code, whose floors guard against regressions in generalization."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import main
from etl.evaluate import Report, date_in_text, evaluate_warehouse, fold, load_gold
from etl.pipeline import run_pipeline

pytestmark = pytest.mark.slow
DATA = Path(__file__).resolve().parents[1] / "data"


def value(r: Report, name: str) -> float:
    v = getattr(r, name).value
    assert v is not None, name
    return float(v)


def test_seeds_meet_the_bar(seeds_warehouse: Path) -> None:
    r = evaluate_warehouse(seeds_warehouse, DATA / "seeds_gold.jsonl")
    assert r.missing_files == []
    assert value(r, "event_recall") == 1.0, r.misses
    assert value(r, "event_precision") >= 0.9, r.false_positives
    assert r.must_not_pairs == 0
    assert value(r, "event_date") == 1.0
    for name in ("title", "published_date", "author", "outlet"):
        assert value(r, name) == 1.0, name
    assert value(r, "person_recall") == 1.0
    assert value(r, "person_country") == 1.0
    assert value(r, "country_recall") == 1.0


def test_heldout_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "heldout.duckdb"
    monkeypatch.setenv("DYAD_SEEDS_DIR", str(DATA / "heldout"))
    monkeypatch.setenv("DYAD_WAREHOUSE", str(db))
    assert run_pipeline().success
    r = evaluate_warehouse(db, DATA / "heldout_gold.jsonl")
    assert r.must_not_pairs == 0
    assert value(r, "event_recall") >= 0.8, r.misses
    # The event model is tuned to keep these pages' precision at 0.70 (`dyad train`'s guard)
    # while it adds events on real pages; the floor leaves a small margin under that.
    assert value(r, "event_precision") >= 0.68, r.false_positives
    assert value(r, "published_date") >= 0.9
    assert value(r, "title") >= 0.9 and value(r, "outlet") >= 0.9
    assert value(r, "country_precision") >= 0.9
    assert value(r, "person_recall") >= 0.9
    assert value(r, "person_country") >= 0.9


def test_evaluate_command_prints_report(
    seeds_warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["evaluate", "--gold", str(DATA / "seeds_gold.jsonl"),
                 "--warehouse", str(seeds_warehouse)]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "recall (required)" in out and "sidebar pairs" in out


def test_optional_events_are_neither_missed_nor_false(
    tmp_path: Path, seeds_warehouse: Path
) -> None:
    gold = load_gold(DATA / "seeds_gold.jsonl")
    only_optional = []
    for g in gold:
        g = dict(g)
        g["events"] = [dict(e, required=False) for e in g["events"]]
        only_optional.append(json.dumps(g, ensure_ascii=False))
    path = tmp_path / "optional.jsonl"
    path.write_text("\n".join(only_optional), encoding="utf-8")
    r = evaluate_warehouse(seeds_warehouse, path)
    assert r.event_recall.total == 0
    full = evaluate_warehouse(seeds_warehouse, DATA / "seeds_gold.jsonl")
    assert r.event_precision.hit == full.event_precision.hit


def test_bad_gold_line_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"file": "a.txt"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match="g.jsonl:2"):
        load_gold(path)


def test_fold() -> None:
    assert fold("  Sergueï  LAVROV. ") == "serguei lavrov"
    assert fold("l’Élysée") == "l'elysee"


def test_dates_a_page_cannot_give_are_reported_apart(seeds_warehouse: Path, tmp_path: Path) -> None:
    # The same gold twice, once with the event's date moved to a year no page mentions: that
    # date counts against "event date" but not against "event date (in text)".
    records = load_gold(DATA / "seeds_gold.jsonl")
    moved = json.loads(json.dumps(records))
    for r in moved:
        for e in r.get("events", []):
            if e.get("date"):
                e["date"] = "1901" + e["date"][4:]
    path = tmp_path / "moved.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in moved), encoding="utf-8")
    base = evaluate_warehouse(seeds_warehouse, DATA / "seeds_gold.jsonl")
    r = evaluate_warehouse(seeds_warehouse, path)
    assert base.event_date_in_text.total > 0
    assert r.event_date.total == base.event_date.total and r.event_date.hit == 0
    assert r.event_date_in_text.total == 0


def test_a_search_excerpts_month_line_dates_no_day() -> None:
    page = " date 2024-04 Le ministre a rencontré mardi son homologue."
    # The month line gives the month, not the day: a reader cannot date "mardi" from it.
    assert not date_in_text("2024-04-16", page)
    assert date_in_text("2024-04", page)
    assert date_in_text("2024-04-16", page + " Le 16 avril 2024, il a signé.")
    # A day line dates the page as a byline does.
    assert date_in_text(
        "2024-04-16", " date 2024-04-16 Le ministre a rencontré mardi son homologue."
    )
    assert date_in_text("2024-04-16", "Publié le 16/04/2024. Le ministre a rencontré mardi ...")
