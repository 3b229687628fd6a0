"""What one worker process does with one batch of articles: plain values in, plain rows out.

These run under :func:`etl.parallel.fan_out`, in processes forked after the model and gazetteer
were loaded (the loaders are cached, so a worker finds them ready).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from etl import parse_cache, stages
from etl.transforms.events import ArticleContext
from etl.transforms.gate import trigger_pattern
from etl.transforms.gazetteer import load_gazetteer
from etl.transforms.nlp import load_nlp


def warm() -> None:
    """Load what workers share before they are forked, so none of them loads its own copy."""
    load_nlp()
    load_gazetteer()
    trigger_pattern()


def articles(documents: Sequence[Mapping[str, Any]]) -> stages.ArticleRows:
    return stages.build_articles(documents)


def entities(articles: Sequence[tuple[str, str]], parse_dir: Path | None) -> stages.EntityRows:
    """Parse ``(article_id, body)`` pairs, store each parse in ``parse_dir``, return the rows."""

    def keep(article_id: str, doc: Any) -> None:
        if parse_dir is not None:
            parse_cache.save(parse_dir, article_id, doc)

    return stages.build_entity_rows(articles, load_nlp(), load_gazetteer(), on_doc=keep)


def events(contexts: Sequence[ArticleContext], parse_dir: Path | None) -> stages.EventRows:
    """Code the events of each article from its stored parse (parsing it again if missing)."""
    nlp = load_nlp()
    missing = 0

    def parsed(article_id: str) -> Any:
        nonlocal missing
        doc = parse_cache.load(parse_dir, article_id, nlp.vocab) if parse_dir else None
        missing += doc is None
        return doc

    rows = stages.build_event_rows(contexts, nlp, load_gazetteer(), parsed)
    return dataclasses.replace(rows, n_reparsed=missing)
