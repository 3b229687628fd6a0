"""Actor mentions of a sentence aligned to its tokens, turned into event actors (an alliance
standing for its member states), and the source of a trigger whose subject names no actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from etl.transforms.actors import actor_of
from etl.transforms.events.parse import subtree_excluding
from etl.transforms.events.types import EventActor
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.offices import term_held
from etl.transforms.text import fold
from etl.transforms.types import Mention

# Pronouns that stand for people or states; demonstratives ("cela", "ce") stand for situations.
PERSONAL_PRONOUNS = frozenset({"il", "elle", "ils", "elles", "lui", "eux", "qui", "lequel"})
# "« Nous saluons ... », a déclaré X": inside a quotation the first person is its speaker.
FIRST_PERSON = frozenset({"nous", "je", "j'", "j’"})
# Nouns that stand for a state the text has named ("le pays a expulsé"), besides the collective
# roles of roles_fr.tsv ("la junte", "le gouvernement", "les autorités").
STATE_NOUNS = frozenset({"pays", "royaume", "état", "république", "émirat", "monarchie"})
# Determiners of a noun that points back to a state named before: not "un pays", "des pays".
BACK_DETERMINERS = frozenset({"le", "la", "l'", "l’", "les", "son", "sa", "ses", "leur", "leurs"})
OPEN_QUOTES = frozenset({"«", "“", '"'})
CLOSE_QUOTES = frozenset({"»", "”", '"'})


@dataclass(frozen=True)
class SentenceActors:
    """One sentence of the article's Doc and its actor mentions aligned to tokens.

    Token indexes and character offsets are those of the whole article Doc (body offsets).
    """

    doc: Doc
    span: Span
    mentions: list[tuple[Mention, Span]]

    def in_tokens(self, tokens: set[int]) -> list[Mention]:
        return [m for m, span in self.mentions if _heads(span) & tokens]

    def before(self, i: int) -> list[Mention]:
        return [m for m, span in self.mentions if span.end <= i]

    def after(self, i: int) -> list[Mention]:
        return [m for m, span in self.mentions if span.start > i]

    def span_of(self, m: Mention) -> Span:
        return next(span for mm, span in self.mentions if mm is m)


def _heads(span: Span) -> set[int]:
    """The tokens of a mention whose heads lie outside it: its root, or, when the parser broke
    the name apart ("la Russie de Vladimir | Poutine a renforcé"), each of its pieces' roots."""
    return {t.i for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i}


def align(
    doc: Doc, mentions: Sequence[Mention], gaz: Gazetteer | None = None
) -> list[tuple[Mention, Span]]:
    """The mentions with their token spans; with ``gaz``, without the news agencies and outlets
    that are only where the text comes from ("a déclaré à l'AFP", "selon Reuters")."""
    aligned = []
    for m in mentions:
        span = doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if gaz is not None and _information_source(m, span, gaz):
            continue
        aligned.append((m, span))
    return aligned


# How an outlet the text quotes or speaks to is attached: "à l'AFP", "auprès de Reuters",
# "selon RFI", "d'après Le Monde", "cité par l'AP", and the dispatch tag "(Reuters)".
SOURCE_CASES = frozenset({"à", "au", "auprès", "selon", "d'après", "après", "par"})


def _information_source(m: Mention, span: Span, gaz: Gazetteer) -> bool:
    entity = gaz.entity(m.entity_id) if is_org(m) else None
    if entity is None or entity.org_kind != "media":
        return False
    root = span.root
    if root.dep_ in ("nsubj", "obj", "nsubj:pass"):
        return False  # the outlet acts or is acted upon ("la junte a suspendu RFI")
    cases = {c.text.lower() for c in root.children if c.dep_ in ("case", "mark")}
    before = span.doc[span.start - 1].text.lower() if span.start > 0 else ""
    return bool(cases & SOURCE_CASES) or before == "(" or root.dep_ == "appos"


