"""Every text folding Dyad uses, in one place.

They differ on purpose; each says what it keeps:

* :func:`fold` — accent- and case-insensitive form of a word, used to look words up in the
  gazetteer ("Côte" -> "cote", "ÉTATS" -> "etats").
* :func:`person_key` — a much more aggressive folding of a person's name that collapses the usual
  French/English transliteration variants of the same name ("Sergueï"/"Sergey"/"Serguei",
  "Belooussov"/"Belousov", "Poutine"/"Putin", "Goïta"/"Goita") into one key. It is only used to
  build stable person ids and to compare names; it is never shown to a user.
* :func:`fold_offsets` — one output character per input character, so offsets found in the
  folded text index the original (date patterns).
* :func:`fold_match` — casefold, accents and typographic apostrophes made plain (page furniture).
* :func:`fold_tokens` — NFC casefold, for counting function words (language detection).
* :func:`fold_label` — case-, accent- and spacing-insensitive form of a name or title (evaluation).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Literal

# Widths of CLDR month and day names.
Width = Literal["abbreviated", "narrow", "wide"]

APOSTROPHES = "'’‘ʼ`´"
_APOS_RE = re.compile(f"[{APOSTROPHES}]")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# Letters that NFKD does not decompose into an ASCII base letter + combining marks.
_SPECIAL = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
    }
)


def strip_accents(text: str) -> str:
    """Remove diacritics, keeping case: "Côte d’Ivoire" -> "Cote d’Ivoire"."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Folding runs on every token several times (gate, gazetteer, roles); words repeat, so a bounded
# cache makes the repeats a dictionary lookup.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word or phrase ("États-Unis" -> "etats-unis")."""
    return strip_accents(text).lower()


def words(text: str) -> list[str]:
    """The maximal runs of letters/digits of ``text`` (hyphens and apostrophes separate words)."""
    return _WORD_RE.findall(text)


@functools.lru_cache(maxsize=1 << 16)
def folded_words(text: str) -> tuple[str, ...]:
    """``words(text)`` folded: the key the gazetteer indexes surface forms by."""
    return tuple(fold(w) for w in words(text))


def slugify(text: str) -> str:
    """ASCII slug of a name: "Alliance des États du Sahel" -> "alliance-des-etats-du-sahel"."""
    return "-".join(folded_words(text))


# Ordered rewrite rules of person_key; each applies to a single lowercase ASCII word.
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"tch", "ch"),  # Tchékhov / Chekhov (after sh->ch below this also meets "sh")
        (r"sh", "ch"),  # Shoigu / Choïgou
        (r"zh", "j"),  # Zhukov / Joukov
        (r"dj", "j"),  # Djibril / Jibril
        (r"kh", "h"),  # Khalifa / Halifa
        (r"(?<=.)x", "ks"),  # Alexeï / Aleksei (not Xi)
        (r"ph", "f"),
        (r"w", "v"),  # Volodymyr / Wolodymyr; Wagner-type German spellings
        (r"y", "i"),  # Sergey / Sergueï (after folding ï -> i)
        (r"c(?=[aou])|ck|q(?:u)?", "k"),  # Mikhaïl / Mickhail, Qassem / Kassem
        (r"gu(?=[ei])", "g"),  # Sergueï / Sergei
    )
)
_DOUBLE_RE = re.compile(r"(.)\1+")
_OU_RE = re.compile(r"ou")
_FINAL_E_RE = re.compile(r"(?<=[^aeiou])e$")


def _key_word(word: str) -> str:
    w = fold(word)
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return ""
    for pattern, repl in _TRANSLIT_RULES:
        w = pattern.sub(repl, w)
    w = _DOUBLE_RE.sub(r"\1", w)  # Belooussov -> Belousov, Mohammed -> Mohamed
    w = _OU_RE.sub("u", w)  # Poutine / Putin, Abdoulaye / Abdulaye
    w = _DOUBLE_RE.sub(r"\1", w)
    if len(w) > 3:
        # "Poutine" / "Putin"; also "é", since accents are often dropped ("Kouyaté" / "Kouyate").
        w = _FINAL_E_RE.sub("", w)
    return w


# Particles of names that are not informative for identity ("al-Burhan" / "Burhane").
NAME_PARTICLES = frozenset(
    {"al", "el", "ag", "ould", "ben", "bin", "ibn", "de", "du", "da", "van", "von", "der", "le"}
)


# Names repeat across mentions and the office-holder list is scanned by key: cached as fold is.
@functools.lru_cache(maxsize=1 << 16)
def person_key_words(name: str) -> tuple[str, ...]:
    """The folded words of a person's name (particles dropped unless the name is only particles)."""
    raw = [w for w in words(name) if w]
    keyed = [_key_word(w) for w in raw]
    kept = tuple(k for w, k in zip(raw, keyed, strict=True) if k and fold(w) not in NAME_PARTICLES)
    return kept or tuple(k for k in keyed if k)


def person_key(name: str) -> str:
    """Transliteration-insensitive key of a name: "Sergueï Lavrov" -> "sergei-lavrov".

    Used as the slug of ``person:<key>`` entity ids, so it must not depend on anything but the name.
    """
    return "-".join(person_key_words(name))


def is_title_word(word: str) -> bool:
    """A capitalised word with at least one lowercase letter ("Goïta", "McCain"; not "ONU")."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper() and any(c.islower() for c in letters)


def is_all_caps(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def normalize_apostrophes(text: str) -> str:
    return _APOS_RE.sub("'", text)


_SPACE_LIKE = frozenset("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t")
_APOSTROPHE_LIKE = frozenset("\u2019\u2018\u02bc\u00b4`")
_HYPHEN_LIKE = frozenset("\u2010\u2011")


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One folded character for one input character, so offsets survive folding."""
    if char in _SPACE_LIKE:
        return " "
    if char in _APOSTROPHE_LIKE:
        return "'"
    if char in _HYPHEN_LIKE:
        return "-"
    if char.isascii():
        return char.lower()
    # NFKD splits "é" into "e" + accent and turns "ᵉʳ" (as in "1ᵉʳ") into "er".
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return base.lower()[:1] or base


def fold_offsets(text: str) -> str:
    """Lower case without accents, same length as ``text``: offsets carry over."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


_COMBINING_RE = re.compile(r"[\u0300-\u036f]+")


def fold_match(text: str) -> str:
    """Lower case, accents stripped, typographic apostrophes made ASCII (for matching only)."""
    text = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    if text.isascii():
        return text.casefold()
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text)).casefold()


def fold_tokens(text: str) -> str:
    """NFC, casefolded, with typographic apostrophes made ASCII (accents kept)."""
    return unicodedata.normalize("NFC", text).casefold().replace("’", "'")


def fold_label(text: str | None) -> str:
    """Case-, accent- and spacing-insensitive form for comparing names and titles."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("’", "'").replace("‘", "'")
    return " ".join(bare.lower().split()).strip(" .")


@functools.cache
def month_names(locale: str = "fr", width: Width = "wide") -> tuple[str, ...]:
    """The twelve month names of a locale from CLDR, January first, lower case."""
    from babel.dates import get_month_names

    names = get_month_names(width, locale=locale)
    return tuple(str(names[m]).lower() for m in range(1, 13))


@functools.cache
def weekday_names(locale: str = "fr", width: Width = "wide") -> tuple[str, ...]:
    """The seven day names of a locale from CLDR, Monday first (``date.weekday()`` order)."""
    from babel.dates import get_day_names

    names = get_day_names(width, locale=locale)
    return tuple(str(names[d]).lower() for d in range(7))
