"""The words page furniture and article metadata are recognised by.

General web conventions, not page-specific: the long lists are reviewed data in ``etl/data/``
(``article_*.tsv``, folded like the text they are compared with); month and weekday names come from
CLDR through :mod:`etl.transforms.text`.
"""

from __future__ import annotations

import re

from etl.transforms.language import FUNCTION_WORDS
from etl.transforms.reference import rows, word_list, word_set
from etl.transforms.text import fold, fold_match, month_names, weekday_names

# Function words of every language the detector knows, folded: a block's stop-word density.
STOPWORDS: frozenset[str] = frozenset(fold_match(w) for ws in FUNCTION_WORDS.values() for w in ws)

# Finite-verb cues, matched on lower-case words WITH accents ("a" is a verb, "à" is not).
VERB_CUES: frozenset[str] = word_set("article_verb_cues.tsv")

# Lower-case words allowed inside a capitalised name ("Awa de la Tour", "Courrier du Fleuve").
CONNECTORS: frozenset[str] = word_set("article_name_connectors.tsv")

# Headings that open a sidebar or footer list ("Les plus lus", "Articles similaires", "Tags").
SIDEBAR_HEADINGS: frozenset[str] = word_set("article_sidebar_headings.tsv")

# Teaser prefixes ("À lire aussi", "Voir aussi", ...), in the order a regex should try them.
TEASER_PREFIXES: tuple[str, ...] = word_list("article_teaser_prefixes.tsv")
# Prefixes that also start ordinary sentences: a teaser only with a separator after them.
RISKY_TEASERS = frozenset(
    {
        "a lire",
        "a voir",
        "a ecouter",
        "a regarder",
        "a decouvrir",
        "en savoir plus",
        "read more",
        "related",
        "notre dossier",
        "notre article",
        "nos articles",
        "relire",
    }
)

# Whole blocks that are a button, a link or a label of the page's interface ("Partager", "Menu").
UI_WORDS: frozenset[str] = word_set("article_ui_words.tsv")
# Words of share/follow strips ("Facebook Twitter WhatsApp", "Partager sur X").
SHARE_WORDS: frozenset[str] = word_set("article_share_words.tsv")

# Headings of consent banners and privacy panels ("Gestion des cookies", "Nous respectons votre
# vie privée", "Cookie settings"): every word is consent-banner vocabulary, one is a consent term.
CONSENT_TERMS = frozenset(
    {
        "cookie",
        "cookies",
        "traceurs",
        "consentement",
        "consent",
        "privee",
        "privacy",
        "rgpd",
        "gdpr",
        "confidentialite",
    }
)
CONSENT_WORDS: frozenset[str] = CONSENT_TERMS | word_set("article_consent_words.tsv")

PHOTO_AGENCIES = frozenset(
    {
        "dr",
        "d.r.",
        "droits reserves",
        "afp",
        "reuters",
        "ap",
        "epa",
        "getty",
        "getty images",
        "sipa",
        "shutterstock",
        "istock",
        "anadolu",
        "maxppp",
        "abaca",
        "xinhua",
        "tass",
        "ria novosti",
    }
)

# News agencies as they sign their copy ("(AFP)", "PARIS (Reuters) -", a last line "Belga").
AGENCY_CREDITS: tuple[str, ...] = tuple(
    sorted(word_list("article_agency_credits.tsv", "credit"), key=lambda c: (-len(c), c))
)
# One alternation of them, longest first, for the patterns that find a credit.
AGENCY_ALTERNATION = "|".join(re.escape(c) for c in AGENCY_CREDITS)
# A paragraph's last words that sign it: "... a-t-il dit. AFP", "...officielle.AFP", "JN/fss/APA".
TAIL_CREDIT_RE = re.compile(rf"(?:[.!?»\"”)]\s*|/)(?P<credit>{AGENCY_ALTERNATION})\.?$")

# Office holders of the reviewed list, folded: a name that closes a story is a signature only
# when it is not one of theirs (a tag or a related link often names a minister).
PUBLIC_FIGURES: frozenset[str] = frozenset(
    fold_match(name)
    for r in rows("office_holders_fr.tsv")
    for name in (r["name"], *r["aliases"].split("|"))
    if name
)

# Links of a site's footer strip ("Mentions légales", "Contact", "Privacy policy").
FOOTER_LINKS: frozenset[str] = word_set("article_footer_links.tsv")

DATE_LOCALES = ("fr", "en")


def _names(kind: str, widths: tuple[str, ...]) -> tuple[str, ...]:
    """Folded CLDR month or weekday names of the date locales, without abbreviation dots."""
    get = month_names if kind == "month" else weekday_names
    return tuple(
        fold(name).rstrip(".")
        for loc in DATE_LOCALES
        for width in widths
        for name in get(loc, width)
    )


WEEKDAY_WORDS: frozenset[str] = frozenset(_names("weekday", ("wide", "abbreviated")))
# Words a date line may hold besides its date ("Publié le", "Mis à jour à 10h", weekdays).
DATE_LINE_WORDS: frozenset[str] = word_set("article_date_line_words.tsv") | WEEKDAY_WORDS

# The news agencies and outlets of the organization list: a date line may carry its source
# ("Agence France-Presse 27 décembre 2024 à 18h14"). Longest first, for one alternation.
MEDIA_NAMES: tuple[str, ...] = tuple(
    sorted(
        {
            fold_match(name)
            for r in rows("organizations_fr.tsv")
            if r["kind"] == "media"
            for name in (r["canonical_name"], *r["aliases"].split("|"))
            if name
        },
        key=lambda n: (-len(n), n),
    )
)

# Words that may precede a dateline's date besides the place ("Bamako, le 1er août 2024 –").
DATELINE_PREFIX_WORDS: frozenset[str] = word_set("article_dateline_prefix_words.tsv")


def month_words(locale: str) -> tuple[str, ...]:
    """The twelve folded month names of a locale, January first."""
    return tuple(fold(name) for name in month_names(locale, "wide"))


# What a line opening on a date starts with (a longer word with the same start counts too):
# CLDR's abbreviated month names, the print abbreviation "fev", and full weekday names.
DATE_START_PREFIXES: tuple[str, ...] = (
    *dict.fromkeys(_names("month", ("abbreviated",))),
    "fev",
    *_names("weekday", ("wide",)),
)
