"""House rules that `make test` enforces: the layering (`lint-imports` in `make lint`, and here
that it fails when it should), the environment read in one place, short modules, no long word
lists in code."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from etl.settings import PROJECT_DIR

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """The package and its lint configuration, in a folder of their own."""
    shutil.copytree(PROJECT_DIR / "etl", tmp_path / "etl", ignore=shutil.ignore_patterns("data"))
    shutil.copy(PROJECT_DIR / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_tree_keeps_every_contract() -> None:
    out = lint(PROJECT_DIR)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def test_an_import_cycle_breaks_the_check(copy: Path) -> None:
    # The cycle this layout removed: the sentence gate and the coder importing each other.
    append(copy / "etl/transforms/lexicon.py", "import etl.transforms.gate  # noqa")
    out = lint(copy)
    assert out.returncode != 0
    assert "No import cycle among the modules of any package BROKEN" in out.stdout


def test_a_transform_that_opens_duckdb_breaks_the_check(copy: Path) -> None:
    append(copy / "etl/transforms/dates/resolve.py", "import duckdb  # noqa")
    out = lint(copy)
    assert out.returncode != 0
    assert "Transforms are pure: no Dagster, no DuckDB, no warehouse, no settings BROKEN" in (
        out.stdout
    )


def test_a_lower_layer_importing_a_higher_one_breaks_the_check(copy: Path) -> None:
    append(copy / "etl/warehouse/tables.py", "import etl.stages.runner  # noqa")
    out = lint(copy)
    assert out.returncode != 0
    assert (
        "Layers: interface, Dagster, stages, warehouse, contract, settings, transforms BROKEN"
        in (out.stdout)
    )


def _reads_environment(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            return True
    return False


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = sorted(
        p.relative_to(PROJECT_DIR).as_posix()
        for p in (PROJECT_DIR / "etl").rglob("*.py")
        if _reads_environment(ast.parse(p.read_text(encoding="utf-8")))
    )
    # The CLI only hands the settings to the UI's child process, which reads them back.
    assert readers == ["etl/cli.py", "etl/settings.py"]


def test_no_module_is_over_600_lines() -> None:
    long = {
        p.relative_to(PROJECT_DIR).as_posix(): n
        for folder in ("etl", "benchmarks")
        for p in (PROJECT_DIR / folder).rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


WORD_LIST_LIMIT = 20


def _literal_words(node: ast.AST) -> int:
    """How many words a literal holds: string items of a list, tuple, set or dict, or the words
    of a string that is only words ("un deux trois ...")."""
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return sum(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    if isinstance(node, ast.Dict):
        return sum(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        words = node.value.split()
        if all(w.replace("'", "").replace("-", "").isalpha() for w in words):
            return len(words)
    return 0


def test_no_long_word_list_is_a_code_literal() -> None:
    long = [
        f"{p.relative_to(PROJECT_DIR).as_posix()}:{getattr(node, 'lineno', 0)} ({n} words)"
        for folder in ("etl", "benchmarks")
        for p in sorted((PROJECT_DIR / folder).rglob("*.py"))
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if not isinstance(node, ast.Expr)  # docstrings
        and (n := _literal_words(node)) > WORD_LIST_LIMIT
    ]
    assert long == [], "reviewed word lists belong in etl/data/*.tsv"


def test_every_reviewed_data_file_has_a_readme_line() -> None:
    data = PROJECT_DIR / "etl" / "data"
    readme = (data / "README.md").read_text(encoding="utf-8")
    missing = [p.name for p in sorted(data.iterdir()) if p.suffix != ".md" and p.name not in readme]
    assert missing == []
