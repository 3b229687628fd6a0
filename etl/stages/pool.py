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
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """One worker per core, at most two (``DYAD_NLP_PROCESSES`` overrides, via the settings)."""
    return max(1, min(2, os.cpu_count() or 1))


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
    n = workers or default_workers()
    source = _lazy_batches(items, batch_size)
    head = list(itertools.islice(source, 2))
    if n <= 1 or len(head) <= 1:
        yield from map(fn, itertools.chain(head, source))
        return
    # Workers are forked once per call and live for the stage: they keep what they cached (the
    # lemmatizer's table of seen words) instead of starting cold on every chunk.
    pool = ProcessPoolExecutor(
        n,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_worker_init,
        initargs=(os.getpid(),),
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


# How often a worker checks that the process that forked it is still alive, seconds.
PARENT_CHECK_S = 1.0


def _worker_init(parent_pid: int) -> None:
    # A fork inherits the parent's signal handlers (Dagster's turn SIGTERM into an exception that
    # prints a traceback per worker); the parent alone handles interrupts and ends the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed with SIGKILL cannot end its workers, and a worker waiting for its next batch
    # would wait forever (its siblings keep the queue's pipe open), holding the model's memory.
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()


def _exit_with_parent(parent_pid: int) -> None:
    # The kernel gives an orphan a new parent: polling is portable, and PR_SET_PDEATHSIG would
    # fire when the forking thread ends rather than the process.
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)
