"""Wire copy signs in the story itself: the agency credit ("(AFP)", "PARIS (Reuters) -") is the
outlet when the page names no other, and the reporter's name may stand before the dateline, in
a correspondent line, in a reporting credit or alone on the last line."""

from __future__ import annotations

import pytest

from etl.transforms.articles import extract_article

TITLE = "Le Ghana et le Togo relancent leur commission mixte sur la frontière"
FIRST = (
    "Les ministres ghanéen et togolais des Affaires étrangères ont signé mardi un protocole "
    "pour relancer la commission mixte chargée du tracé de la frontière commune."
)
SECOND = (
    "Les deux délégations doivent se retrouver en mars pour un premier bilan des travaux, a "
    "précisé un diplomate sous couvert d'anonymat."
)


def page(first: str = FIRST, last: str = SECOND, after: str = "", before: str = "") -> str:
    head = f"{TITLE}\n\n{before}\n\n" if before else f"{TITLE}\n\n"
    tail = f"\n\n{after}\n" if after else "\n"
    return f"{head}{first}\n\n{last}{tail}"


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        (page(first="ACCRA (Reuters) - " + FIRST), "Reuters"),
        (page(first="Accra, 4 février 2025 (AFP) – " + FIRST), "AFP"),
        (page(first="Lomé 4 février 2025 (ACP).- " + FIRST), "ACP"),
        (page(first="(Belga) " + FIRST), "Belga"),
        (page(last=SECOND + " (Belga)"), "Belga"),
        (page(before="• AFP"), "AFP"),
        (page(before="Accra, AFP"), "AFP"),
        (page(before="AFP / le 4 février 2025 à 15h44"), "AFP"),
        (page(first="AGI - " + FIRST), "AGI"),
        (page(after="Agence France-Presse"), "Agence France-Presse"),
        (page(last=SECOND + "AFP"), "AFP"),
        (page(last=SECOND + " AFP"), "AFP"),
        (page(last=SECOND + "\nJN/fss/APA"), "APA"),
    ],
)
def test_an_agency_credit_is_the_outlet(text: str, credit: str) -> None:
    rec = extract_article(text)
    assert rec.title == TITLE
    assert rec.outlet_name == credit
    assert "diplomate sous couvert" in rec.body  # a paragraph signed at its end stays


@pytest.mark.parametrize(
    "text",
    [
        # the acronym glosses a name inside a sentence: no credit
        page(
            last="Des journalistes de l'Agence France-Presse (AFP) présents sur place ont vu "
            "les délégations arriver au ministère dans la matinée."
        ),
        # written in lower case, "(ap)" is no agency's signature
        page(first="ACCRA (ap) - " + FIRST),
        # an agency quoted as a source is not the story's credit
        page(last="Le protocole a été confirmé à Reuters par deux sources au fait du dossier."),
    ],
)
def test_a_mentioned_agency_is_no_outlet(text: str) -> None:
    assert extract_article(text).outlet_name is None


def test_a_site_name_beats_the_agency_credit() -> None:
    text = page(first="ACCRA (AFP) - " + FIRST, after="© 2025 L’Écho du Golfe")
    assert extract_article(text).outlet_name == "L’Écho du Golfe"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        (page(first="par Kofi Mensah ACCRA, 4 février (Reuters) - " + FIRST), "Kofi Mensah"),
        (page(first=FIRST + "\n\nAvec notre correspondante à Lomé, Afi Ayité"), "Afi Ayité"),
        (
            page(
                last=SECOND + " (Reportage Kofi Mensah et Ama Owusu; version française "
                "Jean Martin, édité par Marc Dupont)"
            ),
            "Kofi Mensah et Ama Owusu",
        ),
        (page(last=SECOND + " (Reportage Kofi Mensah, rédigé par Ama Owusu)"), "Kofi Mensah"),
        (page(after="Kofi Mensah"), "Kofi Mensah"),
    ],
)
def test_a_story_signed_in_its_text_gives_the_author(text: str, author: str) -> None:
    assert extract_article(text).author_name == author


@pytest.mark.parametrize(
    "text",
    [
        page(after="Gabriel Attal"),  # an office holder of the reviewed list: a tag, not a name
        page(after="La Rédaction"),  # no person
        page(last=SECOND + " (Reportage Reuters; version française Jean Martin)"),  # an agency
    ],
)
def test_no_author_from_tags_or_agencies(text: str) -> None:
    assert extract_article(text).author_name is None
