"""``kslib series <reports or folders…> --out <dir>``: one board's figures across years, and restatements."""
from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "series", help="one board's figures across reports: series.csv and restatements.csv",
        description="Read one board's reports (processed folders, folders holding them such as data/processed, "
                    "or raw .pdf/.txt reports) and write series.csv (one value per row, measure and year, as the "
                    "latest report states it, with its source) and restatements.csv (every figure a later "
                    "report prints differently).")
    p.add_argument("sources", type=Path, nargs="+", metavar="REPORT_OR_FOLDER")
    p.add_argument("--out", type=Path, required=True, help="output folder for series.csv and restatements.csv")
    p.add_argument("--renames", type=Path, default=None,
                   help="CSV with columns from,to (optionally table_kind): rows that changed name between reports")
    p.add_argument("--board", default=None,
                   help="with sources of several boards (e.g. data/processed): keep the reports whose slug "
                        "contains this (e.g. stadsrevisionen)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kslib.errors import ParameterError
    from kslib.pipeline.layout import slugify
    from kslib.pipeline.series import collect, resolve, write_series

    entries = resolve(args.sources)
    if args.board:
        wanted = slugify(args.board)
        exact = [e for e in entries if e.slug == wanted]
        entries = exact or [e for e in entries if wanted in e.slug]
        if not entries:
            raise ParameterError(f"no report of a board matching {args.board!r} among the sources")
    history = collect(entries, renames=args.renames)
    write_series(history, args.out)
    years = history.years
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "no year")
    first = history.reports[-1].meta
    print(f"{first.board}, {first.municipality} {span}: {len(history.reports)} reports, {len(history.series)} "
          f"figures, {len(history.restatements)} restated; wrote series.csv and restatements.csv to {args.out}")
    return 0

