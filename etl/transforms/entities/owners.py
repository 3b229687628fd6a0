"""The state a possessive role belongs to ("le Soudan a rappelé son ambassadeur").

Used while people are attributed (:mod:`etl.transforms.entities.attribution`): the actors a
clause names are the country and organization matches plus the people attributed so far, which
is why the caller passes ``actors`` as a list it extends person by person.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl.transforms.entities.index import DocIndex
from etl.transforms.entities.lexicon import COUNTRY_KINDS, SUBJECT_PRONOUNS
from etl.transforms.entities.records import Match, PersonOcc, RolePhrase
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.text import fold

# (start character, state) of the actors named in the text.
Actors = list[tuple[int, str]]


def match_actors(gaz: Gazetteer, matches: list[Match], postings: frozenset[int]) -> Actors:
    """The states of the matches that are actors: countries (not places or postings) and
    national organizations."""
    out: Actors = []
    for k, m in enumerate(matches):
        if m.dropped or k in postings:
            continue
        if m.kind in COUNTRY_KINDS and m.code and m.is_actor:
            out.append((m.start, m.code))
        elif m.kind == "alias":
            org = gaz.entity(m.entity_id)
            if org is not None and org.country_code:
                out.append((m.start, org.country_code))
    return out


def person_actor(gaz: Gazetteer, o: PersonOcc) -> tuple[int, str] | None:
    """An attributed person as an actor: their country, else their office holder's."""
    holder = gaz.office_holders.get("-".join(o.key_words))
    code = o.country or (holder[0].country_code if holder else None)
    return (o.start, code) if code else None


def possessive_owner(
    index: DocIndex, rp: RolePhrase, actors: Actors, memo: dict[int, str | None]
) -> str | None:
    """The state of the actor a possessive role belongs to ("son porte-parole").

    Resolved once per phrase, with the actors known at the first call (``memo`` is keyed by the
    phrase's first word: no two phrases share one)."""
    if rp.w0 not in memo:
        memo[rp.w0] = _resolve_owner(index, rp, actors)
    return memo[rp.w0]


def _resolve_owner(index: DocIndex, rp: RolePhrase, actors: Actors) -> str | None:
    """ "Le gouvernement soudanais a rappelé son ambassadeur": the subject of the clause the
    role is in. "Le ministère marocain a dénoncé ... Son porte-parole, X": when the role is
    itself the subject, what comes before it in its sentence or the previous sentence's
    subject."""
    start = index.words[rp.w0].start
    tok = index.token_at(start)
    sent = tok.sent
    child, head = tok, tok.head
    while head.i != child.i and head.i >= sent.start:
        subj = next(
            (c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i != child.i),
            None,
        )
        if child.dep_ in ("nsubj", "nsubj:pass"):
            break  # the role is (in) the subject
        if subj is not None and subj.right_edge.i < tok.i:
            return _subject_code(index, subj, head, actors)
        child, head = head, head.head
    # "Le Maroc et son ambassadeur, X, ...": an actor coordinated before the role. After a
    # comma, what precedes is a fronted circumstance ("Dans la nuit, son porte-parole").
    if "," not in index.text[sent.start_char : start]:
        before = _codes_between(sent.start_char, start, actors)
        if before:
            return before.pop() if len(before) == 1 else None
    return _previous_subject_code(index, sent.start, actors)


def _subject_code(index: DocIndex, subj: Token, verb: Token, actors: Actors) -> str | None:
    if fold(subj.text) in SUBJECT_PRONOUNS:
        return _previous_subject_code(index, subj.sent.start, actors)
    if subj.pos_ == "PRON" and verb.dep_ == "acl:relcl" and verb.head.i < subj.i:
        antecedent = verb.head  # "le Soudan, qui a rappelé son ambassadeur"
        a, b = antecedent.left_edge.idx, subj.idx
    else:
        a, b = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
    codes = _codes_between(a, b, actors)
    return codes.pop() if len(codes) == 1 else None


def _previous_subject_code(index: DocIndex, sent_start: int, actors: Actors) -> str | None:
    i = sent_start - 1
    while i >= 0 and index.doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    prev = index.doc[i].sent
    root = prev.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subj is not None and fold(subj.text) not in SUBJECT_PRONOUNS:
        return _subject_code(index, subj, root, actors)
    return None


def _codes_between(a: int, b: int, actors: Actors) -> set[str]:
    """States of the actors named in characters [a, b)."""
    return {code for pos, code in actors if a <= pos < b}
