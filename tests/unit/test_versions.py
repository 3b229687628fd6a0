"""Stage versions come from each stage's code and data, so an upgrade recomputes exactly the
stages whose logic changed."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.stages import versions
from etl.transforms import reference

TRIGGERS = "event_triggers_fr.tsv"


def clear_caches() -> None:
    """Forget every cached read of code or data (not the loaded spaCy model)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("etl.") or module is None:
            continue
        for attr in vars(module).values():
            if callable(getattr(attr, "cache_clear", None)) and attr.__name__ != "load_nlp":
                attr.cache_clear()


@pytest.fixture()
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the reviewed data that the code reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(reference.DATA_DIR, copy)
    clear_caches()
    monkeypatch.setattr(reference, "DATA_DIR", copy)
    yield copy
    monkeypatch.undo()
    clear_caches()


def edit_trigger(data: Path, lemma: str, field: int, value: str) -> None:
    path = data / TRIGGERS
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if cells[0] == lemma:
            cells[field] = value
            lines[i] = "\t".join(cells)
            break
    else:
        raise AssertionError(f"no trigger {lemma!r}")
    path.write_text("\n".join(lines), encoding="utf-8")
    clear_caches()


def all_versions() -> dict[str, str]:
    return {s: versions.stage_version(s) for s in versions.LOGIC}


def test_versions_are_stable_and_distinct(data: Path) -> None:
    first = all_versions()
    clear_caches()
    assert all_versions() == first
    assert len(set(first.values())) == len(first)


def test_a_trigger_type_changes_only_the_event_stage(data: Path) -> None:
    before = all_versions()
    edit_trigger(data, "pourparler", 2, "AGREE")  # the event type, not the word
    after = all_versions()
    assert after["events"] != before["events"]
    assert after["entities"] == before["entities"]
    assert after["articles"] == before["articles"]


def test_a_new_trigger_word_also_changes_what_the_gate_parses(data: Path) -> None:
    before = all_versions()
    edit_trigger(data, "pourparler", 0, "palabrer")
    after = all_versions()
    assert after["events"] != before["events"]
    assert after["entities"] != before["entities"], "the gate parses sentences by trigger stems"
    assert after["articles"] == before["articles"]


def test_a_gazetteer_row_changes_entities_and_events(data: Path) -> None:
    before = all_versions()
    path = data / "countries_fr.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    clear_caches()
    after = all_versions()
    assert after["entities"] != before["entities"]
    assert after["events"] != before["events"]
    assert after["articles"] == before["articles"]


def test_the_closure_follows_imports_and_names_the_data() -> None:
    trees = versions.closure(("etl.transforms.entities",))
    assert "etl.transforms.entities.matches" in trees and "etl.transforms.gazetteer" in trees
    assert "countries_fr.tsv" in versions.data_files(trees)
    assert "etl.transforms.events" not in trees


def test_comments_do_not_change_a_version(tmp_path: Path) -> None:
    import ast

    a = ast.dump(ast.parse("x = 1  # one\n"))
    b = ast.dump(ast.parse("# a comment\nx = (1)\n"))
    assert a == b
