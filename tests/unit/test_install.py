"""A real install: the wheel carries the code, the reviewed data and the SQL contract, and an
installed package reads its SQL from itself and writes user data under the current folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from etl import contract
from etl.settings import PROJECT_DIR, SQL_DIR


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel --no-deps`` of a copy of the checkout (the build writes build/ and
    *.egg-info beside its sources; a copy keeps the checkout clean)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT_DIR / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("etl", "sql"):
        shutil.copytree(PROJECT_DIR / folder, src / folder, ignore=skip)
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("dyad-*.whl")
    return found


def test_wheel_holds_code_data_and_sql(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        *(p.relative_to(PROJECT_DIR).as_posix() for p in (PROJECT_DIR / "etl").rglob("*.py")),
        *(
            p.relative_to(PROJECT_DIR).as_posix()
            for p in (PROJECT_DIR / "etl" / "data").iterdir()
            if p.suffix in (".tsv", ".json", ".csv")
        ),
        "etl/defs/dagster.yaml",
        *("etl/sql/" + p.relative_to(SQL_DIR).as_posix() for p in SQL_DIR.rglob("*.sql")),
    }
    assert "etl/sql/core/events.sql" in expected
    assert sorted(expected - names) == []


def test_installed_package_reads_its_own_sql_and_writes_under_the_current_folder(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    probe = (
        "import etl, etl.settings as s, etl.contract as c; "
        "print(etl.__file__); print(s.SQL_DIR); print(len(c.tables()), len(c.views())); "
        "e = s.from_env({}); print(e.seeds_dir); print(e.warehouse_path)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYAD_")}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=work, env=env, capture_output=True, text=True, check=True
    )
    module, sql_dir, counts, seeds, warehouse = done.stdout.splitlines()
    assert Path(module).is_relative_to(site)
    assert Path(sql_dir) == site / "etl" / "sql"
    assert counts.split() == [str(len(contract.tables())), str(len(contract.views()))]
    assert Path(seeds) == work.resolve() / "seeds"
    assert Path(warehouse) == work.resolve() / "warehouse" / "dyad.duckdb"


@pytest.mark.slow
def test_installed_package_runs_the_main_job_on_any_folder(wheel: Path, tmp_path: Path) -> None:
    """`dyad run --seeds DIR` from the installed wheel (not the checkout), in a folder of the
    user's: the SQL comes from the package, the warehouse and Dagster's home land under it."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    pages = tmp_path / "pages"
    pages.mkdir()
    seed = sorted((PROJECT_DIR / "seeds").glob("*.txt"))[0]
    shutil.copy(seed, pages / seed.name)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DYAD_", "DAGSTER_HOME"))}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-m", "etl.cli", "run", "--seeds", str(pages)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    warehouse = work / "warehouse" / "dyad.duckdb"
    assert warehouse.is_file()
    import duckdb

    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        (n,) = conn.execute("select count(*) from core.articles").fetchone() or (0,)
    finally:
        conn.close()
    assert n == 1
    assert not (PROJECT_DIR / "warehouse" / "dyad.duckdb.tmp").exists()
