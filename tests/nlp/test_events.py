"""Event coder on sentences written for these tests (other countries, other verbs than the seeds).

Mentions are built by hand so that these tests exercise the coder alone; the entity stage has its
own tests and the seed-level test runs both together.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from spacy.language import Language

from etl.transforms.events import ArticleContext, CodedEvent, code_article_events
from etl.transforms.gate import pipe_gated
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.types import Mention

pytestmark = pytest.mark.slow


def sentences_of(body: str) -> tuple[tuple[int, int, int], ...]:
    out = []
    for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]", body)):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append((i, start, m.end()))
    return tuple(out)


def mention(
    body: str,
    surface: str,
    code: str | None,
    *,
    entity: str | None = None,
    actor: bool = True,
    nth: int = 0,
    sector: str | None = None,
) -> Mention:
    starts = [m.start() for m in re.finditer(re.escape(surface), body)]
    start = starts[nth]
    sentence = next(i for i, s, e in sentences_of(body) if s <= start < e)
    return Mention(
        entity_id=entity or f"country:{code}",
        surface_text=surface,
        char_start=start,
        char_end=start + len(surface),
        sentence_index=sentence,
        mention_kind="name",
        country_code=code,
        sector_code=sector,
        is_actor=actor,
    )


def code(
    nlp: Language,
    gaz: Gazetteer,
    body: str,
    mentions: list[Mention],
    published: dt.date | None = None,
) -> list[CodedEvent]:
    ctx = ArticleContext(
        article_id="a1",
        body=body,
        published_date=published,
        fetched_date=dt.date(2026, 1, 1),
        sentences=sentences_of(body),
        mentions=tuple(sorted(mentions, key=lambda m: m.char_start)),
    )
    events, _ = code_article_events(ctx, gaz, next(pipe_gated(nlp, [body], gaz)))
    return events


def tuples(events: list[CodedEvent]) -> set[tuple[str, frozenset[str], frozenset[str]]]:
    return {(e.event_type, e.countries("source"), e.countries("target")) for e in events}


def test_meeting_with_demonyms_and_place(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le président sénégalais a reçu mardi à Dakar son homologue gambien."
    ms = [
        mention(body, "sénégalais", "SEN"),
        mention(body, "Dakar", "SEN", entity="location:dakar", actor=False),
        mention(body, "gambien", "GMB"),
    ]
    events = code(nlp, gaz, body, ms, published=dt.date(2024, 5, 16))
    assert ("CONSULT", frozenset({"SEN"}), frozenset({"GMB"})) in tuples(events)
    ev = next(e for e in events if e.event_type == "CONSULT")
    assert ev.event_date == dt.date(2024, 5, 14)  # the Tuesday before Thursday 16 May 2024
    assert ev.event_date_method == "sentence"
    assert ev.evidence_text == body


def test_accusation_does_not_code_the_allegation(nlp: Language, gaz: Gazetteer) -> None:
    body = "L'Algérie a accusé le Maroc de soutenir des groupes séparatistes."
    ms = [mention(body, "Algérie", "DZA"), mention(body, "Maroc", "MAR")]
    got = tuples(code(nlp, gaz, body, ms))
    assert got == {("ACCUSE", frozenset({"DZA"}), frozenset({"MAR"}))}


def test_break_relations_with_month_date(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Tchad a rompu ses relations diplomatiques avec le Soudan en mars 2023."
    ms = [mention(body, "Tchad", "TCD"), mention(body, "Soudan", "SDN")]
    events = code(nlp, gaz, body, ms, published=dt.date(2023, 4, 2))
    (ev,) = [e for e in events if e.event_type == "SANCTION"]
    assert ev.countries("source") == {"TCD"} and ev.countries("target") == {"SDN"}
    assert (ev.event_date, ev.event_date_precision) == (dt.date(2023, 3, 1), "month")
    assert ev.event_mode == "discontinue" and ev.quad_class == 4


def test_negated_event_is_not_coded(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Brésil n'a pas condamné l'Argentine."
    ms = [mention(body, "Brésil", "BRA"), mention(body, "Argentine", "ARG")]
    assert not [e for e in code(nlp, gaz, body, ms) if e.event_type == "ACCUSE"]


def test_passive_agent_is_the_source(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le ministre tchadien des Affaires étrangères a été reçu par le président français."
    ms = [mention(body, "tchadien", "TCD"), mention(body, "français", "FRA")]
    events = [e for e in code(nlp, gaz, body, ms) if e.event_type == "CONSULT"]
    assert events and events[0].countries("source") == {"FRA"}
    assert events[0].countries("target") == {"TCD"}


def test_conditional_is_intent(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Kenya fournirait des équipements militaires à la Somalie."
    ms = [mention(body, "Kenya", "KEN"), mention(body, "Somalie", "SOM")]
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "AID"]
    assert ev.reality_code == "intended"
    assert ev.countries("source") == {"KEN"} and ev.countries("target") == {"SOM"}


def test_a_meeting_during_which_something_is_promised_took_place(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Lors de sa rencontre avec le président malien, le ministre russe a promis de livrer "
        "des armes au Mali."
    )
    ms = [
        mention(body, "malien", "MLI"),
        mention(body, "russe", "RUS"),
        mention(body, "Mali", "MLI"),
    ]
    reality = {e.event_type: e.reality_code for e in code(nlp, gaz, body, ms)}
    assert reality["CONSULT"] == "asserted"
    assert "intended" in reality.values(), "what is promised stays a plan"


def test_coordinated_sources_one_event(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Burkina Faso, le Mali et le Niger ont signé un accord avec la Turquie."
    ms = [
        mention(body, "Burkina Faso", "BFA"),
        mention(body, "Mali", "MLI"),
        mention(body, "Niger", "NER"),
        mention(body, "Turquie", "TUR"),
    ]
    agree = [e for e in code(nlp, gaz, body, ms) if e.event_type == "AGREE"]
    assert len(agree) == 1
    assert agree[0].countries("source") == {"BFA", "MLI", "NER"}
    assert agree[0].countries("target") == {"TUR"}


def test_rejecting_accusations_targets_the_accuser(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "Le Rwanda a accusé le Burundi d'abriter des rebelles. "
        "En réponse à ces accusations, le gouvernement burundais a rejeté des allégations "
        "sans fondement."
    )
    ms = [
        mention(body, "Rwanda", "RWA"),
        mention(body, "Burundi", "BDI"),
        mention(body, "burundais", "BDI"),
    ]
    got = tuples(code(nlp, gaz, body, ms))
    assert ("ACCUSE", frozenset({"RWA"}), frozenset({"BDI"})) in got
    assert ("REJECT", frozenset({"BDI"}), frozenset({"RWA"})) in got


def test_unresolvable_weekday_stays_null(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Ghana a expulsé jeudi deux diplomates ivoiriens."
    ms = [mention(body, "Ghana", "GHA"), mention(body, "ivoiriens", "CIV")]
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "SANCTION"]
    assert ev.event_date is None
    assert ev.event_date_method == "unresolved_no_anchor"
    assert ev.event_date_text == "jeudi"


def test_sentence_without_trigger_gives_nothing(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Portugal et l'Espagne partagent une longue frontière."
    ms = [mention(body, "Portugal", "PRT"), mention(body, "Espagne", "ESP")]
    assert code(nlp, gaz, body, ms) == []


def test_event_ids_are_stable(nlp: Language, gaz: Gazetteer) -> None:
    body = "L'Égypte a condamné l'Éthiopie."
    ms = [mention(body, "Égypte", "EGY"), mention(body, "Éthiopie", "ETH")]
    first = [e.event_id for e in code(nlp, gaz, body, ms)]
    assert first and first == [e.event_id for e in code(nlp, gaz, body, ms)]


def test_a_participle_qualifying_a_noun_reads_as_a_passive(nlp: Language, gaz: Gazetteer) -> None:
    body = "Les diplomates français expulsés par le Niger ont quitté Niamey."
    ms = [mention(body, "français", "FRA"), mention(body, "Niger", "NER")]
    assert ("SANCTION", frozenset({"NER"}), frozenset({"FRA"})) in tuples(code(nlp, gaz, body, ms))
    # Without an agent, the clause's subject acts on the noun the participle qualifies.
    body = "Le Burkina Faso a arrêté mardi trois gendarmes ivoiriens accusés d'espionnage."
    ms = [mention(body, "Burkina Faso", "BFA"), mention(body, "ivoiriens", "CIV")]
    accused = [e for e in code(nlp, gaz, body, ms) if e.event_type == "ACCUSE"]
    assert accused and all(e.countries("target") == {"CIV"} for e in accused)
    assert all(e.countries("source") == {"BFA"} for e in accused)


def test_an_alliance_acting_on_its_own_member_stays_one_actor(
    nlp: Language, gaz: Gazetteer
) -> None:
    org = "organization:aes"
    # Towards an outsider, a small alliance stands for its member states.
    body = "La Confédération des États du Sahel a condamné le Togo pour son attitude."
    ms = [
        mention(body, "Confédération des États du Sahel", None, entity=org),
        mention(body, "Togo", "TGO"),
    ]
    outside = [e for e in code(nlp, gaz, body, ms) if e.event_type in ("ACCUSE", "REJECT")]
    assert outside and outside[0].countries("source") == {"MLI", "BFA", "NER"}
    # Towards one of its own members it acts as a body: no member-to-member events.
    body = "Le Niger a demandé l'aide de la Confédération des États du Sahel après l'attaque."
    ms = [
        mention(body, "Niger", "NER"),
        mention(body, "Confédération des États du Sahel", None, entity=org),
    ]
    asked = [e for e in code(nlp, gaz, body, ms) if e.event_type == "REQUEST"]
    assert asked
    for e in asked:
        assert e.countries("source") == {"NER"}
        assert [a.entity_id for a in e.actors if a.actor_role == "target"] == [org]


def test_a_noun_with_entre_joins_the_parties_it_names(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "La médiation du Qatar et de l'Égypte a obtenu une pause dans les combats entre le "
        "Soudan et le Tchad."
    )
    ms = [
        mention(body, "Qatar", "QAT"),
        mention(body, "Égypte", "EGY"),
        mention(body, "Soudan", "SDN"),
        mention(body, "Tchad", "TCD"),
    ]
    fights = [e for e in code(nlp, gaz, body, ms) if e.event_type == "ASSAULT"]
    assert fights
    for e in fights:
        # The fighting is between the two named after "entre", not the mediators' doing.
        assert e.countries("source") | e.countries("target") == {"SDN", "TCD"}
        assert not e.is_directed


def test_the_state_a_recall_or_withdrawal_leaves_is_the_target(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Le Portugal a rappelé mardi son ambassadeur en Angola pour consultations."
    ms = [
        mention(body, "Portugal", "PRT"),
        mention(body, "Angola", "AGO", entity="location:angola", actor=False),
    ]
    got = tuples(code(nlp, gaz, body, ms))
    assert ("SANCTION", frozenset({"PRT"}), frozenset({"AGO"})) in got


def test_a_receiving_verb_makes_the_giver_the_source(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger a réceptionné mardi des blindés offerts par la Turquie."
    ms = [mention(body, "Niger", "NER"), mention(body, "Turquie", "TUR")]
    got = tuples(code(nlp, gaz, body, ms))
    assert ("COOPERATE", frozenset({"TUR"}), frozenset({"NER"})) in got
    assert not any(t == "CONSULT" for t, _, _ in got)
    # Received, with no giver named: no pair of actors.
    body = "Le Niger a réceptionné mardi des blindés neufs."
    assert not code(nlp, gaz, body, [mention(body, "Niger", "NER")])


def test_an_organizations_official_named_alone_acts_for_it(nlp: Language, gaz: Gazetteer) -> None:
    body = "Jens Stoltenberg a appelé la Russie à retirer ses troupes."
    person = mention(body, "Jens Stoltenberg", None, entity="person:jens-stoltenberg")
    ms = [person, mention(body, "Russie", "RUS")]
    calls = [e for e in code(nlp, gaz, body, ms, dt.date(2022, 2, 20)) if e.event_type == "REQUEST"]
    assert calls
    sources = [a for e in calls for a in e.actors if a.actor_role == "source"]
    assert {a.entity_id for a in sources} == {"organization:nato"}
    assert {a.surface_text for a in sources} == {"Jens Stoltenberg"}
    # Out of office on the article's day, he speaks for no one the list knows.
    assert not code(nlp, gaz, body, ms, dt.date(2025, 6, 1))


def test_a_participle_describing_a_place_is_no_event(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "Les deux armées se sont affrontées près de Batken, dans une zone contestée entre le "
        "Tadjikistan et le Kirghizistan."
    )
    ms = [mention(body, "Tadjikistan", "TJK"), mention(body, "Kirghizistan", "KGZ")]
    assert not any(e.event_type == "REJECT" for e in code(nlp, gaz, body, ms))
    body = "Le Kirghizistan a contesté ce tracé de la frontière avec le Tadjikistan."
    ms = [mention(body, "Tadjikistan", "TJK"), mention(body, "Kirghizistan", "KGZ")]
    assert ("REJECT", frozenset({"KGZ"}), frozenset({"TJK"})) in tuples(code(nlp, gaz, body, ms))
