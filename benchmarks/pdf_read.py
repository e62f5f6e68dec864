"""Pages per second of reading a generated 40-page report, for each PDF backend, side by side.

    .venv/bin/python benchmarks/pdf_read.py [--pages 40] [--repeat 3]

Builds the report with ``tests/pdf_factory.py`` (reportlab), then times
``kslib.read.pdf.read_pdf_source`` (glyphs -> lines -> furniture, the whole reader)
with each backend and prints the best of ``--repeat`` runs.  Also times a full
``read_report`` + the three financial tables with the default backend.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from pdf_factory import long_report  # noqa: E402

from kslib.read.pdf import BACKENDS, DEFAULT_BACKEND, read_pdf_source  # noqa: E402


def best_of(repeat: int, func) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = long_report(args.pages).save(Path(tmp) / "report.pdf")
        n_pages = len(read_pdf_source(path).pages)
        n_lines = len(read_pdf_source(path).lines)
        print(f"generated report: {n_pages} pages, {n_lines} content lines, {path.stat().st_size // 1024} KiB")
        print(f"{'backend':<12} {'seconds':>8} {'pages/s':>9}")
        for backend in BACKENDS:
            seconds = best_of(args.repeat, lambda: read_pdf_source(path, backend=backend))
            mark = "  (default)" if backend == DEFAULT_BACKEND else ""
            print(f"{backend:<12} {seconds:8.3f} {n_pages / seconds:9.1f}{mark}")

        from kslib.parse.report import read_report

        def full() -> None:
            report = read_report(path)
            for name in ("resultatrakning", "driftredovisning", "nyckeltal"):
                report.table(name)

        seconds = best_of(args.repeat, full)
        print(f"read_report + 3 financial tables ({DEFAULT_BACKEND}): {seconds:.3f} s")


if __name__ == "__main__":
    main()
