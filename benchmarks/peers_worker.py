"""The peer table extractors on PDFs, for benchmarks/tables.py (not a benchmark itself).

Runs inside .venv-peers/ (benchmarks/peers_venv.sh):
``.venv-peers/bin/python benchmarks/peers_worker.py [--tools camelot,pdfplumber] a.pdf b.pdf ...``
prints JSON ``{"versions": {tool: version}, "documents": [{"path", "tools": {tool: {"seconds", "tables",
"error"}}}]}``: each tool's tables as lists of rows of cell strings ("" for an empty cell) and the seconds it
took on that document, each tool timed on its own in this one process (imports done before any timing).
``--serve`` reads the paths from stdin instead and answers each with one JSON line (see :func:`serve`).
Camelot runs ``read_pdf(path, pages="all", flavor="stream")`` (stream reads the text layer: no Ghostscript,
no page rendering); pdfplumber runs ``page.extract_tables()`` on every page.  The functions also serve the
main venv, where only pdfplumber is installed.
"""
from __future__ import annotations

import json
import sys
import time
import warnings

TOOLS = ("pdfplumber", "camelot")


def _cells(row) -> list[str]:
    return ["" if c is None else str(c) for c in row]


def run_pdfplumber(path: str) -> list[list[list[str]]]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [[_cells(row) for row in table] for page in pdf.pages for table in page.extract_tables()]


def run_camelot(path: str) -> list[list[list[str]]]:
    import camelot

    with warnings.catch_warnings():     # "No tables found on page-n" and the like
        warnings.simplefilter("ignore")
        tables = camelot.read_pdf(path, pages="all", flavor="stream")
    return [[_cells(row) for row in table.df.values.tolist()] for table in tables]


RUNNERS = {"pdfplumber": run_pdfplumber, "camelot": run_camelot}


def versions(tools) -> dict[str, str]:
    """Import each tool (so that no timing pays for it) and return its version."""
    out = {}
    for tool in tools:
        module = __import__(tool)
        out[tool] = getattr(module, "__version__", "?")
    return out


def extract(path: str, tools=TOOLS) -> dict[str, dict]:
    """Every tool on one document: its tables, seconds and error (None when it ran)."""
    out = {}
    for tool in tools:
        t0 = time.perf_counter()
        try:
            tables, error = RUNNERS[tool](path), None
        except Exception as exc:  # a peer failing on a document is a result, not a crash
            tables, error = [], f"{type(exc).__name__}: {exc}"
        out[tool] = {"seconds": time.perf_counter() - t0, "tables": tables, "error": error}
    return out


def serve(tools) -> int:
    """One PDF path a line on stdin, one JSON line ``{"path", "tools"}`` on stdout each (after a first line
    ``{"versions"}``): the caller interleaves the peers with its own timings, document by document."""
    print(json.dumps({"versions": versions(tools)}), flush=True)
    for line in sys.stdin:
        if line.strip():
            print(json.dumps({"path": line.strip(), "tools": extract(line.strip(), tools)}, ensure_ascii=False),
                  flush=True)
    return 0


def main(argv: list[str]) -> int:
    tools = list(TOOLS)
    if argv[:1] == ["--tools"]:
        tools, argv = argv[1].split(","), argv[2:]
    if argv == ["--serve"]:
        return serve(tools)
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    found = versions(tools)
    docs = [{"path": p, "tools": extract(p, tools)} for p in argv]
    json.dump({"versions": found, "documents": docs}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
