"""The figures of one benchmark run, as the child process writes them and the report reads them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class StepTime:
    step: str
    seconds: float
    # "asset" if the step materialized something, else "check" (asset checks, or a step that
    # had nothing to write)
    kind: str = "asset"
    # The run process's largest resident set sampled during the step (MB; 0: not sampled)
    rss_mb: float = 0.0


@dataclass
class RunTime:
    """One materialization: wall time around ``run_pipeline`` and Dagster's step durations."""

    wall_s: float
    success: bool
    steps: list[StepTime] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # What each stage reported doing, when it reports it: {"core/articles": {"n_processed": 1,
    # "n_removed": 0, "n_unchanged": 999}} (the incremental bookkeeping of the assets)
    stages: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def steps_s(self) -> float:
        return sum(s.seconds for s in self.steps)


@dataclass
class BenchResult:
    n: int
    seed: int
    corpus_bytes: int
    page_words: int
    article_words: int
    generate_s: float
    model_load_s: float
    model_was_cold: bool
    full: RunTime
    incremental: RunTime
    modified_file: str
    bare_nlp_s: float  # over the article bodies the pipeline codes
    bare_nlp_texts: int
    bare_pages_s: float  # over the whole text of every page, as given to the pipeline
    rss_before_run_mb: float  # high-water mark after imports and the model load
    rss_peak_mb: float  # high-water mark after the full run
    rss_children_mb: float
    rss_end_mb: float  # high-water mark after the incremental run and the bare model run
    corpus: str = "synthetic"  # which generator wrote the pages (CORPORA in benchmarks/run.py)
    load: str = ""  # the machine's load averages (1, 5, 15 min) when the full run ended

    @property
    def label(self) -> str:
        return f"{self.corpus} N = {self.n:,}"

    @property
    def docs_per_s(self) -> float:
        return self.n / self.full.wall_s if self.full.wall_s else 0.0

    @property
    def page_words_per_s(self) -> float:
        return self.page_words / self.full.wall_s if self.full.wall_s else 0.0

    @property
    def article_words_per_s(self) -> float:
        return self.article_words / self.full.wall_s if self.full.wall_s else 0.0

    @property
    def pipeline_over_model(self) -> float:
        """Full run ÷ the bare model over the same input: the whole text of the pages."""
        return self.full.wall_s / self.bare_pages_s if self.bare_pages_s else 0.0

    @property
    def pipeline_over_bodies(self) -> float:
        """Full run ÷ the bare model over the article bodies only (the stricter comparison)."""
        return self.full.wall_s / self.bare_nlp_s if self.bare_nlp_s else 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BenchResult:
        data = dict(data)
        for key in ("full", "incremental"):
            run = dict(data[key])
            run["steps"] = [StepTime(**s) for s in run["steps"]]
            data[key] = RunTime(**run)
        return cls(**data)


@dataclass
class BenchReport:
    results: list[BenchResult]
    skipped: list[str]
    notes: list[str]
    date: str
    machine: dict[str, str]
