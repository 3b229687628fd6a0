"""Demands stated as obligations: « l'Iran doit régler ses questions sans délai », said by a
minister, or "les États-Unis devraient cesser de réprimer nos entreprises, a déclaré Pékin", is a
REQUEST from the speaker's side to the subject of "devoir".

Only a present, future or conditional "devoir" before an infinitive, attributed to a speaker in
its sentence (a quotation's speaker, or the subject of a verb of saying the clause hangs on or
that hangs on it), counts: "le Mali a dû quitter la CEDEAO" tells what happened, and an
obligation nobody states is no one's demand.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl.transforms.entities.lexicon import SPEECH_VERBS
from etl.transforms.events.actors import (
    SentenceActors,
    actor_mentions,
    party,
    quote_speaker,
    to_actors,
)
from etl.transforms.events.parse import infinitives, lemma_of, subject_of
from etl.transforms.events.types import SOURCE, TARGET, Draft
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger
from etl.transforms.text import fold

OBLIGATION = Trigger(
    lemma="devoir",
    pos="VERB",
    event_type="REQUEST",
    event_mode=None,
    event_context=None,
    requires=frozenset(),
    excludes=frozenset(),
    symmetric=False,
)
# Below the confidence of a demand the parse gives directly: the speaker is found by attribution.
CONFIDENCE = 0.7
# Relations by which a stated clause hangs on its verb of saying, or that verb on the clause.
_SAID = frozenset({"ccomp", "parataxis", "xcomp"})


def is_obligation(t: Token) -> bool:
    """ "doit / devrait / devront + infinitive", not a past or compound tense ("a dû")."""
    if lemma_of(t) != "devoir" or t.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm", []) for c in t.children):
        return False
    if any(c.dep_.startswith("aux") for c in t.children):
        return False
    tense, mood = t.morph.get("Tense", []), t.morph.get("Mood", [])
    return bool({"Pres", "Fut"} & set(tense) or "Cnd" in mood)


def _says(t: Token) -> bool:
    return t.pos_ == "VERB" and any(v in SPEECH_VERBS for v in infinitives(fold(lemma_of(t))))


def _speaker_verb(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ in _SAID and _says(c):
            return c
    cur = t
    for _ in range(3):
        if cur.head.i == cur.i or cur.dep_ not in _SAID | {"conj"}:
            return None
        cur = cur.head
        if _says(cur):
            return cur
    return None


def obligation_draft(sa: SentenceActors, t: Token, gaz: Gazetteer) -> Draft | None:
    """The demand ``t`` (an obligation, see :func:`is_obligation`) states, or None."""
    subject = {y.i for s in subject_of(t) for y in s.subtree}
    targets = actor_mentions(sa.in_tokens(subject), allow_places=False)
    if not targets:
        return None
    speakers = quote_speaker(sa, t)
    if not speakers and (said := _speaker_verb(t)) is not None:
        if said.head.i == t.i:
            # "..., a déclaré Pékin": the incise names the speaker; its subject, as the parser
            # finds it, is often the demand's own.
            spoken = {y.i for y in said.subtree}
        else:
            spoken = {y.i for s in subject_of(said) for y in s.subtree}
        speakers = actor_mentions(sa.in_tokens(spoken), allow_places=False)
    if not speakers:
        return None
    src = to_actors(speakers, SOURCE, gaz, expand_members=False)
    sides = {p for a in src if (p := party(a, gaz))}
    tgt = [
        a
        for a in to_actors(targets, TARGET, gaz, expand_members=False)
        if (p := party(a, gaz)) and p not in sides
    ]
    if not sides or not tgt:
        return None
    return Draft(OBLIGATION, t, src, tgt, True, CONFIDENCE, "asserted", None)
