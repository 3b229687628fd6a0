"""Shortcuts taken for speed give what the plain computation gives."""

from __future__ import annotations

from spacy.language import Language

from etl.settings import PROJECT_DIR
from etl.transforms.articles import extract_article
from etl.transforms.events.parse import _matches, matches
from etl.transforms.gate import pipe_gated
from etl.transforms.gazetteer import Gazetteer


def _body(k: int) -> str:
    page = sorted((PROJECT_DIR / "seeds").glob("*.txt"))[k]
    return extract_article(page.read_text(encoding="utf-8"), file_name=page.name).body


def test_lemmas_from_the_set_backed_index_equal_the_list_scan(nlp: Language) -> None:
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    fast = dict(index.items())
    texts = [_body(k) for k in range(3)]

    def lemmas() -> list[str]:
        lemmatizer.cache.clear()  # type: ignore[attr-defined]
        return [t.lemma_ for doc in nlp.pipe(texts) for t in doc]

    with_sets = lemmas()
    try:
        for pos, forms in fast.items():
            index[pos] = list(forms)  # the model's own lists
        with_lists = lemmas()
    finally:
        for pos, forms in fast.items():
            index[pos] = forms
        lemmatizer.cache.clear()  # type: ignore[attr-defined]
    assert with_sets == with_lists and len(with_sets) > 500
    assert index.to_bytes()  # the pipeline still serializes


def test_trigger_matches_kept_on_the_doc_equal_a_fresh_match(nlp: Language, gaz: Gazetteer) -> None:
    (doc,) = pipe_gated(nlp, [_body(0)], gaz)
    first = [matches(t) for t in doc]
    assert any(first)
    first[next(i for i, m in enumerate(first) if m)].clear()  # a caller's list is its own
    assert [matches(t) for t in doc] == [_matches(t) for t in doc]
