"""Batches of articles fanned out to worker processes that share the loaded model.

Workers are forked from the process that already holds the spaCy model and the gazetteer, so
they start at once and share those pages copy-on-write instead of loading their own. A worker
gets a batch of plain values and returns plain rows: no DuckDB connection and no polars frame
crosses the fork (both keep thread pools that a forked child must not touch).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from etl.transforms import nlp

T = TypeVar("T")
R = TypeVar("R")


def processes() -> int:
    """Worker processes: ``DYAD_NLP_PROCESSES``, else one per core (at most 2)."""
    # Read here because transforms read no environment; the settings module will take this over.
    configured = os.environ.get("DYAD_NLP_PROCESSES")
    return nlp.processes(int(configured) if configured else None)


def batched(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _lazy_batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


def fan_out(
    fn: Callable[[Sequence[T]], R],
    items: Iterable[T],
    *,
    batch_size: int,
    workers: int | None = None,
) -> Iterator[R]:
    """``fn`` over consecutive batches of ``items``, results in input order.

    ``fn`` must be a module-level function (or a ``functools.partial`` of one). ``items`` is read
    lazily: a stage passes a generator that reads its inputs chunk by chunk, and the next batches
    are read while the workers work on the ones before (two per worker are in flight). With one
    worker, or a single batch, everything runs in this process. An exception in a worker is
    raised here; a worker that dies (killed, out of memory) raises ``BrokenProcessPool`` instead
    of leaving the stage waiting for a result that will never come.
    """
    n = workers or processes()
    source = _lazy_batches(items, batch_size)
    head = list(itertools.islice(source, 2))
    if n <= 1 or len(head) <= 1:
        yield from map(fn, itertools.chain(head, source))
        return
    # Workers are forked once per call and live for the stage: they keep what they cached (the
    # lemmatizer's table of seen words) instead of starting cold on every chunk.
    pool = ProcessPoolExecutor(
        n, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init
    )
    try:
        batches = itertools.chain(head, source)
        in_flight: deque[Future[R]] = deque(
            pool.submit(fn, b) for b in itertools.islice(batches, 2 * n)
        )
        while in_flight:
            done = in_flight.popleft().result()
            for b in itertools.islice(batches, 1):
                in_flight.append(pool.submit(fn, b))
            yield done
    finally:
        # After an error or a consumer that stopped early, queued batches are dropped.
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    # A fork inherits the parent's signal handlers (Dagster's turn SIGTERM into an exception that
    # prints a traceback per worker); the parent alone handles interrupts and ends the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
