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
from dataclasses import dataclass, field

import numpy as np

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
    # The types whose own add threshold beat the common one in training's cross-validation.
    add_thresholds: Mapping[str, float] = field(default_factory=dict)
    # ``by_feature`` as a dense matrix (one row per feature, one column per type, 0 where a
    # feature has no weight for a type) and each feature's row: scoring a pair gathers rows.
    _rows: Mapping[str, int] = field(init=False, repr=False, compare=False)
    _weights: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        column = {t: j for j, t in enumerate(self.types)}
        weights = np.zeros((len(self.by_feature) + 1, len(self.types)))  # last row: no feature
        for i, tws in enumerate(self.by_feature.values()):
            for t, w in tws:
                weights[i, column[t]] = w
        object.__setattr__(self, "_rows", {f: i for i, f in enumerate(self.by_feature)})
        object.__setattr__(self, "_weights", weights)

    def probabilities(self, feats: Mapping[str, float]) -> dict[str, float]:
        # A pair has about 150 features and the model 16 types: one gather and one product
        # instead of 2,400 dictionary updates. Summing the rows along axis 0 adds them one
        # after the other in ``feats`` order, as a loop over the features would (a missing
        # weight adds an exact 0), so the probabilities are bit for bit the loop's.
        rows = [self._rows.get(f, -1) for f in feats]
        values = np.fromiter(feats.values(), dtype=float, count=len(rows))
        z = (self._weights[rows] * values[:, None]).sum(axis=0) if rows else self._weights[-1]
        return {t: sigmoid(float(v)) for t, v in zip(self.types, z, strict=True)}

    def add_threshold_of(self, event_type: str) -> float:
        return self.add_thresholds.get(event_type, self.add_threshold)

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
    own = data.get("add_thresholds", {})
    assert isinstance(direction, dict) and isinstance(directed, list) and isinstance(meta, dict)
    assert isinstance(own, dict)
    return EventModel(
        by_feature={f: tuple(v) for f, v in by_feature.items()},
        types=tuple(sorted(weights)),
        keep_threshold=float(data["keep_threshold"]),  # type: ignore[arg-type]
        add_threshold=float(data["add_threshold"]),  # type: ignore[arg-type]
        direction={f: float(w) for f, w in direction.items()},
        directed_types=frozenset(directed),
        meta=meta,
        add_thresholds={t: float(a) for t, a in own.items()},
    )


@functools.cache
def load_model() -> EventModel | None:
    """The trained model shipped in ``etl/data``, or None when there is none."""
    if not (DATA_DIR / MODEL_FILE).is_file():
        return None
    data = json_data(MODEL_FILE)
    assert isinstance(data, dict)
    return model_from(data)
