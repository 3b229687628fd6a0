"""``dyad bench``: throughput of the whole pipeline on a synthetic corpus of French news pages.

Two halves:

* **Corpus generator.** :func:`generate_pages` recombines paragraph templates (meetings,
  accusations, aid, sanctions, attacks, agreements), actors (every country of the gazetteer with
  its French name, article, demonyms and capital; invented people with roles), dates in varied
  formats and page furniture (menus, "Lire aussi :" teasers, "Les plus lus" sidebars, comment
  forms, copyright lines) with a fixed random seed. No page is ever produced twice: every page is
  checked by its SHA-256 and redrawn on a collision.
* **Runner.** For each N, a child process (so that peak RSS and the cold model load belong to that
  N alone) writes the corpus, materializes every asset with :func:`etl.pipeline.run_pipeline`
  into a fresh warehouse, reads each step's duration from the Dagster instance, modifies one page
  and runs again (the incremental run), then times spaCy's ``nlp.pipe`` alone over the same
  article bodies. The parent collects the figures and writes a markdown report.

Nothing here changes what the pipeline does; it only points it at a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import importlib
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from etl import config

DEFAULT_SEED = 7
DEFAULT_NS = (1000,)
DEFAULT_OUT = config.PROJECT_DIR / "benchmarks" / "RESULTS.md"
# A file in every N folder the runner creates; only such folders are ever emptied.
MARKER = ".dyad-bench"

# =============================================================================================
# Actors
# =============================================================================================


@dataclass(frozen=True)
class Country:
    """A country as running French text needs it: name with its article, demonyms, capital."""

    code: str
    name: str  # canonical French name, without article ("Mali", "États-Unis", "Israël")
    article: str  # "le", "la", "l'", "les" or "" (Israël, Cuba)
    dem: str  # masculine singular demonym ("malien")
    dem_f: str  # feminine singular ("malienne")
    dem_mp: str  # masculine plural ("maliens")
    dem_fp: str  # feminine plural ("maliennes")
    capital: str

    @property
    def the(self) -> str:
        """Subject/object form: "le Mali", "l'Algérie", "les États-Unis", "Israël"."""
        if self.article == "l'":
            return f"l'{self.name}"
        return f"{self.article} {self.name}" if self.article else self.name

    @property
    def of(self) -> str:
        """After "de": "du Mali", "de la France", "de l'Algérie", "des États-Unis", "d'Israël"."""
        if self.article == "le":
            return f"du {self.name}"
        if self.article == "les":
            return f"des {self.name}"
        if self.article:
            return f"de {self.the}"
        return f"d'{self.name}" if _starts_with_vowel(self.name) else f"de {self.name}"

    @property
    def to(self) -> str:
        """After "à": "au Mali", "à la France", "aux États-Unis", "à Israël"."""
        if self.article == "le":
            return f"au {self.name}"
        if self.article == "les":
            return f"aux {self.name}"
        return f"à {self.the}"


def _starts_with_vowel(word: str) -> bool:
    return word[:1].lower() in "aeiouyhàâéèêëîïôöûüœ"


def _demonyms(forms: list[str]) -> tuple[str, str, str, str] | None:
    """(m. sg, f. sg, m. pl, f. pl) from a country's listed demonym forms, or None."""
    if not forms:
        return None
    m = forms[0]
    f = next((x for x in forms[1:] if x.endswith("e") and x.startswith(m[:3])), None)
    if f is None:
        if not m.endswith("e"):
            return None
        f = m
    mp = m if m.endswith(("s", "x")) else m + "s"
    return m, f, mp, f + "s"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def load_countries() -> list[Country]:
    """Countries of the gazetteer that have an article, a demonym and a capital in the data."""
    from etl.transforms.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    with (config.DATA_DIR / "countries_fr.tsv").open(encoding="utf-8", newline="") as fh:
        rows = {r["alpha3"]: r for r in csv.DictReader(fh, delimiter="\t")}
    out: list[Country] = []
    for entity in gaz.entities.values():
        if entity.entity_type != "country" or not entity.country_code:
            continue
        row = rows.get(entity.country_code)
        if row is None or not row["capital"] or not row["region"]:
            continue
        if any(w in row["notes"].lower() for w in _NOT_STATES):
            continue
        article = row["article"].strip()
        name = entity.canonical_name
        if article not in ("le", "la", "l'", "les", "") or name.split(" ")[0] in ("La", "Le"):
            continue
        dems = _demonyms([d for d in row["demonyms"].split("|") if d])
        if dems is None:
            continue
        capital = row["capital"].split("|")[0].strip()
        out.append(Country(entity.country_code, name, article, *dems, capital))
    out.sort(key=lambda c: c.code)
    return out


