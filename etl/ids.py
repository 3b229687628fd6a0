"""Stable identifiers: hashes of what a row is about, never of run time or row order."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object, length: int = 20) -> str:
    """Hex digest of the parts, joined with a separator that cannot occur in them unescaped."""
    text = "\x1f".join("" if p is None else str(p).replace("\x1f", " ") for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]
