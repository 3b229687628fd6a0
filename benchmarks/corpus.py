"""The synthetic corpus: French news pages recombined from templates with a fixed seed.

A page is a story (title, lede, paragraphs of one kind, a related development of another kind,
context paragraphs, subheadings) about invented officials of the gazetteer's countries, dated in
varied formats and wrapped in page furniture (menus, "Lire aussi :" teasers, "Les plus lus"
sidebars, comment forms, copyright lines). The words come from ``benchmarks/data/``; this module
only decides, with one ``random.Random(seed)``, which of them go where. No page is ever produced
twice: every page is checked by its SHA-256 and redrawn on a collision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.actors import (
    FIRST_F,
    FIRST_M,
    ORGANIZATIONS,
    SURNAMES,
    Country,
    load_countries,
    person_fields,
)
from benchmarks.vocabulary import StoryType, column, furniture, stories
from etl.transforms.text import month_names, weekday_names

DEFAULT_SEED = 7

# Placeholders of the templates: {A} {B} (country with article), {A_de} {A_a} (after de / à),
# {A_dem} {A_demf} {A_demmp} {A_demfp} (demonyms), {A_cap} (capital), {A_name} (bare name), same
# for B, C, D; {PA} {PB} (person with role as a subject, "le ministre malien, X,"), {PA_full} (same
# without commas, for other positions), {PA_name}, {PA_last}, {PA_e} ("e" if female); {ORG};
# {DATE} (date of the event in the text), {YEAR}, {NUM}, {NUM2}, {AMOUNT}, {FUTURE}.
# A paragraph's first letter is capitalised after formatting; {cA} etc. are capitalised forms.
STORIES: tuple[StoryType, ...] = stories()
_CONTEXT = column("context_paragraphs.tsv", "template")
_TEASERS = column("teasers.tsv", "template")
_TEASER_SUMMARIES = column("teaser_summaries.tsv", "template")
_OUTLETS = column("outlets.tsv", "name")

_MONTHS_FR = month_names("fr")
_WEEKDAYS_FR = weekday_names("fr")
_MONTHS_EN = month_names("en")

# =============================================================================================
# Dates
# =============================================================================================


def _day(d: dt.date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def date_in_text(d: dt.date, rng: random.Random) -> str:
    """How a story sentence dates an event: "le 3 mars 2024", "mardi", "en mars 2024" ..."""
    m, w = _MONTHS_FR[d.month - 1], _WEEKDAYS_FR[d.weekday()]
    return rng.choice(
        (
            f"le {_day(d)} {m} {d.year}",
            f"{w} {_day(d)} {m} {d.year}",
            f"le {w} {_day(d)} {m}",
            f"ce {w}",
            w,
            f"le {_day(d)} {m}",
            f"en {m} {d.year}",
            f"ce {w} {_day(d)} {m}",
        )
    )


def date_line(d: dt.date, rng: random.Random) -> str:
    """A publication date line as page templates print it."""
    m, w = _MONTHS_FR[d.month - 1], _WEEKDAYS_FR[d.weekday()]
    hh, mm = rng.randrange(6, 23), rng.randrange(60)
    return rng.choice(
        (
            f"Publié le {d:%d/%m/%Y} à {hh}h{mm:02d}",
            f"{_day(d)} {m} {d.year}",
            f"{w.capitalize()} {_day(d)} {m.capitalize()} {d.year}",
            f"{d.isoformat()}",
            f"Publié le {_day(d)} {m} {d.year} à {hh}:{mm:02d}",
            f"{d:%d.%m.%Y}",
            f"Mis à jour le {d:%d/%m/%Y}",
            f"{m} {d.day}, {d.year}",
        )
    )


def date_widget(d: dt.date) -> str:
    """The "today" widget of a site theme, often in English ("24 April 2025")."""
    return f"{d.day} {_MONTHS_EN[d.month - 1].capitalize()} {d.year}"


def _random_date(rng: random.Random) -> dt.date:
    start = dt.date(2021, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(2025, 6, 30) - start).days))


# =============================================================================================
# Filling templates
# =============================================================================================


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _context(rng: random.Random, countries: Sequence[Country], d: dt.date) -> dict[str, str]:
    """The value of every placeholder for one story: four countries, two people, figures."""
    a, b, c, e = rng.sample(list(countries), 4)
    ctx: dict[str, str] = {}
    for label, ct in (("A", a), ("B", b), ("C", c), ("D", e)):
        ctx[label] = ct.the
        ctx[f"{label}_de"] = ct.of
        ctx[f"{label}_a"] = ct.to
        ctx[f"{label}_dem"] = ct.dem
        ctx[f"{label}_demf"] = ct.dem_f
        ctx[f"{label}_demmp"] = ct.dem_mp
        ctx[f"{label}_demfp"] = ct.dem_fp
        ctx[f"{label}_cap"] = ct.capital
        ctx[f"{label}_name"] = ct.name
    for label, ct, other in (("PA", a, b), ("PB", b, a)):
        for suffix, value in person_fields(rng, ct, other).items():
            ctx[label + suffix] = value
    ctx["ORG"] = rng.choice(ORGANIZATIONS)
    ctx["DATE"] = date_in_text(d, rng)
    ctx["YEAR"] = str(rng.randrange(2012, d.year))
    ctx["NUM"] = str(rng.randrange(3, 480))
    ctx["NUM2"] = str(rng.randrange(5, 95))
    amount = rng.randrange(2, 900)
    ctx["AMOUNT"] = rng.choice(
        (f"{amount} millions d'euros", f"{amount} millions de dollars", f"{amount} milliards FCFA")
    )
    ctx["FUTURE"] = rng.choice(
        (
            "dans les prochaines semaines",
            "d'ici la fin de l'année",
            f"en {_MONTHS_FR[(d.month + 1) % 12]} prochain",
            "lors du prochain sommet",
        )
    )
    for k in list(ctx):
        if k in ("A", "B", "C", "D", "ORG", "PA", "PB"):
            ctx["c" + k] = _cap(ctx[k])
    return ctx


# Place names that start with an article contract after "à" and "de" ("au Caire", "du Caire").
_CONTRACTIONS = (("à Le ", "au "), ("à Les ", "aux "), ("de Le ", "du "), ("de Les ", "des "))


def _fill(template: str, ctx: dict[str, str]) -> str:
    text = template.format_map(ctx)
    for a, b in _CONTRACTIONS:
        text = text.replace(a, b)
    return _cap(text)


def _teasers(rng: random.Random, countries: Sequence[Country], d: dt.date, k: int) -> list[str]:
    return [_fill(rng.choice(_TEASERS), _context(rng, countries, d)) for _ in range(k)]


# =============================================================================================
# Pages
# =============================================================================================


@dataclass(frozen=True)
class StoryBlocks:
    title: str
    lede: str
    body: list[str]
    standfirst: str | None


def _story(rng: random.Random, ctx: dict[str, str]) -> StoryBlocks:
    main = rng.choice(STORIES)
    second = rng.choice([s for s in STORIES if s is not main])
    title = _fill(rng.choice(main.titles), ctx)
    lede = _fill(rng.choice(main.ledes), ctx)
    n_main = rng.randint(4, len(main.paragraphs))
    body = [_fill(p, ctx) for p in rng.sample(main.paragraphs, n_main)]
    # A related development further down, as long reports have (pages average about 500 words,
    # like the seed pages).
    for p in [rng.choice(second.ledes), *rng.sample(second.paragraphs, rng.randint(1, 3))]:
        body.insert(rng.randrange(1, len(body) + 1), _fill(p, ctx))
    for p in rng.sample(_CONTEXT, rng.randint(5, 10)):
        body.insert(rng.randrange(1, len(body) + 1), _fill(p, ctx))
    # Subheadings between paragraphs, as many sites print them.
    for sub in rng.sample(main.subheads, rng.randint(0, 2)):
        body.insert(rng.randrange(1, len(body) + 1), sub)
    standfirst = _fill(rng.choice(main.paragraphs), ctx) if rng.random() < 0.3 else None
    return StoryBlocks(title, lede, body, standfirst)


def _header(
    rng: random.Random,
    story: StoryBlocks,
    byline: tuple[str, str],
    dates: tuple[dt.date, dt.date],
) -> list[str]:
    """One of four header layouts: title, date line and what the site prints around them."""
    fur = furniture()
    outlet, author = byline
    published, fetched = dates
    lines: list[str] = []
    layout = rng.randrange(4)
    if layout == 0:
        lines += [date_widget(fetched), rng.choice(fur["header_sections"]), ""]
        lines += [story.title, ""]
        bullets = [
            fur["byline"].format(author=author),
            date_line(published, rng),
            str(rng.randrange(9)),
        ]
        lines += [fur["bullet"].format(item=b) for b in bullets]
    elif layout == 1:
        lines += [fur["title_with_outlet"].format(title=story.title, outlet=outlet)]
        lines += ["", "", "", story.title, ""]
        if story.standfirst:
            lines += [story.standfirst, ""]
        lines += [date_line(published, rng)]
    elif layout == 2:
        lines += fur["header_menu"]
        lines += [story.title, "", date_line(published, rng)]
        if rng.random() < 0.5:
            lines += [fur["byline"].format(author=author)]
    else:
        lines += [story.title, "", fur["reading_time"].format(minutes=rng.randint(2, 9))]
        lines += [fur["photo_credit"].format(title=story.title), fur["font_sizes"]]
        lines += [date_line(published, rng)]
    lines.append("")
    return lines


def _footer(
    rng: random.Random, countries: Sequence[Country], outlet: str, fetched: dt.date
) -> list[str]:
    """One of five footer layouts: related teasers, comment forms, sidebars, share widgets."""
    fur = furniture()
    lines: list[str] = []
    footer = rng.randrange(5)
    if footer == 0:
        lines += fur["footer_related"]["before"]
        lines += _teasers(rng, countries, fetched, rng.randint(3, 5))
        lines += fur["footer_related"]["after"]
    elif footer == 1:
        lines += fur["footer_comments"]["before"]
        lines += _teasers(rng, countries, fetched, rng.randint(4, 8))
        lines += fur["footer_comments"]["after"]
    elif footer == 2:
        lines += fur["footer_other_news"]["before"]
        for t in _teasers(rng, countries, fetched, rng.randint(5, 10)):
            lines += [t, ""]
    elif footer == 3:
        rec = fur["footer_recommended"]
        lines += rec["before"]
        for t in _teasers(rng, countries, fetched, rng.randint(4, 7)):
            summary = _fill(rng.choice(_TEASER_SUMMARIES), _context(rng, countries, fetched))
            section = rng.choice(rec["sections"])
            lines += [t, "", rec["summary"].format(section=section, summary=summary), ""]
    else:
        lines += [x.format(year=fetched.year, outlet=outlet) for x in fur["footer_share"]["lines"]]
    return lines


def generate_page(rng: random.Random, countries: Sequence[Country]) -> str:
    """One synthetic news page: header furniture, title, byline, dated story, footer furniture."""
    fur = furniture()
    event_day = _random_date(rng)
    published = event_day + dt.timedelta(days=rng.randrange(0, 3))
    fetched = published + dt.timedelta(days=rng.randrange(1, 400))
    ctx = _context(rng, countries, event_day)
    story = _story(rng, ctx)
    outlet = rng.choice(_OUTLETS)
    author = f"{rng.choice(FIRST_F + FIRST_M)} {rng.choice(SURNAMES)}"
    lede = story.lede
    if rng.random() < 0.4:
        month = _MONTHS_FR[published.month - 1]
        lede = fur["dateline"].format(
            capital=ctx["A_cap"], day=_day(published), month=month, year=published.year, lede=lede
        )
    paragraphs = [lede, *story.body]
    # "Lire aussi" teasers inside the story.
    for _ in range(rng.randint(0, 2)):
        prefix = rng.choice(fur["read_also_prefixes"])
        teaser = f"{prefix} {_teasers(rng, countries, published, 1)[0]}"
        indent = rng.choice(fur["read_also_indents"])
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), indent + teaser)

    lines = _header(rng, story, (outlet, author), (published, fetched))
    for p in paragraphs:
        lines += [p, ""]
    lines += _footer(rng, countries, outlet, fetched)
    return "\n".join(lines).rstrip() + "\n"


def distinct_pages(draw: Callable[[], str], n: int) -> Iterator[str]:
    """``n`` pages from ``draw``, none twice (by SHA-256), one at a time; a generator that keeps
    repeating itself is an error rather than an endless loop."""
    seen: set[str] = set()
    redraws = 0
    while len(seen) < n:
        text = draw()
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            redraws += 1
            if redraws > 10 * n + 100:
                raise RuntimeError("the generator keeps producing the same pages")
            continue
        seen.add(digest)
        yield text


def iter_pages(n: int, seed: int = DEFAULT_SEED) -> Iterator[str]:
    """``n`` distinct pages (by SHA-256), reproducible from ``seed``, one at a time."""
    rng = random.Random(seed)
    countries = load_countries()
    return distinct_pages(lambda: generate_page(rng, countries), n)


def generate_pages(n: int, seed: int = DEFAULT_SEED) -> list[str]:
    """``n`` distinct pages (by SHA-256), reproducible from ``seed``."""
    return list(iter_pages(n, seed))


def write_corpus(n: int, folder: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``n`` distinct pages as ``page_00000.txt`` ... into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(iter_pages(n, seed)):
        path = folder / f"page_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def modify_one_page(path: Path) -> None:
    """An editor's correction: one sentence appended to the page's longest paragraph."""
    lines = path.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += (
        " Mise à jour : selon une source diplomatique, une nouvelle réunion est prévue "
        "dans les prochains jours."
    )
    path.write_text("\n".join(lines), encoding="utf-8")
