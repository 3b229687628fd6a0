"""The corpus tooling: page-level splits, the second-pass sample, agreement, and the scores
`dyad evaluate` reports per type, per role and for non-state actors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from etl import corpus, evaluate


def record(pid: str, events: list[dict[str, Any]], family: str = "sahel") -> dict[str, Any]:
    return {"file": f"{pid}.txt", "family": family, "events": events}


def event(a: str, b: str, types: list[str], directed: bool = True, **kw: Any) -> dict[str, Any]:
    return {"actor1": a, "actor2": b, "types": types, "directed": directed, **kw}


def test_splits_are_by_page_within_each_family_and_stable() -> None:
    records = [record(f"sahel-{i:02d}-x", []) for i in range(10)]
    records += [record(f"eu-{i:02d}-y", [], family="eu") for i in range(5)]
    splits = corpus.assign_splits(records)
    assert splits == corpus.assign_splits(list(reversed(records)))
    sahel = [splits[f"sahel-{i:02d}-x"] for i in range(10)]
    assert (sahel.count("train"), sahel.count("dev"), sahel.count("test")) == (6, 2, 2)
    eu = [splits[f"eu-{i:02d}-y"] for i in range(5)]
    assert {"train", "dev", "test"} <= set(eu)


def test_pages_added_later_never_move_a_page_between_splits(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    gold = tmp_path / "gold" / "maghreb.jsonl"
    first = [json.dumps(record(f"maghreb-{i:02d}-z", [])) for i in range(6)]
    gold.write_text("\n".join(first) + "\n", encoding="utf-8")
    corpus.write_splits(tmp_path)
    before = corpus.read_splits(tmp_path)
    more = [json.dumps(record(f"maghreb-{i:02d}-w", [])) for i in range(6, 11)]
    gold.write_text("\n".join(first + more) + "\n", encoding="utf-8")
    corpus.write_splits(tmp_path)
    after = corpus.read_splits(tmp_path)
    assert {p: after[p] for p in before} == before
    added = [after[f"maghreb-{i:02d}-w"] for i in range(6, 11)]
    assert {"train", "dev", "test"} <= set(added)
    assert set(corpus.read_batches(tmp_path).values()) == {1, 2}


def test_splits_file_round_trip(tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    lines = [json.dumps(record(f"maghreb-{i:02d}-z", [])) for i in range(6)]
    (tmp_path / "gold" / "maghreb.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus.write_splits(tmp_path)
    splits = corpus.read_splits(tmp_path)
    assert len(splits) == 6 and set(splits.values()) == {"train", "dev", "test"}
    gold = corpus.load_gold(tmp_path / "gold")
    test = corpus.in_split(gold, splits, "test")
    assert [corpus.page_id(r) for r in test] == [p for p, s in splits.items() if s == "test"]


def test_second_pass_takes_a_fifth_by_hash() -> None:
    pages = [f"p-{i}" for i in range(50)]
    chosen = corpus.second_pass_pages(pages)
    assert len(chosen) == 10 and chosen == corpus.second_pass_pages(reversed(pages))


def test_agreement_counts_pairs_types_and_direction() -> None:
    first = [
        record("a", [event("MLI", "RUS", ["CONSULT"], False), event("DZA", "MLI", ["ACCUSE"])]),
        record("b", [event("NER", "FRA", ["SANCTION", "COERCE"])]),
    ]
    second = [
        record("a", [event("RUS", "MLI", ["CONSULT"], False), event("MLI", "DZA", ["ACCUSE"])]),
        record("b", [event("NER", "FRA", ["COERCE"]), event("NER", "FRA", ["REQUEST"])]),
    ]
    a = corpus.agreement(first, second)
    assert (a.n_pages, a.n_first, a.n_second, a.n_agreed) == (2, 3, 4, 3)
    assert (a.n_directed_agreed, a.n_same_direction) == (2, 1)
    assert round(a.f1, 3) == round(6 / 7, 3)


def test_scores_by_type_role_and_non_state_actors() -> None:
    g = {
        "file": "p.txt",
        "events": [
            event("DZA", "FRA", ["ACCUSE"]),
            event("MLI", "RUS", ["CONSULT"], False),
            event("IGO:ecowas", "GIN", ["SANCTION"]),
            event("MAR", "DZA", ["REJECT"], required=False),
        ],
    }
    art = ("p.txt", "a1", None, None, None, None, "")
    # article, type, source state, target state, date, precision, method, directed, actor codes
    dyads = [
        ("a1", "ACCUSE", "FRA", "DZA", None, None, None, True, "FRA", "DZA"),  # roles reversed
        ("a1", "SUPPORT", "MLI", "RUS", dt.date(2024, 1, 1), "day", "sentence", True, "MLI", "RUS"),
        ("a1", "REJECT", "MAR", "DZA", None, None, None, True, "MAR", "DZA"),  # optional
        ("a1", "SANCTION", None, "GIN", None, None, None, True, "IGO:ecowas", "GIN"),
    ]
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], dyads)
    assert (report.event_recall.hit, report.event_recall.total) == (1, 2)
    assert (report.event_precision.hit, report.event_precision.total) == (2, 3)
    # Roles are scored on every directed gold event found, optional ones included (as direction).
    assert (report.source_role.hit, report.source_role.total) == (1, 2)
    assert (report.target_role.hit, report.target_role.total) == (1, 2)
    assert (report.direction.hit, report.direction.total) == (1, 2)
    assert (report.other_actor_recall.hit, report.other_actor_recall.total) == (1, 1)
    accuse = report.by_type["ACCUSE"]
    assert (accuse["precision"].hit, accuse["recall"].hit, accuse["recall"].total) == (1, 1, 1)
    consult = report.by_type["CONSULT"]
    assert (consult["recall"].hit, consult["recall"].total) == (0, 1)
    assert report.by_type["SUPPORT"]["precision"].hit == 0
    rendered = report.render()
    assert (report.other_actor_precision.hit, report.other_actor_precision.total) == (1, 1)
    assert "by PLOVER type" in rendered and "organization or a group" in rendered


def test_scores_date_and_date_precision() -> None:
    g = {
        "file": "p.txt",
        "events": [
            {**event("DZA", "FRA", ["ACCUSE"]), "date": "2024-03-05"},
            {**event("MLI", "RUS", ["CONSULT"], False), "date": "2024-03"},
            {**event("NER", "FRA", ["SANCTION"]), "date": "2023"},
            {**event("SEN", "GMB", ["AID"]), "date": "2024-03-01"},
            {**event("TCD", "SDN", ["ASSAULT"]), "date": None},
        ],
    }
    # The page writes 2024 but never 2023: the 2023 gold date came from elsewhere.
    art = ("p.txt", "a1", None, None, None, None, "Publié le 6 mars 2024. Le Niger a ...")
    day, month = dt.date(2024, 3, 5), dt.date(2024, 3, 1)

    def dyad(t: str, a: str, b: str, d: dt.date, p: str, m: str) -> tuple[Any, ...]:
        return ("a1", t, a, b, d, p, m, True, a, b)

    dyads = [
        dyad("ACCUSE", "DZA", "FRA", day, "day", "sentence"),  # right date, right precision
        dyad("CONSULT", "MLI", "RUS", day, "day", "lead"),  # right month, but a day: too precise
        dyad("SANCTION", "NER", "FRA", dt.date(2022, 1, 1), "year", "sentence"),  # wrong year
        # A publication fallback counts when it is the gold day, like any other date.
        dyad("AID", "SEN", "GMB", month, "day", "publication"),
        dyad("ASSAULT", "TCD", "SDN", day, "day", "sentence"),  # no gold date: not scored
    ]
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], dyads)
    assert (report.event_date.hit, report.event_date.total) == (3, 4)
    assert (report.date_precision.hit, report.date_precision.total) == (3, 4)
    assert report.summary()["date_precision"] == 0.75
    assert (report.event_date_in_text.hit, report.event_date_in_text.total) == (3, 3)
    assert (report.date_precision_in_text.hit, report.date_precision_in_text.total) == (2, 3)
    # On another day, the fallback is wrong.
    dyads[3] = dyad("AID", "SEN", "GMB", day, "day", "publication")
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], dyads)
    assert (report.event_date.hit, report.event_date.total) == (2, 4)
    assert "date precision" in report.render()


def test_strict_needs_the_date_and_the_direction() -> None:
    g = {
        "file": "p.txt",
        "events": [
            {**event("DZA", "FRA", ["ACCUSE"]), "date": "2024-03-05"},  # strict
            {**event("MLI", "RUS", ["CONSULT"], False), "date": None},  # strict: nothing to miss
            {**event("NER", "FRA", ["SANCTION"]), "date": None},  # found the wrong way round
            {**event("SEN", "GMB", ["AID"]), "date": "2024-03-01"},  # found, wrong day
        ],
    }
    art = ("p.txt", "a1", None, None, None, None, "")
    day = dt.date(2024, 3, 5)

    def dyad(t: str, a: str, b: str, directed: bool) -> tuple[Any, ...]:
        return ("a1", t, a, b, day, "day", "sentence", directed, a, b)

    dyads = [
        dyad("ACCUSE", "DZA", "FRA", True),
        dyad("CONSULT", "RUS", "MLI", False),
        dyad("SANCTION", "FRA", "NER", True),
        dyad("AID", "SEN", "GMB", True),
    ]
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], dyads)
    assert (report.event_recall.hit, report.event_precision.hit) == (4, 4)
    assert (report.strict.hit, report.strict.total) == (2, 4)
    assert report.summary()["strict_f1"] == 0.5 and report.summary()["event_f1"] == 1.0
    assert "strict f1" in report.render()


def test_the_committed_corpus_is_consistent() -> None:
    from etl.settings import PROJECT_DIR
    from etl.transforms.gazetteer import load_gazetteer

    root = PROJECT_DIR / "corpus"
    states = frozenset(
        e.country_code
        for e in load_gazetteer().entities.values()
        if e.entity_type == "country" and e.country_code
    )
    assert corpus.validate(root, states) == []
    gold = corpus.load_gold(root / "gold")
    splits = corpus.read_splits(root)
    assert set(splits) == {corpus.page_id(r) for r in gold}
    batches = corpus.read_batches(root)
    assert splits == corpus.assign_splits(gold, batches), "splits.tsv is what the rule gives"
    families = {r["family"] for r in gold}
    assert len(gold) >= 150 and len(families) >= 15
    for split in ("train", "dev", "test"):
        assert {r["family"] for r in corpus.in_split(gold, splits, split)} == families


def test_a_group_keeps_its_state_but_is_no_state_side() -> None:
    g = {"file": "p.txt", "events": [event("NSA:hamas", "ISR", ["ASSAULT"])]}
    art = ("p.txt", "a1", None, None, None, None, "")
    # Hamas's rows carry its state (PSE) as country_code, and its own code as actor code.
    dyads = [("a1", "ASSAULT", "PSE", "ISR", None, None, None, True, "NSA:hamas", "ISR")]
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], dyads)
    assert report.event_precision.total == 0  # not a PSE-ISR state event
    assert (report.other_actor_recall.hit, report.other_actor_recall.total) == (1, 1)


def test_a_week_in_the_gold_month_dates_the_event_but_is_not_its_precision() -> None:
    g = {"file": "p.txt", "events": [{**event("CHN", "VUT", ["CONSULT"]), "date": "2025-09"}]}
    art = ("p.txt", "a1", None, None, None, None, "Publié le 23 septembre 2025.")
    week = ("a1", "CONSULT", "CHN", "VUT", dt.date(2025, 9, 15), "week", "sentence", True)
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], [(*week, "CHN", "VUT")])
    assert (report.event_date.hit, report.event_date.total) == (1, 1)
    assert (report.date_precision.hit, report.date_precision.total) == (0, 1)
    # A week that starts in the month before is not that month.
    before = ("a1", "CONSULT", "CHN", "VUT", dt.date(2025, 8, 25), "week", "sentence", True)
    report = evaluate.Report()
    evaluate._score_article(report, g, art, [], [], [(*before, "CHN", "VUT")])
    assert report.event_date.hit == 0
