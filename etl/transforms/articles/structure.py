"""Page structure: where the running text starts, which headline is the title, where the story
starts and ends, and which of its blocks are kept.
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.transforms.articles.furniture import HARD_END, LIGHT_FURNITURE
from etl.transforms.articles.model import Block, Title
from etl.transforms.articles.normalize import CLOSERS, repeat_key
from etl.transforms.articles.vocabulary import CONNECTORS, VERB_CUES
from etl.transforms.text import fold_match

_SUFFIX_SEP_RE = re.compile(r"\s+[|\-–—•·:]{1,2}\s+")


def sentence_like(b: Block, prev_indent: int | None = None) -> bool:
    """Reads like a paragraph of running text (a sentence, or long unpunctuated prose)."""
    if b.kind is not None or b.is_date_line:
        return False
    if b.ends_sentence and b.n_words >= 3 and b.stop_ratio >= 0.1:
        return b.has_verb or b.n_words >= 10
    if b.ends_colon and b.n_words >= 8 and b.has_verb and b.stop_ratio >= 0.2:
        return True  # a lead-in to a quote or list
    if b.n_sentences >= 1 and b.n_words >= 10 and b.has_verb and b.stop_ratio >= 0.2:
        # Whole sentences, then one cut off (a stored excerpt ends mid-sentence): still prose.
        return True
    if b.n_words >= 30 and b.stop_ratio >= 0.2:
        # Unpunctuated long text (a truncated paragraph); an indented insert is not.
        return b.indent == 0 or (prev_indent is not None and b.indent <= prev_indent)
    return False


def _strong_prose(b: Block) -> bool:
    if not sentence_like(b) or b.ends_colon or b.is_prefix_dup:
        return False
    return b.n_words >= 25 or (b.n_sentences >= 2 and b.n_words >= 15)


def headline_shaped(b: Block) -> bool:
    return (
        b.kind is None
        and not b.is_date_line
        and 3 <= b.n_words <= 30
        and len(b.text) <= 250
        and b.starts_upper
        and not b.ends_colon
        and not sentence_like(b)
    )


def section_like(b: Block) -> bool:
    if b.kind is not None or b.is_date_line or not 1 <= b.n_words <= 4 or len(b.text) > 50:
        return False
    if b.ends_sentence or any(c.isdigit() for c in b.text) or re.search(r"[:;,!?]", b.text):
        return False
    words = b.text.split()
    if not (words[0][0].isupper()):
        return False
    return all(w[0].isupper() or fold_match(w) in CONNECTORS or w in "&/-–" for w in words)


def _split_suffix(text: str) -> tuple[str, str] | None:
    """Split "<title> - <outlet>" (or |, –, —, •) at the last separator, when it looks so."""
    seps = list(_SUFFIX_SEP_RE.finditer(text))
    if not seps:
        return None
    last = seps[-1]
    if ":" in last.group(0):
        return None
    title, outlet = text[: last.start()].strip(), text[last.end() :].strip()
    # "Title | Section | Outlet": drop short pipe-separated parts left on the title
    while True:
        parts = re.split(r"\s+\|\s+", title)
        if len(parts) > 1 and len(parts[-1].split()) <= 3:
            title = " | ".join(parts[:-1]).strip()
        else:
            break
    n_title = len([w for w in title.split() if any(c.isalnum() for c in w)])
    words = outlet.split()
    if n_title < 3 or not 1 <= len(words) <= 6 or len(outlet) > 50:
        return None
    if re.search(r"[!?;:,«»\"“”()]", outlet) or outlet.endswith("."):
        return None
    domain_like = bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", outlet, re.I))
    if not (outlet[0].isupper() or outlet[0].isdigit() or domain_like):
        return None
    low = {fold_match(w) for w in words}
    if low & VERB_CUES or low & {"le", "la", "les", "un", "une", "des"} and len(words) > 4:
        return None
    return title, outlet


def first_prose(blocks: list[Block]) -> int:
    """Where running text first appears: a substantial paragraph, or two sentence paragraphs in
    a row (furniture between them ignored). Headline/summary cards never form such a run."""
    for b in blocks:
        if b.kind is not None:
            continue
        if _strong_prose(b):
            return b.index
        if not (sentence_like(b) and b.n_words >= 15) or b.is_prefix_dup:
            continue
        # Look past light furniture only: a byline or date line below means b is a headline.
        nxt = next((o for o in blocks[b.index + 1 :] if o.kind not in LIGHT_FURNITURE), None)
        if nxt is not None and nxt.kind is None and sentence_like(nxt) and nxt.n_words >= 15:
            return b.index
    return len(blocks)


def find_title(blocks: list[Block], first_strong: int) -> Title | None:
    region = blocks[:first_strong]
    # A footer heading after some running text closes the header: what follows is a sidebar.
    seen_sentence = False
    for pos, b in enumerate(region):
        if b.kind in HARD_END and seen_sentence:
            region = region[:pos]
            break
        seen_sentence = seen_sentence or sentence_like(b)
    keys: dict[str, int] = {}
    for b in blocks:
        keys[b.key] = keys.get(b.key, 0) + 1
    # 1. "<title> - <outlet>" whose title part repeats on the page, or is the first headline.
    seen_headline = False
    for b in region:
        if b.kind is not None or b.is_date_line:
            continue
        split = _split_suffix(b.text)
        if split is not None:
            title, outlet = split
            tkey = repeat_key(title)
            repeated = keys.get(tkey, 0) >= 1
            # Unrepeated, it must read as "headline - site", not as a masthead "SITE · tagline":
            # a headline is longer than a site's name and not in capitals.
            headline_first = len(title.split()) > len(outlet.split()) and not title.isupper()
            if tkey and (repeated or (not seen_headline and headline_first)):
                return Title(title, b.index, outlet, tkey)
        if headline_shaped(b) and not section_like(b):
            seen_headline = True
    # 2. The best headline-shaped block of the header.
    best: tuple[float, int] | None = None
    text_before = False  # a headline comes before the running text, not inside it
    for b in region:
        was_text_before = text_before
        if b.kind is None and sentence_like(b) and b.n_words >= 15:
            text_before = True
        if not _title_candidate(b):
            continue
        score = -2.0 if was_text_before else 0.0
        if keys.get(b.key, 0) > 1:
            score += 3
        if not b.ends_sentence or b.text.rstrip(CLOSERS).endswith(("?", "!")):
            score += 1
        nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
        if nxt is not None and (
            nxt.kind in {"date", "byline", "ui", "caption", "counter"}
            or nxt.is_date_line
            or sentence_like(nxt)
        ):
            score += 1
        if b.ends_sentence and b.n_words > 15 and b.stop_ratio >= 0.35:
            score -= 2
        if b.all_caps:
            score -= 1
        prev = blocks[b.index - 1] if b.index > 0 else None
        if (
            prev is not None
            and _title_candidate(prev)
            and b.n_words >= 15
            and b.n_words > 1.5 * prev.n_words
        ):
            score -= 2  # a longer line right under a headline is its standfirst
        if best is None or score >= best[0]:
            best = (score, b.index)
    if best is None:
        return None
    b = blocks[best[1]]
    return Title(b.text, b.index, None, b.key)


def _title_candidate(b: Block) -> bool:
    if b.kind is not None or b.is_date_line or b.ends_ellipsis or b.is_prefix_dup:
        return False
    if not 3 <= b.n_words <= 30 or len(b.text) > 250 or not b.starts_upper or b.ends_colon:
        return False
    if section_like(b):
        return False
    return not _strong_prose(b)


def mark_title_dups(blocks: list[Block], title: Title) -> list[Block]:
    """``blocks`` with the repetitions of the title marked (alone or as "<title> - <outlet>")."""
    return [replace(b, is_title_dup=True) if _repeats_title(b, title) else b for b in blocks]


def _repeats_title(b: Block, title: Title) -> bool:
    if b.index == title.index or not title.key:
        return False
    if b.key == title.key:
        return True
    split = _split_suffix(b.text)
    return split is not None and repeat_key(split[0]) == title.key


def _resumes(blocks: list[Block], i: int) -> bool:
    """After a soft footer start: real paragraphs again (a long one and another sentence)."""
    b = blocks[i]
    if b.kind is not None or b.is_title_dup or b.is_prefix_dup or not sentence_like(b):
        return False
    if i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1]
    if nxt.kind is not None or not sentence_like(nxt):
        return False
    return b.n_words >= 40 or (b.n_words >= 25 and nxt.n_words >= 25)


def _last_paragraph(blocks: list[Block], i: int) -> bool:
    """A long paragraph that ends the page after a teaser ("À lire aussi" and a headline): the
    story resumed and the stored excerpt stops there, so no second paragraph can follow."""
    b = blocks[i]
    return (
        i == len(blocks) - 1
        and b.kind is None
        and not (b.is_title_dup or b.is_prefix_dup)
        and b.n_words >= 40
        and (sentence_like(b) or _cut_off(b))
    )


def _headline_run(blocks: list[Block], i: int) -> int:
    n = 0
    while i + n < len(blocks) and headline_shaped(blocks[i + n]) and blocks[i + n].n_words >= 4:
        n += 1
    return n


def select_story(blocks: list[Block], story_start: int) -> tuple[list[Block], int]:
    """Kept blocks from the story start, and the index where the page's footer begins."""
    kept: list[Block] = []
    kept_keys: set[str] = set()
    n = len(blocks)
    footer_at = n
    soft = False
    i = story_start
    while i < n:
        b = blocks[i]
        if b.kind in HARD_END or (b.kind == "counter" and len(kept) >= 3):
            footer_at = i if not soft else footer_at
            break
        if soft:
            if _resumes(blocks, i) or _last_paragraph(blocks, i):
                soft = False
                footer_at = n
                continue
            i += 1
            continue
        if b.kind == "teaser_heading" or (kept and _headline_run(blocks, i) >= 3):
            soft = True
            footer_at = i
            i += 1
            continue
        keep = (
            b.kind is None
            and not b.is_title_dup
            and not b.is_prefix_dup
            and b.key not in kept_keys
            and (
                sentence_like(b, kept[-1].indent if kept else None)
                or (i == n - 1 and bool(kept) and kept[-1].index == i - 1 and _cut_off(b))
            )
        )
        if keep:
            kept.append(b)
            kept_keys.add(b.key)
        i += 1
    kept = _drop_tail_list(blocks, kept)
    return kept, footer_at


