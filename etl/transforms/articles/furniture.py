"""Web furniture: which kind of page furniture a block is (teaser, sidebar heading, comment form,
share/follow widget, caption, copyright line, byline, date line, breadcrumb, consent banner ...),
or None for ordinary text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from etl.transforms.articles.model import Block
from etl.transforms.articles.normalize import BULLETS, WORD_TOKEN_RE, core_text
from etl.transforms.articles.vocabulary import (
    CONNECTORS,
    CONSENT_TERMS,
    CONSENT_WORDS,
    RISKY_TEASERS,
    SHARE_WORDS,
    SIDEBAR_HEADINGS,
    TEASER_PREFIXES,
    UI_WORDS,
)
from etl.transforms.dates import find_date_mentions
from etl.transforms.text import fold_match

_SIDEBAR_PREFIX_RE = re.compile(
    r"^(?:(?:les )?plus (?:lus|lues|partages|commentes|populaires)|autres (?:infos|articles|"
    r"actualites)|dans la meme (?:rubrique|categorie|section)|articles? (?:similaires|lies|"
    r"connexes)|vous aimerez|vous pourriez (?:aussi )?aimer|recommande(?:s)? pour vous|more from|"
    r"you (?:may|might) also like|tags?\s*:|mots[- ]cles\s*:)"
)

# The first listed prefix that matches is the one captured: longer forms come first in the file.
_TEASER_RE = re.compile(rf"^(?P<prefix>{'|'.join(map(re.escape, TEASER_PREFIXES))})\b(?P<rest>.*)$")

_COMMENT_RE = re.compile(
    r"^(?:(?:laisse[rz]|ajoute[rz]|poste[rz]|publie[rz]|ecrire|redige[rz]|donne[rz])"
    r"(?: un| une| votre| ton| vos)? (?:commentaire|avis|reponse|reaction)s?\b|"
    r"leave a (?:reply|comment)\b|(?:post|add|write) a comment\b|nouveau commentaire\b|"
    r"votre adresse (?:e-?mail|electronique|de messagerie|mail) ne sera pas publiee|"
    r"your email address will not be published|annuler la reponse$|cancel reply$|"
    r"vous devez etre connecte|you must be logged in|"
    r"(?:connectez-vous|identifiez-vous|inscrivez-vous) pour (?:commenter|reagir)|"
    r"(?:\d+|une|un|one) (?:reflexions?|reponses?|responses?|thoughts?|commentaires?|comments?)"
    r" (?:au sujet de|sur|a|on|to)\b|"
    r"(?:commentaires?|comments?|reactions?|reagir|reagissez)\s*:?$)"
)

_COUNTER_RE = re.compile(
    r"^(?:\d+\s*(?:commentaires?|comments?|reactions?|avis|vues?|views?|partages?|shares?|"
    r"likes?|j'aime|lectures?)|(?:commentaires?|comments?|vues?|views?|partages?|shares?)"
    r"\s*:?\s*\(?\d+\)?)\s*$"
)

_UI_RES = tuple(
    re.compile(p)
    for p in (
        r"^temps de lecture\b",
        r"^(?:duree|temps) de lecture\b",
        r"^\d+\s*(?:min|mn|minutes?)\.?\s*(?:de lecture|read|lecture)?$",
        r"^lecture\s*:?\s*\d+\s*(?:min|mn)",
        r"\b\d+\s*min(?:ute)?s? read$",
        r"^(?:partager|partagez|share)(?: (?:cet|cette|this|l'article|sur|on|via))?\b.{0,40}$",
        r"^(?:cet article|cette page|ce contenu|la suite de cet article) est reserve",
        r"reserve(?:e|s)? aux abonnes",
        r"il vous reste \d+\s*%",
        r"^(?:a[+-]?\s*){2,}$",  # font-size widget "A A A"
        r"^(?:vous|you) (?:avez|have) (?:atteint|reached)\b",
        r"^(?:ecouter|listen)\b.{0,30}$",
        r"^(?:mis a jour|modifie|publie)\s*(?:le|on)?\s*:?$",
    )
)

# "Suivez-nous sur ...", "Rejoignez notre chaîne WhatsApp": calls to follow, at any length.
_FOLLOW_RES = (
    re.compile(r"^suivez(?:-nous| nous|-moi)?\b.{0,160}\b(?:sur|on|via)\b"),
    re.compile(
        r"^(?:rejoignez|join|abonnez-vous|inscrivez-vous|subscribe|follow|telechargez)\b.{0,160}"
        r"\b(?:chaine|groupe|channel|whatsapp|telegram|newsletter|facebook|twitter|instagram|"
        r"youtube|tiktok|application|app)\b"
    ),
)

_CAPTION_START_RE = re.compile(
    r"^(?:credits? photos?|credit|photo|photos|image|illustration|legende|caption|"
    r"photo d'illustration|photo d'archives?)\s*(?:\(s\))?\s*[:©/-]"
)

_CAPTION_ANY_RE = re.compile(
    r"\((?:photos?|credits?|images?|illustration)\b[^)]{0,80}\)\s*$|"
    r"\bphotos? d'(?:illustration|archives?)\b|"
    r"/\s*(?:afp|reuters|ap|epa|getty images?|shutterstock|istock|sipa|anadolu)\s*$|"
    r"\b(?:afp|reuters|getty) (?:photo|images?)\b"
)

_COPYRIGHT_START_RE = re.compile(r"^(?:©|\(c\)\s|copyright\b)")

_RIGHTS_RE = re.compile(r"tous droits reserves|all rights reserved|droits de reproduction")

_SOURCE_RE = re.compile(r"^sources?\s*:\s*\S")

_COOKIE_RE = re.compile(
    r"accept|consent|parametr|navigat|politique|policy|privacy|confidentialit|refus|personnalis|"
    r"vos choix|your choices|preferences|partenaires|partners|audience|traffic|statisti|"
    r"vie privee|publicit|advertis"
)

# A consent banner speaks to the reader or for the site ("vous acceptez", "ce site utilise",
# "we use"); a story paragraph about cookies does not.
_BANNER_RE = re.compile(
    r"\b(?:vous|votre|vos|you|your|nous utilisons|we use|ce site|notre site|this site|"
    r"our site|this website|our website)\b"
)

_BYLINE_RE = re.compile(
    r"^(?:par|by|auteurs?|authors?|r[ée]dig[ée]e?s? par|[ée]crit par|publi[ée]e? par|"
    r"posted by|written by|propos recueillis par|sign[ée] par)\s*[:\-–]?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)

_BYLINE_CUT_RE = re.compile(
    r"\s+(?:le|on|the|publi\w*|mis à jour|mise à jour|updated|posted|à|at|-|–|—|\||•|·|/)\s+|"
    r"\s*[,;(|•·]\s*|\s+[-–—]\s*$",
    re.IGNORECASE,
)

_NEWSROOM_RE = re.compile(r"^(?:la |the )?(?:r[ée]daction|newsroom|staff|editorial)\b", re.I)

# Relative time stamps of the meta zone ("Il y a 3 heures", "2 hours ago"): meta, never a date.
_RELATIVE_STAMP_RE = re.compile(
    r"^(?:(?:publie|mis a jour|posted|updated)\s*:?\s*)?(?:il y a|depuis|since)\s+(?:\d+|un|une)"
    r"\s*(?:s|sec|secondes?|mn|min|minutes?|h|heures?|j|jours?|semaines?|mois|ans?)\b|"
    r"^(?:(?:posted|updated)\s+)?(?:\d+|an|a)\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|"
    r"months?)\s+ago$|"
    r"^(?:(?:publie|mis a jour|posted|updated)\s*:?\s*)?(?:aujourd'hui|hier|today|yesterday)"
    r"(?:\s*(?:a|at)?\s*\d{1,2}\s*[h:]\s*\d{0,2})?$"
)

BREADCRUMB_SPLIT_RE = re.compile(r"\s*[>»›/|]\s*")

HARD_END = frozenset({"sidebar", "comments", "copyright"})

LIGHT_FURNITURE = frozenset({"teaser", "caption", "ui", "counter"})


def is_furniture_line(text: str) -> bool:
    """A cheap check used before grouping: lines that must stay on their own."""
    core = core_text(fold_match(text))
    return bool(
        _TEASER_RE.match(core)
        or _COMMENT_RE.match(core)
        or core in SIDEBAR_HEADINGS
        or core in UI_WORDS
        or _BYLINE_RE.match(text.lstrip(BULLETS))
    )


def _byline_author(text: str) -> str | None:
    m = _BYLINE_RE.match(text.lstrip(BULLETS))
    if m is None:
        return None
    rest = m.group("rest")
    try:
        mentions = find_date_mentions(rest)
    except Exception:
        mentions = []
    if mentions:
        rest = rest[: mentions[0].char_start]
    rest = _BYLINE_CUT_RE.split(rest, maxsplit=1)[0].strip(" .:-–—")
    if not rest:
        return None
    if _NEWSROOM_RE.match(rest) and len(rest.split()) <= 4:
        return rest
    tokens = rest.split()
    if not 1 <= len(tokens) <= 6 or len(rest) > 60:
        return None
    first = tokens[0]
    if not (first[0].isupper() or first[0].isdigit()):
        return None
    for tok in tokens:
        low = fold_match(tok)
        if low in CONNECTORS or low.startswith(("d'", "l'")):
            continue
        if not (tok[0].isupper() or tok[0].isdigit()):
            return None
        if tok.rstrip(".")[-1:] in "!?":
            return None
    return rest


_TICKER_MAX_WORDS = 30
_TICKER_SEP_RE = re.compile(r"\s[◆◇●■▪►▶•·|]\s|\s{2,}[◆◇●■▪►▶•·|]")


def _is_ticker(text: str) -> bool:
    """A run of short headlines on one line ("EN CONTINU ◆ A ◆ B ◆ C"), as news tickers and
    related-story strips are saved: three or more short segments between list separators."""
    parts = [p for p in _TICKER_SEP_RE.split(text) if re.search(r"[^\W\d_]", p)]
    if len(parts) < 3:
        return False
    sizes = [len(p.split()) for p in parts]
    # A wire lede keeps its place, source and date between bars ("Sydney | AFP | mercredi
    # 12/04/2022 - L'Australie a demandé ..."): a segment as long as a paragraph is no headline.
    return sum(sizes) / len(sizes) <= 16 and max(sizes) <= _TICKER_MAX_WORDS


def classify(b: Block) -> Block:
    """``b`` with its web-furniture kind (None for ordinary text) and a byline's author."""
    if _is_ticker(b.text):
        return replace(b, kind="ticker")
    if b.n_words <= 15 and not (b.ends_sentence and b.has_verb):
        author = _byline_author(b.text)
        if author is not None:
            return replace(b, kind="byline", author=author)
    if b.is_date_line:
        # "Posted on April 24, 2025 by Jane Doe", "Publié le 3 mars 2024 par Awa Diallo"
        by = re.search(r"\b(?:par|by)\s", b.text, re.IGNORECASE)
        author = None if by is None else _byline_author(b.text[by.start() :])
        return replace(b, kind="date", author=author)
    return replace(b, kind=_furniture_kind(b))


