"""Tests of the article extractor on small invented pages, and on the five seed pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etl.transforms.articles import extract_article, normalize_block
from etl.transforms.types import ArticleRecord

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds_gold.jsonl"


def assert_offsets(raw: str, rec: ArticleRecord) -> None:
    """Every segment maps its body block back to the raw text it came from."""
    assert len(rec.segments) == len(rec.body.split("\n\n")) if rec.body else not rec.segments
    pos = 0
    for seg in rec.segments:
        assert seg.body_start == pos
        block = rec.body[seg.body_start : seg.body_end]
        assert normalize_block(raw[seg.raw_start : seg.raw_end]) == block
        pos = seg.body_end + 2
    if rec.segments:
        assert rec.body_char_start == rec.segments[0].raw_start
        assert rec.body_char_end == rec.segments[-1].raw_end
        assert rec.body_char_start is not None and rec.body_char_end is not None
        assert rec.body_char_start < rec.body_char_end <= len(raw)
    else:
        assert rec.body_char_start is None and rec.body_char_end is None
    assert rec.n_dropped_lines == len(rec.dropped_lines)
    assert rec.n_words == len(rec.body.split())


# --------------------------------------------------------------------------------------------
# A full page: title suffix, repeated title, bullets byline, teasers, captions, footer
# --------------------------------------------------------------------------------------------

SENEGAL_GAMBIA = """\
Frontière : Dakar et Banjul rouvrent le poste de Keur Ayip - Le Courrier du Fleuve



Frontière : Dakar et Banjul rouvrent le poste de Keur Ayip

  • Par Mariama Ndiaye
  • 12 mars 2024
  • 3

Kaolack, le 11 mars 2024 – Les autorités sénégalaises et gambiennes ont annoncé lundi la \
réouverture du poste frontalier de Keur Ayip, fermé depuis trois semaines après des heurts \
entre transporteurs des deux pays.

Lire aussi : Transport routier : les chauffeurs menacent d’une nouvelle grève

Le gouverneur de la région a précisé que les contrôles seraient renforcés pendant un mois et \
que les camions de marchandises passeraient en priorité, le 28 février 2024 ayant été marqué \
par de longues files d’attente.

Un accord signé à Banjul

Les deux délégations se sont réunies jeudi 7 mars dans la capitale gambienne, où elles ont \
adopté un protocole sur la gestion commune du poste et la circulation des personnes.

Le ministre gambien de l’Intérieur lors de la signature du protocole © DR

  Le Mali annonce la construction d’une route vers la frontière guinéenne

Les transporteurs ont salué la décision, tout en réclamant une baisse des taxes prélevées de \
part et d’autre de la frontière.

Partager
Facebook Twitter WhatsApp

Laissez un commentaire

Votre adresse e-mail ne sera pas publiée.

Recommandé pour vous

Le Niger rouvre sa frontière avec le Bénin

Afrique - Niamey a annoncé la reprise des échanges commerciaux avec Cotonou après un an de \
fermeture.

La Guinée et la Sierra Leone signent un accord de pêche

