"""What the dependency parse says around a trigger: which lexicon entries a token matches, its
clause verb and subject, and whether it is negated, passive, planned or reported speech."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from etl.transforms.entities.lexicon import is_place_noun
from etl.transforms.lexicon import Trigger, trigger_lexicon
from etl.transforms.reference import word_set

NEGATORS = frozenset({"pas", "jamais", "aucun", "aucune", "nullement", "guère", "point"})

# Verbs and nouns under which a trigger states a plan, a wish or a possibility, not a fact.
INTENT_GOVERNORS = word_set("event_intent_governors_fr.tsv")

INTENT_MODIFIERS = frozenset({"futur", "prochain", "éventuel", "possible", "envisagé", "prévu"})


# Prepositions of a "de X" complement (an owner, an author, an origin).
OF_WORDS = frozenset({"de", "du", "des", "d'", "d’"})


# Lowercased lemmas by their hash: the coder asks for a token's lemma hundreds of thousands of
# times per thousand articles, and a lookup costs less than reading the string and lowering it.
_LOWERED: dict[int, str] = {}


def lemma_of(t: Token) -> str:
    key = t.lemma
    found = _LOWERED.get(key)
    if found is None:
        found = _LOWERED[key] = t.lemma_.lower()
    return found


def _tense_auxiliary(x: Token) -> bool:
    # "avait bloqué" is no "avoir" (assets) that "bloquer les avoirs" requires.
    return x.pos_ == "AUX" and lemma_of(x) in ("avoir", "être")


def context_lemmas(t: Token) -> set[str]:
    """Lemmas near a trigger: its head, siblings and descendants down to three levels (enough
    for "s'est entretenu au téléphone avec son homologue"), with compound parts ("accord-cadre")."""
    near: list[Token] = [t.head, *t.head.children]
    level = list(t.children)
    for _ in range(3):
        near.extend(level)
        level = [g for c in level for g in c.children]
    words: set[str] = set()
    for x in near:
        if x.i == t.i or _tense_auxiliary(x):
            continue
        for w in (lemma_of(x), x.text.lower()):
            words.add(w)
            if "-" in w:
                words.update(p for p in w.split("-") if p)
        if x.text[:1] == "E":
            # Capitals often go without their accent ("l'Etat de Palestine").
            words.add("é" + x.text[1:].lower())
        if x.pos_ == "ADJ" or x.dep_ == "amod":
            # The lemmatizer leaves some feminine adjectives as they are ("restrictive").
            words.update(masculine_forms(lemma_of(x)))
    return words


# Feminine endings of adjectives and their masculine ("restrictive" -> "restrictif").
_FEMININE_ENDINGS = (("ives", "if"), ("ive", "if"), ("euse", "eux"), ("elle", "el"), ("enne", "en"),
                     ("ère", "er"), ("es", ""), ("e", ""))  # fmt: skip


def masculine_forms(word: str) -> set[str]:
    """The masculine forms a feminine adjective may stand for."""
    return {word[: -len(f)] + m for f, m in _FEMININE_ENDINGS if word.endswith(f) and len(word) > 4}


NAMED_OBJECT = "@nom"


def _is_name(t: Token) -> bool:
    return t.text[:1].isupper() and not t.text.isupper() and t.i > t.sent.start


# Where a Doc keeps its tokens' matches: the rules, the sentence features and the learned model
# each ask for them, and the parse does not change while an article is coded.
_MATCHES = "dyad.trigger_matches"


def matches(t: Token) -> list[Trigger]:
    """The lexicon entries ``t`` may trigger (computed once per token of a Doc)."""
    memo: dict[int, list[Trigger]] = t.doc.user_data.setdefault(_MATCHES, {})
    found = memo.get(t.i)
    if found is None:
        found = memo[t.i] = _matches(t)
    return list(found)


def infinitives(lemma: str) -> tuple[str, ...]:
    """The infinitives a verb's lemma may stand for, most likely first. The lemmatizer leaves some
    present forms as they are ("Alger reproche à Madrid" -> "reproche", "Pékin estime que"): the
    first-group infinitive is then the form plus "r"."""
    return (lemma, lemma + "r") if lemma.endswith("e") else (lemma,)


def _describes_place(t: Token) -> bool:
    """ "la région contestée", "une zone disputée entre l'Inde et le Pakistan": a participle on a
    place noun, with no complement but the parties it lies between: it names a state of things,
    not an act."""
    return (
        t.dep_ in ("acl", "amod")
        and is_place_noun(lemma_of(t.head))
        and all(
            c.dep_ in ("punct", "advmod")
            or any(g.dep_ == "case" and g.lower_ == "entre" for g in c.children)
            for c in t.children
        )
    )


def _matches(t: Token) -> list[Trigger]:
    lemma = lemma_of(t)
    if t.pos_ == "ADJ" and any(c.dep_ == "aux:tense" for c in t.children):
        # "ont gelé les avoirs": the tagger reads some past participles as adjectives with
        # themselves as lemma; with a tense auxiliary they are the first-group verb's.
        lemma = re.sub(r"ée?s?$", "er", lemma)
        cands = trigger_lexicon().get((lemma, "VERB"), [])
    elif t.pos_ == "VERB" or (t.pos_ == "ADJ" and "Part" in t.morph.get("VerbForm", [])):
        if _describes_place(t):
            return []
        cands = next(
            (c for v in infinitives(lemma) if (c := trigger_lexicon().get((v, "VERB"), []))), []
        )
    elif t.pos_ in ("NOUN", "PROPN"):
        cands = trigger_lexicon().get((lemma, "NOUN"), [])
    else:
        return []
    if not cands:
        return []
    near = context_lemmas(t)
    # A required word may sit a few words away under a wrong attachment ("le rappel « pour
    # consultations » de son ambassadeur"), so requirements also look at a small window.
    window = near | {
        lemma_of(x) for x in t.doc[max(0, t.i - 6) : t.i + 7] if not _tense_auxiliary(x)
    }
    objects = [c for c in t.children if c.dep_ in ("obj", "nsubj:pass")]
    if any(_is_name(c) for c in objects):
        # "l'UA a suspendu Madagascar": a row may require that its object is a name ("@nom"),
        # as a country is and an acronym (an outlet, a company) is not; whether the name is an
        # actor is the roles' business.
        window = window | {NAMED_OBJECT}
    if any(
        _is_name(c) or c.pos_ == "PROPN" or (c.text.isupper() and len(c.text) > 1) for c in objects
    ):
        # ... and may exclude any named object, acronyms included: "saisir la Cedeao" or "saisir
        # l'ONU" refers a matter to a body, "saisir un navire" seizes a thing.
        near = near | {NAMED_OBJECT}
    return [c for c in cands if (not c.requires or c.requires & window) and not (c.excludes & near)]


# Verbs that written French negates with "ne" alone ("Israël ne peut accepter", "n'ose
# intervenir"); "ne peut que saluer" ("can only") is no negation.
BARE_NE_VERBS = frozenset({"pouvoir", "savoir", "oser", "cesser"})


def is_negated(t: Token) -> bool:
    for c in t.children:
        if lemma_of(c) in NEGATORS or c.text.lower() in NEGATORS:
            return True
        if c.dep_ == "mark" and c.text.lower() == "sans":
            return True
    if lemma_of(t) in BARE_NE_VERBS and any(c.lower_ in ("ne", "n'", "n’") for c in t.children):
        return not any(
            g.lower_ == "que" for c in t.children if c.dep_ == "xcomp" for g in c.children
        )
    return False


def verb_of(t: Token) -> Token:
    """The clause verb a token belongs to (itself when it is a verb)."""
    cur = t
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def subject_candidates(v: Token) -> list[list[Token]]:
    """Possible subjects of a clause, nearest first, climbing through coordination, infinitives
    and participles: a participle modifying a noun ("l'ambassadeur, accusant X") may still have
    the main clause's subject as its agent when the parser attached it to the wrong noun."""
    out: list[list[Token]] = []
    cur = v
    for _ in range(5):
        subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass")] or _fronted(cur)
        if subj:
            out.append(subj)
            break
        owner = noun_owner(cur)
        if owner is not None:
            out.append([owner])
            break
        climbs = ("conj", "xcomp", "advcl", "ccomp", "acl", "parataxis")
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            # "le choix de Bamako de rompre ses relations avec Kiev": the noun's owner acts; the
            # noun's whole phrase would swallow the verb's own objects.
            owners = [
                c
                for c in cur.head.children
                if c.dep_ == "nmod" and c.i < cur.i and has_case(c, OF_WORDS)
            ]
            out.append(owners or [cur.head])
        if cur.dep_ in climbs and cur.head.i != cur.i:
            cur = verb_of(cur.head) if cur.dep_ == "acl" else cur.head
            continue
        break
    return out


