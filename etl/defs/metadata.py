"""What the assets report to the UI: row counts and a preview of the rows."""

from __future__ import annotations

from typing import Any

import dagster as dg
import polars as pl

from etl.stages.runner import Tally


def key(table: str) -> dg.AssetKey:
    """Asset key of a warehouse object: ``core.events`` -> ``["core", "events"]``."""
    return dg.AssetKey(table.split("."))


def preview(df: pl.DataFrame, columns: list[str]) -> dg.MetadataValue:
    shown = df.select([c for c in columns if c in df.columns]).head(5)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
    for row in shown.iter_rows():
        cells = [str(v).replace("|", "/").replace("\n", " ")[:80] for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return dg.MetadataValue.md("\n".join(lines))


def frame_result(
    table: str, df: pl.DataFrame, columns: list[str], **extra: Any
) -> dg.MaterializeResult:
    """Metadata of an asset that holds its whole table in ``df``."""
    metadata: dict[str, Any] = {"dagster/row_count": df.height, "preview": preview(df, columns)}
    metadata.update(extra)
    return dg.MaterializeResult(asset_key=key(table), metadata=metadata)


def tally_result(
    table: str, tally: Tally, columns: list[str], **extra: Any
) -> dg.MaterializeResult:
    """Metadata of a streaming stage's table: what this run wrote, and its first rows."""
    head = tally.heads.get(table)
    metadata: dict[str, Any] = {
        "dagster/row_count": tally.rows[table],
        "preview": preview(head if head is not None else pl.DataFrame(), columns),
    }
    metadata.update(extra)
    return dg.MaterializeResult(asset_key=key(table), metadata=metadata)


def json(value: Any) -> dg.MetadataValue:
    return dg.MetadataValue.json(value)
