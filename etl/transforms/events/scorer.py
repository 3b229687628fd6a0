"""A learned check on coded events: how likely an event is one an annotator would code.

The rules propose events generously; a logistic model trained on the annotated corpus
(``dyad train``, weights in ``etl/data/event_scorer.json``) scores each one from general
features (its type, how its actors were found, its place in the article, its date, whether it is
reported speech, planned or background) and the coder keeps those at or above the threshold
chosen on the corpus's dev split. No feature names a word of a page.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from etl.transforms.events.types import CodedEvent
from etl.transforms.reference import DATA_DIR, json_data

SCORER_FILE = "event_scorer.json"


def features(ev: CodedEvent, n_sentences: int) -> dict[str, float]:
    """The features of one coded event; every value is 0..1 or a count scaled to about 1."""
    kinds = {a.entity_id.split(":", 1)[0] for a in ev.actors}
    text = ev.evidence_text
    out = {
        "bias": 1.0,
        f"type={ev.event_type}": 1.0,
        f"date={ev.event_date_method}": 1.0,
        "confidence": ev.confidence,
        "intended": float(ev.reality_code != "asserted"),
        "historical": float(ev.is_historical),
        "directed": float(ev.is_directed),
        "lead": float(ev.sentence_index < 3),
        "position": ev.sentence_index / max(n_sentences, 1),
        "organization": float("organization" in kinds),
        "person": float("person" in kinds),
        "expanded": float(any(a.via_entity_id for a in ev.actors)),
        "n_actors": len(ev.actors) / 4,
        "long_sentence": float(len(text) > 300),
        "quoted": float(any(q in text for q in ("«", "“", '"'))),
        "mode": float(ev.event_mode is not None),
    }
    return out


@dataclass(frozen=True)
class Scorer:
    weights: Mapping[str, float]
    threshold: float
    meta: Mapping[str, object]

    def score(self, feats: Mapping[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-z))

    def keeps(self, ev: CodedEvent, n_sentences: int) -> bool:
        return self.score(features(ev, n_sentences)) >= self.threshold


@functools.cache
def load_scorer() -> Scorer | None:
    """The trained scorer shipped in ``etl/data``, or None when there is none."""
    if not (DATA_DIR / SCORER_FILE).is_file():
        return None
    data = json_data(SCORER_FILE)
    assert isinstance(data, dict)
    return Scorer(dict(data["weights"]), float(data["threshold"]), dict(data.get("meta", {})))
