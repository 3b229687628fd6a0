"""Command line of the benchmark: ``python -m benchmarks`` and ``dyad bench`` (same flags)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import DEFAULT_SEED
from benchmarks.report import DEFAULT_OUT, render_markdown, write_report
from benchmarks.run import CORPORA, DEFAULT_CORPORA, DEFAULT_NS, run_bench


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, action="append", help="pages (repeatable; 1000)")
    parser.add_argument("--out", metavar="FILE", help="report (benchmarks/RESULTS.md)")
    parser.add_argument("--workdir", metavar="DIR", help="keep corpora and warehouses here")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--budget-min", type=float, default=15.0, help="skip an N projected to take longer (min)"
    )
    parser.add_argument("--note", action="append", help="a line for the report's notes")
    parser.add_argument(
        "--corpus",
        action="append",
        choices=sorted(CORPORA),
        help="page generator (repeatable; synthetic): templates, or real pages recombined",
    )


def cli(args: argparse.Namespace) -> int:
    """Run the benchmark for the parsed flags; print and write the report."""
    ns = args.n or list(DEFAULT_NS)
    if any(n < 1 for n in ns):
        print("--n must be at least 1", file=sys.stderr)
        return 2
    report = run_bench(
        ns,
        workdir=Path(args.workdir).resolve() if args.workdir else None,
        seed=args.seed,
        budget_min=args.budget_min if args.budget_min and args.budget_min > 0 else None,
        notes=args.note or [],
        corpora=args.corpus or list(DEFAULT_CORPORA),
    )
    out = write_report(report, Path(args.out) if args.out else DEFAULT_OUT)
    print(render_markdown(report))
    print(f"written to {out}")
    ok = all(r.full.success and r.incremental.success for r in report.results)
    return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="benchmark the Dyad pipeline on synthetic or real-like French news pages",
    )
    add_arguments(parser)
    return cli(parser.parse_args(argv))
