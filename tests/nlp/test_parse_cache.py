"""Stored parses: a Doc written by one process reads back identical in another."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from etl.settings import PROJECT_DIR
from etl.stages import parse_cache
from etl.transforms.articles import extract_article
from etl.transforms.gate import pipe_gated
from etl.transforms.gazetteer import Gazetteer


def _tokens(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
    return [
        (t.text, t.whitespace_, t.lemma_, t.pos_, str(t.morph), t.head.i, t.dep_, t.ent_iob_,
         t.ent_type_, t.is_sent_start)
        for t in doc
    ]  # fmt: skip


def test_round_trip_into_a_vocab_that_never_saw_the_strings(
    nlp: Language, gaz: Gazetteer, tmp_path: Path
) -> None:
    page = sorted((PROJECT_DIR / "seeds").glob("*.txt"))[0]
    body = extract_article(page.read_text(encoding="utf-8"), file_name=page.name).body
    (doc,) = pipe_gated(nlp, [body], gaz)
    parse_cache.save(tmp_path, "a1", doc)
    # A blank pipeline's vocab stands for another worker process's.
    back = parse_cache.load(tmp_path, "a1", spacy.blank("fr").vocab)
    assert back is not None
    assert back.text == body
    assert _tokens(back) == _tokens(doc)
    assert [(e.start, e.end, e.label_) for e in back.ents] == [
        (e.start, e.end, e.label_) for e in doc.ents
    ]
    assert any(t.pos_ == "VERB" for t in back) and back.ents


def test_an_empty_doc_round_trips(nlp: Language, tmp_path: Path) -> None:
    parse_cache.save(tmp_path, "e", nlp.make_doc(""))
    back = parse_cache.load(tmp_path, "e", nlp.vocab)
    assert back is not None and len(back) == 0


def test_missing_or_damaged_files_read_as_none(nlp: Language, tmp_path: Path) -> None:
    assert parse_cache.load(tmp_path, "nothing", nlp.vocab) is None
    parse_cache.save(tmp_path, "d", nlp("Le Mali a signé."))
    path = tmp_path / f"d{parse_cache.SUFFIX}"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # truncated
    assert parse_cache.load(tmp_path, "d", nlp.vocab) is None
    path.write_bytes(b"not a parse at all")
    assert parse_cache.load(tmp_path, "d", nlp.vocab) is None
    parse_cache.remove(tmp_path, ["d", "nothing"])
    assert not path.exists()
