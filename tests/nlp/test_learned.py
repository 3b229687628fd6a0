"""Candidate actor pairs and the model's decisions over them, on sentences written for these tests.

The models here are built by hand, so each test says exactly which decision it checks; the
shipped model's own quality is measured by ``dyad train`` and ``dyad evaluate``, not asserted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import pytest
from spacy.language import Language

from etl.transforms.entities import extract_mentions
from etl.transforms.events import ArticleContext
from etl.transforms.events.coder import code_article_events, propose_events
from etl.transforms.events.learned import pick_additions, top_types
from etl.transforms.events.model import EventModel, load_model, model_from
from etl.transforms.events.pairs import direction_features, tense
from etl.transforms.gate import pipe_gated
from etl.transforms.gazetteer import Gazetteer
from tests.nlp.test_events import mention, sentences_of

pytestmark = pytest.mark.slow

BODY = (
    "Le Burundi a fermé sa frontière avec le Rwanda. "
    "L'Union africaine a exprimé sa préoccupation. "
    "Le Japon a fait parvenir des vivres au Tchad la semaine dernière."
)


def context(body: str = BODY, names: Sequence[tuple[str, str]] = ()) -> ArticleContext:
    """``body`` with its mentions: ``names`` as (surface, state), else those of :data:`BODY`."""
    mentions = [mention(body, surface, code) for surface, code in names] or [
        mention(body, "Burundi", "BDI"),
        mention(body, "Rwanda", "RWA"),
        mention(body, "Union africaine", None, entity="organization:au"),
        mention(body, "Japon", "JPN"),
        mention(body, "Tchad", "TCD"),
    ]
    return ArticleContext(
        article_id="a1",
        body=body,
        published_date=dt.date(2024, 3, 8),
        fetched_date=None,
        sentences=sentences_of(body),
        mentions=tuple(mentions),
    )


def model(
    weights: dict[str, dict[str, float]], keep: float, add: float, **kw: object
) -> EventModel:
    data = {
        "weights": weights,
        "direction": kw.get("direction", {}),
        "directed_types": kw.get("directed", ["AID", "SANCTION"]),
        "keep_threshold": keep,
        "add_threshold": add,
        "meta": {"model": "test"},
    }
    return model_from(data)


def test_pairs_of_a_sentence_and_carried_from_the_one_before(nlp: Language, gaz: Gazetteer) -> None:
    ctx = context()
    doc = next(pipe_gated(nlp, [ctx.body], gaz))
    proposal = propose_events(ctx, gaz, doc, with_pairs=True)
    pairs = {(c.sentence_index, c.pair): c for c, _ in proposal.pairs}
    assert set(pairs) == {
        (0, ("BDI", "RWA")),
        (1, ("BDI", "IGO:au")),
        (1, ("IGO:au", "RWA")),
        (2, ("JPN", "TCD")),
    }
    closed = pairs[(0, ("BDI", "RWA"))]
    assert not closed.carried and closed.first.party == "BDI"
    assert "l:fermer" in closed.feats and "k:state|state" in closed.feats
    assert pairs[(1, ("BDI", "IGO:au"))].carried
    assert "k:igo|state" in pairs[(1, ("BDI", "IGO:au"))].feats
    delivered = pairs[(2, ("JPN", "TCD"))]
    assert "w:vivres" in delivered.feats and not delivered.rule_types
    # Without pairs the proposal is the rule coder's alone.
    assert propose_events(ctx, gaz, doc, with_pairs=False).pairs == []


def test_a_sentence_naming_one_party_is_paired_with_the_parties_of_the_lead(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Le Niger a dénoncé son accord de défense avec la France. "
        "Le texte avait été signé en 2020. "
        "Paris, de son côté, rejette cette décision."
    )
    ctx = context(body, [("Niger", "NER"), ("France", "FRA"), ("Paris", "FRA")])
    doc = next(pipe_gated(nlp, [ctx.body], gaz))
    pairs = {
        (c.sentence_index, c.pair): c
        for c, _ in propose_events(ctx, gaz, doc, with_pairs=True).pairs
    }
    # The sentence before names no party; the lead's other party is the candidate.
    answer = pairs[(2, ("FRA", "NER"))]
    assert answer.carried and answer.feats.get("from_lead") == 1.0
    assert "from_lead" not in pairs[(0, ("FRA", "NER"))].feats


def test_a_sentence_whose_parties_are_one_list_is_paired_with_the_sentence_before(
    nlp: Language, gaz: Gazetteer
) -> None:
    body = (
        "Le Zimbabwe a présenté sa candidature au Conseil de sécurité. "
        "Elle a été soutenue par la Russie, l'Inde et Cuba. "
        "Le Brésil a reçu le Chili, tandis que l'Argentine s'est abstenue."
    )
    names = [("Zimbabwe", "ZWE"), ("Russie", "RUS"), ("Inde", "IND"), ("Cuba", "CUB")]
    names += [("Brésil", "BRA"), ("Chili", "CHL"), ("Argentine", "ARG")]
    ctx = context(body, names)
    doc = next(pipe_gated(nlp, [ctx.body], gaz))
    pairs = {
        (c.sentence_index, c.pair): c
        for c, _ in propose_events(ctx, gaz, doc, with_pairs=True).pairs
    }
    # Each member of the list is a candidate with the party of the sentence before.
    for code in ("CUB", "IND", "RUS"):
        supported = pairs[(1, (code, "ZWE"))]
        assert supported.carried and supported.feats.get("coordinated") == 1.0
    assert not pairs[(1, ("IND", "RUS"))].carried
    # Parties that are not one list carry nothing over.
    assert not any(i == 2 and "ZWE" in pair for i, pair in pairs)


def test_the_model_adds_an_event_the_rules_missed_with_its_direction(
    nlp: Language, gaz: Gazetteer
) -> None:
    ctx = context()
    doc = next(pipe_gated(nlp, [ctx.body], gaz))
    rules, _ = code_article_events(ctx, gaz, doc)
    weights = {"AID": {"bias": -4.0, "w:vivres": 8.0}, "ACCUSE": {"bias": -4.0}}
    # First-named side is the source unless the classifier says otherwise.
    forward = model(weights, 0.0, 0.5, direction={"bias": 3.0})
    events, _ = code_article_events(ctx, gaz, doc, forward)
    added = [e for e in events if e.event_type == "AID" and e not in rules]
    assert len(added) == 1
    ev = added[0]
    assert ev.countries("source") == {"JPN"} and ev.countries("target") == {"TCD"}
    assert ev.is_directed and ev.confidence > 0.5
    assert ctx.body[ev.evidence_char_start : ev.evidence_char_end] == ev.evidence_text
    assert ev.evidence_text.startswith("Le Japon")
    assert ev.event_id not in {e.event_id for e in rules}
    backward = model(weights, 0.0, 0.5, direction={"bias": -3.0})
    flipped = [e for e in code_article_events(ctx, gaz, doc, backward)[0] if e.event_type == "AID"]
    assert flipped[0].countries("source") == {"TCD"}


def test_direction_features_say_where_each_side_joins_the_trigger(
    nlp: Language, gaz: Gazetteer
) -> None:
    # Each side's branch under the word that joins them, and which side comes before it: the
    # subject and the oblique of "a fermé sa frontière avec le Rwanda".
    ctx = context()
    doc = next(pipe_gated(nlp, [ctx.body], gaz))
    proposal = propose_events(ctx, gaz, doc, with_pairs=True)
    pairs = {c.pair: (c, sa) for c, sa in proposal.pairs if not c.carried}
    c, sa = pairs[("BDI", "RWA")]
    feats = direction_features(c, "SANCTION", sa.span)
    assert {"pos1:before", "pos2:after", "j1:nsubj", "SANCTION|j1:nsubj"} <= set(feats)
    assert "j2:obl:mod" in feats and "j2:nsubj" not in feats
    # The joining word itself, alone and with each side's branch under it.
    assert {"jl:fermer", "jl:fermer|1:nsubj", "jl:fermer|2:obl:mod"} <= set(feats)
    # A sentence the gate did not parse (no trigger of the lexicon) has no joining word.
    c, sa = pairs[("JPN", "TCD")]
    assert not {k for k in direction_features(c, "AID", sa.span) if k[:4] in ("pos1", "j1:n")}


def test_direction_features_say_where_each_side_stands_to_the_types_trigger(
    nlp: Language, gaz: Gazetteer
) -> None:
    # "accuse ... d'avoir attaqué": the accuser joins the two sides; for the attack, the one
    # attacked is the object of its own trigger and the accuser stands outside it.
    body = "Le Maroc accuse l'Algérie d'avoir attaqué la Mauritanie."
    ctx = ArticleContext(
        article_id="a1",
        body=body,
        published_date=None,
        fetched_date=None,
        sentences=sentences_of(body),
        mentions=tuple(extract_mentions(nlp(body), gaz)),
    )
    doc = next(pipe_gated(nlp, [body], gaz))
    proposal = propose_events(ctx, gaz, doc, with_pairs=True)
    pairs = {c.pair: (c, sa) for c, sa in proposal.pairs}
    c, sa = pairs[("DZA", "MRT")]
    feats = direction_features(c, "ASSAULT", sa.span)
    assert {"ASSAULT|tr2:obj|", "tr2:after", "tr1:outside"} <= set(feats)
    c, sa = pairs[("DZA", "MAR")]
    assert "ASSAULT|tr1:outside" in direction_features(c, "ASSAULT", sa.span)
    # No word of the lexicon triggers that type in the sentence.
    assert "AID|notrigger" in direction_features(c, "AID", sa.span)


def test_direction_features_read_a_passive_the_kinds_and_the_words_between(
    nlp: Language, gaz: Gazetteer
) -> None:
    # "X a été sanctionné par Y": the subject is the side acted on, so its function is read
    # apart in a passive; an organization's kind and the words between the sides are read too.
    body = "Le Niger a été sanctionné par l'Union africaine."
    au = mention(body, "Union africaine", None, entity="organization:au")
    ctx = context(body, [("Niger", "NER")])
    ctx = dataclasses.replace(ctx, mentions=(*ctx.mentions, au))
    doc = next(pipe_gated(nlp, [body], gaz))
    proposal = propose_events(ctx, gaz, doc, with_pairs=True)
    c, sa = next((c, sa) for c, sa in proposal.pairs if not c.carried)
    feats = direction_features(c, "SANCTION", sa.span)
    assert {"passive", "k1:state", "k2:igo", "SANCTION|k2:igo"} <= set(feats)
    assert {"pass|d1:nsubj:pass", "b:sanctionner", "SANCTION|b:sanctionner"} <= set(feats)
    active = "Le Niger a sanctionné le Mali."
    ctx = context(active, [("Niger", "NER"), ("Mali", "MLI")])
    doc = next(pipe_gated(nlp, [active], gaz))
    proposal = propose_events(ctx, gaz, doc, with_pairs=True)
    c, sa = next((c, sa) for c, sa in proposal.pairs if not c.carried)
    assert not {k for k in direction_features(c, "SANCTION", sa.span) if k.startswith("pass")}


def test_the_model_judges_only_the_rule_events_whose_actors_were_guessed(
    nlp: Language, gaz: Gazetteer
) -> None:
    # The parse names both sides of the first closure; the second's target is only the nearest
    # actor after the trigger, a guess.
    body = (
        "Le Burundi a fermé sa frontière avec le Rwanda. "
        "Le Burundi a annoncé mardi la fermeture de la frontière, au grand dam du Rwanda."
    )
    mentions = [mention(body, name, code, nth=k) for k in (0, 1) for name, code in
                (("Burundi", "BDI"), ("Rwanda", "RWA"))]  # fmt: skip
    ctx = ArticleContext("a1", body, dt.date(2024, 3, 8), None, sentences_of(body),
                         tuple(sorted(mentions, key=lambda m: m.char_start)))  # fmt: skip
    doc = next(pipe_gated(nlp, [ctx.body], gaz))
    rules, _ = code_article_events(ctx, gaz, doc)
    confidences = sorted(e.confidence for e in rules if e.event_type == "SANCTION")
    assert len(confidences) == 2 and confidences[0] < 0.9 <= confidences[1]
    sure = model({"SANCTION": {"bias": 5.0}}, 0.9, 2.0)
    assert len(code_article_events(ctx, gaz, doc, sure)[0]) == len(rules)
    doubtful = model({"SANCTION": {"bias": -5.0}}, 0.9, 2.0)
    kept = [
        e for e in code_article_events(ctx, gaz, doc, doubtful)[0] if e.event_type == "SANCTION"
    ]
    assert [e.confidence for e in kept] == confidences[1:], "only the guessed one is dropped"


def test_the_model_adds_one_event_per_sentence_and_type_and_none_the_rules_coded() -> None:
    offers = [
        (0, "ASSAULT", 0.6, "PRK-JPN"),
        (0, "ASSAULT", 0.3, "KOR-USA"),
        (0, "ACCUSE", 0.4, "JPN-PRK"),
        (1, "ASSAULT", 0.5, "PRK-USA"),
        (2, "ASSAULT", 0.2, "KOR-JPN"),
        (3, "AID", 0.9, "JPN-TCD"),
    ]
    picked = pick_additions(offers, {(1, "ASSAULT")}, 0.25)
    assert picked == [
        ("PRK-JPN", "ASSAULT", 0.6),
        ("JPN-PRK", "ACCUSE", 0.4),
        ("JPN-TCD", "AID", 0.9),
    ]
    # A type with its own, higher threshold: its offers below it are not added.
    own = {"ACCUSE": 0.5}
    picked = pick_additions(offers, {(1, "ASSAULT")}, lambda t: own.get(t, 0.25))
    assert [t for _, t, _ in picked] == ["ASSAULT", "AID"]
    assert top_types({"AID": 0.2, "ACCUSE": 0.7, "SANCTION": 0.5}, {"ACCUSE"}) == [
        ("SANCTION", 0.5),
        ("AID", 0.2),
    ]


def test_the_shipped_model_loads_with_its_metadata() -> None:
    shipped = load_model()
    assert shipped is not None
    assert shipped.meta["model"] == "event_pairs" and shipped.meta["trained_at"]
    assert 0.0 <= shipped.keep_threshold <= 1.0 and shipped.add_threshold > 0.0
    for t, a in shipped.add_thresholds.items():
        assert t in shipped.types and shipped.add_threshold_of(t) == a != shipped.add_threshold
    assert set(shipped.types) >= {"ACCUSE", "AGREE", "SANCTION", "ASSAULT"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Le Mali avait signé un accord avec le Niger.", "pluperfect"),
        ("Le Mali a signé un accord avec le Niger.", "compound"),
        ("Le Mali signera un accord avec le Niger.", "fut"),
        ("Le Mali signerait un accord avec le Niger.", "cond"),
        ("Le Mali signait un accord avec le Niger.", "imperfect"),
        # A passé simple is no future, though it ends alike.
        ("Le Mali déclara la guerre au Niger.", "past"),
        ("Le Mali déclarait la guerre au Niger.", "imperfect"),
    ],
)
def test_a_clause_tense_tells_background_from_news(
    nlp: Language, sentence: str, expected: str
) -> None:
    assert tense(nlp(sentence)[:].root) == expected
