"""Table finding on the corpus PDFs: kslib's discovery vs pdfplumber's ``page.extract_tables()``.

For each PDF: seconds, and the share of hand-read cells (tests/corpus/expected/<stem>.json) found —
a cell counts as found when its value stands in a row whose label matches (kslib: the table catalog and,
for a styrkort, its indicator values; the seconds are the whole read) or in a table row that holds the
row's label text (pdfplumber).  A styrkort row is matched by its label or by its indicator name (the label
without the "UBN" marker).  Run: ``python benchmarks/tables.py``.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


def _num(text: str) -> float | None:
    t = re.sub(r"\s+", "", str(text or "")).replace("\u2212", "-").replace("–", "-").replace(",", ".").rstrip("*%")
    try:
        return float(t)
    except ValueError:
        return None


def _key(label: str) -> str:
    return re.sub(r"[^a-zåäö0-9]", "", label.lower())


def _expected_cells(stem: str) -> list[tuple[set[str], float]]:
    data = json.loads((CORPUS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    return [({_key(r["label"]), _key(r.get("indicator") or r["label"])}, float(v))
            for t in data["tables"] for r in t["rows"] if r["values"] for v in r["values"] if v is not None]


def _share(found: dict[str, list[float]], cells: list[tuple[set[str], float]]) -> float:
    hit = sum(1 for labels, v in cells if any(abs(x - v) < 1e-6 for label in labels for x in found.get(label, [])))
    return hit / len(cells) if cells else 0.0


def run_kslib(path: Path) -> dict[str, list[float]]:
    import pandas as pd

    import kslib

    report = kslib.read_report(path)
    found: dict[str, list[float]] = {}
    cells = report.table("tables")
    for label, value in zip(cells["row"], cells["value"]):
        if not pd.isna(value):
            found.setdefault(_key(label), []).append(float(value))
    indicators = report.table("indicator_values")
    for label, value in zip(indicators["indicator"], indicators["value"]):
        if not pd.isna(value):
            found.setdefault(_key(label), []).append(float(value))
    return found


def run_pdfplumber(path: Path) -> dict[str, list[float]]:
    import pdfplumber

    found: dict[str, list[float]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = [c for c in row if c]
                    if not cells:
                        continue
                    label = _key(" ".join(c for c in cells if _num(c) is None))
                    found.setdefault(label, []).extend(v for v in map(_num, cells) if v is not None)
    return found


def main() -> int:
    print(f"{'document':55} {'kslib s':>8} {'kslib %':>8} {'plumber s':>10} {'plumber %':>10}")
    for path in sorted(CORPUS.glob("*.pdf")):
        cells = _expected_cells(path.stem)
        t0 = time.perf_counter()
        ours = run_kslib(path)
        t1 = time.perf_counter()
        theirs = run_pdfplumber(path)
        t2 = time.perf_counter()
        print(f"{path.name:55} {t1 - t0:8.2f} {100 * _share(ours, cells):7.1f}% {t2 - t1:10.2f} "
              f"{100 * _share(theirs, cells):9.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
