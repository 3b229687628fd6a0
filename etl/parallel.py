"""Batches of articles fanned out to worker processes that share the loaded model.

Workers are forked from the process that already holds the spaCy model and the gazetteer, so
they start at once and share those pages copy-on-write instead of loading their own. A worker
gets a batch of plain values and returns plain rows: no DuckDB connection and no polars frame
crosses the fork (both keep thread pools that a forked child must not touch).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from etl.transforms.nlp import processes

T = TypeVar("T")
R = TypeVar("R")


def batched(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def fan_out(
    fn: Callable[[Sequence[T]], R],
    items: Sequence[T],
    *,
    batch_size: int,
    workers: int | None = None,
) -> Iterator[R]:
    """``fn`` over consecutive batches of ``items``, results in input order.

    ``fn`` must be a module-level function (or a ``functools.partial`` of one). With one worker,
    or a single batch, everything runs in this process. An exception in a worker is raised here;
    a worker that dies (killed, out of memory) raises ``BrokenProcessPool`` instead of leaving
    the stage waiting for a result that will never come. Workers live for one call: a stage
    calls this once per chunk of articles, so whatever they accumulate is given back.
    """
    batches = batched(items, batch_size)
    n = min(workers or processes(), len(batches))
    if n <= 1:
        yield from map(fn, batches)
        return
    pool = ProcessPoolExecutor(
        n, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init
    )
    try:
        yield from pool.map(fn, batches)
    finally:
        # After an error or a consumer that stopped early, queued batches are dropped.
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    # A fork inherits the parent's signal handlers (Dagster's turn SIGTERM into an exception that
    # prints a traceback per worker); the parent alone handles interrupts and ends the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