# Nouns whose "de X" owner also does the act of a following "de" + infinitive.
CONTROL_NOUNS = word_set("control_nouns_fr.tsv")


def noun_owner(v: Token) -> Token | None:
    """The owner of a control noun right before infinitive ``v`` that the parser hung on the
    clause's verb: in "Ottawa a réagi à la décision de Washington d'imposer des droits", "imposer"
    comes out an xcomp of "réagi", yet Washington imposes."""
    if v.dep_ not in ("xcomp", "advcl") or "Inf" not in v.morph.get("VerbForm", []):
        return None
    marks = [c.i for c in v.children if c.dep_ == "mark" and c.lower_ in OF_WORDS and c.i < v.i]
    if not marks:
        return None
    end = min(marks) - 1
    for x in v.doc[max(0, end - 10) : end + 1]:
        if (
            x.dep_ == "nmod"
            and x.right_edge.i == end
            and x.head.i < x.i
            and x.head.i != v.head.i
            and lemma_of(x.head) in CONTROL_NOUNS
            and has_case(x, OF_WORDS)
        ):
            return x
    return None


def _fronted(v: Token) -> list[Token]:
    """The subject the parser hung as an apposition on a fronted circumstance ("Devant la presse,
    X et son homologue ont confirmé ..."): the phrase after the comma that ends right before the
    verb (or its auxiliary)."""
    first = min([v.i] + [c.i for c in v.children if c.dep_.startswith("aux")])
    doc = v.doc
    return [
        a
        for c in v.children
        if c.dep_.startswith("obl") and c.i < first
        for a in c.children
        if a.dep_ == "appos"
        and a.right_edge.i + 1 == first
        and "," in (doc[a.left_edge.i].text, doc[max(a.left_edge.i - 1, 0)].text)
    ]


