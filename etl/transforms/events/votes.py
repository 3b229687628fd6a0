"""Who a vote or a veto goes against: the sponsors of the text voted on.

"Le Brésil et la Turquie ont voté contre" names no other side; the article says elsewhere whose
text it was ("un projet de résolution présenté par les États-Unis", "le projet russo-chinois").
A vote against a text, or a veto of it, rejects its sponsors (the annotation guide's reading of
UN votes), so the sponsors named anywhere in the article stand as the other side when the
sentence of the vote names none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from etl.transforms.events.actors import SentenceActors, actor_mentions
from etl.transforms.events.parse import context_lemmas, lemma_of
from etl.transforms.types import Mention

# The texts a body votes on, and the verbs that name who put one forward.
TEXT_NOUNS = frozenset({"résolution", "projet", "texte", "motion", "amendement", "proposition"})
SPONSOR_VERBS = frozenset(
    {"présenter", "proposer", "rédiger", "élaborer", "soumettre", "déposer", "parrainer", "porter"}
)
# Triggers that are a vote or a veto, or that reject a text in the words around them.
VOTE_LEMMAS = frozenset({"voter", "veto", "véto"})


# The same in plain text, for sentences the gate left unparsed ("Le texte avait été rédigé par
# les États-Unis"): a text noun, a sponsoring participle and "par" within one clause.
_SPONSORING = r"(?:présenté|proposé|rédigé|[ée]laboré|soumis|déposé|parrainé|porté)e?s?\s+par\s+"
_TEXT = "(?:" + "|".join(sorted(TEXT_NOUNS)) + ")"
SPONSORED_BY = [
    re.compile(rf"\b{_TEXT}\b[^.;:]{{0,60}}?\b{_SPONSORING}(?P<agents>[^.;:()]{{1,120}})", re.I),
    # "Élaboré par les États-Unis et l'Albanie, le projet de résolution a été appuyé ..."
    re.compile(
        rf"\b{_SPONSORING}(?P<agents>[^,.;:()]{{1,120}}),\s+(?:le|la|ce|cette)\s+{_TEXT}", re.I
    ),
]


def resolution_sponsors(sentences: Iterable[SentenceActors]) -> list[Mention]:
    """The parties an article names as putting a text forward: the agent of a participle on a
    text noun ("présenté par la Malaisie et l'Australie"), or a text noun's demonym ("le projet
    russe"). One mention per party, in text order."""
    found: dict[str, Mention] = {}
    for sa in sentences:
        start, text = sa.span.start_char, sa.span.text
        for match in (m for pattern in SPONSORED_BY for m in pattern.finditer(text)):
            lo, hi = start + match.start("agents"), start + match.end("agents")
            for m in actor_mentions((m for m, _ in sa.mentions), allow_places=False):
                if lo <= m.char_start < hi:
                    found.setdefault(m.country_code or m.entity_id, m)
        lowered = text.lower()
        if not any(n in lowered for n in TEXT_NOUNS):
            continue  # no text noun in the sentence (a plural or capital keeps its lemma's letters)
        for x in sa.span:
            if lemma_of(x) not in TEXT_NOUNS:
                continue
            phrases = [c for c in x.children if c.dep_ == "amod"]
            verbs = [p for p in x.children if p.dep_.startswith("acl")]
            if x.dep_ == "nsubj:pass":
                verbs.append(x.head)  # "le texte avait été rédigé par les États-Unis"
            for v in verbs:
                if lemma_of(v) in SPONSOR_VERBS:
                    phrases += [c for c in v.children if c.dep_ == "obl:agent"]
            tokens = {y.i for p in phrases for y in p.subtree}
            for m in actor_mentions(sa.in_tokens(tokens), allow_places=False):
                found.setdefault(m.country_code or m.entity_id, m)
    return list(found.values())


def is_vote_on_text(t: Token) -> bool:
    """Whether trigger ``t`` votes against or vetoes a text (a veto, "voter contre", "rejeter
    le projet de résolution", "s'y opposer")."""
    # "s'y sont opposés": the clitic stands for the text the sentence before put to the vote.
    return (
        lemma_of(t) in VOTE_LEMMAS
        or bool((TEXT_NOUNS | VOTE_LEMMAS) & context_lemmas(t))
        or any(c.lower_ == "y" for c in t.children)
    )
