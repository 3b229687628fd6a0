"""The event model's fitting and scoring: deterministic, masked labels ignored, thresholds."""

from __future__ import annotations

from typing import Any

import numpy as np

from etl.learn import fit_logistic, sparse_weights, vocabulary
from etl.train import Scored, evidence_sentences, gold_keys, page_scores, produced_keys
from etl.transforms.events.model import model_from

ROWS = [{"bias": 1.0, "good": 1.0}] * 5 + [{"bias": 1.0, "bad": 1.0}] * 5


def test_fit_separates_and_is_deterministic() -> None:
    y = np.array([[1.0]] * 5 + [[0.0]] * 5)
    names = vocabulary(ROWS, 1)
    w1 = fit_logistic(ROWS, y, np.ones_like(y), names)
    w2 = fit_logistic(ROWS, y, np.ones_like(y), names)
    assert np.array_equal(w1, w2)
    weights = sparse_weights(w1[:, 0], names)
    assert weights["good"] > 0 > weights["bad"]


def test_masked_rows_do_not_count() -> None:
    y = np.array([[1.0]] * 5 + [[0.0]] * 5)
    names = vocabulary(ROWS, 1)
    base = fit_logistic(ROWS, y, np.ones_like(y), names)
    rows = [*ROWS, {"bias": 1.0, "good": 1.0}]
    y2 = np.vstack([y, [[0.0]]])
    mask = np.vstack([np.ones_like(y), [[0.0]]])
    assert np.allclose(fit_logistic(rows, y2, mask, names), base)


def test_vocabulary_keeps_frequent_features_and_bias() -> None:
    assert vocabulary([{"a": 1.0}, {"a": 1.0, "b": 1.0}], 2) == ["a", "bias"]


def test_model_scores_per_type_and_side() -> None:
    m = model_from(
        {
            "weights": {"AID": {"x": 2.0}, "ACCUSE": {"bias": -1.0}},
            "direction": {"subj2": -4.0},
            "directed_types": ["AID"],
            "keep_threshold": 0.2,
            "add_threshold": 0.6,
            "meta": {},
        }
    )
    p = m.probabilities({"x": 1.0, "bias": 1.0})
    assert p["AID"] > 0.8 and p["ACCUSE"] < 0.3
    assert m.first_is_source({"subj2": 1.0}) < 0.5 == m.first_is_source({})


def test_evidence_is_found_by_its_opening_words() -> None:
    sentences = [(0, "Premier paragraphe sans rapport."), (1, "Le Mali a rappelé son ambassadeur.")]
    assert evidence_sentences("Le Mali a rappelé son ambassadeur", sentences) == {1}
    assert evidence_sentences("court", sentences) == set()


def test_page_scores_count_keys_like_the_evaluator() -> None:
    gold = {
        "p": {
            "events": [
                {"actor1": "MLI", "actor2": "FRA", "types": ["SANCTION", "COERCE"]},
                {"actor1": "MLI", "actor2": "DZA", "types": ["ACCUSE"], "required": False},
            ]
        }
    }
    accepted, required = gold_keys(gold["p"])
    assert (("FRA", "MLI"), "COERCE") in accepted and len(required) == 1
    scored = Scored(
        adds={"p": [(0.7, "ACCUSE", ("DZA", "MLI")), (0.4, "ASSAULT", ("FRA", "MLI"))]},
        rules={"p": [(0.3, [(("FRA", "MLI"), "SANCTION")])]},
    )
    produced = produced_keys(scored, keep=0.2, add=0.5)
    assert produced["p"] == {(("DZA", "MLI"), "ACCUSE"), (("FRA", "MLI"), "SANCTION")}
    assert page_scores(produced, gold, {"p": "dev"}, "dev") == (1.0, 1.0, 1.0)
    strict = produced_keys(scored, keep=0.5, add=0.3)
    assert strict["p"] == {(("DZA", "MLI"), "ACCUSE"), (("FRA", "MLI"), "ASSAULT")}
    p, r, _ = page_scores(strict, gold, {"p": "dev"}, "dev")
    assert (p, r) == (0.5, 0.0)
    # ASSAULT with its own threshold above its offer: not added, the other types unchanged.
    own = produced_keys(scored, keep=0.5, add=0.3, per_type={"ASSAULT": 0.45})
    assert own["p"] == {(("DZA", "MLI"), "ACCUSE")}


def test_a_type_gets_its_own_add_threshold_only_when_cross_validation_gains() -> None:
    from etl.train import per_type_thresholds

    gold: dict[str, dict[str, Any]] = {
        "p": {"events": [{"actor1": "AAA", "actor2": "BBB", "types": ["ACCUSE"]}]},
        "q": {"events": []},
    }
    # Page q's SUPPORT offer at 0.35 is wrong; page p's ACCUSE at 0.3 is right.
    scored = Scored(
        adds={"p": [(0.3, "ACCUSE", ("AAA", "BBB"))], "q": [(0.35, "SUPPORT", ("AAA", "CCC"))]},
        rules={},
    )
    folds = [(scored, {"p": "fold", "q": "fold"})]
    grid = [0.2, 0.3, 0.4, 2.0]
    got = per_type_thresholds(folds, gold, (0.0, 0.3), ["ACCUSE", "SUPPORT"], grid, lambda *_: True)
    assert got == {"SUPPORT": 0.4}, (
        "raising ACCUSE loses a true event; raising SUPPORT drops a false one"
    )
    assert per_type_thresholds(folds, gold, (0.0, 0.3), ["SUPPORT"], grid, lambda *_: False) == {}
    assert per_type_thresholds(folds, gold, (0.0, 2.0), ["SUPPORT"], grid, lambda *_: True) == {}


def test_cross_validation_scores_every_train_and_dev_page_once_and_never_test() -> None:
    from etl.train import Candidate, Coded, cv_counts, cv_folds

    pages = [f"p{i:02d}" for i in range(20)]
    splits = {p: ("dev" if i % 4 == 0 else "train") for i, p in enumerate(pages)}
    splits["t00"] = "test"
    # A page holds an event exactly when its candidate carries the "good" feature.
    holds = {p: i % 2 == 0 for i, p in enumerate(pages)} | {"t00": True}
    event = {"actor1": "AAA", "actor2": "BBB", "types": ["ACCUSE"], "required": True}
    gold = {p: {"events": [event] if holds[p] else []} for p in splits}
    coded = Coded(
        [
            Candidate(
                page_id=p,
                split=s,
                sentence_index=0,
                pair=("AAA", "BBB"),
                rule_types=frozenset(),
                feats={"bias": 1.0, ("good" if holds[p] else "bad"): 1.0},
                addable=True,
                positive=frozenset({"ACCUSE"}) if holds[p] else frozenset(),
                masked=frozenset(),
            )
            for p, s in splits.items()
        ],
        [],
        [],
    )
    folds = cv_folds(coded, splits, ["ACCUSE", "SUPPORT"])
    got = {t: cv_counts(folds, gold, *t) for t in [(0.0, 0.5), (0.0, 2.0)]}
    n_required = sum(holds[p] for p in pages)  # the test page is never scored
    assert got[(0.0, 2.0)] == (0, 0, 0, n_required)  # adding nothing finds nothing
    tp, fp, hit, total = got[(0.0, 0.5)]
    assert total == n_required and hit == tp == n_required and fp == 0
