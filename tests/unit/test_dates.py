"""Tests for etl.transforms.dates: finding date mentions and anchoring them to calendar dates."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.transforms.dates import (
    RELATIVE_WORDS,
    find_date_mentions,
    parse_date_text,
    resolve_date,
    weekday_name_fr,
)
from etl.transforms.types import DateMention

D = dt.date
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# (year, month, day, weekday, relative)
Fields = tuple[int | None, int | None, int | None, int | None, str | None]


def F(
    year: int | None = None,
    month: int | None = None,
    day: int | None = None,
    *,
    weekday: int | None = None,
    relative: str | None = None,
) -> Fields:
    """Expected mention fields, naming only those that are set."""
    return (year, month, day, weekday, relative)


def _only(text: str) -> DateMention:
    mentions = find_date_mentions(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


def _fields(m: DateMention) -> Fields:
    return (m.year, m.month, m.day, m.weekday, m.relative)


# --------------------------------------------------------------------------------------------
# find_date_mentions: one expression per sentence
# --------------------------------------------------------------------------------------------

SINGLE_MENTIONS: list[tuple[str, str, Fields]] = [
    # day month year
    ("Le parlement a voté la loi le 29 novembre 2024.", "29 novembre 2024", F(2024, 11, 29)),
    ("Les urnes ont ouvert le 1er août 2024 à Accra.", "1er août 2024", F(2024, 8, 1)),
    ("1er août 2024 : ouverture du sommet.", "1er août 2024", F(2024, 8, 1)),
    ("Accord signé le 1re mai 2023 à Lomé.", "1re mai 2023", F(2023, 5, 1)),
    ("Publié le 1ᵉʳ mars 2022 par la rédaction.", "1ᵉʳ mars 2022", F(2022, 3, 1)),
    ("Mis à jour le 3 octobre 1990.", "3 octobre 1990", F(1990, 10, 3)),
    ("LE 14 JUILLET 2021, DÉFILÉ À DAKAR", "14 JUILLET 2021", F(2021, 7, 14)),
    # accents optional
    ("La trêve expire le 2 fevrier 2025.", "2 fevrier 2025", F(2025, 2, 2)),
    ("Elle est rentrée le 15 aout 2019.", "15 aout 2019", F(2019, 8, 15)),
    ("Rencontre prévue le 9 decembre 2026 à Rabat.", "9 decembre 2026", F(2026, 12, 9)),
    # weekday + day + month + year
    ("Jeudi 29 Février 2024 - Politique", "Jeudi 29 Février 2024", F(2024, 2, 29, weekday=THU)),
    ("jeudi 01 août 2024, 18:45", "jeudi 01 août 2024", F(2024, 8, 1, weekday=THU)),
    (
        "Le vote a eu lieu le dimanche 7 juillet 2024.",
        "dimanche 7 juillet 2024",
        F(2024, 7, 7, weekday=SUN),
    ),
    ("jeu. 29 févr. 2024 à 12h00", "jeu. 29 févr. 2024", F(2024, 2, 29, weekday=THU)),
    # weekday + day + month, no year
    (
        "Le ministre a démissionné ce mercredi 28 février.",
        "ce mercredi 28 février",
        F(month=2, day=28, weekday=WED),
    ),
    ("La grève commence lundi 23 juin.", "lundi 23 juin", F(month=6, day=23, weekday=MON)),
    # day + month, no year
    ("Les pourparlers reprennent le 28 février à Genève.", "28 février", F(month=2, day=28)),
    ("Un décret publié le 3 janv. annonçait la mesure.", "3 janv", F(month=1, day=3)),
    (
        "Le cessez-le-feu du 12 juin dernier a été rompu.",
        "12 juin dernier",
        F(month=6, day=12, relative="past"),
    ),
    (
        "Les élections du 4 mai prochain approchent.",
        "4 mai prochain",
        F(month=5, day=4, relative="future"),
    ),
    # US-style order (WordPress date lines)
    ("novembre 29, 2024", "novembre 29, 2024", F(2024, 11, 29)),
    ("Posté le janvier 5, 2023 par admin", "janvier 5, 2023", F(2023, 1, 5)),
    # numeric, French order
    ("Date : 01/08/2024", "01/08/2024", F(2024, 8, 1)),
    ("Date : 1/8/2024", "1/8/2024", F(2024, 8, 1)),
    ("Mis en ligne le 01.08.2024 à 09:12", "01.08.2024", F(2024, 8, 1)),
    ("Mis en ligne le 01-08-2024", "01-08-2024", F(2024, 8, 1)),
    ("Publié le 25/12/23 à 8h", "25/12/23", F(2023, 12, 25)),
    # ISO
    ("datePublished: 2024-08-01", "2024-08-01", F(2024, 8, 1)),
    ('"2024-08-01T10:00:00"', "2024-08-01T10:00:00", F(2024, 8, 1)),
    ("modifié 2023-11-05T22:14:09+01:00 (UTC+1)", "2023-11-05T22:14:09+01:00", F(2023, 11, 5)),
    # English
    ("The summit opened on 24 April 2025 in Nairobi.", "24 April 2025", F(2025, 4, 24)),
    ("The summit opened on April 24, 2025 in Nairobi.", "April 24, 2025", F(2025, 4, 24)),
    ("Thursday 24 April 2025 | World", "Thursday 24 April 2025", F(2025, 4, 24, weekday=THU)),
    ("Thursday, April 24, 2025", "Thursday, April 24, 2025", F(2025, 4, 24, weekday=THU)),
    ("Talks resumed on the 3rd of March 2021.", "3rd of March 2021", F(2021, 3, 3)),
    # abbreviated months
    ("Le 12 janv. 2025, la junte a réagi.", "12 janv. 2025", F(2025, 1, 12)),
    ("Le 8 févr. 2024, les troupes ont quitté la base.", "8 févr. 2024", F(2024, 2, 8)),
    ("Le 21 sept. 2022, le port a rouvert.", "21 sept. 2022", F(2022, 9, 21)),
    ("Le 5 déc. 2020, la frontière a fermé.", "5 déc. 2020", F(2020, 12, 5)),
    ("Updated Jan 5, 2024", "Jan 5, 2024", F(2024, 1, 5)),
    ("Posted 9 Sept 2023", "9 Sept 2023", F(2023, 9, 9)),
    # month + year
    ("Le référendum est prévu en août 2024.", "août 2024", F(2024, 8)),
    ("Bilan de mars 2023 : hausse des prix.", "mars 2023", F(2023, 3)),
    ("La mission a pris fin début juin 2022.", "début juin 2022", F(2022, 6)),
    ("La mission a pris fin mi-juin 2022.", "mi-juin 2022", F(2022, 6)),
    ("Le rapport de janv. 2025 le confirme.", "janv. 2025", F(2025, 1)),
    # month without year: only with a cue
    ("Le gouvernement tombera en juin, selon lui.", "juin", F(month=6)),
    ("Les travaux reprennent début septembre.", "début septembre", F(month=9)),
    ("Les pluies cessent fin octobre.", "fin octobre", F(month=10)),
    ("Le scrutin aura lieu mi-juin.", "mi-juin", F(month=6)),
    ("La récolte s'achève courant mai.", "courant mai", F(month=5)),
    ("Il a été nommé au mois d'avril.", "avril", F(month=4)),
    ("Les combats durent depuis janvier.", "janvier", F(month=1)),
    (
        "La loi votée en juillet dernier entre en vigueur.",
        "juillet dernier",
        F(month=7, relative="past"),
    ),
    (
        "Un nouveau sommet se tiendra en mars prochain.",
        "mars prochain",
        F(month=3, relative="future"),
    ),
    ("Le budget sera présenté fin sept. au parlement.", "fin sept", F(month=9)),
    # year only: only with a cue
    ("Le pays est en crise depuis 2021.", "2021", F(2021)),
    ("En 2019, le taux de chômage a baissé.", "2019", F(2019)),
    ("Dès 2015, l'armée était déployée.", "2015", F(2015)),
    ("La réforme (2021) a été abrogée.", "2021", F(2021)),
    ("Le retrait sera achevé avant 2030.", "2030", F(2030)),
    ("La dette a doublé après 2008.", "2008", F(2008)),
    ("Le mandat expire fin 2023.", "fin 2023", F(2023)),
    ("Les élections de l'été 2022 ont été reportées.", "l'été 2022", F(2022)),
    ("L'année 2020 fut difficile.", "2020", F(2020)),
    ("Il est au pouvoir jusqu'en 2027.", "2027", F(2027)),
    # weekday alone
    (
        "Le président s'est exprimé jeudi devant les députés.",
        "jeudi",
        F(weekday=THU, relative="this_weekday"),
    ),
    ("Le président s'est exprimé ce jeudi.", "ce jeudi", F(weekday=THU, relative="this_weekday")),
    (
        "Les manifestants se sont réunis ce mercredi.",
        "ce mercredi",
        F(weekday=WED, relative="this_weekday"),
    ),
    (
        "Le convoi est arrivé jeudi dernier.",
        "jeudi dernier",
        F(weekday=THU, relative="last_weekday"),
    ),
    (
        "Le convoi arrivera jeudi prochain.",
        "jeudi prochain",
        F(weekday=THU, relative="next_weekday"),
    ),
    ("Dimanche, les électeurs ont voté.", "Dimanche", F(weekday=SUN, relative="this_weekday")),
    ("The minister resigned last Friday.", "last Friday", F(weekday=FRI, relative="last_weekday")),
    ("The vote is due next Tuesday.", "next Tuesday", F(weekday=TUE, relative="next_weekday")),
    # relative words
    ("Le ministre a été limogé hier.", "hier", F(relative="yesterday")),
    ("Le ministre a été limogé avant-hier.", "avant-hier", F(relative="day_before_yesterday")),
    ("Aujourd'hui, les écoles restent fermées.", "Aujourd'hui", F(relative="today")),
    ("Aujourd’hui, les écoles restent fermées.", "Aujourd’hui", F(relative="today")),
    ("Le verdict tombera demain.", "demain", F(relative="tomorrow")),
    ("Le verdict tombera après-demain.", "après-demain", F(relative="day_after_tomorrow")),
    ("Les prix ont grimpé la semaine dernière.", "la semaine dernière", F(relative="last_week")),
    ("Il a démissionné le mois dernier.", "le mois dernier", F(relative="last_month")),
    ("Le plan sera lancé le mois prochain.", "le mois prochain", F(relative="next_month")),
    ("Les exportations ont chuté l'an dernier.", "l'an dernier", F(relative="last_year")),
    ("Les exportations ont chuté l'année dernière.", "l'année dernière", F(relative="last_year")),
    ("Un recensement aura lieu l'année prochaine.", "l'année prochaine", F(relative="next_year")),
    ("La croissance ralentira cette année.", "cette année", F(relative="this_year")),
    ("Exports fell last year.", "last year", F(relative="last_year")),
]


@pytest.mark.parametrize(("sentence", "expected", "fields"), SINGLE_MENTIONS)
def test_finds_single_mention(sentence: str, expected: str, fields: Fields) -> None:
    m = _only(sentence)
    assert m.text == expected
    assert m.char_start == sentence.index(expected)
    assert m.char_end == m.char_start + len(expected)
    assert sentence[m.char_start : m.char_end] == m.text
    assert _fields(m) == fields


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le\u00a029\u00a0novembre\u00a02024, le Sénat a siégé.", "29\u00a0novembre\u00a02024"),
        ("Le 29\u202fnovembre 2024, le Sénat a siégé.", "29\u202fnovembre 2024"),
        ("Le 29   novembre  2024, le Sénat a siégé.", "29   novembre  2024"),
        ("Le jeudi\u00a029 février 2024", "jeudi\u00a029 février 2024"),
        ("Il a parlé ce\u00a0jeudi.", "ce\u00a0jeudi"),
    ],
)
def test_spaces_between_words(sentence: str, expected: str) -> None:
    m = _only(sentence)
    assert m.text == expected
    assert sentence[m.char_start : m.char_end] == expected


def test_several_mentions_sorted_and_not_overlapping() -> None:
    text = (
        "Arrivé au pouvoir en 2021, le colonel a promis jeudi 29 février 2024 des élections "
        "pour février 2025 ; hier, il a reporté le scrutin au 12/10/2025."
    )
    mentions = find_date_mentions(text)
    assert [m.text for m in mentions] == [
        "2021",
        "jeudi 29 février 2024",
        "février 2025",
        "hier",
        "12/10/2025",
    ]
    for m in mentions:
        assert text[m.char_start : m.char_end] == m.text
    for left, right in zip(mentions, mentions[1:], strict=False):
        assert left.char_end <= right.char_start


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the weekday + full date wins over the weekday and the month-year inside it
        ("Publié le mardi 5 mars 2024", "mardi 5 mars 2024"),
        # day-month-year wins over month-year
        ("Le 5 mars 2024 au matin", "5 mars 2024"),
        # "avant-hier" is not "hier"
        ("Il est parti avant-hier soir.", "avant-hier"),
        # the year cue does not split a month-year
        ("Le traité entré en vigueur en mai 2018", "mai 2018"),
        # a French weekday abbreviation needs its dot: this is the sea, not Wednesday
        ("Une tempête sur la mer 12 juin 2024", "12 juin 2024"),
        ("mer. 3 juillet 2024", "mer. 3 juillet 2024"),
        ("Sat. 3 May 2025", "Sat. 3 May 2025"),
        # the time part of an ISO timestamp belongs to it
        ("ts=2022-01-31T23:59:59Z;", "2022-01-31T23:59:59Z"),
    ],
)
def test_longest_match_wins(sentence: str, expected: str) -> None:
    assert [m.text for m in find_date_mentions(sentence)] == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "Près de 1 500 mercenaires ont quitté le pays.",
        "La réunion commence à 10h30.",
        "Le match s'est terminé sur le score 2-1.",
        "Un score de 3-0 à la mi-temps.",
        "Mars est visible à l'œil nu cette nuit.",
        "La sonde a photographié Mars.",
        "L'Article 12 de la Constitution a été suspendu.",
        "Le budget atteint 2 500 000 euros.",
        "Il a versé 12,50 € et 1.500 dollars.",
        "Ils ont été 2000 à manifester place de la Nation.",
        "Une tradition vieille de 2000 ans.",
        "Depuis 2000 ans, la ville est habitée.",
        "En 2020 euros constants, la dette baisse.",
        "Appelez le 01.23.45.67.89.",
        "La version 1.2.3 du logiciel.",
        "Les jeudis sont jours de marché.",
        "Sept soldats ont été tués.",
        "Il a vécu sept ans à Bamako.",
        "Ils étaient 2024 au total.",
        "La réunion s'est déroulée ce jeudi-là sans incident.",
        "Le ratio est de 3/4.",
        "",
    ],
)
def test_non_dates(sentence: str) -> None:
    assert find_date_mentions(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Le 31 février 2024 n'existe pas.",
        "Le 29 février 2023 n'existe pas.",
        "Le 30 février n'existe pas.",
        "Le 31 avril 2022 n'existe pas.",
        "Le 31/04/2022 n'existe pas.",
        "Le 2023-02-29 n'existe pas.",
        "Le 00/08/2024 n'existe pas.",
        "Le 12/13/2024 n'existe pas.",
    ],
)
def test_invalid_calendar_dates_are_dropped(sentence: str) -> None:
    assert find_date_mentions(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected", "fields"),
    [
        ("Le 29 février 2024, un leap day.", "29 février 2024", (2024, 2, 29, None, None)),
        ("Le 29 février 2000, un leap day.", "29 février 2000", (2000, 2, 29, None, None)),
        ("Le 29 février, sans année.", "29 février", (None, 2, 29, None, None)),
        ("29/02/2028", "29/02/2028", (2028, 2, 29, None, None)),
    ],
)
def test_leap_day_valid(sentence: str, expected: str, fields: Fields) -> None:
    m = _only(sentence)
    assert (m.text, _fields(m)) == (expected, fields)


def test_leap_day_invalid_in_century_year() -> None:
    assert find_date_mentions("le 29 février 1900") == []


# --------------------------------------------------------------------------------------------
# resolve_date
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("29 novembre 2024", D(2024, 11, 29), "day"),
        ("jeudi 01 août 2024", D(2024, 8, 1), "day"),
        ("novembre 29, 2024", D(2024, 11, 29), "day"),
        ("01.08.2024", D(2024, 8, 1), "day"),
        ("2024-08-01T10:00:00", D(2024, 8, 1), "day"),
        ("April 24, 2025", D(2025, 4, 24), "day"),
        ("29 février 2024", D(2024, 2, 29), "day"),
        ("en août 2024", D(2024, 8, 1), "month"),
        ("fin décembre 2023", D(2023, 12, 1), "month"),
        ("depuis 2021", D(2021, 1, 1), "year"),
        ("(1998)", D(1998, 1, 1), "year"),
    ],
)
def test_resolve_explicit(text: str, value: dt.date, precision: str) -> None:
    m = _only(text)
    resolved = resolve_date(m)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.method) == (value, precision, "explicit")
    assert resolved.text == m.text
    # an anchor does not change a date that carries its own year
    assert resolve_date(m, D(1990, 1, 1)) == resolved


@pytest.mark.parametrize(
    ("text", "anchor", "latest", "expected"),
    [
        ("lundi 23 juin", None, D(2026, 11, 22), D(2025, 6, 23)),
        ("lundi 23 juin", D(2014, 5, 1), None, D(2014, 6, 23)),
        ("lundi 23 juin", D(2014, 5, 1), D(2026, 11, 22), D(2014, 6, 23)),
        ("ce mercredi 28 février", D(2024, 2, 29), None, D(2024, 2, 28)),
        ("jeudi 29 février", None, D(2025, 6, 1), D(2024, 2, 29)),
        ("jeudi 29 février", D(2030, 1, 1), None, D(2024, 2, 29)),
        ("Thursday 24 April", None, D(2025, 4, 24), D(2025, 4, 24)),
    ],
)
def test_resolve_weekday_year(
    text: str, anchor: dt.date | None, latest: dt.date | None, expected: dt.date
) -> None:
    resolved = resolve_date(_only(text), anchor, latest=latest)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.method) == (
        expected,
        "day",
        "weekday_year",
    )
    assert resolved.value.weekday() == _only(text).weekday


def test_resolve_weekday_year_needs_a_reference() -> None:
    assert resolve_date(_only("lundi 23 juin")) is None


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("le 30 décembre", D(2025, 1, 2), None, D(2024, 12, 30)),
        ("le 2 janvier", D(2024, 12, 30), None, D(2025, 1, 2)),
        ("le 28 février", D(2024, 3, 10), None, D(2024, 2, 28)),
        ("le 14 juillet", D(2024, 3, 10), None, D(2024, 7, 14)),
        ("le 14 juillet", D(2024, 3, 10), "past", D(2023, 7, 14)),
        ("le 14 juillet", D(2024, 8, 10), "future", D(2025, 7, 14)),
        ("le 12 juin dernier", D(2024, 3, 10), None, D(2023, 6, 12)),
        ("le 4 mai prochain", D(2024, 8, 10), None, D(2025, 5, 4)),
        # the words of the text beat the verb tense
        ("le 12 juin dernier", D(2024, 3, 10), "future", D(2023, 6, 12)),
        # a leap day without a year goes to the nearest leap year
        ("le 29 février", D(2025, 1, 2), None, D(2024, 2, 29)),
        ("le 29 février", D(2027, 11, 2), None, D(2028, 2, 29)),
        ("le 29 février", D(2026, 3, 1), "past", D(2024, 2, 29)),
    ],
)
def test_resolve_day_month_with_anchor(
    text: str, anchor: dt.date, tense: str | None, expected: dt.date
) -> None:
    resolved = resolve_date(_only(text), anchor, tense=tense)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.method) == (expected, "day", "anchor_year")


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # Thursday 2024-02-29 as anchor
        ("mercredi", D(2024, 2, 29), None, D(2024, 2, 28)),
        ("ce mercredi", D(2024, 2, 29), None, D(2024, 2, 28)),
        ("jeudi", D(2024, 2, 29), None, D(2024, 2, 29)),
        ("vendredi", D(2024, 2, 29), None, D(2024, 2, 23)),
        ("vendredi", D(2024, 2, 29), "past", D(2024, 2, 23)),
        ("vendredi", D(2024, 2, 29), "future", D(2024, 3, 1)),
        ("jeudi", D(2024, 2, 29), "future", D(2024, 3, 7)),
        ("jeudi dernier", D(2024, 2, 29), None, D(2024, 2, 22)),
        ("mercredi dernier", D(2024, 2, 29), None, D(2024, 2, 28)),
        ("jeudi prochain", D(2024, 2, 29), None, D(2024, 3, 7)),
        ("lundi prochain", D(2024, 2, 29), None, D(2024, 3, 4)),
        ("jeudi dernier", D(2024, 2, 29), "future", D(2024, 2, 22)),
        ("last Friday", D(2025, 4, 24), None, D(2025, 4, 18)),
        ("next Tuesday", D(2025, 4, 24), None, D(2025, 4, 29)),
    ],
)
def test_resolve_weekday_only(
    text: str, anchor: dt.date, tense: str | None, expected: dt.date
) -> None:
    resolved = resolve_date(_only(text), anchor, tense=tense)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.method) == (expected, "day", "relative")
    assert resolved.value.weekday() == _only(text).weekday


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        ("en juin", D(2024, 2, 29), "future", D(2024, 6, 1)),
        ("en juin", D(2024, 2, 29), None, D(2023, 6, 1)),
        ("en juin", D(2024, 2, 29), "past", D(2023, 6, 1)),
        ("en février", D(2024, 2, 29), None, D(2024, 2, 1)),
        ("en février", D(2024, 2, 29), "future", D(2025, 2, 1)),
        ("en janvier", D(2024, 11, 5), "future", D(2025, 1, 1)),
        ("fin octobre", D(2024, 11, 5), None, D(2024, 10, 1)),
        ("en juillet dernier", D(2024, 11, 5), "future", D(2024, 7, 1)),
        ("en mars prochain", D(2024, 11, 5), None, D(2025, 3, 1)),
    ],
)
def test_resolve_month_only(
    text: str, anchor: dt.date, tense: str | None, expected: dt.date
) -> None:
    resolved = resolve_date(_only(text), anchor, tense=tense)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (expected, "month")


@pytest.mark.parametrize(
    ("text", "anchor", "expected", "precision"),
    [
        ("hier", D(2024, 3, 1), D(2024, 2, 29), "day"),
        ("avant-hier", D(2024, 3, 1), D(2024, 2, 28), "day"),
        ("aujourd'hui", D(2024, 3, 1), D(2024, 3, 1), "day"),
        ("demain", D(2024, 12, 31), D(2025, 1, 1), "day"),
        ("après-demain", D(2024, 12, 31), D(2025, 1, 2), "day"),
        ("la semaine dernière", D(2024, 2, 29), D(2024, 2, 19), "week"),
        ("cette semaine", D(2024, 2, 29), D(2024, 2, 26), "week"),
        ("la semaine prochaine", D(2024, 2, 29), D(2024, 3, 4), "week"),
        ("le mois dernier", D(2024, 3, 15), D(2024, 2, 1), "month"),
        ("le mois dernier", D(2024, 1, 15), D(2023, 12, 1), "month"),
        ("le mois prochain", D(2024, 12, 15), D(2025, 1, 1), "month"),
        ("l'an dernier", D(2024, 3, 15), D(2023, 1, 1), "year"),
        ("l'année dernière", D(2024, 3, 15), D(2023, 1, 1), "year"),
        ("l'année prochaine", D(2024, 3, 15), D(2025, 1, 1), "year"),
        ("cette année", D(2024, 3, 15), D(2024, 1, 1), "year"),
        ("yesterday", D(2025, 4, 24), D(2025, 4, 23), "day"),
    ],
)
def test_resolve_relative_words(
    text: str, anchor: dt.date, expected: dt.date, precision: str
) -> None:
    m = _only(text)
    assert m.relative in RELATIVE_WORDS
    resolved = resolve_date(m, anchor)
    assert resolved is not None
    assert (resolved.value, resolved.precision, resolved.method) == (
        expected,
        precision,
        "relative",
    )
    assert resolved.text == text


@pytest.mark.parametrize(
    "text",
    [
        "lundi 23 juin",
        "28 février",
        "ce mercredi",
        "jeudi dernier",
        "en juin",
        "juin dernier",
        "hier",
        "le mois dernier",
        "l'an dernier",
        "la semaine dernière",
    ],
)
def test_resolve_without_anchor_returns_none(text: str) -> None:
    assert resolve_date(_only(text)) is None
    assert resolve_date(_only(text), tense="past") is None


@pytest.mark.parametrize("text", ["28 février", "ce mercredi", "en juin", "hier"])
def test_latest_alone_does_not_anchor_other_mentions(text: str) -> None:
    assert resolve_date(_only(text), latest=D(2024, 5, 5)) is None


def test_resolve_rejects_impossible_explicit_date() -> None:
    m = DateMention(0, 16, "31 février 2024", 2024, 2, 31, None)
    assert resolve_date(m) is None


# --------------------------------------------------------------------------------------------
# parse_date_text and helpers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("novembre 29, 2024", D(2024, 11, 29), "day"),
        ("Publié le jeudi 29 février 2024 à 10h30", D(2024, 2, 29), "day"),
        ("Mis à jour hier, article du 03/05/2021", D(2021, 5, 3), "day"),
        ("2024-08-01T10:00:00+02:00", D(2024, 8, 1), "day"),
        ("Édition de mars 2022", D(2022, 3, 1), "month"),
        ("© Tous droits réservés depuis 2010", D(2010, 1, 1), "year"),
    ],
)
def test_parse_date_text(text: str, value: dt.date, precision: str) -> None:
    resolved = parse_date_text(text)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize(
    "text", ["", "hier", "jeudi 29 février", "Le 28 février", "10h30", "rubrique Afrique"]
)
def test_parse_date_text_none(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2024, 2, 26), "lundi"),
        (D(2024, 2, 28), "mercredi"),
        (D(2024, 2, 29), "jeudi"),
        (D(2024, 3, 3), "dimanche"),
    ],
)
def test_weekday_name_fr(day: dt.date, name: str) -> None:
    assert weekday_name_fr(day) == name


def test_weekday_name_round_trips_through_finder() -> None:
    day = D(2025, 6, 23)
    m = _only(f"{weekday_name_fr(day)} 23 juin")
    assert m.weekday == day.weekday()


def test_mentions_on_several_lines_keep_their_offsets() -> None:
    lines = [
        "Bamako, le 3 mai 2024 – Le ministre est arrivé jeudi.",
        "Aucune date ici, seulement 1 500 soldats.",
        "Le sommet de fin mars 2023 avait été reporté au 12 juin dernier.",
        "Rendez-vous en septembre ou le 2024-08-01.",
    ]
    text = "\n".join(lines)
    found = find_date_mentions(text)
    per_line = []
    offset = 0
    for line in lines:
        per_line += [(m.char_start + offset, m.text) for m in find_date_mentions(line)]
        offset += len(line) + 1
    assert [(m.char_start, m.text) for m in found] == per_line
    assert [m.text for m in found] == [
        "3 mai 2024", "jeudi", "fin mars 2023", "12 juin dernier", "septembre", "2024-08-01"
    ]  # fmt: skip
    assert all(text[m.char_start : m.char_end] == m.text for m in found)


# --------------------------------------------------------------------------------------------
# Days counted from the story's day ("la veille", "le lendemain")
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected", "relative"),
    [
        ("La veille, les deux délégations avaient dîné ensemble.", "La veille", "day_before"),
        ("Il est reparti le lendemain à l'aube.", "le lendemain", "day_after"),
        ("Dès l’avant-veille, la frontière était fermée.", "l’avant-veille", "two_days_before"),
        ("Le texte a été signé le surlendemain.", "le surlendemain", "two_days_after"),
    ],
)
def test_story_relative_words_are_found(sentence: str, expected: str, relative: str) -> None:
    (m,) = find_date_mentions(sentence)
    assert (m.text, m.relative) == (expected, relative)


@pytest.mark.parametrize(
    "sentence",
    [
        "À la veille du sommet, les ministres se sont parlé.",
        "Au lendemain de l'attaque, le pays a fermé sa frontière.",
        "Le lendemain des élections, la capitale était calme.",
        "La veille d'un vote décisif, le Parlement hésite.",
    ],
)
def test_veille_of_a_named_event_is_not_a_mention(sentence: str) -> None:
    assert find_date_mentions(sentence) == []


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("la veille", D(2024, 3, 1), D(2024, 2, 29)),
        ("le lendemain", D(2023, 12, 31), D(2024, 1, 1)),
        ("l'avant-veille", D(2024, 3, 1), D(2024, 2, 28)),
        ("le surlendemain", D(2024, 3, 1), D(2024, 3, 3)),
    ],
)
def test_story_relative_words_count_from_the_anchor(
    text: str, anchor: dt.date, expected: dt.date
) -> None:
    resolved = resolve_date(_only(text), anchor)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (expected, "day")


# --------------------------------------------------------------------------------------------
# An anchor known to the month only (a page dated "2024-08")
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tense", "expected", "precision"),
    [
        ("mardi", None, D(2024, 8, 1), "month"),
        ("jeudi dernier", "past", D(2024, 8, 1), "month"),
        ("hier", None, D(2024, 8, 1), "month"),
        ("cette semaine", None, D(2024, 8, 1), "month"),
        ("la veille", None, D(2024, 8, 1), "month"),
        ("le mois dernier", None, D(2024, 7, 1), "month"),
        ("l'an dernier", None, D(2023, 1, 1), "year"),
        # A past day may lie late in the month, a future one early in it.
        ("le 28 août", "past", D(2024, 8, 28), "day"),
        ("le 3 août", "future", D(2024, 8, 3), "day"),
        ("le 23 décembre", "past", D(2023, 12, 23), "day"),
        ("en juillet", "past", D(2024, 7, 1), "month"),
        ("en septembre", "future", D(2024, 9, 1), "month"),
        ("mardi 6 août", None, D(2024, 8, 6), "day"),
        ("le 5 mai 2021", None, D(2021, 5, 5), "day"),
    ],
)
def test_resolve_against_a_month(
    text: str, tense: str | None, expected: dt.date, precision: str
) -> None:
    resolved = resolve_date(_only(text), D(2024, 8, 1), tense=tense, anchor_precision="month")
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("sentence", "text", "anchor", "expected", "precision"),
    [
        ("Il y a trois jours, la frontière a rouvert.", "Il y a trois jours", D(2024, 3, 2),
         D(2024, 2, 28), "day"),
        ("Le traité a été signé il y a 2 semaines.", "il y a 2 semaines", D(2024, 3, 14),
         D(2024, 2, 26), "week"),
        ("L'accord, conclu il y a six mois, est caduc.", "il y a six mois", D(2024, 3, 14),
         D(2023, 9, 1), "month"),
        ("Le coup d'État a eu lieu il y a un an.", "il y a un an", D(2024, 3, 14),
         D(2023, 1, 1), "year"),
    ],
)  # fmt: skip
def test_resolve_time_ago(
    sentence: str, text: str, anchor: dt.date, expected: dt.date, precision: str
) -> None:
    m = _only(sentence)
    assert m.text == text
    resolved = resolve_date(m, anchor)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (expected, precision)
    assert resolve_date(m) is None


def test_years_ago_against_a_month_anchor() -> None:
    resolved = resolve_date(_only("il y a deux ans"), D(2024, 8, 1), anchor_precision="month")
    assert resolved is not None and (resolved.value, resolved.precision) == (D(2022, 1, 1), "year")


@pytest.mark.parametrize(
    ("sentence", "text", "year", "day"),
    [
        ("Il effectuera du 7 au 12 janvier une visite.", "7 au 12 janvier", None, 7),
        ("La réunion s'est tenue entre le 3 et le 5 mars 2024.", "3 et le 5 mars 2024", 2024, 3),
        # A week's heading dates from its last day, which its weekdays fall before.
        ("Semaine du 12 au 18 janvier 2009", "18 janvier 2009", 2009, 18),
    ],
)
def test_a_span_of_days_dates_from_its_first(
    sentence: str, text: str, year: int | None, day: int
) -> None:
    (m,) = find_date_mentions(sentence)
    assert (m.text, m.year, m.day) == (text, year, day)