def _furniture_kind(b: Block) -> str | None:
    """The kind of a block that is no ticker, byline or date line, or None for ordinary text."""
    core = b.core
    if not b.has_letters:
        return "ui"
    if b.n_words <= 8 and _RELATIVE_STAMP_RE.match(core):
        return "date"
    short = b.n_words <= 12
    if short and _COUNTER_RE.match(core):
        return "counter"
    if b.n_words <= 25 and _COMMENT_RE.match(core):
        return "comments"
    sidebar = core in SIDEBAR_HEADINGS or _SIDEBAR_PREFIX_RE.match(core)
    if sidebar and b.n_words <= 8 and not b.ends_sentence:
        return "sidebar"
    teaser = _teaser_kind(b)
    if teaser is not None:
        return teaser
    if b.n_words <= 40:
        if _COPYRIGHT_START_RE.match(core):
            has_rights = re.search(r"\d{4}|droits|rights|reserv", core)
            return "copyright" if has_rights else "caption"
        if b.n_words <= 25 and _RIGHTS_RE.search(core):
            return "copyright"
        if "©" in b.text or _CAPTION_START_RE.match(core) or _CAPTION_ANY_RE.search(core):
            return "caption"
    if b.n_words <= 10 and _SOURCE_RE.match(core):
        return "source"
    cookie = "cookie" in core or "traceur" in core
    if b.n_words <= 40 and cookie and _COOKIE_RE.search(core) and _BANNER_RE.search(core):
        return "ui"  # a consent banner
    if b.n_words <= 8 and _consent_heading(core):
        return "ui"
    if short:
        if core in UI_WORDS or any(r.search(core) for r in _UI_RES):
            return "ui"
        tokens = WORD_TOKEN_RE.findall(core)
        if tokens and sum(1 for t in tokens if t in SHARE_WORDS) >= 0.6 * len(tokens):
            return "ui"
    if b.n_words <= 25 and any(r.search(core) for r in _FOLLOW_RES):
        return "ui"
    if _is_breadcrumb(b):
        return "breadcrumb"
    return None


