"""``kslib check <raw file> [--strict] [--overrides FILE]``: audit a report's arithmetic.

Prints a short summary (counts per severity, one line per error and warning)
and exits 0; with ``--strict`` it exits 1 when the report contradicts itself
(any ``error``).  Input problems are :class:`~kslib.errors.KslibError` (exit 2).
"""
from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="audit a report's arithmetic (tables, prose claims, counts)",
                       description="Check every arithmetic relation a report implies and print a summary.")
    p.add_argument("raw", type=Path, help="the raw report file (.txt text layer or .pdf), or a folder of reports")
    p.add_argument("--strict", action="store_true", help="exit with code 1 when errors are found")
    p.add_argument("--overrides", type=Path, default=None,
                   help="status overrides CSV (default: status_overrides.csv next to the report)")
    p.add_argument("--all", dest="show_info", action="store_true",
                   help="list the relations that hold too (severity info)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kslib.pipeline.layout import RAW_SUFFIXES, raw_reports_in

    if args.raw.is_dir() and args.raw.suffix.lower() not in RAW_SUFFIXES:   # a folder of reports
        codes = [check_one(raw, args) for raw in raw_reports_in(args.raw)]
        return max(codes)
    return check_one(args.raw, args)


def check_one(raw: Path, args: argparse.Namespace) -> int:
    from kslib.audit import run_checks, summarise
    from kslib.parse.report import read_report

    report = read_report(raw, overrides=args.overrides)
    report.require_tables()
    checks = run_checks(report)
    print(summarise(checks, name=report.source.name, show_info=args.show_info))
    errors = int((checks["severity"] == "error").sum()) if len(checks) else 0
    return 1 if args.strict and errors else 0
