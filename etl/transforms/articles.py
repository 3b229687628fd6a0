"""From a scraped news page (plain text with its menus, bylines and sidebars) to an article record.

``extract_article`` is a pure function: text in, `ArticleRecord` out, no I/O, no clock.

How a page is read
==================

1. **Lines and offsets.** The raw text is split on CRLF / CR / LF (and U+2028/U+2029, VT, FF).
   Every line keeps its span in the *original* string, trimmed of surrounding blanks. Text used
   for analysis and for the body is produced by `normalize_block` from a raw span: C1 control
   characters are read as the cp1252 characters they stand for (``\\x92`` -> ``’``), no-break and
   thin spaces become spaces, zero-width characters and soft hyphens are removed, then NFC, then
   runs of whitespace collapse to one space. Because that normalization is applied to a whole raw
   span at a time, no character-level offset map is needed: for every segment,
   ``normalize_block(raw_text[s.raw_start:s.raw_end]) == body[s.body_start:s.body_end]``
   (a block made of several hard-wrapped lines has its line breaks turned into spaces).

2. **Blocks.** Consecutive non-blank lines normally are separate blocks (scrapers put one
   paragraph per line). Lines are joined into one block only when the page looks hard-wrapped
   (many lines of nearly the same maximal width) or when a line stops mid-sentence and the next
   one starts in lower case.

3. **Features per block.** Length in words; whether it ends like a sentence (``. ! ? …``, possibly
   before closing quotes); number of sentences; function-word density (articles, prepositions,
   pronouns and auxiliaries of fr/en/es/pt/it/de/nl); a finite-verb cue (auxiliaries, common
   reporting verbs, subject pronouns, imperfect/conditional endings); capitalisation; indentation;
   whether it only repeats the title or another block, or is a truncated ("…") copy of another
   block; whether it is a date line (a date expression plus only meta words such as "Publié le",
   times, weekdays); and *markers*: general web-furniture conventions (teasers such as "Lire
   aussi :", sidebar headings such as "Les plus lus", comment forms, share/follow widgets, reading
   time, photo captions and credits, copyright lines, bylines, "Source :", breadcrumbs, including
   two-level section paths such as "Politique / Afrique centrale"; consent banners, i.e. a short
   block about cookies/trackers that addresses the reader or speaks for the site, and their
   headings, made only of consent vocabulary: "Gestion des cookies", "Cookie settings").

4. **Zones.** *Running text* starts at the first substantial paragraph (a sentence-like block of
   25+ words, or of 2+ sentences and 15+ words) or at the first of two consecutive sentence
   paragraphs of 15+ words; headline/summary cards never form such a run. The *title* is found in
   the header before it: a line "<title> - <outlet>" (also |, –, —) whose title part repeats on the
   page, or that is the first headline and reads as one (its first part longer than the second and
   not in capitals: "SITE · tagline" is a masthead), else the best-scoring headline-shaped line
   (3-30 words, not a date, rubric, menu word, caption or truncated teaser), scored on: repetition
   on the page, no final period, followed by a byline/date/widget or by text, not inside running
   text, not a longer standfirst right under a shorter headline, not all capitals. The *story*
   starts at the first sentence-like block after the title (without a title: at the running text,
   extended backwards over adjacent sentences). Inside the story, sentence-like blocks are kept;
   everything else is dropped without ending the story (subheadings, inline related headlines,
   captions, teasers, share/follow widgets, date lines, repetitions of the title or of a kept
   block). The story ends for good at a sidebar/footer heading ("Recommandé pour vous", "Les plus
   lus", "AUTRES INFOS", "Articles similaires", "Tags :" ...), a comment form or a copyright line.
   A standalone teaser heading ("À lire aussi", "Sur le même sujet") or a run of three or more
   headline-shaped lines opens a *soft* footer that the story resumes from only with real
   paragraphs (a long one followed by another sentence). Finally, a tail of three or more
   "headline + one-sentence summary" pairs whose summaries are much shorter than the story's
   paragraphs is a list of other stories and is removed.

5. **Metadata.** Author from a byline ("Par X", "By X", "• Par X", "Auteur : X"). Outlet, most
   explicit statement first: the title suffix; else the page's last copyright notice ("© 2025 X",
   "Copyright © X", "X © 2024", "X © Copyright – Tous droits réservés", "X – Tous droits réservés",
   or "© X" as an item of a footer strip of links such as "Mentions légales"), read on the raw line
   split at its item separators (runs of spaces, |, ·, •, dashes), the name being a short
   capitalised proper name; a © with no year, rights phrase or footer link beside it, or with a
   caption before it, is a photo credit; else "Source : X" (it may name an agency whose copy is
   reproduced); else the masthead: a short brand-like line (or the first item of "X · tagline") at
   the top of the page, above the first menu strip and not right above the title (the rubric slot),
   that is no menu entry and comes back as a whole item below the story (footer strip, credit);
   else none. Section from a rubric or breadcrumb just above the title. The publication date is
   chosen by zone, best first: a date line or a dated byline between the title and the story (or
   among the first story blocks), preferring "Publié" over "Mis à jour"; a dateline opening one of
   the first story paragraphs ("Bamako, le 1er août 2024 – ..."); an explicit "Publié le ..." line
   after the story; last, a date line just above the title, unless it is written in another
   language than the page (a theme's "today" widget) or equals the fetch date. Dates inside story
   sentences, dates without a year and dates in the footer are never publication dates; a date
   after ``fetched_date`` is rejected.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from etl.transforms.dates import find_date_mentions, resolve_date
from etl.transforms.language import FUNCTION_WORDS, detect_language
from etl.transforms.text import fold_match
from etl.transforms.types import ArticleRecord, DateMention, ResolvedDate, Segment

__all__ = ["extract_article", "normalize_block"]


# --------------------------------------------------------------------------------------------
# Normalization
# --------------------------------------------------------------------------------------------


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x80, 0xA0):  # C1 controls: text decoded as latin-1 that was really cp1252
        try:
            table[cp] = bytes([cp]).decode("cp1252")
        except UnicodeDecodeError:
            table[cp] = None
    for cp in (0x09, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[cp] = " "
    for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD):
        table[cp] = None
    for cp in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F):
        table[cp] = None
    return table


_TRANSLATION = _build_translation()
_WS_RE = re.compile(r"\s+")
_LINE_BREAK_RE = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c]")


def normalize_block(text: str) -> str:
    """The analysis/body form of a raw span: cp1252 C1 fix-up, spaces unified, NFC, collapsed."""
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATION))
    return _WS_RE.sub(" ", text).strip()


def _is_blank_char(ch: str) -> bool:
    mapped = ch.translate(_TRANSLATION)
    return mapped == "" or mapped.isspace()


_NON_ALNUM_RE = re.compile(r"[\W_]+")


# --------------------------------------------------------------------------------------------
# Vocabularies: general web-furniture conventions and function words (not page-specific)
# --------------------------------------------------------------------------------------------


def _wordset(text: str, sep: str | None = None) -> frozenset[str]:
    """A vocabulary written as one string (split on whitespace, or on ``sep``)."""
    return frozenset(w.strip() for w in text.split(sep) if w.strip())


_STOPWORDS: frozenset[str] = frozenset(fold_match(w) for ws in FUNCTION_WORDS.values() for w in ws)

# Finite-verb cues, matched on lower-case words WITH accents ("a" is a verb, "à" is not).
_VERB_CUES: frozenset[str] = _wordset(
    """est sont était étaient sera seront serait seraient fut furent a ont avait avaient aura
    auront aurait auraient eu été fait font faisait dit disent va vont allait doit doivent
    devrait devraient peut peuvent pourrait pourraient faut reste restent semble semblent veut
    veulent estime estiment affirme affirment déclare déclarent annonce annoncent indique
    indiquent souligne soulignent explique expliquent précise précisent ajoute ajoutent rappelle
    rappellent assure assurent appelle appellent demande demandent entend entendent
    il elle ils elles on nous vous je
    is are was were be been has have had will would said says can could should did does do
    may might must he she they we"""
)
_VERB_SUFFIX_RE = re.compile(r"\w{2,}(?:aient|èrent|erait|eraient|eront|iront|irait|iraient)$")

_BULLETS = "•·▪▫◦●○■□►▶▸»>→←|*+#~=-–—_ \t"
_CLOSERS = " »”\"'’)]*"

_CONNECTORS = _wordset(
    "de du des d' la le les l' et & and of the en van von der den ben bin ibn el al da dos di y"
)

_SIDEBAR_EXACT = _wordset(
    """recommande pour vous|recommandes pour vous|recommande|nos recommandations|les plus lus|
    les plus lues|plus lus|les plus partages|les plus commentes|les plus populaires|
    articles les plus lus|le plus lu|autres infos|autres informations|autres articles|
    autres actualites|autres actus|a la une|dans la meme rubrique|dans la meme categorie|
    articles similaires|articles lies|articles connexes|articles recents|derniers articles|
    dernieres infos|dernieres informations|dernieres nouvelles|dernieres actualites|
    derniere minute|en continu|fil info|fil d'actualite|toute l'actualite|l'actualite en continu|
    vous aimerez aussi|vous aimerez peut-etre aussi|vous pourriez aussi aimer|
    vous pourriez aimer|a decouvrir egalement|nos autres articles|plus d'articles|
    plus d'actualites|ailleurs sur le web|contenus sponsorises|contenu sponsorise|
    contenus partenaires|en partenariat|also on|more stories|more news|latest news|
    latest stories|most read|most popular|popular posts|recent posts|trending|trending now|
    top stories|you may also like|you might also like|recommended|recommended for you|read next|
    related|related news|related articles|related posts|related stories|tags|mots-cles|
    mots cles|etiquettes|categories|archives|a lire sur le meme sujet""".replace("\n", ""),
    "|",
)
_SIDEBAR_PREFIX_RE = re.compile(
    r"^(?:(?:les )?plus (?:lus|lues|partages|commentes|populaires)|autres (?:infos|articles|"
    r"actualites)|dans la meme (?:rubrique|categorie|section)|articles? (?:similaires|lies|"
    r"connexes)|vous aimerez|vous pourriez (?:aussi )?aimer|recommande(?:s)? pour vous|more from|"
    r"you (?:may|might) also like|tags?\s*:|mots[- ]cles\s*:)"
)

_TEASER_RE = re.compile(
    r"^(?P<prefix>a lire aussi|a lire egalement|lire aussi|lire egalement|a voir aussi|"
    r"a voir egalement|voir aussi|voir egalement|read also|also read|see also|sur le meme sujet|"
    r"sur le meme theme|dans le meme dossier|\(re\)lire|a relire|relire|a decouvrir aussi|"
    r"decouvrir aussi|pour aller plus loin|a ecouter aussi|ecouter aussi|a regarder aussi|"
    r"lire notre|lire nos|lire l'article|a lire|a voir|a ecouter|a regarder|a decouvrir|"
    r"en savoir plus|read more|related|notre dossier|notre article|nos articles)\b(?P<rest>.*)$"
)
# Prefixes that also start ordinary sentences: a teaser only with a separator after them.
_RISKY_TEASERS = _wordset(
    "a lire|a voir|a ecouter|a regarder|a decouvrir|en savoir plus|read more|related|"
    "notre dossier|notre article|nos articles|relire",
    "|",
)

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

_UI_EXACT = _wordset(
    """menu|accueil|home|fermer|close|rechercher|recherche|search|connexion|se connecter|
    deconnexion|login|log in|sign in|inscription|s'inscrire|sign up|mon compte|s'abonner|
    abonnez-vous|subscribe|newsletter|partager|partagez|share|partager cet article|
    partagez cet article|
    share this|share this article|share on|imprimer|print|envoyer|email|e-mail|mail|tweet|
    tweeter|ecouter|ecouter l'article|ecouter cet article|listen|listen to this article|pub|
    publicite|advertisement|advertising|annonce|sponsorise|sponsored|ad|to top|back to top|
    retour en haut|retour en haut de page|haut de page|scroll to top|lire la suite|
    continuer la lecture|read more|voir plus|afficher plus|charger plus|load more|plus|suivant|
    precedent|next|previous|article suivant|article precedent|next article|previous article|
    next post|previous post|voir les commentaires|ok|accepter|j'accepte|accept|taille du texte|
    mode sombre|enregistrer|sauvegarder|favoris|video|videos|photo|photos|audio|podcast|direct|
    live|en direct|abonnes|premium|exclusif|alerte|breaking news|imprimer cet article|
    envoyer par email|copier le lien|lien copie|zoom|agrandir|diaporama|galerie""".replace(
        "\n", ""
    ),
    "|",
)
_SOCIAL = _wordset(
    """facebook twitter x whatsapp linkedin telegram email e-mail mail pinterest messenger reddit
    tumblr instagram youtube tiktok imprimer print partager share copier lien link tweet sms
    google flipboard viber snapchat threads bluesky sur on via"""
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
# Headings of consent banners and privacy panels ("Gestion des cookies", "Nous respectons votre
# vie privée", "Cookie settings"): every word is consent-banner vocabulary, one is a consent term.
_CONSENT_TERMS = _wordset(
    "cookie cookies traceurs consentement consent privee privacy rgpd gdpr confidentialite"
)
_CONSENT_WORDS = _CONSENT_TERMS | _wordset(
    """gestion gerer gerez parametres parametrer parametrez reglages preferences choix politique
    utilisation usage confidentialite vie donnees personnelles protection respect respectons
    respecte centre panneau avis information informations accepter refuser personnaliser
    de des du la le les l d vos votre mes mon nos notre nous ce site en matiere et sur a
    manage settings policy notice center choices your our we value use of and the about"""
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
_PHOTO_AGENCIES = _wordset(
    "dr|d.r.|droits reserves|afp|reuters|ap|epa|getty|getty images|sipa|shutterstock|istock|"
    "anadolu|maxppp|abaca|xinhua|tass|ria novosti",
    "|",
)
_META_WORDS = _wordset(
    """publie publiee publication le la du de a at on par by mis mise jour maj update updated
    modifie modifiee derniere dernier date posted published cree creee redige ecrit il y heure
    heures h min mn gmt utc cet cest am pm et and lecture temps l lu vu
    lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday
    saturday sunday lun mar mer jeu ven sam dim mon tue wed thu fri sat sun"""
)
_TIME_RE = re.compile(
    r"\b[tT]?\d{1,2}\s*[h:]\s*\d{0,2}(?::\d{2})?(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?\b", re.I
)
# Relative time stamps of the meta zone ("Il y a 3 heures", "2 hours ago"): meta, never a date.
_RELATIVE_STAMP_RE = re.compile(
    r"^(?:(?:publie|mis a jour|posted|updated)\s*:?\s*)?(?:il y a|depuis|since)\s+(?:\d+|un|une)"
    r"\s*(?:s|sec|secondes?|mn|min|minutes?|h|heures?|j|jours?|semaines?|mois|ans?)\b|"
    r"^(?:(?:posted|updated)\s+)?(?:\d+|an|a)\s*(?:seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|"
    r"months?)\s+ago$|"
    r"^(?:(?:publie|mis a jour|posted|updated)\s*:?\s*)?(?:aujourd'hui|hier|today|yesterday)"
    r"(?:\s*(?:a|at)?\s*\d{1,2}\s*[h:]\s*\d{0,2})?$"
)
_PUBLISH_RE = re.compile(r"\b(?:publie|publiee|publication|posted|published|paru|cree)\b")
_UPDATE_RE = re.compile(
    r"\b(?:mis a jour|mise a jour|maj|modifie|modifiee|updated|update|actualise|actualisee|"
    r"derniere modification)\b"
)
_EN_MONTHS_RE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b"
)
_FR_MONTHS_RE = re.compile(
    r"\b(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|"
    r"decembre)\b"
)
_SUFFIX_SEP_RE = re.compile(r"\s+[|\-–—•·:]{1,2}\s+")
_WORD_TOKEN_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_BREAK_RE = re.compile(r"[.!?…](?:[»”\"')\]]*)\s+(?=[«“\"(]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_BREADCRUMB_SPLIT_RE = re.compile(r"\s*[>»›/|]\s*")
# A line opening on a month or weekday name is a date line, never the end of a wrapped sentence.
_DATE_START_RE = re.compile(
    r"^(?:janv|fevr?|mars|avr|mai|juin|juil|aout|sept?|oct|nov|dec|jan|feb|mar|apr|may|jun|jul|"
    r"aug|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday)\w*\.?\s+\d|"
    r"(?:publie|mis a jour|mise a jour|modifie|posted|published|updated)\b"
)

_HARD_END = frozenset({"sidebar", "comments", "copyright"})
_LIGHT_FURNITURE = frozenset({"teaser", "caption", "ui", "counter"})


# --------------------------------------------------------------------------------------------
# Lines and blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    start: int  # trimmed span in the raw text
    end: int
    text: str  # normalized
    indent: int  # blank characters before the first visible one


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    ends = [(m.start(), m.end()) for m in _LINE_BREAK_RE.finditer(raw)]
    ends.append((len(raw), len(raw)))
    for brk_start, brk_end in ends:
        start, end = pos, brk_start
        pos = brk_end
        s = start
        while s < end and _is_blank_char(raw[s]):
            s += 1
        e = end
        while e > s and _is_blank_char(raw[e - 1]):
            e -= 1
        if s >= e:
            continue
        text = normalize_block(raw[s:e])
        if not text:
            continue
        lines.append(_Line(s, e, text, s - start))
    return lines


@dataclass(eq=False)
class _Block:
    index: int
    raw_start: int
    raw_end: int
    lines: list[str]
    text: str
    indent: int
    folded: str = ""
    core: str = ""  # folded, leading bullets and trailing colon/blanks removed
    key: str = ""  # letters and digits only, for repetition checks
    n_words: int = 0
    stop_ratio: float = 0.0
    has_verb: bool = False
    ends_sentence: bool = False
    ends_colon: bool = False
    ends_ellipsis: bool = False
    n_sentences: int = 0
    starts_upper: bool = False
    all_caps: bool = False
    has_letters: bool = False
    kind: str | None = None
    author: str | None = None
    dates: list[tuple[DateMention, ResolvedDate]] = field(default_factory=list)
    is_date_line: bool = False
    is_title_dup: bool = False
    is_prefix_dup: bool = False


# "... a-t-il déclaré. (AFP)": a short parenthetical after the final punctuation.
_TRAILING_PAREN_RE = re.compile(r"[.!?…][»”\"']?\s*\([^()]{1,30}\)$")


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(_CLOSERS)
    return bool(t) and (t[-1] in ".!?…" or bool(_TRAILING_PAREN_RE.search(text.rstrip())))


def _line_ends_open(text: str) -> bool:
    t = text.rstrip(_CLOSERS)
    return not t or t[-1] not in ".!?…:;"


def _group_blocks(raw: str, lines: list[_Line]) -> list[_Block]:
    """Join hard-wrapped lines and mid-sentence breaks into blocks; else one line per block."""
    lengths = [len(ln.text) for ln in lines]
    wrap_width = 0
    if len(lines) >= 6:
        widest = max(lengths)
        long_lines = [n for n in lengths if n >= 30]
        near = sum(1 for n in lengths if n >= widest - 12)
        if widest <= 120 and near >= 3 and near >= 0.3 * max(1, len(long_lines)):
            wrap_width = widest
    groups: list[list[_Line]] = []
    prev: _Line | None = None
    prev_end = -1
    prev_free = False  # the previous line is not furniture
    for ln in lines:
        join = False
        free = not _furniture_line(ln.text)
        if prev is not None and groups:
            between = raw[prev_end : ln.start]
            adjacent = between.count("\n") + between.count("\r") - between.count("\r\n") <= 1
            if adjacent and prev_free and free and not _looks_like_date_line(ln.text):
                full_width = bool(wrap_width) and len(prev.text) >= wrap_width - 25
                continued = (
                    len(prev.text) >= 20
                    and _line_ends_open(prev.text)
                    and (ln.text[0].islower() or ln.text[0] in ",;)»”")
                )
                join = full_width or continued
        if join:
            groups[-1].append(ln)
        else:
            groups.append([ln])
        prev, prev_end, prev_free = ln, ln.end, free
    blocks: list[_Block] = []
    for i, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        text = normalize_block(raw[start:end])
        blocks.append(_Block(i, start, end, [g.text for g in group], text, group[0].indent))
    return blocks


def _looks_like_date_line(text: str) -> bool:
    """A short unpunctuated line with a digit, or one opening like a date or a date label."""
    short_number = len(text.split()) <= 6 and any(c.isdigit() for c in text)
    if short_number and (text[0].isupper() or text[0].isdigit()) and not _ends_sentence(text):
        return True
    return bool(_DATE_START_RE.match(fold_match(text.lstrip(_BULLETS))))


def _furniture_line(text: str) -> bool:
    """A cheap check used before grouping: lines that must stay on their own."""
    core = _core(fold_match(text))
    return bool(
        _TEASER_RE.match(core)
        or _COMMENT_RE.match(core)
        or core in _SIDEBAR_EXACT
        or core in _UI_EXACT
        or _BYLINE_RE.match(text.lstrip(_BULLETS))
    )


def _core(folded: str) -> str:
    core = folded.lstrip(_BULLETS).rstrip(" :.>»›|-–—\t")
    return _WS_RE.sub(" ", core)


# --------------------------------------------------------------------------------------------
# Features and markers
# --------------------------------------------------------------------------------------------


def _features(b: _Block) -> None:
    text = b.text
    b.folded = fold_match(text)
    b.core = _core(b.folded)
    b.key = _NON_ALNUM_RE.sub("", b.folded)
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    b.n_words = len(words)
    tokens = _WORD_TOKEN_RE.findall(b.folded)
    b.has_letters = bool(tokens)
    if tokens:
        b.stop_ratio = sum(1 for t in tokens if t in _STOPWORDS) / len(tokens)
        lower = _WORD_TOKEN_RE.findall(text.casefold().replace("’", "'"))
        b.has_verb = any(t in _VERB_CUES or _VERB_SUFFIX_RE.match(t) for t in lower)
    stripped = text.rstrip(_CLOSERS)
    b.ends_sentence = _ends_sentence(text)
    if not b.ends_sentence and stripped != text.rstrip() and text.rstrip()[-1:] in '»”"':
        # A paragraph ending on a closing quote without a period: a sentence when it is a
        # whole quotation or reads like running text.
        opens_quote = text.lstrip(_BULLETS)[:1] in '«“"'
        b.ends_sentence = opens_quote or (b.n_words >= 15 and b.has_verb)
    b.ends_ellipsis = stripped.endswith(("…", "...")) or stripped.endswith("[…]")
    b.ends_colon = stripped.endswith(":")
    b.n_sentences = len(_SENTENCE_BREAK_RE.findall(text)) + (1 if b.ends_sentence else 0)
    visible = text.lstrip(_BULLETS + "«“\"'(")
    b.starts_upper = bool(visible) and (visible[0].isupper() or visible[0].isdigit())
    letters = _NON_ALNUM_RE.sub("", text)
    b.all_caps = sum(1 for c in letters if c.isalpha()) >= 4 and letters.isupper()


# Every date with a year has a 4-digit number or a numeric d/m/y form.
_YEARISH_RE = re.compile(r"\d{4}|\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2}")


def _compute_dates(b: _Block) -> None:
    """Dated mentions (year and month known) of short blocks, and whether it is a date line."""
    if b.n_words > 30 or not _YEARISH_RE.search(b.text):
        return
    try:
        mentions = find_date_mentions(b.text)
    except Exception:  # the date module is a separate component; a failure there is no date
        return
    for m in mentions:
        if m.year is None or m.month is None:
            continue
        try:
            resolved = resolve_date(m)
        except Exception:
            resolved = None
        if resolved is not None:
            b.dates.append((m, resolved))
    if not b.dates:
        return
    residual = b.text
    for m, _ in sorted(b.dates, key=lambda mr: mr[0].char_start, reverse=True):
        residual = residual[: m.char_start] + " " + residual[m.char_end :]
    residual = _TIME_RE.sub(" ", fold_match(residual))
    rest = [t for t in _WORD_TOKEN_RE.findall(residual) if t not in _META_WORDS]
    b.is_date_line = len(rest) <= 2


def _byline_author(text: str) -> str | None:
    m = _BYLINE_RE.match(text.lstrip(_BULLETS))
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
        if low in _CONNECTORS or low.startswith(("d'", "l'")):
            continue
        if not (tok[0].isupper() or tok[0].isdigit()):
            return None
        if tok.rstrip(".")[-1:] in "!?":
            return None
    return rest


_TICKER_SEP_RE = re.compile(r"\s[◆◇●■▪►▶•·|]\s|\s{2,}[◆◇●■▪►▶•·|]")


def _is_ticker(text: str) -> bool:
    """A run of short headlines on one line ("EN CONTINU ◆ A ◆ B ◆ C"), as news tickers and
    related-story strips are saved: three or more short segments between list separators."""
    parts = [p for p in _TICKER_SEP_RE.split(text) if re.search(r"[^\W\d_]", p)]
    if len(parts) < 3:
        return False
    return sum(len(p.split()) for p in parts) / len(parts) <= 16


def _classify(b: _Block) -> str | None:
    """The web-furniture kind of a block, or None for ordinary text."""
    core = b.core
    if _is_ticker(b.text):
        return "ticker"
    if b.n_words <= 15 and not (b.ends_sentence and b.has_verb):
        author = _byline_author(b.text)
        if author is not None:
            b.author = author
            return "byline"
    if b.is_date_line:
        # "Posted on April 24, 2025 by Jane Doe", "Publié le 3 mars 2024 par Awa Diallo"
        by = re.search(r"\b(?:par|by)\s", b.text, re.IGNORECASE)
        if by is not None:
            b.author = _byline_author(b.text[by.start() :])
        return "date"
    if not b.has_letters:
        return "ui"
    if b.n_words <= 8 and _RELATIVE_STAMP_RE.match(core):
        return "date"
    short = b.n_words <= 12
    if short and _COUNTER_RE.match(core):
        return "counter"
    if b.n_words <= 25 and _COMMENT_RE.match(core):
        return "comments"
    sidebar = core in _SIDEBAR_EXACT or _SIDEBAR_PREFIX_RE.match(core)
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
        if core in _UI_EXACT or any(r.search(core) for r in _UI_RES):
            return "ui"
        tokens = _WORD_TOKEN_RE.findall(core)
        if tokens and sum(1 for t in tokens if t in _SOCIAL) >= 0.6 * len(tokens):
            return "ui"
    if b.n_words <= 25 and any(r.search(core) for r in _FOLLOW_RES):
        return "ui"
    if _is_breadcrumb(b):
        return "breadcrumb"
    return None


def _teaser_kind(b: _Block) -> str | None:
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
    if prefix in _RISKY_TEASERS:
        return None
    if b.n_words <= 30 and not b.ends_sentence:
        return "teaser"
    return "teaser" if b.n_words <= 30 and b.stop_ratio < 0.45 else None


def _consent_heading(core: str) -> bool:
    tokens = _WORD_TOKEN_RE.findall(core)
    return (
        bool(tokens)
        and any(t in _CONSENT_TERMS for t in tokens)
        and all(t in _CONSENT_WORDS for t in tokens)
    )


# "Politique / Afrique centrale", "Monde > Europe": a two-level section path (spaced separator).
_TWO_LEVEL_PATH_RE = re.compile(r"^([^>»›/|]+?)\s+[>»›/]\s+([^>»›/|]+)$")


def _is_breadcrumb(b: _Block) -> bool:
    if b.n_words > 15:
        return False
    parts = [p for p in _BREADCRUMB_SPLIT_RE.split(b.text) if p]
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


# --------------------------------------------------------------------------------------------
# Block predicates
# --------------------------------------------------------------------------------------------


def _sentence_like(b: _Block, prev_indent: int | None = None) -> bool:
    """Reads like a paragraph of running text (a sentence, or long unpunctuated prose)."""
    if b.kind is not None or b.is_date_line:
        return False
    if b.ends_sentence and b.n_words >= 3 and b.stop_ratio >= 0.1:
        return b.has_verb or b.n_words >= 10
    if b.ends_colon and b.n_words >= 8 and b.has_verb and b.stop_ratio >= 0.2:
        return True  # a lead-in to a quote or list
    if b.n_words >= 30 and b.stop_ratio >= 0.2:
        # Unpunctuated long text (a truncated paragraph); an indented insert is not.
        return b.indent == 0 or (prev_indent is not None and b.indent <= prev_indent)
    return False


def _strong_prose(b: _Block) -> bool:
    if not _sentence_like(b) or b.ends_colon or b.is_prefix_dup:
        return False
    return b.n_words >= 25 or (b.n_sentences >= 2 and b.n_words >= 15)


def _headline_shaped(b: _Block) -> bool:
    return (
        b.kind is None
        and not b.is_date_line
        and 3 <= b.n_words <= 30
        and len(b.text) <= 250
        and b.starts_upper
        and not b.ends_colon
        and not _sentence_like(b)
    )


def _section_like(b: _Block) -> bool:
    if b.kind is not None or b.is_date_line or not 1 <= b.n_words <= 4 or len(b.text) > 50:
        return False
    if b.ends_sentence or any(c.isdigit() for c in b.text) or re.search(r"[:;,!?]", b.text):
        return False
    words = b.text.split()
    if not (words[0][0].isupper()):
        return False
    return all(w[0].isupper() or fold_match(w) in _CONNECTORS or w in "&/-–" for w in words)


def _split_suffix(text: str) -> tuple[str, str] | None:
    """Split "<title> - <outlet>" (or |, –, —, •) at the last separator, when it looks so."""
    seps = list(_SUFFIX_SEP_RE.finditer(text))
    if not seps:
        return None
    last = seps[-1]
    if ":" in last.group(0):
        return None
    title, outlet = text[: last.start()].strip(), text[last.end() :].strip()
    # "Title | Section | Outlet": drop short pipe-separated parts left on the title
    while True:
        parts = re.split(r"\s+\|\s+", title)
        if len(parts) > 1 and len(parts[-1].split()) <= 3:
            title = " | ".join(parts[:-1]).strip()
        else:
            break
    n_title = len([w for w in title.split() if any(c.isalnum() for c in w)])
    words = outlet.split()
    if n_title < 3 or not 1 <= len(words) <= 6 or len(outlet) > 50:
        return None
    if re.search(r"[!?;:,«»\"“”()]", outlet) or outlet.endswith("."):
        return None
    domain_like = bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", outlet, re.I))
    if not (outlet[0].isupper() or outlet[0].isdigit() or domain_like):
        return None
    low = {fold_match(w) for w in words}
    if low & _VERB_CUES or low & {"le", "la", "les", "un", "une", "des"} and len(words) > 4:
        return None
    return title, outlet


def _key(text: str) -> str:
    return _NON_ALNUM_RE.sub("", fold_match(text))


# --------------------------------------------------------------------------------------------
# Page structure
# --------------------------------------------------------------------------------------------


@dataclass
class _Title:
    text: str
    index: int
    outlet: str | None
    key: str


def _first_prose(blocks: list[_Block]) -> int:
    """Where running text first appears: a substantial paragraph, or two sentence paragraphs in
    a row (furniture between them ignored). Headline/summary cards never form such a run."""
    for b in blocks:
        if b.kind is not None:
            continue
        if _strong_prose(b):
            return b.index
        if not (_sentence_like(b) and b.n_words >= 15) or b.is_prefix_dup:
            continue
        # Look past light furniture only: a byline or date line below means b is a headline.
        nxt = next((o for o in blocks[b.index + 1 :] if o.kind not in _LIGHT_FURNITURE), None)
        if nxt is not None and nxt.kind is None and _sentence_like(nxt) and nxt.n_words >= 15:
            return b.index
    return len(blocks)


def _find_title(blocks: list[_Block], first_strong: int) -> _Title | None:
    region = blocks[:first_strong]
    # A footer heading after some running text closes the header: what follows is a sidebar.
    seen_sentence = False
    for pos, b in enumerate(region):
        if b.kind in _HARD_END and seen_sentence:
            region = region[:pos]
            break
        seen_sentence = seen_sentence or _sentence_like(b)
    keys: dict[str, int] = {}
    for b in blocks:
        keys[b.key] = keys.get(b.key, 0) + 1
    # 1. "<title> - <outlet>" whose title part repeats on the page, or is the first headline.
    seen_headline = False
    for b in region:
        if b.kind is not None or b.is_date_line:
            continue
        split = _split_suffix(b.text)
        if split is not None:
            title, outlet = split
            tkey = _key(title)
            repeated = keys.get(tkey, 0) >= 1
            # Unrepeated, it must read as "headline - site", not as a masthead "SITE · tagline":
            # a headline is longer than a site's name and not in capitals.
            headline_first = len(title.split()) > len(outlet.split()) and not title.isupper()
            if tkey and (repeated or (not seen_headline and headline_first)):
                return _Title(title, b.index, outlet, tkey)
        if _headline_shaped(b) and not _section_like(b):
            seen_headline = True
    # 2. The best headline-shaped block of the header.
    best: tuple[float, int] | None = None
    text_before = False  # a headline comes before the running text, not inside it
    for b in region:
        was_text_before = text_before
        if b.kind is None and _sentence_like(b) and b.n_words >= 15:
            text_before = True
        if not _title_candidate(b):
            continue
        score = -2.0 if was_text_before else 0.0
        if keys.get(b.key, 0) > 1:
            score += 3
        if not b.ends_sentence or b.text.rstrip(_CLOSERS).endswith(("?", "!")):
            score += 1
        nxt = blocks[b.index + 1] if b.index + 1 < len(blocks) else None
        if nxt is not None and (
            nxt.kind in {"date", "byline", "ui", "caption", "counter"}
            or nxt.is_date_line
            or _sentence_like(nxt)
        ):
            score += 1
        if b.ends_sentence and b.n_words > 15 and b.stop_ratio >= 0.35:
            score -= 2
        if b.all_caps:
            score -= 1
        prev = blocks[b.index - 1] if b.index > 0 else None
        if (
            prev is not None
            and _title_candidate(prev)
            and b.n_words >= 15
            and b.n_words > 1.5 * prev.n_words
        ):
            score -= 2  # a longer line right under a headline is its standfirst
        if best is None or score >= best[0]:
            best = (score, b.index)
    if best is None:
        return None
    b = blocks[best[1]]
    return _Title(b.text, b.index, None, b.key)


def _title_candidate(b: _Block) -> bool:
    if b.kind is not None or b.is_date_line or b.ends_ellipsis or b.is_prefix_dup:
        return False
    if not 3 <= b.n_words <= 30 or len(b.text) > 250 or not b.starts_upper or b.ends_colon:
        return False
    if _section_like(b):
        return False
    return not _strong_prose(b)


def _mark_repetitions(blocks: list[_Block], window: int = 40) -> None:
    """Truncated copies ("… le…") of a nearby block (teasers repeat the lede close by)."""
    for b in blocks:
        if not b.ends_ellipsis or b.kind is not None:
            continue
        stem = b.text.rstrip(_CLOSERS).rstrip(".… ")
        stem = stem.removesuffix("[").rstrip()
        stem = stem.rsplit(" ", 1)[0] if " " in stem else stem
        skey = _key(stem)
        if len(skey) < 15:
            continue
        for other in blocks[max(0, b.index - window) : b.index + window]:
            if other is not b and len(other.key) > len(skey) and other.key.startswith(skey):
                b.is_prefix_dup = True
                break


def _mark_title_dups(blocks: list[_Block], title: _Title) -> None:
    for b in blocks:
        if b.index == title.index or not title.key:
            continue
        if b.key == title.key:
            b.is_title_dup = True
            continue
        split = _split_suffix(b.text)
        if split is not None and _key(split[0]) == title.key:
            b.is_title_dup = True


def _resumes(blocks: list[_Block], i: int) -> bool:
    """After a soft footer start: real paragraphs again (a long one and another sentence)."""
    b = blocks[i]
    if b.kind is not None or b.is_title_dup or b.is_prefix_dup or not _sentence_like(b):
        return False
    if i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1]
    if nxt.kind is not None or not _sentence_like(nxt):
        return False
    return b.n_words >= 40 or (b.n_words >= 25 and nxt.n_words >= 25)


def _headline_run(blocks: list[_Block], i: int) -> int:
    n = 0
    while i + n < len(blocks) and _headline_shaped(blocks[i + n]) and blocks[i + n].n_words >= 4:
        n += 1
    return n


def _select_story(blocks: list[_Block], story_start: int) -> tuple[list[_Block], int]:
    """Kept blocks from the story start, and the index where the page's footer begins."""
    kept: list[_Block] = []
    kept_keys: set[str] = set()
    n = len(blocks)
    footer_at = n
    soft = False
    i = story_start
    while i < n:
        b = blocks[i]
        if b.kind in _HARD_END or (b.kind == "counter" and len(kept) >= 3):
            footer_at = i if not soft else footer_at
            break
        if soft:
            if _resumes(blocks, i):
                soft = False
                footer_at = n
                continue
            i += 1
            continue
        if b.kind == "teaser_heading" or (kept and _headline_run(blocks, i) >= 3):
            soft = True
            footer_at = i
            i += 1
            continue
        keep = (
            b.kind is None
            and not b.is_title_dup
            and not b.is_prefix_dup
            and b.key not in kept_keys
            and _sentence_like(b, kept[-1].indent if kept else None)
        )
        if keep:
            kept.append(b)
            kept_keys.add(b.key)
        i += 1
    kept = _drop_tail_list(blocks, kept)
    return kept, footer_at


