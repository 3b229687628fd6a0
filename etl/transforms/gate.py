"""Which sentences are worth the expensive part of the spaCy pipeline.

The tagger, parser and lemmatizer cost more than half of the French model's time, and only the
sentences where an event is possible need them: a sentence with an actor and a word that could be
an inflected form of a trigger in the lexicon. The test is deliberately generous (a false "yes"
only costs a parse; a false "no" loses an event), and it runs on what the cheap part of the
pipeline gives: tokens, sentence boundaries and named entities.

Trigger lemmas are turned into the stems of their inflected forms by general French conjugation
rules (first group, second group, the irregular families such as -prendre, -mettre, -venir,
-cevoir), not by listing forms seen in some text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.tokens import Span

from etl.transforms.gazetteer import Gazetteer
from etl.transforms.names import fold
from etl.transforms.nlp import NAMES, PARSE, TOKENS

# Irregular verb families: lemma ending -> replacement stems (folded). Each family is a pattern
# of French conjugation, so it covers every verb built on it (remettre, soumettre, permettre...).
_IRREGULAR: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("prendre", ("pren", "pri")),
    ("mettre", ("met", "mis")),
    ("venir", ("ven", "vien", "vin")),
    ("tenir", ("ten", "tien", "tin")),
    ("cevoir", ("cev", "coi", "cu")),
    ("voir", ("voi", "voy", "vu", "vi")),
    ("aitre", ("ai", "u")),  # reconnaître: reconnaît, reconnu
    ("oitre", ("oi", "u")),
    ("indre", ("in", "ign")),  # joindre, craindre, peindre
    ("attre", ("at",)),  # abattre, combattre
    ("uire", ("ui",)),  # conduire, détruire
    ("dire", ("di",)),  # interdire, contredire
    ("crire", ("cri",)),
    ("clure", ("clu",)),
    ("vre", ("v", "vi", "ve")),  # suivre, poursuivre
    ("rir", ("r", "ert")),  # offrir: offre, offert; couvrir, ouvrir
    ("aire", ("ai", "a", "i", "e")),  # faire and its compounds
    ("ire", ("i",)),
    ("dre", ("d", "du")),  # rendre, étendre, défendre
    ("pre", ("p", "pu")),  # rompre
    ("re", ("",)),
)


def verb_stems(lemma: str) -> tuple[str, ...]:
    """Stems every inflected form of a French verb starts with (folded, accents removed)."""
    word = fold(lemma)
    for ending, replacements in _IRREGULAR:
        if word.endswith(ending):
            base = word[: -len(ending)]
            return tuple(sorted({base + r for r in replacements}))
    if word.endswith("er"):
        stem = word[:-2]
        # Folding makes "mène", "cède", "appelle", "menaça" start with the stem already.
        if stem.endswith("y"):
            return (stem, stem[:-1] + "i")  # employer: emploie
        return (stem,)
    if word.endswith("ir"):
        stem = word[:-2]
        # Third-group -tir/-mir/-vir verbs lose the consonant in the present ("dément", "sert").
        if stem.endswith(("t", "m", "v")) and len(stem) > 3:
            return (stem[:-1],)
        return (stem,)
    return (word,)


def noun_stems(lemma: str) -> tuple[str, ...]:
    """Stems of a noun's singular and plural ("accord(s)", "travail/travaux")."""
    word = fold(lemma).split("-")[0]
    if word.endswith(("al", "ail")):
        return (word[: -2 if word.endswith("al") else -3] + "a",)
    return (word,)


def stems_for(lexicon_keys: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    out: set[str] = set()
    for lemma, pos in lexicon_keys:
        out.update(verb_stems(lemma) if pos == "VERB" else noun_stems(lemma))
    # A one-letter stem would match most words; "tuer" needs two (tue, tués).
    return tuple(sorted(s for s in out if len(s) >= 2))


@functools.cache
def trigger_pattern() -> re.Pattern[str]:
    """Folded word starts that may be an inflected trigger of the lexicon."""
    from etl.transforms.events import trigger_lexicon  # the lexicon lives with the coder

    stems = stems_for(trigger_lexicon())
    return re.compile("|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)))


# Lowercase words that can stand for states ("les deux pays", "les trois gouvernements").
_GROUP_WORDS = frozenset(
    {"pays", "etats", "nations", "gouvernements", "capitales", "armees", "voisins", "allies"}
)


def _known(gaz: Gazetteer, word: str) -> bool:
    """A folded word that starts a gazetteer name or a role phrase."""
    key = (word,)
    return key in gaz.key_prefixes or key in gaz.role_key_prefixes


def has_trigger(span: Span) -> bool:
    pattern = trigger_pattern()
    return any(pattern.match(fold(t.text)) for t in span if t.is_alpha or "-" in t.text)


def has_actor(span: Span, gaz: Gazetteer) -> bool:
    """A gazetteer word (names, demonyms, capitals, roles), a capitalized word after the first,
    or a group noun: anything the entity stage may turn into an actor."""
    for k, t in enumerate(span):
        if not t.is_alpha:
            continue
        word = fold(t.text)
        if _known(gaz, word) or word in _GROUP_WORDS:
            return True
        if k > 0 and t.text[0].isupper():
            return True
    return False


def event_possible(span: Span, gaz: Gazetteer) -> bool:
    """True when ``span`` (a sentence) may hold an event: it needs a full parse."""
    return has_trigger(span) and has_actor(span, gaz)


def has_name(span: Span, gaz: Gazetteer) -> bool:
    """A capitalized word the gazetteer does not know (a person, a place or an organization only
    the named-entity model can find); a sentence's first word only if it is not a function word.

    Where every capitalized word is a known country, capital, organization or role, the
    gazetteer finds the mentions alone and the named-entity model (the costliest component) is
    not run.
    """
    for k, t in enumerate(span):
        if t.is_alpha and t.text[0].isupper():
            if _known(gaz, fold(t.text)):
                continue
            if k == 0 and t.text.lower() in STOP_WORDS:
                continue
            return True
    return False


def sentence_tier(span: Span, gaz: Gazetteer) -> int:
    """What a sentence needs of the spaCy pipeline (flags; see ``pipe_bodies``).

    A possible event gets the parser; a sentence with a capitalized word the gazetteer does not
    know gets the named-entity model, so people are found in any sentence; a sentence with
    neither only needs its tokens, which the gazetteer matches.
    """
    flags = TOKENS
    if event_possible(span, gaz):
        flags |= PARSE
    if has_name(span, gaz):
        flags |= NAMES
    return flags


def parse_tier(gaz: Gazetteer) -> Callable[[Span], int]:
    """The sentence tier :func:`etl.transforms.nlp.pipe_bodies` takes."""
    return functools.partial(sentence_tier, gaz=gaz)
