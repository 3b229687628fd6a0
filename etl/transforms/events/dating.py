"""When an event happened.

An event takes the date its own clause gives (or a verb that reports it, or, failing those, the
main clause of its sentence); else the dateline of its paragraph, the date of the embedded post
it sits in, a dated sentence earlier in its paragraph, the day the article's lead gives, and last
the publication date. A pluperfect event without a date of its own stays undated.

Dates that need an anchor ("mardi", "hier", "le 23 décembre", "en juin") are resolved against
the nearest reliable one, in this order: the paragraph's dateline, the date of the post the
sentence sits in, the publication date (or, without one, a date line at the head of the page),
the month a search excerpt's "date YYYY-MM" line gives, and for the year of a year-less date
only, the other dates of the page. "la veille" and "le lendemain" count from the date the story
is at: the nearest date before them in the paragraph, else in the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from etl.transforms.dates import find_date_mentions, resolve_date
from etl.transforms.dates.anchors import (
    Anchor,
    excerpt_date,
    full_date,
    head_date,
    is_dateline,
    is_period,
    paragraph_start,
    post_date,
)
from etl.transforms.dates.vocabulary import STORY_RELATIVE_WORDS
from etl.transforms.events.actors import SentenceActors
from etl.transforms.events.parse import verb_of
from etl.transforms.events.types import ArticleContext
from etl.transforms.reference import word_set
from etl.transforms.text import fold
from etl.transforms.types import DateMention, ResolvedDate

# How far before publication the day an article opens with may lie and still be its story's.
_LEAD_DAYS = 31


def date_anchor(ctx: ArticleContext) -> dt.date | None:
    """The publication date, else the date of a byline, date line or dateline at the head of the
    body. Any other date of the page may be a background date, so it never counts from here."""
    if ctx.published_date and ctx.published_date_precision in (None, "day"):
        return ctx.published_date
    excerpt = excerpt_date(ctx.body)
    if excerpt is not None and excerpt[1] == "day":
        return excerpt[0]
    return head_date(ctx.body, find_date_mentions(ctx.body[:2000]))


# --------------------------------------------------------------------------------------------
# Tense of the trigger's clause
# --------------------------------------------------------------------------------------------

# Simple-future endings, for the verbs the tagger reads as participles ("signera").
_FUTURE_ENDING = re.compile(r"(?:ra|ras|rai|rons|rez|ront)$")


def clause_tense(trigger: Token) -> str | None:
    """ "past", "pluperfect", "future" or None (present, or unknown) for the clause of a trigger:
    it decides which way a year-less "23 décembre" or a bare "jeudi" is looked for."""
    verb = verb_of(trigger)
    head = verb.head
    if verb.dep_ == "xcomp" and "Inf" in verb.morph.get("VerbForm", []):
        if head.lemma_ == "aller" and "Pres" in head.morph.get("Tense", []):
            return "future"  # "va signer"
        if head.i != verb.i and head.pos_ == "VERB":
            # An infinitive happens when the verb that governs it says: "avait décidé de fermer".
            verb = head
    auxes = [c for c in verb.children if c.dep_.startswith("aux")]
    tenses = set(verb.morph.get("Tense", []))
    aux_tenses = {t for a in auxes for t in a.morph.get("Tense", [])}
    if "Fut" in tenses | aux_tenses:
        return "future"
    if "Part" in verb.morph.get("VerbForm", []):
        if any(a.dep_ == "aux:tense" for a in auxes):
            return "pluperfect" if aux_tenses & {"Imp", "Pqp"} else "past"
        if not auxes and verb.pos_ == "VERB" and _FUTURE_ENDING.search(verb.text.lower()):
            return "future"
    if tenses & {"Past", "Imp", "Pqp"} and "Fin" in verb.morph.get("VerbForm", []):
        return "past"
    return None


# --------------------------------------------------------------------------------------------
# Which dates belong to the event
# --------------------------------------------------------------------------------------------


def _span_root(sa: SentenceActors, m: DateMention) -> int | None:
    span = sa.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    return span.root.i if span is not None else None


# Relations through which a clause reports, or is the object of, the one above it: "a annoncé
# dimanche [avoir conclu un accord]", "a déclaré lundi [que ...]".
# A coordinated verb without a date of its own shares the first one's ("a déclaré samedi rompre
# tout contact et rappelle son ambassadeur").
_COMPLEMENT_DEPS = ("xcomp", "ccomp", "obj", "conj")
_SUBORDINATE_DEPS = ("advcl", "ccomp")

# Conjunctions of a subordinate that happens when its main clause does ("a commencé dimanche
# quand le Mali a rappelé son ambassadeur"): the main clause's date is the subordinate's.
_TEMPORAL_CONJUNCTIONS = word_set("temporal_conjunctions_fr.tsv")


def _is_temporal_clause(verb: Token) -> bool:
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and fold(c.text).rstrip("'’") in _TEMPORAL_CONJUNCTIONS
        for c in verb.children
    )


def _in_clause(sa: SentenceActors, trigger: Token, m: DateMention, *, main: bool = False) -> bool:
    """Whether a date in the trigger's sentence belongs to the trigger's clause, or to a verb
    that reports it ("a annoncé dimanche avoir conclu"), so that a date in a background clause
    ("après des coups d'État entre 2020 et 2023") does not date the event. With ``main``, a
    date of the sentence's main clause counts too."""
    span = sa.doc.char_span(m.char_start, m.char_end, alignment_mode="expand")
    if span is None:
        return False
    clause = verb_of(trigger)
    heads = {trigger.i, clause.i}
    if main:
        heads.add(sa.span.root.i)
    cur = clause
    for _ in range(3):
        # A gerund or present participle happens when its main verb does: "le 14 janvier, X a
        # créé la surprise en annonçant le retrait", "a rompu lundi, accusant Y de ...".
        simultaneous = cur.dep_ == "advcl" and (
            _is_present_participle(cur) or _is_temporal_clause(cur)
        )
        if not (cur.dep_ in _COMPLEMENT_DEPS or simultaneous) or cur.head.i == cur.i:
            break
        cur = verb_of(cur.head)
        heads.add(cur.i)
    cur = span.root
    for _ in range(12):
        if cur.i in heads:
            return True
        if cur.head.i == cur.i:
            break
        # The tagger reads some relative-clause verbs as nouns ("qui la relie").
        is_verb = cur.i != span.root.i and (cur.pos_ in ("VERB", "AUX") or cur.dep_ == "acl:relcl")
        if is_verb and _dates_other_event(cur, trigger):
            break
        if (
            is_verb
            and (
                (cur.dep_ in _SUBORDINATE_DEPS and trigger.pos_ == "VERB")
                or (cur.dep_ == "acl" and "Inf" in cur.morph.get("VerbForm", []))
            )
            and trigger.is_ancestor(cur)
        ):
            # A date inside a subordinate clause under the trigger dates that clause's event: "a
            # accusé X de faire pression pour qu'il s'immisce dans les élections du 24 juin",
            # "des menaces d'imposer des droits de douane à compter de janvier".
            # An infinitive it governs shares its time ("a laissé expirer, fin octobre, ...").
            break
        cur = cur.head
    return False