Afrique - Les deux pays ont conclu un accord sur la surveillance de leurs eaux territoriales.
"""


@pytest.fixture(scope="module")
def sen_gmb() -> ArticleRecord:
    return extract_article(SENEGAL_GAMBIA)


def test_title_suffix_gives_title_and_outlet(sen_gmb: ArticleRecord) -> None:
    assert sen_gmb.title == "Frontière : Dakar et Banjul rouvrent le poste de Keur Ayip"
    assert sen_gmb.outlet_name == "Le Courrier du Fleuve"


def test_repeated_title_is_not_body(sen_gmb: ArticleRecord) -> None:
    assert "Keur Ayip\n" not in sen_gmb.body
    assert not sen_gmb.body.startswith("Frontière")
    # The repetition is dropped (and counted), the title source line itself is not counted.
    assert sen_gmb.dropped_lines.count(sen_gmb.title or "") == 1
    assert not any(line.endswith("Le Courrier du Fleuve") for line in sen_gmb.dropped_lines)


def test_bullet_byline_and_meta_date(sen_gmb: ArticleRecord) -> None:
    assert sen_gmb.author_name == "Mariama Ndiaye"
    # The "• 12 mars 2024" meta line wins over the dateline and the dates inside the story.
    assert sen_gmb.published_date == dt.date(2024, 3, 12)
    assert sen_gmb.published_date_precision == "day"
    assert sen_gmb.published_date_text == "12 mars 2024"


def test_story_paragraphs_kept_in_order(sen_gmb: ArticleRecord) -> None:
    paragraphs = sen_gmb.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Kaolack, le 11 mars 2024 – Les autorités")
    assert paragraphs[1].startswith("Le gouverneur de la région")
    assert paragraphs[2].startswith("Les deux délégations")
    assert paragraphs[3].startswith("Les transporteurs ont salué")
    assert_offsets(SENEGAL_GAMBIA, sen_gmb)


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Lire aussi",  # teaser inside the story
        "Un accord signé à Banjul",  # subheading: dropped, but the story goes on after it
        "© DR",  # photo caption
        "Le Mali annonce la construction",  # inline headline of another story
        "Partager",
        "Facebook",
        "Laissez un commentaire",
        "Votre adresse e-mail",
        "Recommandé pour vous",
        "Le Niger rouvre sa frontière",  # sidebar headline
        "Niamey a annoncé la reprise",  # sidebar one-line summary (a sentence!)
        "Guinée et la Sierra Leone",
        "• 3",
    ],
)
def test_boilerplate_dropped(sen_gmb: ArticleRecord, boilerplate: str) -> None:
    assert boilerplate not in sen_gmb.body
    assert any(boilerplate in line for line in sen_gmb.dropped_lines)


def test_language_and_counts(sen_gmb: ArticleRecord) -> None:
    assert sen_gmb.language_code == "fr"
    assert sen_gmb.n_words > 80
    assert not sen_gmb.is_empty
    assert sen_gmb.section_name is None


# --------------------------------------------------------------------------------------------
# Header scrape date above the title vs the byline date below it
# --------------------------------------------------------------------------------------------

CHAD_SUDAN = """\
24 April 2025
Afrique Politique

Le Tchad accuse le Soudan de soutenir des rebelles à la frontière.

  • Par Zara Mahamat
  • novembre 29, 2024
  • 0

Le gouvernement tchadien a accusé les autorités soudanaises de soutenir des groupes armés \
opérant le long de la frontière commune, une accusation aussitôt rejetée par Khartoum, qui \
dénonce une manœuvre de diversion destinée à masquer les difficultés intérieures du pays.

Une frontière difficile à contrôler

La frontière entre les deux pays s’étend sur plus de mille kilomètres et reste difficile à \
surveiller, selon des diplomates en poste à N’Djamena qui évoquent des trafics anciens.