def _cut_off(b: Block) -> bool:
    """A page's last line that continues the story and stops mid-sentence (a stored excerpt cut
    at a length): prose, though it holds no whole sentence."""
    worded = b.has_verb or (b.n_words >= 15 and b.stop_ratio >= 0.4)
    return b.n_words >= 8 and worded and b.stop_ratio >= 0.2 and not b.ends_colon


def _drop_tail_list(blocks: list[Block], kept: list[Block]) -> list[Block]:
    """A trailing run of (headline, one-sentence summary) pairs is a list of other stories."""
    pairs = 0
    j = len(kept) - 1
    while j >= 1:
        b = kept[j]
        prev = blocks[b.index - 1] if b.index > 0 else None
        if (
            prev is not None
            and prev.index != kept[j - 1].index
            and headline_shaped(prev)
            and b.n_sentences <= 1
            and b.n_words <= 40
        ):
            pairs += 1
            j -= 1
        else:
            break
    if pairs < 3 or pairs >= len(kept):
        return kept
    story, tail = kept[: len(kept) - pairs], kept[len(kept) - pairs :]
    # Card summaries are clearly shorter than the story's own paragraphs.
    if _median([b.n_words for b in tail]) < 0.6 * _median([b.n_words for b in story]):
        return story
    return kept


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def find_story_start(blocks: list[Block], title: Title | None, first_strong: int) -> int | None:
    if title is not None:
        for b in blocks[title.index + 1 :]:
            if b.kind in HARD_END:
                continue
            if b.kind is None and not (b.is_title_dup or b.is_prefix_dup) and sentence_like(b):
                return b.index
        return None
    if first_strong >= len(blocks):
        return None
    start = first_strong
    while start > 0:
        prev = blocks[start - 1]
        if prev.kind is None and not prev.is_prefix_dup and sentence_like(prev):
            start -= 1
        else:
            break
    return start
