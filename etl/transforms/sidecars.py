"""Page metadata the scraper knew: a JSON sidecar beside a page, or a manifest in its folder.

Pure: the stage reads the files and hands their text here; records come back. What extraction
guesses from a page's text (its outlet from a copyright line, its date from a byline) loses to
what the scraper recorded when it fetched the page.

* ``NAME.json`` beside ``NAME.txt``: one JSON object with the keys of :data:`KEYS`.
* ``manifest.csv`` (or ``manifest.tsv``, tab-separated) in any folder of the input tree: a header
  row with a ``file`` column (the page's path relative to that folder) and any of the same keys.

Values are strings (or JSON null; an empty string or cell is unknown); ``published_date`` is
``YYYY-MM-DD``. A file or row that breaks these rules (bad JSON, an unknown key or column, a bad
date) is refused whole, with its reason, and the page is read from its text as if it had none:
half of a broken record is not trusted. A page's sidecar wins over any manifest row for it, and a
manifest nearer the page over one higher up; a record is used whole, never merged field by field.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from etl.transforms.types import ArticleRecord

# Sidecar key or manifest column -> the column it fills.
KEYS = {
    "url": "page_url",
    "outlet": "outlet_name",
    "published_date": "published_date",
    "title": "title",
    "author": "author_name",
}
MANIFEST_DELIMITERS = {"manifest.csv": ",", "manifest.tsv": "\t"}
SIDECAR_SUFFIX = ".json"
PAGE_SUFFIX = ".txt"
SIDECAR, MANIFEST, PAGE = "sidecar", "manifest", "page"
# Refused rows a manifest's reason lists before it only counts the rest.
MAX_LISTED = 5

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")


class BadMetadata(ValueError):
    """A record that breaks the format; its message is the reason recorded."""


@dataclass(frozen=True)
class PageMetadata:
    """What the scraper knew of one page; None where it did not say."""

    page_url: str | None = None
    outlet_name: str | None = None
    published_date: dt.date | None = None
    title: str | None = None
    author_name: str | None = None


@dataclass(frozen=True)
class MetadataRecord:
    """One page's record in a sidecar or manifest: its values, or why it was refused."""

    page_name: str  # the page it describes, relative to the input folder ("/"-separated)
    file_name: str  # the sidecar or manifest it is read from
    method: str  # "sidecar" or "manifest"
    metadata: PageMetadata | None  # None when refused
    reject_reason: str | None = None
    line: int = 0  # its line in a manifest


