"""``extract_article``: the page-reading phases put together into one `ArticleRecord`."""

from __future__ import annotations

import datetime as dt

from etl.transforms.articles.blocks import read_blocks
from etl.transforms.articles.bounds import bound_page
from etl.transforms.articles.metadata import find_author, find_outlet, find_section
from etl.transforms.articles.model import Block
from etl.transforms.articles.published import find_publication_date, lead_today
from etl.transforms.articles.structure import (
    find_story_start,
    find_title,
    first_prose,
    mark_title_dups,
    select_story,
)
from etl.transforms.dates.anchors import excerpt_date, excerpt_stamp
from etl.transforms.language import detect_language
from etl.transforms.types import ArticleRecord, ResolvedDate, Segment


def _empty_record() -> ArticleRecord:
    return ArticleRecord(
        title=None,
        outlet_name=None,
        author_name=None,
        section_name=None,
        published_date=None,
        published_date_precision=None,
        published_date_text=None,
        language_code=None,
        body="",
        body_char_start=None,
        body_char_end=None,
        n_words=0,
        is_empty=True,
        n_dropped_lines=0,
    )


def extract_article(
    raw_text: str,
    *,
    file_name: str | None = None,
    fetched_date: dt.date | None = None,
) -> ArticleRecord:
    """Title, outlet, author, section, publication date, language and story body of a page.

    ``fetched_date`` (when known) only bounds the publication date from above and rules out a
    header date equal to it; it is never returned itself. ``file_name`` is accepted for the
    caller's convenience and does not influence the result. Never raises: input that cannot be
    read as an article gives an empty record (``is_empty=True``, body "").
    """
    del file_name  # the content alone decides
    if not isinstance(raw_text, str):
        return _empty_record()
    try:
        return _extract(raw_text, fetched_date)
    except Exception:  # last-resort guard of the "never raises" contract
        return _empty_record()


def _extract(page: str, fetched: dt.date | None) -> ArticleRecord:
    # Offsets stay valid: what is read is a prefix of the page.
    raw, n_unread = bound_page(page)
    blocks = read_blocks(raw)
    if not blocks:
        return _empty_record()

    first_strong = first_prose(blocks)
    title = find_title(blocks, first_strong)
    if title is not None:
        blocks = mark_title_dups(blocks, title)
    story_start = find_story_start(blocks, title, first_strong)
    kept: list[Block] = []
    footer_at = len(blocks)
    if story_start is not None:
        kept, footer_at = select_story(blocks, story_start)

    body_parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for b in kept:
        if body_parts:
            pos += 2
        segments.append(Segment(pos, pos + len(b.text), b.raw_start, b.raw_end))
        body_parts.append(b.text)
        pos += len(b.text)
    body = "\n\n".join(body_parts)

    kept_ids = {b.index for b in kept}
    dropped: list[str] = []
    for b in blocks:
        if b.index in kept_ids or (title is not None and b.index == title.index):
            continue
        dropped.extend(b.lines)

    sample = body if len(body.split()) >= 20 else " ".join(b.text for b in blocks)
    language = detect_language(sample)
    end = footer_at if story_start is not None else len(blocks)
    published = find_publication_date(
        blocks, title, story_start, kept, footer_at, fetched, language
    )
    if published is None:
        # A stored search excerpt opens with "date YYYY-MM-DD" (the page's day) or "date YYYY-MM"
        # (its month, kept at that precision; a time-stamped date of that month on the same line
        # gives the day). The event dating counts relative dates from either.
        excerpt = excerpt_date(raw)
        month = excerpt[0] if excerpt is not None and excerpt[1] == "month" else None
        published = lead_today(kept, raw, month, fetched)
        if published is None and excerpt is not None:
            value, precision = excerpt[0], excerpt[1]
            if (stamp := excerpt_stamp(raw, excerpt)) is not None:
                value, precision = stamp, "day"
            published = ResolvedDate(value, precision, raw[: excerpt[2]].strip(), "excerpt")

    return ArticleRecord(
        title=title.text if title else None,
        outlet_name=find_outlet(raw, blocks, title, kept),
        author_name=find_author(blocks, title, end, kept),
        section_name=find_section(blocks, title),
        published_date=published.value if published else None,
        published_date_precision=published.precision if published else None,
        published_date_text=published.text if published else None,
        language_code=language,
        body=body,
        body_char_start=kept[0].raw_start if kept else None,
        body_char_end=kept[-1].raw_end if kept else None,
        n_words=len(body.split()),
        is_empty=not body,
        n_dropped_lines=len(dropped),
        segments=tuple(segments),
        dropped_lines=tuple(dropped),
        is_truncated=n_unread > 0,
        n_truncated_chars=n_unread,
    )
