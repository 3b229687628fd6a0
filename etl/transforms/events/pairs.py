"""Candidate actor pairs of a sentence and the general features a learned model reads about them.

Every sentence that names two parties (states, organizations, groups) is a candidate for each pair
of them; a sentence that names one party is also paired with the parties of the sentence before
("carried", as a target often sits in the previous sentence) and with those the article opens with
(its lead: "La France, elle, rejette cette décision" answers the lead's decision); and every pair
the rule coder coded is a candidate too. The features are words, never page-specific rules: the
sentence's words and lemmas, the words between the two actors and on the dependency path that joins
them, the grammatical function of each actor, the trigger types of the reviewed lexicon found in the
sentence and on that path, the actors' kinds, and the types the rule coder gave the pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from etl.transforms.events.actors import SentenceActors, ordered, party_kind
from etl.transforms.events.parse import NEGATORS, is_intent, matches, verb_of
from etl.transforms.events.types import SOURCE, TARGET, CodedEvent
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold
from etl.transforms.types import Mention

# Words between two actors worth reading; beyond this they are two clauses apart.
MAX_BETWEEN = 12
# How far up the parse an actor's path to the other may climb.
MAX_DEPTH = 10


@dataclass(frozen=True)
class Side:
    """One side of a candidate pair: its party code and, when it is named in the text, the
    mention and its tokens (an alliance member the rule coder expanded has neither)."""

    party: str
    kind: str
    mention: Mention | None = None
    span: Span | None = None


@dataclass(frozen=True)
class PairCandidate:
    sentence_index: int
    start: int
    end: int
    first: Side  # the side named first in the text
    second: Side
    carried: bool
    rule_types: frozenset[str]
    feats: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    @property
    def addable(self) -> bool:
        """Whether the model may add an event here: both sides are named as actors in the text
        (a place where something happened, such as a dateline's city, is never promoted to an
        actor, and an alliance member the rules expanded is not named)."""
        return all(s.mention is not None and s.mention.is_actor for s in (self.first, self.second))

    @property
    def pair(self) -> tuple[str, str]:
        return ordered(self.first.party, self.second.party)


def sentence_sides(sa: SentenceActors, gaz: Gazetteer) -> list[Side]:
    """One side per party named in the sentence: its first actor mention (a place only when the
    party is named nowhere else in the sentence)."""
    best: dict[str, Side] = {}
    for m, span in sorted(sa.mentions, key=lambda x: (not x[0].is_actor, x[0].char_start)):
        found = party_kind(m.entity_id, m.country_code, gaz)
        if found is None or found[0] in best:
            continue
        best[found[0]] = Side(found[0], found[1], m, span)
    return sorted(best.values(), key=lambda s: s.span.start if s.span is not None else 0)


def pair_candidates(
    sa: SentenceActors,
    index: int,
    start: int,
    end: int,
    previous: Sequence[Side],
    rule_events: Iterable[CodedEvent],
    gaz: Gazetteer,
    lead: Sequence[Side] = (),
) -> list[PairCandidate]:
    """The candidate pairs of one sentence (``previous``: the sides of the sentence before;
    ``lead``: the parties the article opens with)."""
    sides = sentence_sides(sa, gaz)
    by_pair: dict[tuple[str, str], tuple[Side, Side, bool]] = {}
    for i, one in enumerate(sides):
        for other in sides[i + 1 :]:
            by_pair[_key(one, other)] = (one, other, False)
    lead_pairs: set[tuple[str, str]] = set()
    coordinated: set[tuple[str, str]] = set()
    # A sentence whose parties are all one coordinated list ("soutenue par la Russie, l'Inde et
    # Cuba") names one side: its other side sits before, as for a sentence naming one party.
    one_side = len(sides) == 1 or _coordinated(sides)
    parties = {s.party for s in sides}
    for side in sides if one_side else ():
        for p in previous:
            key = _key(p, side)
            if p.party not in parties and key not in by_pair:
                by_pair[key] = (p, side, True)
                if len(sides) > 1:
                    coordinated.add(key)
        for p in lead:
            key = _key(p, side)
            if p.party not in parties and key not in by_pair:
                by_pair[key] = (p, side, True)
                lead_pairs.add(key)
                if len(sides) > 1:
                    coordinated.add(key)
    rule_types: dict[tuple[str, str], set[str]] = {}
    named = {s.party: s for s in sides}
    for ev in rule_events:
        for (code_a, code_b), kind_a, kind_b in event_pairs(ev, gaz):
            key = ordered(code_a, code_b)
            rule_types.setdefault(key, set()).add(ev.event_type)
            if key not in by_pair:
                side_a = named.get(code_a) or Side(code_a, kind_a)
                side_b = named.get(code_b) or Side(code_b, kind_b)
                if side_a.span is not None and side_b.span is not None:
                    side_a, side_b = sorted((side_a, side_b), key=_start)
                by_pair[key] = (side_a, side_b, False)
    out: list[PairCandidate] = []
    if not by_pair:
        return out
    shared = sentence_features(sa.span, index)
    for key, (x, y, carried) in sorted(by_pair.items()):
        types = frozenset(rule_types.get(key, ()))
        feats = pair_features(
            shared,
            x,
            y,
            carried=carried,
            rule_types=types,
            from_lead=key in lead_pairs,
            coordinated=key in coordinated,
        )
        out.append(PairCandidate(index, start, end, x, y, carried, types, feats))
    return out


def _coordinated(sides: Sequence[Side]) -> bool:
    """Whether every party after the first is an item of the list the first one opens."""
    if any(s.span is None for s in sides):
        return False
    roots = {s.span.root.i for s in sides if s.span is not None}
    for s in sides[1:]:
        assert s.span is not None
        t, joined = s.span.root, False
        while _listed(t) and t.head.i != t.i and not joined:
            t = t.head
            joined = t.i in roots
        if not joined:
            return False
    return True


def _listed(t: Token) -> bool:
    """Whether ``t`` hangs on the item before it in a list: a conjunct, an apposition, or a
    noun with no preposition that the parser made a complement ("la Russie, l'Inde et Cuba")."""
    if t.dep_ in ("conj", "appos"):
        return True
    return t.dep_ == "nmod" and not any(c.dep_ == "case" for c in t.children)


def _start(s: Side) -> int:
    return s.span.start if s.span is not None else -1


def _key(a: Side, b: Side) -> tuple[str, str]:
    return ordered(a.party, b.party)


def event_pairs(ev: CodedEvent, gaz: Gazetteer) -> list[tuple[tuple[str, str], str, str]]:
    """The (party pair, kinds) an event of the rule coder counts for."""

    def sides(role: str) -> dict[str, str]:
        found = (
            party_kind(a.entity_id, a.country_code, gaz) for a in ev.actors if a.actor_role == role
        )
        return dict(p for p in found if p is not None)

    src, tgt = sides(SOURCE), sides(TARGET)
    if tgt:
        return [((s, t), src[s], tgt[t]) for s in src for t in tgt if s != t]
    return [((a, b), src[a], src[b]) for a in src for b in src if a < b]


def word(t: Token) -> str:
    return fold(t.text)


def lemma(t: Token) -> str:
    return t.lemma_.lower() if t.lemma_ else fold(t.text)


def _content(t: Token) -> bool:
    return t.is_alpha and len(t.text) > 2


def words_between(x: Span, y: Span) -> list[str]:
    """The lemmas of the content words between span ``x`` and span ``y`` that follows it."""
    return [lemma(t) for t in x.doc[x.end : y.start] if _content(t)]


def _path(a: Token, b: Token) -> tuple[list[Token], Token | None]:
    """Tokens on the dependency path between ``a`` and ``b`` (both excluded) and their lowest
    common head; ([], None) when the sentence is not parsed or they are not connected."""
    up_a = _ancestors(a)
    index = {t.i: k for k, t in enumerate(up_a)}
    climbed: list[Token] = []
    cur = b
    for _ in range(MAX_DEPTH):
        if cur.i in index:
            return up_a[1 : index[cur.i]] + climbed[1:], cur
        climbed.append(cur)
        if cur.head.i == cur.i or not cur.dep_:
            break
        cur = cur.head
    return [], None


def _ancestors(t: Token) -> list[Token]:
    out = [t]
    cur = t
    for _ in range(MAX_DEPTH):
        if cur.head.i == cur.i or not cur.dep_:
            break
        cur = cur.head
        out.append(cur)
    return out


def _role(span: Span) -> str:
    """An actor's grammatical function: its dependency, or the one of the noun it modifies."""
    root = span.root
    dep = root.dep_ or "none"
    if dep in ("nmod", "amod", "flat:name", "appos") and root.head.i != root.i:
        return f"{root.head.dep_}>{dep}"
    return dep


