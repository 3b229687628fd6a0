"""The learned event scorer: general features, a deterministic fit, the shipped weights."""

from __future__ import annotations

import datetime as dt

from etl.train import Example, event_keys, fit, gold_keys
from etl.transforms.events.scorer import Scorer, features, load_scorer
from etl.transforms.events.types import CodedEvent, EventActor
from etl.transforms.gazetteer import load_gazetteer


def event(**kw: object) -> CodedEvent:
    values: dict[str, object] = {
        "event_id": "e",
        "article_id": "a",
        "event_type": "ACCUSE",
        "event_mode": None,
        "event_context": None,
        "reality_code": "asserted",
        "cameo_root_code": "11",
        "quad_class": 3,
        "goldstein_score": -2.0,
        "event_date": dt.date(2024, 1, 2),
        "event_date_precision": "day",
        "event_date_text": "mardi",
        "event_date_method": "sentence",
        "location_entity_id": None,
        "evidence_text": "Alger accuse Paris.",
        "evidence_char_start": 0,
        "evidence_char_end": 19,
        "sentence_index": 0,
        "trigger_text": "accuse",
        "is_directed": True,
        "is_historical": False,
        "confidence": 0.9,
        "actors": (
            EventActor("country:DZA", "source", "DZA", None, "Alger"),
            EventActor("organization:ecowas", "target", None, "IGO", "CEDEAO"),
        ),
    }
    values.update(kw)
    return CodedEvent(**values)  # type: ignore[arg-type]


def test_features_are_general_and_bounded() -> None:
    f = features(event(), n_sentences=10)
    assert f["type=ACCUSE"] == 1.0 and f["date=sentence"] == 1.0 and f["organization"] == 1.0
    assert f["lead"] == 1.0 and f["position"] == 0.0 and f["quoted"] == 0.0
    assert all(0.0 <= v <= 1.0 for v in f.values())
    assert features(event(reality_code="intended"), 10)["intended"] == 1.0


def test_keys_pair_actors_by_code() -> None:
    keys = event_keys(event(), load_gazetteer())
    assert keys == [(("DZA", "IGO:ecowas"), "ACCUSE")]
    accepted, required = gold_keys(
        {"events": [{"actor1": "IGO:ecowas", "actor2": "DZA", "types": ["ACCUSE", "REJECT"]}]}
    )
    assert keys[0] in accepted and required == [[keys[0], (keys[0][0], "REJECT")]]


def test_fit_is_deterministic_and_learns_the_sign() -> None:
    examples = [
        Example("p", "train", (("A", "B"), "X"), {"bias": 1.0, "good": float(i % 2)}, i % 2 == 1)
        for i in range(40)
    ]
    w1, w2 = fit(examples, steps=400), fit(examples, steps=400)
    assert w1 == w2 and w1["good"] > 0
    scorer = Scorer(w1, 0.5, {})
    assert scorer.score({"bias": 1.0, "good": 1.0}) > 0.5 > scorer.score({"bias": 1.0})


def test_the_shipped_scorer_loads_with_its_metadata() -> None:
    scorer = load_scorer()
    assert scorer is not None
    assert 0.0 <= scorer.threshold < 1.0
    assert scorer.meta["model"] == "event_scorer" and scorer.meta["trained_at"]
    assert all(isinstance(v, float) for v in scorer.weights.values())
