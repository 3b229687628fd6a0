"""Assets of the raw layer: the input folder's files as received."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import dagster as dg
import polars as pl

from etl.defs.metadata import frame_result, json, key
from etl.defs.resources import DyadResource
from etl.stages.ingest import ingest_folder


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            key("raw.documents"),
            description="One row per distinct input file content: bytes hash, encoding, "
            "accepted or rejected with the reason, and the decoded text.",
            group_name="raw",
        ),
        dg.AssetSpec(
            key("raw.document_files"),
            description="Every .txt file in the input folder and the document it holds; "
            "identical files are flagged as duplicates.",
            group_name="raw",
        ),
    ],
)
def raw_documents(dyad: DyadResource) -> Iterator[dg.MaterializeResult]:
    """Read every ``.txt`` page in the input folder into ``raw.documents``, rejecting bad files
    (empty, binary, too large) with a reason instead of failing the run. Files are identified by
    content: unchanged files keep their rows, deleted files lose them."""
    with dyad.connect() as conn:
        got = ingest_folder(
            conn,
            dyad.seeds,
            max_bytes=dyad.max_bytes,
            full_refresh=dyad.full_refresh,
            now=dt.datetime.now(),
            allow_empty=dyad.allow_empty,
        )
    rejected = got.documents.filter(pl.col("status_code") == "rejected")
    duplicates = got.files.filter(pl.col("is_duplicate"))
    yield frame_result(
        "raw.documents",
        got.documents,
        ["document_id", "file_name", "n_bytes", "encoding_name", "status_code", "reject_reason"],
        n_new=got.n_new,
        n_removed=got.n_removed,
        n_rejected=rejected.height,
        rejected=json(dict(rejected.select("file_name", "reject_reason").iter_rows())),
        input_folder=str(dyad.seeds),
    )
    yield frame_result(
        "raw.document_files",
        got.files,
        ["file_name", "document_id", "is_duplicate"],
        n_duplicates=duplicates.height,
        duplicates=json(dict(duplicates.select("file_name", "document_id").iter_rows())),
    )