def _drop_tail_list(blocks: list[_Block], kept: list[_Block]) -> list[_Block]:
    """A trailing run of (headline, one-sentence summary) pairs is a list of other stories."""
    pairs = 0
    j = len(kept) - 1
    while j >= 1:
        b = kept[j]
        prev = blocks[b.index - 1] if b.index > 0 else None
        if (
            prev is not None
            and prev.index != kept[j - 1].index
            and _headline_shaped(prev)
            and b.n_sentences <= 1
            and b.n_words <= 40
        ):
            pairs += 1
            j -= 1
        else:
            break
    if pairs < 3 or pairs >= len(kept):
        return kept
    story, tail = kept[: len(kept) - pairs], kept[len(kept) - pairs :]
    # Card summaries are clearly shorter than the story's own paragraphs.
    if _median([b.n_words for b in tail]) < 0.6 * _median([b.n_words for b in story]):
        return story
    return kept


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[mid])
    return (ordered[mid - 1] + ordered[mid]) / 2


def _find_story_start(blocks: list[_Block], title: _Title | None, first_strong: int) -> int | None:
    if title is not None:
        for b in blocks[title.index + 1 :]:
            if b.kind in _HARD_END:
                continue
            if b.kind is None and not (b.is_title_dup or b.is_prefix_dup) and _sentence_like(b):
                return b.index
        return None
    if first_strong >= len(blocks):
        return None
    start = first_strong
    while start > 0:
        prev = blocks[start - 1]
        if prev.kind is None and not prev.is_prefix_dup and _sentence_like(prev):
            start -= 1
        else:
            break
    return start