def as_officials(ms: Iterable[Mention], gaz: Gazetteer, as_of: dt.date | None) -> list[Mention]:
    """The mentions, with a person who holds an organization's listed office on ``as_of`` and has
    no state of their own in the text standing for that organization ("Jens Stoltenberg a
    appelé ..." is NATO's call, as "le secrétaire général de l'Otan" would be)."""
    out = []
    for m in ms:
        if m.entity_id.startswith("person:") and m.country_code is None:
            term = term_held(gaz.office_holders.get(m.entity_id[len("person:") :], []), as_of)
            org = gaz.entity(term.org_id) if term is not None and term.org_id else None
            if term is not None and org is not None:
                m = replace(
                    m,
                    entity_id=org.entity_id,
                    country_code=org.country_code,
                    sector_code=term.sector_code,
                    role_name=term.role_name,
                )
        out.append(m)
    return out


def actor_mentions(ms: Iterable[Mention], *, allow_places: bool) -> list[Mention]:
    return [m for m in ms if (m.is_actor or allow_places) and (m.country_code or is_org(m))]


def is_org(m: Mention) -> bool:
    return m.entity_id.startswith("organization:")


def to_actors(
    ms: Iterable[Mention],
    role: str,
    gaz: Gazetteer,
    *,
    expand_members: bool,
    other_side: frozenset[str] = frozenset(),
) -> list[EventActor]:
    """Event actors for the mentions of one role. With ``expand_members`` a small alliance
    stands for its member states, unless a state of ``other_side`` (the other role's states) is a
    member: an alliance that acts on one of its own (the CSTO sending troops to Kazakhstan) acts
    as a body, not as its members towards each other."""
    out: list[EventActor] = []
    for m in ms:
        members = _expansion(m, gaz)
        if members and expand_members and not other_side & set(members):
            # An alliance stands for its member states when a state pair is needed.
            out.extend(
                EventActor(f"country:{c}", role, c, m.sector_code, m.surface_text, m.entity_id)
                for c in members
            )
            continue
        out.append(
            EventActor(m.entity_id, role, m.country_code, m.sector_code, m.surface_text, None)
        )
    return out


# Only small alliances stand for their members: a bloc of a few states acting together (AES) is
# those states, but a large IGO acting as a body (ECOWAS, the EU) is not 12 or 27 bilateral events.
MAX_EXPANDED_MEMBERS = 6


def _expansion(m: Mention, gaz: Gazetteer) -> tuple[str, ...]:
    if not is_org(m) or m.country_code:
        return ()
    entity = gaz.entity(m.entity_id)
    members = gaz.members(m.entity_id)
    if entity is None or entity.org_kind != "alliance" or len(members) > MAX_EXPANDED_MEMBERS:
        return ()
    return members


def party_kind(entity_id: str, country_code: str | None, gaz: Gazetteer) -> tuple[str, str] | None:
    """The party an entity stands for as one side, and its kind (``state``, ``igo``,
    ``armed_group`` ...): an organization as itself, anything else as its state."""
    entity = gaz.entities.get(entity_id)
    if entity is not None and entity.entity_type == "organization":
        code, kind = actor_of(entity)
        return (code, kind or "igo") if code else None
    return (country_code, "state") if country_code else None


def party(a: EventActor, gaz: Gazetteer) -> str | None:
    """Who an event actor is as one side: an organization's own actor code, else its state."""
    found = party_kind(a.entity_id, a.country_code, gaz)
    return found[0] if found else None


def ordered(a: str, b: str) -> tuple[str, str]:
    """An unordered pair of actor codes, written one way."""
    return (a, b) if a < b else (b, a)


def countries(actors: Iterable[EventActor]) -> set[str]:
    return {a.country_code for a in actors if a.country_code}


