"""``dyad train`` rebuilds the event model from the corpus, the same way twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.cli import GUARDS
from etl.settings import PROJECT_DIR
from etl.train import _keeps, train
from etl.transforms.events.model import model_from

pytestmark = pytest.mark.slow


def _every_third_family(tmp_path: Path) -> Path:
    """A corpus of every third family of ``corpus/`` (by name), its pages and split as they are:
    what this test checks does not need the whole corpus, which takes minutes to code twice
    (``dyad train`` itself reads all of it)."""
    src = PROJECT_DIR / "corpus"
    root = tmp_path / "corpus"
    (root / "gold").mkdir(parents=True)
    for f in sorted((src / "gold").glob("*.jsonl"))[::3]:
        (root / "gold" / f.name).symlink_to(f)
    (root / "pages").symlink_to(src / "pages")
    (root / "splits.tsv").symlink_to(src / "splits.tsv")
    return root


def test_training_is_reproducible_and_keeps_the_seeds(tmp_path: Path) -> None:
    root = _every_third_family(tmp_path)
    a = train(root, tmp_path / "a.json", seed=0, guards=GUARDS)
    b = train(root, tmp_path / "b.json", seed=0, guards=GUARDS)
    assert a == b
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    model = model_from(written)
    assert model.keep_threshold == a["keep_threshold"]
    assert len(model.types) == 16 and model.directed_types
    meta = written["meta"]
    assert meta["n_train_candidates"] > 1000 and meta["n_side_examples"] > 100
    assert meta["cv_after"]["f1"] >= meta["cv_rules_only"]["f1"], "never worse in cross-validation"
    assert {"dev_after", "dev_rules_only"} <= set(meta)
    assert (tmp_path / "a.json").stat().st_size < 50_000_000


def test_a_guard_page_keeps_what_the_rules_coded() -> None:
    rules = {"p1": {(("MLI", "RUS"), "AID")}, "p2": set()}
    assert _keeps({"p1": {(("MLI", "RUS"), "AID"), (("MLI", "NER"), "CONSULT")}}, rules)
    assert not _keeps({"p1": {(("MLI", "NER"), "CONSULT")}}, rules)