Laissez un commentaire
"""


def test_byline_date_beats_header_scrape_date() -> None:
    rec = extract_article(CHAD_SUDAN)
    assert rec.title == "Le Tchad accuse le Soudan de soutenir des rebelles à la frontière."
    assert rec.section_name == "Afrique Politique"
    assert rec.author_name == "Zara Mahamat"
    assert rec.outlet_name is None
    assert rec.published_date == dt.date(2024, 11, 29)
    assert rec.published_date_text == "novembre 29, 2024"
    assert "Une frontière difficile" not in rec.body
    assert rec.body.count("\n\n") == 1
    assert "24 April 2025" in rec.dropped_lines
    assert_offsets(CHAD_SUDAN, rec)


def test_header_date_in_another_language_is_a_widget() -> None:
    page = CHAD_SUDAN.replace("  • novembre 29, 2024\n", "")
    rec = extract_article(page)
    assert rec.published_date is None


def test_header_date_alone_is_a_fallback_unless_it_is_the_fetch_date() -> None:
    page = CHAD_SUDAN.replace("24 April 2025", "mercredi 27 novembre 2024").replace(
        "  • novembre 29, 2024\n", ""
    )
    assert extract_article(page).published_date == dt.date(2024, 11, 27)
    fetched = extract_article(page, fetched_date=dt.date(2024, 11, 27))
    assert fetched.published_date is None


def test_date_after_fetch_date_is_rejected() -> None:
    rec = extract_article(CHAD_SUDAN, fetched_date=dt.date(2024, 6, 1))
    assert rec.published_date is None


# --------------------------------------------------------------------------------------------
# Publication-date formats in the meta zone
# --------------------------------------------------------------------------------------------

GUINEA_TEMPLATE = """\
Politique
La Guinée et la Sierra Leone relancent leur commission frontalière
{meta}
Les ministres des Affaires étrangères de Guinée et de Sierra Leone ont relancé la commission \
chargée de la démarcation de leur frontière commune, en sommeil depuis plusieurs années, lors \
d’une réunion tenue à Conakry le 3 juillet 2023.
Les deux pays se disputent depuis longtemps la localité de Yenga, occupée par des soldats \
guinéens puis restituée à la Sierra Leone, selon un accord signé lundi 23 juin.
"""


@pytest.mark.parametrize(
    ("meta", "expected", "text"),
    [
        ("29 novembre 2024", dt.date(2024, 11, 29), "29 novembre 2024"),
        ("novembre 29, 2024", dt.date(2024, 11, 29), "novembre 29, 2024"),
        ("Jeudi 29 Février 2024", dt.date(2024, 2, 29), "Jeudi 29 Février 2024"),
        ("01/08/2024", dt.date(2024, 8, 1), "01/08/2024"),
        ("2024-08-01", dt.date(2024, 8, 1), "2024-08-01"),
        ("Publié le 01/08/2024 à 10h30", dt.date(2024, 8, 1), "01/08/2024"),
        (
            "Mis à jour le 03/08/2024 à 18h02 | Publié le 01/08/2024 à 10h30",
            dt.date(2024, 8, 1),
            "01/08/2024",
        ),
        ("Par Fodé Camara, le 2 août 2024", dt.date(2024, 8, 2), "2 août 2024"),
        ("Rédigé par Fodé Camara | 2 août 2024", dt.date(2024, 8, 2), "2 août 2024"),
        ("Posted on August 2, 2024 by Fodé Camara", dt.date(2024, 8, 2), "August 2, 2024"),
    ],
)
def test_meta_date_formats(meta: str, expected: dt.date, text: str) -> None:
    rec = extract_article(GUINEA_TEMPLATE.format(meta=meta))
    assert rec.title == "La Guinée et la Sierra Leone relancent leur commission frontalière"
    assert rec.section_name == "Politique"
    assert rec.published_date == expected
    assert rec.published_date_text == text
    assert rec.published_date_precision == "day"
    assert meta not in rec.body
    assert rec.body.count("\n\n") == 1


@pytest.mark.parametrize("stamp", ["Il y a 3 heures", "Publié hier à 18h30", "2 hours ago"])
def test_relative_time_stamp_is_meta_but_never_a_date(stamp: str) -> None:
    rec = extract_article(GUINEA_TEMPLATE.format(meta=stamp))
    assert rec.title == "La Guinée et la Sierra Leone relancent leur commission frontalière"
    assert rec.published_date is None
    assert stamp not in rec.body


def test_story_internal_dates_are_not_publication_dates() -> None:
    rec = extract_article(GUINEA_TEMPLATE.format(meta=""))
    # "le 3 juillet 2023" and "lundi 23 juin" are events of the story, not the page's date.
    assert rec.published_date is None
    assert rec.published_date_text is None
    assert rec.published_date_precision is None
    assert "3 juillet 2023" in rec.body


def test_byline_with_date_gives_author() -> None:
    rec = extract_article(GUINEA_TEMPLATE.format(meta="Par Fodé Camara, le 2 août 2024"))
    assert rec.author_name == "Fodé Camara"


# --------------------------------------------------------------------------------------------
# Dateline, truncated teaser of the lede, weekday date line, sidebars
# --------------------------------------------------------------------------------------------

NIGER_BENIN = """\
Niger-Bénin : vers la réouverture du corridor commercial - Le Quotidien du Fleuve

Niger-Bénin : vers la réouverture du corridor commercial

Niamey, le 1er août 2024 – Dans un contexte marqué par la fermeture prolongée de la frontière, le…

Le Niger et le Bénin veulent rouvrir le corridor commercial qui relie Cotonou à Niamey.

Niamey, le 1er août 2024 – Dans un contexte marqué par la fermeture prolongée de la frontière, \
le Niger et le Bénin ont annoncé la reprise de leurs discussions. Lors d’une réunion tenue le \
jeudi 01 août 2024, les deux ministres du Commerce ont évoqué un calendrier de réouverture.

Les commerçants des deux pays réclament depuis des mois la levée des restrictions, qui ont fait \
flamber les prix des produits de première nécessité sur les marchés de Niamey.