def _case(span: Span) -> str | None:
    return next(
        (lemma(c) for c in span.root.children if c.dep_ == "case"),
        None,
    )


def sentence_features(sentence: Span, index: int) -> frozenset[str]:
    """What every candidate pair of a sentence shares: its words and lemmas, the trigger types
    of the lexicon in it, negation, quotes, and whether it opens the article."""
    f: set[str] = {"bias"}
    if index < 2:
        f.add("lead")
    if any(q in sentence.text for q in ("«", "“", '"')):
        f.add("quoted")
    for t in sentence:
        if not _content(t):
            continue
        f.add(f"w:{word(t)}")
        if t.lemma_:
            f.add(f"l:{lemma(t)}")
        if t.lower_ in NEGATORS:
            f.add("neg")
        f.update(f"t:{trig.event_type}" for trig in matches(t))
    if sentence.root.dep_:
        f.add(f"st:{tense(sentence.root)}")
    return frozenset(f)


def tense(v: Token) -> str:
    """The tense of clause verb ``v``, read from its tense auxiliary when it has one: a
    pluperfect ("avait signé") mostly tells background, a passé composé or a present the news."""
    for a in v.children:
        if a.dep_ == "aux:tense":
            mood, when = a.morph.get("Mood", []), a.morph.get("Tense", [])
            if "Cnd" in mood:
                return "past-cond"
            return {"Imp": "pluperfect", "Fut": "past-fut", "Pres": "compound"}.get(
                next(iter(when), ""), "aux"
            )
    if "Inf" in v.morph.get("VerbForm", []):
        return "inf"
    # The tagger often reads a future as a past and a conditional as an imperfect; both are
    # built on the infinitive ("signer-a", "prendr-ait"), which a passé simple or an imperfect
    # is not ("déclar-a", "déclar-ait").
    base = lemma(v)
    base = base[:-1] if base.endswith("e") else base
    built = v.lower_.startswith(base) and len(v.lower_) > len(base)
    if "Cnd" in v.morph.get("Mood", []) or (built and re.search(r"(ai[st]?|aient)$", v.lower_)):
        return "cond"
    if built and re.search(r"(a|as|ont|ez|ons)$", v.lower_):
        return "fut"
    return {"Imp": "imperfect", "Fut": "fut", "Pres": "pres", "Past": "past"}.get(
        next(iter(v.morph.get("Tense", [])), ""), "none"
    )


