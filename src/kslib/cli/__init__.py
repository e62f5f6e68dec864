"""The ``kslib`` command: ``parse``, ``check``, ``render``, ``series`` and ``overrides``.

Each subcommand is a module of :mod:`kslib.cli` (``register(subparsers)`` adds
its parser and sets ``func``; heavy imports happen inside ``func``).  A :class:`~kslib.errors.KslibError` is printed
as one line and exits with code 2; ``--debug`` shows the traceback.
"""
from __future__ import annotations

import argparse
import sys
import traceback

from kslib._version import __version__
from kslib.cli import check, overrides, parse, render, series
from kslib.errors import KslibError

COMMANDS = (parse, check, render, series, overrides)   # each: register(subparsers) adds its parser and sets func


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kslib", description="Read, check and report on a Swedish municipal board's annual report.")
    parser.add_argument("--version", action="version", version=f"kslib {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KslibError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"kslib: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kslib: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line unless debugging
        if args.debug:
            raise
        print(f"kslib: internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
