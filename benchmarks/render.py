"""Time ``kslib render`` for one year against the plain tools on the same notebooks.

    .venv/bin/python benchmarks/render.py [--year 2020] [--per-notebook-nbconvert]

Both sides start from the raw report.  kslib renders a scratch copy of the project
(its time includes the one parse into ``data/processed``).  Plain tools, one after
the other, as an analyst would script them: ``kslib parse``, then the ``papermill``
CLI once per notebook on that processed folder (same parameters as kslib passes), then
``jupyter nbconvert --to html --no-input`` on the three executed notebooks in
one call (``--per-notebook-nbconvert``: one call per notebook).  Both sides run
as subprocesses from the same virtualenv, into fresh temp folders, and the wall
time of each is measured once in this run; the ratio kslib / plain is printed.
Aim: at most 0.5.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark: {' '.join(cmd[:3])} ... failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2020)
    ap.add_argument("--per-notebook-nbconvert", action="store_true",
                    help="plain tools call nbconvert once per notebook instead of once for all three")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from kslib.pipeline.render import NOTEBOOKS

    with tempfile.TemporaryDirectory(prefix="kslib-bench-") as tmp:
        tmp = Path(tmp)
        project = tmp / "project"
        shutil.copytree(ROOT / "data" / "raw" / str(args.year), project / "data" / "raw" / str(args.year))
        t_kslib = _run([str(BIN / "kslib"), "render", "--year", str(args.year), "--quiet",
                        "--root", str(project), "--out", str(tmp / "kslib")])
        plain = tmp / "plain"
        plain.mkdir()
        start = time.perf_counter()
        raw = next(p for p in sorted((project / "data" / "raw" / str(args.year)).iterdir()) if p.suffix in (".txt", ".pdf"))
        plain_processed = plain / "processed"
        _run([str(BIN / "kslib"), "parse", str(raw), "--out", str(plain_processed)])
        t_parse = time.perf_counter() - start
        outs = []
        for name in NOTEBOOKS:
            out = plain / f"{name}.ipynb"
            _run([str(BIN / "papermill"), "--no-progress-bar", "-k", "python3", "--cwd", str(ROOT),
                  "-p", "year", str(args.year), "-p", "processed_dir", str(plain_processed),
                  str(ROOT / "notebooks" / f"{name}.ipynb"), str(out)])
            outs.append(str(out))
        t_papermill = time.perf_counter() - start
        if args.per_notebook_nbconvert:
            for out in outs:
                _run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", out])
        else:
            _run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", *outs])
        t_plain = time.perf_counter() - start
        produced = sorted(p.name for p in (tmp / "kslib" / str(args.year)).glob("*.html"))
        plain_html = sorted(p.name for p in plain.glob("*.html"))
    print(f"year {args.year}, {len(NOTEBOOKS)} notebooks, 2 cores")
    print(f"kslib render            {t_kslib:6.2f} s  ({', '.join(produced)})")
    print(f"kslib parse             {t_parse:6.2f} s")
    print(f"+ papermill CLI x{len(NOTEBOOKS)}        {t_papermill - t_parse:6.2f} s")
    print(f"+ nbconvert = plain     {t_plain:6.2f} s  ({', '.join(plain_html)};"
          f" nbconvert {'per notebook' if args.per_notebook_nbconvert else 'one call'})")
    ratio = t_kslib / t_plain
    print(f"ratio kslib / plain     {ratio:6.2f}  (aim: <= 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