Suivez l'information en direct sur notre chaîne WHATSAPP
"""


def test_dateline_date_and_truncated_lede_dropped() -> None:
    rec = extract_article(NIGER_BENIN)
    assert rec.title == "Niger-Bénin : vers la réouverture du corridor commercial"
    assert rec.outlet_name == "Le Quotidien du Fleuve"
    assert rec.author_name is None
    assert rec.published_date == dt.date(2024, 8, 1)
    assert rec.published_date_text == "1er août 2024"
    assert "le…" not in rec.body
    assert rec.body.count("Niamey, le 1er août 2024") == 1
    assert rec.body.startswith("Le Niger et le Bénin veulent")
    assert "WHATSAPP" not in rec.body
    assert_offsets(NIGER_BENIN, rec)


GHANA_TOGO = """\
Menu



Le Ghana et le Togo renforcent leur coopération sécuritaire

Jeudi 29 Février 2024

Les ministres ghanéen et togolais de la Sécurité sont, depuis ce mercredi 28 février, réunis \
à Lomé pour évaluer la coopération entre leurs services face à la menace venue du Sahel.

A lire : Sahel : les pays côtiers face à la menace jihadiste
Dans la matinée de ce mercredi, les deux délégations ont été reçues par le Premier ministre \
togolais, qui a salué « une coopération exemplaire » entre les deux voisins.

Des patrouilles communes
Les deux pays envisagent d’organiser des patrouilles communes le long de leur frontière nord, \
où plusieurs incidents ont été signalés ces derniers mois.

Nouveau commentaire :

AUTRES INFOS

Football : le club de Kumasi recrute un attaquant togolais

Basket : la sélection du Ghana qualifiée pour la phase finale

Cyclisme : le Tour du Togo change de parcours cette année
"""


def test_weekday_date_line_and_autres_infos_sidebar() -> None:
    rec = extract_article(GHANA_TOGO)
    assert rec.title == "Le Ghana et le Togo renforcent leur coopération sécuritaire"
    assert rec.published_date == dt.date(2024, 2, 29)
    assert rec.published_date_text == "Jeudi 29 Février 2024"
    assert rec.section_name is None
    paragraphs = rec.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Dans la matinée")  # teaser on the line above dropped
    assert paragraphs[2].startswith("Les deux pays envisagent")  # subheading above dropped
    for gone in ("A lire", "Des patrouilles communes", "AUTRES INFOS", "Football", "Cyclisme"):
        assert gone not in rec.body
    assert_offsets(GHANA_TOGO, rec)


# --------------------------------------------------------------------------------------------
# An English page
# --------------------------------------------------------------------------------------------

CANADA = """\
Home
Politics
Canada and Mexico agree to expand seasonal worker program | Northern Ledger

Canada and Mexico agree to expand seasonal worker program

By Jane McAllister
Published 24 April 2025
Updated 25 April 2025

OTTAWA — Canada and Mexico agreed on Thursday to expand a program that brings seasonal farm \
workers north each spring, the two governments said in a joint statement issued after talks.

Related: Ottawa reviews temporary foreign worker rules

The agreement, which was negotiated over several months, will raise the number of permits and \
create a joint committee to hear complaints from workers about housing and wages.

Share this article
Facebook Twitter Email

Most Read
Province announces new transit funding
Wildfire season expected to start early this year
"""


def test_english_page() -> None:
    rec = extract_article(CANADA)
    assert rec.language_code == "en"
    assert rec.title == "Canada and Mexico agree to expand seasonal worker program"
    assert rec.outlet_name == "Northern Ledger"
    assert rec.author_name == "Jane McAllister"
    assert rec.section_name == "Politics"
    assert rec.published_date == dt.date(2025, 4, 24)  # published, not updated
    assert rec.published_date_text == "24 April 2025"
    assert rec.body.startswith("OTTAWA — Canada and Mexico")
    assert rec.body.count("\n\n") == 1
    for gone in ("Related", "Share", "Facebook", "Most Read", "Wildfire"):
        assert gone not in rec.body
    assert_offsets(CANADA, rec)


# --------------------------------------------------------------------------------------------
# Sidebar lists, inline headlines
# --------------------------------------------------------------------------------------------

BURKINA_UN = """\
Le Burkina Faso convoque la représentante des Nations unies

Ouagadougou a convoqué mardi la coordonnatrice résidente des Nations unies pour lui signifier \
son désaccord avec un rapport sur la situation humanitaire dans le nord du pays, jugé partial.

    La Côte d’Ivoire accueille un forum régional sur l’emploi des jeunes

