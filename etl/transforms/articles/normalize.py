"""Normalization of raw spans into the text analysed and kept, and small text-shape helpers.

``normalize_block`` is applied to a whole raw span at a time, so every kept block satisfies
``normalize_block(raw_text[s.raw_start:s.raw_end]) == body[s.body_start:s.body_end]``.
"""

from __future__ import annotations

import re
import unicodedata

from etl.transforms.text import fold_match


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x80, 0xA0):  # C1 controls: text decoded as latin-1 that was really cp1252
        try:
            table[cp] = bytes([cp]).decode("cp1252")
        except UnicodeDecodeError:
            table[cp] = None
    for cp in (0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD):
        table[cp] = None
    for cp in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F):
        table[cp] = None
    return table


_TRANSLATION = _build_translation()

WS_RE = re.compile(r"\s+")

LINE_BREAK_RE = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c]")


def normalize_block(text: str) -> str:
    """The analysis/body form of a raw span: cp1252 C1 fix-up, spaces unified, NFC, collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATION))
    return WS_RE.sub(" ", text).strip()


def is_blank_char(ch: str) -> bool:
    mapped = ch.translate(_TRANSLATION)
    return mapped == "" or mapped.isspace()


NON_ALNUM_RE = re.compile(r"[\W_]+")

BULLETS = "•·▪▫◦●○■□►▶▸»>→←|*+#~=-–—_ \t"

CLOSERS = " »”\"'’)]*"

WORD_TOKEN_RE = re.compile(r"[^\W\d_]+")

# "... a-t-il déclaré. (AFP)": a short parenthetical after the final punctuation.
_TRAILING_PAREN_RE = re.compile(r"[.!?…][»”\"']?\s*\([^()]{1,30}\)$")


def ends_sentence(text: str) -> bool:
    t = text.rstrip(CLOSERS)
    return bool(t) and (t[-1] in ".!?…" or bool(_TRAILING_PAREN_RE.search(text.rstrip())))


def line_ends_open(text: str) -> bool:
    t = text.rstrip(CLOSERS)
    return not t or t[-1] not in ".!?…:;"


def core_text(folded: str) -> str:
    core = folded.lstrip(BULLETS).rstrip(" :.>»›|-–—\t")
    return WS_RE.sub(" ", core)


def repeat_key(text: str) -> str:
    return NON_ALNUM_RE.sub("", fold_match(text))