def pair_features(
    shared: frozenset[str],
    a: Side,
    b: Side,
    *,
    carried: bool,
    rule_types: frozenset[str],
    from_lead: bool = False,
    coordinated: bool = False,
) -> dict[str, float]:
    """The features of a candidate pair (``shared``: its sentence's); every value is 1.0 (the
    model is a bag of indicators)."""
    f: set[str] = {*shared, f"k:{'|'.join(sorted((a.kind, b.kind)))}"}
    if carried:
        f.add("carried")
    if from_lead:
        f.add("from_lead")
    if coordinated:
        f.add("coordinated")
    for r in rule_types:
        f.add(f"r:{r}")
    if rule_types:
        f.add("r:any")
    spans = [s.span for s in (a, b) if s.span is not None]
    for label, s in (("1", a), ("2", b)):
        if s.span is None:
            f.add(f"nospan{label}")
            continue
        f.add(f"d{label}:{_role(s.span)}")
        case = _case(s.span)
        if case:
            f.add(f"c{label}:{case}")
        if s.mention is not None and not s.mention.is_actor:
            f.add(f"place{label}")
        if s.mention is not None and s.mention.entity_id.startswith("person:"):
            f.add(f"person{label}")
    if len(spans) == 2:
        x, y = spans
        between = words_between(x, y)
        if len(between) <= MAX_BETWEEN:
            f.update(f"b:{w}" for w in between)
        else:
            f.add("far")
        path, top = _path(x.root, y.root)
        if top is not None:
            f.update(f"p:{lemma(t)}" for t in path if _content(t))
            f.add(f"top:{lemma(top)}")
            f.add(f"vt:{tense(verb_of(top))}")
            for t in [*path, top]:
                for trig in matches(t):
                    f.add(f"tp:{trig.event_type}")
            if is_intent(top):
                f.add("intent")
    return dict.fromkeys(sorted(f), 1.0)


def direction_features(c: PairCandidate, event_type: str, sentence: Span) -> dict[str, float]:
    """Features for "the side named first is the source" of an event of ``event_type``."""
    f: set[str] = {"bias", f"t:{event_type}"}
    if c.carried:
        f.add("carried")
        f.add(f"{event_type}|carried")
    for label, s in (("1", c.first), ("2", c.second)):
        if s.span is None:
            f.add(f"nospan{label}")
            continue
        role = _role(s.span)
        f.update({f"d{label}:{role}", f"{event_type}|d{label}:{role}"})
        if "nsubj" in role:
            f.update({f"subj{label}", f"{event_type}|subj{label}"})
        case = _case(s.span)
        if case:
            f.update({f"c{label}:{case}", f"{event_type}|c{label}:{case}"})
    for label, s in (("1", c.first), ("2", c.second)):
        # An organization mostly sanctions and a group mostly attacks, whatever the parse.
        f.update({f"k{label}:{s.kind}", f"{event_type}|k{label}:{s.kind}"})
    f |= _between_features(c, event_type)
    if all(t.dep_ for t in sentence):  # the gate left none unparsed: a word joins the two
        join = join_token(c, sentence)
        f |= _join_features(c, event_type, join)
        f |= _trigger_features(c, event_type, sentence, join)
    if any(t.dep_ == "aux:pass" for t in sentence):
        # A passive turns its subject into the side acted on ("X a été sanctionné par Y").
        f |= {f"pass|{k}" for k in f if k.startswith(_FUNCTIONS)}
        f.add("passive")
    return dict.fromkeys(sorted(f), 1.0)


