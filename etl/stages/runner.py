"""How a per-article stage runs, written once.

Plan against the ledger, read the inputs a chunk at a time, fan batches out to the worker pool,
stream the rows they return into the stage's tables inside one transaction with the ledger, and
tally what was written. A stage supplies only its :class:`Stage`: what a worker does with a
batch and how its output becomes frames. Whoever listens (the CLI's progress display, the Dagster
run log) hears how far each stage has got, batch by batch.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import duckdb
import polars as pl

from etl import warehouse
from etl.stages import pool
from etl.stages.ledger import Plan
from etl.stages.versions import stage_version

# Articles read from DuckDB at a time: memory holds one chunk, whatever the corpus size.
READ_CHUNK = 1000
PREVIEW_ROWS = 5

T = TypeVar("T")
R = TypeVar("R")
Frames = dict[str, pl.DataFrame]


@dataclass
class Tally:
    """Rows written per table, the first rows of each (the UI's preview), and counters."""

    rows: Counter[str] = field(default_factory=Counter)
    heads: dict[str, pl.DataFrame] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(self, batch: Frames) -> Frames:
        for table, df in batch.items():
            self.rows[table] += df.height
            head = self.heads.get(table)
            if head is None:
                self.heads[table] = df.head(PREVIEW_ROWS)
            elif head.height < PREVIEW_ROWS:
                self.heads[table] = pl.concat([head, df]).head(PREVIEW_ROWS)
        return batch

    def detail(self, name: str) -> dict[str, Any]:
        return self.details.setdefault(name, {})


@dataclass(frozen=True)
class Progress:
    """How far a stage has got: articles done of those it must process, and since when."""

    stage: str
    done: int
    total: int
    elapsed_s: float
    # Start, end, and each chunk of READ_CHUNK articles: what a log shows (a bar shows all).
    milestone: bool

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        return (self.total - self.done) / self.rate if self.rate > 0 else None

    def line(self) -> str:
        pct = 100.0 * self.done / self.total if self.total else 100.0
        text = f"{self.stage}: {self.done}/{self.total} articles ({pct:.0f} %)"
        if self.done:
            text += f", {self.rate:.1f}/s"
        if self.eta_s is not None and self.done < self.total:
            text += f", about {self.eta_s:.0f} s left"
        elif self.done >= self.total:
            text += f", done in {self.elapsed_s:.1f} s"
        return text


_LISTENERS: list[Callable[[Progress], None]] = []


@contextlib.contextmanager
def progress_listener(listener: Callable[[Progress], None]) -> Iterator[None]:
    """Call ``listener`` with each stage's progress while the block runs (in this process: the
    workers' results come back here, so no listener ever runs in a worker)."""
    _LISTENERS.append(listener)
    try:
        yield
    finally:
        _LISTENERS.remove(listener)


def _report(stage: str, done: int, total: int, started: float, milestone: bool) -> None:
    if _LISTENERS:
        p = Progress(stage, min(done, total), total, time.monotonic() - started, milestone)
        for listener in list(_LISTENERS):
            listener(p)


@dataclass(frozen=True)
class Stage(Generic[T, R]):
    """One per-article stage: its ledger name, its tables (children first), and its work."""

    name: str
    tables: tuple[str, ...]
    work: Callable[[Sequence[T]], R]  # module-level: it runs in forked workers
    frames: Callable[[R, Tally], Frames]  # a worker's output as frames; may count into the tally
    batch_size: int


def sql_plan(
    conn: duckdb.DuckDBPyConnection, stage: str, query: str, *, full_refresh: bool
) -> Plan:
    """Plan ``stage`` in DuckDB: ``sql/queries/<query>.sql`` hashes every article's inputs as
    :func:`etl.stages.ledger.input_hash` does (the same hashes: a ledger written before carries
    over) and compares them with the ledger in one join, returning only the articles to
    (re)process or forget; a one-page change then moves a row to Python, not the corpus."""
    changed = warehouse.query(
        conn,
        query,
        stage_version=stage_version(stage),
        stage_name=stage,
        n_full_refresh=int(full_refresh),
    )
    todo = changed.filter(pl.col("input_hash").is_not_null())
    ids = todo["article_id"].to_list()
    removed = changed.filter(pl.col("input_hash").is_null())["article_id"].to_list()
    if changed.height:
        n_current = int(changed["n_current"][0])
    else:  # nothing changed or went: every article of the ledger is current
        n_current = warehouse.scalar(conn, "n_stage_inputs", stage_name=stage)
    inputs = dict(zip(ids, todo["input_hash"].to_list(), strict=True))
    return Plan(ids, removed, inputs, n_current - len(ids))


def chunks(ids: Sequence[str], size: int = READ_CHUNK) -> Iterator[list[str]]:
    for chunk in pool.batched(ids, size):
        yield list(chunk)


def run(
    conn: duckdb.DuckDBPyConnection,
    stage: Stage[T, R],
    p: Plan,
    items: Iterable[T],
    *,
    workers: int | None,
    tally: Tally | None = None,
    ready: Iterable[Frames] = (),
    finish: Callable[[], None] | None = None,
) -> Tally:
    """Fan ``items`` (read lazily) out to workers and swap the stage's rows for ``p.touched``.

    ``ready`` are frames computed elsewhere (the scale-out batches) that go in first; ``finish``
    runs inside the same transaction after the last row (corpus-wide derived tables).
    """
    tally = tally if tally is not None else Tally()
    total = len(p.todo)
    started = time.monotonic()

    def batches() -> Iterator[Frames]:
        if total:
            _report(stage.name, 0, total, started, True)
        for frames in ready:
            yield tally.add(frames)
        # Articles staged by the scale-out batches are done once their frames are in; each
        # worker result is one full batch (only the last may be short, and done is capped).
        done = tally.counts["n_from_batches"]
        for out in pool.fan_out(stage.work, items, batch_size=stage.batch_size, workers=workers):
            yield tally.add(stage.frames(out, tally))
            before, done = done, done + stage.batch_size
            chunk_done = done // READ_CHUNK > before // READ_CHUNK
            _report(stage.name, done, total, started, chunk_done and done < total)

    warehouse.stream_article_rows(
        conn, stage.name, stage.tables, p.touched, p.inputs, batches(), finish=finish
    )
    _report(stage.name, total, total, started, True)
    return tally