# --------------------------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------------------------


def _section(blocks: list[_Block], title: _Title | None) -> str | None:
    if title is None:
        return None
    for b in reversed(blocks[max(0, title.index - 3) : title.index]):
        if b.kind == "breadcrumb":
            if not re.search(r"[>»›/]", b.text):
                continue  # "A | B | C" is a menu, not a path to this page
            parts = [p for p in _BREADCRUMB_SPLIT_RE.split(b.text) if p]
            last = parts[-1].strip() if parts else ""
            if last and fold_match(last) not in _UI_EXACT and len(last.split()) <= 4:
                return last
            continue
        if b.kind is not None or b.is_date_line:
            continue
        if _section_like(b) and fold_match(b.text) not in _UI_EXACT:
            return b.text
        return None
    return None


# Footer strips and notices are saved with their items apart: runs of spaces, a tab, or a pipe,
# middle dot, bullet or dash between spaces ("À propos   Mentions légales   © Site").
_FOOTER_SEP_RE = re.compile(r"\s{2,}|\t|\s+[|·•◆▪–—]\s+|\s+-\s+")
_NOTICE_MARK_RE = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
_NOTICE_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2}\b)?")
_RIGHTS_TEXT_RE = re.compile(
    r"(?:tous\s+)?droits\s+(?:de\s+reproduction\s+)?r[ée]serv[ée]s|all\s+rights\s+reserved",
    re.IGNORECASE,
)
# Links of a site's footer strip (general web furniture, folded).
_FOOTER_NAV = _wordset(
    """mentions legales|mentions|a propos|qui sommes-nous|qui sommes nous|contact|contacts|
    nous contacter|contactez-nous|nous ecrire|ecrivez-nous|politique de confidentialite|
    confidentialite|donnees personnelles|gestion des cookies|cookies|cgu|cgv|
    conditions generales|conditions d'utilisation|conditions generales d'utilisation|
    plan du site|publicite|annonceurs|abonnements|abonnement|charte|charte de moderation|
    charte editoriale|credits|accessibilite|aide|faq|rss|newsletter|recrutement|
    l'equipe|la redaction|terms|terms of use|terms of service|terms and conditions|privacy|
    privacy policy|cookie policy|about|about us|contact us|advertise|advertising|sitemap|
    careers|help|accessibility|imprint""".replace("\n", ""),
    "|",
)


