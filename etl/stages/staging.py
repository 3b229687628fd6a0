"""Rows computed ahead of a stage by the scale-out path, kept as Parquet beside the build file.

A scale-out partition (of the ``dyad_scale_out`` job, :mod:`etl.defs.entities`) runs the entity
stage's NLP for one slice of the articles in a process of its own and writes the rows here; several
partitions can run at once (they only read the build file). The entities asset then takes the
staged rows of every article whose input hash still matches instead of parsing it, inside its
usual single transaction, and removes the files once that has committed. A staged file that no
longer matches is ignored, so staging can never put stale rows in the warehouse.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import polars as pl

# One slice per leading hex digit of the article id: stable (ids are content hashes), even, and
# the same slices on every machine.
BATCH_KEYS: tuple[str, ...] = tuple("0123456789abcdef")


def staging_dir(build_path: Path | str) -> Path:
    build = Path(build_path)
    return build.with_name(build.stem + ".staging")


def in_batch(article_ids: Sequence[str], batch: str) -> list[str]:
    if batch not in BATCH_KEYS:
        raise ValueError(f"unknown batch {batch!r}")
    return [a for a in article_ids if a.startswith(batch)]


def write_batch(folder: Path, stage: str, batch: str, frames: dict[str, pl.DataFrame]) -> Path:
    """Write one batch's frames (``inputs`` among them) as a unit: a folder renamed into place."""
    if "inputs" not in frames:
        raise ValueError("a staged batch records the input hashes it was computed from")
    target = folder / stage / batch
    tmp = folder / stage / f".{batch}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, df in frames.items():
        df.write_parquet(tmp / f"{name}.parquet")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(tmp, target)
    return target


def _files(folder: Path, stage: str, name: str, batches: Iterable[str]) -> list[Path]:
    paths = (folder / stage / b / f"{name}.parquet" for b in sorted(batches))
    return [p for p in paths if p.exists()]


def valid_batches(folder: Path, stage: str, expected: dict[str, str]) -> dict[str, list[str]]:
    """Staged batches of ``stage`` whose every article still has the input hash it was computed
    from, with their article ids: a batch is used whole or not at all."""
    out: dict[str, list[str]] = {}
    for batch in BATCH_KEYS:
        path = folder / stage / batch / "inputs.parquet"
        if not path.exists():
            continue
        inputs = pl.read_parquet(path)
        ids = inputs["article_id"].to_list()
        if all(expected.get(a) == h for a, h in zip(ids, inputs["input_hash"], strict=True)):
            out[batch] = ids
    return out


def read_rows(
    folder: Path, stage: str, name: str, batches: Iterable[str], article_ids: Sequence[str]
) -> pl.DataFrame:
    """The staged ``name`` rows of ``article_ids`` (only those are read into memory)."""
    files = _files(folder, stage, name, batches)
    return (
        pl.scan_parquet(files).filter(pl.col("article_id").is_in(list(article_ids))).collect()
        if files
        else pl.DataFrame()
    )


def read_all(folder: Path, stage: str, name: str, batches: Iterable[str]) -> pl.DataFrame:
    files = _files(folder, stage, name, batches)
    return pl.read_parquet(files) if files else pl.DataFrame()


def clear(folder: Path, stage: str) -> None:
    shutil.rmtree(folder / stage, ignore_errors=True)