def _dates_other_event(verb: Token, trigger: Token) -> bool:
    """Whether a verb between a date and the trigger makes the date that verb's own: a relative
    clause ("X, qui avait rencontré Y en septembre, a annoncé"), a past participle describing
    the object ("contester le mémorandum signé le 1er janvier"). A
    participle on the trigger itself ("l'accord conclu en mars"), on the subject ("le Conseil,
    réuni jeudi, a condamné") or on the medium ("dans un communiqué publié vendredi"), present
    participles ("déclarant mardi") and complements keep the date the event's."""
    if verb.dep_ == "acl:relcl":
        return True
    if verb.dep_ == "acl" and _is_past_participle(verb):
        noun = verb.head
        return noun.i != trigger.i and noun.dep_.split(":")[0] not in ("nsubj", "obl")
    return False


def _is_present_participle(t: Token) -> bool:
    return "Part" in t.morph.get("VerbForm", []) and "Pres" in t.morph.get("Tense", [])


def _is_past_participle(t: Token) -> bool:
    return "Part" in t.morph.get("VerbForm", []) and "Past" in t.morph.get("Tense", [])


# --------------------------------------------------------------------------------------------
# Resolution against the nearest anchor
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """What one article offers to resolve its dates against."""

    ctx: ArticleContext
    anchor: dt.date | None  # publication, or a date line at the head of the body
    month: dt.date | None  # a search excerpt's "date YYYY-MM"
    dates: Sequence[DateMention]

    def anchor_at(self, pos: int) -> Anchor | None:
        """The anchor for relative words at ``pos``: the paragraph's dateline, the post's date,
        the publication date (or head date line), the excerpt's month."""
        para = paragraph_start(self.ctx.body, pos)
        for m in self.dates:
            if m.char_start >= para + 60:
                break
            if is_dateline(self.ctx.body, para, m) and (value := self._dateline(m)):
                return Anchor(value, "day", "dateline")
        if (post := post_date(self.ctx.body, pos)) is not None:
            return Anchor(post, "day", "post")
        if self.anchor is not None:
            return Anchor(self.anchor, "day", "publication")
        if self.month is not None:
            return Anchor(self.month, "month", "date_line")
        return None

    def _dateline(self, m: DateMention) -> dt.date | None:
        """A dateline's day; a wire dateline without its year ("ISLAMABAD, 7 août (Reuters) -")
        takes it from the publication date or the excerpt's month."""
        value = full_date(m)
        if value is not None or m.year is not None:
            return value
        if self.anchor is not None:
            r = resolve_date(m, self.anchor, tense="past")
        elif self.month is not None:
            r = resolve_date(m, self.month, tense="past", anchor_precision="month")
        else:
            return None
        return r.value if r is not None and r.precision == "day" else None

    def year_reference(self, pos: int) -> dt.date | None:
        """For the year of a year-less "23 décembre" on a page without any anchor: the nearest
        date of the page that carries its own year."""
        dated = [
            (abs(m.char_start - pos), dt.date(m.year, m.month, m.day or 1))
            for m in self.dates
            if m.year is not None
            and m.month is not None
            and m.relative is None
            and not is_period(self.ctx.body, m)
        ]
        return min(dated)[1] if dated else None

    def story_date(self, pos: int) -> dt.date | None:
        """The day the story is at just before ``pos``: the nearest earlier day-precise date in
        the paragraph, else in the article (what "la veille" counts from)."""
        para = paragraph_start(self.ctx.body, pos)
        best: tuple[bool, int, dt.date] | None = None
        for m in self.dates:
            if m.char_end > pos:
                break
            if m.relative in STORY_RELATIVE_WORDS:
                continue
            r = self.resolve(m, None, story=False)
            if r is not None and r.precision == "day" and r.method != "publication":
                key = (m.char_start >= para, m.char_start, r.value)
                best = key if best is None or key[:2] > best[:2] else best
        return best[2] if best else None

    def lead_date(self, pos: int) -> tuple[ResolvedDate, DateMention] | None:
        """The day of the story the article opens with: the first day-precise date of its first
        paragraph, for a later sentence that gives none (news elaborates on its lead). A date
        more than a month before the publication date is background, not the story's day."""
        body = self.ctx.body
        excerpt = excerpt_date(body)
        first = excerpt[2] if excerpt is not None else 0
        first += len(body[first:]) - len(body[first:].lstrip())
        # The first line: pages break paragraphs with one newline as often as with two.
        end = body.find("\n", first)
        end = min(pos, len(body) if end < 0 else end)
        for m in self.dates:
            if m.char_start < first:
                continue
            if m.char_end > end:
                break
            r = self.resolve(m, None, story=False)
            if r is None or r.precision != "day":
                continue
            if self.anchor is not None and not 0 <= (self.anchor - r.value).days <= _LEAD_DAYS:
                continue
            if self.anchor is None and self.month is not None and not _near_month(r, self.month):
                continue
            return r, m
        return None

    def resolve(
        self, m: DateMention, tense: str | None, *, story: bool = True
    ) -> ResolvedDate | None:
        """One mention resolved against the anchor nearest it."""
        latest = self.ctx.fetched_date
        if m.relative in STORY_RELATIVE_WORDS:
            if not story:
                return None
            focus = self.story_date(m.char_start)
            if focus is not None:
                return resolve_date(m, focus, latest=latest, tense=tense)
        anchor = self.anchor_at(m.char_start)
        if anchor is not None:
            return resolve_date(
                m, anchor.value, latest=latest, tense=tense, anchor_precision=anchor.precision
            )
        if m.year is None and m.month is not None and m.weekday is None:
            reference = self.year_reference(m.char_start)
            if reference is not None:
                return _nearest_occurrence(m, reference)
        return resolve_date(m, None, latest=latest, tense=tense)