Le gouvernement reproche aux auteurs du rapport de ne pas avoir consulté les autorités locales \
avant sa publication et demande qu’il soit retiré du site de l’organisation.

Les plus lus

Le Togo adopte une nouvelle loi sur la presse

Afrique - Le Parlement togolais a adopté une loi qui encadre les médias en ligne.

Le Bénin et le Nigeria relancent leur commission mixte

Afrique - Cotonou et Abuja ont tenu la première session de leur commission depuis cinq ans.
"""


def test_inline_headline_and_most_read_list_dropped() -> None:
    rec = extract_article(BURKINA_UN)
    assert rec.title == "Le Burkina Faso convoque la représentante des Nations unies"
    paragraphs = rec.body.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Ouagadougou a convoqué")
    assert paragraphs[1].startswith("Le gouvernement reproche")
    for gone in ("Côte d’Ivoire", "Les plus lus", "Togo", "Cotonou et Abuja"):
        assert gone not in rec.body
    assert rec.published_date is None
    assert_offsets(BURKINA_UN, rec)


def test_card_list_after_story_without_heading_dropped() -> None:
    page = """\
La Guinée-Bissau suspend la coopération militaire avec la Gambie
Bissau, le 10 octobre 2024 - Le gouvernement bissau-guinéen a suspendu jeudi la coopération \
militaire avec la Gambie voisine, invoquant des incidents répétés le long de la frontière.
Selon un communiqué du ministère de la Défense, une patrouille gambienne aurait franchi la \
frontière à deux reprises, ce que Banjul dément en évoquant un simple exercice d’entraînement.
Le Cap-Vert inaugure un nouveau port
Praia - Le nouveau terminal doit doubler la capacité du port.
Le Liberia adopte son budget
Monrovia - Le Parlement a voté le budget après deux mois de débats.
Sierra Leone : remaniement ministériel
Freetown - Le président a nommé trois nouveaux ministres.
"""
    rec = extract_article(page)
    assert rec.published_date == dt.date(2024, 10, 10)
    assert rec.body.count("\n\n") == 1
    assert "Praia" not in rec.body and "Freetown" not in rec.body


def test_teaser_box_inside_story_then_story_resumes() -> None:
    page = """\
Le Kenya déploie des policiers supplémentaires en Haïti
Nairobi a annoncé jeudi l’envoi de six cents policiers supplémentaires en Haïti, où la mission \
multinationale qu’il dirige peine à reprendre le contrôle des quartiers tenus par les gangs.
À lire aussi
Haïti : le Conseil présidentiel de transition nomme un nouveau Premier ministre
Les gangs étendent leur emprise sur la capitale haïtienne
Le président kényan a défendu cette décision devant le Parlement, estimant que son pays avait \
une responsabilité particulière envers Haïti et que le retrait de la mission serait un signal \
désastreux pour la région et pour la crédibilité des opérations menées sous mandat onusien.
Plusieurs députés de l’opposition ont contesté ce choix, rappelant que la Haute Cour avait \
d’abord jugé le déploiement inconstitutionnel en janvier 2024.
"""
    rec = extract_article(page)
    paragraphs = rec.body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Le président kényan")
    assert "Conseil présidentiel" not in rec.body and "À lire aussi" not in rec.body
    assert rec.published_date is None  # "en janvier 2024" is inside the story


def test_standfirst_is_not_the_title_and_comments_are_not_the_story() -> None:
    page = """\
Accueil | Politique | Économie | Sport
Bénin : l’opposition boycotte les législatives
Les principaux partis d’opposition ont annoncé qu’ils ne présenteraient pas de candidats au \
scrutin de janvier, dénonçant un code électoral verrouillé
Par Romuald Hounsou - envoyé spécial à Porto-Novo
Mis à jour le 12 décembre 2024 à 10:30
Les trois principaux partis d’opposition béninois ont annoncé mercredi leur retrait des \
élections législatives, estimant que les conditions d’un scrutin transparent n’étaient pas \
réunies.
Publicité
« Nous ne servirons pas de caution à une mascarade », a déclaré le porte-parole de la \
coalition lors d’une conférence de presse à Cotonou.
3 réflexions sur « Bénin : l’opposition boycotte les législatives »
Kossi dit : Je pense que l'opposition a raison de boycotter ce scrutin, car les règles du jeu \
ont été changées au dernier moment par le pouvoir en place.
Ablavi dit : C'est une erreur, il faut toujours participer aux élections pour faire entendre sa \
voix, sinon on laisse le champ libre au pouvoir.
"""
    rec = extract_article(page)
    assert rec.title == "Bénin : l’opposition boycotte les législatives"
    assert rec.section_name is None  # a "A | B | C" menu is not a breadcrumb
    assert rec.author_name == "Romuald Hounsou"
    assert rec.published_date == dt.date(2024, 12, 12)  # only an update date: still the best
    assert rec.body.count("\n\n") == 1
    assert "Publicité" not in rec.body
    assert "Kossi" not in rec.body and "Ablavi" not in rec.body


def test_trending_headlines_above_the_title() -> None:
    page = """\
