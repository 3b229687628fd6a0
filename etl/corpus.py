"""The annotated corpus: loading its gold, the page-level split, and inter-annotator agreement.

Layout and rules are in ``docs/annotation.md``. Pages are split by page, never by event, and
within each topic family, so every family is in each split; the split depends only on page ids.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.transforms.events.actors import ordered
from etl.transforms.plover import plover_types
from etl.transforms.text import fold_label

SPLITS = (("train", 0.6), ("dev", 0.2), ("test", 0.2))


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold records from one JSONL file, or from every ``*.jsonl`` of a folder (sorted)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no gold .jsonl file in {path}")
    rows: list[dict[str, Any]] = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{f}:{n}: not JSON: {exc}") from exc
            if "file" not in rows[-1]:
                raise ValueError(f"{f}:{n}: every gold line needs a 'file'")
    return rows


def is_state(code: str) -> bool:
    """An ISO alpha-3 state code, as opposed to ``IGO:…``, ``NSA:…`` or ``ORG:…``."""
    return len(code) == 3 and code.isalpha() and code.isupper()


def page_id(record: dict[str, Any]) -> str:
    return Path(record["file"]).stem


def _rank(pid: str) -> str:
    return hashlib.sha256(pid.encode("utf-8")).hexdigest()


def assign_splits(
    records: Iterable[dict[str, Any]], batches: dict[str, int] | None = None
) -> dict[str, str]:
    """page_id -> split: within each family and batch, pages in hash order, the first 60 % train,
    the next 20 % dev, the rest test (a group of 3 pages or more has a page in each split).

    ``batches`` (page_id -> batch, 1 when absent) keeps splits stable as the corpus grows: pages
    added later form a batch of their own, split by the same rule, so no page ever changes split
    and the test split is never trained or tuned on.
    """
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in records:
        pid = page_id(r)
        family = r.get("family") or pid.split("-")[0]
        groups[(family, (batches or {}).get(pid, 1))].append(pid)
    out: dict[str, str] = {}
    for pids in groups.values():
        ordered = sorted(set(pids), key=_rank)
        n = len(ordered)
        n_train = max(1, round(n * SPLITS[0][1])) if n >= 3 else n
        n_dev = max(1, round(n * SPLITS[1][1])) if n >= 3 else 0
        for i, pid in enumerate(ordered):
            out[pid] = "train" if i < n_train else "dev" if i < n_train + n_dev else "test"
    return out


def write_splits(corpus: Path) -> Path:
    """Write ``splits.tsv``: pages already in it keep their batch; new pages form a new batch."""
    records = load_gold(corpus / "gold")
    batches = read_batches(corpus) if (corpus / "splits.tsv").is_file() else {}
    new_batch = max(batches.values(), default=0) + 1
    batches = {page_id(r): batches.get(page_id(r), new_batch) for r in records}
    splits = assign_splits(records, batches)
    family = {page_id(r): r.get("family", "") for r in records}
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(["page_id", "family", "split", "batch"])
    for pid in sorted(splits):
        w.writerow([pid, family[pid], splits[pid], batches[pid]])
    out = corpus / "splits.tsv"
    out.write_text(buf.getvalue(), encoding="utf-8")
    return out


def read_splits(corpus: Path) -> dict[str, str]:
    with (corpus / "splits.tsv").open(encoding="utf-8", newline="") as fh:
        return {r["page_id"]: r["split"] for r in csv.DictReader(fh, delimiter="\t")}


def read_batches(corpus: Path) -> dict[str, int]:
    """page_id -> the batch it was added in (1 for the pages of a file without the column)."""
    with (corpus / "splits.tsv").open(encoding="utf-8", newline="") as fh:
        return {r["page_id"]: int(r.get("batch") or 1) for r in csv.DictReader(fh, delimiter="\t")}


def in_split(records: list[dict[str, Any]], splits: dict[str, str], split: str) -> list[Any]:
    unknown = [page_id(r) for r in records if page_id(r) not in splits]
    if unknown:
        raise ValueError(f"pages missing from splits.tsv: {', '.join(unknown[:5])}")
    return [r for r in records if splits[page_id(r)] == split]


def second_pass_pages(page_ids: Iterable[str], share: float = 0.2) -> list[str]:
    """A fifth of each family's pages (by hash, not by choice), to be coded a second time. The
    choice within a family depends only on that family's pages."""
    by_family: dict[str, list[str]] = defaultdict(list)
    for pid in set(page_ids):
        by_family[pid.rsplit("-", 2)[0]].append(pid)  # <family>-<nn>-<hash>
    chosen: list[str] = []
    for pids in by_family.values():
        ordered = sorted(pids, key=lambda p: _rank("second-pass:" + p))
        chosen += ordered[: max(1, round(len(ordered) * share))]
    return sorted(chosen)


