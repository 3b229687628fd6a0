"""PLOVER event coding of French article sentences.

A sentence is a candidate when it mentions at least one actor; candidates are parsed with spaCy's
French dependency parser and every token whose lemma is in the reviewed trigger lexicon
(``etl/data/event_triggers_fr.tsv``) is a possible event. Its source and target come from the parse
(subject, passive agent, objects and obliques, possessives, the "de la part de" of a received
noun, the noun a passive participle qualifies), with pronouns resolved to the nearest earlier
actor; only when the parse gives nothing does the coder fall back on the nearest actors around
the trigger, at a lower confidence. With the trained event model (``etl/data/event_model.json``),
every pair of actors a sentence names is also scored per PLOVER type: the model keeps or drops
the rule events whose actors were guessed and adds the types the rules missed.

The coder reads a parse and never makes one: the caller gives it the article's Doc from
:func:`etl.transforms.gate.pipe_gated`. ``types`` holds the records, ``parse`` what the parse says
around a trigger, ``actors`` and ``roles`` who acts on whom, ``dating`` when, ``finish`` the coded
record, ``pairs`` the candidate pairs and their features, ``model`` the trained weights,
``learned`` the model's decisions, and ``coder`` puts them together.
"""

from etl.transforms.events.coder import candidate_sentences, code_article_events
from etl.transforms.events.types import ArticleContext, CodedEvent, EventActor

__all__ = [
    "ArticleContext",
    "CodedEvent",
    "EventActor",
    "candidate_sentences",
    "code_article_events",
]