def resolve_source(
    sa: SentenceActors,
    t: Token,
    src_tokens: list[Token],
    previous_actors: list[Mention],
    gaz: Gazetteer,
) -> tuple[list[Mention], float] | None:
    """Sources when the subject phrase itself names no actor: pronouns, possessives, nouns that
    stand for a state named before, or no subject at all. Returns None when the subject is a
    phrase that is not an actor."""
    pronouns = [s for s in src_tokens if s.pos_ == "PRON"]
    nominal = [s for s in src_tokens if s.pos_ != "PRON"]
    if nominal:
        if not all(_stands_for_state(s, gaz) for s in nominal):
            return None
        # "Le Mali a rompu avec Kiev. La junte accuse ...": the state the text is about, as a
        # subject earlier in the sentence or first in the previous one.
        states = [
            m
            for m in actor_mentions(sa.before(t.i), allow_places=False)
            if m.country_code and not is_org(m) and _in_subject(sa, m)
        ]
        if states:
            return [states[-1]], 0.2
        states = [m for m in previous_actors if m.country_code and not is_org(m)]
        return ([states[0]], 0.25) if states else None
    if pronouns and all(p.text.lower() in FIRST_PERSON for p in pronouns):
        speaker = quote_speaker(sa, t)
        if speaker:
            return speaker, 0.1
        # "« Nous saluons ... », a-t-il ajouté": a quotation whose speaker the sentence does not
        # name continues the one who spoke in the sentence before.
        people = [m for m in previous_actors if m.entity_id.startswith("person:")]
        return ([people[0]], 0.25) if people and _quoted(sa, t) else None
    if any(p.text.lower() not in PERSONAL_PRONOUNS for p in pronouns):
        return None
    for p in pronouns:
        if p.text.lower() in ("qui", "lequel") and p.head.dep_.startswith("acl"):
            antecedent = p.head.head
            found = sa.in_tokens(subtree_excluding(antecedent, [p.head]))
            actors = actor_mentions(found, allow_places=False)
            if actors:
                return actors, 0.05
    earlier = actor_mentions(sa.before(t.i), allow_places=False)
    subjects = [m for m in earlier if _in_subject(sa, m)]
    people = [m for m in subjects if m.entity_id.startswith("person:")]
    if people:
        return [people[-1]], 0.15
    if subjects:
        return [subjects[-1]], 0.2
    if previous_actors:
        return [previous_actors[0]], 0.25
    if not src_tokens and earlier:
        return [earlier[-1]], 0.3
    return None


def _stands_for_state(noun: Token, gaz: Gazetteer) -> bool:
    # The tagger often reads a sentence-initial "Le royaume" as a proper noun.
    if (
        noun.pos_ not in ("NOUN", "PROPN")
        or not noun.text.islower()
        or not any(c.dep_ == "det" and c.text.lower() in BACK_DETERMINERS for c in noun.children)
    ):
        return False
    word = noun.text.lower()
    if word in STATE_NOUNS:
        return True
    role = gaz.roles.get((fold(word),))
    return role is not None and not role.is_head and role.sector_code in ("GOV", "MIL")


def _quoted(sa: SentenceActors, t: Token) -> bool:
    # The sentence splitter may leave the opening mark at the end of the sentence before.
    for x in reversed(sa.span.doc[max(0, sa.span.start - 2) : t.i]):
        if x.text in CLOSE_QUOTES and x.text not in OPEN_QUOTES:
            return False
        if x.text in OPEN_QUOTES:
            return True
    return False


def quote_speaker(sa: SentenceActors, t: Token) -> list[Mention]:
    """The actor a quotation holding ``t`` is attributed to in its sentence: named after the
    closing mark ("», a déclaré le ministre malien"), else before the opening one."""
    opening = next(
        (x.i for x in reversed(sa.span[: t.i - sa.span.start]) if x.text in OPEN_QUOTES), None
    )
    if opening is None:
        return []
    closing = next(
        (x.i for x in sa.span[t.i - sa.span.start :] if x.text in CLOSE_QUOTES), sa.span.end
    )
    after = actor_mentions(sa.after(closing), allow_places=False)
    before = actor_mentions(sa.before(opening), allow_places=False)
    if after:
        return [after[0]]
    return [before[-1]] if before else []


def _in_subject(sa: SentenceActors, m: Mention) -> bool:
    span = sa.span_of(m)
    cur = span.root
    for _ in range(8):
        if cur.dep_ in ("nsubj", "nsubj:pass"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def token_distance(sa: SentenceActors, t: Token, m: Mention) -> int:
    span = sa.span_of(m)
    return span.start - t.i
