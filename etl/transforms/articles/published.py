"""The publication date, chosen by zone, best first: the meta zone between title and story, a
dateline opening the story, a "Publié le" line after it, a date line just above the title.
"""

from __future__ import annotations

import datetime as dt
import re

from etl.transforms.articles.model import Block, Title
from etl.transforms.articles.normalize import WORD_TOKEN_RE
from etl.transforms.articles.vocabulary import DATELINE_PREFIX_WORDS, WEEKDAY_WORDS, month_words
from etl.transforms.dates import find_date_mentions, resolve_date
from etl.transforms.text import fold_match
from etl.transforms.types import DateMention, ResolvedDate

_PUBLISH_RE = re.compile(r"\b(?:publie|publiee|publication|posted|published|paru|cree)\b")

_UPDATE_RE = re.compile(
    r"\b(?:mis a jour|mise a jour|maj|modifie|modifiee|updated|update|actualise|actualisee|"
    r"derniere modification)\b"
)
# A header date in the other language than the page is a theme's "today" widget, not the story's.
_EN_MONTHS_RE = re.compile(rf"\b(?:{'|'.join(month_words('en'))})\b")
_FR_MONTHS_RE = re.compile(rf"\b(?:{'|'.join(month_words('fr'))})\b")


def _pick_meta_date(blocks: list[Block], fetched: dt.date | None) -> ResolvedDate | None:
    """Among meta blocks: a publication date first, an update date last."""
    best: tuple[int, ResolvedDate] | None = None
    for b in blocks:
        for m, resolved in b.dates:
            if not _date_ok(resolved, fetched):
                continue
            before = fold_match(b.text[: m.char_start])[-40:]
            rank = 1
            if _UPDATE_RE.search(before) and not _PUBLISH_RE.search(before[-20:]):
                rank = 2
            elif _PUBLISH_RE.search(before):
                rank = 0
            if best is None or rank < best[0]:
                best = (rank, resolved)
    return best[1] if best else None


def _dateline(b: Block) -> ResolvedDate | None:
    head = b.text[:160]
    try:
        mentions = find_date_mentions(head)
    except Exception:
        return None
    for m in mentions:
        if m.char_start > 70:
            break
        if m.year is None or m.month is None or m.day is None:
            continue
        prefix = head[: m.char_start]
        tokens = WORD_TOKEN_RE.findall(prefix)
        if len(tokens) > 6 or re.search(r"[.!?;:]\s", prefix):
            return None
        # A weekday before the date is part of it ("Sydney | AFP | mercredi 12/04/2022 -").
        place = [t for t in tokens if fold_match(t) not in DATELINE_PREFIX_WORDS | WEEKDAY_WORDS]
        if any(not t[0].isupper() for t in place):
            return None
        after = head[m.char_end : m.char_end + 30]
        dash = re.match(r"\s*(?:\([^)]{0,25}\)\s*)?[-–—:]", after)
        comma = re.match(r"\s*(?:\([^)]{0,25}\)\s*)?[,(]", after)
        if not (dash or (place and comma)):
            return None
        try:
            return resolve_date(m)
        except Exception:
            return None
    return None


def _date_ok(d: ResolvedDate | None, fetched: dt.date | None) -> bool:
    if d is None or d.precision not in ("day", "month"):
        return False
    return fetched is None or d.value <= fetched


def find_publication_date(
    blocks: list[Block],
    title: Title | None,
    story_start: int | None,
    kept: list[Block],
    footer_at: int,
    fetched: dt.date | None,
    language: str | None,
) -> ResolvedDate | None:
    n = len(blocks)
    start = story_start if story_start is not None else n
    head_end = title.index if title is not None else -1
    # 1. Meta zone: after the title, before the story; plus bylines/date lines opening the story.
    meta = [b for b in blocks[head_end + 1 : start] if b.dates and (b.is_date_line or b.author)]
    if kept:
        early_end = kept[1].index if len(kept) > 1 else kept[0].index + 1
        meta += [
            b
            for b in blocks[start:early_end]
            if b.dates and (b.is_date_line or b.author) and b not in kept
        ]
    found = _pick_meta_date(meta, fetched)
    if found is not None:
        return found
    # 2. A dateline opening one of the first story paragraphs.
    for b in kept[:3]:
        d = _dateline(b)
        if _date_ok(d, fetched):
            return d
    # 3. An explicit "Publié le ..." line between the story and the footer.
    last_kept = kept[-1].index if kept else start
    for b in blocks[last_kept + 1 : footer_at]:
        if b.dates and (b.is_date_line or b.author) and _PUBLISH_RE.search(b.folded):
            good = [r for _, r in b.dates if _date_ok(r, fetched)]
            if good:
                return good[0]
    # 4. A date line just above the title (often the site's "today": checked against the page).
    if title is not None:
        for b in reversed(blocks[max(0, title.index - 3) : title.index]):
            if not (b.is_date_line and b.dates):
                continue
            m, r = b.dates[0]
            if r.precision != "day" or not _date_ok(r, fetched):
                continue
            if fetched is not None and r.value == fetched:
                continue
            folded = fold_match(m.text)
            if language == "fr" and _EN_MONTHS_RE.search(folded):
                continue
            if language == "en" and _FR_MONTHS_RE.search(folded):
                continue
            return r
    return None


# "ce lundi 11 mars 2024", "ce 18 août": the day a story's opening calls "this" is the day it was
# written, the publication date a page without any other gives.
_THIS_DAY_RE = re.compile(r"\bce\s+$")
_PAGE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_LEAD_BLOCKS = 2
_LEAD_CHARS = 600


def lead_today(
    kept: list[Block], raw: str, month: dt.date | None, fetched: dt.date | None
) -> ResolvedDate | None:
    """The day the first paragraphs of the story call "ce <jour>", as the publication date.

    A date without its year takes the year of the page's month line (``month``, same month), or
    else the latest year the page names, or the one after, whichever gives the date its weekday
    ("ce mardi 25 mai" on a page about 2021); otherwise there is no such day."""
    for b in kept[:_LEAD_BLOCKS]:
        head = b.text[:_LEAD_CHARS]
        for m in find_date_mentions(head):
            if m.day is None or m.month is None or m.relative is not None:
                continue
            said = fold_match(m.text)[:3] == "ce " or _THIS_DAY_RE.search(
                fold_match(head[max(0, m.char_start - 4) : m.char_start])
            )
            if not said:
                continue
            year = m.year if m.year is not None else _year_of(m, raw, month)
            try:
                value = dt.date(year, m.month, m.day) if year is not None else None
            except ValueError:
                value = None
            d = ResolvedDate(value, "day", m.text, "lead") if value is not None else None
            if _date_ok(d, fetched):
                return d
    return None


def _year_of(m: DateMention, raw: str, month: dt.date | None) -> int | None:
    if month is not None and month.month == m.month:
        return month.year
    if m.weekday is None or m.month is None or m.day is None:
        return None
    years = [int(y) for y in _PAGE_YEAR_RE.findall(raw)]
    if not years:
        return None
    # A page is written in or just after the latest year it names; older years are background.
    latest = max(years)
    fits = set()
    for y in (latest, latest + 1):
        try:
            if dt.date(y, m.month, m.day).weekday() == m.weekday:
                fits.add(y)
        except ValueError:
            continue
    return fits.pop() if len(fits) == 1 else None
