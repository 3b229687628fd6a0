"""Phrases around a trigger that change who its sides are, read from the parse: parties doing
the same ("tout comme le Nicaragua"), lists spelled out ("à savoir ..."), objects pointing back
("cette approche"), the authors of a condemned act, addressees, reciprocal verbs, relative
antecedents, and the clauses a guessed side must not come from. Pure functions of a Doc."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from etl.transforms.events.actors import SentenceActors
from etl.transforms.events.parse import OF_WORDS, has_case, lemma_of, matches, verb_of
from etl.transforms.lexicon import Trigger
from etl.transforms.reference import word_set
from etl.transforms.types import Mention

AGAINST_WORDS = frozenset({"contre", "envers", "encontre"})
DATIVE_WORDS = frozenset({"à", "au", "aux"})
DESPITE_WORDS = frozenset({"malgré"})
DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
CLAIM_NOUNS = word_set("claim_nouns_fr.tsv")
RECIPROCAL_WORDS = frozenset({"mutuellement", "réciproquement"})
CLAUSE_DEPS = frozenset({"acl", "acl:relcl", "ccomp", "advcl"})
# A condemned act's authors are named after these ("de X", "par X").
AGENT_CASES = OF_WORDS | {"par"}


def spells_out(x: Token) -> bool:
    """Whether conjunct ``x`` opens with "à savoir": it spells out what the phrase before it
    names ("dans cinq pays, à savoir la Zambie, ...")."""
    return any(
        c.dep_ == "cc" and c.lower_ == "à" and any(f.lower_ == "savoir" for f in c.children)
        for c in x.children
    )


def likewise(sa: SentenceActors, heads: set[int]) -> tuple[set[int], set[int]]:
    """Phrases of a clause that name another party doing the same, never the other side: "tout
    comme le Nicaragua" does the same act (a co-source), "à l'instar du Mali" did it before, and
    "malgré les menaces de la Chine" is what the clause's act went against."""
    same: set[int] = set()
    before: set[int] = set()
    for x in sa.span:
        if x.head.i not in heads or x.i in heads:
            continue
        if any(
            c.lower_ == "tout" and any(f.lower_ == "comme" for f in c.children) for c in x.children
        ):
            same |= {y.i for y in x.subtree}
        elif x.lower_ == "instar" or has_case(x, DESPITE_WORDS):
            before |= {y.i for y in x.subtree}
    return same, before


# Determiners of a claim noun that point back to the claims told before ("toutes les
# accusations"); a bare definite ("l'accusation") may be one the page never told.
CLAIM_DETERMINERS = frozenset({"toutes", "tous"})


def points_back(t: Token) -> bool:
    """Whether verb ``t``'s object points back with a demonstrative ("cette approche"), or names
    a claim told before ("toutes les accusations", "cette accusation a été rejetée par X")."""
    for c in t.children:
        if c.dep_ not in ("obj", "nsubj:pass"):
            continue
        dets = {d.lower_ for d in c.children if d.dep_ in ("det", "det:predet", "amod")}
        if dets & DEMONSTRATIVES or (dets & CLAIM_DETERMINERS and lemma_of(c) in CLAIM_NOUNS):
            # (the pointing back is a guess: the caller lowers the confidence)
            return True
    return False


def other_clause(sa: SentenceActors, m: Mention, verb: Token) -> bool:
    """Whether mention ``m`` belongs to a clause with a subject of its own below or beside
    ``verb``'s ("... a annoncé l'accord, que le Mali a aussitôt rejeté")."""
    cur = sa.span_of(m).root
    for _ in range(10):
        if cur.i == verb.i:
            return False
        if cur.pos_ in ("VERB", "AUX") and any(c.dep_.startswith("nsubj") for c in cur.children):
            return True
        if cur.head.i == cur.i:
            return True
        cur = cur.head
    return True


