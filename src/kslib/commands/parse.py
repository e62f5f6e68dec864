"""``kslib parse <raw file> --out <dir>``: write the processed-data contract."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a report into data/processed/<year>/ (CSV, JSON, XLSX)",
                       description="Parse a report (.txt text layer or .pdf) into the processed-data contract.")
    p.add_argument("raw", type=Path, help="the raw report file")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: data/processed/<year>/)")
    p.add_argument("--overrides", type=Path, default=None,
                   help="status overrides CSV (default: status_overrides.csv next to the report)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputFileError
    from ..processed import write_processed
    from ..report import read_report

    report = read_report(args.raw, overrides=args.overrides)
    if args.out is None and report.year is None:
        raise InputFileError(f"{args.raw}: the report's year could not be found; give --out")
    out = args.out or Path("data/processed") / str(report.year)
    written = write_processed(report, out)
    warnings = report.warnings
    print(f"{report.source.name}: {report.meta.board}, {report.meta.municipality} {report.year}: "
          f"wrote {len(written)} files to {out} ({len(warnings)} warnings)")
    for w in warnings:
        print(f"  warning: {w}", file=sys.stderr)
    return 0
