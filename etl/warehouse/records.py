"""One mapping between the transforms' records, table rows and polars frames.

A record type covers a table when each of the table's columns is a field of the record or a
value the stage supplies (an id, the article it belongs to); :func:`row` takes exactly the
table's columns, in the table's order, so a column added to the DDL without a source fails
loudly instead of arriving as NULL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import polars as pl

from etl import contract

R = TypeVar("R")


def row(table: str, record: object, **supplied: Any) -> dict[str, Any]:
    """The row of ``table`` for ``record``: each column from ``supplied`` or the record's field
    of that name (tuples become lists, for list columns)."""
    out: dict[str, Any] = {}
    for column in contract.table(table).column_names:
        if column in supplied:
            value = supplied[column]
        elif hasattr(record, column):
            value = getattr(record, column)
        else:
            raise KeyError(f"{type(record).__name__} gives no {table}.{column}")
        out[column] = list(value) or None if isinstance(value, tuple) else value
    return out


def frame(table: str, rows: Iterable[Mapping[str, Any]]) -> pl.DataFrame:
    """Rows as a frame with exactly the table's columns and types (also when there are none)."""
    return contract.table(table).frame([dict(r) for r in rows])


def record(cls: type[R], values: Mapping[str, Any]) -> R:
    """A frozen record from a row, taking the fields the record declares (list columns become
    tuples, as the records hold them)."""
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = values[f.name]
        if isinstance(value, list):
            value = tuple(value)
        elif value is None and isinstance(f.default, tuple):
            value = f.default
        kwargs[f.name] = value
    return cls(**kwargs)


def records(cls: type[R], df: pl.DataFrame) -> list[R]:
    return [record(cls, r) for r in df.iter_rows(named=True)] if df.height else []


def uncovered(table: str, cls: type, supplied: Iterable[str] = ()) -> list[str]:
    """Columns of ``table`` that neither ``cls`` nor the stage supplies (a test keeps it empty)."""
    fields = {f.name for f in dataclasses.fields(cls)}
    given = set(supplied)
    return [c for c in contract.table(table).column_names if c not in fields | given]
