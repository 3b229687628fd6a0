"""Scoring a warehouse against a hand-coded gold JSONL file (format documented in the README).

Events are compared as distinct (article, unordered state pair, PLOVER type) tuples: a required gold
event is found when any of its accepted types is produced for its pair; an optional gold event is
neither a miss nor, when produced, a false positive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etl import corpus, warehouse
from etl.transforms.dates.anchors import excerpt_date
from etl.transforms.text import fold_label as fold


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records from a JSONL file or a folder of them (the corpus's ``gold/``)."""
    return corpus.load_gold(path)


@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def __str__(self) -> str:
        v = self.value
        return f"{self.hit}/{self.total}" + (f" = {v:.3f}" if v is not None else "")


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None
    return 2 * p * r / (p + r)


@dataclass
class Report:
    articles: list[dict[str, Any]] = field(default_factory=list)
    title: Ratio = field(default_factory=Ratio)
    published_date: Ratio = field(default_factory=Ratio)
    author: Ratio = field(default_factory=Ratio)
    outlet: Ratio = field(default_factory=Ratio)
    person_recall: Ratio = field(default_factory=Ratio)
    person_country: Ratio = field(default_factory=Ratio)
    person_precision: Ratio = field(default_factory=Ratio)
    country_recall: Ratio = field(default_factory=Ratio)
    country_precision: Ratio = field(default_factory=Ratio)
    event_recall: Ratio = field(default_factory=Ratio)
    event_precision: Ratio = field(default_factory=Ratio)
    event_date: Ratio = field(default_factory=Ratio)
    # The same over gold dates a reader can resolve from the page alone: its year is written on
    # the page (a date whose year appears nowhere came from outside the text, such as a
    # manifest's publication date).
    event_date_in_text: Ratio = field(default_factory=Ratio)
    date_precision_in_text: Ratio = field(default_factory=Ratio)
    # Of the same events: the predicted date as precise as the gold one (day, month or year).
    date_precision: Ratio = field(default_factory=Ratio)
    # Of the required gold events found: those also right on their date (when gold has one) and
    # their direction (when gold has one); strict F1 scales precision and recall by this share.
    strict: Ratio = field(default_factory=Ratio)
    direction: Ratio = field(default_factory=Ratio)
    # Of the directed gold events found: the source, and the target, on the right side.
    source_role: Ratio = field(default_factory=Ratio)
    target_role: Ratio = field(default_factory=Ratio)
    # PLOVER type -> precision and recall (a gold event counts under its first accepted type).
    by_type: dict[str, dict[str, Ratio]] = field(default_factory=dict)
    # Required gold events with an organization or a non-state group as one side: the warehouse
    # counts state pairs, so these are measured apart.
    other_actor_recall: Ratio = field(default_factory=Ratio)
    other_actor_precision: Ratio = field(default_factory=Ratio)
    must_not_pairs: int = 0
    missing_files: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        ratios = {
            k: getattr(self, k).value
            for k in (
                "title", "published_date", "author", "outlet", "person_recall",
                "person_country", "person_precision", "country_recall", "country_precision",
                "event_recall", "event_precision", "event_date", "date_precision", "direction",
                "event_date_in_text", "date_precision_in_text",
            )
        }  # fmt: skip
        ratios["event_f1"] = f1(self.event_precision.value, self.event_recall.value)
        ratios["strict_f1"] = self.strict_f1()
        ratios["source_role"] = self.source_role.value
        ratios["target_role"] = self.target_role.value
        ratios["other_actor_recall"] = self.other_actor_recall.value
        ratios["other_actor_precision"] = self.other_actor_precision.value
        ratios["by_type"] = {
            t: {
                "precision": r["precision"].value,
                "recall": r["recall"].value,
                "f1": f1(r["precision"].value, r["recall"].value),
                "n_gold": r["recall"].total,
            }
            for t, r in sorted(self.by_type.items())
        }
        ratios["must_not_pairs"] = self.must_not_pairs
        return ratios

    def strict_f1(self) -> float | None:
        """F1 when an event counts only with its date and direction right."""
        share, p, r = self.strict.value, self.event_precision.value, self.event_recall.value
        if share is None or p is None or r is None:
            return None
        return f1(p * share, r * share)

    def render(self) -> str:
        lines = ["article metadata"]
        for name in ("title", "published_date", "author", "outlet"):
            lines.append(f"  {name:<22} {getattr(self, name)}")
        lines.append("entities")
        for name in ("person_recall", "person_country", "person_precision",
                     "country_recall", "country_precision"):  # fmt: skip
            lines.append(f"  {name:<22} {getattr(self, name)}")
        lines.append("events (article, unordered country pair, PLOVER type)")
        lines.append(f"  {'recall (required)':<22} {self.event_recall}")
        lines.append(f"  {'precision':<22} {self.event_precision}")
        ef1 = f1(self.event_precision.value, self.event_recall.value)
        lines.append(f"  {'f1':<22} {ef1:.3f}" if ef1 is not None else "  f1 n/a")
        lines.append(f"  {'event date':<22} {self.event_date}")
        lines.append(f"  {'date precision':<22} {self.date_precision}")
        lines.append(f"  {'event date (in text)':<22} {self.event_date_in_text}")
        lines.append(f"  {'date precision (in text)':<22} {self.date_precision_in_text}")
        lines.append(f"  {'strict (date+direction)':<22} {self.strict}")
        sf1 = self.strict_f1()
        lines.append(f"  {'strict f1':<22} {sf1:.3f}" if sf1 is not None else "  strict f1 n/a")
        lines.append(f"  {'direction':<22} {self.direction}")
        lines.append(f"  {'source role':<22} {self.source_role}")
        lines.append(f"  {'target role':<22} {self.target_role}")
        lines.append(f"  {'sidebar pairs (must_not)':<22} {self.must_not_pairs}")
        if self.other_actor_recall.total or self.other_actor_precision.total:
            lines.append(
                "events with an organization or a group as one side (by actor code; not in the "
                "counts above)"
            )
            lines.append(f"  {'recall (required)':<22} {self.other_actor_recall}")
            lines.append(f"  {'precision':<22} {self.other_actor_precision}")
            of1 = f1(self.other_actor_precision.value, self.other_actor_recall.value)
            lines.append(f"  {'f1':<22} {of1:.3f}" if of1 is not None else "  f1 n/a")
        if self.by_type:
            lines.append("by PLOVER type (precision, recall over required gold, f1)")
            for t, r in sorted(self.by_type.items()):
                tf1 = f1(r["precision"].value, r["recall"].value)
                shown = f"{tf1:.3f}" if tf1 is not None else "n/a"
                lines.append(
                    f"  {t:<10} p {str(r['precision']):<16} r {str(r['recall']):<16} f1 {shown}"
                )
        for a in self.articles:
            lines.append(
                f"  {a['file']}: title={'ok' if a['title_ok'] else 'WRONG'} "
                f"date={'ok' if a['date_ok'] else 'WRONG'} events tp={a['tp']} fp={a['fp']} "
                f"missed={a['missed']}"
            )
        if self.misses:
            lines.append("missed required events:")
            lines += [f"  {m}" for m in self.misses]
        if self.false_positives:
            lines.append("false positives:")
            lines += [f"  {m}" for m in self.false_positives]
        if self.missing_files:
            lines.append("gold files not in the warehouse: " + ", ".join(self.missing_files))
        return "\n".join(lines)


