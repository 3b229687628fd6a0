"""Actor codes: who an entity is as one side of an event, whatever its kind.

A state, its agents and its regular forces carry the state's ISO alpha-3 code; an organization
acting as such keeps a code of its own (``IGO:ecowas``, ``NSA:m23``, ``ORG:rfi``), so an ECOWAS
sanction is ECOWAS–Guinea, not fifteen state pairs, and a rebel attack on an army is not the
army's state against itself. How an organization's kind maps to an actor kind is reviewed data
(``actor_kinds.tsv``).
"""

from __future__ import annotations

import functools

from etl.transforms.reference import rows
from etl.transforms.types import Entity


@functools.cache
def _kinds() -> dict[str, tuple[str, str]]:
    return {r["org_kind"]: (r["actor_kind"], r["code_prefix"]) for r in rows("actor_kinds.tsv")}


def actor_of(entity: Entity) -> tuple[str | None, str | None]:
    """``(actor_code, actor_kind)`` of an entity; places have none."""
    if entity.entity_type == "organization":
        if not entity.org_kind:
            # A name the entity model tagged as an organization but nobody reviewed ("NDLR", an
            # outlet's programme, a misread place): counting it as an IGO invents actors.
            return None, None
        kind, prefix = _kinds()[entity.org_kind]
        if kind == "state":
            return entity.country_code, "state" if entity.country_code else None
        return f"{prefix}:{entity.entity_id.split(':', 1)[1]}", kind
    if entity.entity_type in ("country", "person") and entity.country_code:
        return entity.country_code, "state"
    return None, None
