"""From raw text to blocks: lines with their raw spans, grouped into blocks, with the features
(length, sentence shape, function-word density, verb cues, dates) the page reading relies on.
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.transforms.articles.furniture import classify, is_furniture_line
from etl.transforms.articles.model import Block, Line
from etl.transforms.articles.normalize import (
    BULLETS,
    CLOSERS,
    LINE_BREAK_RE,
    NON_ALNUM_RE,
    WORD_TOKEN_RE,
    core_text,
    ends_sentence,
    is_blank_char,
    line_ends_open,
    normalize_block,
    repeat_key,
)
from etl.transforms.articles.vocabulary import (
    DATE_LINE_WORDS,
    DATE_START_PREFIXES,
    MEDIA_NAMES,
    STOPWORDS,
    TAIL_CREDIT_RE,
    VERB_CUES,
)
from etl.transforms.dates import find_date_mentions, resolve_date
from etl.transforms.text import fold_match
from etl.transforms.types import DateMention, ResolvedDate

_VERB_SUFFIX_RE = re.compile(r"\w{2,}(?:aient|èrent|erait|eraient|eront|iront|irait|iraient)$")

_TIME_RE = re.compile(
    r"\b[tT]?\d{1,2}\s*[h:]\s*\d{0,2}(?::\d{2})?(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?\b", re.I
)

_SENTENCE_BREAK_RE = re.compile(r"[.!?…](?:[»”\"')\]]*)\s+(?=[«“\"(]?\s*[A-ZÀ-ÖØ-Þ0-9])")
# A line opening on a month or weekday name is a date line, never the end of a wrapped sentence.
_DATE_START_RE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, DATE_START_PREFIXES))})\w*\.?\s+\d|"
    r"(?:publie|mis a jour|mise a jour|modifie|posted|published|updated)\b"
)


def _split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    ends = [(m.start(), m.end()) for m in LINE_BREAK_RE.finditer(raw)]
    ends.append((len(raw), len(raw)))
    for brk_start, brk_end in ends:
        start, end = pos, brk_start
        pos = brk_end
        s = start
        while s < end and is_blank_char(raw[s]):
            s += 1
        e = end
        while e > s and is_blank_char(raw[e - 1]):
            e -= 1
        if s >= e:
            continue
        text = normalize_block(raw[s:e])
        if not text:
            continue
        lines.append(Line(s, e, text, s - start))
    return lines


def _group_blocks(raw: str, lines: list[Line]) -> list[Block]:
    """Join hard-wrapped lines and mid-sentence breaks into blocks; else one line per block."""
    lengths = [len(ln.text) for ln in lines]
    wrap_width = 0
    if len(lines) >= 6:
        widest = max(lengths)
        long_lines = [n for n in lengths if n >= 30]
        near = sum(1 for n in lengths if n >= widest - 12)
        if widest <= 120 and near >= 3 and near >= 0.3 * max(1, len(long_lines)):
            wrap_width = widest
    groups: list[list[Line]] = []
    prev: Line | None = None
    prev_end = -1
    prev_free = False  # the previous line is not furniture
    for ln in lines:
        join = False
        free = not is_furniture_line(ln.text)
        if prev is not None and groups:
            between = raw[prev_end : ln.start]
            adjacent = between.count("\n") + between.count("\r") - between.count("\r\n") <= 1
            if adjacent and prev_free and free and not _looks_like_date_line(ln.text):
                full_width = bool(wrap_width) and len(prev.text) >= wrap_width - 25
                continued = (
                    len(prev.text) >= 20
                    and line_ends_open(prev.text)
                    and (ln.text[0].islower() or ln.text[0] in ",;)»”")
                )
                join = full_width or continued
        if join:
            groups[-1].append(ln)
        else:
            groups.append([ln])
        prev, prev_end, prev_free = ln, ln.end, free
    blocks: list[Block] = []
    for i, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        text = normalize_block(raw[start:end])
        blocks.append(Block(i, start, end, tuple(g.text for g in group), text, group[0].indent))
    return blocks


def _looks_like_date_line(text: str) -> bool:
    """A short unpunctuated line with a digit, or one opening like a date or a date label."""
    short_number = len(text.split()) <= 6 and any(c.isdigit() for c in text)
    if short_number and (text[0].isupper() or text[0].isdigit()) and not ends_sentence(text):
        return True
    return bool(_DATE_START_RE.match(fold_match(text.lstrip(BULLETS))))


def _compute_features(b: Block) -> Block:
    """``b`` with the shape features read from its text."""
    text = b.text
    folded = fold_match(text)
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    n_words = len(words)
    tokens = WORD_TOKEN_RE.findall(folded)
    stop_ratio = 0.0
    has_verb = False
    if tokens:
        stop_ratio = sum(1 for t in tokens if t in STOPWORDS) / len(tokens)
        lower = WORD_TOKEN_RE.findall(text.casefold().replace("’", "'"))
        has_verb = any(t in VERB_CUES or _VERB_SUFFIX_RE.match(t) for t in lower)
    stripped = text.rstrip(CLOSERS)
    # "... a-t-il dit. AFP": the agency's signature closes the paragraph's last sentence.
    credit = TAIL_CREDIT_RE.search(text.rstrip())
    is_sentence = ends_sentence(text[: credit.start("credit")] if credit else text)
    if not is_sentence and stripped != text.rstrip() and text.rstrip()[-1:] in '»”"':
        # A paragraph ending on a closing quote without a period: a sentence when it is a
        # whole quotation or reads like running text.
        opens_quote = text.lstrip(BULLETS)[:1] in '«“"'
        is_sentence = opens_quote or (n_words >= 15 and has_verb)
    visible = text.lstrip(BULLETS + "«“\"'(")
    letters = NON_ALNUM_RE.sub("", text)
    return replace(
        b,
        folded=folded,
        core=core_text(folded),
        key=NON_ALNUM_RE.sub("", folded),
        n_words=n_words,
        stop_ratio=stop_ratio,
        has_verb=has_verb,
        ends_sentence=is_sentence,
        ends_colon=stripped.endswith(":"),
        ends_ellipsis=stripped.endswith(("…", "...")) or stripped.endswith("[…]"),
        n_sentences=len(_SENTENCE_BREAK_RE.findall(text)) + (1 if is_sentence else 0),
        starts_upper=bool(visible) and (visible[0].isupper() or visible[0].isdigit()),
        all_caps=sum(1 for c in letters if c.isalpha()) >= 4 and letters.isupper(),
        has_letters=bool(tokens),
    )


_SOURCE_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in MEDIA_NAMES) + r")\b|\b[\w-]+(?:\.[\w-]+)+\b"
)

# Every date with a year has a 4-digit number or a numeric d/m/y form.
_YEARISH_RE = re.compile(r"\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2}")


def _compute_dates(b: Block) -> Block:
    """``b`` with its dated mentions (year and month known, short blocks only) and whether it is a
    date line."""
    if b.n_words > 30 or not _YEARISH_RE.search(b.text):
        return b
    try:
        mentions = find_date_mentions(b.text)
    except Exception:  # the date module is a separate component; a failure there is no date
        return b
    dates: list[tuple[DateMention, ResolvedDate]] = []
    for m in mentions:
        if m.year is None or m.month is None:
            continue
        try:
            resolved = resolve_date(m)
        except Exception:
            resolved = None
        if resolved is not None:
            dates.append((m, resolved))
    if not dates:
        return b
    residual = b.text
    for m, _ in sorted(dates, key=lambda mr: mr[0].char_start, reverse=True):
        residual = residual[: m.char_start] + " " + residual[m.char_end :]
    residual = _TIME_RE.sub(" ", fold_match(residual))
    # The line's source, a news agency or a site's address, is one word of it at most.
    residual = _SOURCE_RE.sub(" source ", residual)
    rest = [t for t in WORD_TOKEN_RE.findall(residual) if t not in DATE_LINE_WORDS]
    return replace(b, dates=tuple(dates), is_date_line=len(rest) <= 2)


def _mark_repetitions(blocks: list[Block], window: int = 40) -> list[Block]:
    """``blocks`` with truncated copies ("… le…") of a nearby block marked (teasers repeat the lede
    close by)."""
    copies: set[int] = set()
    for b in blocks:
        if not b.ends_ellipsis or b.kind is not None:
            continue
        stem = b.text.rstrip(CLOSERS).rstrip(".… ")
        stem = stem.removesuffix("[").rstrip()
        stem = stem.rsplit(" ", 1)[0] if " " in stem else stem
        skey = repeat_key(stem)
        if len(skey) < 15:
            continue
        for other in blocks[max(0, b.index - window) : b.index + window]:
            if other is not b and len(other.key) > len(skey) and other.key.startswith(skey):
                copies.add(b.index)
                break
    return [replace(b, is_prefix_dup=True) if b.index in copies else b for b in blocks]


def read_blocks(raw: str) -> list[Block]:
    """The page's blocks with their features, dates and furniture kind; [] for a blank page."""
    grouped = _group_blocks(raw, _split_lines(raw))
    return _mark_repetitions([classify(_compute_dates(_compute_features(b))) for b in grouped])
