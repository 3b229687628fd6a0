"""Which articles a stage must (re)process: its inputs now against what it recorded last."""

from __future__ import annotations

from dataclasses import dataclass

from etl.ids import stable_id


def input_hash(version: str, *parts: object) -> str:
    """What a stage's output for one article depends on: the stage's version and its inputs."""
    return stable_id(version, *parts)


@dataclass(frozen=True)
class Plan:
    """Which articles a stage must (re)process and which it must forget."""

    todo: list[str]
    removed: list[str]
    inputs: dict[str, str]  # input hash of every article in todo
    n_unchanged: int

    @property
    def touched(self) -> list[str]:
        return sorted(set(self.todo) | set(self.removed))

    def metadata(self) -> dict[str, int]:
        return {
            "n_processed": len(self.todo),
            "n_removed": len(self.removed),
            "n_unchanged": self.n_unchanged,
        }


def plan(current: dict[str, str], done: dict[str, str], *, full_refresh: bool = False) -> Plan:
    """Compare the inputs a stage sees now with those it last processed."""
    todo = sorted(k for k, h in current.items() if full_refresh or done.get(k) != h)
    removed = sorted(set(done) - set(current))
    return Plan(todo, removed, {k: current[k] for k in todo}, len(current) - len(todo))
