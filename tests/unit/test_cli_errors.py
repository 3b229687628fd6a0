"""Bad command-line input gives one line saying what is wrong and exit status 2, never a
traceback; and ``dyad run``'s progress display."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from etl import cli
from etl.settings import PROJECT_DIR
from etl.stages import runner

SEEDS = PROJECT_DIR / "seeds"


def one_error_line(capsys: pytest.CaptureFixture[str], *words: str) -> None:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("dyad: ") and "Traceback" not in err[0]
    for word in words:
        assert word in err[0]


def test_missing_seeds_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    args = ["run", "--seeds", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")]
    assert cli.main(args) == 2
    one_error_line(capsys, "no input folder", "--seeds")


def test_seeds_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = next(SEEDS.glob("*.txt"))
    assert cli.main(["run", "--seeds", str(page), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    one_error_line(capsys, "not a folder")


def test_unwritable_warehouse(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    warehouse = blocker / "dyad.duckdb"  # a folder cannot be made inside a file
    assert cli.main(["run", "--seeds", str(SEEDS), "--warehouse", str(warehouse)]) == 2
    one_error_line(capsys, "is not a folder")
    assert cli.main(["run", "--seeds", str(SEEDS), "--warehouse", str(tmp_path)]) == 2
    one_error_line(capsys, "is a folder")


def test_missing_gold_or_warehouse(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["evaluate", "--gold", str(tmp_path / "gold.jsonl")]) == 2
    one_error_line(capsys, "no gold")
    gold = PROJECT_DIR / "tests" / "data" / "seeds_gold.jsonl"
    args = ["evaluate", "--gold", str(gold), "--warehouse", str(tmp_path / "w.duckdb")]
    assert cli.main(args) == 2
    one_error_line(capsys, "no warehouse")
    args = ["export", "--format", "flat", "--out", str(tmp_path / "x.csv")]
    assert cli.main([*args, "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    one_error_line(capsys, "no warehouse")


def test_an_unexpected_error_is_one_line_unless_debug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(args: object) -> int:
        raise RuntimeError("disk on fire\nand more detail")

    monkeypatch.setattr(cli, "cmd_sql", boom)
    assert cli.main(["sql", "select 1"]) == 1
    one_error_line(capsys, "disk on fire", "--debug")
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "sql", "select 1"])


def test_progress_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    with cli.show_progress(out):
        for done, milestone in ((0, True), (32, False), (1000, True), (2000, True)):
            runner._report("events", done, 2000, 0.0, milestone)
    lines = out.getvalue().splitlines()
    assert lines[0] == "dyad: events: 0/2000 articles (0 %)"
    assert lines[1].startswith("dyad: events: 1000/2000 articles (50 %), ")
    assert "/s" in lines[1] and "s left" in lines[1]
    assert "done in" in lines[2] and len(lines) == 3
    # Nobody listens once the block is over.
    runner._report("events", 1, 1, 0.0, True)
    assert len(out.getvalue().splitlines()) == 3
