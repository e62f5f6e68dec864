"""kslib's table reading on generated layouts it has never seen (tests/layoutgen, the fixed set).

Prints, per layout class and per renderer, the share of truth cells kslib finds, reads wrong (silently),
warns about, and misses; the documents it refuses or fails on; the seconds; and the worst examples (wrong
and missing cells with the document, its classes and what kslib read), for the reader's engineer.

    python benchmarks/generated.py                 # the fixed set of 200 documents
    python benchmarks/generated.py --n 50 --examples 20
    python benchmarks/generated.py --write /tmp/gen   # write the documents and their truth for inspection
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from layoutgen import CLASSES, FOUND, MISSING, RENDERERS, WARNED, WRONG, Score, fixed_set, read, score  # noqa: E402


def _row(name: str, results, docs: int | None = None) -> str:
    n = len(results)
    c = Counter(r.status for r in results)
    share = lambda s: f"{c[s] / n:7.1%}" if n else "      -"
    d = f"{docs:5d}" if docs is not None else "     "
    return f"  {name:<18}{d}{n:7d} {share(FOUND)} {share(WRONG)} {share(WARNED)} {share(MISSING)}"


HEAD = f"  {'':<18}{'docs':>5}{'cells':>7} {'found':>7} {'wrong':>7} {'warned':>7} {'missing':>7}"


def write_set(folder: Path, docs) -> None:
    """Each document and its truth (``<name>.truth.json``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        d.write(folder)
        truth = {"name": d.name, "renderer": d.renderer, "year": d.year, "classes": sorted(d.classes),
                 "tables": [{**{k: v for k, v in asdict(t).items() if k not in ("rows", "columns", "classes")},
                             "classes": sorted(t.classes),
                             "columns": [asdict(c) for c in t.columns],
                             "rows": [asdict(r) for r in t.rows]} for t in d.tables]}
        (folder / f"{d.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                                     encoding="utf-8")
    print(f"wrote {len(docs)} documents and their truth to {folder}")


def _examples(cells, limit: int) -> list[str]:
    """The worst examples: the tables with most such cells, one cell each, each document once."""
    by_table = defaultdict(list)
    for r in cells:
        by_table[(r.doc, r.cell.table)].append(r)
    ranked = sorted(by_table.values(), key=len, reverse=True)
    out, seen_docs, seen_classes = [], set(), Counter()
    for group in ranked:
        r = group[0]
        tag = "+".join(sorted(r.cell.classes)) or "plain"
        if r.doc in seen_docs or seen_classes[tag] >= 2:
            continue
        seen_docs.add(r.doc)
        seen_classes[tag] += 1
        out.append(f"  [{len(group)} cells] {r.describe()}")
        if len(out) >= limit:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200, help="documents of the fixed set (default 200)")
    ap.add_argument("--seed", type=int, default=2025)
    ap.add_argument("--examples", type=int, default=8, help="worst examples to print per kind")
    ap.add_argument("--write", type=Path, help="write the documents and their truth here, and stop")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    docs = fixed_set(args.n, seed=args.seed)
    gen_seconds = time.perf_counter() - t0
    if args.write:
        write_set(args.write, docs)
        return 0
    scores: list[Score] = []
    t1 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            r = read(d, tmp)
            s = score(d, r.catalog, r.warnings, refused=r.refused, error=r.error)
            s.seconds = r.seconds
            scores.append(s)
    read_seconds = time.perf_counter() - t1
    total = Score.combine(scores)
    results = total.results

    print(f"generated layouts: {len(docs)} documents, {total.total} truth cells, {total.tables} tables "
          f"({total.tables_matched} matched to a catalog table)")
    print(HEAD)
    print(_row("all", results, len(docs)))
    print("\nper layout class (cells of tables showing the class, alone or combined; 'plain': no class)")
    print(HEAD)
    docs_with = Counter(c for d in docs for c in d.classes)
    for c in CLASSES:
        print(_row(c, [r for r in results if c in r.cell.classes], docs_with[c]))
    print(_row("plain", [r for r in results if not r.cell.classes]))
    print("\nper layout class, the class alone in its document")
    print(HEAD)
    alone = {d.name for d in docs if len(d.classes) == 1}
    for c in CLASSES:
        rs = [r for r in results if r.doc in alone and r.cell.classes == frozenset({c})]
        print(_row(c, rs, len({r.doc for r in rs})))
    print("\nper renderer")
    print(HEAD)
    for name in RENDERERS:
        print(_row(name, [r for r in results if r.renderer == name], sum(1 for d in docs if d.renderer == name)))
    print(f"\nrefused (NotAReportError): {total.refused} of {total.documents} documents "
          f"({total.refused_share:.1%}); failed with another error: {total.errors}")
    for p in total.problems[:10]:
        print(f"  {p}")
    print(f"\nseconds: {read_seconds:.1f} reading with kslib ({read_seconds / max(1, len(docs)):.2f} per document), "
          f"{gen_seconds:.1f} generating")
    if total.wrong_cells:
        print(f"\nworst silent wrong values ({total.wrong} cells):")
        print("\n".join(_examples(total.wrong_cells, args.examples)))
    if total.missing_cells:
        print(f"\nworst missing cells ({total.missing} cells):")
        print("\n".join(_examples(total.missing_cells, args.examples)))
    if total.warned_cells:
        print(f"\nsome warned cells ({total.warned} cells):")
        print("\n".join(_examples(total.warned_cells, max(2, args.examples // 2))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
