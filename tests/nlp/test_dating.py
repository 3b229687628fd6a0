"""When an event happened: `event_date` on short articles written for these tests.

Each test parses its body, picks the trigger word by hand and asks for the event's date, so the
date rules are tested apart from the rest of the coder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from spacy.language import Language

from etl.transforms.dates import find_date_mentions
from etl.transforms.events.actors import SentenceActors
from etl.transforms.events.dating import clause_tense, date_anchor, event_date
from etl.transforms.events.types import ArticleContext
from etl.transforms.types import ResolvedDate

pytestmark = pytest.mark.slow

D = dt.date


def date_of(
    nlp: Language,
    body: str,
    trigger: str,
    *,
    published: dt.date | None = None,
    reality: str = "asserted",
    nth: int = 0,
) -> tuple[ResolvedDate | None, str | None, str]:
    doc = nlp(body)
    token = [t for t in doc if t.text == trigger][nth]
    sent = token.sent
    ctx = ArticleContext(
        article_id="a1",
        body=body,
        published_date=published,
        fetched_date=D(2026, 1, 1),
        sentences=tuple((i, s.start_char, s.end_char) for i, s in enumerate(doc.sents)),
        mentions=(),
    )
    return event_date(
        ctx,
        SentenceActors(doc, sent, []),
        token,
        reality,
        sent.start_char,
        sent.end_char,
        date_anchor(ctx),
        find_date_mentions(body),
    )


def test_weekday_against_a_dateline_when_the_page_has_no_publication_date(
    nlp: Language,
) -> None:
    body = "Lomé, le 16 mars 2023 – Le Togo a rappelé mardi son ambassadeur au Ghana."
    resolved, text, method = date_of(nlp, body, "rappelé")
    assert resolved is not None and resolved.value == D(2023, 3, 14)  # the Tuesday before
    assert (text, method) == ("mardi", "sentence")


def test_weekday_without_any_anchor_stays_null(nlp: Language) -> None:
    resolved, text, method = date_of(nlp, "Le Togo a rappelé mardi son ambassadeur.", "rappelé")
    assert resolved is None
    assert (text, method) == ("mardi", "unresolved_no_anchor")


def test_veille_counts_from_the_day_the_story_is_at(nlp: Language) -> None:
    body = (
        "Le 3 avril 2022, les ministres gabonais et congolais se sont rencontrés à Libreville. "
        "La veille, le Gabon a convoqué l'ambassadeur du Congo."
    )
    resolved, text, method = date_of(nlp, body, "convoqué", published=D(2022, 4, 20))
    assert resolved is not None and resolved.value == D(2022, 4, 2)
    assert (text, method) == ("La veille", "sentence")


@pytest.mark.parametrize(
    ("body", "trigger", "published", "expected"),
    [
        # Past tense: the latest 23 December before publication.
        ("Le Bénin a signé le 23 décembre un accord avec le Niger.", "signé", D(2024, 11, 10),
         D(2023, 12, 23)),
        # Future tense: the next one.
        ("Le Bénin signera le 23 décembre un accord avec le Niger.", "signera", D(2024, 11, 10),
         D(2024, 12, 23)),
    ],
)  # fmt: skip
def test_day_without_year_follows_the_tense(
    nlp: Language, body: str, trigger: str, published: dt.date, expected: dt.date
) -> None:
    resolved, _, method = date_of(nlp, body, trigger, published=published)
    assert resolved is not None and (resolved.value, resolved.precision) == (expected, "day")
    assert method == "sentence"


def test_search_excerpt_month_gives_a_month(nlp: Language) -> None:
    body = "date 2023-05 Le Kenya a accusé mercredi l'Ouganda d'avoir violé sa frontière."
    resolved, text, method = date_of(nlp, body, "accusé")
    assert resolved is not None
    assert (resolved.value, resolved.precision, text, method) == (
        D(2023, 5, 1),
        "month",
        "mercredi",
        "sentence",
    )


def test_month_the_article_carries_resolves_a_day_without_a_year(nlp: Language) -> None:
    # The excerpt's line may leave the body with the headline; its month stays with the article.
    body = "Le 19 avril, les ministres burkinabè et ivoirien de la Défense se sont rencontrés."
    doc = nlp(body)
    token = next(t for t in doc if t.text == "rencontrés")
    ctx = ArticleContext("a1", body, D(2024, 4, 1), None, (), (), published_date_precision="month")
    args = (SentenceActors(doc, token.sent, []), token, "asserted", 0, len(body))
    resolved, _, method = event_date(ctx, *args, date_anchor(ctx), find_date_mentions(body))
    assert resolved is not None and (resolved.value, resolved.precision) == (D(2024, 4, 19), "day")
    assert method == "sentence"
    # A month is no day to count a weekday from.
    body = "Les ministres se sont rencontrés mardi à la frontière."
    doc = nlp(body)
    token = next(t for t in doc if t.text == "rencontrés")
    ctx = dataclasses.replace(ctx, body=body)
    args = (SentenceActors(doc, token.sent, []), token, "asserted", 0, len(body))
    resolved, _, _ = event_date(ctx, *args, date_anchor(ctx), find_date_mentions(body))
    assert resolved is not None and resolved.precision == "month"


def test_lead_day_long_before_the_pages_month_is_background(nlp: Language) -> None:
    body = (
        "Le 9 novembre 2020, un cessez-le-feu avait mis fin à la guerre.\n\n"
        "Moscou a accusé l'Azerbaïdjan de violer l'accord."
    )
    month = ArticleContext("a1", body, D(2022, 3, 1), None, (), (), "month")
    day = dataclasses.replace(month, published_date=D(2020, 11, 9), published_date_precision="day")
    doc = nlp(body)
    token = next(t for t in doc if t.text == "accusé")
    start = body.index("Moscou")
    args = (SentenceActors(doc, token.sent, []), token, "asserted", start, len(body))
    resolved, _, _ = event_date(month, *args, date_anchor(month), find_date_mentions(body))
    assert resolved is None or resolved.value != D(2020, 11, 9)
    resolved, _, method = event_date(day, *args, date_anchor(day), find_date_mentions(body))
    assert resolved is not None and resolved.value == D(2020, 11, 9)


def test_a_month_without_year_takes_the_nearest_occurrence_to_a_dated_neighbour(
    nlp: Language,
) -> None:
    # No publication date: "en février" is the February nearest "janvier 2024", not the last
    # one before it.
    body = (
        "La Zambie avait entamé, en janvier 2024, des discussions avec ses créanciers, et "
        "signait en février un accord avec la Chine."
    )
    resolved, text, _ = date_of(nlp, body, "signait")
    assert text == "février"
    assert resolved is not None and (resolved.value, resolved.precision) == (D(2024, 2, 1), "month")


def test_sentence_inside_an_embedded_post_takes_its_date(nlp: Language) -> None:
    body = (
        "Le ministère a réagi sur les réseaux sociaux.\n\n"
        "Nous condamnons fermement les frappes menées contre nos positions.\n"
        "— Ministère de la Défense (@MinDefense) March 27, 2024\n\n"
        "Aucun bilan n'a été donné."
    )
    resolved, _, method = date_of(nlp, body, "condamnons", published=D(2024, 4, 2))
    assert resolved is not None and resolved.value == D(2024, 3, 27)
    assert method == "post"


def test_date_of_a_relative_clause_is_not_the_event_date(nlp: Language) -> None:
    body = (
        "Le président, qui avait rencontré son homologue en septembre, a annoncé jeudi la "
        "rupture des relations diplomatiques."
    )
    resolved, text, _ = date_of(nlp, body, "annoncé", published=D(2023, 11, 4))
    assert text == "jeudi"
    assert resolved is not None and resolved.value == D(2023, 11, 2)


def test_date_of_the_reporting_verb_dates_the_reported_act(nlp: Language) -> None:
    body = "Le Ghana a annoncé dimanche avoir rappelé son ambassadeur au Togo."
    resolved, text, _ = date_of(nlp, body, "rappelé", published=D(2024, 6, 12))
    assert text == "dimanche"
    assert resolved is not None and resolved.value == D(2024, 6, 9)


def test_announced_future_date_does_not_date_the_announcement(nlp: Language) -> None:
    body = "La France a annoncé l'entrée en vigueur le 2 novembre prochain de nouvelles taxes."
    resolved, text, _ = date_of(nlp, body, "annoncé", published=D(2021, 10, 27))
    assert text != "2 novembre prochain"
    assert resolved is None or resolved.value != D(2021, 11, 2)


def test_planned_event_keeps_its_own_date(nlp: Language) -> None:
    body = "Le président ivoirien effectuera une visite au Maroc le 12 juin, a dit lundi Abidjan."
    resolved, text, _ = date_of(nlp, body, "visite", published=D(2024, 5, 22), reality="intended")
    assert text == "12 juin"
    assert resolved is not None and resolved.value == D(2024, 6, 12)


def test_later_undated_sentence_takes_the_lead_day(nlp: Language) -> None:
    body = (
        "Le Tchad a expulsé lundi l'ambassadeur allemand.\n\n"
        "Le gouvernement tchadien a dénoncé une attitude discourtoise du diplomate."
    )
    resolved, _, method = date_of(nlp, body, "dénoncé", published=D(2023, 4, 8))
    assert resolved is not None and resolved.value == D(2023, 4, 3)
    assert method == "lead"


def test_pluperfect_without_its_own_date_is_left_undated(nlp: Language) -> None:
    body = (
        "Le Mali a rompu lundi ses relations avec l'Ukraine. "
        "Le pays avait déjà expulsé l'ambassadeur de Suède."
    )
    resolved, _, method = date_of(nlp, body, "expulsé", published=D(2024, 8, 6))
    assert resolved is None
    assert method == "background_undated"


def test_background_year_gets_its_own_date(nlp: Language) -> None:
    body = "Le Niger a expulsé en 2021 l'ambassadeur de France, rappelle le journal."
    resolved, text, _ = date_of(nlp, body, "expulsé", published=D(2024, 3, 1))
    assert text == "2021"
    assert resolved is not None and (resolved.value, resolved.precision) == (D(2021, 1, 1), "year")


@pytest.mark.parametrize(
    ("sentence", "trigger", "tense"),
    [
        ("Le ministre a signé l'accord.", "signé", "past"),
        ("Le ministre avait signé l'accord.", "signé", "pluperfect"),
        ("Le ministre signera l'accord.", "signera", "future"),
        ("Le ministre va signer l'accord.", "signer", "future"),
        ("Le ministre signe l'accord.", "signe", None),
    ],
)
def test_clause_tense(nlp: Language, sentence: str, trigger: str, tense: str | None) -> None:
    token = next(t for t in nlp(sentence) if t.text == trigger)
    assert clause_tense(token) == tense


def test_gerund_shares_the_date_of_its_main_verb(nlp: Language) -> None:
    body = "Le 3 mars 2024, Ottawa a surpris en annonçant le retrait de ses diplomates du Niger."
    resolved, text, _ = date_of(nlp, body, "retrait")
    assert text == "3 mars 2024"
    assert resolved is not None and resolved.value == D(2024, 3, 3)


def test_date_opening_a_period_does_not_date_the_event(nlp: Language) -> None:
    body = "Depuis mars 2021, le Mali refuse les vols militaires français."
    resolved, text, method = date_of(nlp, body, "refuse", published=D(2023, 1, 25))
    assert text is None and method == "publication"
    assert resolved is not None and resolved.value == D(2023, 1, 25)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Publié le 3 mars 2024 à 10h30", D(2024, 3, 3)),
        ("Par Awa Diallo | mardi 5 mars 2024", D(2024, 3, 5)),
        ("Retour sur le coup d'État du 26 juillet 2023", None),
    ],
)
def test_date_line_at_the_head_anchors_a_page_without_publication_date(
    head: str, expected: dt.date | None
) -> None:
    body = f"{head}\nLe Sénégal a convoqué jeudi l'ambassadeur de Gambie."
    ctx = ArticleContext("a1", body, None, None, (), ())
    assert date_anchor(ctx) == expected


def test_relative_words_quoted_from_someone_else_do_not_date_the_report(nlp: Language) -> None:
    body = (
        "Lundi, le ministre a déclaré à Dakar « nous ne céderons ni aujourd'hui ni demain », "
        "tout en appelant la Gambie au dialogue."
    )
    resolved, text, _ = date_of(nlp, body, "appelant", published=D(2024, 5, 15))
    assert text == "Lundi"
    assert resolved is not None and resolved.value == D(2024, 5, 13)


def test_quotation_opened_before_the_sentence_still_counts_as_quoted(nlp: Language) -> None:
    body = (
        "Lundi, le ministre a pris la parole à Dakar. « Nous ne céderons ni aujourd'hui ni "
        "demain », a-t-il déclaré, tout en appelant la Gambie au dialogue."
    )
    doc = nlp(body)
    token = next(t for t in doc if t.text == "appelant")
    ctx = ArticleContext("a1", body, D(2024, 5, 15), None, (), ())
    # The sentence as a splitter may cut it: after the opening guillemet.
    start = body.index("Nous")
    resolved, text, _ = event_date(
        ctx,
        SentenceActors(doc, token.sent, []),
        token,
        "asserted",
        start,
        len(body),
        D(2024, 5, 15),
        find_date_mentions(body),
    )
    assert text != "demain"


def test_a_subordinate_of_time_takes_its_main_clauses_date(nlp: Language) -> None:
    # Tuesday 8 April 2025: "dimanche" is the 6th, and the recall happened then.
    body = (
        "La crise entre les deux pays, qui a commencé dimanche quand le Mali a rappelé son "
        "ambassadeur en Algérie, s'aggrave."
    )
    resolved, text, method = date_of(nlp, body, "rappelé", published=D(2025, 4, 8))
    assert (resolved and resolved.value, text, method) == (D(2025, 4, 6), "dimanche", "sentence")


def test_a_date_on_a_past_participle_lies_behind(nlp: Language) -> None:
    # The clause looks ahead ("devrait permettre"), but "conclu en mars" is done: March 2023, not
    # March 2024.
    body = (
        "L'accord conclu en mars à Pékin entre Téhéran et Ryad devrait permettre aux deux pays "
        "de rouvrir leurs ambassades."
    )
    resolved, text, _ = date_of(nlp, body, "accord", published=D(2023, 4, 12), reality="intended")
    assert resolved is not None and text == "mars"
    assert (resolved.value, resolved.precision) == (D(2023, 3, 1), "month")


def test_a_later_sentence_does_not_take_a_date_that_qualified_something_else(
    nlp: Language,
) -> None:
    body = (
        "Le Mali a dénoncé le traité qui le lie au Niger depuis octobre 2002. "
        "Bamako reproche à Niamey sa position sur la frontière."
    )
    resolved, _, method = date_of(nlp, body, "reproche")
    assert method != "paragraph" and (resolved is None or resolved.value.year != 2002)
    # A date that dated the earlier sentence's story still carries over.
    body = (
        "Le Mali a dénoncé le 3 octobre 2002 le traité qui le lie au Niger. "
        "Bamako reproche à Niamey sa position sur la frontière."
    )
    resolved, _, method = date_of(nlp, body, "reproche")
    assert method == "paragraph" and resolved is not None
    assert resolved.value == D(2002, 10, 3)


def test_an_undated_page_dates_its_opening_by_the_day_its_first_line_gives(
    nlp: Language,
) -> None:
    body = (
        "Paris a décidé de durcir les conditions d'obtention des visas pour l'Algérie. Une "
        "décision confirmée par le porte-parole du gouvernement le 28 septembre 2021."
    )
    resolved, _, method = date_of(nlp, body, "durcir")
    assert resolved is not None and (resolved.value, method) == (D(2021, 9, 28), "lead")
    # With a publication date, the opening is that day's news.
    resolved, _, method = date_of(nlp, body, "durcir", published=D(2021, 10, 1))
    assert resolved is not None and (resolved.value, method) == (D(2021, 10, 1), "publication")


def test_a_pluperfect_sentences_date_does_not_date_the_news_after_it(nlp: Language) -> None:
    body = (
        "Le Qatar et ses voisins ont signé mardi un accord. L'Arabie saoudite avait rompu en juin "
        "2017 ses relations avec le Qatar. Les pays participants ont aussi signé une déclaration."
    )
    resolved, _, method = date_of(nlp, body, "signé", published=D(2021, 1, 6), nth=1)
    assert resolved is not None and resolved.value != D(2017, 6, 1)