def _raw_segments(raw: str, b: _Block) -> list[str]:
    """The items of a block as saved (split where the raw line has footer separators)."""
    items: list[str] = []
    for line in _LINE_BREAK_RE.split(raw[b.raw_start : b.raw_end]):
        for piece in _FOOTER_SEP_RE.split(line):
            text = normalize_block(piece)
            if text:
                items.append(text)
    return items


def _strip_notice(text: str) -> str:
    """What is left of a notice once ©, "Copyright", years and "all rights reserved" are gone."""
    text = _RIGHTS_TEXT_RE.sub(" ", text)
    text = _NOTICE_MARK_RE.sub(" ", text)
    text = _NOTICE_YEAR_RE.sub(" ", text)
    text = _WS_RE.sub(" ", text).strip(" .,;:-–—|")
    return re.split(r"\s*[.|,–—]\s+|\s+-\s+", text, maxsplit=1)[0].strip(" .,;:-–—|")


def _brand_like(name: str) -> bool:
    """A short proper name (a site's name), not a sentence, a credit, a link or a menu word."""
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 50:
        return False
    if re.search(r"[!?;:«»\"“”()/@©]", name) or name.endswith("."):
        return False
    domain_like = bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", name, re.IGNORECASE))
    if not (name[0].isupper() or name[0].isdigit() or domain_like):
        return False
    folded = fold_match(name)
    if folded in _PHOTO_AGENCIES or folded in _UI_EXACT or folded in _FOOTER_NAV:
        return False
    if folded in _SIDEBAR_EXACT:
        return False
    # Names are capitalised: most of their content words start upper case ("Le Courrier du
    # Fleuve", "L'Éclaireur d'Abidjan"), unlike a caption's words ("Le ministre à Dakar").
    content = [
        w
        for w in re.findall(r"[^\W\d_][\w'’.-]*", name)
        if fold_match(w) not in _STOPWORDS
        and fold_match(w) not in _CONNECTORS
        and not fold_match(w).startswith(("d'", "l'"))
    ]
    if not content and not re.search(r"[^\W\d_]", name):
        return False
    upper = sum(1 for w in content if w[0].isupper())
    return not content or upper >= 2 / 3 * len(content)


