"""Who the sides of an event are in constructions met on real pages: arrests without an agent,
threats and warnings, parties doing the same, quotations without a named speaker, meetings the
parser splits, objects pointing back, votes against a text's sponsors, and what is no event
between states."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.transforms.entities import extract_mentions
from etl.transforms.gazetteer import Gazetteer
from tests.nlp.test_constructions import _kinds
from tests.nlp.test_events import code, tuples


def _coded(nlp: Language, gaz: Gazetteer, body: str) -> set[tuple[str, frozenset, frozenset]]:
    return set(tuples(code(nlp, gaz, body, extract_mentions(nlp(body), gaz))))


def test_an_arrest_without_agent_is_made_by_the_state_where_it_happens(
    nlp: Language, gaz: Gazetteer
) -> None:
    coded = _coded(nlp, gaz, "Trois journalistes français ont été arrêtés en Algérie.")
    assert ("COERCE", frozenset({"DZA"}), frozenset({"FRA"})) in coded
    # With an agent, the agent arrests.
    coded = _coded(nlp, gaz, "Deux espions russes ont été arrêtés par la police polonaise.")
    assert ("COERCE", frozenset({"POL"}), frozenset({"RUS"})) in coded


@pytest.mark.parametrize(
    "body",
    [
        "Le Mexique a évoqué la possibilité de mesures de rétorsion contre les États-Unis.",
        "La Russie se réserve le droit de riposter contre la Pologne.",
    ],
)
def test_a_possible_or_reserved_retaliation_is_a_threat(
    nlp: Language, gaz: Gazetteer, body: str
) -> None:
    kinds = _kinds(nlp, gaz, body)
    assert "THREATEN" in kinds
    assert "SANCTION" not in kinds


def test_a_party_doing_the_same_is_no_target(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Mexique a rompu ses relations avec l'Équateur, tout comme le Nicaragua."
    coded = _coded(nlp, gaz, body)
    assert ("SANCTION", frozenset({"MEX", "NIC"}), frozenset({"ECU"})) in coded
    body = "Le Niger a suspendu sa coopération avec la France, à l'instar du Mali."
    assert {(s, t) for _, s, t in _coded(nlp, gaz, body)} == {
        (frozenset({"NER"}), frozenset({"FRA"}))
    }


def test_a_quotation_without_a_named_speaker_continues_the_one_before(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Le général soudanais Yasser al-Atta a déclaré que les aéroports tchadiens étaient des "
        "cibles. « Nous exercerons des représailles contre les Émirats arabes unis. »"
    )
    assert ("THREATEN", frozenset({"SDN"}), frozenset({"ARE"})) in _coded(nlp, gaz, body)


def test_a_meeting_with_parties_hung_on_the_nouns_head(nlp: Language, gaz: Gazetteer) -> None:
    # The parser hangs "avec ses homologues" on "Caire", and "trilatérale" names no party.
    body = (
        "Le chef de la diplomatie somalienne était au Caire pour une réunion trilatérale avec "
        "ses homologues égyptien et érythréen."
    )
    assert ("CONSULT", frozenset({"SOM"}), frozenset({"EGY", "ERI"})) in _coded(nlp, gaz, body)


def test_what_a_clause_goes_against_is_addressed_to_its_subject(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "Malgré les appels du Zimbabwe, Washington a décidé de renouveler ses sanctions."
    assert ("REQUEST", frozenset({"ZWE"}), frozenset({"USA"})) in _coded(nlp, gaz, body)
    body = "Malgré les menaces de la Chine, Taïwan a reçu le président américain."
    assert {(s, t) for _, s, t in _coded(nlp, gaz, body)} == {
        (frozenset({"TWN"}), frozenset({"USA"}))
    }


def test_calling_accusations_unfounded_rejects_them(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "Le Burundi accuse le Rwanda de soutenir les rebelles. Le gouvernement rwandais a "
        "qualifié ces accusations de surprenantes."
    )
    assert ("REJECT", frozenset({"RWA"}), frozenset({"BDI"})) in _coded(nlp, gaz, body)


def test_a_list_spelled_out_after_the_trigger_is_its_other_side(
    nlp: Language, gaz: Gazetteer
) -> None:
    # The parser makes "à savoir la Zambie, ..." a conjunct of "visite".
    body = (
        "Le ministre chinois Wang Yi effectuera une visite officielle dans trois pays africains, "
        "à savoir la Zambie, la Tanzanie et le Nigeria."
    )
    coded = _coded(nlp, gaz, body)
    assert ("CONSULT", frozenset({"CHN"}), frozenset({"ZMB", "TZA", "NGA"})) in coded


def test_an_object_pointing_back_carries_the_previous_sentences_author(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Donald Trump a proposé d'envoyer des troupes américaines au Mexique. La présidente "
        "mexicaine a dénoncé cette approche."
    )
    evs = code(nlp, gaz, body, extract_mentions(nlp(body), gaz))
    (accuse,) = [e for e in evs if e.event_type == "ACCUSE"]
    assert (accuse.countries("source"), accuse.countries("target")) == ({"MEX"}, {"USA"})
    assert accuse.confidence < 0.9  # a guess from the sentence before
    # Without a pointing-back object nothing is carried over.
    body = "Donald Trump a proposé d'envoyer des troupes au Mexique. Le Mexique a protesté."
    assert "ACCUSE" not in _kinds(nlp, gaz, body)


@pytest.mark.parametrize(
    "body",
    [
        # The press of a country speaks for itself, not for its state.
        "Les médias russes accusent l'Ukraine de bombarder des villages.",
        "La presse algérienne a dénoncé la décision de la France.",
        # A participle describing a charge names no accuser.
        "Le Mexique a remis à la justice américaine 26 personnes accusées aux États-Unis de "
        "trafic de drogue.",
    ],
)
def test_no_accusation_between_states(nlp: Language, gaz: Gazetteer, body: str) -> None:
    assert "ACCUSE" not in _kinds(nlp, gaz, body)


def test_an_accused_party_with_its_accuser_is_still_accused(nlp: Language, gaz: Gazetteer) -> None:
    body = "Les diplomates russes accusés d'espionnage par la Pologne ont quitté le pays."
    assert ("ACCUSE", frozenset({"POL"}), frozenset({"RUS"})) in _coded(nlp, gaz, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A warning's other side is the one its clause is about.
        (
            "Le Pakistan a averti que toute tentative de l'Inde de bloquer l'eau serait "
            "considérée comme un acte de guerre.",
            ("THREATEN", frozenset({"PAK"}), frozenset({"IND"})),
        ),
        # The tagger reads "gelé" as an adjective; with its auxiliary it is the verb "geler".
        (
            "Les États-Unis ont gelé les avoirs de la banque centrale russe.",
            ("SANCTION", frozenset({"USA"}), frozenset({"RUS"})),
        ),
        # A treaty suspended is a relation discontinued, and keeping it up is no meeting.
        (
            "Le gouvernement algérien a suspendu le traité d'amitié qu'il entretenait avec le "
            "gouvernement espagnol.",
            ("SANCTION", frozenset({"DZA"}), frozenset({"ESP"})),
        ),
        # "La partie malienne" is the Malian side, not a part of Mali.
        (
            "La partie malienne a rejeté les accusations de l'Algérie.",
            ("REJECT", frozenset({"MLI"}), frozenset({"DZA"})),
        ),
        # A noun's "par" phrase acts and its "de" phrase is acted upon.
        (
            "L'expulsion de diplomates algériens par la France a été annoncée jeudi.",
            ("SANCTION", frozenset({"FRA"}), frozenset({"DZA"})),
        ),
        # An arrest noun with its place: the state where it happens arrests, not who reacts.
        (
            "Le ministère français a réagi samedi à l'arrestation d'un ressortissant français à "
            "Bamako.",
            ("COERCE", frozenset({"MLI"}), frozenset({"FRA"})),
        ),
    ],
)
def test_sides_named_in_the_clause(
    nlp: Language, gaz: Gazetteer, body: str, expected: tuple[str, frozenset, frozenset]
) -> None:
    coded = _coded(nlp, gaz, body)
    assert expected in coded
    assert "CONSULT" not in {kind for kind, _, _ in coded}


def test_a_tense_auxiliary_is_no_required_word(nlp: Language, gaz: Gazetteer) -> None:
    # "bloquer" requires what is blocked ("les avoirs"); "avait" is no such word.
    assert "COERCE" not in _kinds(nlp, gaz, "La Russie avait bloqué un projet de la Chine.")


@pytest.mark.parametrize(
    "body",
    [
        # The sponsors in a participle on the text, the vote in another sentence.
        "Le texte, présenté par les États-Unis, a été adopté. Le Brésil et la Turquie ont voté "
        "contre.",
        # A veto at the Council, the text's authors named after it in a sentence the gate does
        # not parse.
        "La Russie a opposé vendredi son veto à un projet de résolution au Conseil de sécurité. "
        "Le texte avait été rédigé par les États-Unis.",
        # The sponsoring participle before the text noun, unaccented as some pages write it.
        "Elaboré par les États-Unis, le texte a recueilli onze voix. La Russie a voté contre.",
    ],
)
def test_a_vote_against_a_text_rejects_its_sponsors(
    nlp: Language, gaz: Gazetteer, body: str
) -> None:
    rejects = {(s, t) for kind, s, t in _coded(nlp, gaz, body) if kind == "REJECT"}
    assert any("USA" in t and "USA" not in s for s, t in rejects)


def test_a_rejection_of_no_text_takes_no_sponsor(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le texte, présenté par les États-Unis, a été adopté. Le Brésil a rejeté l'accusation."
    assert not any("USA" in t for _, _, t in _coded(nlp, gaz, body))


def test_an_envoy_expelled_without_agent_is_expelled_by_his_host(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = "L'ambassadeur de France au Niger a été expulsé jeudi."
    assert ("SANCTION", frozenset({"NER"}), frozenset({"FRA"})) in _coded(nlp, gaz, body)


def test_hosting_talks_is_no_visit(nlp: Language, gaz: Gazetteer) -> None:
    body = "L'Arabie saoudite a accueilli des pourparlers entre la Russie et l'Ukraine."
    coded = _coded(nlp, gaz, body)
    assert not any("SAU" in s and kind == "CONSULT" and t for kind, s, t in coded)
    # The parties of the talks meet each other (the parser hangs "entre" on the verb).
    assert ("CONSULT", frozenset({"RUS", "UKR"}), frozenset()) in coded


def test_what_an_accusation_alleges_did_not_take_place(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Soudan a accusé les Émirats arabes unis d'aider les rebelles tchadiens."
    kinds = _kinds(nlp, gaz, body)
    assert "ACCUSE" in kinds
    assert "AID" not in kinds


@pytest.mark.parametrize(
    ("body", "source", "target"),
    [
        ("Le Tchad a repoussé une attaque du Soudan.", "SDN", "TCD"),
        ("L'armée malienne a déjoué une offensive des rebelles nigériens.", "NER", "MLI"),
    ],
)
def test_who_repels_an_attack_is_its_target(
    nlp: Language, gaz: Gazetteer, body: str, source: str, target: str
) -> None:
    coded = _coded(nlp, gaz, body)
    assert ("ASSAULT", frozenset({source}), frozenset({target})) in coded
    assert ("ASSAULT", frozenset({target}), frozenset({source})) not in coded


def test_a_repelled_attack_without_author_has_no_other_side(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Niger a repoussé une attaque près de la frontière avec le Burkina Faso."
    assert not {e for e in _coded(nlp, gaz, body) if e[0] == "ASSAULT"}


def test_an_invasion_by_a_state_is_that_states_act(nlp: Language, gaz: Gazetteer) -> None:
    body = "L'Algérie profite des retombées de l'invasion de l'Ukraine par la Russie."
    coded = {e for e in _coded(nlp, gaz, body) if e[0] == "ASSAULT"}
    assert coded == {("ASSAULT", frozenset({"RUS"}), frozenset({"UKR"}))}


def test_ending_an_agreement_is_no_agreement(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Premier ministre fidjien a annoncé l'annulation de l'accord signé avec la Chine."
    kinds = {e[0] for e in _coded(nlp, gaz, body)}
    assert "SANCTION" in kinds
    assert "AGREE" not in kinds


def test_a_subject_hung_on_a_fronted_circumstance_still_acts(nlp: Language, gaz: Gazetteer) -> None:
    # The parser makes "Sergueï Lavrov et son homologue malien" an apposition of "presse".
    body = (
        "Devant la presse, Sergueï Lavrov et son homologue malien ont confirmé leur volonté "
        "d'élargir la coopération à d'autres secteurs."
    )
    coded = _coded(nlp, gaz, body)
    assert ("COOPERATE", frozenset({"MLI", "RUS"}), frozenset()) in coded


def test_a_name_the_parser_breaks_apart_is_still_the_subject(nlp: Language, gaz: Gazetteer) -> None:
    # "la Russie de Vladimir | Poutine a renforcé": "Poutine" alone is the verb's subject.
    body = (
        "Déjà présente au Mali dans le cadre d'un partenariat militaire, la Russie de Vladimir "
        "Poutine a largement renforcé son appui à l'armée malienne."
    )
    coded = _coded(nlp, gaz, body)
    assert ("SUPPORT", frozenset({"RUS"}), frozenset({"MLI"})) in coded


def test_the_troops_one_deploys_are_not_the_other_side(nlp: Language, gaz: Gazetteer) -> None:
    body = "La Russie a déployé des mercenaires du groupe Wagner au Mali."
    coded = _coded(nlp, gaz, body)
    assert ("MOBILIZE", frozenset({"RUS"}), frozenset({"MLI"})) in coded
    assert not {e for e in coded if e[0] == "MOBILIZE" and e[2] == frozenset({"RUS"})}


def test_a_complaint_accuses_whom_it_is_against(nlp: Language, gaz: Gazetteer) -> None:
    body = "Kiev a annoncé avoir porté plainte devant l'OMC contre la Pologne et la Hongrie."
    coded = _coded(nlp, gaz, body)
    assert ("ACCUSE", frozenset({"UKR"}), frozenset({"POL", "HUN"})) in coded


def test_goods_sent_towards_a_state_make_it_the_target(nlp: Language, gaz: Gazetteer) -> None:
    body = "Le Japon a annoncé le durcissement des conditions d'exportation vers la Corée du Sud."
    assert ("SANCTION", frozenset({"JPN"}), frozenset({"KOR"})) in _coded(nlp, gaz, body)
    # Elsewhere "vers" is a direction, and no state is acted upon.
    body = "Des milliers de réfugiés soudanais ont fui vers le Tchad."
    assert not _coded(nlp, gaz, body)


def test_condemning_the_attack_told_before_accuses_its_author(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Israël a bombardé mardi des dirigeants du Hamas à Doha. Le ministère turc des Affaires "
        "étrangères a fermement condamné l'attaque."
    )
    assert ("ACCUSE", frozenset({"TUR"}), frozenset({"ISR"})) in _coded(nlp, gaz, body)


def test_a_threat_to_do_something_targets_whom_it_would_be_done_to(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Les États-Unis ont durci le ton. Cet échange s'inscrit dans un contexte tendu, marqué "
        "par des menaces répétées de Trump d'imposer des droits de douane de 25 % sur tous les "
        "produits en provenance du Mexique et du Canada."
    )
    assert ("THREATEN", frozenset({"USA"}), frozenset({"MEX", "CAN"})) in _coded(nlp, gaz, body)


def test_an_object_pronoun_stands_for_a_party_named_before_it(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "L'Arabie saoudite a rompu ses relations diplomatiques avec le Qatar, l'accusant de "
        "soutenir des groupes islamistes et de s'entendre avec ses adversaires iraniens."
    )
    coded = _coded(nlp, gaz, body)
    assert ("ACCUSE", frozenset({"SAU"}), frozenset({"QAT"})) in coded
    assert not {e for e in coded if e[0] == "ACCUSE" and "IRN" in e[2]}


def test_rejecting_a_claim_told_before_answers_whoever_made_it(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Dimanche, le Pakistan a affirmé que l'armée indienne avait attaqué son poste. "
        "Cette accusation a cependant été rejetée par l'armée indienne."
    )
    assert ("REJECT", frozenset({"IND"}), frozenset({"PAK"})) in _coded(nlp, gaz, body)
    body = "Le Rwanda a critiqué le Burundi. Le Burundi a rejeté toutes les accusations."
    assert ("REJECT", frozenset({"BDI"}), frozenset({"RWA"})) in _coded(nlp, gaz, body)
    # A rejected thing that is no claim and points nowhere ("les négociations") has no target.
    other = "Le Pakistan a rencontré l'Inde. L'Égypte a rejeté les négociations du Nil."
    assert not {e for e in _coded(nlp, gaz, other) if e[0] == "REJECT" and e[2]}


@pytest.mark.parametrize(
    ("body", "source", "target"),
    [
        # The agent hangs under the noun phrase the passive verb takes.
        (
            "Quatre diplomates polonais ont été déclarés persona non grata par la Russie.",
            "RUS",
            "POL",
        ),
        # The parser makes the agent a plain oblique of the verb.
        ("Des sanctions ont été imposées à l'Iran par les États-Unis.", "USA", "IRN"),
        # It makes the agent a complement of the other side.
        ("Des menaces ont été proférées contre le Kenya par la Somalie.", "SOM", "KEN"),
    ],
)
def test_the_agent_of_a_passive_acts(
    nlp: Language, gaz: Gazetteer, body: str, source: str, target: str
) -> None:
    coded = {(s, t) for _, s, t in _coded(nlp, gaz, body)}
    assert (frozenset({source}), frozenset({target})) in coded
    assert (frozenset({target}), frozenset({source})) not in coded


def test_a_clause_describing_the_source_names_no_other_source(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Le pétrolier avait été arraisonné par les autorités de Gibraltar, qui le soupçonnaient "
        "de livrer du pétrole à la Syrie."
    )
    assert not any("SYR" in s for _, s, _ in _coded(nlp, gaz, body))
    body = "Le Pakistan, qui a soutenu l'Azerbaïdjan pendant la guerre, a condamné l'Inde."
    coded = _coded(nlp, gaz, body)
    assert ("ACCUSE", frozenset({"PAK"}), frozenset({"IND"})) in coded
    assert not any("AZE" in s for _, s, _ in coded)
