"""Word lists, patterns and constants of the entity extractor's phases.

Lists longer than a screenful are reviewed data files of ``etl/data`` (``DATA_FILES``); they are
folded here exactly like the short lists written inline.
"""

from __future__ import annotations

import re

from etl.transforms.reference import word_list
from etl.transforms.text import NAME_PARTICLES, fold, month_names, strip_accents, weekday_names

# The reviewed word lists this package reads (a version of the entity stage should cover them).
DATA_FILES = (
    "circumstance_preps_fr.tsv",
    "dative_heads_fr.tsv",
    "geo_nouns_fr.tsv",
    "org_descriptors_fr.tsv",
    "place_nouns_fr.tsv",
    "speech_verbs_fr.tsv",
)


def folded_split(text: str) -> frozenset[str]:
    """The folded words of a whitespace-separated list."""
    return frozenset(fold(w) for w in text.split())


def folded_list(name: str) -> frozenset[str]:
    """The folded words of a reviewed word list of ``etl/data``."""
    return frozenset(fold(w) for w in word_list(name))


WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# What may separate the words of one multi-word form ("Burkina Faso", "Côte d'Ivoire", "R.D.").
JOIN_RE = re.compile(r"^[ \t\u00a0\u202f\-\u2010\u2011'\u2019.]*$")
SPACES_RE = re.compile(r"^[ \t\u00a0\u202f]+$")
HYPHENS = frozenset({"-", "\u2010", "\u2011"})
STRONG_PUNCT = re.compile(r"[.;:!?()\[\]«»\"“”\n]")

COUNTRY_KINDS = frozenset({"name", "demonym", "capital", "seat", "prefix"})
KIND_PRIORITY = {
    "name": 0,
    "capital": 1,
    "seat": 2,
    "demonym": 3,
    "alias": 4,
    "person": 5,
    "region": 6,
    "block": 7,
}

# Prepositions after which a place name is a location, whatever governs it.
LOCATIVE_PREPS = frozenset({"en", "dans", "depuis", "vers", "via", "hors", "jusqu", "outre"})
A_PREPS = frozenset({"à", "au", "aux", "a"})
DE_PREPS = frozenset({"de", "du", "des", "d"})
# Heads that take an "à" argument for a recipient/addressee: "à"/"au" + country is then an actor.
DATIVE_HEADS = folded_list("dative_heads_fr.tsv")
# Nouns that make a qualifying demonym / "de <country>" a place: "la capitale malienne".
PLACE_NOUNS = folded_list("place_nouns_fr.tsv")
# "la partie éthiopienne", "du côté malien": with a demonym these place nouns name a side.
SIDE_NOUNS = frozenset({"partie", "parties", "cote", "cotes", "camp"})
# "les médias russes", "la presse algérienne": outlets speak for themselves, not for the state.
MEDIA_NOUNS = folded_list("media_nouns_fr.tsv")
_PLACE_NOUNS_AS_WRITTEN = frozenset(w.lower() for w in word_list("place_nouns_fr.tsv"))


def is_place_noun(text: str) -> bool:
    """Whether a word is one of :data:`PLACE_NOUNS`; a word written with its accents must match
    as written ("aux côtés de" is not "les côtes de"), one written without them matches folded."""
    lower = text.lower()
    if lower != strip_accents(lower):
        return lower in _PLACE_NOUNS_AS_WRITTEN
    return fold(text) in PLACE_NOUNS