def _notice_owner(items: list[str]) -> str | None:
    """The site named by a copyright notice: "© 2025 Site", "Copyright © Site", "Site © 2025",
    "Site © Copyright – Tous droits réservés", "© Site" among a footer strip's links, or
    "Site – Tous droits réservés". A photo credit ("Légende. © Agence / Photographe") is no
    notice: no year, rights or footer links beside it, or a caption before the mark."""
    has_rights = any(_RIGHTS_TEXT_RE.search(item) for item in items)
    nav = any(_core(fold_match(item)).rstrip(" ?") in _FOOTER_NAV for item in items)
    for i, item in enumerate(items):
        mark = _NOTICE_MARK_RE.search(item)
        if mark is None:
            continue
        evidence = (
            has_rights or nav or _NOTICE_YEAR_RE.search(item) or "copyright" in fold_match(item)
        )
        if not evidence:
            continue
        before = item[: mark.start()].strip(" -–—|:")
        after = _strip_notice(item[mark.end() :])
        if before:
            # "Site © 2025": the name precedes the mark, nothing but notice words follow it; a
            # sentence before the mark is a caption.
            name = "" if after or _ends_sentence(before) else _strip_notice(before)
        else:
            name = after
            if not name and i + 1 < len(items) and not _RIGHTS_TEXT_RE.search(items[i + 1]):
                name = _strip_notice(items[i + 1])  # "© 2025 | Site"
        if name and _brand_like(name):
            return name
    for i, item in enumerate(items):
        # "Site – Tous droits réservés" (no mark): the name opens the item, or is the one before.
        rights = _RIGHTS_TEXT_RE.search(item)
        if rights is None or _NOTICE_MARK_RE.search(item):
            continue
        name = _strip_notice(item[: rights.start()])
        if not name and i > 0 and not _NOTICE_MARK_RE.search(items[i - 1]):
            name = _strip_notice(items[i - 1])
        if name and _brand_like(name):
            return name
    return None


