"""The event model scores a pair from a dense weight matrix; its probabilities must be those of
the model's definition (features summed in order per type), bit for bit, so that no event
changes with the faster scoring."""

from __future__ import annotations

import random

import pytest

from etl.transforms.events.model import EventModel, load_model, model_from, sigmoid


def _loop_probabilities(m: EventModel, feats: dict[str, float]) -> dict[str, float]:
    """The model's definition: one logistic score per type, features summed in order."""
    z = dict.fromkeys(m.types, 0.0)
    for f, v in feats.items():
        for t, w in m.by_feature.get(f, ()):
            z[t] += w * v
    return {t: sigmoid(v) for t, v in z.items()}


def test_dense_scores_are_the_loops_bit_for_bit() -> None:
    rng = random.Random(3)
    names = [f"f{i}" for i in range(300)]
    weights = {
        t: {f: rng.uniform(-3, 3) for f in names if rng.random() < 0.8} for t in ("A", "B", "C")
    }
    m = model_from(
        {
            "weights": weights,
            "direction": {},
            "directed_types": [],
            "keep_threshold": 0.5,
            "add_threshold": 0.5,
        }
    )
    for _ in range(200):
        feats = {f: rng.choice([1.0, -1.0, rng.uniform(-40, 40)]) for f in rng.sample(names, 150)}
        feats["never seen"] = 1.0
        assert m.probabilities(feats) == _loop_probabilities(m, feats)
    assert m.probabilities({}) == {"A": 0.5, "B": 0.5, "C": 0.5}


def test_the_shipped_model_scores_as_its_loop() -> None:
    m = load_model()
    if m is None:
        pytest.skip("no trained event model")
    rng = random.Random(5)
    names = sorted(m.by_feature)
    for _ in range(50):
        feats = {f: rng.uniform(-5, 5) for f in rng.sample(names, 200)}
        assert m.probabilities(feats) == _loop_probabilities(m, feats)