def _pair(a: str | None, b: str | None) -> tuple[str, str] | None:
    if not a or not b or a == b:
        return None
    return (a, b) if a < b else (b, a)


def evaluate_warehouse(db_path: Path, gold_path: Path, *, split: str | None = None) -> Report:
    """Score the warehouse at ``db_path`` against ``gold_path`` (a JSONL file, or the corpus's
    ``gold/`` folder); with ``split``, only the pages of that split of the corpus's
    ``splits.tsv`` (beside ``gold/``)."""
    gold = load_gold(gold_path)
    if split is not None:
        root = gold_path if gold_path.is_dir() else gold_path.parent
        gold = corpus.in_split(gold, corpus.read_splits(root.parent), split)
    with warehouse.connect(db_path, read_only=True) as conn:
        arts = warehouse.query(conn, "evaluation_articles").rows()
        people = warehouse.query(conn, "evaluation_people").rows()
        countries = warehouse.query(conn, "evaluation_countries").rows()
        dyads = warehouse.query(conn, "evaluation_dyads").rows()

    by_file: dict[str, tuple[Any, ...]] = {}
    for row in arts:
        by_file.setdefault(Path(row[0]).name, row)
    report = Report()
    for g in gold:
        art = by_file.get(Path(g["file"]).name)
        if art is None:
            report.missing_files.append(g["file"])
            continue
        _score_article(report, g, art, people, countries, dyads)
    return report