def _copyright_owner(raw: str, blocks: list[_Block], skip: set[int]) -> str | None:
    """The owner in the page's copyright notice, the last one on the page (the footer's)."""
    for b in reversed(blocks):
        if b.index in skip:
            continue
        if not (_NOTICE_MARK_RE.search(b.text) or _RIGHTS_TEXT_RE.search(b.text)):
            continue
        items = _raw_segments(raw, b)
        if len(items) > 40:
            continue
        owner = _notice_owner(items)
        if owner is not None:
            return owner
    return None


def _header_brand(raw: str, blocks: list[_Block], title: _Title, footer_from: int) -> str | None:
    """The site's name as a page's masthead gives it: a short brand-like line (or the first
    item of "Site · tagline") at the top of the page, above the first menu strip and not in the
    rubric slot right above the title, that comes back as a whole item below the story (footer
    strip, notice, photo credit). Without the repetition it could be a rubric: no outlet."""
    menus: list[tuple[int, set[str]]] = []
    for b in blocks[: title.index]:
        items = _raw_segments(raw, b)
        if len(items) >= 3:
            menus.append((b.index, {_key(item) for item in items}))
    top = min([idx for idx, _ in menus], default=title.index)
    header = [
        b
        for b in blocks[: max(0, min(top, title.index - 1))]
        if b.kind is None and not b.is_date_line and b.n_words <= 25
    ][:2]
    if not header:
        return None
    footer_names: dict[str, str] = {}
    for b in blocks[footer_from:]:
        for item in _raw_segments(raw, b):
            for part in re.split(r"\s+/\s+", item):
                name = _strip_notice(part)
                if name:
                    footer_names.setdefault(_key(name), name)
    for b in header:
        items = _raw_segments(raw, b)
        if not items or not _brand_like(items[0]):
            continue
        key = _key(items[0])
        if not key or any(key in keys for _, keys in menus):
            continue  # a menu entry, not the site's name
        if key in footer_names:
            name, other = items[0], footer_names[key]
            return other if name.isupper() and not other.isupper() else name
    return None