def _nearest_occurrence(m: DateMention, reference: dt.date) -> ResolvedDate | None:
    """A year-less "en février" or "le 15 décembre" beside another date of the page ("en janvier
    2024"): the occurrence nearest that date, on either side of it. The page tells no time of
    writing to count back from."""
    found = [
        r
        for year in (reference.year - 1, reference.year, reference.year + 1)
        if (r := resolve_date(replace(m, year=year))) is not None
    ]
    if not found:
        return None
    best = min(found, key=lambda r: abs((r.value - reference).days))
    return replace(best, method="anchor_year")


def _near_month(r: ResolvedDate, month: dt.date) -> bool:
    """Whether ``r`` lies in the page's month or in the month before its start."""
    return r.value.replace(day=1) == month or 0 <= (month - r.value).days <= _LEAD_DAYS


def _resolve_nearest(
    page: _Page,
    mentions: Sequence[DateMention],
    pos: int,
    tense: str | None,
    sa: SentenceActors | None = None,
) -> tuple[ResolvedDate | None, DateMention | None]:
    # The nearest date is the event's; when it cannot be resolved ("mardi" on an undated page), a
    # farther one would date something else.
    if not mentions:
        return None, None
    m = min(mentions, key=lambda m: abs(m.char_start - pos))
    if sa is not None and _on_past_participle(sa, m):
        tense = "past"
    return page.resolve(m, tense), m


