"""Batches fanned out to forked workers give what one process gives, in the same order."""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from spacy.language import Language

from etl.settings import PROJECT_DIR
from etl.stages import entities as entity_stage
from etl.stages import pool as parallel
from etl.transforms.articles import extract_article


def test_batched_covers_every_item_once() -> None:
    items = list(range(23))
    chunks = parallel.batched(items, 5)
    assert [len(c) for c in chunks] == [5, 5, 5, 5, 3]
    assert [x for c in chunks for x in c] == items


def test_fan_out_keeps_input_order() -> None:
    items = list(range(200))
    serial = list(parallel.fan_out(sum, items, batch_size=7, workers=1))
    forked = list(parallel.fan_out(sum, items, batch_size=7, workers=2))
    assert forked == serial == [sum(c) for c in parallel.batched(items, 7)]


def test_fan_out_of_nothing() -> None:
    assert list(parallel.fan_out(sum, [], batch_size=4, workers=2)) == []


def _fail_on_odd(batch: Sequence[int]) -> int:
    if batch[0] % 2:
        raise ValueError(f"bad batch {batch[0]}")
    return batch[0]


def test_a_worker_error_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="bad batch 1"):
        list(parallel.fan_out(_fail_on_odd, [0, 1, 2], batch_size=1, workers=2))


def _die_on_two(batch: Sequence[int]) -> int:
    if batch[0] == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
    return batch[0]


def test_a_dead_worker_fails_the_call_instead_of_hanging() -> None:
    with pytest.raises(BrokenProcessPool):
        list(parallel.fan_out(_die_on_two, [0, 1, 2, 3], batch_size=1, workers=2))


@pytest.fixture(scope="module")
def seed_bodies() -> list[tuple[str, str]]:
    pages = sorted((PROJECT_DIR / "seeds").glob("*.txt"))
    return [
        (f"a{i}", extract_article(p.read_text(encoding="utf-8"), file_name=p.name).body)
        for i, p in enumerate(pages)
    ]


def test_workers_produce_the_rows_one_process_produces(
    seed_bodies: list[tuple[str, str]], tmp_path: Path
) -> None:
    entity_stage.warm()  # loaded before the fork, as the assets do
    work = functools.partial(entity_stage.parse_batch, parse_dir=tmp_path / "parses")
    one = list(parallel.fan_out(work, seed_bodies, batch_size=2, workers=1))
    two = list(parallel.fan_out(work, seed_bodies, batch_size=2, workers=2))
    assert [b.sentences for b in two] == [b.sentences for b in one]
    assert [b.mentions for b in two] == [b.mentions for b in one]
    assert [b.found for b in two] == [b.found for b in one]
    assert sum(len(b.mentions) for b in one) > 0
    assert len(list((tmp_path / "parses").glob("*.parse"))) == len(seed_bodies)


def test_model_multiplies_through_single_threaded_blas(nlp: Language) -> None:
    """Workers are the parallelism: the model's matrix products use numpy's BLAS (not thinc's
    BLIS) with one thread per process, and forked workers inherit that."""
    from thinc.backends.numpy_ops import NumpyOps
    from threadpoolctl import threadpool_info

    for name in ("tok2vec", "parser", "ner"):
        ops = nlp.get_pipe(name).model.ops  # type: ignore[attr-defined]
        assert isinstance(ops, NumpyOps) and not ops.use_blis
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)
