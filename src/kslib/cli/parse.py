"""``kslib parse <raw file> --out <dir>``: write the processed-data contract."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


# warnings about missing or cut-off data are printed always; split choices only with -v
ALWAYS_SHOWN = frozenset({"table-missing", "table-empty", "table-incomplete", "row-cut-off", "row-unreadable",
                          "year-mismatch"})


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a report into data/processed/<year>/<slug>/ (CSV, JSON, XLSX)",
                       description="Parse a report (.txt text layer or .pdf) into the processed-data contract. "
                                   "A folder (e.g. data/raw/2023) parses every report in it.")
    p.add_argument("raw", type=Path, help="the raw report file, or a folder of reports (data/raw/<year>)")
    p.add_argument("--out", type=Path, default=None,
                   help="output folder (default: data/processed/<year>/<slug>/ of the project, <slug> from the "
                        "report's municipality and board)")
    p.add_argument("--force", action="store_true",
                   help="replace the output folder even when it holds another report's processed data")
    p.add_argument("--overrides", type=Path, default=None,
                   help="status overrides CSV (default: status_overrides.csv next to the report)")
    p.add_argument("--year", type=int, default=None,
                   help="the report's year, when the one it prints is wrong or missing (the period follows)")
    p.add_argument("-v", "--verbose", action="store_true", help="list every parser warning (they are in report.json)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kslib.pipeline.layout import raw_reports_in

    if args.raw.is_dir() and args.out is None and args.overrides is None:   # a folder of reports (data/raw/<year>)
        for raw in raw_reports_in(args.raw):
            parse_one(raw, args)
        return 0
    parse_one(args.raw, args)
    return 0


def parse_one(raw: Path, args: argparse.Namespace) -> None:
    from kslib.errors import InputFileError
    from kslib.parse.report import read_report
    from kslib.pipeline.contract import write_processed
    from kslib.pipeline.layout import find_project_root, processed_dir, meta_slug

    report = read_report(raw, overrides=args.overrides, year=args.year)
    if args.out is None and report.year is None:
        raise InputFileError(f"{raw}: the report's year could not be found; give --year or --out")
    slug = meta_slug(report.meta, fallback=raw.name)
    out = args.out or processed_dir(report.year, slug, root=find_project_root())
    written = write_processed(report, out, replace=args.force)
    warnings = report.warnings
    shown = [w for w in warnings if args.verbose or w.code in ALWAYS_SHOWN]
    hint = "" if len(shown) == len(warnings) else "; all in report.json, -v prints them"
    m = report.meta
    kind = f" {m.report_kind}" if m.report_kind else ""
    print(f"{report.source.name}: {m.board}, {m.municipality}{kind} {report.year}: "
          f"wrote {len(written)} files to {out} ({len(warnings)} warnings{hint})")
    for w in shown:
        print(f"  warning: {w}", file=sys.stderr)
