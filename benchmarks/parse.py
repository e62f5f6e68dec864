"""Parse speed and import weight, measured side by side in one run.

Prints:
- the time of parsing the real report (every table, warnings included) after start-up, as a share of
  the one-second budget and as a ratio to pandas reading the processed CSVs back (a floor for any
  table work);
- the time of ``import kslib`` as a ratio to ``import pandas`` (kslib must add little to pandas).
Run: ``.venv/bin/python benchmarks/parse.py``
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import kslib
from kslib.pipeline.contract import write_processed

RAW = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
REPEAT = 7


def best_of(fn, repeat=REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def import_time(module: str) -> float:
    code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(5)]
    return statistics.median(runs)


def main() -> None:
    parse = best_of(lambda: kslib.read_report(RAW).tables())
    with tempfile.TemporaryDirectory() as tmp:
        report = kslib.read_report(RAW)
        write = best_of(lambda: write_processed(report, tmp), repeat=3)
        csvs = sorted(Path(tmp).glob("*.csv"))
        read_back = best_of(lambda: [pd.read_csv(p) for p in csvs])
    imp_kslib, imp_pandas = import_time("kslib"), import_time("pandas")
    print(f"parse all tables:      {parse * 1000:7.1f} ms  = {parse:.3f} of the 1 s budget; "
          f"{parse / read_back:.1f}x pandas reading the {len(csvs)} CSVs back ({read_back * 1000:.1f} ms)")
    print(f"write contract:        {write * 1000:7.1f} ms  (CSV + JSON + XLSX, staged and moved)")
    print(f"import kslib / pandas: {imp_kslib / imp_pandas:7.2f}x  ({imp_kslib * 1000:.0f} ms vs {imp_pandas * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
