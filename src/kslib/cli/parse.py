"""``kslib parse <raw file> --out <dir>``: write the processed-data contract."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


# warnings about missing or cut-off data are printed always; split choices only with -v
ALWAYS_SHOWN = frozenset({"table-missing", "table-empty", "table-incomplete", "row-cut-off", "row-unreadable",
                          "year-mismatch"})


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a report into data/processed/<year>/ (CSV, JSON, XLSX)",
                       description="Parse a report (.txt text layer or .pdf) into the processed-data contract.")
    p.add_argument("raw", type=Path, help="the raw report file")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: data/processed/<year>/)")
    p.add_argument("--overrides", type=Path, default=None,
                   help="status overrides CSV (default: status_overrides.csv next to the report)")
    p.add_argument("--year", type=int, default=None,
                   help="the report's year, when the one it prints is wrong or missing (the period follows)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every parser warning (they are in report.json)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kslib.errors import InputFileError
    from kslib.pipeline.contract import write_processed
    from kslib.parse.report import read_report

    report = read_report(args.raw, overrides=args.overrides, year=args.year)
    if args.out is None and report.year is None:
        raise InputFileError(f"{args.raw}: the report's year could not be found; give --year or --out")
    out = args.out or Path("data/processed") / str(report.year)
    written = write_processed(report, out)
    warnings = report.warnings
    shown = [w for w in warnings if args.verbose or w.code in ALWAYS_SHOWN]
    hint = "" if len(shown) == len(warnings) else "; all in report.json, -v prints them"
    m = report.meta
    kind = f" {m.report_kind}" if m.report_kind else ""
    print(f"{report.source.name}: {m.board}, {m.municipality}{kind} {report.year}: "
          f"wrote {len(written)} files to {out} ({len(warnings)} warnings{hint})")
    for w in shown:
        print(f"  warning: {w}", file=sys.stderr)
    return 0
