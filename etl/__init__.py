"""Dyad: French news pages -> political event data in DuckDB."""

# Bump when extraction logic changes so incremental runs recompute stored documents.
EXTRACTOR_VERSION = "0.1.0"
