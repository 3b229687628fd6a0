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
from typing import TypeVar

from etl.transforms.nlp import processes

T = TypeVar("T")
R = TypeVar("R")

# A worker is replaced after this many batches, so memory a long run leaks into spaCy's string
# store or allocator arenas is given back.
MAX_BATCHES_PER_WORKER = 64


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
    or a single batch, everything runs in this process.
    """
    batches = batched(items, batch_size)
    n = min(workers or processes(), len(batches))
    if n <= 1:
        yield from map(fn, batches)
        return
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(n, initializer=_worker_init, maxtasksperchild=MAX_BATCHES_PER_WORKER)
    try:
        yield from pool.imap(fn, batches)
        pool.close()  # workers finish and exit on their own
    except BaseException:
        pool.terminate()  # an error, an interrupt, or a consumer that stopped early
        raise
    finally:
        pool.join()


def _worker_init() -> None:
    # A fork inherits the parent's signal handlers (Dagster's turn SIGTERM into an exception that
    # prints a traceback per worker); the parent alone handles interrupts and ends the workers.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
