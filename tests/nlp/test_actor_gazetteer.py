"""Actors beyond states in text (real spaCy model): breakaway authorities, armed groups,
companies and international bodies of organizations_fr.tsv resolve to their own actor code.

The sentences are written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.transforms.actors import actor_of
from etl.transforms.entities import extract_mentions
from etl.transforms.gazetteer import Gazetteer

pytestmark = pytest.mark.slow


def _actors(nlp: Language, gaz: Gazetteer, text: str) -> dict[str, tuple[str | None, str | None]]:
    """surface -> (actor code, actor kind) of every gazetteer entity mentioned in ``text``."""
    return {
        m.surface_text: actor_of(gaz.entities[m.entity_id])
        for m in extract_mentions(nlp(text), gaz)
        if m.entity_id in gaz.entities
    }


@pytest.mark.parametrize(
    ("text", "surface", "code", "kind"),
    [
        # A breakaway authority is itself, not the state it split from (nor a place).
        (
            "L'Éthiopie a signé un protocole d'accord avec le Somaliland pour un accès à la mer.",
            "Somaliland",
            "NSA:somaliland",
            "authority",
        ),
        ("Moscou a reconnu l'Abkhazie en 2008.", "Abkhazie", "NSA:abkhazia", "authority"),
        ("L'ELN a libéré deux soldats colombiens.", "ELN", "NSA:eln", "armed_group"),
        ("Les rebelles du MFDC ont rendu les armes.", "MFDC", "NSA:mfdc", "armed_group"),
        (
            "Le RED-Tabara a attaqué une position de l'armée burundaise.",
            "RED-Tabara",
            "NSA:red-tabara",
            "armed_group",
        ),
        ("Niamey a expulsé trois cadres de la CNPC.", "CNPC", "ORG:cnpc", "company"),
        ("L'OIAC a dénoncé l'emploi d'armes chimiques.", "OIAC", "IGO:opcw", "igo"),
        # A state's own force stays that state.
        (
            "Les gardiens de la révolution ont saisi un pétrolier britannique.",
            "gardiens de la révolution",
            "IRN",
            "state",
        ),
    ],
)
def test_new_actors_resolve_to_their_code(
    nlp: Language, gaz: Gazetteer, text: str, surface: str, code: str, kind: str
) -> None:
    found = _actors(nlp, gaz, text)
    assert found.get(surface) == (code, kind), found
    if surface == "Somaliland":
        assert "SOM" not in {c for c, _ in found.values()}


def test_short_aliases_do_not_match_common_words(nlp: Language, gaz: Gazetteer) -> None:
    # "Quad" (the alliance) and "DA" (the South African party) are capitalised or acronym forms:
    # the common noun "quad", the word "date" and "dadaïste" are nobody.
    found = _actors(nlp, gaz, "Il a acheté un quad à une dadaïste ; la date reste fixée.")
    assert not {code for code, _ in found.values() if code}, found
    assert _actors(nlp, gaz, "Le Quad a tenu un sommet à Tokyo.")["Quad"] == ("IGO:quad", "igo")


def test_a_name_listed_in_lower_case_too_matches_in_lower_case(
    nlp: Language, gaz: Gazetteer
) -> None:
    # "Talibans" and "talibans" are both listed: the press writes the group both ways.
    found = _actors(nlp, gaz, "La Russie négocie avec les talibans depuis des mois.")
    assert found.get("talibans") == ("NSA:taliban", "armed_group"), found


def test_a_bare_islands_word_is_no_country(nlp: Language, gaz: Gazetteer) -> None:
    # The ISO name "Cocos (Keeling), Îles" must not leave "Îles" as a name of its own.
    assert gaz.lookup(("iles",)) == []
    found = _actors(nlp, gaz, "Le Japon revendique les îles Kouriles du Sud.")
    assert "CCK" not in {code for code, _ in found.values()}, found


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        # A description stands for the organization it fits that the article named last.
        (
            "La Cedeao et l'UA ont tenu un sommet. "
            "L'organisation sous-régionale a suspendu le Mali.",
            "organisation sous-régionale",
            "IGO:ecowas",
        ),
        (
            "Le JNIM a frappé Kayes. L'organisation a revendiqué l'attaque.",
            "organisation",
            "NSA:jnim",
        ),
        # A description of one organization needs no earlier name.
        ("Le bloc européen a imposé de nouvelles sanctions.", "bloc européen", "IGO:eu"),
    ],
)
def test_a_description_names_the_organization(
    nlp: Language, gaz: Gazetteer, text: str, surface: str, code: str
) -> None:
    assert _actors(nlp, gaz, text).get(surface, (None, None))[0] == code


@pytest.mark.parametrize(
    "text",
    [
        # Qualified, the noun is another organization or no organization at all.
        "L'UE a tenu un sommet. L'organisation terroriste a revendiqué l'attentat.",
        "L'UE a tenu un sommet. L'organisation d'une mission au Niger a pris du retard.",
        # Nothing named before, and the description fits several.
        "L'organisation sous-régionale a suspendu le Mali.",
    ],
)
def test_a_description_without_its_organization_is_none(
    nlp: Language, gaz: Gazetteer, text: str
) -> None:
    assert "organisation" not in {s.split()[0] for s in _actors(nlp, gaz, text)}