Tendances
Côte d’Ivoire : le parti au pouvoir désigne son candidat
Guinée : le référendum constitutionnel fixé au 21 septembre
Burkina : nouvelles attaques dans l’Est
Mali : la junte dissout les partis politiques
Par Boubacar Traoré
14 mai 2025
Les autorités de transition maliennes ont annoncé mardi la dissolution de tous les partis \
politiques et des organisations à caractère politique, par un décret lu à la télévision.
Cette décision intervient quelques jours après des manifestations inédites à Bamako pour \
réclamer le retour à l’ordre constitutionnel et la fin de la transition.
"""
    rec = extract_article(page)
    assert rec.title == "Mali : la junte dissout les partis politiques"
    assert rec.author_name == "Boubacar Traoré"
    assert rec.published_date == dt.date(2025, 5, 14)
    assert "Guinée" not in rec.body


STORY_TEMPLATE = """\
L’Éthiopie et la Somalie rétablissent leurs relations diplomatiques

Addis-Abeba et Mogadiscio ont annoncé mardi le rétablissement de leurs relations diplomatiques, \
rompues depuis un différend sur l’accès à la mer, après une médiation conduite par la Turquie.

{furniture}

Les deux gouvernements doivent désormais rouvrir leurs ambassades et relancer une commission \
mixte sur la sécurité à la frontière, a précisé le ministère somalien des Affaires étrangères.
"""
FIRST = "Addis-Abeba et Mogadiscio ont annoncé mardi"
SECOND = "Les deux gouvernements doivent désormais"


@pytest.mark.parametrize(
    "furniture",
    [
        "Temps de lecture : 3 min",
        "A A A",
        "Publicité",
        "pub",
        "To Top",
        "Menu",
        "Partager sur Facebook",
        "Facebook Twitter WhatsApp LinkedIn",
        "Suivez-nous sur notre chaîne WhatsApp",
        "Crédit photo : DR",
        "Photo : archives",
        "Le Premier ministre éthiopien lors de la cérémonie © AFP",
        "• 0",
        "• Par Hana Tesfaye",
        "LIRE AUSSI : Corne de l’Afrique : la Turquie multiplie les médiations",
        "Voir aussi : La Somalie accuse l’Éthiopie d’ingérence",
        "Sur le même sujet : Mogadiscio rappelle son ambassadeur",
        "À lire – Le port de Berbera au cœur des tensions",
        "Related: Turkey hosts talks between Ethiopia and Somalia",
        "Une médiation turque",  # a subheading
        "   Le Kenya renforce sa présence militaire à la frontière somalienne",  # inline headline
        "Addis-Abeba et Mogadiscio ont annoncé mardi le rétablissement de leurs relations…",
    ],
)
def test_furniture_between_paragraphs_is_dropped(furniture: str) -> None:
    page = STORY_TEMPLATE.format(furniture=furniture)
    rec = extract_article(page)
    assert rec.title == "L’Éthiopie et la Somalie rétablissent leurs relations diplomatiques"
    paragraphs = rec.body.split("\n\n")
    assert len(paragraphs) == 2, rec.body
    assert paragraphs[0].startswith(FIRST)
    assert paragraphs[1].startswith(SECOND)
    assert normalize_block(furniture) in rec.dropped_lines
    assert_offsets(page, rec)


@pytest.mark.parametrize(
    "heading",
    [
        "Recommandé pour vous",
        "Les plus lus",
        "AUTRES INFOS",
        "À la une",
        "Dans la même rubrique",
        "Articles similaires",
        "Vous aimerez aussi",
        "You may also like",
        "Laissez un commentaire",
        "Ajouter un commentaire",
        "Leave a Reply",
        "Nouveau commentaire :",
        "2 commentaires",
    ],
)
def test_everything_after_a_footer_heading_is_dropped(heading: str) -> None:
    cards = """\
