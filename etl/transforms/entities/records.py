"""The records the entity extractor's phases hand to each other.

A phase creates its records and may fill their fields while it runs; a later phase that changes
one works on a copy (``dataclasses.replace``) and returns it, so what an earlier phase returned
never changes under its caller.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.transforms.entities.lexicon import RANKS
from etl.transforms.gazetteer import OfficeHolder, Role, Surface
from etl.transforms.text import fold


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    folded: str
    gap: str  # the characters between the previous word and this one


@dataclass
class Match:
    """A gazetteer hit over words [w0, w1)."""

    w0: int
    w1: int
    start: int
    end: int
    surface: Surface
    kind: str  # the surface kind, or "prefix"
    code: str | None = None  # country code for country kinds
    entity_id: str = ""
    is_actor: bool = True
    sector: str | None = None
    role: str | None = None
    dropped: bool = False


@dataclass
class RolePhrase:
    """A role noun phrase over words [w0, w1) (demonyms inside it included)."""

    w0: int
    w1: int
    role: Role | None  # None for "homologue"
    role_name: str | None
    sector: str | None
    homologue: bool = False
    codes: list[str] = field(default_factory=list)  # countries attached to it
    country_matches: list[int] = field(default_factory=list)  # indexes into the match list
    ext_end: int = 0  # first word after the phrase and its attachments
    possessive: bool = False  # "son porte-parole": the holder belongs to another actor
    org_match: int | None = None  # "de l'ONU": the organization match the role belongs to

    @property
    def is_rank(self) -> bool:
        return self.role is not None and fold(self.role.pattern) in RANKS


@dataclass
class PersonOcc:
    """One occurrence of a person's name over words [w0, w1)."""

    w0: int
    w1: int
    start: int
    end: int
    text: str
    key_words: tuple[str, ...]
    forced_id: str | None = None  # office holder matched from the gazetteer
    country: str | None = None
    country_ev: int = 99
    role_name: str | None = None
    sector: str | None = None
    rank_role: tuple[str, str | None] | None = None  # weak role: a rank or a loose description
    homologue: bool = False


def set_country(o: PersonOcc, code: str | None, ev: int) -> None:
    """Give ``o`` the country ``code`` if the evidence ``ev`` is stronger than what it has."""
    if code and ev < o.country_ev:
        o.country, o.country_ev = code, ev


@dataclass
class Cluster:
    """The occurrences (indexes into the occurrence list) of one person in the article."""

    occs: list[int]
    entity_id: str = ""
    holder: OfficeHolder | None = None
    country: str | None = None
    country_ev: int = 99
    role_name: str | None = None
    sector: str | None = None
    rank_only: bool = False  # the role is a military rank ("général"), a weak description


class Coverage:
    """Which characters of the text are already claimed by a mention (a phase's scratch pad)."""

    def __init__(self, size: int) -> None:
        self.flags = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        self.flags[start:end] = b"\x01" * (end - start)

    def remove(self, start: int, end: int) -> None:
        self.flags[start:end] = bytes(end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.flags[start:end])