@dataclass(frozen=True)
class Agreement:
    n_pages: int
    n_first: int
    n_second: int
    n_agreed: int
    n_same_direction: int
    n_directed_agreed: int

    @property
    def f1(self) -> float:
        total = self.n_first + self.n_second
        return 2 * self.n_agreed / total if total else 1.0

    def render(self) -> str:
        direction = (
            f"{self.n_same_direction}/{self.n_directed_agreed}"
            f" = {self.n_same_direction / self.n_directed_agreed:.3f}"
            if self.n_directed_agreed
            else "n/a"
        )
        return (
            f"pages coded twice        {self.n_pages}\n"
            f"required events, pass 1  {self.n_first}\n"
            f"required events, pass 2  {self.n_second}\n"
            f"agreed (pair, type)      {self.n_agreed}\n"
            f"agreement F1             {self.f1:.3f}\n"
            f"same direction           {direction}"
        )


def _pair(e: dict[str, Any]) -> tuple[str, str]:
    a, b = e["actor1"], e["actor2"]
    return (a, b) if a <= b else (b, a)


def agreement(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> Agreement:
    """Agreement between two codings of the same pages over their required events: an event of
    one pass agrees with an unused event of the other on the same page and unordered pair whose
    accepted types overlap."""
    by_page = {page_id(r): r for r in first}
    n_first = n_second = n_agreed = n_dir = n_same = n_pages = 0
    for r2 in second:
        r1 = by_page.get(page_id(r2))
        if r1 is None:
            continue
        n_pages += 1
        ev1 = [e for e in r1.get("events", []) if e.get("required", True)]
        ev2 = [e for e in r2.get("events", []) if e.get("required", True)]
        n_first += len(ev1)
        n_second += len(ev2)
        used: set[int] = set()
        for e2 in ev2:
            for i, e1 in enumerate(ev1):
                if i in used or _pair(e1) != _pair(e2) or not set(e1["types"]) & set(e2["types"]):
                    continue
                used.add(i)
                n_agreed += 1
                if e1.get("directed") and e2.get("directed"):
                    n_dir += 1
                    n_same += e1["actor1"] == e2["actor1"]
                break
    return Agreement(n_pages, n_first, n_second, n_agreed, n_same, n_dir)


PLOVER_TYPES = frozenset(plover_types())
ACTOR_PREFIXES = ("IGO:", "NSA:", "ORG:")


def _manifest(root: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f in sorted((root / "manifest").glob("*.tsv")):
        with f.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                out[r["page_id"]] = r
    return out


def validate(root: Path, states: frozenset[str]) -> list[str]:
    """Every problem with the corpus under ``root``: pages without gold, manifest or split,
    evidence not found in its page, unknown actor codes or types. ``states`` are the valid
    alpha-3 codes."""
    problems: list[str] = []
    gold = load_gold(root / "gold")
    manifest = _manifest(root)
    pages = {p.stem: p for p in (root / "pages").rglob("*.txt")}
    splits = read_splits(root) if (root / "splits.tsv").exists() else {}
    seen: set[str] = set()
    for r in gold:
        pid = page_id(r)
        if pid in seen:
            problems.append(f"{pid}: coded twice")
        seen.add(pid)
        if pid not in pages:
            problems.append(f"{pid}: no page file")
            continue
        text = pages[pid].read_text(encoding="utf-8")
        if pid not in manifest:
            problems.append(f"{pid}: no manifest row")
        if splits and pid not in splits:
            problems.append(f"{pid}: not in splits.tsv")
        for pair in r.get("must_not", []):
            if not (isinstance(pair, list) and len(pair) == 2):
                problems.append(f"{pid}: must_not entry {pair!r} is not a pair")
        for n, e in enumerate(r.get("events", [])):
            where = f"{pid} event {n}"
            if e.get("evidence") and e["evidence"] not in text:
                problems.append(f"{where}: evidence not in the page")
            for code in (e["actor1"], e["actor2"]):
                if code not in states and not code.startswith(ACTOR_PREFIXES):
                    problems.append(f"{where}: unknown actor code {code!r}")
            bad = [t for t in e["types"] if t not in PLOVER_TYPES]
            if bad or not e["types"]:
                problems.append(f"{where}: types {e['types']}")
    problems += [f"{pid}: page without gold" for pid in sorted(set(pages) - seen)]
    return problems


# (actor pair, PLOVER type): how `dyad evaluate` and `dyad train` count a gold event.
GoldKey = tuple[tuple[str, str], str]


def gold_keys(record: dict[str, Any]) -> tuple[set[GoldKey], list[list[GoldKey]]]:
    """Every accepted key of a gold page, and each required event as the keys that find it."""
    accepted: set[GoldKey] = set()
    required: list[list[GoldKey]] = []
    for e in record.get("events", []):
        if e["actor1"] == e["actor2"]:
            continue
        keys = [(ordered(e["actor1"], e["actor2"]), t) for t in e["types"]]
        accepted.update(keys)
        if e.get("required", True):
            required.append(keys)
    return accepted, required


def _norm(text: str) -> str:
    return " ".join(fold_label(text).split())


def evidence_sentences(evidence: str, sentences: Sequence[tuple[int, str]]) -> set[int]:
    """The sentences an annotator's evidence quote comes from (by its first words, or a
    sentence's first words inside a quote that runs over several)."""
    ev = _norm(evidence)
    if len(ev) < 10:
        return set()
    head = ev[:40]
    found = {i for i, s in sentences if head in _norm(s)}
    if not found:
        found = {i for i, s in sentences if len(_norm(s)) >= 30 and _norm(s)[:40] in ev}
    return found
