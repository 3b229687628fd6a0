"""A small language identifier: script detection, then stop-word profiles for Latin-script text.

``detect_language`` returns an ISO 639-1 code or None when the text is too short or matches no
profile well enough. It is meant for whole articles (a paragraph or more), not for single words.

* Non-Latin scripts are decided by the share of letters in each script (Arabic, Cyrillic, Greek,
  Hebrew, CJK, Hangul, Devanagari, Thai); a few letters specific to Persian/Urdu or Ukrainian
  refine the Arabic- and Cyrillic-script guesses.
* Latin-script text is scored against short lists of very frequent function words per language:
  the share of tokens that belong to each list. Function words are what every text in a language
  uses whatever its topic, so a few dozen tokens are enough to separate fr/en/es/pt/it/de/nl/...
"""

from __future__ import annotations

import re

from etl.transforms.reference import rows
from etl.transforms.text import fold_tokens

__all__ = ["FUNCTION_WORDS", "detect_language", "function_word_ratio"]


def _load_function_words() -> dict[str, frozenset[str]]:
    by_language: dict[str, set[str]] = {}
    for row in rows("function_words.tsv"):
        by_language.setdefault(row["language_code"], set()).add(row["word"])
    return {code: frozenset(words) for code, words in by_language.items()}


# Most frequent function words (articles, prepositions, pronouns, auxiliaries, conjunctions) per
# language, keyed in the order the file lists the languages. Words shared by several languages
# are fine: the score is a ratio and the winner needs a margin.
FUNCTION_WORDS: dict[str, frozenset[str]] = _load_function_words()

_TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_TOKENS = 4
_MIN_HITS = 2
_MAX_CHARS = 20_000

# Unicode block ranges of scripts that identify a language (or a small family) on their own.
_SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    (
        "ar",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    ("ru", ((0x0400, 0x052F),)),
    ("el", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("he", ((0x0590, 0x05FF),)),
    ("hi", ((0x0900, 0x097F),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("ko", ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F))),
    ("ja", ((0x3040, 0x30FF),)),
    ("zh", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))),
)
_PERSIAN_LETTERS = frozenset("پچژگک")
_URDU_LETTERS = frozenset("ٹڈڑںےۓ")
_UKRAINIAN_LETTERS = frozenset("ієїґІЄЇҐ")


def _script_of(ch: str) -> str | None:
    cp = ord(ch)
    for code, ranges in _SCRIPTS:
        for lo, hi in ranges:
            if lo <= cp <= hi:
                return code
    return None


def _tokens(text: str) -> list[str]:
    folded = fold_tokens(text)
    return _TOKEN_RE.findall(folded)


def function_word_ratio(text: str, language: str | None = None) -> float:
    """Share of the words of ``text`` that are function words (of ``language``, or of any)."""
    words = _tokens(text)
    if not words:
        return 0.0
    if language is not None:
        vocab = FUNCTION_WORDS.get(language, frozenset())
    else:
        vocab = _ALL_FUNCTION_WORDS
    return sum(1 for w in words if w in vocab) / len(words)


_ALL_FUNCTION_WORDS: frozenset[str] = frozenset().union(*FUNCTION_WORDS.values())


def _detect_script(text: str) -> str | None:
    """The language implied by a non-Latin script when it dominates the letters, else None."""
    counts: dict[str, int] = {}
    n_letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        n_letters += 1
        if ord(ch) < 0x0370:  # Latin (basic, supplement, extended) and IPA
            continue
        script = _script_of(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if n_letters == 0 or not counts:
        return None
    # Japanese mixes kana with Han characters: any substantial kana means Japanese.
    if counts.get("ja", 0) >= max(3, 0.1 * n_letters):
        return "ja"
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if script == "ja":
        script = "zh" if counts.get("zh", 0) else "ja"
    if n < 0.5 * n_letters:
        return None
    letters = set(text)
    if script == "ar":
        if letters & _URDU_LETTERS:
            return "ur"
        if letters & _PERSIAN_LETTERS:
            return "fa"
    if script == "ru" and letters & _UKRAINIAN_LETTERS:
        return "uk"
    return script


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``; None when there is too little evidence."""
    if not text or not text.strip():
        return None
    sample = text[:_MAX_CHARS]
    letters = sum(1 for ch in sample if ch.isalpha())
    if letters < 8:
        return None
    script = _detect_script(sample)
    if script is not None:
        return script
    words = _tokens(sample)
    if len(words) < _MIN_TOKENS:
        return None
    scores: dict[str, int] = {}
    for code, vocab in FUNCTION_WORDS.items():
        scores[code] = sum(1 for w in words if w in vocab)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, best_hits = ranked[0]
    runner_hits = ranked[1][1] if len(ranked) > 1 else 0
    if best_hits < _MIN_HITS or best_hits < 0.1 * len(words):
        return None
    if best_hits == runner_hits:
        return None
    return best