def _teaser_kind(b: Block) -> str | None:
    m = _TEASER_RE.match(b.core)
    if m is None:
        return None
    prefix, rest = m.group("prefix"), m.group("rest")
    rest_core = rest.strip(" :-–—|>»›.")
    if not rest_core:
        return "teaser_heading" if b.n_words <= 6 else None
    has_sep = bool(re.match(r"\s*[:\-–—|>»›]", rest))
    if has_sep:
        return "teaser"
    if prefix in RISKY_TEASERS:
        return None
    if b.n_words <= 30 and not b.ends_sentence:
        return "teaser"
    return "teaser" if b.n_words <= 30 and b.stop_ratio < 0.45 else None


def _consent_heading(core: str) -> bool:
    tokens = WORD_TOKEN_RE.findall(core)
    return (
        bool(tokens)
        and any(t in CONSENT_TERMS for t in tokens)
        and all(t in CONSENT_WORDS for t in tokens)
    )


# "Politique / Afrique centrale", "Monde > Europe": a two-level section path (spaced separator).
_TWO_LEVEL_PATH_RE = re.compile(r"^([^>»›/|]+?)\s+[>»›/]\s+([^>»›/|]+)$")


def _is_breadcrumb(b: Block) -> bool:
    if b.n_words > 15:
        return False
    parts = [p for p in BREADCRUMB_SPLIT_RE.split(b.text) if p]
    if len(parts) < 2 or any(len(p.split()) > 5 for p in parts):
        return False
    if len(parts) >= 3 or fold_match(parts[0]) in {"accueil", "home"}:
        return True
    m = _TWO_LEVEL_PATH_RE.match(b.text)
    if m is None:
        return False
    for part in m.groups():
        words = part.split()
        if not 1 <= len(words) <= 4 or re.search(r"[\d:;,.!?«»\"“”()]", part):
            return False
        if not words[0][0].isupper():
            return False
    return True
