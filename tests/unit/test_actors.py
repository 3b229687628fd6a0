"""Actor codes: states and their agents by alpha-3, organizations and groups by their own code."""

from __future__ import annotations

import pytest

from etl.transforms.actors import actor_of
from etl.transforms.gazetteer import Gazetteer, load_gazetteer
from etl.transforms.types import Entity


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("entity_id", "code", "kind"),
    [
        ("country:MLI", "MLI", "state"),
        ("organization:ecowas", "IGO:ecowas", "igo"),
        ("organization:unsc", "IGO:unsc", "igo"),
        ("organization:aes", "IGO:aes", "igo"),
        ("organization:m23", "NSA:m23", "armed_group"),
        ("organization:rsf-sudan", "NSA:rsf-sudan", "armed_group"),
        ("organization:wagner", "NSA:wagner", "armed_group"),
        # A state's regular army is that state, not a group of its own.
        ("organization:sudan-armed-forces", "SDN", "state"),
    ],
)
def test_gazetteer_entities(gazetteer: Gazetteer, entity_id: str, code: str, kind: str) -> None:
    assert actor_of(gazetteer.entities[entity_id]) == (code, kind)


def test_people_stand_for_their_state_and_places_for_nobody() -> None:
    person = Entity("person:x", "person", "X", "NER", "GOV", "président")
    assert actor_of(person) == ("NER", "state")
    stateless = Entity("person:y", "person", "Y", None, None, None)
    assert actor_of(stateless) == (None, None)
    place = Entity("location:tombouctou", "location", "Tombouctou", None, None, None)
    assert actor_of(place) == (None, None)


def test_an_organization_nobody_reviewed_is_no_actor() -> None:
    # The entity model tags editors' notes and misread places as organizations: none is an IGO.
    unknown = Entity("organization:ndlr", "organization", "NDLR", None, None, None)
    assert actor_of(unknown) == (None, None)


def test_every_organization_kind_has_an_actor_kind(gazetteer: Gazetteer) -> None:
    for e in gazetteer.entities.values():
        if e.entity_type == "organization":
            code, kind = actor_of(e)
            assert code and kind, e.entity_id
