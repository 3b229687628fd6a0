"""The one reviewed PLOVER -> CAMEO/quad/Goldstein mapping (etl/data/plover_types.tsv)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from etl.transforms.reference import rows

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class PloverType:
    event_type: str
    quad_class: int
    cameo_root_code: str
    goldstein_score: float
    plover_base_score: float
    requires_target: bool
    modes: tuple[str, ...]


@functools.cache
def plover_types() -> dict[str, PloverType]:
    table = {
        r["event_type"]: PloverType(
            event_type=r["event_type"],
            quad_class=int(r["quad_class"]),
            cameo_root_code=r["cameo_root_code"],
            goldstein_score=float(r["goldstein_score"]),
            plover_base_score=float(r["plover_base_score"]),
            requires_target=r["requires_target"] == "1",
            modes=tuple(m for m in r["modes"].split("|") if m and m != "-"),
        )
        for r in rows("plover_types.tsv")
    }
    missing = set(PLOVER_TYPES) - set(table)
    if missing:
        raise ValueError(f"plover_types.tsv lacks {sorted(missing)}")
    return table
