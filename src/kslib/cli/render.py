"""``kslib render --year 2020``: execute the notebooks and export committee HTML into reports/<year>/."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "render", help="execute the notebooks for a year into reports/<year>/ (.ipynb and .html)",
        description="Execute the notebooks (ekonomi, arbetsmarknad, maluppfyllelse) with papermill and export "
                    "HTML without code for committees. Parameters are checked before any kernel starts.")
    years = p.add_mutually_exclusive_group()
    years.add_argument("--year", type=int, help="the report year (raw report under data/raw/<year>/)")
    years.add_argument("--years", type=int, nargs="+", metavar="YEAR", help="several years")
    p.add_argument("-f", "--params-file", type=Path, default=None,
                   help="YAML run file: years, notebooks and parameters (see the README)")
    p.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE",
                   help="a notebook parameter (repeatable), e.g. -p board=Kommunstyrelsen")
    p.add_argument("--audience", choices=("nämnd", "analytiker"), default=None,
                   help="nämnd (default): committee pages <name>.html; analytiker: <name>.analytiker.html with "
                        "warnings, findings with lines, sha256 and what to fill in (never overwrites the other)")
    p.add_argument("-n", "--notebook", action="append", default=[], metavar="NAME",
                   help="render only this notebook (repeatable; default: all three)")
    p.add_argument("--root", type=Path, default=None,
                   help="project folder holding data/raw and notebooks (default: $KSLIB_ROOT, else found from the "
                        "current folder)")
    p.add_argument("--out", type=Path, default=None, help="output root (default: <root>/reports)")
    p.add_argument("-j", "--workers", type=int, default=2, help="worker processes (default: 2)")
    p.add_argument("--quiet", action="store_true", help="no progress or summary lines")
    p.add_argument("--skip-missing", action="store_true",
                   help="skip a year without a report yet (a note, not an error); exit 3 when no year is left")
    p.add_argument("--if-changed", action="store_true",
                   help="skip a report whose pages were published from the same source, kslib version and "
                        "parameters; exit 3 when nothing is left")
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the parse and the notebooks as Dask tasks: a scheduler address (tcp://host:8786) "
                        "or 'local' (a LocalCluster of --workers workers here); needs kslib[dask]")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kslib.errors import ParameterError
    from kslib.pipeline.parameters import coerce_cli_value, load_params_file

    run_file = load_params_file(args.params_file) if args.params_file else None
    years = [args.year] if args.year is not None else (args.years or (run_file.years if run_file else []))
    parameters = dict(run_file.parameters) if run_file else {}
    for item in args.parameter:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"-p {item!r}: expected NAME=VALUE")
        parameters[name.strip()] = coerce_cli_value(value)
    if args.audience is not None:
        parameters["audience"] = args.audience
    notebooks = args.notebook or (run_file.notebooks if run_file else None) or None
    if args.workers < 1:
        raise ParameterError(f"--workers must be at least 1, got {args.workers}")
    from kslib.pipeline.scheduling import scheduled_render   # --root, $KSLIB_ROOT, --skip-missing, --if-changed, --dask

    return scheduled_render(years, notebooks=notebooks, parameters=parameters, root=args.root, out_root=args.out,
                            workers=args.workers, stream=None if args.quiet else sys.stderr,
                            skip_missing=args.skip_missing, if_changed=args.if_changed, dask=args.dask)