Le Soudan du Sud reporte ses élections

Afrique - Le gouvernement de Djouba a annoncé un nouveau report du scrutin présidentiel de deux \
ans, invoquant des difficultés financières.

L’Érythrée rejoint une initiative régionale

Afrique - Asmara a accepté de participer aux discussions sur la sécurité de la mer Rouge.
"""
    furniture = "Une médiation turque"
    page = (
        STORY_TEMPLATE.format(furniture=furniture)
        + "\nUn troisième paragraphe rappelle que les deux pays partagent une longue frontière et "
        + "que leurs économies restent étroitement liées par les échanges commerciaux.\n\n"
        + heading
        + "\n\n"
        + cards
    )
    rec = extract_article(page)
    assert rec.body.count("\n\n") == 2
    assert rec.body.split("\n\n")[2].startswith("Un troisième paragraphe")
    for gone in (heading, "Soudan du Sud", "Djouba", "Érythrée", "Asmara"):
        assert gone not in rec.body


def test_paragraph_ending_with_agency_signature_is_kept() -> None:
    page = STORY_TEMPLATE.format(furniture="").replace(
        "Affaires étrangères.", "Affaires étrangères. (AFP)"
    )
    rec = extract_article(page)
    assert rec.body.endswith("Affaires étrangères. (AFP)")


def test_a_stored_excerpts_date_line_gives_the_publication_day() -> None:
    story = (
        "Le gouvernement a annoncé mardi la fermeture de sa frontière avec le pays voisin, "
        "après plusieurs semaines de tensions entre les deux capitales."
    )
    rec = extract_article(f" date 2025-03-18 {story}\n\nLa décision prend effet immédiatement.")
    assert rec.published_date == dt.date(2025, 3, 18)
    assert rec.published_date_precision == "day"
    # A month alone is no publication day: it is kept at its precision.
    rec = extract_article(f" date 2025-03 {story}\n\nLa décision prend effet immédiatement.")
    assert (rec.published_date, rec.published_date_precision) == (dt.date(2025, 3, 1), "month")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Frontière fermée, dit Niamey 06/03/2025 | 07:09 Envoyer par e-mail :", (2025, 3, 6)),
        ("Frontière fermée (Mis à jour le 18 mars 2025 10h53)", (2025, 3, 18)),
        # No clock: a date the headline talks about, not the page's time stamp.
        ("Retour sur la crise du 6 mars 2025", None),
        # A stamp outside the excerpt's month is not this page's day.
        ("Frontière fermée, dit Niamey 28/02/2025 | 07:09 Envoyer par e-mail :", None),
    ],
)
def test_a_time_stamp_on_a_month_excerpts_line_gives_the_day(
    head: str, expected: tuple[int, int, int] | None
) -> None:
    story = (
        "Le gouvernement a annoncé mardi la fermeture de sa frontière avec le pays voisin, "
        "après plusieurs semaines de tensions entre les deux capitales."
    )
    rec = extract_article(f" date 2025-03 {head}\n\n{story}")
    if expected is None:
        assert rec.published_date_precision == "month"
    else:
        assert (rec.published_date, rec.published_date_precision) == (dt.date(*expected), "day")


def test_a_last_paragraph_cut_mid_sentence_keeps_its_whole_sentences() -> None:
    raw = (
        "Le Soudan rompt avec les Émirats\n\n"
        "Le Soudan a rompu mardi ses relations diplomatiques avec les Émirats arabes unis, qu'il "
        "accuse de fournir des drones aux paramilitaires.\n\n"
        "Malgré les accusations, Abou Dhabi nie toute implication. La Cour internationale de "
        "justice a d'ailleurs rejeté "
    )
    body = extract_article(raw).body
    assert "Abou Dhabi nie toute implication." in body


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        # The excerpt stops inside the paragraph's only sentence: still the story.
        ("Le Tchad demande au Soudan d'enquêter sur l'incident et de sanctionner les", True),
        ("Les deux pays avaient rappelé leurs ambassadeurs après la", True),
        # Too short to tell from a menu or a caption.
        ("Le Tchad demande au Soudan", False),
    ],
)
def test_a_pages_last_line_cut_inside_its_only_sentence_is_kept(last: str, kept: bool) -> None:
    raw = (
        "Le Soudan rompt avec le Tchad\n\n"
        "Le Soudan a rompu mardi ses relations diplomatiques avec le Tchad, qu'il accuse de "
        "laisser passer des armes destinées aux paramilitaires.\n\n"
        "N'Djamena dément toute implication et dénonce une campagne de désinformation menée "
        "depuis Port-Soudan.\n\n"
        f"{last}\n"
    )
    assert (last in extract_article(raw).body) is kept


def test_a_long_last_paragraph_after_a_teaser_resumes_the_story() -> None:
    last = (
        "Le ministre des Affaires étrangères, qui a reçu l'ambassadeur, a exprimé la protestation "
        "des autorités contre le mode opératoire des refoulements et lui a demandé d'intercéder "
        "auprès de son gouvernement pour que les expulsions cessent, rappelant que les deux pays "
        "partagent des milliers de kilomètres de frontière"
    )
    raw = (
        "Niamey convoque l'ambassadeur d'Algérie\n\n"
        "Le Niger a convoqué mercredi l'ambassadeur d'Algérie pour protester contre le refoulement "
        "de centaines de migrants vers sa frontière, selon un communiqué officiel.\n\n"
        "Les expulsions se sont multipliées ces derniers mois, selon plusieurs organisations "
        "humanitaires présentes dans la région d'Agadez.\n\n"
        "À lire aussi\n\n"
        "Niger : quatre soldats tués dans une attaque près de la frontière malienne\n\n"
        f"{last}\n"
    )
    body = extract_article(raw).body
    assert last in body
    assert "quatre soldats tués" not in body


# --------------------------------------------------------------------------------------------
# Publication dates that wire copy and short pages give in their first lines
# --------------------------------------------------------------------------------------------

_STORY = (
    "Le gouvernement a convoqué l'ambassadeur de son voisin après l'incident survenu à la "
    "frontière, selon un communiqué du ministère des Affaires étrangères.\n\n"
    "Les deux capitales s'accusent mutuellement depuis plusieurs semaines de soutenir des "
    "groupes armés actifs dans la région frontalière."
)


def test_a_wire_lede_between_bars_stays_in_the_story_and_dates_the_page() -> None:
    lede = (
        "Dakar, Sénégal | AFP | jeudi 14/03/2024 - Le Sénégal a rappelé jeudi son ambassadeur "
        "en poste dans le pays voisin pour consultations, au lendemain de la fermeture d'un "
        "poste-frontière décidée sans concertation par les autorités de Banjul."
    )
    rec = extract_article(lede + "\n\n" + _STORY)
    assert rec.body.startswith("Dakar, Sénégal | AFP")
    assert rec.published_date == dt.date(2024, 3, 14)


def test_an_agency_or_site_time_stamp_is_a_date_line_not_a_title() -> None:
    for stamp in (
        "Agence France-Presse 2 avril 2023 à 09h41",
        "afrique.example.org | 2023-04-02 à 09:41",
    ):
        rec = extract_article(stamp + "\n" + _STORY)
        assert rec.published_date == dt.date(2023, 4, 2), stamp
        assert rec.title != stamp
        assert rec.body.startswith("Le gouvernement a convoqué")


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("a reçu ce mardi 5 novembre 2024 son homologue", dt.date(2024, 11, 5)),
        # No year: the latest year the page names (2021) gives Tuesday 25 May.
        (
            "a reçu ce mardi 25 mai son homologue, six mois après la crise de 2021,",
            dt.date(2021, 5, 25),
        ),
        ("a reçu ce 5 novembre 2024 son homologue", dt.date(2024, 11, 5)),
        # Neither a year on the page nor a weekday: no day can be told.
        ("a reçu ce 5 novembre son homologue", None),
        # "le" is not "ce": a day of the story, not necessarily the day of writing.
        ("a reçu le mardi 5 novembre 2024 son homologue", None),
    ],
)
def test_the_day_a_lead_calls_ce_is_the_publication_date(
    lead: str, expected: dt.date | None
) -> None:
    page = f"Visite officielle sous tension\n\nLe président {lead} pour évoquer la crise.\n\n"
    rec = extract_article(page + _STORY)
    assert rec.title == "Visite officielle sous tension"
    assert rec.published_date == expected
    assert rec.published_date_precision == (None if expected is None else "day")
