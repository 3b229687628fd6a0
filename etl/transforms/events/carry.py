"""Other sides carried from events told just before: the author of "the attack" a sentence
condemns, of "ces sanctions" it rejects. The page names the act earlier and leaves its author
out; the guess is flagged by a lower confidence where it is used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from etl.transforms.events.actors import SentenceActors, party, to_actors
from etl.transforms.events.parse import lemma_of
from etl.transforms.events.types import SOURCE, TARGET, CodedEvent, EventActor
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import trigger_lexicon
from etl.transforms.types import Mention

# Acts whose author a condemnation of "the attack" or "the blockade" may point back to, and how
# far back (in characters) the act may be told.
ACT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"})
CARRY_CHARS = 800


def _parties(sources: Sequence[Mention], gaz: Gazetteer) -> set[str]:
    return {
        p for a in to_actors(sources, SOURCE, gaz, expand_members=False) if (p := party(a, gaz))
    }


def _told_before(sa: SentenceActors, earlier: Sequence[CodedEvent]) -> list[CodedEvent]:
    return [ev for ev in earlier if 0 <= sa.span.start_char - ev.evidence_char_start <= CARRY_CHARS]


def _authors(ev: CodedEvent, excluded: set[str], gaz: Gazetteer) -> list[EventActor]:
    return [
        replace(a, actor_role=TARGET)
        for a in ev.actors
        if a.actor_role == SOURCE and party(a, gaz) not in excluded
    ]


def author_of_act_against(
    sa: SentenceActors, sources: Sequence[Mention], earlier: Sequence[CodedEvent], gaz: Gazetteer
) -> list[EventActor]:
    """Who "cette décision" or "ces sanctions" came from: the author of the last act told shortly
    before against the speaker's side ("Le gouvernement allemand rejette ces sanctions")."""
    acted_on = _parties(sources, gaz)
    against = [
        ev
        for ev in _told_before(sa, earlier)
        if ev.is_directed
        and {party(a, gaz) for a in ev.actors if a.actor_role == TARGET} & acted_on
    ]
    return _authors(against[-1], acted_on, gaz) if against else []


def author_of_condemned_act(
    sa: SentenceActors,
    t: Token,
    sources: Sequence[Mention],
    earlier: Sequence[CodedEvent],
    gaz: Gazetteer,
) -> list[EventActor]:
    """The author of the act a condemning verb names without one ("Le ministère turc a
    fermement condamné l'attaque"): the last act of that kind told just before."""
    kinds = {
        tr.event_type
        for c in t.children
        if c.dep_ == "obj" and c.pos_ == "NOUN" and not sa.in_tokens({y.i for y in c.subtree})
        for tr in trigger_lexicon().get((lemma_of(c), "NOUN"), ())
    } & ACT_TYPES
    told = [ev for ev in _told_before(sa, earlier) if ev.event_type in kinds]
    return _authors(told[-1], _parties(sources, gaz), gaz) if told else []
