"""The reviewed French event-trigger lexicon (``etl/data/event_triggers_fr.tsv``).

Both the gate, which decides which sentences get parsed, and the event coder, which reads the
parse, look triggers up here, so neither depends on the other.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from etl.transforms.plover import plover_types
from etl.transforms.reference import rows


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    event_type: str
    event_mode: str | None
    event_context: str | None
    requires: frozenset[str]
    excludes: frozenset[str]
    symmetric: bool
    # For nouns: "de X" names the one acted upon ("l'expulsion des diplomates"), not the actor.
    patient_of: bool = False
    # For verbs of receiving: the subject is the target, the giver is named in the object
    # ("le Niger a réceptionné des drones turcs").
    recipient: bool = False
    # For verbs of saying: the other side is only the one spoken to, named after "à" by one of
    # the required words ("a expliqué à son homologue français").
    addressee: bool = False


@functools.cache
def trigger_lexicon() -> dict[tuple[str, str], list[Trigger]]:
    """The reviewed trigger lexicon keyed by (lemma, coarse POS)."""
    lexicon: dict[tuple[str, str], list[Trigger]] = {}
    for row in rows("event_triggers_fr.tsv"):
        # "+a|b" requires one of the words, "-c|d" refuses them; a row may hold both, with a space.
        parts = {p[0]: frozenset(w for w in p[1:].split("|") if w) for p in row["requires"].split()}
        trig = Trigger(
            lemma=row["lemma"],
            pos=row["pos"],
            event_type=row["event_type"],
            event_mode=row["event_mode"] or None,
            event_context=row["event_context"] or None,
            requires=parts.get("+", frozenset()),
            excludes=parts.get("-", frozenset()),
            symmetric=row["frame"] in ("symmetric", "addressee"),
            patient_of=row["frame"] == "patient",
            recipient=row["frame"] == "recipient",
            addressee=row["frame"] == "addressee",
        )
        if trig.event_type not in plover_types():
            raise ValueError(f"unknown PLOVER type in trigger lexicon: {trig.event_type}")
        lexicon.setdefault((trig.lemma, trig.pos), []).append(trig)
    return lexicon