# The features that say where a side stands in the parse, which a passive turns around.
_FUNCTIONS = ("d1:", "d2:", "j1:", "j2:", "tr1:", "tr2:")
# Words between the two sides worth reading for their direction ("X, sous la pression de Y").
MAX_BETWEEN_SIDES = 8


def _between_features(c: PairCandidate, event_type: str) -> set[str]:
    """The words between the two sides, when they are few: a preposition or a verb between
    them often says which one acts ("X, à la demande de Y", "X accueille Y")."""
    x, y = c.first.span, c.second.span
    if x is None or y is None:
        return set()
    between = words_between(x, y)
    if len(between) > MAX_BETWEEN_SIDES:
        return set()
    return {f"b:{w}" for w in between} | {f"{event_type}|b:{w}" for w in between}


def _trigger_features(c: PairCandidate, event_type: str, sentence: Span, join: Token) -> set[str]:
    """Where each side stands to the word of the lexicon that triggers this type nearest to
    ``join``: its subject, its object, a complement with its preposition. The word that joins the
    two sides is often another ("X accuse Y d'avoir frappé Z": the strike's source is not the
    accuser)."""
    f: set[str] = set()
    triggers = [t for t in sentence if any(m.event_type == event_type for m in matches(t))]
    if not triggers:
        return {f"{event_type}|notrigger"}
    trig = min(triggers, key=lambda t: abs(t.i - join.i))
    for label, s in (("1", c.first), ("2", c.second)):
        if s.span is None or not sentence.start <= s.span.start < sentence.end:
            continue
        branch = _branch(s.span.root, trig)
        if branch is None:
            rel = "self" if trig.i in range(s.span.start, s.span.end) else "outside"
        else:
            case = next((lemma(x) for x in branch.children if x.dep_ in ("case", "mark")), "")
            rel = f"{branch.dep_}|{case}"
        side = "before" if s.span.root.i < trig.i else "after"
        f.update({f"{event_type}|tr{label}:{rel}", f"tr{label}:{rel}", f"tr{label}:{side}"})
    return f


def _join_features(c: PairCandidate, event_type: str, join: Token) -> set[str]:
    """Where each side stands to the word that joins the two: before or after it, and the
    function of the branch that leads to it (its subject, its object, a complement ...). The
    sides' own functions miss this when a side is nested in a noun phrase or a clause. The
    word's lemma with each side's branch says which of its arguments acts ("X remercie Y pour
    son don": the object gave)."""
    word = lemma(join)
    f: set[str] = {f"jl:{word}"}
    for label, s in (("1", c.first), ("2", c.second)):
        if s.span is None:
            continue
        f.add(f"pos{label}:{'before' if s.span.root.i < join.i else 'after'}")
        branch = _branch(s.span.root, join)
        f.add(f"jl:{word}|{label}:{branch.dep_ if branch is not None else 'self'}")
        if branch is not None:
            f.update({f"j{label}:{branch.dep_}", f"{event_type}|j{label}:{branch.dep_}"})
    return f


def _branch(t: Token, top: Token) -> Token | None:
    """The child of ``top`` whose subtree holds ``t`` (None when ``t`` is ``top`` or is not
    under it within a few steps)."""
    up = _ancestors(t)
    k = next((k for k, x in enumerate(up) if x.i == top.i), 0)
    return up[k - 1] if k > 0 else None


def join_token(c: PairCandidate, sentence: Span) -> Token:
    """The word that joins the two sides in the parse (their lowest common head) when both are
    named in ``sentence``, else the clause verb of the one that is, else the sentence's head."""
    inside = [
        s.span
        for s in (c.first, c.second)
        if s.span is not None and sentence.start <= s.span.start < sentence.end
    ]
    if len(inside) == 2:
        _, top = _path(inside[0].root, inside[1].root)
        if top is not None:
            return top
    if inside and inside[-1].root.dep_:
        return verb_of(inside[-1].root)
    return sentence.root
