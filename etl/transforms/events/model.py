"""The learned event model: which PLOVER types a candidate actor pair holds, and which side acts.

One logistic model per PLOVER type (one-vs-rest) scores a candidate pair from the indicator
features of :mod:`etl.transforms.events.pairs`; a small logistic model says whether the side named
first is the source. ``dyad train`` fits both on the annotated corpus's train split, chooses the
two thresholds on its dev split, and writes them to ``etl/data/event_model.json``, which ships
with the package (nothing is downloaded).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from etl.transforms.reference import DATA_DIR, json_data

MODEL_FILE = "event_model.json"


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class EventModel:
    # feature -> ((type, weight), ...): the per-type weights, indexed by feature for scoring.
    by_feature: Mapping[str, tuple[tuple[str, float], ...]]
    types: tuple[str, ...]
    # A rule event is kept when its pair's probability for its type reaches ``keep_threshold``;
    # a type the rules did not code for the pair is added from ``add_threshold``.
    keep_threshold: float
    add_threshold: float
    direction: Mapping[str, float]
    directed_types: frozenset[str]
    meta: Mapping[str, object]

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        z = dict.fromkeys(self.types, 0.0)
        for f, v in feats.items():
            for t, w in self.by_feature.get(f, ()):
                z[t] += w * v
        return {t: sigmoid(v) for t, v in z.items()}

    def first_is_source(self, feats: Mapping[str, float]) -> float:
        return sigmoid(sum(self.direction.get(f, 0.0) * v for f, v in feats.items()))


def model_from(data: Mapping[str, object]) -> EventModel:
    """An :class:`EventModel` from the JSON object ``dyad train`` writes."""
    weights = data["weights"]
    assert isinstance(weights, dict)
    by_feature: dict[str, list[tuple[str, float]]] = {}
    for t, ws in sorted(weights.items()):
        for f, w in ws.items():
            by_feature.setdefault(f, []).append((t, float(w)))
    direction = data["direction"]
    directed = data["directed_types"]
    meta = data.get("meta", {})
    assert isinstance(direction, dict) and isinstance(directed, list) and isinstance(meta, dict)
    return EventModel(
        by_feature={f: tuple(v) for f, v in by_feature.items()},
        types=tuple(sorted(weights)),
        keep_threshold=float(data["keep_threshold"]),  # type: ignore[arg-type]
        add_threshold=float(data["add_threshold"]),  # type: ignore[arg-type]
        direction={f: float(w) for f, w in direction.items()},
        directed_types=frozenset(directed),
        meta=meta,
    )


@functools.cache
def load_model() -> EventModel | None:
    """The trained model shipped in ``etl/data``, or None when there is none."""
    if not (DATA_DIR / MODEL_FILE).is_file():
        return None
    data = json_data(MODEL_FILE)
    assert isinstance(data, dict)
    return model_from(data)
