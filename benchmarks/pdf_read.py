"""Pages per second of reading a generated 40-page report, for each PDF backend, side by side.

    .venv/bin/python benchmarks/pdf_read.py [--pages 40] [--repeat 3]

Builds the report with ``tests/pdf_factory.py`` (reportlab), then times
``kslib.read.pdf.read_pdf_source`` (glyphs -> lines -> furniture, the whole reader)
with each backend and prints the best of ``--repeat`` runs.  Also times a full
``read_report`` + the three financial tables with the default backend.

Then the real corpus (``tests/corpus/*.pdf``, skip with ``--no-corpus``): kslib's whole
reader (words, lines, columns, furniture) with each backend against pdfplumber's own
``extract_words`` on the same pages, side by side, with the ratio to pdfplumber.
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
    parser.add_argument("--no-corpus", action="store_true", help="skip the real corpus PDFs")
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
    if not args.no_corpus:
        corpus(args.repeat)


def corpus(repeat: int) -> None:
    """kslib's reader on the real PDFs against pdfplumber's own word extraction."""
    import pdfplumber

    paths = sorted((Path(__file__).resolve().parents[1] / "tests" / "corpus").glob("*.pdf"))
    if not paths:
        return
    n_pages = sum(len(read_pdf_source(p).pages) for p in paths)

    def plumber_words() -> None:
        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_words()

    timings = {f"kslib {b}": best_of(repeat, lambda b=b: [read_pdf_source(p, backend=b) for p in paths])
               for b in BACKENDS}
    timings["pdfplumber extract_words"] = best_of(repeat, plumber_words)
    base = timings["pdfplumber extract_words"]
    print(f"\ncorpus: {len(paths)} PDFs, {n_pages} pages")
    print(f"{'reader':<26} {'seconds':>8} {'pages/s':>9} {'x pdfplumber':>13}")
    for name, seconds in timings.items():
        print(f"{name:<26} {seconds:8.3f} {n_pages / seconds:9.1f} {base / seconds:13.1f}")


if __name__ == "__main__":
    main()