# Common nouns that make a following country/capital name something else ("fleuve Niger").
GEO_NOUNS = folded_list("geo_nouns_fr.tsv")
RANKS = folded_split(
    """
    général généraux colonel lieutenant-colonel commandant capitaine lieutenant maréchal
    amiral sergent caporal adjudant major
    """
)
HONORIFICS = folded_split(
    """
    m mme mlle mm dr pr me mgr sr cheikh
    """
)
DETERMINERS = folded_split(
    """
    le la les l un une son sa ses leur leurs notre nos votre du au aux
    """
)
HOMOLOGUE = frozenset({"homologue", "homologues"})
# Verbs of saying: their subject is a person (or an institution), never a town.
SPEECH_VERBS = folded_list("speech_verbs_fr.tsv")
# Their past participles, for the inverted "…», a précisé Ndiaye".
SPEECH_FORMS = frozenset(v[:-2] + "e" for v in SPEECH_VERBS if v.endswith("er")) | folded_split(
    "dit répondu reconnu admis conclu poursuivi promis averti"
)
# Roles of people posted abroad: "l'ambassadeur tunisien à Dakar" is Tunisian, not Senegalese.
POSTED_ROLES = frozenset(
    {"ambassadeur", "consul", "envoyé spécial", "émissaire", "diplomate", "journaliste"}
)
# Possessive determiners: "son porte-parole" belongs to the actor the clause is about.
POSSESSIVES = folded_split("son sa ses leur leurs")
# Personal pronouns standing for the previous sentence's subject ("Il a rappelé son ambassadeur").
SUBJECT_PRONOUNS = folded_split("il elle ils elles")
# "chargé de la Mémoire": the participle that opens a portfolio description after a role.
CHARGE_FORMS = folded_split("chargé chargée chargés chargées")
# Prepositions of a circumstance fronted before the subject ("Face à l'armée malienne, X ..."):
# a noun phrase they introduce is not an apposition to the name after the comma.
CIRCUMSTANCE_PREPS = folded_list("circumstance_preps_fr.tsv")
# Parts of speech a describing noun ("le politologue sénégalais X") cannot have.
NOT_NOUN_POS = frozenset(
    {"VERB", "AUX", "ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "NUM", "PROPN", "PUNCT"}
)
NP_STARTERS = DETERMINERS | folded_split("des ces de d plusieurs quelques certains nombreux")
# Determiners that open a describing noun phrase ("le politologue", "l'économiste", "un ...").
DESCRIPTION_DETS = DETERMINERS | folded_split("des ces cet cette")
NUMBERS = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    **{str(n): n for n in range(2, 11)},
}
GROUP_DETS = frozenset({"les", "des", "ces", "aux", "leurs", "nos", "ses", "vos"})
GROUP_NOUNS = folded_split(
    """
    pays nations états etats capitales gouvernements armées voisins puissances alliés
    partenaires juntes régimes délégations chefs dirigeants présidents diplomaties
    """
)
# LOC entities that are common nouns, not places.
LOC_STOP = folded_split(
    """
    état états etat nord sud est ouest centre pays nation république
    """
)
NAME_CONNECTORS = NAME_PARTICLES | {"bint", "abou", "abu", "dos", "das", "di", "del", "della"}
GLUED_RE = re.compile(r"^(.*?[a-zà-ÿ])(Le|La|Les|L|Un|Une|Des|De|Du|Au|En|Il|Elle)$")

# States a demonym of countries_fr.tsv may also designate (see the notes of that file):
# "congolais" is on COD but also means Congo-Brazzaville; plain "guinéen" may mean either Guinea.
DEMONYM_ALTERNATIVES: dict[str, tuple[str, ...]] = {"COD": ("COG",), "GIN": ("GNB", "GNQ")}

# Month and day names, each followed by its unaccented spelling when it differs ("août|aout").
MONTHS_DAYS = "|".join(
    dict.fromkeys(v for n in month_names("fr") + weekday_names("fr") for v in (n, fold(n)))
)
DATELINE_RE = re.compile(
    rf"\s*(?:,\s*(?:le\s+|ce\s+)?(?:\d|1er|(?i:{MONTHS_DAYS}))|\((?:[A-Z][A-Za-z]*|[A-Z]+)\)\s*[-–—]"
    r"|\s+[-–—]\s)"
)

# Evidence strength for a person's country, strongest first.
(
    EV_ROLE,
    EV_POST,
    EV_HOMOLOGUE,
    EV_GENITIVE,
    EV_OWNER,
    EV_FRONTED,
    EV_LIST,
    EV_CONTEXT,
) = range(8)
