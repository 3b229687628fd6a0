"""The records the article stage works on: a page's lines, its blocks and the title found."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.transforms.types import DateMention, ResolvedDate


@dataclass(frozen=True)
class Line:
    start: int  # trimmed span in the raw text
    end: int
    text: str  # normalized
    indent: int  # blank characters before the first visible one


@dataclass(eq=False)
class Block:
    index: int
    raw_start: int
    raw_end: int
    lines: list[str]
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
    dates: list[tuple[DateMention, ResolvedDate]] = field(default_factory=list)
    is_date_line: bool = False
    is_title_dup: bool = False
    is_prefix_dup: bool = False


@dataclass
class Title:
    text: str
    index: int
    outlet: str | None
    key: str
