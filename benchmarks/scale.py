"""Throughput for many reports: notebooks per minute with the local worker pool and with Dask (1 and 2 workers).

    .venv/bin/python benchmarks/scale.py [--n 40] [--no-corpus] [--workers 2]

A scratch project holds ``--n`` reports: the reports of ``tests/corpus`` (unless ``--no-corpus``; their own
years) and generated copies of the 2020 template (``data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt``), each as the
report of another municipality (``Vaggeryd`` renamed ``Vaggerydb``, ``Vaggerydc``, …: its own slug) in
``data/raw/2020/`` (its figures name their year in the text, so a year cannot be moved by a rename).  Everything is
parsed once first (not timed); then the three committee notebooks of every report are rendered three ways into
fresh output folders: the local pool (``--workers`` processes, as ``kslib render``), Dask with one worker and
Dask with two (``--dask local``; single-threaded worker processes).  Printed side by side: notebooks, failures
(a corpus report whose notebook fails counts as a failure, not as throughput), wall time, notebooks per
minute, and the peak memory per worker (the resident memory of the worker processes and their kernels,
sampled every 0.2 s, divided by the number of workers).
"""
from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
NOTEBOOKS = ["ekonomi", "arbetsmarknad", "maluppfyllelse"]


def build_project(folder: Path, n: int, *, corpus: bool) -> list[int]:
    """``n`` reports in ``folder/data/raw/<year>/``; returns the years."""
    shutil.copytree(ROOT / "notebooks", folder / "notebooks")
    placed = 0
    if corpus:
        for path in sorted((ROOT / "tests" / "corpus").glob("*")):
            m = re.search(r"_(\d{4})\.(pdf|txt)$", path.name)
            if placed >= n or not m or "bilaga" in path.name:
                continue
            target = folder / "data" / "raw" / m.group(1)
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / path.name)
            placed += 1
    text = TEMPLATE.read_text(encoding="utf-8")
    target = folder / "data" / "raw" / "2020"
    target.mkdir(parents=True, exist_ok=True)
    k = 0
    while placed < n:   # the 2020 template as the report of another municipality (its own slug) in 2020
        name = "Vaggeryd" + "".join(chr(ord("a") + int(d)) for d in str(k)) if k else "Vaggeryd"
        (target / f"{name.lower()}_ks_verksamhetsberattelse_2020.txt").write_text(
            text.replace("Vaggeryd", name), encoding="utf-8")
        placed += 1
        k += 1
    return sorted(int(p.name) for p in (folder / "data" / "raw").iterdir())


class MemorySampler:
    """Peak resident memory of this process's descendants (worker processes and their kernels)."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.me, self.interval, self.peak = psutil.Process(), interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for child in self.me.children(recursive=True):
                with contextlib.suppress(Exception):
                    total += child.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def plan_all(project: Path, years: list[int], out: Path) -> list:
    from kslib.errors import KslibError
    from kslib.pipeline.render import plan

    jobs = []
    for year in years:   # one year at a time: a corpus report the parser refuses leaves the others
        try:
            jobs += plan([year], notebooks=NOTEBOOKS, root=project, out_root=out)
        except KslibError as exc:
            print(f"  (left out {year}: {exc})", file=sys.stderr)
    return jobs


def measure(label: str, project: Path, years: list[int], workers: int, dask: bool) -> dict:
    from kslib.errors import RenderError
    from kslib.pipeline.render import render

    out = project / f"reports-{label.replace(' ', '-')}"
    jobs = plan_all(project, years, out)
    results: list = []
    with MemorySampler() as mem:
        start = time.perf_counter()
        try:
            if dask:
                from kslib.pipeline.distributed import cluster_client, render_on_cluster

                with cluster_client("local", workers=workers) as client:
                    start = time.perf_counter()          # the cluster's start-up is not the notebooks' time
                    results = render_on_cluster(client, jobs, stream=None)
            else:
                results = render(jobs, workers=workers, stream=None)
        except RenderError as exc:
            results = [None] * (len(jobs) - len(exc.failures))
            failed = len(exc.failures)
        else:
            failed = 0
        seconds = time.perf_counter() - start
    ok = len(jobs) - failed
    return {"label": label, "notebooks": len(jobs), "failed": failed, "seconds": seconds,
            "per_minute": ok / seconds * 60 if seconds else 0.0, "mb_per_worker": mem.peak / workers / 2**20}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40, help="number of reports (default 40)")
    ap.add_argument("--workers", type=int, default=2, help="local pool processes (default 2)")
    ap.add_argument("--no-corpus", action="store_true", help="only generated years of the 2020 template")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="kslib-scale-") as tmp:
        project = Path(tmp)
        years = build_project(project, args.n, corpus=not args.no_corpus)
        start = time.perf_counter()
        plan_all(project, years, project / "reports-parse")       # the one parse of every report
        print(f"{args.n} reports in {len(years)} years; parsed in {time.perf_counter() - start:.1f} s")
        rows = [measure(f"pool {args.workers}", project, years, args.workers, dask=False)]
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("dask.distributed is not installed: pip install 'kslib[dask]'", file=sys.stderr)
        else:
            rows += [measure("dask 1", project, years, 1, dask=True), measure("dask 2", project, years, 2, dask=True)]
    print(f"{'':10}{'notebooks':>10}{'failed':>8}{'seconds':>10}{'nb/min':>9}{'MB/worker':>11}")
    for r in rows:
        print(f"{r['label']:10}{r['notebooks']:>10}{r['failed']:>8}{r['seconds']:>10.1f}{r['per_minute']:>9.1f}"
              f"{r['mb_per_worker']:>11.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
