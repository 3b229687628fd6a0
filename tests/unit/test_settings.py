"""Settings: read from the environment once, flags on top, defaults when neither is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl import settings
from etl.cli import _settings, build_parser


def test_defaults_without_environment() -> None:
    s = settings.from_env({})
    # The current directory, never the installed package's folder.
    assert s.seeds_dir == Path.cwd().resolve() / "seeds"
    assert s.warehouse_path == Path.cwd().resolve() / "warehouse" / "dyad.duckdb"
    assert s.build_path.name == "dyad.build.duckdb"
    assert not s.full_refresh and s.nlp_processes is None


def test_environment_is_read() -> None:
    s = settings.from_env(
        {
            "DYAD_SEEDS_DIR": "/data/pages",
            "DYAD_WAREHOUSE": "/data/w.duckdb",
            "DYAD_MAX_BYTES": "10",
            "DYAD_FULL_REFRESH": "1",
            "DYAD_NLP_PROCESSES": "3",
            "DYAD_LOCK_TIMEOUT": "2.5",
        }
    )
    assert (s.seeds_dir, s.warehouse_path) == (Path("/data/pages"), Path("/data/w.duckdb"))
    assert (s.max_bytes, s.full_refresh, s.nlp_processes, s.lock_timeout_s) == (10, True, 3, 2.5)
    assert s.build_path == Path("/data/w.build.duckdb")


def test_a_flag_not_given_keeps_the_setting() -> None:
    s = settings.from_env({"DYAD_WAREHOUSE": "/data/w.duckdb"})
    assert s.but(seeds_dir=None, warehouse_path=None) == s
    assert s.but(warehouse_path="/other/x.duckdb").warehouse_path == Path("/other/x.duckdb")


def test_cli_without_flags_uses_the_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("DYAD_SEEDS_DIR", "DYAD_WAREHOUSE", "DYAD_FULL_REFRESH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    s = _settings(build_parser().parse_args(["run"]))
    assert s.warehouse_path == tmp_path.resolve() / settings.DEFAULT_WAREHOUSE
    assert s.seeds_dir == tmp_path.resolve() / settings.DEFAULT_SEEDS_DIR
    flagged = _settings(build_parser().parse_args(["run", "--full-refresh", "--seeds", "/x"]))
    assert flagged.full_refresh and flagged.seeds_dir == Path("/x")
