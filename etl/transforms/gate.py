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
from collections.abc import Callable, Iterable, Iterator

from spacy.lang.fr.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from etl.transforms.events.obliged import OBLIGATION
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import trigger_lexicon
from etl.transforms.nlp import NAMES, PARSE, TOKENS, pipe_bodies
from etl.transforms.reference import rows
from etl.transforms.text import fold, folded_words

# Irregular verb families, first matching ending wins: lemma ending -> replacement stems
# (folded). Each family is a pattern of French conjugation, so it covers every verb built on it
# (remettre, soumettre, permettre...).
_IRREGULAR: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (r["ending"], tuple(r["stems"].split("|"))) for r in rows("verb_families_fr.tsv")
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
    """Folded word starts that may be an inflected trigger of the lexicon, or an obligation
    stated as a demand ("doit cesser"). A verb of saying that codes only when it addresses a
    required word ("a expliqué à son homologue") is looked for by that word: news sentences
    nearly all have a verb of saying."""
    lexicon = trigger_lexicon()
    keys = [k for k, trigs in lexicon.items() if not all(t.addressee for t in trigs)]
    keys.append((OBLIGATION.lemma, OBLIGATION.pos))
    words = {w for trigs in lexicon.values() for t in trigs if t.addressee for w in t.requires}
    stems = stems_for([*keys, *((w, "NOUN") for w in sorted(words))])
    return re.compile("|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)))


# Lowercase words that can stand for states ("les deux pays", "les trois gouvernements").
_GROUP_WORDS = frozenset(
    {"pays", "etats", "nations", "gouvernements", "capitales", "armees", "voisins", "allies"}
)


def _known(gaz: Gazetteer, word: str) -> bool:
    """A folded word that starts a gazetteer name or a role phrase."""
    if len(word) < 2:
        # An initial ("A. K. Abdul Momen") opens a name only with its dot and capital; alone, "a"
        # and "y" are words of every sentence.
        return False
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


def _name_end(span: Span, k: int, gaz: Gazetteer) -> int:
    """Index of the last token of the longest gazetteer name starting at ``k``, or -1."""
    words: tuple[str, ...] = ()
    end = -1
    for j in range(k, len(span)):
        words += tuple(folded_words(span[j].text))
        if words not in gaz.key_prefixes:
            break
        if words in gaz.index:
            end = j
    return end


def name_anchors(span: Span, gaz: Gazetteer) -> list[int]:
    """Positions (within ``span``) of capitalized words (hyphenated ones too) that are not part
    of a gazetteer name ("Bah" alone is unknown; in "Bah N'Daw" it is known) nor a role word; a
    sentence's first word only if it is not a function word."""
    anchors = []
    first = True  # the sentence's first word, after any opening quote or dash
    known_until = -1
    for k, t in enumerate(span):
        text = t.text
        if not text.replace("-", "").replace("'", "").replace("’", "").isalpha():
            continue
        was_first, first = first, False
        if k > known_until:
            known_until = _name_end(span, k, gaz)
        if not text[0].isupper() or (was_first and text.lower() in STOP_WORDS):
            continue
        if k <= known_until or tuple(folded_words(text)[:1]) in gaz.role_key_prefixes:
            continue
        anchors.append(k)
    return anchors


def has_name(span: Span, gaz: Gazetteer) -> bool:
    """A capitalized word the gazetteer does not know (a person, a place or an organization only
    the named-entity model can find).

    Where every capitalized word is a known country, capital, organization or role, the
    gazetteer finds the mentions alone and the named-entity model (the costliest component) is
    not run.
    """
    return bool(name_anchors(span, gaz))


# The entity model sees four tokens either side of a word (four convolution layers of window 1)
# and its transitions look at the next token and the current entity's first one. A window this
# wide around each unknown capitalized word gives it the context it would have in the whole
# sentence, so it finds the same names there (tested on real pages).
NAME_MARGIN = 8


def name_windows(span: Span, gaz: Gazetteer, margin: int = NAME_MARGIN) -> list[tuple[int, int]]:
    """Token ranges of ``span`` (relative, end exclusive, merged) that the named-entity model
    needs to see: ``margin`` tokens around each of :func:`name_anchors`."""
    windows: list[tuple[int, int]] = []
    for k in name_anchors(span, gaz):
        start, end = max(0, k - margin), min(len(span), k + margin + 1)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


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


def parse_windows(gaz: Gazetteer) -> Callable[[Span], list[tuple[int, int]]]:
    """The named-entity windows :func:`etl.transforms.nlp.pipe_bodies` takes."""
    return functools.partial(name_windows, gaz=gaz)


def pipe_gated(nlp: Language, bodies: Iterable[str], gaz: Gazetteer) -> Iterator[Doc]:
    """Bodies through :func:`etl.transforms.nlp.pipe_bodies` with this module's gate: the parser
    on possible events, the entity model on windows around unknown names. Every stage that
    parses goes through here, so they all parse alike."""
    return pipe_bodies(nlp, bodies, tier=parse_tier(gaz), windows=parse_windows(gaz))
