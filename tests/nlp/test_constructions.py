"""French constructions the coder reads since session 7, each on sentences written for the test
(general constructions, not sentences of the corpus): the parse repair after a weekday, targets of
threats and of nominal triggers, sources inside participle and infinitive phrases, quotations,
conditional threats, outlets that are only where the text comes from, and datives the parser
hangs on an object."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from etl.transforms.entities import extract_mentions
from etl.transforms.events.actors import party
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.nlp import load_nlp
from tests.nlp.test_events import code, mention, tuples

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _kinds(nlp: Language, gaz: Gazetteer, body: str) -> set[str]:
    """The event types the coder finds in ``body``, with the mentions the entity stage finds."""
    return {e.event_type for e in code(nlp, gaz, body, extract_mentions(nlp(body), gaz))}


def test_a_weekday_does_not_swallow_the_object_after_it(nlp: Language, gaz: Gazetteer) -> None:
    # The parser reads "jeudi des sanctions" as a day "of the sanctions"; the verb lost its object.
    body = "Les États-Unis ont annoncé jeudi des sanctions financières contre le Rwanda."
    ms = [mention(body, "États-Unis", "USA"), mention(body, "Rwanda", "RWA")]
    assert ("SANCTION", frozenset({"USA"}), frozenset({"RWA"})) in tuples(code(nlp, gaz, body, ms))
    doc = nlp("L'Union européenne a adopté mardi de nouvelles sanctions contre la Russie.")
    sanctions = next(t for t in doc if t.text == "sanctions")
    assert (sanctions.dep_, sanctions.head.text) == ("obj", "adopté")
    # "exiger de X": a proper noun after "des" is a complement, left as the parser read it.
    doc = nlp("Le Qatar a exigé dimanche des États-Unis qu'ils partent.")
    assert next(t for t in doc if t.text == "États-Unis").dep_ != "obj"


def test_a_threat_is_against_the_target_of_the_threatened_act(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Les États-Unis ont menacé d'imposer des droits de douane au Mexique."
    ms = [mention(body, "États-Unis", "USA"), mention(body, "Mexique", "MEX")]
    (ev,) = code(nlp, gaz, body, ms)
    assert (ev.event_type, ev.countries("source"), ev.countries("target")) == (
        "THREATEN",
        {"USA"},
        {"MEX"},
    )
    assert ev.confidence >= 0.9  # read from the parse, not guessed from word order


def test_a_hostile_act_under_a_condition_is_a_threat(nlp: Language, gaz: Gazetteer) -> None:
    body = "Si le Tchad ne retire pas ses troupes, le Soudan imposera des sanctions au Tchad."
    ms = [
        mention(body, "Tchad", "TCD"),
        mention(body, "Soudan", "SDN"),
        mention(body, "Tchad", "TCD", nth=1),
    ]
    got = tuples(code(nlp, gaz, body, ms))
    assert ("THREATEN", frozenset({"SDN"}), frozenset({"TCD"})) in got
    assert not any(t == "SANCTION" for t, _, _ in got)
    # "même si" concedes; it sets no condition.
    body = "Même si le Mali refuse, la France a imposé des sanctions au Mali."
    ms = [
        mention(body, "Mali", "MLI"),
        mention(body, "France", "FRA"),
        mention(body, "Mali", "MLI", nth=1),
    ]
    assert ("SANCTION", frozenset({"FRA"}), frozenset({"MLI"})) in tuples(code(nlp, gaz, body, ms))


def test_present_forms_the_lemmatizer_leaves_still_trigger(nlp: Language, gaz: Gazetteer) -> None:
    body = "Alger reproche à Madrid sa prise de position."
    ms = [mention(body, "Alger", "DZA"), mention(body, "Madrid", "ESP")]
    assert ("ACCUSE", frozenset({"DZA"}), frozenset({"ESP"})) in tuples(code(nlp, gaz, body, ms))


def test_a_contre_phrase_hung_on_the_verb_is_the_nouns_target(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Le Canada a annoncé de nouvelles mesures restrictives contre le régime iranien."
    ms = [mention(body, "Canada", "CAN"), mention(body, "iranien", "IRN")]
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "SANCTION"]
    assert (ev.countries("source"), ev.countries("target")) == ({"CAN"}, {"IRN"})
    assert ev.confidence >= 0.9


@pytest.mark.parametrize(
    ("body", "expected", "reality"),
    [
        (
            "La décision de Bamako de rompre ses relations avec Kiev a surpris.",
            ("SANCTION", "MLI", "UKR"),
            "asserted",
        ),
        # The parser hangs the infinitive on the clause's verb (an xcomp of "réagi"), whose
        # subject is the other party.
        (
            "Ottawa a vivement réagi à la décision de Washington d'imposer des droits de douane "
            "au Canada.",
            ("SANCTION", "USA", "CAN"),
            "asserted",
        ),
        # The noun, not the future of the clause, says whether the act is a plan.
        (
            "Madrid défendra ses intérêts après la décision d'Alger de suspendre son traité "
            "d'amitié avec l'Espagne.",
            ("SANCTION", "DZA", "ESP"),
            "asserted",
        ),
        (
            "Moscou salue la volonté de Pékin de soutenir la Russie.",
            ("SUPPORT", "CHN", "RUS"),
            "intended",
        ),
    ],
)
def test_the_owner_of_a_decision_noun_acts(
    nlp: Language, gaz: Gazetteer, body: str, expected: tuple[str, str, str], reality: str
) -> None:
    kind, source, target = expected
    found = [
        e.reality_code
        for e in code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
        if (e.event_type, e.countries("source"), e.countries("target"))
        == (kind, {source}, {target})
    ]
    assert found == [reality]


def test_a_participle_phrase_inside_the_source_keeps_its_object(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "L'ambassadeur russe, accusant l'Ukraine de terrorisme, a quitté la salle."
    ms = [mention(body, "russe", "RUS"), mention(body, "Ukraine", "UKR")]
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "ACCUSE"]
    assert (ev.countries("source"), ev.countries("target")) == ({"RUS"}, {"UKR"})
    assert ev.confidence >= 0.9


def test_the_first_person_of_a_quotation_is_its_speaker(nlp: Language, gaz: Gazetteer) -> None:
    body = "« Nous exercerons des représailles contre le Tchad », a déclaré le général soudanais."
    ms = [mention(body, "Tchad", "TCD"), mention(body, "soudanais", "SDN")]
    assert ("THREATEN", frozenset({"SDN"}), frozenset({"TCD"})) in tuples(code(nlp, gaz, body, ms))
    # Outside a quotation "nous" is nobody the sentence names.
    body = "Nous exercerons des représailles contre le Tchad, a écrit un éditorialiste soudanais."
    ms = [mention(body, "Tchad", "TCD"), mention(body, "soudanais", "SDN")]
    assert not code(nlp, gaz, body, ms)


def test_an_outlet_the_text_speaks_to_is_no_party(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger va expulser des diplomates, a déclaré à l'AFP un ministre nigérien."
    afp = mention(body, "AFP", None, entity="organization:afp")
    got = code(nlp, gaz, body, [mention(body, "Niger", "NER"), afp])
    assert not any("organization:afp" in {a.entity_id for a in e.actors} for e in got)
    # An outlet acted upon is a party.
    body = "Le Mali a suspendu la diffusion de RFI."
    rfi = mention(body, "RFI", None, entity="organization:rfi")
    got = code(nlp, gaz, body, [mention(body, "Mali", "MLI"), rfi])
    assert any("organization:rfi" in {a.entity_id for a in e.actors} for e in got)


def test_a_dative_hung_on_the_object_is_still_an_actor(nlp: Language, gaz: Gazetteer) -> None:
    text = "Washington a menacé d'imposer des droits de douane au Mexique."
    ms = extract_mentions(nlp(text), gaz)
    (mexico,) = [m for m in ms if m.country_code == "MEX"]
    assert mexico.is_actor
    ms = extract_mentions(nlp("La situation au Mexique inquiète Washington."), gaz)
    (mexico,) = [m for m in ms if m.country_code == "MEX"]
    assert not mexico.is_actor


def test_speaking_to_a_counterpart_is_a_consultation(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le président ivoirien a expliqué à son homologue ghanéen qu'il viendrait."
    ms = [mention(body, "ivoirien", "CIV"), mention(body, "ghanéen", "GHA")]
    (ev,) = code(nlp, gaz, body, ms)
    assert ev.event_type == "CONSULT" and ev.countries("source") | ev.countries("target") == {
        "CIV",
        "GHA",
    }
    # The counterpart spoken of, not spoken to, is no consultation.
    body = "Le président ivoirien a déclaré que son homologue ghanéen viendrait."
    ms = [mention(body, "ivoirien", "CIV"), mention(body, "ghanéen", "GHA")]
    assert not any(e.event_type == "CONSULT" for e in code(nlp, gaz, body, ms))


def test_an_expulsion_without_agent_is_by_the_state_left(nlp: Language, gaz: Gazetteer) -> None:
    body = "Trois diplomates béninois ont été expulsés du Niger."
    ms = [mention(body, "béninois", "BEN"), mention(body, "Niger", "NER")]
    assert ("SANCTION", frozenset({"NER"}), frozenset({"BEN"})) in tuples(code(nlp, gaz, body, ms))


def test_where_troops_are_sent_is_the_other_side(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Tchad a dépêché des troupes au Cameroun."
    ms = [mention(body, "Tchad", "TCD"), mention(body, "Cameroun", "CMR", actor=False)]
    assert ("MOBILIZE", frozenset({"TCD"}), frozenset({"CMR"})) in tuples(code(nlp, gaz, body, ms))


def test_a_dative_inside_a_giving_nouns_phrase_is_an_actor(nlp: Language, gaz: Gazetteer) -> None:
    ms = extract_mentions(nlp("Le Bénin a suspendu la fourniture de l'énergie au Togo."), gaz)
    (togo,) = [m for m in ms if m.country_code == "TGO"]
    assert togo.is_actor


def test_condemning_an_act_accuses_its_authors_not_its_victims(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Le Ghana a condamné l'attaque burkinabè contre le Togo."
    ms = [
        mention(body, "Ghana", "GHA"),
        mention(body, "burkinabè", "BFA"),
        mention(body, "Togo", "TGO"),
    ]
    assert ("ACCUSE", frozenset({"GHA"}), frozenset({"BFA"})) in tuples(code(nlp, gaz, body, ms))
    # An attack whose author the sentence does not name accuses nobody it names.
    body = "Le Ghana a condamné l'attaque contre le Togo."
    ms = [mention(body, "Ghana", "GHA"), mention(body, "Togo", "TGO")]
    assert not any(e.event_type == "ACCUSE" for e in code(nlp, gaz, body, ms))


def test_a_date_inside_what_the_trigger_governs_is_not_its_date(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Le Liberia a accusé la Guinée d'avoir fait pression sur lui pour qu'il renonce aux "
        "élections du 24 juin dernier."
    )
    ms = [mention(body, "Liberia", "LBR"), mention(body, "Guinée", "GIN")]
    (ev,) = [e for e in code(nlp, gaz, body, ms, dt.date(2024, 9, 18)) if e.event_type == "ACCUSE"]
    assert ev.event_date != dt.date(2024, 6, 24)
    # The trigger's own complement keeps its date: "a annoncé avoir signé le 3 mai".
    body = "Le Liberia a annoncé avoir signé le 3 mai un accord avec la Guinée."
    ms = [mention(body, "Liberia", "LBR"), mention(body, "Guinée", "GIN")]
    (ev,) = [e for e in code(nlp, gaz, body, ms, dt.date(2024, 9, 18)) if e.event_type == "AGREE"]
    assert ev.event_date == dt.date(2024, 5, 3)


def test_an_act_its_negated_governor_prevented_is_not_coded(nlp: Language, gaz: Gazetteer) -> None:
    body = "Les émissaires ghanéens n'ont pas été autorisés à rencontrer le président togolais."
    ms = [mention(body, "ghanéens", "GHA"), mention(body, "togolais", "TGO")]
    assert not code(nlp, gaz, body, ms)
    body = "Les émissaires ghanéens ont été autorisés à rencontrer le président togolais."
    ms = [mention(body, "ghanéens", "GHA"), mention(body, "togolais", "TGO")]
    assert any(e.event_type == "CONSULT" for e in code(nlp, gaz, body, ms))


def test_standing_alongside_a_state_is_support(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Sénégal restera aux côtés de la Gambie."
    ms = [mention(body, "Sénégal", "SEN"), mention(body, "Gambie", "GMB")]
    assert ("SUPPORT", frozenset({"SEN"}), frozenset({"GMB"})) in tuples(code(nlp, gaz, body, ms))
    # "côtés" is not "côtes": the state alongside is an actor, the coast of one is a place.
    ms = extract_mentions(nlp("La France se tient aux côtés de l'Ukraine."), gaz)
    assert next(m for m in ms if m.country_code == "UKR").is_actor
    ms = extract_mentions(nlp("Des navires croisent au large des côtes de la Libye."), gaz)
    assert not next(m for m in ms if m.country_code == "LBY").is_actor


def test_whom_the_asked_for_act_concerns_is_not_the_addressee(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Le Kenya a demandé à l'Ouganda de retirer ses troupes de la Somalie."
    ms = [
        mention(body, "Kenya", "KEN"),
        mention(body, "Ouganda", "UGA"),
        mention(body, "Somalie", "SOM"),
    ]
    got = tuples(code(nlp, gaz, body, ms))
    assert ("REQUEST", frozenset({"KEN"}), frozenset({"UGA"})) in got
    assert not any("SOM" in targets for _, _, targets in got)


def test_a_feminine_adjective_the_lemmatizer_left_still_qualifies_its_noun(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Le Canada a adopté des mesures restrictives à l'encontre du Venezuela."
    ms = [mention(body, "Canada", "CAN"), mention(body, "Venezuela", "VEN")]
    assert ("SANCTION", frozenset({"CAN"}), frozenset({"VEN"})) in tuples(code(nlp, gaz, body, ms))


def test_the_dative_of_a_verb_whose_object_takes_one_is_the_addressee(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Le Mali a lancé un appel à la Russie."
    ms = extract_mentions(nlp(body), gaz)
    assert next(m for m in ms if m.country_code == "RUS").is_actor
    assert ("REQUEST", frozenset({"MLI"}), frozenset({"RUS"})) in tuples(code(nlp, gaz, body, ms))
    # A city after a verb whose object takes no dative stays where it happened.
    ms = extract_mentions(nlp("Le Mali a organisé une réunion à Moscou."), gaz)
    assert not any(m.is_actor for m in ms if m.country_code == "RUS")


@pytest.mark.parametrize(
    ("body", "names", "source", "target"),
    [
        (
            "L'ambassadrice de France a été convoquée au ministère azerbaïdjanais.",
            (("France", "FRA"), ("azerbaïdjanais", "AZE")),
            "AZE",
            "FRA",
        ),
        (
            "L'ambassadeur de Turquie à Bagdad a été convoqué au ministère des Affaires "
            "étrangères.",
            (("Turquie", "TUR"), ("Bagdad", "IRQ")),
            "IRQ",
            "TUR",
        ),
    ],
)
def test_who_summons_an_envoy_in_the_passive_is_the_ministry_or_the_host_state(
    nlp: Language, gaz: Gazetteer, body: str, names: tuple[tuple[str, str], ...], source: str,
    target: str,
) -> None:  # fmt: skip
    ms = extract_mentions(nlp(body), gaz)
    assert {m.country_code for m in ms} >= {code for _, code in names}
    got = tuples(code(nlp, gaz, body, ms))
    assert ("ACCUSE", frozenset({source}), frozenset({target})) in got


def test_the_antecedent_of_a_relative_object_is_the_target(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Tchad a saisi la justice contre le Soudan, qu'il accuse de crimes de guerre."
    ms = [mention(body, "Tchad", "TCD"), mention(body, "Soudan", "SDN")]
    assert ("ACCUSE", frozenset({"TCD"}), frozenset({"SDN"})) in tuples(code(nlp, gaz, body, ms))


def test_acting_on_each_other_is_one_joint_event(nlp: Language, gaz: Gazetteer) -> None:
    body = "L'Arménie et l'Azerbaïdjan se sont accusés mutuellement d'avoir ouvert le feu."
    ms = [mention(body, "Arménie", "ARM"), mention(body, "Azerbaïdjan", "AZE")]
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "ACCUSE"]
    assert ev.countries("source") == {"ARM", "AZE"} and not ev.is_directed


def test_a_subject_relative_keeps_its_antecedent_as_source(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "Ils veulent renforcer la formation des forces armées tchadiennes, avec la France qui "
        "offrirait son expertise en formation militaire."
    )
    ms = extract_mentions(nlp(body), gaz)
    got = tuples(code(nlp, gaz, body, ms))
    assert ("AID", frozenset({"FRA"}), frozenset({"TCD"})) in got


def test_withdrawing_from_an_organization_ends_a_membership(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "L'Érythrée a annoncé vendredi son retrait de l'Autorité intergouvernementale pour "
        "le développement."
    )
    types = _kinds(nlp, gaz, body)
    assert "SANCTION" in types and "RETREAT" not in types
    body = "La France a annoncé le retrait de ses troupes du Mali."
    assert "RETREAT" in _kinds(nlp, gaz, body)


def test_a_resolution_acts_for_the_body_that_adopts_it(nlp: Language, gaz: Gazetteer) -> None:
    # What the resolution does (condemn, call for) is the council's act towards the state it
    # names; adopting a resolution is no agreement with that state.
    body = "Le Conseil de sécurité a adopté une résolution condamnant l'Iran pour ses attaques."
    ms = extract_mentions(nlp(body), gaz)
    events = code(nlp, gaz, body, ms)
    assert "AGREE" not in {e.event_type for e in events}
    (accuse,) = [e for e in events if e.event_type == "ACCUSE"]
    sources = {party(a, gaz) for a in accuse.actors if a.actor_role == "source"}
    assert sources == {"IGO:unsc"} and accuse.countries("target") == {"IRN"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Le Niger a dénoncé l'accord de défense. Le pays a expulsé l'ambassadeur de France.",
            ("SANCTION", "NER", "FRA"),
        ),
        (
            "Le Burkina Faso a suspendu la radio. Les autorités de transition ont accusé la France "
            "de déstabilisation.",
            ("ACCUSE", "BFA", "FRA"),
        ),
    ],
)
def test_a_noun_for_the_state_named_before_is_that_state(
    nlp: Language, gaz: Gazetteer, body: str, expected: tuple[str, str, str]
) -> None:
    ms = extract_mentions(nlp(body), gaz)
    kind, source, target = expected
    assert (kind, frozenset({source}), frozenset({target})) in tuples(code(nlp, gaz, body, ms))


def test_an_indefinite_noun_is_no_state_named_before(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger a dénoncé l'accord. Des pays voisins ont accusé la France de déstabilisation."
    assert "ACCUSE" not in _kinds(nlp, gaz, body)


def test_the_parties_of_the_relations_a_noun_acts_on(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le ministre a annoncé la reprise des relations diplomatiques entre le Togo et le Ghana."
    ms = extract_mentions(nlp(body), gaz)
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "AGREE"]
    assert ev.countries("source") == {"TGO", "GHA"} and not ev.is_directed


def test_suspending_a_named_state_is_a_sanction(nlp: Language, gaz: Gazetteer) -> None:
    body = "L'Union africaine a suspendu le Gabon après le coup d'État."
    ms = extract_mentions(nlp(body), gaz)
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "SANCTION"]
    assert {party(a, gaz) for a in ev.actors} == {"IGO:au", "GAB"}
    # In the passive, the body a state is suspended from is who suspends it.
    body = "La Guinée a été suspendue de toutes les instances de la Cedeao."
    ms = extract_mentions(nlp(body), gaz)
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "SANCTION"]
    sources = {party(a, gaz) for a in ev.actors if a.actor_role == "source"}
    assert sources == {"IGO:ecowas"} and ev.countries("target") == {"GIN"}


def test_who_a_quotation_is_attributed_to_is_no_guessed_side(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "« Le Soudan et le Tchad ont accepté un cessez-le-feu immédiat », a déclaré le président "
        "kényan."
    )
    ms = extract_mentions(nlp(body), gaz)
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "RETREAT"]
    assert "KEN" not in ev.countries("source") | ev.countries("target")


def test_a_guessed_target_stays_in_the_triggers_clause(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "La Russie a lancé une offensive d'envergure, tandis que le Japon prépare ses élections "
        "législatives."
    )
    assert "ASSAULT" not in _kinds(nlp, gaz, body)


def test_parties_gathered_in_a_participle_hold_no_meeting(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "Le Togo et le Bénin, réunis au sein de la Cedeao, ont condamné l'attaque contre le "
        "Nigeria."
    )
    assert "CONSULT" not in _kinds(nlp, gaz, body)
    # The same verb as the clause's own act is a meeting.
    body = "Le Togo et le Bénin se sont réunis à Lomé."
    ms = extract_mentions(nlp(body), gaz)
    (ev,) = [e for e in code(nlp, gaz, body, ms) if e.event_type == "CONSULT"]
    assert ev.countries("source") == {"TGO", "BEN"}


def test_referring_a_matter_to_a_body_is_no_seizure(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger a saisi la Cedeao de ce différend frontalier avec le Bénin."
    kinds = _kinds(nlp, gaz, body)
    assert "COERCE" not in kinds and "REQUEST" in kinds
    body = "Les douaniers béninois ont saisi un camion nigérien à la frontière."
    assert "COERCE" in _kinds(nlp, gaz, body)


def test_what_is_threatened_or_asked_for_did_not_happen(nlp: Language, gaz: Gazetteer) -> None:
    body = "La Cedeao a brandi la menace de sanctions contre le Burkina Faso."
    kinds = _kinds(nlp, gaz, body)
    assert "THREATEN" in kinds and "SANCTION" not in kinds
    body = "Le Qatar a renouvelé sa demande d'un cessez-le-feu à Israël."
    kinds = _kinds(nlp, gaz, body)
    assert "REQUEST" in kinds and "RETREAT" not in kinds


@pytest.mark.parametrize(
    ("body", "absent"),
    [
        # What a threat would do, in an infinitive and the noun phrase under it.
        (
            "Les menaces répétées du Ghana d'imposer des droits de douane au Togo inquiètent.",
            "SANCTION",
        ),
        # A kind of act in general, under "tout" or "aucun".
        (
            "Le Mali a déclaré que tout soutien à l'Ukraine serait considéré comme un soutien "
            "au terrorisme.",
            "SUPPORT",
        ),
        # An interview given to the press is no meeting with the press's state.
        (
            "Le président gabonais a déclaré dans un entretien accordé aux médias français que "
            "la coopération continuera.",
            "CONSULT",
        ),
        # What an accusation charges, in an infinitive the parser hangs on the accused.
        (
            "Le Tchad a accusé mardi le Soudan d'avoir récemment déployé des avions de combat "
            "au Darfour.",
            "MOBILIZE",
        ),
        # An assault noun that names no victim is not against the sentence's other state.
        ("Le Japon a accordé un prêt au Kenya alors que l'offensive russe se poursuit.", "ASSAULT"),
        (
            "Le Niger maintient la fermeture de sa frontière avec le Bénin par crainte d'une "
            "agression française.",
            "ASSAULT",
        ),
    ],
)
def test_acts_that_did_not_take_place(
    nlp: Language, gaz: Gazetteer, body: str, absent: str
) -> None:
    assert absent not in _kinds(nlp, gaz, body)


def test_money_received_from_a_state_is_aid_from_it(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger a reçu 20 millions de dollars du gouvernement japonais."
    ms = extract_mentions(nlp(body), gaz)
    evs = code(nlp, gaz, body, ms)
    assert ("AID", frozenset({"JPN"}), frozenset({"NER"})) in tuples(evs)
    assert "CONSULT" not in {e.event_type for e in evs}


# One "body|type|source|target" per case. Troops gathered, a battalion stationed, forces on
# alert: mobilizations; a credit line offered is aid (session 14). Where aid is sent or delivered
# is its recipient; an obligation a speaker states is a demand from the speaker's side (session
# 15).
CASES = [
    "La Russie a rassemblé des troupes à la frontière ukrainienne.|MOBILIZE|RUS|UKR",
    "L'Allemagne va installer un bataillon en Lituanie.|MOBILIZE|DEU|LTU",
    "L'armée serbe a été placée en état d'alerte face au Kosovo.|MOBILIZE|SRB|XKX",
    "L'Inde a offert un crédit de 100 millions de dollars aux Seychelles.|AID|IND|SYC",
    "La Chine a envoyé des secouristes en Birmanie après le séisme.|AID|CHN|MMR",
    "Le Japon a dépêché une équipe de secouristes au Népal.|AID|JPN|NPL",
    "Le Maroc a acheminé des vivres au Liban.|AID|MAR|LBN",
    "« L'Iran doit régler ses questions sans délai », a déclaré le ministre français.|REQUEST|FRA"
    "|IRN",
    "Les États-Unis devraient cesser de réprimer nos entreprises, a déclaré Pékin.|REQUEST|CHN|USA",
    "Pékin estime que Washington doit cesser ses provocations.|REQUEST|CHN|USA",
]


def _coded_case(nlp: Language, gaz: Gazetteer, case: str) -> set[str]:
    """Code a "body|type|source|target" case, check that event is among those coded, and return
    the types coded."""
    body, kind, source, target = case.split("|")
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert (kind, frozenset({source}), frozenset({target})) in tuples(events), tuples(events)
    return {e.event_type for e in events}


@pytest.mark.parametrize("case", CASES)
def test_constructions_give_their_type_and_sides(nlp: Language, gaz: Gazetteer, case: str) -> None:
    _coded_case(nlp, gaz, case)


@pytest.mark.parametrize(
    ("body", "reality"),
    [
        ("L'Allemagne va installer un bataillon en Lituanie.", "intended"),
        ("Le Qatar allait livrer des vivres à la Syrie.", "intended"),
        # "aller" in a compound tense is a move: the act took place
        ("Le ministre français est allé signer l'accord avec le Maroc.", "asserted"),
    ],
)
def test_aller_before_an_infinitive_announces_the_act(
    nlp: Language, gaz: Gazetteer, body: str, reality: str
) -> None:
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert events and {e.reality_code for e in events} == {reality}


# Not accepting is rejecting; "ne" alone negates pouvoir, savoir, oser, cesser; a first-person
# future of a hostile act is a threat (session 15). One "body|type|source|target" per case.
REFUSALS_AND_PROMISES = [
    "Le Maroc n'a pas accepté la proposition de l'Algérie.|REJECT|MAR|DZA",
    "Le Maroc ne peut accepter la proposition de l'Algérie.|REJECT|MAR|DZA",
    "« Nous imposerons des sanctions à la Russie », a déclaré le président américain.|THREATEN|USA"
    "|RUS",
    # Pushing back a claim is refusing it.
    "Le Koweït repousse les revendications de l'Iran sur ce champ gazier.|REJECT|KWT|IRN",
]


@pytest.mark.parametrize("case", REFUSALS_AND_PROMISES)
def test_refusals_and_promised_acts(nlp: Language, gaz: Gazetteer, case: str) -> None:
    assert not {"AGREE", "SANCTION"} & _coded_case(nlp, gaz, case)


def test_ne_que_is_no_negation(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger ne peut que saluer la décision du Tchad."
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert ("SUPPORT", frozenset({"NER"}), frozenset({"TCD"})) in tuples(events)


def test_a_first_person_future_is_a_plan(nlp: Language, gaz: Gazetteer) -> None:
    body = "« Nous rencontrerons le président malien demain », a annoncé le président ivoirien."
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert [e.reality_code for e in events if e.event_type == "CONSULT"] == ["intended"]


@pytest.mark.parametrize(
    "body",
    [
        "Le Mali a dû quitter la CEDEAO sous la pression du Niger.",  # what happened
        "Le Mali doit rencontrer le Niger la semaine prochaine.",  # no one states it
    ],
)
def test_an_obligation_nobody_states_is_no_demand(nlp: Language, gaz: Gazetteer, body: str) -> None:
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert "REQUEST" not in {e.event_type for e in events}


@pytest.mark.parametrize(
    "body",
    [
        "La Turquie lève son veto à l'adhésion de la Suède à l'Otan.",
        "Ankara a levé ses objections à l'adhésion de la Finlande.",
    ],
)
def test_lifting_a_veto_is_a_concession(nlp: Language, gaz: Gazetteer, body: str) -> None:
    assert _kinds(nlp, gaz, body) == {"CONCEDE"}


def test_violating_a_truce_names_no_victim(nlp: Language, gaz: Gazetteer) -> None:
    assert "ACCUSE" not in _kinds(nlp, gaz, "Le Hezbollah a violé le cessez-le-feu avec Israël.")


def test_what_the_other_sides_phrase_itself_does_names_no_party(
    nlp: Language, gaz: Gazetteer
) -> None:
    rebels = (
        "Ankara a soutenu des groupes rebelles cherchant à renverser le régime syrien, soutenu "
        "lui par Moscou et Téhéran."
    )
    supported = {c for kind, src, tgt in _found(nlp, gaz, rebels) if src == {"TUR"} for c in tgt}
    assert not supported & {"RUS", "IRN"}
    # A past participle still may name the other side.
    sent = "La Russie a envoyé des instructeurs militaires destinés à l'armée malienne."
    assert any(tgt == {"MLI"} for _, _, tgt in _found(nlp, gaz, sent))


@pytest.mark.parametrize(
    "body",
    [
        "La France a officiellement reconnu l'Etat de Palestine.",  # a capital without its accent
        "Le Royaume-Uni a reconnu la Palestine.",  # the state itself as the object
    ],
)
def test_recognizing_a_state_is_support(nlp: Language, gaz: Gazetteer, body: str) -> None:
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert [(e.event_type, e.countries("target")) for e in events] == [("SUPPORT", {"PSE"})]


def test_an_object_relative_inside_the_other_sides_phrase_may_name_it(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "La Turquie a suspendu l'accord qu'elle entretenait avec le gouvernement grec."
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert ("SANCTION", frozenset({"TUR"}), frozenset({"GRC"})) in tuples(events)


@pytest.mark.parametrize(
    "body",
    [
        "Le Niger a présenté ses condoléances au Togo après l'attaque.",
        "Le président nigérien a adressé ses vœux de succès au président togolais.",
    ],
)
def test_condolences_and_good_wishes_are_support(nlp: Language, gaz: Gazetteer, body: str) -> None:
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert ("SUPPORT", frozenset({"NER"}), frozenset({"TGO"})) in tuples(events)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "L'Argentine dénonce une militarisation britannique autour des Malouines.",
            {("ACCUSE", frozenset({"ARG"}), frozenset({"GBR"}))},
        ),
        (
            "Alger reproche à Madrid sa prise de position sur le Sahara occidental.",
            {("ACCUSE", frozenset({"DZA"}), frozenset({"ESP"}))},
        ),
    ],
)
def test_a_dependency_or_disputed_territory_is_no_side(
    nlp: Language, gaz: Gazetteer, body: str, expected: set[tuple[str, frozenset, frozenset]]
) -> None:
    assert tuples(code(nlp, gaz, body, extract_mentions(nlp(body), gaz))) == expected


def _found(nlp: Language, gaz: Gazetteer, body: str) -> set[tuple[str, frozenset, frozenset]]:
    return tuples(code(nlp, gaz, body, extract_mentions(nlp(body), gaz)))


DIRECTED_CASES = [
    # Whose sovereignty, airspace or affairs are violated is the side that accuses.
    "Mogadiscio affirme que le gouvernement éthiopien a violé la souveraineté de la Somalie."
    "|ACCUSE|SOM|ETH",
    "L'armée indienne a violé l'espace aérien pakistanais.|ACCUSE|PAK|IND",
    "La Russie s'ingère dans les affaires intérieures de la Moldavie.|ACCUSE|MDA|RUS",
    "Le Caire a jugé cet accord turc contraire au droit international.|ACCUSE|EGY|TUR",
    # Acting at a state's request: that state asked the one who acts.
    "Le Nigeria a déployé des troupes au Bénin à la demande du gouvernement béninois."
    "|REQUEST|BEN|NGA",
    "Sur demande du Mali, la Russie a livré des hélicoptères.|REQUEST|MLI|RUS",
]


@pytest.mark.parametrize("case", DIRECTED_CASES)
def test_violations_and_requests_acted_on(nlp: Language, gaz: Gazetteer, case: str) -> None:
    _coded_case(nlp, gaz, case)


def test_what_a_group_is_made_of_is_no_meeting(nlp: Language, gaz: Gazetteer) -> None:
    # "réunir" names the members of a group, club or alliance as well as a meeting's guests.
    members = "Cette coalition réunit le Tchad, le Cameroun, le Niger et le Nigeria."
    assert "CONSULT" not in _kinds(nlp, gaz, members)
    meeting = "Le sommet de Yaoundé a réuni lundi le Tchad, le Cameroun et le Nigeria."
    assert "CONSULT" in _kinds(nlp, gaz, meeting)


def test_a_promised_retaliation_is_a_threat(nlp: Language, gaz: Gazetteer) -> None:
    body = "Pékin a promis de répliquer à la décision de l'Australie."
    ms = [mention(body, "Pékin", "CHN"), mention(body, "Australie", "AUS")]
    assert ("THREATEN", frozenset({"CHN"}), frozenset({"AUS"})) in tuples(code(nlp, gaz, body, ms))
    # A reply already made is no threat (and "droits de douane" is no right reserved).
    body = "La Colombie a répliqué aux droits de douane de l'Équateur par des taxes."
    ms = [mention(body, "Colombie", "COL"), mention(body, "Équateur", "ECU")]
    assert "THREATEN" not in {e.event_type for e in code(nlp, gaz, body, ms)}


@pytest.mark.parametrize(
    ("body", "pair"),
    [
        ("La Chine a évacué des ressortissants égyptiens.", ("CHN", "EGY")),
        ("Le Japon a annoncé un don de 5 millions de dollars au Népal.", ("JPN", "NPL")),
        ("La Russie a décidé l'annulation de la dette du Mozambique.", ("RUS", "MOZ")),
        ("Le Portugal a annoncé l'envoi de vaccins à l'Angola.", ("PRT", "AGO")),
    ],
)
def test_evacuations_gifts_and_debt_relief_are_aid(
    nlp: Language, gaz: Gazetteer, body: str, pair: tuple[str, str]
) -> None:
    events = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    assert any(
        e.event_type == "AID" and e.countries("source") | e.countries("target") == set(pair)
        for e in events
    )


@pytest.mark.parametrize(
    ("body", "kind", "not_kind"),
    [
        # Stopping, cutting or reducing aid is a sanction, not aid.
        ("La Suède a interrompu son aide financière au Zimbabwe.", "SANCTION", "AID"),
        ("Le Japon a réduit son aide au Laos.", "SANCTION", "AID"),
        ("Le Canada a suspendu son soutien financier au Honduras.", "SANCTION", "AID"),
        # Reopening, delisting, returning and resuming are retreats or concessions.
        ("La Turquie a rouvert sa frontière avec l'Arménie.", "RETREAT", "SANCTION"),
        ("Les États-Unis ont retiré le Soudan de leur liste noire.", "CONCEDE", "SANCTION"),
        ("La France a restitué des œuvres d'art au Sénégal.", "RETREAT", "SANCTION"),
        ("Le Royaume-Uni a rétabli son aide au Malawi.", "RETREAT", "SANCTION"),
        # "Lever une taxe" is to levy it ("lever les droits de douane" is to lift them).
        ("Le Ghana a levé une nouvelle taxe sur les importations du Togo.", "SANCTION", "CONCEDE"),
    ],
)
def test_what_is_stopped_or_restored_decides_the_type(
    nlp: Language, gaz: Gazetteer, body: str, kind: str, not_kind: str
) -> None:
    kinds = _kinds(nlp, gaz, body)
    assert kind in kinds and not_kind not in kinds