def subject_of(v: Token) -> list[Token]:
    cands = subject_candidates(v)
    return cands[0] if cands else []


def is_passive(v: Token) -> bool:
    # The auxiliary is the evidence; the parser sometimes labels an active subject nsubj:pass.
    # A pronominal verb takes "être" in the past ("ils s'y sont opposés") and is active.
    return any(c.dep_ == "aux:pass" for c in v.children) and not any(
        "Yes" in c.morph.get("Reflex", []) for c in v.children
    )


def subtree_excluding(t: Token, exclude: Iterable[Token]) -> set[int]:
    excl: set[int] = set()
    for x in exclude:
        excl.update(y.i for y in x.subtree)
    return {y.i for y in t.subtree} - excl


def is_intent(t: Token) -> bool:
    """Plans, wishes, conditionals and futures: coded, but as intent rather than as fact."""
    cur = t
    owner = noun_owner(t)
    if owner is not None:
        # The noun, not the verb the parser hung the infinitive on, says whether it is a plan.
        noun = owner.head
        return lemma_of(noun) in INTENT_GOVERNORS or any(
            lemma_of(c) in INTENT_MODIFIERS for c in noun.children
        )
    for _ in range(4):
        mood, tense = cur.morph.get("Mood", []), cur.morph.get("Tense", [])
        text = cur.text.lower()
        if "Cnd" in mood or "Fut" in tense:
            return True
        if cur.pos_ in ("VERB", "AUX") and re.search(r"(rai[st]?|raient|ront)$", text):
            return True
        if cur.pos_ in ("VERB", "AUX") and _first_person_future(cur):
            return True
        if any(lemma_of(c) in INTENT_MODIFIERS for c in cur.children):
            return True
        if cur is not t and lemma_of(cur) in INTENT_GOVERNORS:
            return True
        if cur is not t and _near_future(cur):
            return True
        if cur.head.i == cur.i or _when(cur):
            # "Lors de sa rencontre avec X, il a promis ...": a circumstance of a promise is
            # no part of what is promised.
            break
        cur = cur.head
    return any(lemma_of(c) in INTENT_GOVERNORS for c in t.children if c.dep_ in ("aux", "xcomp"))