def _score_article(
    report: Report,
    g: dict[str, Any],
    art: tuple[Any, ...],
    people: list[tuple[Any, ...]],
    countries: list[tuple[Any, ...]],
    dyads: list[tuple[Any, ...]],
) -> None:
    _, article_id, title, published, author, outlet, raw_text = art
    title_ok = fold(title) == fold(g.get("title"))
    # null: the page gives no publication date, and none must be extracted.
    accept = g.get("published_date_accept") or [g.get("published_date")]
    date_ok = (published.isoformat() if published else None) in accept
    for ratio, ok in (
        (report.title, title_ok),
        (report.published_date, date_ok),
        (report.author, fold(author) == fold(g.get("author"))),
        (report.outlet, fold(outlet) == fold(g.get("outlet"))),
    ):
        ratio.total += 1
        ratio.hit += int(ok)

    # People: a predicted person matches a gold one by any surface form or the canonical name.
    predicted: dict[str, dict[str, Any]] = {}
    for a_id, entity_id, surface, m_country, canonical, e_country in people:
        if a_id != article_id:
            continue
        p = predicted.setdefault(entity_id, {"names": set(), "countries": []})
        p["names"] |= {fold(surface), fold(canonical)}
        p["countries"].append(m_country or e_country)
    matched_pred: set[str] = set()
    for gp in g.get("persons", []):
        names = {fold(gp["name"])} | {fold(a) for a in gp.get("aliases", [])}
        hits = [eid for eid, p in predicted.items() if p["names"] & names]
        report.person_recall.total += 1
        report.person_country.total += 1
        if hits:
            report.person_recall.hit += 1
            matched_pred.update(hits)
            found = [c for eid in hits for c in predicted[eid]["countries"] if c]
            if found and max(set(found), key=found.count) == gp.get("country"):
                report.person_country.hit += 1
    report.person_precision.total += len(predicted)
    report.person_precision.hit += len(matched_pred)

    got_countries = {c for a_id, c in countries if a_id == article_id}
    gold_countries = set(g.get("countries", []))
    report.country_recall.total += len(gold_countries)
    report.country_recall.hit += len(gold_countries & got_countries)
    report.country_precision.total += len(got_countries)
    report.country_precision.hit += len(got_countries & gold_countries)

    article_dyads = [d for d in dyads if d[0] == article_id]
    produced: dict[tuple[tuple[str, str], str], list[tuple[Any, ...]]] = {}
    for d in article_dyads:
        # A state pair only where both sides act as states: an armed group or an outlet keeps
        # its state as country_code, but its events are scored by actor code below, as the gold
        # codes them (NSA:hamas, not PSE).
        pair = _pair(d[2], d[3]) if (d[8], d[9]) == (d[2], d[3]) else None
        if pair:
            produced.setdefault((pair, d[1]), []).append(d)
    # The same, by actor code: organizations and groups as themselves (IGO:…, NSA:…).
    produced_by_actor = {
        (pair, d[1]) for d in article_dyads if (pair := _pair(d[8], d[9])) is not None
    }
    gold_events = g.get("events", [])
    accepted_by_actor = {
        (pair, t)
        for ge in gold_events
        if (pair := _pair(ge["actor1"], ge["actor2"])) is not None
        for t in ge["types"]
    }
    for k in produced_by_actor:
        if not all(corpus.is_state(c) for c in k[0]):
            report.other_actor_precision.total += 1
            report.other_actor_precision.hit += k in accepted_by_actor
    accepted: set[tuple[tuple[str, str], str]] = set()
    for ge in gold_events:
        pair = _pair(ge["actor1"], ge["actor2"])
        if pair:
            accepted.update((pair, t) for t in ge["types"])
    tp = fp = missed = 0
    for k in produced:
        report.event_precision.total += 1
        type_ratio = report.by_type.setdefault(k[1], {"precision": Ratio(), "recall": Ratio()})
        type_ratio["precision"].total += 1
        if k in accepted:
            report.event_precision.hit += 1
            type_ratio["precision"].hit += 1
            tp += 1
        else:
            fp += 1
            report.false_positives.append(f"{g['file']}: {k[1]} {k[0][0]}-{k[0][1]}")
    for ge in gold_events:
        pair = _pair(ge["actor1"], ge["actor2"])
        if pair is None:
            continue
        event_hits = [d for t in ge["types"] for d in produced.get((pair, t), [])]
        if not (corpus.is_state(ge["actor1"]) and corpus.is_state(ge["actor2"])):
            if ge.get("required", True):
                report.other_actor_recall.total += 1
                report.other_actor_recall.hit += any(
                    (pair, t) in produced_by_actor for t in ge["types"]
                )
            continue
        if ge.get("required", True):
            report.event_recall.total += 1
            type_ratio = report.by_type.setdefault(
                ge["types"][0], {"precision": Ratio(), "recall": Ratio()}
            )
            type_ratio["recall"].total += 1
            type_ratio["recall"].hit += bool(event_hits)
            if event_hits:
                report.event_recall.hit += 1
            else:
                missed += 1
                report.misses.append(
                    f"{g['file']}: {'/'.join(ge['types'])} {ge['actor1']}-{ge['actor2']}: "
                    f"{ge.get('evidence', '')[:90]}"
                )
        if not event_hits:
            continue
        if ge.get("date"):
            date_ok = any(_date_matches(ge["date"], d[4], d[5]) for d in event_hits)
            precision_ok = any(_precision_matches(ge["date"], d[4], d[5]) for d in event_hits)
            in_text = date_in_text(ge["date"], raw_text or "")
            for ratio, ok, counted in (
                (report.event_date, date_ok, True),
                (report.date_precision, precision_ok, True),
                (report.event_date_in_text, date_ok, in_text),
                (report.date_precision_in_text, precision_ok, in_text),
            ):
                if counted:
                    ratio.total += 1
                    ratio.hit += int(ok)
        if ge.get("required", True):
            event_date_ok = not ge.get("date") or any(
                _date_matches(ge["date"], d[4], d[5]) for d in event_hits
            )
            direction_ok = not ge.get("directed") or any(
                d[7] and d[2] == ge["actor1"] and d[3] == ge["actor2"] for d in event_hits
            )
            report.strict.total += 1
            report.strict.hit += event_date_ok and direction_ok
        directed_hits = [d for d in event_hits if d[7]]
        # Direction is scored where both sides state one: an undirected prediction (a joint
        # action) has none to be right or wrong about.
        if ge.get("directed") and directed_hits:
            report.direction.total += 1
            if any(d[2] == ge["actor1"] and d[3] == ge["actor2"] for d in directed_hits):
                report.direction.hit += 1
        if ge.get("directed") and directed_hits:
            report.source_role.total += 1
            report.source_role.hit += any(d[2] == ge["actor1"] for d in directed_hits)
            report.target_role.total += 1
            report.target_role.hit += any(d[3] == ge["actor2"] for d in directed_hits)
    for a, b in g.get("must_not", []):
        pair = _pair(a, b)
        if pair and any(k[0] == pair for k in produced):
            report.must_not_pairs += 1
    report.articles.append(
        {
            "file": g["file"],
            "title_ok": title_ok,
            "date_ok": date_ok,
            "tp": tp,
            "fp": fp,
            "missed": missed,
        }  # fmt: skip
    )