# Words of the data's notes that mark a territory rather than a state.
_NOT_STATES = ("territoire", "outre-mer", "constitutif", "dépendance", "collectivité", "région",
               "département")

# Invented people: first names and surnames from many regions, recombined at random.
_FIRST_M = (
    "Amadou Moussa Ibrahim Oumar Seydou Abdoulaye Mamadou Youssef Karim Mehdi Olivier Julien "
    "Thomas Laurent Pierre Dmitri Sergueï Andreï Nikolaï Wang Li Carlos Diego Mateo Javier "
    "Hans Stefan Lars Kwame Kofi Yaw Tunde Emeka Ahmed Omar Hassan Ali Samuel David Ravi Arjun "
    "Kenji Hiroshi Tariq Jamal Boubacar Idrissa Salif Patrice Didier Alain"
).split()
_FIRST_F = (
    "Fatoumata Aminata Mariam Aïssata Khadija Salimata Awa Nadia Leïla Samira Claire Sophie "
    "Isabelle Nathalie Camille Elena Olga Natalia Irina Mei Lin Lucia Carmen Sofia Ana Ingrid "
    "Astrid Greta Ama Abena Ngozi Chiamaka Fatima Yasmine Rania Sarah Priya Anjali Yuki Akiko "
    "Adjoa Rokia Mariama Hawa Bintou Christine Hélène"
).split()
_LAST = (
    "Traoré Diallo Keïta Coulibaly Sangaré Touré Cissé Konaté Ouédraogo Sawadogo Kaboré Ndiaye "
    "Diop Faye Sow Ba Mensah Owusu Boateng Adeyemi Okafor Nwosu Haddad Benali Mansouri Khalil "
    "Nasser Durand Lefèvre Moreau Girard Bonnet Petrov Ivanov Smirnov Volkov Sokolov Zhang Chen "
    "Liu Huang Garcia Martinez Lopez Fernandez Müller Schmidt Weber Hansen Larsen Tanaka "
    "Suzuki Sharma Patel Kamara Bangura Mbeki Dlamini Nkosi Mugabe Kagame Habré Déby Camara "
    "Sylla Barry Bah Kane Sall Wade Niang Gueye Mbaye Tall Dembélé Doumbia Sidibé Maïga"
).split()

# (masculine, feminine) role phrases; {d}/{f} = demonym m./f. singular, {x} = other capital.
_ROLES: tuple[tuple[str, str], ...] = (
    ("le président {d}", "la présidente {f}"),
    ("le Premier ministre {d}", "la Première ministre {f}"),
    ("le ministre {d} des Affaires étrangères", "la ministre {f} des Affaires étrangères"),
    ("le ministre {d} de la Défense", "la ministre {f} de la Défense"),
    ("le chef de la diplomatie {f}", "la cheffe de la diplomatie {f}"),
    ("le ministre {d} de l'Économie", "la ministre {f} de l'Économie"),
    ("le porte-parole du gouvernement {d}", "la porte-parole du gouvernement {d}"),
    ("l'ambassadeur {d} à {x}", "l'ambassadrice {f} à {x}"),
    ("le vice-président {d}", "la vice-présidente {f}"),
    ("le ministre {d} de l'Intérieur", "la ministre {f} de l'Intérieur"),
)

_ORGS = (
    "l'ONU",
    "l'Union africaine",
    "l'Union européenne",
    "la CEDEAO",
    "l'OTAN",
    "le Conseil de sécurité de l'ONU",
    "l'Organisation de la coopération islamique",
    "la Ligue arabe",
    "le Fonds monétaire international",
    "la Banque mondiale",
)

_OUTLETS = (
    "Le Courrier du Sahel",
    "L'Écho continental",
    "Journal de l'Ouest",
    "Le Quotidien des Nations",
    "Afrique Actu Info",
    "Le Veilleur diplomatique",
    "Monde Hebdo",
    "La Gazette des capitales",
    "Horizon Presse",
    "Le Messager du soir",
    "Panorama International",
    "La Tribune du continent",
)

# =============================================================================================
# Dates
# =============================================================================================

_MONTHS_FR = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
_MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()
_WEEKDAYS_FR = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()


