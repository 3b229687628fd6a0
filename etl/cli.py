"""The ``dyad`` command: run the pipeline, query the warehouse, open the UI, evaluate."""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from etl import settings
from etl.settings import PACKAGE_DIR, PROJECT_DIR, Settings


def _settings(args: argparse.Namespace) -> Settings:
    """The environment's settings with this command's flags on top."""
    return settings.from_env().but(
        seeds_dir=getattr(args, "seeds", None),
        warehouse_path=getattr(args, "warehouse", None),
        **({"full_refresh": True} if getattr(args, "full_refresh", False) else {}),
        **({"allow_empty": True} if getattr(args, "allow_empty", False) else {}),
    )


def format_table(columns: Sequence[str], rows: Sequence[Sequence[object]], width: int = 60) -> str:
    """A plain text table; long cells are cut so one row stays one line."""

    def cell(v: object) -> str:
        s = "NULL" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= width else s[: width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line, "| " + " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)) + " |"]
    out.append(line)
    out += [
        "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in cells
    ]
    out.append(line)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def check_run_paths(config: Settings) -> str | None:
    """What is wrong with a run's input folder or warehouse file, in one line, or None."""
    seeds = config.seeds_dir
    if not seeds.exists():
        return f"no input folder at {seeds}: give --seeds DIR (a folder of .txt pages)"
    if not seeds.is_dir():
        return f"{seeds} is not a folder: --seeds takes a folder of .txt pages"
    target = config.warehouse_path
    if target.is_dir():
        return f"{target} is a folder: --warehouse takes a file name, such as {target}/dyad.duckdb"
    from etl.warehouse.files import WarehouseError, check_folder

    try:
        check_folder(target, config.build_path)
    except WarehouseError as exc:
        return f"{exc}; choose --warehouse"
    for path in (target, config.build_path):
        if path.exists() and not os.access(path, os.W_OK):
            return f"cannot write {path}: no write permission"
    return None


@contextlib.contextmanager
def show_progress(stream: TextIO) -> Iterator[None]:
    """Each stage's progress while the block runs: a line rewritten in place on a terminal,
    else one line per chunk of articles (a log stays readable)."""
    from etl.stages import runner

    tty = stream.isatty()
    last = [0.0]

    def show(p: runner.Progress) -> None:
        if not tty:
            if p.milestone:
                print(f"dyad: {p.line()}", file=stream, flush=True)
            return
        now = time.monotonic()
        # A few redraws a second are enough for the eye and cost nothing.
        if p.milestone or now - last[0] >= 0.2:
            last[0] = now
            # The stage's last report (after its rows are written) ends the line.
            end = "\n" if p.milestone and p.done >= p.total else ""
            print(f"\r\033[Kdyad: {p.line()}", end=end, file=stream, flush=True)

    with runner.progress_listener(show):
        yield


def cmd_run(args: argparse.Namespace) -> int:
    import dagster as dg

    from etl import warehouse
    from etl.pipeline import run_pipeline
    from etl.warehouse import files

    config = _settings(args)
    problem = check_run_paths(config)
    if problem:
        print(f"dyad: {problem}", file=sys.stderr)
        return 2

    def waiting(holder: str) -> None:
        print(
            f"dyad: another run ({holder}) is writing {config.warehouse_path}; waiting "
            f"up to {config.lock_timeout_s:g} s (DYAD_LOCK_TIMEOUT)",
            file=sys.stderr,
        )

    try:
        # Before any work: a folder the run cannot write is one line, not a failed run.
        files.check_folder(config.warehouse_path, config.build_path)
        # Held for the whole job; the job's own resource re-enters it instead of waiting.
        with (
            warehouse.run_lock(config.build_path, timeout_s=config.lock_timeout_s, on_wait=waiting),
            show_progress(sys.stderr),
            # Recorded where `dyad ui` looks, so command-line runs show in its run history.
            dg.DagsterInstance.from_config(str(dagster_home())) as instance,
        ):
            summary = run_pipeline(config, instance=instance)
    except warehouse.RunLocked as exc:
        print(f"dyad: {exc}", file=sys.stderr)
        return 3
    except files.WarehouseError as exc:
        print(f"dyad: error: {exc}", file=sys.stderr)
        return 2
    print(summary.render())
    return 0 if summary.success else 1


def cmd_sql(args: argparse.Namespace) -> int:
    from etl.warehouse.connection import connect_locked

    path = _settings(args).warehouse_path
    if not path.exists():
        print(f"no warehouse at {path}: run `dyad run` first", file=sys.stderr)
        return 2
    import duckdb

    try:
        # Read-only, no other file reachable, settings locked: a query can change nothing.
        with connect_locked(path) as conn:
            cur = conn.execute(args.query)
            columns = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchmany(args.limit) if columns else []
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(format_table(columns, rows, width=args.width))
    return 0


def dagster_home() -> Path:
    """The Dagster instance ``dyad ui`` shows and ``dyad run`` records its runs in:
    ``DAGSTER_HOME``, else ``.dagster`` in the current folder (beside the user's data, never
    inside an installed package)."""
    home = Path(os.environ.get("DAGSTER_HOME") or Path.cwd() / ".dagster")
    home.mkdir(parents=True, exist_ok=True)
    instance_yaml = home / "dagster.yaml"
    if not instance_yaml.exists():
        # Runs of one warehouse take turns in the run queue (the job carries this tag).
        instance_yaml.write_text(
            (PACKAGE_DIR / "defs" / "dagster.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    return home


def cmd_ui(args: argparse.Namespace) -> int:
    config = _settings(args)
    # The UI's process reads the settings from the environment: pass the flags on that way.
    env = dict(os.environ, DYAD_SEEDS_DIR=str(config.seeds_dir))
    env["DYAD_WAREHOUSE"] = str(config.warehouse_path)
    env["DAGSTER_HOME"] = str(dagster_home())
    # The module, not workspace.yaml: an installed wheel has no checkout to find that file in.
    cmd = [
        str(Path(sys.executable).parent / "dagster"),
        "dev",
        "-m",
        "etl.definitions",
        "-a",
        "defs",
        "-h",
        "127.0.0.1",
        "-p",
        str(args.port),
    ]
    return subprocess.call(cmd, env=env)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from etl.evaluate import evaluate_warehouse

    gold = Path(args.gold)
    if not gold.exists():
        print(f"dyad: no gold file or folder at {gold}", file=sys.stderr)
        return 2
    path = _settings(args).warehouse_path
    if not path.exists():
        print(f"dyad: no warehouse at {path}: run `dyad run` first", file=sys.stderr)
        return 2
    report = evaluate_warehouse(path, gold, split=args.split)
    print(report.render())
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    from etl import corpus

    root = Path(args.corpus)
    if args.action == "splits":
        out = corpus.write_splits(root)
        splits = corpus.read_splits(root)
        for name, _ in corpus.SPLITS:
            print(f"{name:<6} {sum(v == name for v in splits.values())} pages")
        print(f"written to {out}")
        return 0
    if args.action == "second-pass":
        pages = corpus.second_pass_pages(corpus.page_id(r) for r in corpus.load_gold(root / "gold"))
        print("\n".join(pages))
        return 0
    if args.action == "check":
        from etl.transforms.gazetteer import load_gazetteer

        states = frozenset(
            e.country_code
            for e in load_gazetteer().entities.values()
            if e.entity_type == "country" and e.country_code
        )
        problems = corpus.validate(root, states)
        print("\n".join(problems) if problems else "corpus ok")
        return 1 if problems else 0
    first = corpus.load_gold(root / "gold")
    second = corpus.load_gold(root / "second_pass")
    print(corpus.agreement(first, second).render())
    return 0


# Pages in the seeds' register the model must not degrade: (gold, pages, least precision). The
# development pages' floor is lower than the seeds': cross-validation on the real corpus gains
# about three points of F1 from events the model adds, and those pages pay for it in precision.
GUARDS = (
    (PROJECT_DIR / "tests" / "data" / "seeds_gold.jsonl", PROJECT_DIR / "seeds", 0.9),
    (
        PROJECT_DIR / "tests" / "data" / "heldout_gold.jsonl",
        PROJECT_DIR / "tests" / "data" / "heldout",
        0.70,
    ),
)


def cmd_train(args: argparse.Namespace) -> int:
    from etl.train import train

    data = train(
        Path(args.corpus),
        Path(args.out) if args.out else None,
        seed=args.seed,
        guards=GUARDS,
    )
    meta = data["meta"]
    print(
        f"trained on {meta['n_train_candidates']} candidate actor pairs of the train split "
        f"({meta['n_train_positive']} holding an event an annotator coded), "
        f"{meta['n_side_examples']} for the source/target classifier"
    )
    for name in (
        "cv_rules_only",
        "cv_global_thresholds",
        "cv_after",
        "dev_rules_only",
        "dev_after",
    ):
        m = meta[name]
        print(
            f"  {name:<14} precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
            f"f1 {m['f1']:.3f}"
        )
    print(
        f"  source/target  cross-validated accuracy {meta['cv_side_accuracy']:.3f} "
        f"(L2 {meta['side_l2']})"
    )
    own = ", ".join(f"{t} {a}" for t, a in sorted(data["add_thresholds"].items()))
    print(
        f"keep threshold {data['keep_threshold']}, add threshold {data['add_threshold']}"
        + (f" ({own} for their own types)" if own else "")
        + ": written"
    )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    # The benchmark is a development tool in `benchmarks/` beside `etl/` (not in the wheel). The
    # `dyad` script's sys.path holds neither the current folder nor the checkout, so add the
    # checkout this `etl` comes from when `benchmarks` is not importable otherwise.
    try:
        from benchmarks.cli import cli as bench_cli
    except ModuleNotFoundError as exc:
        if exc.name != "benchmarks" or not (PROJECT_DIR / "benchmarks" / "cli.py").is_file():
            print("dyad bench needs a source checkout with its benchmarks/ folder", file=sys.stderr)
            return 2
        sys.path.insert(0, str(PROJECT_DIR))
        from benchmarks.cli import cli as bench_cli

    return bench_cli(args)


def cmd_sql_export(args: argparse.Namespace) -> int:
    from etl.warehouse.export import cli as export_cli

    if args.with_data:
        return cmd_postgres_bundle(args)
    return export_cli(args.dialect, args.out, allow_unsupported=args.allow_unsupported)


def cmd_postgres_bundle(args: argparse.Namespace) -> int:
    """``sql-export --dialect postgres --with-data --out DIR``: DDL, data and a psql load script."""
    from etl import warehouse
    from etl.warehouse import postgres

    if args.dialect != postgres.DIALECT or not args.out or args.allow_unsupported:
        print(
            "dyad: --with-data needs --dialect postgres and --out DIR (no --allow-unsupported)",
            file=sys.stderr,
        )
        return 2
    path = _settings(args).warehouse_path
    if not path.exists():
        print(f"dyad: no warehouse at {path}: run `dyad run` first", file=sys.stderr)
        return 2
    with warehouse.connect(path, read_only=True) as conn:
        bundle = postgres.write_bundle(conn, Path(args.out).expanduser().resolve())
    print(f"{sum(bundle.rows.values())} rows in {len(bundle.rows)} tables -> {bundle.root}")
    print(f"load it: psql -d DATABASE -f {bundle.root / postgres.LOAD_FILE}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from etl import warehouse
    from etl.warehouse import data_export

    path = _settings(args).warehouse_path
    if not path.exists():
        print(f"dyad: no warehouse at {path}: run `dyad run` first", file=sys.stderr)
        return 2
    out = Path(args.out).expanduser().resolve()
    with warehouse.connect(path, read_only=True) as conn:
        written = data_export.export(conn, args.format, out)
    for w in written:
        print(f"{w.name}: {w.n_rows} rows -> {w.path}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from etl import warehouse
    from etl.warehouse import report

    path = _settings(args).warehouse_path
    if not path.exists():
        print(f"dyad: no warehouse at {path}: run `dyad run` first", file=sys.stderr)
        return 2
    out = Path(args.out).expanduser().resolve() if args.out else report.report_path(path)
    if out.is_dir():
        print(
            f"dyad: {out} is a folder: --out takes a file name, such as report.html",
            file=sys.stderr,
        )
        return 2
    with warehouse.connect(path, read_only=True) as conn:
        written = report.write_report(conn, out, source=path.name)
    print(f"report: {written.path} ({written.n_bytes} bytes)\nopen {written.url}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dyad", description=__doc__)
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True)

    def paths(p: argparse.ArgumentParser, seeds: bool = True) -> None:
        if seeds:
            p.add_argument("--seeds", metavar="DIR", help="input folder of .txt pages")
        p.add_argument("--warehouse", metavar="FILE", help="DuckDB warehouse file")

    p_run = sub.add_parser("run", help="materialize every asset over the input folder")
    paths(p_run)
    p_run.add_argument(
        "--full-refresh", action="store_true", help="reprocess every document, not only changes"
    )
    p_run.add_argument(
        "--allow-empty",
        action="store_true",
        help="publish even if no page is accepted (empties a warehouse that has documents)",
    )
    p_run.set_defaults(func=cmd_run)

    p_sql = sub.add_parser("sql", help="run a read-only SQL query against the warehouse")
    p_sql.add_argument("query")
    p_sql.add_argument("--limit", type=int, default=200)
    p_sql.add_argument("--width", type=int, default=60, help="max characters per cell")
    paths(p_sql, seeds=False)
    p_sql.set_defaults(func=cmd_sql)

    p_ui = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1")
    p_ui.add_argument("--port", type=int, default=3000)
    paths(p_ui)
    p_ui.set_defaults(func=cmd_ui)

    p_eval = sub.add_parser("evaluate", help="score the warehouse against a gold JSONL file")
    p_eval.add_argument(
        "--gold", required=True, metavar="PATH", help="a gold JSONL file or the corpus's gold/"
    )
    p_eval.add_argument(
        "--split", choices=["train", "dev", "test"], help="only the pages of this corpus split"
    )
    paths(p_eval, seeds=False)
    p_eval.set_defaults(func=cmd_evaluate)

    p_corpus = sub.add_parser("corpus", help="the annotated corpus: split, second pass, agreement")
    p_corpus.add_argument("action", choices=["splits", "second-pass", "agreement", "check"])
    p_corpus.add_argument("--corpus", default=str(PROJECT_DIR / "corpus"), metavar="DIR")
    p_corpus.set_defaults(func=cmd_corpus)

    p_train = sub.add_parser("train", help="fit the event model on the annotated corpus")
    p_train.add_argument("--corpus", default=str(PROJECT_DIR / "corpus"), metavar="DIR")
    p_train.add_argument("--out", metavar="FILE", help="write here instead of etl/data/")
    p_train.add_argument("--seed", type=int, default=0)
    p_train.set_defaults(func=cmd_train)

    # The same flags as `python -m benchmarks` (benchmarks/cli.py), kept here so that building
    # this parser never imports the benchmark.
    p_bench = sub.add_parser("bench", help="benchmark the pipeline on synthetic or real-like pages")
    p_bench.add_argument("--n", type=int, action="append", help="pages (repeatable; 1000)")
    p_bench.add_argument("--out", metavar="FILE", help="report (benchmarks/RESULTS.md)")
    p_bench.add_argument("--workdir", metavar="DIR", help="keep corpora and warehouses here")
    p_bench.add_argument("--seed", type=int, default=7)
    p_bench.add_argument(
        "--budget-min", type=float, default=15.0, help="skip an N projected to take longer (min)"
    )
    p_bench.add_argument("--note", action="append", help="a line for the report's notes")
    p_bench.add_argument(
        "--corpus",
        action="append",
        choices=("real-like", "synthetic"),
        help="page generator (repeatable; synthetic): templates, or real pages recombined",
    )
    p_bench.set_defaults(func=cmd_bench)

    p_data = sub.add_parser("export", help="write the events as PLOVER JSON, CSV/TSV or Parquet")
    p_data.add_argument(
        "--format",
        required=True,
        choices=["plover", "flat", "parquet"],
        help="plover: JSON lines; flat: one row per event report (CSV, or TSV for a .tsv name); "
        "parquet: every table and view",
    )
    p_data.add_argument(
        "--out", required=True, metavar="PATH", help="the file to write (a folder for parquet)"
    )
    paths(p_data, seeds=False)
    p_data.set_defaults(func=cmd_export)

    p_report = sub.add_parser(
        "report", help="write the HTML report (timeline, actor network, quad classes)"
    )
    p_report.add_argument(
        "--out", metavar="FILE", help="the HTML file (default: <warehouse>.report.html beside it)"
    )
    paths(p_report, seeds=False)
    p_report.set_defaults(func=cmd_report)

    p_export = sub.add_parser("sql-export", help="transpile the warehouse SQL to another engine")
    p_export.add_argument(
        "--dialect", required=True, choices=["postgres", "spark", "trino", "bigquery", "duckdb"]
    )
    p_export.add_argument("--out", metavar="DIR", help="write DIR/<dialect>/... instead of stdout")
    p_export.add_argument(
        "--allow-unsupported", action="store_true", help="best effort where sqlglot would refuse"
    )
    p_export.add_argument(
        "--with-data",
        action="store_true",
        help="postgres: also every table as CSV and DIR/postgres/load.sql for psql -f",
    )
    paths(p_export, seeds=False)
    p_export.set_defaults(func=cmd_sql_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except Exception as exc:
        if args.debug:
            raise
        return report_error(exc)


def report_error(exc: Exception) -> int:
    """One line for an error nobody caught, instead of a traceback (``--debug`` shows it)."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    print(f"dyad: error: {message} (dyad --debug ... shows the traceback)", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
