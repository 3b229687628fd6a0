"""Polars schemas of the warehouse tables, matching the DDL in ``sql/``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

ARTICLE_SCHEMA: dict[str, Any] = {
    "article_id": pl.String,
    "document_id": pl.String,
    "title": pl.String,
    "outlet_name": pl.String,
    "author_name": pl.String,
    "section_name": pl.String,
    "published_date": pl.Date,
    "published_date_precision": pl.String,
    "published_date_text": pl.String,
    "language_code": pl.String,
    "body": pl.String,
    "body_char_start": pl.Int32,
    "body_char_end": pl.Int32,
    "n_words": pl.Int32,
    "n_dropped_lines": pl.Int32,
    "is_empty": pl.Boolean,
    "extractor_version": pl.String,
}
SEGMENT_SCHEMA: dict[str, Any] = {
    "article_id": pl.String,
    "segment_index": pl.Int32,
    "body_char_start": pl.Int32,
    "body_char_end": pl.Int32,
    "raw_char_start": pl.Int32,
    "raw_char_end": pl.Int32,
}
SENTENCE_SCHEMA: dict[str, Any] = {
    "article_id": pl.String,
    "sentence_index": pl.Int32,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "sentence_text": pl.String,
}
ENTITY_SCHEMA: dict[str, Any] = {
    "entity_id": pl.String,
    "entity_type": pl.String,
    "canonical_name": pl.String,
    "country_code": pl.String,
    "sector_code": pl.String,
    "role_name": pl.String,
    "wikidata_id": pl.String,
    "org_kind": pl.String,
    "member_codes": pl.List(pl.String),
}
ALIAS_SCHEMA: dict[str, Any] = {
    "alias_text": pl.String,
    "entity_id": pl.String,
    "language_code": pl.String,
}
MENTION_SCHEMA: dict[str, Any] = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "entity_id": pl.String,
    "surface_text": pl.String,
    "char_start": pl.Int32,
    "char_end": pl.Int32,
    "sentence_index": pl.Int32,
    "mention_kind": pl.String,
    "country_code": pl.String,
    "sector_code": pl.String,
    "role_name": pl.String,
    "is_actor": pl.Boolean,
}
EVENT_SCHEMA: dict[str, Any] = {
    "event_id": pl.String,
    "article_id": pl.String,
    "event_type": pl.String,
    "event_mode": pl.String,
    "event_context": pl.String,
    "reality_code": pl.String,
    "cameo_root_code": pl.String,
    "quad_class": pl.Int32,
    "goldstein_score": pl.Float64,
    "event_date": pl.Date,
    "event_date_precision": pl.String,
    "event_date_text": pl.String,
    "event_date_method": pl.String,
    "location_entity_id": pl.String,
    "evidence_text": pl.String,
    "evidence_char_start": pl.Int32,
    "evidence_char_end": pl.Int32,
    "sentence_index": pl.Int32,
    "trigger_text": pl.String,
    "is_directed": pl.Boolean,
    "is_historical": pl.Boolean,
    "confidence": pl.Float64,
}
EVENT_ACTOR_SCHEMA: dict[str, Any] = {
    "event_id": pl.String,
    "entity_id": pl.String,
    "actor_role": pl.String,
    "country_code": pl.String,
    "sector_code": pl.String,
    "surface_text": pl.String,
    "via_entity_id": pl.String,
}
CLUSTER_SCHEMA: dict[str, Any] = {"event_id": pl.String, "cluster_id": pl.String}


def frame(rows: Sequence[dict[str, Any]], schema: dict[str, Any]) -> pl.DataFrame:
    """A frame with exactly the given columns and types, also when there are no rows."""
    return pl.DataFrame(list(rows), schema=schema, orient="row")
