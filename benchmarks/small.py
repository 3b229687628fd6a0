"""The small-page corpus: a title, a date line and one lede per page (about 40 words).

It measures what grows with the number of *pages* (the folder walk, the file list, each stage's
plan, the views, the checks, memory per article) at 100,000 pages and more, in the time a
10,000-page synthetic run takes: the model's cost follows the words, which are a tenth. The
stories come from the synthetic templates (:mod:`benchmarks.corpus`) with one
``random.Random(seed)``, and no page occurs twice.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from benchmarks.actors import Country, load_countries
from benchmarks.corpus import (
    DEFAULT_SEED,
    _context,
    _random_date,
    _story,
    date_line,
    distinct_pages,
)


def small_page(rng: random.Random, countries: list[Country]) -> str:
    """One page: the story's title, a date line and its lede."""
    day = _random_date(rng)
    story = _story(rng, _context(rng, countries, day))
    return "\n\n".join([story.title, date_line(day, rng), story.lede]) + "\n"


def iter_pages(n: int, seed: int = DEFAULT_SEED) -> Iterator[str]:
    rng = random.Random(seed)
    countries = load_countries()
    return distinct_pages(lambda: small_page(rng, countries), n)


def write_corpus(n: int, folder: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``n`` distinct small pages as ``page_000000.txt`` ... into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(iter_pages(n, seed)):
        path = folder / f"page_{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
