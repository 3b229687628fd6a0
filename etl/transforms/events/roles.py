"""Who acts and who is acted upon: a trigger's source and target from its parse, with fallbacks
at a lower confidence, and the draft event they make."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from etl.transforms.events.actors import (
    SentenceActors,
    actor_mentions,
    countries,
    is_org,
    quote_speaker,
    resolve_source,
    to_actors,
    token_distance,
)
from etl.transforms.events.carry import author_of_act_against, author_of_condemned_act
from etl.transforms.events.drafts import draft_from
from etl.transforms.events.parse import (
    OF_WORDS,
    clitic_object,
    context_lemmas,
    has_case,
    is_passive,
    lemma_of,
    nonfinite,
    passive_participle,
    subject_candidates,
    subject_of,
    verb_of,
)
from etl.transforms.events.phrases import (
    AGAINST_WORDS,
    DATIVE_WORDS,
    DESPITE_WORDS,
    act_agents,
    addressees,
    antecedent,
    at_request,
    held,
    is_infinitive_clause,
    is_reciprocal,
    likewise,
    other_clause,
    own_clauses,
    points_back,
    spells_out,
)
from etl.transforms.events.types import SOURCE, TARGET, CodedEvent, Draft, EventActor
from etl.transforms.events.votes import is_vote_on_text
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.lexicon import Trigger
from etl.transforms.reference import word_set
from etl.transforms.types import Mention

BETWEEN_WORDS = frozenset({"entre"})
WITH_WORDS = frozenset({"avec"})
BY_WORDS = frozenset({"par"})
TOWARD_WORDS = AGAINST_WORDS | {"vers"}
POSTED_WORDS = DATIVE_WORDS | {"en"}
# Who condemns an act accuses its authors ("de X", "par X", or a demonym), not its victims.
CONDEMNING_TYPES = frozenset({"ACCUSE", "PROTEST"})
# Verbs whose subject receives what the trigger noun denotes ("X a obtenu le soutien de Y").
RECEIVING_VERBS = frozenset({"obtenir", "recevoir", "bénéficier", "solliciter", "accepter"})
# Verbs whose subject undergoes the act their object noun denotes ("X a repoussé une attaque de
# Y"): the noun's owner acts on the subject.
SUFFERING_VERBS = word_set("suffering_verbs_fr.tsv")
ACCUSATION_LEMMAS = frozenset({"accusation", "allégation", "accuser", "reproche", "imputation"})

# Types whose verb acts on the other side: a participle qualifying a noun ("les diplomates
# expulsés") makes that noun the target. For the others the noun is the actor's own (troops
# "déployés", aid "livrée"), so its state acts.
PATIENT_IS_TARGET = frozenset(
    {"ACCUSE", "SANCTION", "COERCE", "ASSAULT", "REQUEST", "REJECT", "THREATEN", "SUPPORT"}
)

# Types whose verb's object is the actor's own means (troops deployed), never the other side.
OWN_OBJECT_TYPES = frozenset({"MOBILIZE"})

# Modes whose place is the other side: a visit's host, the state a withdrawal or a recall leaves,
# where troops are sent.
PLACE_TARGET_MODES = frozenset({"visit", "withdraw", "troops"})

# Modes whose passive without an agent names the acting side as the place or the body left: an
# expulsion ("expulsés d'Afrique du Sud"), a suspension ("le Mali a été suspendu de la Cedeao").
PLACE_SOURCE_MODES = frozenset({"expel", "deport", "discontinue"})
# An arrest in the passive without an agent ("des soldats ivoiriens ont été arrêtés à Bamako"):
# who arrests is the state where it happens.
PLACE_ARREST_MODES = frozenset({"arrest"})
FROM_DEPS = frozenset({"obl", "obl:mod", "obl:arg", "nmod"})

# A diplomatic summons ("l'ambassadeur a été convoqué"): in the passive without an agent, who
# summons is the ministry it is summoned to, else the state where the envoy is posted.
SUMMONS = ("ACCUSE", "diplomatic")

# How far after a trigger the target fallback may look, in tokens.
TARGET_WINDOW = 15


def assign_roles(
    sa: SentenceActors,
    t: Token,
    trig: Trigger,
    previous_actors: list[Mention],
    earlier: list[CodedEvent],
    gaz: Gazetteer,
    sponsors: Sequence[Mention] = (),
) -> Draft | None:
    """The draft event of trigger ``t``: its sources and targets from the parse, else from the
    sentence's other actors at a lower confidence; None when it has no pair of actors."""
    # Where one goes to, or withdraws from (troops, an ambassador "en Algérie"), is the other side.
    # So is where aid is sent or delivered ("envoyer des secouristes en Birmanie").
    is_visit = trig.event_mode in PLACE_TARGET_MODES or (
        trig.event_type == "AID" and trig.pos == "VERB" and not trig.recipient
    )
    verb = t if trig.pos == "VERB" else verb_of(t)
    confidence = 0.9
    src_tokens: list[Token] = []
    tgt_roots: list[Token] = []
    # Tokens that are never a target, not even by the fallbacks: the victims of a condemned act,
    # whom an asked-for act concerns.
    victims: set[int] = set()
    flipped = False
    # Places may stand for the source (the capital an envoy is posted in).
    source_places = False
    if trig.pos == "VERB":
        participle = passive_participle(t) and trig.event_type in PATIENT_IS_TARGET
        if is_passive(t) or participle:
            # The parser also hangs the agent as a plain oblique ("imposées à l'Iran par les
            # États-Unis").
            src_tokens = [
                c
                for c in t.children
                if c.dep_ == "obl:agent" or (c.dep_ in OBLIQUE_DEPS and has_case(c, BY_WORDS))
            ]
            if participle and not src_tokens and trig.event_type == "ACCUSE" and not held(t):
                # "un homme d'affaires accusé / soupçonné de ...": a participle describing a
                # charge names no accuser, and no act of accusing took place in the sentence
                # (unless the clause arrests or expels the accused, who then accuses them).
                return None
            tgt_roots = [c for c in t.children if c.dep_ == "nsubj:pass"]
            # The verb's place phrases, also under a day the parser hung them on ("jeudi d'...").
            near = [c for c in t.children if c.dep_ in FROM_DEPS]
            near += [g for c in near if c.dep_ == "obl:mod" for g in c.children]
            if not src_tokens and trig.event_mode in PLACE_SOURCE_MODES:
                # "des diplomates ont été expulsés d'Afrique du Sud": who expels is the state
                # they are sent out of.
                src_tokens = [c for c in near if c.dep_ in FROM_DEPS and has_case(c, OF_WORDS)]
            if not src_tokens and trig.event_mode in PLACE_SOURCE_MODES:
                # "L'ambassadeur d'Allemagne au Tchad a été déclaré persona non grata": the envoy
                # is sent out of the state where he is posted.
                src_tokens = [
                    c
                    for r in tgt_roots
                    for c in r.children
                    if c.dep_ == "nmod" and has_case(c, POSTED_WORDS)
                ]
                source_places = bool(src_tokens)
                victims |= {y.i for c in src_tokens for y in c.subtree}
            if not src_tokens and trig.event_mode in PLACE_ARREST_MODES:
                src_tokens = [c for c in near if c.dep_ in FROM_DEPS and has_case(c, POSTED_WORDS)]
                source_places = bool(src_tokens)
            if not src_tokens and (trig.event_type, trig.event_context) == SUMMONS:
                # "convoqué au ministère azerbaïdjanais", "l'ambassadeur de Turquie à Bagdad
                # a été convoqué".
                src_tokens = [
                    c for c in t.children if c.dep_ in FROM_DEPS and has_case(c, DATIVE_WORDS)
                ] + [
                    c
                    for r in tgt_roots
                    for c in r.children
                    if c.dep_ == "nmod" and has_case(c, POSTED_WORDS)
                ]
                source_places = True
            if not tgt_roots and participle:
                # "les diplomates expulsés par Bamako": the noun the participle qualifies is
                # acted upon, and without an agent the acting side is found like a missing
                # subject (the clause's subject, the previous sentence's actor).
                tgt_roots = [t.head]
        elif trig.addressee:
            src_tokens = subject_of(t)
            tgt_roots = addressees(t, trig)
            if not tgt_roots:
                return None
        elif trig.recipient:
            # "X a réceptionné des drones turcs / offerts par Y": the giver is in the object.
            src_tokens = [
                c
                for c in t.children
                if c.dep_ in ("obj", "obl", "obl:arg", "obl:mod", "obl:agent", "nmod")
            ]
            tgt_roots = subject_of(t)
            flipped = True
            # "violer l'espace aérien pakistanais": the violated territory is written as a
            # place, and its state is the side that accuses.
            source_places = trig.event_type == "ACCUSE"
        else:
            src_tokens = _acting_subject(sa, t)
            tgt_roots = [
                c
                for c in t.children
                if c.dep_ in ("obj", "iobj", "obl", "obl:arg", "obl:mod", "nmod")
                # What is deployed is the actor's own force ("déployer des mercenaires de
                # Wagner"), not the other side.
                and not (c.dep_ == "obj" and trig.event_type in OWN_OBJECT_TYPES)
            ]
            if trig.event_type in CONDEMNING_TYPES:
                found = [act_agents(root) for root in tgt_roots]
                tgt_roots = [r for roots, _ in found for r in roots]
                victims = {i for _, idx in found for i in idx}
            # "demander à l'Ouganda de retirer ses troupes de la RDC": the parser hangs the
            # asked-for act on the addressee; whom that act concerns is not the other side.
            # A threatened act's other side is the threat's target ("se réserver le droit de
            # prendre des mesures contre Y").
            if trig.event_type != "THREATEN":
                acts = [c for r in tgt_roots for c in r.children if is_infinitive_clause(c)]
                victims |= {y.i for c in acts for y in c.subtree}
            if ante := antecedent(t):
                # "l'Azerbaïdjan, qu'elle accuse de crimes de guerre": the object is the
                # relative pronoun, whose antecedent the parser often leaves elsewhere.
                tgt_roots.append(ante)
            if trig.event_type == "THREATEN":
                # "menacer de frapper Y", "menacer d'imposer des droits de douane au Mexique",
                # "a averti que toute tentative de l'Inde serait un acte de guerre": who the
                # threat is against is the one the threatened action or warning is about.
                tgt_roots += [c for c in t.children if c.dep_ in ("xcomp", "ccomp")]
    else:
        owner = [c for c in t.children if c.dep_ == "nmod" and has_case(c, OF_WORDS)]
        demonym = [c for c in t.children if c.dep_ == "amod"]
        tgt_roots = [
            c
            for c in t.children
            if c.dep_ in ("nmod", "obl", "obl:arg", "obl:mod", "acl") and not has_case(c, OF_WORDS)
        ]
        if trig.event_type == "THREATEN":
            # "des menaces de Trump d'imposer des droits de douane au Mexique": the threatened
            # act's other side is the threat's target.
            tgt_roots += [c for c in t.children if c.dep_ == "acl" and is_infinitive_clause(c)]
        asked = at_request(t, trig)
        if not trig.symmetric and verb is not t and (has_case(t, DESPITE_WORDS) or asked):
            # "Malgré les appels du Zimbabwe, Washington a renouvelé ...": the calls, threats or
            # criticism were addressed to the clause's subject, who did otherwise; "à la demande
            # du Bénin, le Nigeria a déployé ...": asked of the subject, who did it.
            tgt_roots += subject_of(verb)
        if trig.symmetric and t.head.i != t.i:
            # "au Caire pour une réunion trilatérale avec ses homologues": the parser often hangs
            # the "avec" phrase right after the noun on the noun's head.
            tgt_roots += [
                c
                for c in t.head.children
                if c.left_edge.i == t.right_edge.i + 1 and has_case(c, WITH_WORDS)
            ]
        if t.dep_ == "obj" and verb is not t:
            # "a annoncé des mesures restrictives contre le régime", "a accueilli des pourparlers
            # entre X et Y": the parser often hangs the noun's "contre" or "entre" phrase on the
            # verb.
            tgt_roots += [
                c
                for c in verb.children
                if c.dep_.startswith("obl") and has_case(c, AGAINST_WORDS | BETWEEN_WORDS)
            ]
            if not trig.symmetric:
                # "a lancé un appel à la Russie", "a suspendu le financement à la Hongrie": the
                # dative argument of the verb is whom the noun's act is addressed to.
                tgt_roots += [
                    c for c in verb.children if c.dep_ == "obl:arg" and has_case(c, DATIVE_WORDS)
                ]
        # "la reprise des relations entre X et Y": the parties of the relations the noun acts on.
        between = [
            c
            for c in tgt_roots + [g for o in owner for g in o.children if g.dep_ == "nmod"]
            if has_case(c, BETWEEN_WORDS)
        ]
        inside = (
            actor_mentions(
                sa.in_tokens({y.i for c in between for y in c.subtree}), allow_places=False
            )
            if between
            else []
        )
        if len({m.country_code or m.entity_id for m in inside}) >= 2:
            # "les combats entre le Hamas et Israël", "un accord entre Rabat et Madrid": the
            # parties are the ones named after "entre", together, whoever the clause's subject is
            # ("la médiation du Qatar n'a pas mis fin aux combats entre ...").
            return draft_from(trig, t, inside, [], gaz, confidence, sa, verb, joint=True)
        if not trig.symmetric:
            # "le durcissement des conditions d'exportation vers la Corée du Sud": whom the act
            # is aimed at may sit deep in the noun's "de" phrase.
            tgt_roots += [
                g
                for o in owner
                for g in o.subtree
                if g.dep_ == "nmod" and g is not o and has_case(g, TOWARD_WORDS)
            ]
        if trig.patient_of:
            tgt_roots += owner
            owner = []
        suffered = (
            verb is not t
            and not trig.symmetric
            and lemma_of(verb) in SUFFERING_VERBS
            and verb.i in (t.head.i, t.head.head.i)
        )
        if suffered:
            # "Le Tchad a repoussé une attaque du Soudan", "a subi des sanctions de l'UE": the
            # noun's owner acts, and the subject undergoes it; with no owner named there is no
            # other side to guess.
            if not owner + demonym:
                return None
            flipped = True
            src_tokens = owner + demonym
            tgt_roots = subject_of(verb)
        elif verb is not t and lemma_of(verb) in RECEIVING_VERBS:
            # "X a obtenu le soutien de Y (en matière de fourniture d'armes)": Y gives, X
            # receives, for the received noun and any aid noun inside the received phrase.
            flipped = True
            givers = (
                owner
                + demonym
                + [y for y in verb.subtree if lemma_of(y) == "part" and y.i != verb.i]
            )
            src_tokens = givers
            tgt_roots = subject_of(verb)
        else:
            own = owner + demonym
            if trig.symmetric and not actor_mentions(
                sa.in_tokens({y.i for c in own for y in c.subtree}), allow_places=False
            ):
                # "une réunion trilatérale": an adjective that names no party; who meets is the
                # clause's subject.
                own = []
            src_tokens = own if own and t.dep_ != "obj" else []
            if not src_tokens:
                src_tokens = subject_of(verb) if verb is not t else []
            if t.dep_ in ("nsubj", "nsubj:pass"):
                src_tokens = owner + demonym
            if verb is not t and is_passive(verb) and not trig.symmetric:
                # "des diplomates ont été déclarés persona non grata par la Russie", "des
                # sanctions ont été imposées à l'Iran par les États-Unis": the passive's agent
                # acts, and the clause's other party is acted upon.
                by = _passive_agents(t, verb)
                src_tokens = by or src_tokens
                if t.dep_ == "nsubj:pass":
                    tgt_roots += [
                        c for c in verb.children if c.dep_ in OBLIQUE_DEPS and c not in by
                    ]
                elif by:
                    tgt_roots += [c for c in verb.children if c.dep_ == "nsubj:pass"]
        near = tgt_roots + [g for c in tgt_roots + owner for g in c.children]
        where = [c for c in near if c.dep_ == "nmod" and has_case(c, POSTED_WORDS)]
        if trig.event_mode in PLACE_ARREST_MODES and where and t.dep_ != "nsubj":
            # "l'arrestation d'un ressortissant français à Bamako": who arrests is the state
            # where it happens, not whoever reacts to it.
            src_tokens, source_places = where, True
            tgt_roots = [c for c in tgt_roots if c not in where]
            victims |= {y.i for c in where for y in c.subtree}
        # The parser sometimes makes the "par" phrase right after the noun's phrase a conjunct
        # of the noun or an agent of the noun above it ("les retombées de l'invasion de
        # l'Ukraine par la Russie").
        agents = [c for c in tgt_roots + [*t.children] if c.dep_ in ("nmod", "conj")] + [
            c
            for c in sa.span
            if c.dep_ == "obl:agent"
            and c.left_edge.i == t.right_edge.i + 1
            and c.head.is_ancestor(t)
        ]
        agents = [c for c in dict.fromkeys(agents) if has_case(c, BY_WORDS)]
        if agents and not trig.symmetric and not flipped:
            # "la suspension par New Delhi de cet accord", "l'expulsion de diplomates russes par
            # la France": a noun's "par" phrase acts, and its "de" phrase is acted upon.
            src_tokens = agents
            tgt_roots = [c for c in tgt_roots if c not in agents] + owner

    src_idx: set[int] = set()
    trigger_phrase = {y.i for y in t.subtree}
    for s in src_tokens:
        phrase = {y.i for y in s.subtree}
        if t.i in phrase and s.i != t.i:
            # The source phrase holds the trigger ("l'ambassadeur russe, accusant l'Ukraine"):
            # what the trigger governs is its other side, not part of the source.
            phrase -= trigger_phrase
        if not trig.recipient:
            # A clause that describes the source ("les autorités de Gibraltar, qui soupçonnaient
            # le navire de livrer du pétrole à la Syrie", "un groupe soutenu par le Rwanda") names
            # no other source; what is received names its giver there ("des blindés offerts par
            # la Turquie").
            phrase -= {y.i for c in s.children if c.dep_ in ("acl", "acl:relcl") for y in c.subtree}
        src_idx |= phrase
    same_act, analogous = likewise(sa, {t.i, verb.i})
    if src_idx:
        src_idx |= same_act
    victims |= same_act | analogous
    tgt_idx: set[int] = set()
    for r in tgt_roots:
        tgt_idx |= {y.i for y in r.subtree}
    # "une visite dans cinq pays, à savoir la Zambie, la Tanzanie ...": the parser makes the
    # list a conjunct of the trigger; it spells out the other side.
    tgt_idx |= {
        y.i
        for x in sa.span
        if x.dep_ == "conj" and (x.head.i == t.i or x.head.i in tgt_idx) and spells_out(x)
        for y in x.subtree
    }
    tgt_idx -= (
        src_idx | victims | (own_clauses(tgt_roots) if trig.event_type != "ACCUSE" else set())
    )
    sources = actor_mentions(sa.in_tokens(src_idx), allow_places=source_places)
    targets = actor_mentions(sa.in_tokens(tgt_idx), allow_places=is_visit)
    parties = {m.country_code or m.entity_id for m in sources}
    if not targets and trig.pos == "VERB" and len(parties) >= 2 and is_reciprocal(t):
        # "le Hamas et Israël se sont accusés mutuellement": each acts on the other, one joint
        # event of its subjects.
        return draft_from(trig, t, sources, [], gaz, confidence, sa, verb, joint=True)

    if not sources and trig.recipient:
        return None  # what was received, with no giver named, is no pair of actors
    if not sources:
        resolved = resolve_source(sa, t, src_tokens, previous_actors, gaz)
        participants = to_actors(targets, TARGET, gaz, expand_members=True)
        if resolved is None and trig.symmetric and len(countries(participants)) >= 2:
            # "Le sommet a réuni le Mali, le Niger et le Tchad": the participants are the objects.
            resolved = (targets, 0.1)
            targets = []
        if resolved is None:
            # The parse names a subject and it is no known actor: guessing from elsewhere in the
            # sentence would attach the action to the wrong party.
            return None
        sources, penalty = resolved
        confidence -= penalty
    answers_allegation = trig.event_type == "REJECT" or ACCUSATION_LEMMAS & context_lemmas(t)
    if not targets and answers_allegation:
        accused = countries(to_actors(sources, SOURCE, gaz, expand_members=True))
        for ev in reversed(earlier):
            if ev.event_type == "ACCUSE" and ev.countries(TARGET) & accused:
                targets = [
                    m
                    for m, _ in sa.mentions
                    if m.country_code in ev.countries(SOURCE) and m.is_actor
                ]
                if not targets:
                    return draft_from(
                        trig,
                        t,
                        sources,
                        [],
                        gaz,
                        confidence - 0.2,
                        sa,
                        verb,
                        extra_targets=[
                            EventActor(f"country:{c}", TARGET, c, None, c)
                            for c in sorted(ev.countries(SOURCE))
                        ],
                    )
                break
    guess = not (trig.pos == "NOUN" and trig.event_type in UNGUESSED_NOUN_TYPES)
    if not targets and guess:
        src_c = {m.country_code for m in sources}
        after = [
            m
            for m in actor_mentions(sa.after(t.i), allow_places=is_visit)
            if m.country_code not in src_c
        ]
        before = [
            m
            for m in actor_mentions(sa.before(t.i), allow_places=False)
            if m.country_code not in src_c and m not in sources
        ]
        # Who a quotation is attributed to ("», a déclaré Donald Trump") speaks about the act,
        # and is no side of it by being nearby.
        hit = {id(m) for m in sa.in_tokens(victims) + quote_speaker(sa, t)}
        after = [
            m
            for m in after
            if token_distance(sa, t, m) <= TARGET_WINDOW
            and id(m) not in hit
            and not other_clause(sa, m, verb)
        ]
        before = [m for m in before if id(m) not in hit]
        if before and trig.pos == "VERB" and clitic_object(t):
            # "..., l'accusant de soutenir des groupes liés à l'Iran": the object pronoun
            # stands for a party named before it, not for one the rest of the sentence names.
            targets = [before[-1]]
            confidence -= 0.3
        elif after:
            targets = [after[0]]
            confidence -= 0.3
        elif before and len({m.country_code for m in sources}) <= 1:
            targets = [before[-1]]
            confidence -= 0.35
    if (
        all(is_org(m) for m in targets)
        and trig.event_type == "REJECT"
        and sponsors
        and is_vote_on_text(t)
    ):
        # "Le Brésil et la Turquie ont voté contre", "a opposé son veto au Conseil de
        # sécurité": against the text's sponsors, named elsewhere in the article, besides the
        # body voting.
        voters = {m.country_code or m.entity_id for m in sources}
        targets = targets + [m for m in sponsors if (m.country_code or m.entity_id) not in voters]
        confidence -= 0.3
    if not targets and trig.pos == "VERB" and not trig.symmetric and points_back(t):
        # "La présidente mexicaine a dénoncé cette approche": the act the object points back to
        # is told in the sentence before, and its author is the other side (a guess, so the
        # confidence is low).
        # Who "cette décision" or "ces sanctions" came from, when the page told of an act
        # against the speaker's side shortly before, is that act's author.
        authors = author_of_act_against(sa, sources, earlier, gaz)
        if authors:
            return draft_from(
                trig, t, sources, [], gaz, confidence - 0.3, sa, verb, extra_targets=authors
            )
        named = {m.country_code or m.entity_id for m in sources}
        prior = [m for m in previous_actors if (m.country_code or m.entity_id) not in named]
        if prior:
            targets = [prior[0]]
            confidence -= 0.4
    if not targets and trig.pos == "VERB" and trig.event_type in CONDEMNING_TYPES:
        # "Le ministère turc a fermement condamné l'attaque": an act named without its author
        # is the one told just before; its author is the other side (a guess, at a lower
        # confidence).
        authors = author_of_condemned_act(sa, t, sources, earlier, gaz)
        if authors:
            return draft_from(
                trig, t, sources, [], gaz, confidence - 0.3, sa, verb, extra_targets=authors
            )
    if flipped:
        confidence -= 0.05
    return draft_from(trig, t, sources, targets, gaz, confidence, sa, verb)


