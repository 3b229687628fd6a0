"""The records the article stage works on: a page's lines, its blocks and the title found."""

from __future__ import annotations

from dataclasses import dataclass

from etl.transforms.types import DateMention, ResolvedDate


@dataclass(frozen=True)
class Line:
    """A non-blank line of the page."""

    start: int  # trimmed span in the raw text
    end: int
    text: str  # normalized
    indent: int  # blank characters before the first visible one


# Each phase returns new blocks rather than changing them; blocks compare by identity, since two
# blocks with the same text at different places are different blocks.
@dataclass(frozen=True, eq=False)
class Block:
    """A block of the page (a line, or lines joined), with what the phases found out about it."""

    index: int
    raw_start: int
    raw_end: int
    lines: tuple[str, ...]
    text: str
    indent: int
    folded: str = ""
    core: str = ""  # folded, leading bullets and trailing colon/blanks removed
    key: str = ""  # letters and digits only, for repetition checks
    n_words: int = 0
    stop_ratio: float = 0.0
    has_verb: bool = False
    ends_sentence: bool = False
    ends_colon: bool = False
    ends_ellipsis: bool = False
    n_sentences: int = 0
    starts_upper: bool = False
    all_caps: bool = False
    has_letters: bool = False
    kind: str | None = None
    author: str | None = None
    dates: tuple[tuple[DateMention, ResolvedDate], ...] = ()
    is_date_line: bool = False
    is_title_dup: bool = False
    is_prefix_dup: bool = False


@dataclass(frozen=True)
class Title:
    """The headline chosen as the title; ``outlet`` when it came as "<title> - <outlet>"."""

    text: str
    index: int
    outlet: str | None
    key: str
