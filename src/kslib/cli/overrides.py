"""``kslib overrides <raw file>``: print a status-overrides template for the goals the text leaves open.

The template goes to standard output (``data/raw/`` is never written by code); save it as
``data/raw/<year>/status_overrides.csv`` next to the report and fill in the statuses that
only the PDF's coloured symbols show.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("overrides", help="print a status_overrides.csv template for goals of unknown status",
                       description="Print a template of the analyst's status overrides: one row per goal or "
                                   "sub-goal whose status the report's text does not give.")
    p.add_argument("raw", type=Path, help="the raw report file (.txt text layer or .pdf)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kslib.parse.overrides import template
    from kslib.parse.report import read_report

    report = read_report(args.raw)
    goals = report.goals
    m = report.meta
    heading = f"Statusar som texten i {report.source.name} inte anger ({m.board}, {m.municipality} {m.year})"
    sys.stdout.write(template(goals, heading=heading))
    unknown = int((goals["status"] == "unknown").sum()) if len(goals) else 0
    print(f"kslib: {unknown} goals of unknown status; save as {args.raw.parent / 'status_overrides.csv'} "
          f"and fill in the statuses", file=sys.stderr)
    return 0
