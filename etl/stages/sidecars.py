"""Reading the input folder's sidecars and manifests (their format: :mod:`etl.transforms.sidecars`).

They are read whole on every run (they are small, and a run must see a changed sidecar even when
its page did not change); what they give each page goes into that page's ``raw.document_files``
row, and each file gets a ``raw.metadata_files`` row saying whether it was used and why not.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from etl.stages.raw_files import Entry, FileBlob, read_entry
from etl.transforms import sidecars
from etl.transforms.sidecars import MetadataFile, PageChoice

# The raw.document_files columns a page's record fills.
PAGE_COLUMNS = (
    "page_url",
    "outlet_name",
    "published_date",
    "title",
    "author_name",
    "metadata_file_name",
    "metadata_method",
    "metadata_reject_reason",
)
NO_METADATA: dict[str, object] = dict.fromkeys(PAGE_COLUMNS)


@dataclass(frozen=True)
class FolderMetadata:
    """Each page's metadata columns, and the ``raw.metadata_files`` rows."""

    pages: dict[str, dict[str, object]] = field(default_factory=dict)
    files: list[dict[str, object]] = field(default_factory=list)

    def columns(self, page: str) -> dict[str, object]:
        return self.pages.get(page, NO_METADATA)

    @property
    def refused(self) -> dict[str, str]:
        """File name -> why it (or some of its rows) was not used."""
        return {
            str(f["file_name"]): str(f["reject_reason"]) for f in self.files if f["reject_reason"]
        }


def decode(data: bytes) -> str | None:
    """UTF-8 (with or without a BOM) or UTF-16 with its BOM, as spreadsheets save; else None."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def parse_blob(blob: FileBlob, max_bytes: int) -> MetadataFile:
    """One sidecar or manifest as read; a file that cannot be read or decoded is refused whole."""
    name = blob.file_name
    if blob.reject_reason is not None:
        return sidecars.refused(name, blob.reject_reason)
    if blob.data is None:
        return sidecars.refused(name, f"too_large: over the {max_bytes}-byte limit")
    text = decode(blob.data)
    if text is None:
        return sidecars.refused(name, "not_utf8: sidecars and manifests are read as UTF-8 text")
    try:
        return sidecars.parse(text, file_name=name)
    # One bad file (JSON nested 100,000 deep: RecursionError) must not stop the run.
    except Exception as exc:  # noqa: BLE001
        return sidecars.refused(name, f"unparsable: {type(exc).__name__}")


def _page_columns(choice: PageChoice) -> dict[str, object]:
    out = dict(NO_METADATA, metadata_reject_reason=choice.reject_reason)
    r = choice.record
    if r is not None and r.metadata is not None:
        out.update({c: getattr(r.metadata, c) for c in PAGE_COLUMNS[:5]})
        out.update(metadata_file_name=r.file_name, metadata_method=r.method)
    return out


def read_metadata(
    entries: Sequence[Entry], pages: Collection[str], *, max_bytes: int, now: dt.datetime
) -> FolderMetadata:
    """The metadata of every page in ``pages`` from the sidecars and manifests in ``entries``."""
    if not entries:
        return FolderMetadata()
    blobs = [read_entry(e, max_bytes) for e in entries]
    choices, files = sidecars.choose((parse_blob(b, max_bytes) for b in blobs), pages)
    rows: list[dict[str, object]] = [
        {
            "file_name": f.file_name,
            "format_code": f.file_name.rsplit(".", 1)[-1].lower(),
            "sha256": b.sha256,
            "n_bytes": b.n_bytes,
            "status_code": f.status_code,
            "reject_reason": f.reject_reason,
            "n_records": f.n_records,
            "n_rejected_records": len(f.problems) if f.fatal is None else 0,
            "seen_at": now,
        }
        for b, f in zip(blobs, files, strict=True)
    ]
    return FolderMetadata({p: _page_columns(c) for p, c in choices.items()}, rows)
