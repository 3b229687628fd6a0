"""A draft event from its two sides: the actors of each side, the parties told apart, the mode
and the reality the trigger's clause gives it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from etl.transforms.events.actors import SentenceActors, countries, party, to_actors
from etl.transforms.events.parse import is_intent
from etl.transforms.events.types import SOURCE, TARGET, Draft, EventActor
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger
from etl.transforms.types import Mention

PHONE = re.compile(r"t[ée]l[ée]phon", re.IGNORECASE)
MULTILATERAL = re.compile(r"\b(trilat[ée]ral|multilat[ée]ral|sommet|quadripartite)", re.IGNORECASE)


def draft_from(
    trig: Trigger,
    t: Token,
    sources: list[Mention],
    targets: list[Mention],
    gaz: Gazetteer,
    confidence: float,
    sa: SentenceActors,
    verb: Token,
    extra_targets: Sequence[EventActor] = (),
    *,
    joint: bool = False,
) -> Draft | None:
    """The draft event of trigger ``t`` between ``sources`` and ``targets`` (and
    ``extra_targets``, already actors); ``joint`` keeps co-equal sources with no target as one
    undirected event. None when the two sides are not two parties."""
    src_states = frozenset(m.country_code for m in sources if m.country_code)
    tgt_states = frozenset(m.country_code for m in targets if m.country_code) | frozenset(
        a.country_code for a in extra_targets if a.country_code
    )
    src = to_actors(sources, SOURCE, gaz, expand_members=True, other_side=tgt_states)
    tgt = to_actors(targets, TARGET, gaz, expand_members=True, other_side=src_states)
    tgt += list(extra_targets)
    # Sides are told apart by who acts, not by territory: an organization or a group is a party
    # of its own (ECOWAS against Guinea, the RSF against Sudan's army), a state's agents are it.
    src_p = {p for a in src if (p := party(a, gaz))}
    tgt = [a for a in tgt if (p := party(a, gaz)) and p not in src_p]
    directed = not trig.symmetric
    joint = not tgt and len(src_p) >= 2 and (trig.symmetric or joint)
    if joint:
        # "X, Y et Z ont adopté une déclaration": a joint action of co-equal parties, kept as
        # several sources and no target; the dyads view pairs every two of them.
        directed = False
    elif not src_p or not tgt:
        return None
    mode = trig.event_mode
    sentence_text = sa.span.text
    if trig.event_type == "CONSULT":
        if PHONE.search(sentence_text):
            mode = "phone"
        elif MULTILATERAL.search(sentence_text) or len(countries(src) | countries(tgt)) >= 3:
            mode = "multilateral"
    reality = "intended" if (is_intent(t) or (verb is not t and is_intent(verb))) else "asserted"
    return Draft(trig, t, src, tgt, directed, max(0.1, min(confidence, 1.0)), reality, mode)
