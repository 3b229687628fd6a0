"""The markdown report of a benchmark: machine, summary figures, time per Dagster step."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from benchmarks.results import BenchReport, BenchResult, RunTime

DEFAULT_OUT = Path(__file__).resolve().parent / "RESULTS.md"


def _f(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def _row(label: str, cells: Sequence[str]) -> str:
    return "| " + " | ".join([label, *cells]) + " |"


def _step_table(title: str, results: Sequence[BenchResult], which: str) -> list[str]:
    out = [f"### {title}", ""]
    header = ["step"]
    for r in results:
        header += [f"{r.label} (s)", "share"]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    steps: list[str] = []
    n_checks = 0
    for r in results:
        run: RunTime = getattr(r, which)
        n_checks = max(n_checks, sum(s.kind != "asset" for s in run.steps))
        for s in run.steps:
            if s.kind == "asset" and s.step not in steps:
                steps.append(s.step)
    checks = f"asset checks and steps that wrote nothing ({n_checks} steps)"
    outside = "outside steps (Dagster orchestration, summary queries)"
    for step in [*steps, checks, outside, "total (wall)"]:
        cells: list[str] = []
        for r in results:
            run = getattr(r, which)
            if step == "total (wall)":
                sec = run.wall_s
            elif step == outside:
                sec = max(run.wall_s - run.steps_s, 0.0)
            elif step == checks:
                sec = sum(s.seconds for s in run.steps if s.kind != "asset")
            else:
                sec = sum(s.seconds for s in run.steps if s.step == step)
            share = sec / run.wall_s * 100 if run.wall_s else 0.0
            cells += [_f(sec, 2), f"{share:.1f} %"]
        out.append(_row(f"`{step}`" if step in steps else step, cells))
    return out + [""]


def _rss_table(results: Sequence[BenchResult]) -> list[str]:
    """The run process's largest sampled resident set during each asset step of the full run:
    where memory grows with the corpus."""
    if not any(s.rss_mb for r in results for s in r.full.steps):
        return []
    out = ["### Peak RSS of the run process per step (full run, sampled every 0.2 s)", ""]
    header = ["step", *(f"{r.label} (MB)" for r in results)]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    steps = list(dict.fromkeys(s.step for r in results for s in r.full.steps if s.kind == "asset"))
    checks = "asset checks (largest)"
    for step in [*steps, checks]:
        cells = []
        for r in results:
            if step == checks:
                mb = max((s.rss_mb for s in r.full.steps if s.kind != "asset"), default=0.0)
            else:
                mb = max((s.rss_mb for s in r.full.steps if s.step == step), default=0.0)
            cells.append(_f(mb, 0) if mb else "–")
        out.append(_row(f"`{step}`" if step in steps else step, cells))
    return out + [""]


def _stage_work(results: Sequence[BenchResult]) -> list[str]:
    """What the stages said they did in each run (documents processed / removed / unchanged)."""
    rows: list[str] = []
    for r in results:
        for label, run in (("full", r.full), ("incremental", r.incremental)):
            for asset, nums in sorted(run.stages.items()):
                cells = [str(nums.get(k, "")) for k in ("n_processed", "n_removed", "n_unchanged")]
                rows.append(_row(r.label, [label, f"`{asset}`", *cells]))
    if not rows:
        return []
    head = [
        "### Work done per stage (as the assets report it)",
        "",
        "| corpus, N | run | asset | processed | removed | unchanged |",
        "|---|---|---|---|---|---|",
    ]
    return [*head, *rows, ""]


def _summary(rs: Sequence[BenchResult]) -> list[str]:
    """One row per figure, one column per N."""
    lines = [_row("metric", [r.label for r in rs]), "|---|" + "---|" * len(rs)]

    def add(label: str, cells: Sequence[str]) -> None:
        lines.append(_row(label, cells))

    add("load average (1, 5, 15 min) after the full run", [r.load or "-" for r in rs])
    add("pages (distinct by SHA-256)", [f"{r.n:,}" for r in rs])
    add("corpus size (MB)", [_f(r.corpus_bytes / 1e6, 2) for r in rs])
    add("page words (whitespace tokens)", [f"{r.page_words:,}" for r in rs])
    add("article body words (`core.articles.n_words`)", [f"{r.article_words:,}" for r in rs])
    add("corpus generation (s)", [_f(r.generate_s, 2) for r in rs])
    add(
        "spaCy model load (s)",
        [_f(r.model_load_s, 2) + ("" if r.model_was_cold else " (warm)") for r in rs],
    )
    add("**full run wall time (s)**", [f"**{_f(r.full.wall_s, 1)}**" for r in rs])
    add("full run + model load (s)", [_f(r.full.wall_s + r.model_load_s, 1) for r in rs])
    add("**documents/s**", [f"**{_f(r.docs_per_s, 2)}**" for r in rs])
    add("page words/s", [_f(r.page_words_per_s, 0) for r in rs])
    add("article words/s", [_f(r.article_words_per_s, 0) for r in rs])
    add("peak RSS, self, before the run (MB)", [_f(r.rss_before_run_mb, 0) for r in rs])
    add(
        "**peak RSS, self, after the full run (MB)**",
        [f"**{_f(r.rss_peak_mb, 0)}**" for r in rs],
    )
    add("peak RSS, self, end of bench (MB)", [_f(r.rss_end_mb, 0) for r in rs])
    add("peak RSS, children (MB)", [_f(r.rss_children_mb, 0) for r in rs])
    add(
        "**incremental run, one page modified (s)**",
        [f"**{_f(r.incremental.wall_s, 1)}**" for r in rs],
    )
    add("incremental ÷ full", [_f(r.incremental.wall_s / r.full.wall_s, 2) for r in rs])
    add("modified page", [f"`{r.modified_file}`" for r in rs])
    add("bare `nlp.pipe` over the whole pages (s)", [_f(r.bare_pages_s, 1) for r in rs])
    add("bare `nlp.pipe` over the article bodies (s)", [_f(r.bare_nlp_s, 1) for r in rs])
    add("bodies given to the bare model", [f"{r.bare_nlp_texts:,}" for r in rs])
    add("**pipeline ÷ bare model (pages)**", [f"**{_f(r.pipeline_over_model, 2)}**" for r in rs])
    add("pipeline ÷ bare model (bodies only)", [_f(r.pipeline_over_bodies, 2) for r in rs])
    for table in (
        "core.articles",
        "core.sentences",
        "core.mentions",
        "core.events",
        "core.event_clusters",
    ):
        add(f"rows in `{table}`", [f"{r.full.counts.get(table, 0):,}" for r in rs])
    add(
        "runs succeeded (full / incremental)",
        [f"{r.full.success} / {r.incremental.success}" for r in rs],
    )
    return lines


def render_markdown(report: BenchReport) -> str:
    rs = report.results
    lines = [
        "# Dyad benchmark results",
        "",
        f"Written by `dyad bench` on {report.date}. Corpora: "
        f"{', '.join(dict.fromkeys(r.corpus for r in rs)) or '-'}, seed "
        f"{rs[0].seed if rs else '-'}; see `benchmarks/README.md` for what is measured and how.",
        "",
        "| machine | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in report.machine.items()]
    lines += ["", "## Summary", ""]
    if rs:
        lines += _summary(rs)
        lines.append("")
        lines += ["## Time per Dagster step", ""]
        lines += _step_table("Full run", rs, "full")
        lines += _step_table("Incremental run (one page modified)", rs, "incremental")
        lines += _stage_work(rs)
        lines += _rss_table(rs)
    else:
        lines += ["No N was run.", ""]
    if report.skipped or report.notes:
        lines += ["## Notes", ""]
        lines += [f"- {s}" for s in report.skipped]
        lines += [f"- {s}" for s in report.notes]
        lines.append("")
    return "\n".join(lines)


def write_report(report: BenchReport, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(report), encoding="utf-8")
    return out