def date_in_text(gold: str, raw: str) -> bool:
    """Whether the page itself lets a reader date a gold event: the gold year is written on it.
    A search excerpt's "date YYYY-MM" line gives a month and no day, so its year counts only for
    a gold date of that month; a line "date YYYY-MM-DD" dates the page like a byline."""
    excerpt = excerpt_date(raw)
    if excerpt is not None and excerpt[1] == "month":
        if gold == excerpt[0].isoformat()[:7]:
            return True
        raw = raw[excerpt[2] :]
    return re.search(rf"(?<!\d){gold[:4]}(?!\d)", raw) is not None


def _date_matches(gold: str, value: Any, precision: str | None) -> bool:
    """A gold "2024-08" asks for that month (a day or a week that starts in it says as much;
    the gold format has no week); "2024-08-01" for that day. A publication fallback counts when
    it is that day: the annotator read the event as the day's news."""
    if value is None:
        return False
    iso = value.isoformat()
    if len(gold) == 7:
        return iso.startswith(gold) and precision in ("month", "week", "day")
    if len(gold) == 4:
        return iso.startswith(gold)
    return bool(iso == gold and precision == "day")


# The precision a gold date's shape gives: "2024-08-01", "2024-08", "2024".
GOLD_PRECISION = {10: "day", 7: "month", 4: "year"}


def _precision_matches(gold: str, value: Any, precision: str | None) -> bool:
    """Whether a predicted date is exactly as precise as the gold one, whatever its value."""
    if value is None:
        return False
    return precision == GOLD_PRECISION.get(len(gold))
