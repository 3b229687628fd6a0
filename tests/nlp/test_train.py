"""``dyad train`` rebuilds the event scorer from the corpus, the same way twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.settings import PROJECT_DIR
from etl.train import train

pytestmark = pytest.mark.slow


def test_training_is_reproducible_and_keeps_the_seeds(tmp_path: Path) -> None:
    keep = (PROJECT_DIR / "tests" / "data" / "seeds_gold.jsonl", PROJECT_DIR / "seeds")
    a = train(PROJECT_DIR / "corpus", tmp_path / "a.json", seed=0, keep=keep)
    b = train(PROJECT_DIR / "corpus", tmp_path / "b.json", seed=0, keep=keep)
    assert a == b
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert written["threshold"] == a["threshold"]
    meta = written["meta"]
    assert meta["n_train_events"] > 100
    assert meta["dev_after"]["f1"] >= meta["dev_before"]["f1"], "never worse on dev"