def _on_past_participle(sa: SentenceActors, m: DateMention) -> bool:
    """Whether a date qualifies a past participle ("l'accord conclu en mars"): what it dates is
    done, whatever the tense of the clause around it ("... devrait permettre")."""
    root = _span_root(sa, m)
    if root is None:
        return False
    head = sa.doc[root].head
    return head.i != root and head.dep_ == "acl" and _is_past_participle(head)


def _in_pluperfect(sa: SentenceActors, m: DateMention) -> bool:
    """Whether a date of an earlier sentence dates a clause told in the pluperfect ("avaient
    rompu en juin 2017 leurs relations"): background, which does not date the news after it."""
    root = _span_root(sa, m)
    return root is not None and clause_tense(sa.doc[root]) == "pluperfect"


def _qualifies_something_else(sa: SentenceActors, m: DateMention) -> bool:
    """Whether a date of an earlier sentence dates a relative clause or a participle there ("le
    traité qui la relie à l'Espagne depuis octobre 2002", "l'accord signé en mars"), not that
    sentence's story, so a later sentence must not take it."""
    root = _span_root(sa, m)
    if root is None:
        return False
    cur = sa.doc[root]
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.dep_ == "acl:relcl" or (cur.dep_ == "acl" and _is_past_participle(cur)):
            return True
        if cur.dep_ == "ROOT":
            return False
    return False


def event_date(
    ctx: ArticleContext,
    sa: SentenceActors,
    token: Token,
    reality: str,
    start: int,
    end: int,
    anchor: dt.date | None,
    body_dates: Sequence[DateMention],
) -> tuple[ResolvedDate | None, str | None, str]:
    """The date of the event whose trigger is ``token`` in the sentence ``start:end``, the text
    it was read from, and how it was found (``event_date_method``): ``sentence``, ``dateline``,
    ``post``, ``paragraph``, ``lead`` (the day the article's first line gives, for a later
    sentence without a date), ``publication`` (the day, or only the month of a search excerpt's
    date line), ``background_undated`` (a pluperfect event without a date of its own: the dates
    around it are not its own), ``unresolved_no_anchor`` (a date too incomplete to resolve) or
    ``none``. ``anchor`` is :func:`date_anchor` of ``ctx``."""
    excerpt = excerpt_date(ctx.body)
    month = excerpt[0] if excerpt is not None and excerpt[1] == "month" else None
    if ctx.published_date is not None and ctx.published_date_precision == "month":
        # The page's month survives in the article even when the excerpt line left the body.
        month = ctx.published_date
    page = _Page(ctx, anchor, month, body_dates)
    tense = clause_tense(token)
    quoted = _quoted_elsewhere(ctx.body, start, end, token.idx)
    # The excerpt's own date line dates the page, not an event of the first sentence.
    skip = excerpt[2] if excerpt is not None else 0
    in_sentence = [
        m
        for m in body_dates
        if max(start, skip) <= m.char_start
        and m.char_end <= end
        and _in_clause(sa, token, m)
        and not any(a <= m.char_start < b for a, b in quoted)
        and not is_period(ctx.body, m)
        and not _contradicts(m, tense, reality)
    ]
    # A planned event's own date lies ahead ("une prochaine visite en juin"); other dates in its
    # sentence, such as the day the plan was announced, lie behind.
    own = {y.i for y in token.subtree}
    future = [m for m in in_sentence if _span_root(sa, m) in own]
    if reality == "intended" and future:
        resolved, used = _resolve_nearest(page, future, token.idx, "future", sa)
        if resolved is None and used is None:
            resolved, used = _resolve_nearest(page, in_sentence, token.idx, None, sa)
    else:
        resolved, used = _resolve_nearest(
            page, in_sentence, token.idx, _direction(tense, reality), sa
        )
    if used is None and reality == "asserted" and _may_take_main_date(token, tense):
        # The trigger's own clause gives no date: the sentence's main clause dates it ("Le
        # Conseil a adopté vendredi une résolution visant à renouveler les sanctions").
        in_main = [
            m
            for m in body_dates
            if max(start, skip) <= m.char_start
            and m.char_end <= end
            and _in_clause(sa, token, m, main=True)
            and not any(a <= m.char_start < b for a, b in quoted)
            and not is_period(ctx.body, m)
            and not _contradicts(m, tense, reality)
        ]
        resolved, used = _resolve_nearest(page, in_main, token.idx, _direction(tense, reality), sa)
    if resolved is not None or used is not None:
        return (
            resolved,
            used.text if used else None,
            ("sentence" if resolved else "unresolved_no_anchor"),
        )
    here = page.anchor_at(token.idx)
    if here is not None and here.source in ("dateline", "post"):
        return ResolvedDate(here.value, "day", "", here.source), None, here.source
    if tense == "pluperfect":
        # "avait rompu ses relations": what the paragraph or the page is dated does not say when.
        return None, None, "background_undated"
    para = paragraph_start(ctx.body, token.idx)
    # A bare year in a neighbouring sentence is usually background ("depuis 2021").
    in_para = [
        m
        for m in body_dates
        if para <= m.char_start < start
        and (m.month is not None or m.weekday is not None)
        and m.relative not in STORY_RELATIVE_WORDS
        and not is_period(ctx.body, m)
        and not _qualifies_something_else(sa, m)
        and not _in_pluperfect(sa, m)
    ]
    resolved, used = _resolve_nearest(page, in_para, start, _direction(tense, reality))
    if resolved is not None and used is not None:
        return resolved, used.text, "paragraph"
    lead = page.lead_date(start)
    if lead is not None:
        return lead[0], lead[1].text, "lead"
    if here is not None:
        return ResolvedDate(here.value, here.precision, "", "publication"), None, "publication"
    # A page without any anchor whose first line states the day after the opening sentence
    # ("Paris a décidé de durcir ... Une décision confirmée le 28 septembre 2021"): the lead's
    # events are that day's news.
    lead = page.lead_date(len(ctx.body)) if paragraph_start(ctx.body, start) == 0 else None
    if lead is not None:
        return lead[0], lead[1].text, "lead"
    return None, None, "none"


