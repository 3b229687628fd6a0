"""What a stage keeps in memory per article is bounded: the article asset lists the pages with
the most dropped lines, not one entry per page."""

from __future__ import annotations

from etl.stages import articles, runner


def test_dropped_lines_keep_the_largest_pages_only() -> None:
    tally = runner.Tally()
    n_pages = 1000
    for start in range(0, n_pages, 50):  # worker batches
        dropped = {f"page_{i:04d}.txt": i % 97 for i in range(start, start + 50)}
        articles._frames(articles.ArticleRows([], [], dropped, {}), tally)
        assert len(tally.detail("dropped_boilerplate_lines")) <= 4 * articles.DROPPED_SHOWN
    everything = {f"page_{i:04d}.txt": i % 97 for i in range(n_pages)}
    assert articles.most_dropped(tally.detail("dropped_boilerplate_lines")) == (
        articles.most_dropped(everything)
    )
    assert tally.counts["n_dropped_lines"] == sum(everything.values())
    assert list(articles.most_dropped(everything).values())[0] == 96
