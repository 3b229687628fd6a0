"""The bound on one article's work: long pages are cut, flagged, and never stall a run."""

from __future__ import annotations

from etl.transforms.articles import extract_article
from etl.transforms.articles.bounds import MAX_WORDS, bound_page


def test_short_pages_are_read_whole() -> None:
    page = "Le Mali accuse la France.\n" * 100
    assert bound_page(page) == (page, 0)
    exact = " ".join(["mot"] * 50)
    assert bound_page(exact, max_words=50) == (exact, 0)


def test_a_long_page_is_cut_at_a_line_then_a_sentence_then_a_word() -> None:
    lines = "Le Mali accuse la France.\n" * 30  # 5 words a line
    read, n_cut = bound_page(lines, max_words=52)
    assert read == "Le Mali accuse la France.\n" * 10
    assert n_cut == len(lines) - len(read)
    one_line = "Le Mali accuse la France d'ingérence. " * 30  # 6 words a sentence
    read, _ = bound_page(one_line, max_words=40)
    assert read == ("Le Mali accuse la France d'ingérence. " * 6).rstrip()
    words = " ".join(f"w{i}" for i in range(100))
    read, _ = bound_page(words, max_words=40)
    assert read.split() == [f"w{i}" for i in range(40)]
    # What is read is a prefix: offsets into the page stay valid.
    assert lines.startswith(bound_page(lines, max_words=52)[0])


def test_twenty_thousand_lines_of_one_dyad_are_flagged_as_truncated() -> None:
    page = "Le Mali accuse la France.\n" * 20_000
    rec = extract_article(page)
    assert rec.is_truncated
    assert rec.n_words == MAX_WORDS
    assert rec.n_truncated_chars == len(page) - len(page) * MAX_WORDS // 100_000
    assert not extract_article("Le Mali accuse la France.\n" * 10).is_truncated
