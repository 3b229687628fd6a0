"""`dyad bench`: the synthetic corpus is varied and never repeats; the report has every figure."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from benchmarks import actors, corpus, reallike, results, small
from benchmarks import report as reporting
from benchmarks import run as runner

REPORT_FIELDS = (
    "os.cpu_count()",
    "pages (distinct by SHA-256)",
    "full run wall time (s)",
    "documents/s",
    "page words/s",
    "article words/s",
    "peak RSS, self, after the full run (MB)",
    "peak RSS, children (MB)",
    "incremental run, one page modified (s)",
    "bare `nlp.pipe` over the whole pages (s)",
    "bare `nlp.pipe` over the article bodies (s)",
    "pipeline ÷ bare model (pages)",
    "pipeline ÷ bare model (bodies only)",
    "### Full run",
    "### Incremental run (one page modified)",
    "`entities`",
    "`events`",
    "share",
)


def sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def test_twenty_pages_are_distinct_and_reproducible() -> None:
    pages = corpus.generate_pages(20, seed=7)
    assert len(pages) == 20
    assert len({sha(p) for p in pages}) == 20
    assert corpus.generate_pages(20, seed=7) == pages
    assert corpus.generate_pages(20, seed=8) != pages
    for page in pages:
        assert len(page.split()) > 150
        assert "{" not in page and "}" not in page  # every placeholder was filled


def test_pages_mix_stories_actors_and_furniture() -> None:
    pages = corpus.generate_pages(20, seed=7)
    text = "\n".join(pages)
    furniture = ("Lire aussi", "A lire", "LIRE AUSSI", "Les plus lus", "commentaire", "Menu")
    assert sum(marker in text for marker in furniture) >= 3
    countries = actors.load_countries()
    named = {c.code for c in countries if c.name in text}
    assert len(named) >= 20  # actors drawn from many countries
    # Dates in several formats: numeric, ISO, French month names.
    assert any(ch in text for ch in ("/20", ".20"))
    assert any(m in text for m in ("janvier", "mars", "mai", "juin", "juillet", "octobre"))


def test_country_forms_follow_french_grammar() -> None:
    by_code = {c.code: c for c in actors.load_countries()}
    assert (by_code["MLI"].the, by_code["MLI"].of, by_code["MLI"].to) == (
        "le Mali",
        "du Mali",
        "au Mali",
    )
    assert by_code["USA"].of == "des États-Unis" and by_code["USA"].to == "aux États-Unis"
    assert by_code["ISR"].the == "Israël" and by_code["ISR"].of == "d'Israël"
    assert by_code["DZA"].the == "l'Algérie"
    assert by_code["FRA"].dem_f == "française" and by_code["RUS"].dem_f == "russe"


def test_written_corpus_has_no_duplicate_file(tmp_path: Path) -> None:
    paths = corpus.write_corpus(20, tmp_path / "pages", seed=7)
    assert len(paths) == 20
    assert len({sha(p.read_bytes()) for p in paths}) == 20
    before = sha(paths[3].read_bytes())
    corpus.modify_one_page(paths[3])
    assert sha(paths[3].read_bytes()) != before


def test_small_pages_are_short_distinct_and_reproducible(tmp_path: Path) -> None:
    paths = small.write_corpus(30, tmp_path, seed=3)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len({hashlib.sha256(t.encode()).hexdigest() for t in texts}) == 30
    assert all(len(t.split("\n\n")) == 3 and 10 < len(t.split()) < 120 for t in texts)
    assert texts == list(small.iter_pages(30, seed=3))
    assert "small" in runner.CORPORA


def test_real_like_pages_are_real_lines_recombined() -> None:
    pages = reallike.generate_pages(300, seed=7)
    assert len({sha(p) for p in pages}) == 300
    assert reallike.generate_pages(300, seed=7) == pages
    assert reallike.generate_pages(300, seed=8) != pages
    real: set[str] = set()
    for folder in (reallike.CORPUS_PAGES, *reallike.FURNISHED):
        for path in folder.rglob("*.txt"):
            real.update(ln.rstrip() for ln in path.read_text(encoding="utf-8").splitlines())
    real.update(s.title for s in reallike.stories() if s.title)
    prefixes = reallike.teaser_prefixes()
    for page in pages:
        for line in page.splitlines():
            assert line in real or line.startswith(prefixes), line
    words = sorted(len(p.split()) for p in pages)
    assert words[0] < 150 and words[-1] > 900  # briefs and long reports
    families = {s.family for s in reallike.stories() if any(s.paragraphs[0] in p for p in pages)}
    assert len(families) >= 15
    text = "\n".join(pages)
    assert sum(m in text for m in ("Les plus lus", "commentaire", "Menu", "Partager")) >= 3


def fake_result(n: int, seconds: float) -> results.BenchResult:
    def run(wall: float) -> results.RunTime:
        steps = [
            results.StepTime("raw_documents", wall * 0.1),
            results.StepTime("entities", wall * 0.6, "asset", 812.0),
            results.StepTime("events", wall * 0.2),
            results.StepTime("some_check", wall * 0.05, "check"),
        ]
        return results.RunTime(wall, True, steps, {"core.articles": n}, {"core/articles": {}})

    return results.BenchResult(
        n=n,
        seed=7,
        corpus_bytes=n * 3000,
        page_words=n * 400,
        article_words=n * 300,
        generate_s=0.01 * n,
        model_load_s=2.0,
        model_was_cold=True,
        full=run(seconds),
        incremental=run(seconds / 10),
        modified_file="page_00002.txt",
        bare_nlp_s=seconds / 3,
        bare_nlp_texts=n,
        bare_pages_s=seconds / 2,
        rss_before_run_mb=500.0,
        rss_peak_mb=900.0,
        rss_children_mb=0.0,
        rss_end_mb=950.0,
    )


def test_report_renders_every_field_and_round_trips_json() -> None:
    result = fake_result(10, 30.0)
    assert results.BenchResult.from_json(result.to_json()) == result
    report = results.BenchReport([result], ["N = 99 skipped"], ["a note"], "2025-01-01", {})
    report.machine = runner.machine_info()
    text = reporting.render_markdown(report)
    for name in REPORT_FIELDS:
        assert name in text, name
    assert "N = 99 skipped" in text and "a note" in text
    assert "asset checks and steps that wrote nothing (1 steps)" in text
    assert "### Peak RSS of the run process per step" in text and "| `entities` | 812 |" in text


def test_an_n_projected_over_budget_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        runner, "run_child", lambda n, folder, seed, corpus: fake_result(n, 6.0 * n)
    )
    report = runner.run_bench([10, 1000], workdir=tmp_path, budget_min=15)
    assert [r.n for r in report.results] == [10]
    assert report.skipped and report.skipped[0].startswith("synthetic N = 1000 skipped")


def test_the_workdir_is_only_emptied_if_bench_made_it(tmp_path: Path) -> None:
    mine = tmp_path / "n5"
    mine.mkdir()
    (mine / "keep.txt").write_text("user data", encoding="utf-8")
    with pytest.raises(RuntimeError):
        runner._prepare(mine)
    assert (mine / "keep.txt").exists()


@pytest.mark.slow
def test_full_bench_of_five_pages(tmp_path: Path) -> None:
    report = runner.run_bench([5], workdir=tmp_path / "work", budget_min=None)
    (result,) = report.results
    assert result.n == 5 and result.corpus == "synthetic" and result.load
    assert result.full.success and result.incremental.success
    assert result.full.counts["raw.documents"] == 5
    assert result.full.counts["core.articles"] == 5
    assert result.bare_nlp_texts == 5
    steps = {s.step for s in result.full.steps}
    assert {"raw_documents", "articles", "entities", "events"} <= steps
    assert (
        result.full.wall_s > 0
        and result.bare_nlp_s > 0
        and result.bare_pages_s > 0
        and result.rss_peak_mb > 0
    )
    out = reporting.write_report(report, tmp_path / "RESULTS.md")
    text = out.read_text(encoding="utf-8")
    for name in REPORT_FIELDS:
        assert name in text, name
    assert "N = 5" in text