def _day(d: dt.date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def date_in_text(d: dt.date, rng: random.Random) -> str:
    """How a story sentence dates an event: "le 3 mars 2024", "mardi", "en mars 2024" ..."""
    m, w = _MONTHS_FR[d.month - 1], _WEEKDAYS_FR[d.weekday()]
    return rng.choice(
        (
            f"le {_day(d)} {m} {d.year}",
            f"{w} {_day(d)} {m} {d.year}",
            f"le {w} {_day(d)} {m}",
            f"ce {w}",
            w,
            f"le {_day(d)} {m}",
            f"en {m} {d.year}",
            f"ce {w} {_day(d)} {m}",
        )
    )


def date_line(d: dt.date, rng: random.Random) -> str:
    """A publication date line as page templates print it."""
    m, w = _MONTHS_FR[d.month - 1], _WEEKDAYS_FR[d.weekday()]
    hh, mm = rng.randrange(6, 23), rng.randrange(60)
    return rng.choice(
        (
            f"Publié le {d:%d/%m/%Y} à {hh}h{mm:02d}",
            f"{_day(d)} {m} {d.year}",
            f"{w.capitalize()} {_day(d)} {m.capitalize()} {d.year}",
            f"{d.isoformat()}",
            f"Publié le {_day(d)} {m} {d.year} à {hh}:{mm:02d}",
            f"{d:%d.%m.%Y}",
            f"Mis à jour le {d:%d/%m/%Y}",
            f"{m} {d.day}, {d.year}",
        )
    )


def date_widget(d: dt.date) -> str:
    """The "today" widget of a site theme, often in English ("24 April 2025")."""
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


# =============================================================================================
# Story templates
# =============================================================================================
# Placeholders: {A} {B} (country with article), {A_de} {A_a} (after de / à), {A_dem} {A_demf}
# {A_demmp} {A_demfp} (demonyms), {A_cap} (capital), {A_name} (bare name), same for B, C, D;
# {PA} {PB} (person with role as a subject, "le ministre malien, X,"), {PA_full} (same without
# commas, for other positions), {PA_name}, {PA_last}, {PA_e} ("e" if female);
# {ORG}; {DATE} (date of the event in the text), {YEAR}, {NUM}, {NUM2}, {AMOUNT}, {FUTURE}.
# A paragraph's first letter is capitalised after formatting; {cA} etc. are capitalised forms.


@dataclass(frozen=True)
class StoryType:
    name: str
    titles: tuple[str, ...]
    ledes: tuple[str, ...]
    paragraphs: tuple[str, ...]
    subheads: tuple[str, ...]


STORIES: tuple[StoryType, ...] = (
    StoryType(
        "meeting",
        (
            "{A_name}-{B_name} : rencontre au sommet à {B_cap}",
            "{cA} et {B} veulent relancer leur dialogue politique",
            "Visite officielle : {PA_name} reçu{PA_e} à {B_cap}",
            "{A_cap} et {B_cap} affichent leur rapprochement",
        ),
        (
            "{PA} a rencontré {DATE} son homologue {B_dem}, {PB_name}, lors d'une visite "
            "officielle à {B_cap} consacrée à la coopération entre {A} et {B}.",
            "{PA} s'est entretenu{PA_e} {DATE} avec {PB_full}, à {B_cap}, pour évoquer les relations "
            "bilatérales et la situation sécuritaire dans la région.",
            "En visite à {B_cap} {DATE}, {PA} a été reçu{PA_e} par {PB_full}, à la tête d'une "
            "importante délégation.",
        ),
        (
            "Les deux responsables ont abordé la sécurité régionale, les échanges commerciaux et "
            "plusieurs projets d'infrastructures. Selon un communiqué publié à l'issue de la "
            "rencontre, {A} et {B} souhaitent « approfondir un partenariat mutuellement "
            "avantageux ».",
            "Cette visite intervient quelques semaines après un premier échange téléphonique "
            "entre les deux chefs de la diplomatie. {cB} cherche à étendre son influence, tandis "
            "que {A} entend diversifier ses partenaires.",
            "« Nous avons eu des discussions franches et constructives », a déclaré {PA_last} "
            "devant la presse, ajoutant que de nouveaux accords pourraient être signés {FUTURE}.",
            "La délégation {A_demf} comprenait également les ministres de l'Économie et de "
            "l'Énergie, signe que les discussions ne se limitent plus au volet sécuritaire.",
            "{PB_last} a pour sa part salué « la qualité de la relation » entre les deux pays et "
            "annoncé une visite prochaine à {A_cap}.",
            "Un dîner officiel a été offert en l'honneur de la délégation, en présence de "
            "plusieurs chefs d'entreprise des deux pays.",
        ),
        ("Un partenariat stratégique", "Au-delà du volet sécuritaire", "Des axes de coopération"),
    ),
    StoryType(
        "accusation",
        (
            "{cA} accuse {B} de soutenir les groupes armés",
            "Tensions diplomatiques : {A_cap} hausse le ton contre {B_cap}",
            "{A_name} : le gouvernement dénonce l'ingérence {B_demf}",
            "Passe d'armes entre {A_cap} et {B_cap}",
        ),
        (
            "{PA} a accusé {DATE} {B} de « déstabiliser » la région en apportant un appui aux "
            "groupes armés qui opèrent le long de la frontière.",
            "Le gouvernement {A_dem} a dénoncé {DATE}, dans un communiqué, l'« ingérence » {B_de} "
            "dans ses affaires intérieures.",
            "{PA} a vivement critiqué {DATE} la politique {B_de}, qualifiée d'« hostile » et de "
            "« contraire au droit international ».",
        ),
        (
            "{cB} a aussitôt rejeté ces accusations. {cPB} les a qualifiées d'« allégations sans "
            "fondement et dénuées de toute preuve concrète ».",
            "Dans un entretien accordé à la télévision publique, {PA_last} a réitéré ses griefs "
            "et exigé des « explications claires » de la part {B_de}.",
            "À {B_cap}, on évoque au contraire une « campagne de désinformation » orchestrée pour "
            "détourner l'attention des difficultés intérieures {A_de}.",
            "Les relations entre {A} et {B} se sont nettement dégradées depuis {YEAR}, lorsque "
            "{A_cap} a rappelé son ambassadeur en poste à {B_cap}.",
            "« Nous ne tolérerons plus aucune ingérence dans nos affaires intérieures », a martelé "
            "{PA_last} lors d'une conférence de presse.",
            "Plusieurs observateurs redoutent une escalade verbale entre les deux capitales, "
            "alors que des discussions devaient reprendre {FUTURE}.",
        ),
        ("Un contexte tendu", "Démenti officiel", "Réactions internationales"),
    ),
    StoryType(
        "aid",
        (
            "{cA} annonce une aide de {AMOUNT} {B_a}",
            "Coopération : {B} reçoit du matériel {A_de}",
            "Aide humanitaire : {A_cap} au chevet {B_de}",
            "{A_name}-{B_name} : un nouveau programme d'assistance",
        ),
        (
            "{cA} a annoncé {DATE} le déblocage d'une aide de {AMOUNT} en faveur {B_de}, destinée "
            "notamment aux populations déplacées.",
            "{PA} a remis {DATE} à {PB_full} un lot de matériel médical et de véhicules, dans le cadre "
            "de l'aide {A_demf} {B_a}.",
            "{cA} va financer la formation de {NUM} agents de santé {B_demmp}, a indiqué {DATE} "
            "{PA_full}.",
        ),
        (
            "Ce financement doit soutenir les secteurs de la santé, de l'éducation et de l'accès "
            "à l'eau potable dans plusieurs régions {B_de}.",
            "{PB_last} a salué « un geste fort de solidarité » et remercié les autorités "
            "{A_demfp} pour leur soutien constant.",
            "{cA} figure ces dernières années parmi les principaux bailleurs {B_de}, avec plus "
            "de {NUM2} projets en cours.",
            "Une partie de l'enveloppe servira à réhabiliter des écoles et des centres de santé "
            "détruits lors des inondations, a précisé l'ambassade {A_demf}.",
            "Les organisations humanitaires présentes sur le terrain estiment toutefois que les "
            "besoins restent très supérieurs aux montants annoncés.",
            "La livraison comprend {NUM} tonnes de vivres, des kits médicaux et des groupes "
            "électrogènes, selon l'ambassade {A_demf} à {B_cap}.",
        ),
        ("Une aide ciblée", "Des besoins considérables", "Un partenaire de longue date"),
    ),
    StoryType(
        "sanctions",
        (
            "{cA} impose de nouvelles sanctions {B_a}",
            "Sanctions : {A_cap} gèle les avoirs de responsables {B_demmp}",
            "{A_name}-{B_name} : la rupture est consommée",
            "{cA} suspend sa coopération avec {B}",
        ),
        (
            "{cA} a annoncé {DATE} de nouvelles sanctions contre {B}, visant plusieurs "
            "responsables accusés de violations des droits humains.",
            "Le gouvernement {A_dem} a décidé {DATE} de suspendre sa coopération militaire avec "
            "{B} et d'expulser trois diplomates {B_demmp}.",
            "{cA} a rompu {DATE} ses relations diplomatiques avec {B}, a annoncé {PA_full}.",
        ),
        (
            "Ces mesures prévoient le gel des avoirs et l'interdiction de voyager pour {NUM} "
            "personnalités proches du pouvoir {B_dem}.",
            "{cB} a dénoncé des « mesures unilatérales et illégales » et menacé de prendre des "
            "dispositions de réciprocité.",
            "« Ces sanctions resteront en vigueur tant que la situation ne s'améliorera pas », a "
            "précisé {PA_last}.",
            "Les échanges commerciaux entre les deux pays, estimés à {AMOUNT} par an, pourraient "
            "être fortement affectés.",
            "Les diplomates visés disposent de soixante-douze heures pour quitter le territoire, "
            "selon une note verbale transmise à l'ambassade {B_demf}.",
            "{cPB} a qualifié ces mesures de « provocation » et annoncé que {B} saisirait les "
            "instances internationales.",
        ),
        ("Des mesures ciblées", "Riposte attendue", "Quelles conséquences ?"),
    ),
    StoryType(
        "attack",
        (
            "Attaque meurtrière dans le nord {A_de}",
            "{A_name} : au moins {NUM} soldats tués dans une embuscade",
            "Frappes {A_demfp} près de la frontière {B_demf}",
            "Violents affrontements à la frontière entre {A} et {B}",
        ),
        (
            "Au moins {NUM} soldats ont été tués {DATE} dans une attaque contre une position de "
            "l'armée {A_demf} près de la frontière avec {B}, selon un bilan officiel.",
            "L'armée {A_demf} a mené {DATE} des frappes aériennes contre des positions de groupes "
            "armés, à une centaine de kilomètres de {A_cap}.",
            "Des combattants venus {B_de} ont attaqué {DATE} un poste militaire {A_dem}, a "
            "affirmé {PA_full}.",
        ),
        (
            "L'attaque n'a pas été revendiquée, mais les autorités {A_demfp} soupçonnent un "
            "groupe armé actif dans la zone frontalière.",
            "{cA} accuse régulièrement {B} d'abriter des combattants sur son territoire, ce que "
            "{B_cap} dément.",
            "Des renforts ont été déployés dans la région et un couvre-feu a été instauré dans "
            "plusieurs localités, selon le gouverneur.",
            "{cORG} a condamné l'attaque et appelé toutes les parties à la retenue.",
            "Selon une source sécuritaire, {NUM2} assaillants ont été « neutralisés » lors de la "
            "riposte de l'armée.",
            "Les habitants de la zone décrivent des tirs nourris pendant plusieurs heures et des "
            "familles contraintes de fuir vers les villages voisins.",
            "{cPA} a promis que les auteurs de l'attaque seraient « traqués et punis ».",
        ),
        ("Un bilan lourd", "La piste d'un groupe armé", "Inquiétude régionale"),
    ),
    StoryType(
        "agreement",
        (
            "{cA} et {B} signent un accord de coopération",
            "Énergie : accord entre {A_cap} et {B_cap}",
            "{A_name}-{B_name} : un accord de défense signé à {A_cap}",
        ),
        (
            "{cA} et {B} ont signé {DATE} à {A_cap} un accord de coopération dans les domaines de "
            "l'énergie et des transports.",
            "{PA_full} et {PB_full} ont conclu {DATE} un accord de défense qui prévoit des exercices "
            "conjoints et la formation d'officiers.",
        ),
        (
            "L'accord prévoit la construction d'une centrale solaire d'une capacité de {NUM2} "
            "mégawatts et la formation de techniciens {A_demmp}.",
            "« Cet accord ouvre une nouvelle page de nos relations », s'est félicité{PB_e} "
            "{PB_last}.",
            "Le texte doit encore être ratifié par les parlements des deux pays {FUTURE}.",
            "Un comité mixte sera chargé du suivi de la mise en œuvre et se réunira deux fois par "
            "an, alternativement à {A_cap} et à {B_cap}.",
            "Selon {PA_full}, l'accord permettra de créer plusieurs milliers d'emplois dans les "
            "cinq prochaines années.",
        ),
        ("Ce que prévoit l'accord", "Une nouvelle page", "Calendrier"),
    ),
)

_CONTEXT = (
    "Depuis {YEAR}, {A} a multiplié les partenariats avec de nouveaux acteurs, au grand dam de "
    "ses alliés traditionnels.",
    "La région traverse une grave crise sécuritaire, marquée par la multiplication des attaques "
    "contre les civils et les forces armées.",
    "Pour de nombreux analystes, ce rapprochement illustre la recomposition des alliances sur le "
    "continent et la montée en puissance de nouveaux partenaires.",
    "{cC} et {D} suivent de près l'évolution de la situation, selon des sources diplomatiques.",
    "{cORG} a appelé toutes les parties au dialogue et au respect de la souveraineté des États.",
    "Sur les réseaux sociaux, les réactions ont été nombreuses, entre soutien affiché et "
    "scepticisme quant aux retombées concrètes pour les populations.",
    "Le sujet devrait être à l'ordre du jour du prochain sommet régional, prévu {FUTURE} à "
    "{C_cap}.",
    "L'opposition {A_demf} a dénoncé un manque de transparence et réclamé un débat au "
    "parlement.",
    "Selon des chiffres officiels, le commerce entre {A} et {B} a progressé de {NUM} % sur un an.",
    "{cC}, partenaire historique de la région, n'a pas souhaité commenter ces annonces.",
    "Ces dernières années, {A_cap} a accueilli plusieurs sommets consacrés à la sécurité "
    "régionale et au développement des infrastructures de transport.",
    "Les autorités {A_demfp} assurent que cette politique répond avant tout aux attentes de la "
    "population, qui réclame davantage de sécurité et d'emplois.",
    "Dans un rapport publié en {YEAR}, un centre de recherche estimait que les investissements "
    "étrangers dans la région avaient doublé en dix ans.",
    "La société civile {B_demf} reste partagée : certains saluent une diplomatie plus "
    "offensive, d'autres craignent un isolement croissant.",
    "Interrogé par la presse, un diplomate en poste à {A_cap} a jugé la séquence « révélatrice "
    "d'un changement d'époque ».",
    "Les prochaines semaines diront si ces annonces se traduisent par des mesures concrètes sur "
    "le terrain.",
    "Sur le plan économique, {A} mise sur l'exploitation de ses ressources minières et sur de "
    "grands chantiers d'infrastructures, financés en partie par des partenaires étrangers. Mais "
    "l'insécurité persistante dans plusieurs provinces freine les investissements, et les "
    "bailleurs multilatéraux conditionnent désormais leurs décaissements à des réformes de la "
    "gouvernance et de la gestion des finances publiques.",
    "Sur le plan diplomatique, la séquence s'inscrit dans une compétition plus large entre "
    "puissances pour l'accès aux marchés, aux matières premières et aux bases militaires. {cC} "
    "et {D} ont chacun renforcé leur présence ces dernières années, en multipliant les visites "
    "officielles, les programmes de formation et les lignes de crédit.",
    "Pour les populations, l'essentiel est ailleurs : la hausse des prix des denrées de base, les "
    "coupures d'électricité et le chômage des jeunes restent les premières préoccupations, loin "
    "devant les grandes manœuvres diplomatiques, selon plusieurs enquêtes d'opinion récentes.",
)

_TEASERS = (
    "{A_name} : le gouvernement annonce un remaniement",
    "{cC} et {D} signent un accord commercial",
    "Sécurité : {C_cap} renforce ses effectifs à la frontière",
    "Coup de froid entre {C_cap} et {D_cap}",
    "{C_name}-{D_name} : vers un renforcement des relations militaires",
    "Football : qualification historique pour {C}",
    "Économie : la croissance {C_demf} revue à la hausse",
    "Élections : {D} fixe la date du scrutin",
)

_TEASER_SUMMARIES = (
    "Le gouvernement {C_dem} a confirmé l'information dans un communiqué.",
    "Les autorités {D_demfp} n'ont pas encore réagi à cette annonce.",
    "La décision a été prise à l'issue d'un conseil des ministres extraordinaire.",
    "Une délégation est attendue à {C_cap} dans les prochains jours.",
)

# =============================================================================================
# Pages
# =============================================================================================


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(rng: random.Random, country: Country, other: Country) -> dict[str, str]:
    female = rng.random() < 0.35
    p = Person(rng.choice(_FIRST_F if female else _FIRST_M), rng.choice(_LAST), female)
    role = rng.choice(_ROLES)[1 if female else 0].format(
        d=country.dem, f=country.dem_f, x=other.capital
    )
    full = f"{role} {p.name}"
    # As a subject the apposition is closed by a comma: "le ministre malien, X, a déclaré".
    intro = f"{role}, {p.name}," if rng.random() < 0.7 else full
    return {"": intro, "_full": full, "_name": p.name, "_last": p.last, "_e": "e" if female else ""}


def _context(rng: random.Random, countries: Sequence[Country], d: dt.date) -> dict[str, str]:
    a, b, c, e = rng.sample(list(countries), 4)
    ctx: dict[str, str] = {}
    for label, ct in (("A", a), ("B", b), ("C", c), ("D", e)):
        ctx[label] = ct.the
        ctx[f"{label}_de"] = ct.of
        ctx[f"{label}_a"] = ct.to
        ctx[f"{label}_dem"] = ct.dem
        ctx[f"{label}_demf"] = ct.dem_f
        ctx[f"{label}_demmp"] = ct.dem_mp
        ctx[f"{label}_demfp"] = ct.dem_fp
        ctx[f"{label}_cap"] = ct.capital
        ctx[f"{label}_name"] = ct.name
    for label, ct, other in (("PA", a, b), ("PB", b, a)):
        for suffix, value in _person(rng, ct, other).items():
            ctx[label + suffix] = value
    ctx["ORG"] = rng.choice(_ORGS)
    ctx["DATE"] = date_in_text(d, rng)
    ctx["YEAR"] = str(rng.randrange(2012, d.year))
    ctx["NUM"] = str(rng.randrange(3, 480))
    ctx["NUM2"] = str(rng.randrange(5, 95))
    amount = rng.randrange(2, 900)
    ctx["AMOUNT"] = rng.choice(
        (f"{amount} millions d'euros", f"{amount} millions de dollars", f"{amount} milliards FCFA")
    )
    ctx["FUTURE"] = rng.choice(
        (
            "dans les prochaines semaines",
            "d'ici la fin de l'année",
            f"en {_MONTHS_FR[(d.month + 1) % 12]} prochain",
            "lors du prochain sommet",
        )
    )
    for k in list(ctx):
        if k in ("A", "B", "C", "D", "ORG", "PA", "PB"):
            ctx["c" + k] = _cap(ctx[k])
    return ctx


# Place names that start with an article contract after "à" and "de" ("au Caire", "du Caire").
_CONTRACTIONS = (("à Le ", "au "), ("à Les ", "aux "), ("de Le ", "du "), ("de Les ", "des "))


def _fill(template: str, ctx: dict[str, str]) -> str:
    text = template.format_map(ctx)
    for a, b in _CONTRACTIONS:
        text = text.replace(a, b)
    return _cap(text)


def _teasers(rng: random.Random, countries: Sequence[Country], d: dt.date, k: int) -> list[str]:
    return [_fill(rng.choice(_TEASERS), _context(rng, countries, d)) for _ in range(k)]


def _story(rng: random.Random, countries: Sequence[Country], ctx: dict[str, str]) -> StoryBlocks:
    main = rng.choice(STORIES)
    second = rng.choice([s for s in STORIES if s is not main])
    title = _fill(rng.choice(main.titles), ctx)
    lede = _fill(rng.choice(main.ledes), ctx)
    n_main = rng.randint(3, len(main.paragraphs))
    body = [_fill(p, ctx) for p in rng.sample(main.paragraphs, n_main)]
    body.insert(rng.randrange(len(body) + 1), _fill(rng.choice(second.ledes), ctx))
    for p in rng.sample(_CONTEXT, rng.randint(3, 7)):
        body.insert(rng.randrange(1, len(body) + 1), _fill(p, ctx))
    # Subheadings between paragraphs, as many sites print them.
    for sub in rng.sample(main.subheads, rng.randint(0, 2)):
        body.insert(rng.randrange(1, len(body) + 1), sub)
    standfirst = _fill(rng.choice(main.paragraphs), ctx) if rng.random() < 0.3 else None
    return StoryBlocks(title, lede, body, standfirst)


@dataclass(frozen=True)
class StoryBlocks:
    title: str
    lede: str
    body: list[str]
    standfirst: str | None


def _random_date(rng: random.Random) -> dt.date:
    start = dt.date(2021, 1, 1)
    return start + dt.timedelta(days=rng.randrange((dt.date(2025, 6, 30) - start).days))


def generate_page(rng: random.Random, countries: Sequence[Country]) -> str:
    """One synthetic news page: header furniture, title, byline, dated story, footer furniture."""
    event_day = _random_date(rng)
    published = event_day + dt.timedelta(days=rng.randrange(0, 3))
    fetched = published + dt.timedelta(days=rng.randrange(1, 400))
    ctx = _context(rng, countries, event_day)
    story = _story(rng, countries, ctx)
    outlet = rng.choice(_OUTLETS)
    author = f"{rng.choice(_FIRST_F + _FIRST_M)} {rng.choice(_LAST)}"
    lede = story.lede
    if rng.random() < 0.4:
        lede = f"{ctx['A_cap']}, le {_day(published)} {_MONTHS_FR[published.month - 1]} " \
               f"{published.year} – {lede}"  # fmt: skip
    paragraphs = [lede, *story.body]
    # "Lire aussi" teasers inside the story.
    for _ in range(rng.randint(0, 2)):
        prefix = rng.choice(("Lire aussi :", "À lire aussi :", "A lire :", "LIRE AUSSI -"))
        teaser = f"{prefix} {_teasers(rng, countries, published, 1)[0]}"
        indent = rng.choice(("", "  ", "               "))
        paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), indent + teaser)

    lines: list[str] = []
    layout = rng.randrange(4)
    if layout == 0:
        lines += [date_widget(fetched), rng.choice(("Afrique Relations Internationales",
                                                   "Monde", "International", "Politique")), ""]
        lines += [story.title, ""]
        lines += [f"  • Par {author}", f"  • {date_line(published, rng)}", f"  • {rng.randrange(9)}"]
    elif layout == 1:
        lines += [f"{story.title} - {outlet}", "", "", "", story.title, ""]
        if story.standfirst:
            lines += [story.standfirst, ""]
        lines += [date_line(published, rng)]
    elif layout == 2:
        lines += ["Menu", "", "Accueil", "Politique", "Économie", "Société", "Sport", "", ""]
        lines += [story.title, "", date_line(published, rng)]
        if rng.random() < 0.5:
            lines += [f"Par {author}"]
    else:
        lines += [story.title, "", "Temps de lecture : " + f"{rng.randint(2, 9)} min"]
        lines += [f"{story.title} © DR", "A A A A A", date_line(published, rng)]
    lines.append("")
    for p in paragraphs:
        lines += [p, ""]

    footer = rng.randrange(5)
    if footer == 0:
        lines += ["Laissez un commentaire"]
    elif footer == 1:
        lines += ["Ajouter un commentaire", "", "Leave a Reply", "",
                  "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont "
                  "indiqués avec *", "", "Nom *", "E-mail *", "Publier le commentaire", "",
                  "Les plus lus", ""]  # fmt: skip
        lines += [t for t in _teasers(rng, countries, fetched, rng.randint(3, 6))]
        lines += ["", "To Top"]
    elif footer == 2:
        lines += ["Nouveau commentaire :", "", "", "AUTRES INFOS", ""]
        for t in _teasers(rng, countries, fetched, rng.randint(4, 8)):
            lines += [t, ""]
    elif footer == 3:
        lines += ["Recommandé pour vous", ""]
        for t in _teasers(rng, countries, fetched, rng.randint(3, 5)):
            summary = _fill(rng.choice(_TEASER_SUMMARIES), _context(rng, countries, fetched))
            lines += [t, "", f"{rng.choice(('Afrique', 'Monde'))} - {summary}", ""]
    else:
        lines += ["Partager : Facebook Twitter WhatsApp", "",
                  f"Suivez l'information en direct sur notre chaîne WhatsApp", "",
                  f"© {fetched.year} {outlet}. Tous droits réservés."]  # fmt: skip
    return "\n".join(lines).rstrip() + "\n"


def generate_pages(n: int, seed: int = DEFAULT_SEED) -> list[str]:
    """``n`` distinct pages (by SHA-256), reproducible from ``seed``."""
    rng = random.Random(seed)
    countries = load_countries()
    pages: list[str] = []
    seen: set[str] = set()
    redraws = 0
    while len(pages) < n:
        text = generate_page(rng, countries)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest in seen:
            redraws += 1
            if redraws > 10 * n + 100:
                raise RuntimeError("the generator keeps producing the same pages")
            continue
        seen.add(digest)
        pages.append(text)
    assert len({hashlib.sha256(p.encode("utf-8")).hexdigest() for p in pages}) == n
    return pages


def write_corpus(n: int, folder: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``n`` distinct pages as ``page_00000.txt`` ... into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(generate_pages(n, seed)):
        path = folder / f"page_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
