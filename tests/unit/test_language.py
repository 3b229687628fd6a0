"""Tests of the stop-word/script language identifier."""

from __future__ import annotations

import pytest

from etl.transforms.language import detect_language, function_word_ratio


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le gouvernement sénégalais a annoncé mardi la réouverture de la frontière avec la "
            "Gambie, fermée depuis une semaine après des heurts entre transporteurs.",
            "fr",
        ),
        (
            "The government of Canada said on Thursday that it would expand the program for "
            "seasonal workers from Mexico, after talks in the capital.",
            "en",
        ),
        (
            "El gobierno de Chile anunció el martes que las fronteras con Bolivia y Perú serán "
            "reabiertas la próxima semana.",
            "es",
        ),
        (
            "O governo de Angola anunciou nesta terça-feira que a fronteira com a Namíbia será "
            "reaberta na próxima semana.",
            "pt",
        ),
        (
            "Il governo italiano ha annunciato che la missione navale nel Mediterraneo sarà "
            "prolungata fino alla fine dell'anno.",
            "it",
        ),
        (
            "Die Regierung in Berlin hat am Dienstag angekündigt, dass die Grenzkontrollen zu "
            "Polen verlängert werden.",
            "de",
        ),
        ("أعلنت الحكومة المغربية يوم الثلاثاء عن إعادة فتح الحدود مع الجزائر بعد سنوات.", "ar"),
        ("Правительство объявило во вторник о продлении военного сотрудничества.", "ru"),
        ("中国政府星期二宣布将延长与马里的军事合作协议。", "zh"),
    ],
)
def test_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "Bonjour", "12 34 56 78 90", "Menu Accueil"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_french_with_typographic_apostrophes_and_english_quote() -> None:
    text = (
        "L’ambassadeur a rappelé qu’il n’avait « aucune instruction » de son gouvernement, "
        "tout en citant un communiqué intitulé « Joint statement on the border »."
    )
    assert detect_language(text) == "fr"


def test_function_word_ratio() -> None:
    prose = "Le ministre a déclaré que la frontière sera rouverte dans les prochains jours."
    headline = "Frontière : Dakar et Banjul rouvrent Keur Ayip"
    assert function_word_ratio(prose) > function_word_ratio(headline)
    assert function_word_ratio(prose, "fr") > function_word_ratio(prose, "en")
    assert function_word_ratio("") == 0.0
