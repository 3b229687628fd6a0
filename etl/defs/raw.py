"""Assets of the raw layer: the input folder's files as received."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import dagster as dg

from etl import warehouse
from etl.defs.checks import StepResult, check_results, check_specs
from etl.defs.metadata import FRAME_KINDS, json, row_counts, table_result
from etl.defs.metadata import table_spec as spec
from etl.defs.resources import DyadResource
from etl.stages.ingest import ingest_folder

TABLES = ("raw.documents", "raw.document_files", "raw.metadata_files")


@dg.multi_asset(
    specs=[
        spec(
            "raw.documents",
            description="One row per distinct input file content: bytes hash, encoding, "
            "accepted or rejected with the reason, and the decoded text.",
            kinds=FRAME_KINDS,
        ),
        spec(
            "raw.document_files",
            description="Every .txt entry in the input folder (and link to a folder) and the "
            "document it holds (identical files are flagged as duplicates), and the page's "
            "URL, outlet and date from its sidecar or manifest.",
            kinds=FRAME_KINDS,
        ),
        spec(
            "raw.metadata_files",
            description="Every sidecar (NAME.json) and manifest (manifest.csv/.tsv) in the "
            "input folder: used, partly used or refused, with the reason.",
            kinds=FRAME_KINDS,
        ),
    ],
    check_specs=check_specs(TABLES),
)
def raw_documents(dyad: DyadResource) -> Iterator[StepResult]:
    """Read every ``.txt`` page in the input folder into ``raw.documents``, rejecting bad entries
    (empty, binary, too large, unreadable, not a regular file, link loops, links out of the
    folder) with a reason instead of failing the run. Files are identified by content: unchanged
    files keep their rows, deleted files lose them. Sidecars and manifests are read every run
    into the file list; a broken one is listed with its reason and its pages read without it."""
    with dyad.connect() as conn:
        before = row_counts(conn, TABLES)
        got = ingest_folder(
            conn,
            dyad.seeds,
            max_bytes=dyad.max_bytes,
            full_refresh=dyad.full_refresh,
            now=dt.datetime.now(),
            allow_empty=dyad.allow_empty,
            # Size, mtime and hash of each file at the last run: unchanged files are not read.
            state_path=dyad.build_path.with_suffix(".files.arrow"),
        )
        results: list[StepResult] = [
            table_result(
                conn,
                "raw.documents",
                [
                    "document_id",
                    "file_name",
                    "n_bytes",
                    "encoding_name",
                    "n_bad_bytes",
                    "status_code",
                    "reject_reason",
                ],
                before=before,
                inserted=got.n_new,
                n_new=got.n_new,
                n_removed=got.n_removed,
                n_rejected=len(got.rejected),
                rejected=json(got.rejected),
                bad_bytes_replaced=json(got.damaged),
                input_folder=str(dyad.seeds),
            ),
            # Only the file-list rows that changed are rewritten (seen_at is set on every row).
            table_result(
                conn,
                "raw.document_files",
                ["file_name", "document_id", "is_duplicate"],
                before=before,
                inserted=got.n_file_rows_written,
                n_duplicates=len(got.duplicates),
                duplicates=json(got.duplicates),
            ),
            table_result(
                conn,
                "raw.metadata_files",
                ["file_name", "status_code", "n_records", "reject_reason"],
                before=before,
                inserted=warehouse.count_rows(conn, "raw.metadata_files"),
                n_refused=len(got.metadata_refused),
                refused=json(got.metadata_refused),
            ),
            *check_results(conn, TABLES),
        ]
    yield from results
