"""The install's pins: ``make setup`` installs with ``constraints.txt``, which pins every package
pyproject.toml names (its extras included, ``analysis`` with pandas), and ``.df()`` works."""

from __future__ import annotations

import re
import tomllib

import duckdb
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from etl.settings import PROJECT_DIR

PYPROJECT = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))


def pins() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (PROJECT_DIR / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep and version.strip(), f"not an exact pin: {line!r}"
        out[canonicalize_name(name)] = version.strip()
    return out


def test_constraints_pin_every_requirement_and_never_dyad() -> None:
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    assert any(Requirement(r).name == "pandas" for r in extras["analysis"])
    pinned = pins()
    assert canonicalize_name(project["name"]) not in pinned  # pip refuses the editable package
    for spec in [*project["dependencies"], *(r for reqs in extras.values() for r in reqs)]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} has no pin in constraints.txt: run `make constraints`"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={pinned[name]}, outside {req.specifier}"
        )


def test_make_installs_every_extra_with_the_constraints() -> None:
    makefile = (PROJECT_DIR / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"pip install .*-e \"\.\[([\w,]+)\]\"", makefile)
    assert line is not None and "-c constraints.txt" in line.group(0)
    assert set(line.group(1).split(",")) == set(PYPROJECT["project"]["optional-dependencies"])


def test_df_gives_a_pandas_frame() -> None:
    """The ``analysis`` extra: without pandas, DuckDB's ``.df()`` raises."""
    frame = duckdb.sql("select 1 as n, ['MLI', 'NER'] as codes").df()
    assert frame.shape == (1, 2) and list(frame["codes"][0]) == ["MLI", "NER"]
