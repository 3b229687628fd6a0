"""The sentence gate: cheap tests that decide how much of the spaCy pipeline a sentence gets."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from etl.settings import PROJECT_DIR
from etl.transforms.articles import extract_article
from etl.transforms.entities import extract_mentions
from etl.transforms.events.parse import matches
from etl.transforms.gate import (
    has_actor,
    has_name,
    name_anchors,
    name_windows,
    noun_stems,
    parse_tier,
    parse_windows,
    sentence_tier,
    trigger_pattern,
    verb_stems,
)
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import trigger_lexicon
from etl.transforms.nlp import HEAVY, NAMES, NER, PARSE, TOKENS, pipe_bodies
from etl.transforms.text import fold


@pytest.mark.parametrize(
    ("lemma", "stems"),
    [
        ("condamner", {"condamn"}),
        ("employer", {"employ", "emploi"}),
        ("recevoir", {"recev", "recoi", "recu"}),
        ("soutenir", {"souten", "soutien", "soutin"}),
        ("remettre", {"remet", "remis"}),
        ("mettre", {"met", "mis"}),
        ("comprendre", {"compren", "compri"}),
        ("démentir", {"demen"}),
        ("saisir", {"sais"}),
        ("offrir", {"offr", "offert"}),
        ("rompre", {"romp", "rompu"}),
        ("abattre", {"abat"}),
        ("conclure", {"conclu"}),
        ("interdire", {"interdi"}),
        ("reconnaître", {"reconnai", "reconnu"}),
    ],
)
def test_verb_stems(lemma: str, stems: set[str]) -> None:
    assert set(verb_stems(lemma)) == stems


def test_noun_stems() -> None:
    assert noun_stems("accord") == ("accord",)
    assert noun_stems("cessez-le-feu") == ("cessez",)
    assert noun_stems("travail") == ("trava",)  # travail, travaux


@pytest.mark.parametrize(
    "form",
    ["reçu", "reçoivent", "soutient", "soutenu", "remis", "condamné", "menaçait", "appelle",
     "rejette", "tués", "offert", "conclu", "rompu", "abattu", "interdit", "détenu", "convient",
     "élargit", "accueille", "dément", "Sanctions", "accords", "cessez-le-feu"],
)  # fmt: skip
def test_inflected_triggers_pass(form: str) -> None:
    assert trigger_pattern().match(fold(form))


@pytest.mark.parametrize("form", ["maison", "jardin", "hier", "selon"])
def test_ordinary_words_do_not(form: str) -> None:
    assert not trigger_pattern().match(fold(form))


def _light(nlp: Language, text: str) -> Doc:
    return nlp(text, disable=[*HEAVY, *NER])


def test_tiers(nlp: Language, gaz: Gazetteer) -> None:
    doc = _light(
        nlp,
        "Le Mali a condamné l'attaque. Il pleuvait sur la ville. "
        "Le match a eu lieu au stade avec Amadou Koné.",
    )
    event, weather, named = doc.sents
    assert sentence_tier(event, gaz) == PARSE  # every capitalized word is in the gazetteer
    assert sentence_tier(weather, gaz) == TOKENS
    assert has_name(named, gaz) and sentence_tier(named, gaz) == NAMES


def test_unknown_names_get_the_entity_model(nlp: Language, gaz: Gazetteer) -> None:
    (s1,) = _light(nlp, "Amadou Koné a condamné l'attaque contre le Mali.").sents
    (s2,) = _light(nlp, "Selon le Mali, la Russie a livré des armes.").sents
    assert sentence_tier(s1, gaz) == PARSE | NAMES  # a first word counts unless a function word
    assert sentence_tier(s2, gaz) == PARSE


def test_demonyms_and_group_nouns_are_actors(nlp: Language, gaz: Gazetteer) -> None:
    (s1,) = _light(nlp, "les autorités maliennes ont protesté.").sents
    (s2,) = _light(nlp, "les deux pays ont protesté.").sents
    (s3,) = _light(nlp, "on a protesté hier soir.").sents
    assert has_actor(s1, gaz) and has_actor(s2, gaz) and not has_actor(s3, gaz)


def _anchored(nlp: Language, gaz: Gazetteer, text: str) -> list[str]:
    (sent,) = _light(nlp, text).sents
    return [sent[k].text for k in name_anchors(sent, gaz)]


def test_name_anchors(nlp: Language, gaz: Gazetteer) -> None:
    # Hyphenated names count; a function word opening the sentence (after a quote) does not.
    assert _anchored(nlp, gaz, "« Cet accord est signé », a dit Saint-Exupéry.") == [
        "Saint-Exupéry"
    ]
    # A word that only starts a gazetteer name ("Bah N'Daw") is unknown when it stands alone.
    assert _anchored(nlp, gaz, "Le texte a été signé par Bah hier.") == ["Bah"]
    assert _anchored(nlp, gaz, "Le texte a été signé par Bah N'Daw hier.") == []
    assert _anchored(nlp, gaz, "Le Mali et la Côte d'Ivoire ont signé.") == []


def test_name_windows_merge_and_clip(nlp: Language, gaz: Gazetteer) -> None:
    text = "Selon Amadou Koné, le Mali a signé hier un accord de défense avec Issa Traoré."
    (sent,) = _light(nlp, text).sents
    k = [t.text for t in sent].index("Issa")
    assert name_windows(sent, gaz, margin=2) == [(0, 5), (k - 2, len(sent))]
    assert name_windows(sent, gaz, margin=20) == [(0, len(sent))]


def test_entity_windows_find_the_same_people_on_real_pages(nlp: Language, gaz: Gazetteer) -> None:
    """The entity model over windows around unknown names yields the mentions it yields over
    whole sentences (only stray place tags on known names, which the gazetteer resolves, may
    differ)."""
    bodies = _bodies()
    tier = parse_tier(gaz)
    whole = list(pipe_bodies(nlp, bodies, tier=tier))
    windowed = list(pipe_bodies(nlp, bodies, tier=tier, windows=parse_windows(gaz)))
    n_people = 0
    for a, b in zip(whole, windowed, strict=True):
        assert b.text == a.text
        people_a = {(m.char_start, m.entity_id, m.country_code) for m in extract_mentions(a, gaz)
                    if m.entity_id.startswith("person:")}  # fmt: skip
        people_b = {(m.char_start, m.entity_id, m.country_code) for m in extract_mentions(b, gaz)
                    if m.entity_id.startswith("person:")}  # fmt: skip
        assert people_a == people_b
        n_people += len(people_a)
    assert n_people > 40


def test_tiered_parse_keeps_text_and_sentences(nlp: Language, gaz: Gazetteer) -> None:
    body = (
        "Le Mali a rompu ses relations avec l'Ukraine. Il fait beau aujourd'hui.\n\n"
        "Amadou Koné a livré des armes au Niger. On en reparlera."
    )
    (doc,) = pipe_bodies(nlp, [body], tier=parse_tier(gaz))
    light = _light(nlp, body)
    assert doc.text == body
    assert [s.text.strip() for s in doc.sents] == [
        s.text.strip() for s in light.sents if s.text.strip()
    ]
    parsed = [s for s in doc.sents if any(t.pos_ for t in s)]
    assert [s.text.split()[1] for s in parsed] == ["Mali", "Koné"]
    verbs = {t.lemma_ for s in parsed for t in s if t.pos_ == "VERB"}
    assert {"rompre", "livrer"} <= verbs
    # Only the sentence naming someone unknown to the gazetteer went through the entity model.
    assert {e.sent.start for e in doc.ents} == {parsed[1].start}
    assert "Amadou Koné" in {e.text for e in doc.ents}


def _bodies() -> list[str]:
    pages = sorted((PROJECT_DIR / "seeds").glob("*.txt"))
    pages += sorted((PROJECT_DIR / "tests" / "data" / "heldout").glob("*.txt"))
    return [extract_article(p.read_text(encoding="utf-8"), file_name=p.name).body for p in pages]


def test_gate_loses_no_trigger_on_real_pages(nlp: Language, gaz: Gazetteer) -> None:
    """Fully parsed, every sentence holding a lexicon trigger must be one the gate parses, and
    every token with a trigger's lemma must match the stem pattern."""
    lexicon = trigger_lexicon()
    tier = parse_tier(gaz)
    n_trigger_sentences = 0
    for doc in pipe_bodies(nlp, _bodies()):
        for sent in doc.sents:
            for t in sent:
                pos = "VERB" if t.pos_ in ("VERB", "ADJ") else "NOUN"
                key = (t.lemma_.lower(), pos)
                # A verb of saying that codes only with its addressee is looked for by that word.
                if key in lexicon and not all(x.addressee for x in lexicon[key]):
                    assert trigger_pattern().match(fold(t.text)), t.text
            # A sentence naming no one who could act holds no event (the coder needs an actor
            # mention in the sentence), so only the trigger half of the gate applies to it.
            if any(matches(t) for t in sent) and has_actor(sent, gaz):
                n_trigger_sentences += 1
                light = _light(nlp, sent.text)
                assert all(tier(s) & PARSE for s in light.sents if len(s) > 1), sent.text
    assert n_trigger_sentences > 50


def test_sentence_copies_match_spacy_span_copies(nlp: Language) -> None:
    from etl.transforms.nlp import _Copier

    paragraph = _light(nlp, "M. Dupont est arrivé aujourd'hui. Le Mali, lui, n'a rien dit !")
    copier = _Copier(paragraph)
    for sent in paragraph.sents:
        ours, theirs = copier.copy(sent.start, sent.end), sent.as_doc()
        assert ours.text == theirs.text
        assert [(t.text, t.norm_, t.whitespace_, t.is_sent_start) for t in ours] == [
            (t.text, t.norm_, t.whitespace_, t.is_sent_start) for t in theirs
        ]


def test_a_verb_of_saying_opens_a_sentence_to_the_parser_only_with_its_addressee() -> None:
    from etl.transforms.gate import trigger_pattern

    pattern = trigger_pattern()
    # "déclarer" codes a consultation only "à son homologue": the verb alone, in nearly every
    # news sentence, must not send the sentence to the parser; the addressee does.
    assert not pattern.match("declare") and not pattern.match("dimanche")
    assert pattern.match("homologue")
