"""Dyad: French news pages -> political event data in DuckDB."""
