"""``dyad train``: fit the event scorer on the annotated corpus and write it to ``etl/data``.

The rule coder runs over every corpus page (the same stage functions the pipeline runs, without
the scorer); each coded event is labelled by the first-pass gold of its page: kept when an
annotator coded that (actor pair, type), required or not. A logistic model is fitted on the
train split, the threshold is the one that gives the best event F1 on the dev split, and the test
split is never read. Fitting is full-batch gradient descent from zero weights, so the same
corpus and seed give the same file.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl import corpus
from etl.stages.articles import build_articles
from etl.stages.entities import build_entity_rows
from etl.stages.events import article_contexts
from etl.transforms.events import code_article_events
from etl.transforms.events.actors import party
from etl.transforms.events.scorer import SCORER_FILE, Scorer, features
from etl.transforms.events.types import SOURCE, TARGET, CodedEvent
from etl.transforms.gazetteer import Gazetteer, load_gazetteer
from etl.transforms.nlp import load_nlp
from etl.transforms.reference import DATA_DIR
from etl.warehouse import records

Key = tuple[tuple[str, str], str]


@dataclass(frozen=True)
class Example:
    page_id: str
    split: str
    key: Key
    feats: dict[str, float]
    label: bool


def event_keys(ev: CodedEvent, gaz: Gazetteer) -> list[Key]:
    """The (unordered actor pair, type) keys an event counts for, as the evaluator pairs them."""
    src = {c for a in ev.actors if a.actor_role == SOURCE and (c := party(a, gaz))}
    tgt = {c for a in ev.actors if a.actor_role == TARGET and (c := party(a, gaz))}
    pairs = (
        {(s, t) for s in src for t in tgt if s != t}
        if tgt
        else {(a, b) for a in src for b in src if a < b}
    )
    return sorted({(tuple(sorted(p)), ev.event_type) for p in pairs})  # type: ignore[misc]


def gold_keys(record: dict[str, Any]) -> tuple[set[Key], list[list[Key]]]:
    """Every accepted key of a gold page, and each required event as the keys that find it."""
    accepted: set[Key] = set()
    required: list[list[Key]] = []
    for e in record.get("events", []):
        if e["actor1"] == e["actor2"]:
            continue
        pair: tuple[str, str] = tuple(sorted((e["actor1"], e["actor2"])))
        keys = [(pair, t) for t in e["types"]]
        accepted.update(keys)
        if e.get("required", True):
            required.append(keys)
    return accepted, required


def code_corpus(
    pages: dict[str, Path], gold: dict[str, dict[str, Any]], splits: dict[str, str]
) -> list[Example]:
    """Run the rule coder (without the scorer) over ``pages`` (page id -> file)."""
    nlp, gaz = load_nlp(), load_gazetteer()
    documents = [
        {
            "document_id": pid,
            "file_name": pages[pid].name,
            "status_code": "ok",
            "raw_text": pages[pid].read_text(encoding="utf-8"),
            "ingested_at": None,
        }
        for pid in sorted(gold)
    ]
    arts = build_articles(documents)
    articles = records.frame("core.articles", arts.articles)
    # The articles the pipeline codes: non-empty, in French or of unknown language.
    bodies = [
        (r["article_id"], r["body"])
        for r in arts.articles
        if r["body"] and not r["is_empty"] and r["language_code"] in (None, "fr")
    ]
    docs: dict[str, Any] = {}
    rows = build_entity_rows(bodies, nlp, gaz, on_doc=lambda a, d: docs.__setitem__(a, d))
    frame = articles.select("article_id", "body", "published_date").with_columns(
        fetched_date=articles["published_date"].clear(articles.height)
    )
    contexts = article_contexts(
        frame,
        records.frame("core.sentences", rows.sentences),
        records.frame("core.mentions", rows.mentions),
    )
    examples: list[Example] = []
    for ctx in contexts:
        if ctx.article_id not in docs:
            continue
        coded, _ = code_article_events(ctx, gaz, docs[ctx.article_id])
        accepted, _ = gold_keys(gold[ctx.article_id])
        for ev in coded:
            for key in event_keys(ev, gaz):
                examples.append(
                    Example(
                        ctx.article_id,
                        splits[ctx.article_id],
                        key,
                        features(ev, len(ctx.sentences)),
                        key in accepted,
                    )
                )
    return examples


def fit(
    examples: Sequence[Example], *, l2: float = 0.01, steps: int = 3000, rate: float = 0.5
) -> dict[str, float]:
    """Logistic regression by full-batch gradient descent from zero weights."""
    names = sorted({k for e in examples for k in e.feats})
    w = dict.fromkeys(names, 0.0)
    n = max(len(examples), 1)
    for _ in range(steps):
        grad = dict.fromkeys(names, 0.0)
        for e in examples:
            z = sum(w[k] * v for k, v in e.feats.items())
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - float(e.label)
            for k, v in e.feats.items():
                grad[k] += err * v
        for k in names:
            w[k] -= rate * (grad[k] / n + l2 * w[k])
    return {k: round(v, 6) for k, v in w.items()}


def page_scores(
    examples: Sequence[Example],
    gold: dict[str, dict[str, Any]],
    splits: dict[str, str],
    split: str,
    threshold: float | None = None,
    weights: dict[str, float] | None = None,
) -> tuple[float, float, float]:
    """Event precision, recall and F1 over the pages of ``split``, counted as ``dyad evaluate``
    counts them (distinct keys per page, any actor kind), keeping the events the scorer keeps."""
    scorer = Scorer(weights or {}, threshold or 0.0, {})
    produced: dict[str, set[Key]] = {}
    for e in examples:
        if e.split == split and (weights is None or scorer.score(e.feats) >= scorer.threshold):
            produced.setdefault(e.page_id, set()).add(e.key)
    tp = fp = hit = total = 0
    for pid, record in gold.items():
        if splits[pid] != split:
            continue
        accepted, required = gold_keys(record)
        got = produced.get(pid, set())
        tp += len(got & accepted)
        fp += len(got - accepted)
        total += len(required)
        hit += sum(1 for keys in required if got & set(keys))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = hit / total if total else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def train(
    root: Path,
    out: Path | None = None,
    *,
    seed: int = 0,
    keep: tuple[Path, Path] | None = None,
) -> dict[str, Any]:
    """Fit on train, choose the threshold on dev, write the scorer; returns what was written.

    ``keep`` is a (gold file, pages folder) whose required events the scorer must not lose (the
    seeds': their recall is a promise of the README); the threshold is the best one on dev among
    those that keep them.
    """
    random.seed(seed)  # nothing draws from it today; kept so a future sampler stays reproducible
    gold = {corpus.page_id(r): r for r in corpus.load_gold(root / "gold")}
    splits = corpus.read_splits(root)
    pages = {p.stem: p for p in (root / "pages").rglob("*.txt")}
    if keep is not None:
        keep_gold, keep_pages = keep
        for record in corpus.load_gold(keep_gold):
            pid = corpus.page_id(record)
            pages[pid], gold[pid], splits[pid] = keep_pages / record["file"], record, "keep"
    examples = code_corpus(pages, gold, splits)
    train_set = [e for e in examples if e.split == "train"]
    weights = fit(train_set)
    before = page_scores(examples, gold, splits, "dev")
    keep_before = page_scores(examples, gold, splits, "keep")
    grid = [round(0.05 * i, 2) for i in range(1, 13)]
    allowed = [
        t
        for t in grid
        if page_scores(examples, gold, splits, "keep", t, weights)[1] >= keep_before[1]
    ]
    scored = [(page_scores(examples, gold, splits, "dev", t, weights), t) for t in allowed]
    best, threshold = max(scored, key=lambda x: (round(x[0][2], 4), -x[1]), default=(before, 0.0))
    if best[2] <= before[2]:
        threshold = 0.0  # the scorer must not make dev worse: keep every event
        best = before
    data = {
        "weights": weights,
        "threshold": threshold,
        "meta": {
            "model": "event_scorer",
            "kind": "logistic regression over general event features",
            "trained_at": dt.date.today().isoformat(),
            "seed": seed,
            "n_train_events": len(train_set),
            "n_train_positive": sum(e.label for e in train_set),
            "dev_before": dict(zip(("precision", "recall", "f1"), map(_r, before), strict=True)),
            "dev_after": dict(zip(("precision", "recall", "f1"), map(_r, best), strict=True)),
        },
    }
    target = out or DATA_DIR / SCORER_FILE
    target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return data


def _r(x: float) -> float:
    return round(x, 4)
