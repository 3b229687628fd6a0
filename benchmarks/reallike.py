"""The real-like corpus: pages recombined from the project's real pages with a fixed seed.

The synthetic corpus (:mod:`benchmarks.corpus`) is written from templates, and its sentences are
easier than published ones. This corpus takes its words from real pages only:

* **bodies** from the 322 annotated pages of ``corpus/pages/<family>/`` (published articles in
  20 topic families): a page's story is one real page's paragraphs, in order, sometimes cut
  short (the first one or two paragraphs, as a brief), sometimes followed by the paragraphs of
  one to three other pages of the same family (a long report with its background);
* **page furniture** from the scraped pages with their menus, teasers and sidebars kept
  (``seeds/`` and ``tests/data/heldout/``): the lines above a page's first paragraph of prose
  (menus, section names, bylines, share widgets, cookie banners) and below its last (comment
  forms, "Les plus lus", related-article teasers, copyright lines), each from a different page;
  the furnished page's own title is left out of the header, the story's title (from the gold,
  when the page has one) is put in;
* **teasers inside the story**: "Lire aussi : <title of another real page>", with the prefixes
  the furnished pages use.

One ``random.Random(seed)`` decides everything; every page is checked by SHA-256 and redrawn on
a collision, so no page occurs twice. Nothing is invented: every line of a page is a line of a
real page (or a real title after a real teaser prefix).
"""

from __future__ import annotations

import functools
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import distinct_pages

ROOT = Path(__file__).resolve().parent.parent
CORPUS_PAGES = ROOT / "corpus" / "pages"
CORPUS_GOLD = ROOT / "corpus" / "gold"
FURNISHED = (ROOT / "seeds", ROOT / "tests" / "data" / "heldout")
FURNISHED_GOLD = (ROOT / "tests" / "data" / "seeds_gold.jsonl",
                  ROOT / "tests" / "data" / "heldout_gold.jsonl")  # fmt: skip
# A line of prose: where a furnished page's story starts and ends (a cookie banner has about 20
# words, the stories' paragraphs 40 and more).
PROSE_WORDS = 30
# Longer header lines preview the furnished page's own story.
HEADER_WORDS = 12
# A brief holds the first paragraphs of its page up to at least this many words.
BRIEF_WORDS = 50
# How a story's body is drawn: (share of pages, kind).
LENGTHS = ((0.25, "brief"), (0.45, "page"), (0.30, "long"))
_TEASER = re.compile(r"^\s*(›\s*)?(lire aussi|a lire|à lire)\b[^:]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Story:
    family: str
    page_id: str
    title: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Furniture:
    header: tuple[str, ...]
    footer: tuple[str, ...]


def _gold_titles(files: list[Path]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if record.get("title"):
                    titles[record["file"]] = record["title"]
    return titles


@functools.cache
def stories() -> tuple[Story, ...]:
    """Every annotated real page as a story: its non-empty lines are its paragraphs."""
    titles = _gold_titles(sorted(CORPUS_GOLD.glob("*.jsonl")))
    out: list[Story] = []
    for path in sorted(CORPUS_PAGES.glob("*/*.txt")):
        lines = [ln.rstrip() for ln in path.read_text(encoding="utf-8").splitlines()]
        title = titles.get(path.name)
        paragraphs = tuple(ln for ln in lines if ln.strip() and ln.strip() != title)
        if paragraphs:
            out.append(Story(path.parent.name, path.stem, title, paragraphs))
    if not out:
        raise FileNotFoundError(f"no annotated pages under {CORPUS_PAGES}")
    return tuple(out)


@functools.cache
def furniture() -> tuple[Furniture, ...]:
    """Header and footer lines of every scraped page that kept its furniture."""
    titles = _gold_titles([p for p in FURNISHED_GOLD if p.is_file()])
    out: list[Furniture] = []
    for folder in FURNISHED:
        for path in sorted(folder.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").splitlines()
            prose = [i for i, ln in enumerate(lines) if len(ln.split()) >= PROSE_WORDS]
            if not prose:
                continue
            title = titles.get(path.name)
            # The furnished page's own title (also inside "<title> - <outlet>") and the previews
            # of its own story (standfirst, dateline teaser, photo caption: longer lines) are not
            # furniture: they would carry that story into every page wearing this header.
            header = tuple(
                ln
                for ln in lines[: prose[0]]
                if not (title and title.strip() in ln) and len(ln.split()) <= HEADER_WORDS
            )
            out.append(Furniture(header, tuple(lines[prose[-1] + 1 :])))
    return tuple(out)


@functools.cache
def teaser_prefixes() -> tuple[str, ...]:
    """The "Lire aussi :" prefixes the furnished pages print inside their stories."""
    found: set[str] = set()
    for folder in FURNISHED:
        for path in sorted(folder.glob("*.txt")):
            for ln in path.read_text(encoding="utf-8").splitlines():
                m = _TEASER.match(ln)
                if m:
                    found.add(m.group(0))
    return tuple(sorted(found)) or ("Lire aussi :",)


@functools.cache
def families() -> dict[str, list[Story]]:
    by_family: dict[str, list[Story]] = {}
    for s in stories():
        by_family.setdefault(s.family, []).append(s)
    return by_family


def _body(rng: random.Random, story: Story, by_family: dict[str, list[Story]]) -> list[str]:
    """A brief (first one or two paragraphs), the page as published, or a long report: the page
    followed by one to three other pages of its family."""
    kind = rng.choices([k for _, k in LENGTHS], weights=[w for w, _ in LENGTHS])[0]
    paragraphs = list(story.paragraphs)
    if kind == "brief":
        k = rng.randint(1, 2)
        while k < len(paragraphs) and sum(len(p.split()) for p in paragraphs[:k]) < BRIEF_WORDS:
            k += 1
        return paragraphs[:k]
    if kind == "long":
        others = [s for s in by_family[story.family] if s is not story]
        for other in rng.sample(others, min(len(others), rng.randint(1, 3))):
            paragraphs += list(other.paragraphs)
    elif len(paragraphs) > 3 and rng.random() < 0.3:
        # A page republished with one paragraph cut, as aggregators do.
        del paragraphs[rng.randrange(1, len(paragraphs))]
    return paragraphs


def generate_page(rng: random.Random, titles: list[str]) -> str:
    """One page: real header furniture, the story's title, a real body, real footer furniture."""
    by_family = families()
    family = rng.choice(sorted(by_family))
    story = rng.choice(by_family[family])
    body = _body(rng, story, by_family)
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        teaser = f"{rng.choice(teaser_prefixes())} {rng.choice(titles)}"
        body.insert(rng.randrange(1, len(body) + 1), teaser)
    head, foot = rng.sample(list(furniture()), 2)
    lines = list(head.header)
    if story.title:
        lines += [story.title, ""]
    for p in body:
        lines += [p, ""]
    lines += list(foot.footer)
    return "\n".join(lines).strip("\n") + "\n"


def iter_pages(n: int, seed: int) -> Iterator[str]:
    """``n`` distinct pages (by SHA-256), reproducible from ``seed``, one at a time."""
    rng = random.Random(seed)
    titles = sorted({s.title for s in stories() if s.title})
    return distinct_pages(lambda: generate_page(rng, titles), n)


def generate_pages(n: int, seed: int) -> list[str]:
    """``n`` distinct pages (by SHA-256), reproducible from ``seed``."""
    return list(iter_pages(n, seed))


def write_corpus(n: int, folder: Path, seed: int) -> list[Path]:
    """Write ``n`` distinct real-like pages as ``page_00000.txt`` ... into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(iter_pages(n, seed)):
        path = folder / f"page_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