def _near_future(t: Token) -> bool:
    """ "X va / allait signer": "aller" in a simple present or imperfect before an infinitive
    announces the act. In a compound tense it is a move ("est allé signer": it was signed)."""
    return (
        lemma_of(t) == "aller"
        and bool({"Pres", "Imp"} & set(t.morph.get("Tense", [])))
        and not any(c.dep_.startswith("aux") for c in t.children)
        and any(c.dep_ == "xcomp" and "Inf" in c.morph.get("VerbForm", []) for c in t.children)
    )


# Words that open a circumstance of time ("lors de", "pendant", "après").
WHEN_WORDS = frozenset({"lors", "pendant", "durant", "après", "avant", "dès", "depuis"})


def _when(t: Token) -> bool:
    return t.lower_ in WHEN_WORDS or any(
        c.dep_ == "case" and c.lower_ in WHEN_WORDS for c in t.children
    )


# What introduces the act a reporting verb's object is charged with or asked for ("accuser X
# d'avoir ...", "appeler X à ...").
CONTENT_MARKS = frozenset({"de", "d'", "d’", "à"})


def under_reporting(t: Token, reporting: set[int]) -> bool:
    cur = t
    # The parser often hangs that act on the object ("accusé la Russie d'avoir déployé": an acl
    # of "Russie"); it is still the accusation's content, not a second event.
    charged = False
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        if cur.head.i in reporting and cur.dep_ in ("xcomp", "ccomp", "advcl", "acl", "obl:arg"):
            return True
        if cur.head.i in reporting and cur.dep_ == "obj" and charged:
            return True
        charged = cur.dep_ == "acl" and has_case(cur, CONTENT_MARKS)
        cur = cur.head
    return False


def has_case(t: Token, words: Iterable[str]) -> bool:
    allowed = set(words)
    return any(c.dep_ in ("case", "mark") and c.text.lower() in allowed for c in t.children)


def is_promised(v: Token) -> bool:
    """Whether clause verb ``v`` is a first-person future ("nous imposerons des sanctions", "je
    couperai l'aide"): the speaker commits to an act not yet done."""
    if not any(_first_person_future(x) for x in (v, *v.children) if x is v or x.dep_ == "aux"):
        return False
    return any(
        c.dep_.startswith("nsubj") and c.lower_ in ("je", "j'", "j’", "nous") for c in v.children
    )


def _first_person_future(t: Token) -> bool:
    # The tagger often reads "imposerons" as a present: the future's first persons are the
    # infinitive (less the "e" of "-re") followed by "-ai" or "-ons".
    if "Fut" in t.morph.get("Tense", []):
        return True
    text, lemma = t.lower_, lemma_of(t)
    stem = lemma[:-1] if lemma.endswith("re") else lemma
    return len(lemma) > 3 and text in (stem + "ai", stem + "ons")


def is_conditional(v: Token) -> bool:
    """Whether clause verb ``v`` holds under a condition: a "si" clause attached to it ("si le Mali
    ne le fait pas, la CEDEAO imposera des sanctions"); "même si" concedes rather than sets one."""
    for c in v.children:
        if c.dep_ != "advcl":
            continue
        marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ in ("si", "s'", "s’")]
        if marks and not (marks[0].i > 0 and v.doc[marks[0].i - 1].lower_ == "même"):
            return True
    return False


# Object pronouns that stand for a party named before ("l'accusant", "lui a demandé").
CLITIC_OBJECTS = frozenset({"l'", "l’", "le", "la", "les", "lui", "leur"})


def clitic_object(v: Token) -> bool:
    """Whether ``v`` has an object pronoun before it ("l'accusant", "lui a demandé")."""
    return any(
        # The tagger reads an elided "l'" before the verb as a determiner.
        c.dep_ in ("obj", "iobj") and c.pos_ in ("PRON", "DET") and c.lower_ in CLITIC_OBJECTS
        for c in v.children
        if c.i < v.i
    )


def nonfinite(v: Token) -> bool:
    """An infinitive or a present participle, which takes no subject of its own clause."""
    form = v.morph.get("VerbForm", [])
    return "Inf" in form or ("Part" in form and "Pres" in v.morph.get("Tense", []))


def passive_participle(t: Token) -> bool:
    """A past participle qualifying a noun ("les soldats accusés de ...") reads as a passive."""
    return (
        t.dep_ == "acl"
        and "Part" in t.morph.get("VerbForm", [])
        and "Pres" not in t.morph.get("Tense", [])
        and t.head.i != t.i
    )