def act_agents(noun: Token) -> tuple[list[Token], set[int]]:
    """What a condemned act stands for as a target, and the tokens of its victims: its authors
    when the noun names them ("l'attaque russe contre l'Ukraine", "l'invasion de l'Ukraine par la
    Russie": the Russian side, not the Ukraine it hit). Other phrases stand as they are."""
    acts = matches(noun) if noun.pos_ == "NOUN" else []
    if not acts:
        return [noun], set()
    patient = any(a.patient_of for a in acts)
    victims = [
        c
        for x in noun.subtree
        for c in x.children
        if c.dep_ in ("nmod", "obl", "obl:mod")
        and (has_case(c, AGAINST_WORDS) or (patient and x.i == noun.i and has_case(c, OF_WORDS)))
    ]
    excluded = {y.i for c in victims for y in c.subtree}
    agents = [
        c
        for c in noun.children
        if c.i not in excluded
        and (c.dep_ == "amod" or (c.dep_ == "nmod" and has_case(c, AGENT_CASES)))
    ]
    return agents, excluded


def addressees(t: Token, trig: Trigger) -> list[Token]:
    """Who speaking verb ``t`` addresses: a required word after "à" in its clause ("a déclaré le
    dirigeant chinois à son homologue zambien"): the words that qualify it, not the clauses
    hung on it."""
    found = [
        x
        for x in t.subtree
        if lemma_of(x) in trig.requires and has_case(x, DATIVE_WORDS) and verb_of(x).i == t.i
    ]
    return [c for x in found for c in x.children if c.dep_ not in CLAUSE_DEPS]


def is_reciprocal(t: Token) -> bool:
    """A reflexive verb said of each other ("se sont accusés mutuellement")."""
    reflexive = any(lemma_of(c) == "se" for c in t.children)
    window = t.doc[t.i + 1 : t.i + 4]
    return reflexive and any(lemma_of(w) in RECIPROCAL_WORDS for w in window)


def antecedent(t: Token) -> Token | None:
    """The noun a relative "que" before verb ``t`` refers to ("l'Azerbaïdjan, qu'elle accuse"),
    when "que" opens ``t``'s clause right after a noun."""
    rel = next((c for c in t.children if lemma_of(c) == "que" and c.i < t.i), None)
    if rel is None:
        return None
    before = t.doc[rel.i - 1] if rel.i > 0 else None
    if before is not None and before.is_punct and before.i > 0:
        before = t.doc[before.i - 1]
    return before if before is not None and before.pos_ in ("NOUN", "PROPN") else None


def is_infinitive_clause(c: Token) -> bool:
    """An infinitive clause hung on a noun ("à l'Ouganda de retirer ...")."""
    return (
        c.dep_ == "acl"
        and "Inf" in c.morph.get("VerbForm", [])
        and any(m.dep_ == "mark" and m.i < c.i for m in c.children)
    )


def held(t: Token) -> bool:
    """Whether the noun participle ``t`` qualifies is what its clause's verb arrests, expels or
    sanctions ("a arrêté trois gendarmes ivoiriens accusés d'espionnage")."""
    noun = t.head
    return noun.dep_ != "nsubj" and any(
        trig.event_type in ("COERCE", "SANCTION") for trig in matches(noun.head)
    )


def own_clauses(roots: Iterable[Token]) -> set[int]:
    """Tokens of what the other side's phrase itself does ("des groupes rebelles cherchant à
    renverser le régime syrien", "des milices qui combattent l'armée"): a present participle or a
    subject relative inside that phrase names no party of the event. A past participle ("des
    armes destinées à l'Ukraine") or an object relative ("le traité qu'il entretenait avec
    l'Espagne") still may."""
    out: set[int] = set()
    for r in roots:
        for d in r.subtree:
            if d.i == r.i or d.dep_ not in ("acl", "acl:relcl"):
                continue
            present = "Part" in d.morph.get("VerbForm", []) and "Pres" in d.morph.get("Tense", [])
            acting = any(c.dep_ == "nsubj" and c.lower_ == "qui" for c in d.children)
            if present or (d.dep_ == "acl:relcl" and acting):
                out |= {y.i for y in d.subtree}
    return out


def at_request(t: Token, trig: Trigger) -> bool:
    """ "à la demande du Bénin", "sur requête de X": why the clause's subject acted, a request of
    the noun's owner to that subject, not part of the act it led to."""
    return trig.event_type == "REQUEST" and has_case(t, ("à", "sur"))