# Nominal triggers whose other side is only what the noun itself names ("l'invasion russe de
# l'Ukraine", "des frappes contre ..."): "l'invasion russe" alone is mostly background, and the
# nearest other state of the sentence is seldom its victim.
UNGUESSED_NOUN_TYPES = frozenset({"ASSAULT"})


OBLIQUE_DEPS = frozenset({"obl", "obl:arg", "obl:mod"})


def _passive_agents(t: Token, verb: Token) -> list[Token]:
    """The "par" phrases of passive ``verb`` whose clause holds noun trigger ``t``; the parser
    hangs them on the verb, on one of its complements, or inside the noun's phrase."""
    found = [c for c in verb.children if c.dep_ in OBLIQUE_DEPS | {"obl:agent"}]
    found += [g for c in found for g in c.children if g.dep_ == "nmod"]
    found += [c for c in t.subtree if c.dep_ == "obl:agent"]
    return [c for c in dict.fromkeys(found) if has_case(c, BY_WORDS)]


def _acting_subject(sa: SentenceActors, v: Token) -> list[Token]:
    """The nearest subject of ``v`` that names an actor, else its nearest subject. An infinitive
    or a present participle does not take its subject from its own clause: "une résolution
    visant à suspendre la Russie" is not Russia acting, the assembly that adopted it is (a past
    participle keeps its agent: "le mémorandum signé par l'Éthiopie")."""
    own = {y.i for y in v.subtree} if nonfinite(v) else set()
    cands = subject_candidates(v)
    for cand in cands:
        if sa.in_tokens({y.i for x in cand for y in x.subtree} - own):
            return cand
    return cands[0] if cands else []