def _outlet(raw: str, blocks: list[_Block], title: _Title | None, kept: list[_Block]) -> str | None:
    """The site's name, most explicit statement first: the title suffix ("Title | Site"), the
    copyright notice (the site's own statement of its name), a "Source :" line (which may name
    an agency whose copy is reproduced), then a header brand line that the footer repeats."""
    if title is not None and title.outlet:
        return title.outlet
    skip = {b.index for b in kept}
    if title is not None:
        skip.add(title.index)
    owner = _copyright_owner(raw, blocks, skip)
    if owner is not None:
        return owner
    for b in blocks:
        if b.kind == "source":
            value = b.text.split(":", 1)[1].strip(" .")
            value = re.split(r"\s*[,;(]\s*", value)[0].strip()
            if value and len(value.split()) <= 6:
                return value
    if title is None:
        return None
    footer_from = kept[-1].index + 1 if kept else title.index + 1
    return _header_brand(raw, blocks, title, footer_from)


def _author(blocks: list[_Block], title: _Title | None, end: int) -> str | None:
    after = [b for b in blocks[:end] if b.author and (title is None or b.index > title.index)]
    before = [b for b in blocks[:end] if b.author and title is not None and b.index < title.index]
    for b in after + before:
        return b.author
    return None


def _pick_meta_date(blocks: list[_Block], fetched: dt.date | None) -> ResolvedDate | None:
    """Among meta blocks: a publication date first, an update date last."""
    best: tuple[int, ResolvedDate] | None = None
    for b in blocks:
        for m, resolved in b.dates:
            if not _date_ok(resolved, fetched):
                continue
            before = fold_match(b.text[: m.char_start])[-40:]
            rank = 1
            if _UPDATE_RE.search(before) and not _PUBLISH_RE.search(before[-20:]):
                rank = 2
            elif _PUBLISH_RE.search(before):
                rank = 0
            if best is None or rank < best[0]:
                best = (rank, resolved)
    return best[1] if best else None


