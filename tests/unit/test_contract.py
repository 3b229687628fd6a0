"""The warehouse contract comes from the DDL, and the record types cover it."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from etl import contract, warehouse
from etl.stages import articles, entities, events
from etl.warehouse import records

RECORDS = {**articles.RECORDS, **entities.RECORDS, **events.RECORDS}
# Tables whose rows the stages assemble from plain values (offsets, ids, the ledger).
BUILT_FROM_VALUES = {
    "raw.documents",
    "raw.document_files",
    "raw.metadata_files",
    "core.article_segments",
    "core.sentences",
    "core.entity_aliases",
    "core.event_clusters",
    "core.stage_inputs",
}


def test_every_table_has_a_source_of_rows() -> None:
    assert set(RECORDS) | BUILT_FROM_VALUES == set(contract.table_names())
    assert not set(RECORDS) & BUILT_FROM_VALUES


@pytest.mark.parametrize("table", sorted(RECORDS))
def test_record_types_cover_their_table(table: str) -> None:
    cls, supplied = RECORDS[table]
    assert records.uncovered(table, cls, supplied) == []


def test_a_column_without_a_source_fails_loudly() -> None:
    cls, supplied = RECORDS["core.mentions"]
    assert records.uncovered("core.mentions", cls, supplied[1:]) == ["mention_id"]
    with pytest.raises(KeyError, match="core.event_actors.event_id"):
        records.row("core.event_actors", object())


@pytest.mark.parametrize("table", contract.table_names())
def test_polars_schema_matches_duckdb(table: str) -> None:
    """An empty frame of the contract's schema inserts and reads back with the same types."""
    conn = duckdb.connect()
    warehouse.ensure_schema(conn)
    t = contract.table(table)
    empty = t.frame([])
    assert empty.columns == list(t.column_names)
    read = conn.execute(f"select * from {table} limit 0").pl()  # noqa: S608 - contract names
    assert read.schema == pl.Schema(t.polars_schema)


def test_order_puts_parents_first() -> None:
    order = list(contract.table_names())
    for t in contract.tables().values():
        for r in t.references:
            assert order.index(r.parent) < order.index(t.name), (t.name, r.parent)


def test_keys_and_references_come_from_the_ddl() -> None:
    assert contract.table("core.event_actors").key == ("event_id", "entity_id", "actor_role")
    refs = {(r.column, r.parent) for r in contract.table("core.mentions").references}
    assert refs == {("article_id", "core.articles"), ("entity_id", "core.entities")}
    assert contract.table("core.events").column_names[0] == "event_id"
    with pytest.raises(ValueError, match="unknown table"):
        contract.table("core.nope")


def test_views_follow_the_views_they_read() -> None:
    views = list(contract.views())
    assert views.index("mart.event_dyads") < views.index("mart.actor_pair_counts")
    assert views.index("mart.event_dyads") < views.index("mart.chronology")
    # One rule codes each side; the views and the flat export read it instead of repeating it.
    for view in ("mart.event_dyads", "mart.events"):
        assert views.index("mart.event_actors") < views.index(view)
    assert views.index("mart.actor_codes") < views.index("mart.actor_dyad_counts")


def test_record_round_trip() -> None:
    from etl.transforms.types import Entity

    e = Entity(
        entity_id="organization:x",
        entity_type="organization",
        org_kind="igo",
        canonical_name="X",
        country_code=None,
        sector_code="IGO",
        role_name=None,
        member_codes=("MLI", "NER"),
    )
    row = entities.entity_row(e)
    assert row["member_codes"] == ["MLI", "NER"]
    assert (row["actor_code"], row["actor_kind"]) == ("IGO:x", "igo")
    frame = records.frame("core.entities", [row])
    assert records.records(Entity, frame) == [e]


def test_every_column_is_described_in_the_ddl() -> None:
    tables = contract.tables().values()
    missing = [f"{t.name}.{c.name}" for t in tables for c in t.columns if not c.description]
    assert missing == []
    article_id = {c.name: c for c in contract.table("core.events").columns}["article_id"]
    assert article_id.description.startswith("the reporting article")
    # A reference is declared in the same comment as the description.
    assert ("article_id", "core.articles") in {
        (r.column, r.parent) for r in contract.table("core.events").references
    }


def test_view_columns_have_descriptions_and_sources() -> None:
    columns = contract.all_view_columns()
    assert set(columns) == set(contract.views())
    known = {t: set(contract.table(t).column_names) for t in contract.table_names()}
    known.update({v: {c.name for c in cols} for v, cols in columns.items()})
    for view, cols in columns.items():
        for c in cols:
            assert c.description, f"{view}.{c.name}"
            assert all(col in known[src] for src, col in c.sources), f"{view}.{c.name}"
    chronology = {c.name: c for c in columns["mart.chronology"]}
    # A copied column keeps its table's description; a computed one says what it is.
    assert chronology["title"].description == "headline as printed on the page"
    assert chronology["title"].sources == (("core.articles", "title"),)
    assert (
        "real events"
        in {c.name: c for c in columns["mart.actor_pair_counts"]}["n_events"].description
    )
    dyads = {c.name: c for c in columns["mart.event_dyads"]}
    assert dyads["source_actor_code"].sources == (("mart.event_actors", "actor_code"),)