_QUOTE = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")


def _quoted_elsewhere(body: str, start: int, end: int, trigger_pos: int) -> list[tuple[int, int]]:
    """The quotations of the sentence ``start:end`` that do not hold the trigger: "aujourd'hui",
    "demain" or "mardi" in someone's words count from the day they spoke, and date what they
    say rather than the act of saying it or what the sentence reports around it."""
    text = body[start:end]
    spans = [(q.start() + start, q.end() + start) for q in _QUOTE.finditer(text)]
    # A quotation opened in the sentence before ("« Il n'y a ... ni demain », a-t-il déclaré"
    # when the sentence splitter cut after the guillemet).
    first_close = min((i for c in "»”" if (i := text.find(c)) >= 0), default=-1)
    first_open = min((i for c in "«“" if (i := text.find(c)) >= 0), default=len(text))
    if 0 <= first_close < first_open:
        spans.append((start, start + first_close + 1))
    return [(a, b) for a, b in spans if not a <= trigger_pos < b]


def _may_take_main_date(trigger: Token, tense: str | None) -> bool:
    """Whether an event may take the date of its sentence's main clause: not when it is told in
    the pluperfect or in a relative clause ("X, qui avait rencontré Y, a annoncé lundi")."""
    if tense == "pluperfect":
        return False
    cur = trigger
    for _ in range(12):
        if cur.dep_ == "acl:relcl":
            return False
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return True


def _contradicts(m: DateMention, tense: str | None, reality: str) -> bool:
    """A date marked as ahead ("le 2 novembre prochain") cannot date what a past-tense verb says
    already happened: it is the date of what was announced, not of the announcement."""
    ahead = m.relative in ("future", "next_weekday", "tomorrow", "day_after_tomorrow")
    return ahead and reality == "asserted" and tense in ("past", "pluperfect")


def _direction(tense: str | None, reality: str) -> str | None:
    """Which way from the anchor a year-less date lies. What is asserted to have happened lies
    behind, also in the narrative present ("Le 23 décembre, le président signe ...")."""
    if tense in ("past", "pluperfect"):
        return "past"
    if tense == "future":
        return "future"
    return "past" if reality == "asserted" else None