@dataclass(frozen=True)
class MetadataFile:
    """A sidecar or manifest as parsed: its records, why it is refused whole (``fatal``), and
    which of its rows are refused (``problems``, each "line N: why")."""

    file_name: str
    records: tuple[MetadataRecord, ...]
    fatal: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def status_code(self) -> str:
        if self.fatal is not None:
            return "rejected"
        return "partial" if self.problems else "ok"

    @property
    def reject_reason(self) -> str | None:
        if self.fatal is not None or not self.problems:
            return self.fatal
        listed = "; ".join(self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        return "bad_rows: " + listed + (f"; and {more} more" if more > 0 else "")

    @property
    def n_records(self) -> int:
        return sum(r.metadata is not None for r in self.records)


@dataclass(frozen=True)
class PageChoice:
    """The record a page's metadata comes from (None: the text alone), and why any other record
    for it was refused."""

    record: MetadataRecord | None
    reject_reason: str | None


def is_metadata_name(name: str) -> bool:
    """Whether a file name (its last part) is a sidecar or a manifest."""
    low = name.lower()
    return low in MANIFEST_DELIMITERS or low.endswith(SIDECAR_SUFFIX)


def _text(value: object, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadMetadata(f"{key} must be a string, not {type(value).__name__}")
    value = " ".join(value.split())
    return value or None


def metadata_values(values: Mapping[str, object]) -> PageMetadata:
    """A record's values checked: known keys only, strings, an ISO date, a URL with a scheme."""
    unknown = sorted(k for k in values if k not in KEYS)
    if unknown:
        raise BadMetadata(f"unknown key {unknown[0]!r} (known: {', '.join(KEYS)})")
    fields: dict[str, object] = {KEYS[k]: _text(v, k) for k, v in values.items()}
    date = fields.get("published_date")
    if date is not None:
        try:
            if not _DATE.fullmatch(str(date)):
                raise ValueError
            fields["published_date"] = dt.date.fromisoformat(str(date))
        except ValueError:
            raise BadMetadata(f"published_date {date!r} is not a date YYYY-MM-DD") from None
    url = fields.get("page_url")
    if url is not None and not _URL.fullmatch(str(url)):
        raise BadMetadata(f"url {url!r} is not an address with a scheme (https://...)")
    return PageMetadata(**fields)  # type: ignore[arg-type]


def is_sidecar(file_name: str) -> bool:
    return file_name.lower().endswith(SIDECAR_SUFFIX)


def sidecar_page(file_name: str) -> str:
    """The page a sidecar describes: ``a/b.json`` -> ``a/b.txt``."""
    return file_name[: -len(SIDECAR_SUFFIX)] + PAGE_SUFFIX


def refused(file_name: str, reason: str) -> MetadataFile:
    """A file refused whole; a sidecar's page still learns why."""
    records: tuple[MetadataRecord, ...] = ()
    if is_sidecar(file_name):
        records = (MetadataRecord(sidecar_page(file_name), file_name, SIDECAR, None, reason),)
    return MetadataFile(file_name, records, reason)


def parse_sidecar(text: str, *, file_name: str) -> MetadataFile:
    """``NAME.json``: the record of ``NAME.txt`` (whether that page exists is :func:`choose`'s)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        return refused(file_name, f"bad_json: {exc}")
    if not isinstance(data, dict):
        return refused(file_name, f"bad_json: a JSON object is expected, not {type(data).__name__}")
    try:
        values = metadata_values(data)
    except BadMetadata as exc:
        return refused(file_name, f"bad_sidecar: {exc}")
    record = MetadataRecord(sidecar_page(file_name), file_name, SIDECAR, values)
    return MetadataFile(file_name, (record,))


def parse(text: str, *, file_name: str) -> MetadataFile:
    """A sidecar or a manifest, by its name."""
    if is_sidecar(file_name):
        return parse_sidecar(text, file_name=file_name)
    return parse_manifest(text, file_name=file_name)


def parse_manifest(text: str, *, file_name: str) -> MetadataFile:
    """A manifest's rows, each for the page its ``file`` names relative to the manifest's folder.

    An unknown or missing column refuses the whole file; a bad row is refused alone, its reason
    naming its line."""
    folder = posixpath.dirname(file_name)
    delimiter = MANIFEST_DELIMITERS[posixpath.basename(file_name).lower()]
    first = text.partition("\n")[0]
    if delimiter == "," and ";" in first and "," not in first:
        delimiter = ";"  # a spreadsheet saved in a French locale separates with semicolons
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "file" not in header:
            return refused(file_name, "bad_manifest: no 'file' column in the header row")
        unknown = sorted({h for h in header if h != "file" and h not in KEYS})
        if unknown:
            known = ", ".join(["file", *KEYS])
            return refused(file_name, f"bad_manifest: unknown column {unknown[0]!r} ({known})")
        if len(set(header)) < len(header):
            return refused(file_name, "bad_manifest: a column appears twice in the header row")
        records: list[MetadataRecord] = []
        problems: list[str] = []
        seen: dict[str, int] = {}
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            line = reader.line_num
            page: str | None = None
            try:
                if len(row) != len(header):
                    raise BadMetadata(f"{len(row)} cells for {len(header)} columns")
                cells = dict(zip(header, row, strict=True))
                name = _page_path(folder, cells.pop("file"))
                if name in seen:
                    raise BadMetadata(f"{name!r} is listed again (line {seen[name]} is used)")
                seen[name] = line
                page = name
                values = metadata_values(cells)
                records.append(MetadataRecord(page, file_name, MANIFEST, values, None, line))
            except BadMetadata as exc:
                problems.append(f"line {line}: {exc}")
                if page is not None:  # the page is known: it says why its row was not used
                    reason = f"bad_row: {file_name} line {line}: {exc}"
                    records.append(MetadataRecord(page, file_name, MANIFEST, None, reason, line))
    except csv.Error as exc:
        return refused(file_name, f"bad_manifest: line {reader.line_num}: {exc}")
    return MetadataFile(file_name, tuple(records), None, tuple(problems))


def _page_path(folder: str, cell: str) -> str:
    """The page a ``file`` cell names, relative to the input folder; never outside the
    manifest's folder."""
    name = cell.strip().replace("\\", "/")
    if not name:
        raise BadMetadata("the file cell is empty")
    if name.startswith("/") or ".." in name.split("/"):
        raise BadMetadata(f"file {name!r} must be a path inside the manifest's folder")
    if not name.lower().endswith(PAGE_SUFFIX):
        raise BadMetadata(f"file {name!r} is not a {PAGE_SUFFIX} page")
    return posixpath.normpath(posixpath.join(folder, name))


def _page_key(name: str) -> str:
    """Pages match whatever the case of their suffix: ``a/B.TXT`` is ``a/B.txt``'s page."""
    return name[: -len(PAGE_SUFFIX)] + PAGE_SUFFIX if name.lower().endswith(PAGE_SUFFIX) else name


def _rank(r: MetadataRecord) -> tuple[int, int, str]:
    # The sidecar, then the manifest nearest the page, then by name (a stable choice).
    return (r.method != SIDECAR, -r.file_name.count("/"), r.file_name)


def _says(metadata: PageMetadata) -> bool:
    return any(v is not None for v in dataclasses.astuple(metadata))


def choose(
    files: Iterable[MetadataFile], pages: Collection[str]
) -> tuple[dict[str, PageChoice], list[MetadataFile]]:
    """Each page's record (keyed by the page's name as given in ``pages``), and the files with
    their records for pages that do not exist refused (a sidecar without its page is refused
    whole; a manifest row naming no page, alone)."""
    names = {_page_key(p): p for p in pages}
    by_page: dict[str, list[MetadataRecord]] = defaultdict(list)
    checked: list[MetadataFile] = []
    for f in files:
        missing = [r for r in f.records if _page_key(r.page_name) not in names]
        if missing and f.fatal is None:
            if is_sidecar(f.file_name):
                f = MetadataFile(f.file_name, (), f"no_page: {missing[0].page_name} does not exist")
            else:
                gone = tuple(
                    f"line {r.line}: no page {r.page_name!r}" for r in missing if r.metadata
                )
                f = dataclasses.replace(f, problems=f.problems + gone)
        checked.append(f)
        for r in f.records:
            page = names.get(_page_key(r.page_name))
            if page is not None:
                by_page[page].append(r)
    choices: dict[str, PageChoice] = {}
    for page, found in by_page.items():
        # A record that says nothing ("{}", a row of empty cells) leaves the page to the others.
        usable = sorted((r for r in found if r.metadata and _says(r.metadata)), key=_rank)
        reasons = [r.reject_reason for r in sorted(found, key=_rank) if r.reject_reason]
        choices[page] = PageChoice(usable[0] if usable else None, "; ".join(reasons) or None)
    return choices, checked


# core.articles columns the scraper's record may fill, each with a "<column>_method" beside it.
FILLED = ("page_url", "title", "outlet_name", "author_name", "published_date")


def apply_metadata(
    rec: ArticleRecord, metadata: PageMetadata | None, method: str | None
) -> tuple[ArticleRecord, dict[str, object]]:
    """The article with the scraper's values in place of the extracted ones, and the columns
    saying where each came from (``method``, ``page`` when read from the text, None when
    unknown) plus ``page_url``, which only a record gives.

    A scraper's date is a day; the page's date text no longer applies to it."""
    given = dataclasses.asdict(metadata) if metadata is not None else {}
    changes: dict[str, object] = {}
    columns: dict[str, object] = {"page_url": given.get("page_url")}
    for column in FILLED:
        value = given.get(column)
        if value is not None:
            columns[f"{column}_method"] = method
            if column != "page_url":
                changes[column] = value
        elif column != "page_url" and getattr(rec, column) is not None:
            columns[f"{column}_method"] = PAGE
        else:
            columns[f"{column}_method"] = None
    if "published_date" in changes:
        changes["published_date_precision"] = "day"
        changes["published_date_text"] = None
    return dataclasses.replace(rec, **changes), columns  # type: ignore[arg-type]