_DATELINE_PREFIX_WORDS = _wordset("le du de la les d l on el al")


def _dateline(b: _Block) -> ResolvedDate | None:
    head = b.text[:160]
    try:
        mentions = find_date_mentions(head)
    except Exception:
        return None
    for m in mentions:
        if m.char_start > 70:
            break
        if m.year is None or m.month is None or m.day is None:
            continue
        prefix = head[: m.char_start]
        tokens = _WORD_TOKEN_RE.findall(prefix)
        if len(tokens) > 6 or re.search(r"[.!?;:]\s", prefix):
            return None
        place = [t for t in tokens if fold_match(t) not in _DATELINE_PREFIX_WORDS]
        if any(not t[0].isupper() for t in place):
            return None
        after = head[m.char_end : m.char_end + 30]
        dash = re.match(r"\s*(?:\([^)]{0,25}\)\s*)?[-–—:]", after)
        comma = re.match(r"\s*(?:\([^)]{0,25}\)\s*)?[,(]", after)
        if not (dash or (place and comma)):
            return None
        try:
            return resolve_date(m)
        except Exception:
            return None
    return None


def _date_ok(d: ResolvedDate | None, fetched: dt.date | None) -> bool:
    if d is None or d.precision not in ("day", "month"):
        return False
    return fetched is None or d.value <= fetched


def _publication_date(
    blocks: list[_Block],
    title: _Title | None,
    story_start: int | None,
    kept: list[_Block],
    footer_at: int,
    fetched: dt.date | None,
    language: str | None,
) -> ResolvedDate | None:
    n = len(blocks)
    start = story_start if story_start is not None else n
    head_end = title.index if title is not None else -1
    # 1. Meta zone: after the title, before the story; plus bylines/date lines opening the story.
    meta = [b for b in blocks[head_end + 1 : start] if b.dates and (b.is_date_line or b.author)]
    if kept:
        early_end = kept[1].index if len(kept) > 1 else kept[0].index + 1
        meta += [
            b
            for b in blocks[start:early_end]
            if b.dates and (b.is_date_line or b.author) and b not in kept
        ]
    found = _pick_meta_date(meta, fetched)
    if found is not None:
        return found
    # 2. A dateline opening one of the first story paragraphs.
    for b in kept[:3]:
        d = _dateline(b)
        if _date_ok(d, fetched):
            return d
    # 3. An explicit "Publié le ..." line between the story and the footer.
    last_kept = kept[-1].index if kept else start
    for b in blocks[last_kept + 1 : footer_at]:
        if b.dates and (b.is_date_line or b.author) and _PUBLISH_RE.search(b.folded):
            good = [r for _, r in b.dates if _date_ok(r, fetched)]
            if good:
                return good[0]
    # 4. A date line just above the title (often the site's "today": checked against the page).
    if title is not None:
        for b in reversed(blocks[max(0, title.index - 3) : title.index]):
            if not (b.is_date_line and b.dates):
                continue
            m, r = b.dates[0]
            if r.precision != "day" or not _date_ok(r, fetched):
                continue
            if fetched is not None and r.value == fetched:
                continue
            folded = fold_match(m.text)
            if language == "fr" and _EN_MONTHS_RE.search(folded):
                continue
            if language == "en" and _FR_MONTHS_RE.search(folded):
                continue
            return r
    return None


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _empty_record() -> ArticleRecord:
    return ArticleRecord(
        title=None,
        outlet_name=None,
        author_name=None,
        section_name=None,
        published_date=None,
        published_date_precision=None,
        published_date_text=None,
        language_code=None,
        body="",
        body_char_start=None,
        body_char_end=None,
        n_words=0,
        is_empty=True,
        n_dropped_lines=0,
    )


def extract_article(
    raw_text: str,
    *,
    file_name: str | None = None,
    fetched_date: dt.date | None = None,
) -> ArticleRecord:
    """Title, outlet, author, section, publication date, language and story body of a page.

    ``fetched_date`` (when known) only bounds the publication date from above and rules out a
    header date equal to it; it is never returned itself. ``file_name`` is accepted for the
    caller's convenience and does not influence the result. Never raises: input that cannot be
    read as an article gives an empty record (``is_empty=True``, body "").
    """
    del file_name  # the content alone decides
    if not isinstance(raw_text, str):
        return _empty_record()
    try:
        return _extract(raw_text, fetched_date)
    except Exception:  # last-resort guard of the "never raises" contract
        return _empty_record()


def _extract(raw: str, fetched: dt.date | None) -> ArticleRecord:
    lines = _split_lines(raw)
    if not lines:
        return _empty_record()
    blocks = _group_blocks(raw, lines)
    for b in blocks:
        _features(b)
        _compute_dates(b)
        b.kind = _classify(b)
    _mark_repetitions(blocks)

    first_strong = _first_prose(blocks)
    title = _find_title(blocks, first_strong)
    if title is not None:
        _mark_title_dups(blocks, title)
    story_start = _find_story_start(blocks, title, first_strong)
    kept: list[_Block] = []
    footer_at = len(blocks)
    if story_start is not None:
        kept, footer_at = _select_story(blocks, story_start)

    body_parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for b in kept:
        if body_parts:
            pos += 2
        segments.append(Segment(pos, pos + len(b.text), b.raw_start, b.raw_end))
        body_parts.append(b.text)
        pos += len(b.text)
    body = "\n\n".join(body_parts)

    kept_ids = {b.index for b in kept}
    dropped: list[str] = []
    for b in blocks:
        if b.index in kept_ids or (title is not None and b.index == title.index):
            continue
        dropped.extend(b.lines)

    sample = body if len(body.split()) >= 20 else " ".join(b.text for b in blocks)
    language = detect_language(sample)
    end = footer_at if story_start is not None else len(blocks)
    published = _publication_date(blocks, title, story_start, kept, footer_at, fetched, language)

    return ArticleRecord(
        title=title.text if title else None,
        outlet_name=_outlet(raw, blocks, title, kept),
        author_name=_author(blocks, title, end),
        section_name=_section(blocks, title),
        published_date=published.value if published else None,
        published_date_precision=published.precision if published else None,
        published_date_text=published.text if published else None,
        language_code=language,
        body=body,
        body_char_start=kept[0].raw_start if kept else None,
        body_char_end=kept[-1].raw_end if kept else None,
        n_words=len(body.split()),
        is_empty=not body,
        n_dropped_lines=len(dropped),
        segments=tuple(segments),
        dropped_lines=tuple(dropped),
    )
