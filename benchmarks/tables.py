"""Table finding side by side: kslib vs pdfplumber ``page.extract_tables()`` vs Camelot stream.

Documents: every corpus PDF (tests/corpus/*.pdf, hand-read cells in tests/corpus/expected/<stem>.json) and
the generated set of tests/layoutgen (``fixed_set()``; the peers get only its PDFs).  Per document and tool:
cells found, cells wrong, seconds; then totals and kslib/camelot seconds.

Definitions:

- Truth cells: the hand-read (or generated) cells: a number under a row label, with its column's measure and
  year (the expected JSON gives each column's; category rows and blank or text cells hold none).
- Labels are compared normalised: case folded, every non-alphanumeric dropped (whitespace, hyphenation,
  punctuation, "*", "%"), a leading code ("910 ") dropped when the label with it is nowhere; a scorecard row
  also by its indicator name.
- Numbers in a peer's cell are read as printed: a cell that is one number once its one space (if any) is
  dropped is that number ("1 203" is 1203, "-5,7%" is -5.7, "-7 73" is -773, "(29 940)" is -29940);
  otherwise each number in it, left to right, thousands groups joined ("96 (93,7)" is 96 and 93.7;
  "1 203 -3 500" is 1203 and -3500; "34 370 36 505" is 34370 and 36505).
- kslib FINDS a cell when the catalog (``report.table("tables")``, measure ``surplus`` left out) or
  ``report.table("indicator_values")`` has a cell with the row's label and the value; "m+y" counts those that
  also have the column's measure and year.  kslib is WRONG on a cell it does not find with measure and year
  when it has that row, measure and year with another value (looked for on the truth table's pages; in a
  generated document, in the tables of the truth's title, or anywhere when none has it): it would report a
  wrong number.
- A peer FINDS a cell when the value stands in one of its table rows that holds the row's label text (one
  or more adjacent cells whose text is the label; the numbers right of them are the row's values; in a
  transposed generated table the printed row label is the year).  The truth's column order gives the cell a
  position: its index among the numbers its row prints, blank and text cells skipped (so empty columns a
  peer adds do not move it).  A peer is WRONG on a cell when it has a row with the label but none with the
  value at that position: the value stands elsewhere in the row, or another number stands there (read by
  position, the row gives a wrong number for that column).
- Seconds: kslib's is the whole parse: ``kslib.read_report(p)``, every table (``report.tables()``) and the
  audit (``kslib.run_checks(report)``); a peer's is its own extraction of the whole document, timed in
  benchmarks/peers_worker.py.  Imports are done before any timing; the tools run one after the other,
  document by document.  A tool that fails on a document has found nothing there (the failure is printed).

For the generated set the per-renderer totals follow, and layoutgen's own scorer (``layoutgen.score``:
blank cells included, column groups checked, "warned" apart from "wrong") is printed on kslib as a cross-check.

Camelot lives in .venv-peers/ (benchmarks/peers_venv.sh creates it when missing); when it cannot be set up,
pdfplumber runs in kslib's venv and the camelot columns print "—".  Run: ``python benchmarks/tables.py``.
"""
from __future__ import annotations

import json
import math
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
PEERS_PY = ROOT / ".venv-peers" / "bin" / "python"
WORKER = Path(__file__).with_name("peers_worker.py")
SETUP = Path(__file__).with_name("peers_venv.sh")
PEERS = ("pdfplumber", "camelot")

# a number as printed: Swedish thousands groups and decimal comma, an optional sign
_NUM = re.compile(r"(?<![\d,.])[-−–]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.]\d+)?(?!\d)")
_TAIL = re.compile(rf"(?:\s*(?:{_NUM.pattern})\s*[%*]*)+$")
_CODE = re.compile(r"^\s*\d{2,}\s+(?=[^\W\d_])")


# ---------------------------------------------------------------- normalising
def key(text) -> str:
    return re.sub(r"[\W_]", "", unicodedata.normalize("NFC", str(text or "")).casefold())


def keys(*labels) -> frozenset[str]:
    """A label's keys: as printed and without its leading code."""
    out = set()
    for label in labels:
        if isinstance(label, str) and label.strip():
            out |= {key(label), key(_CODE.sub("", label))}
    return frozenset(k for k in out if k)


def numbers(text) -> list[float]:
    """The numbers a cell prints: the whole cell when it is one number once its one space is dropped ("-7 73"
    is -773, as printed), else each number in it."""
    squeezed = re.sub(r"[\s%*]", "", str(text or ""))
    whole = len(str(text or "").strip().split()) <= 2 and re.fullmatch(r"(\()?([-−–]?\d+(?:[,.]\d+)?)(?(1)\))",
                                                                       squeezed)
    if whole:       # "(29 940)" is the accountant's -29940
        value = float(whole.group(2).replace("−", "-").replace("–", "-").replace(",", "."))
        return [-value if whole.group(1) else value]
    out = []
    for m in _NUM.finditer(str(text or "")):
        t = re.sub(r"\s", "", m.group()).replace("−", "-").replace("–", "-").replace(",", ".")
        out.append(float(t))
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-6


# ---------------------------------------------------------------- truth
@dataclass(frozen=True)
class Truth:
    labels: frozenset[str]      # normalised label keys
    value: float
    measure: str | None
    year: int | None
    position: int               # index among the row's printed numbers
    pages: frozenset[int] = frozenset()     # where kslib's wrong values are looked for (empty: by title)
    title: str = ""
    alt: tuple[str, str] | None = None      # a transposed table's row and column as printed (year, figure)

    @property
    def peer_labels(self) -> frozenset[str]:
        return self.labels if self.alt is None else frozenset({self.alt[0]})


def _positions(values: list, printed: list | None) -> list[int | None]:
    """Each value's index among the numbers the row prints (values in column order; None for a blank)."""
    if printed:     # two truth cells of one printed cell ("96 (93,7)") give its numbers once
        printed = [p for i, p in enumerate(printed) if not (i and p == printed[i - 1] and len(numbers(p)) > 1)]
    flat = [n for cell in printed for n in numbers(cell)] if printed else None
    out, at = [], 0
    for v in values:
        if v is None:
            out.append(None)
            continue
        hit = None
        if flat is not None:
            hit = next((i for i in range(at, len(flat)) if _same(flat[i], float(v))), None)
        if hit is None:         # no printed cells, or they do not show it plainly: the non-blank values' order
            return [None if v is None else sum(x is not None for x in values[:i]) for i, v in enumerate(values)]
        out.append(hit)
        at = hit + 1
    return out


def corpus_truth(stem: str) -> list[Truth]:
    data = json.loads((CORPUS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    out = []
    for table in data["tables"]:
        table_pages = set(table.get("pages") or [table.get("pdf_page")]) - {None}
        for row in table["rows"]:
            if not row.get("values") or row.get("kind") == "category":
                continue
            labels = keys(row["label"], row.get("indicator"))
            pages = frozenset({row["pdf_page"]} if row.get("pdf_page") else table_pages)
            for col, value, pos in zip(table["columns"], row["values"], _positions(row["values"], row.get("printed"))):
                if value is not None:
                    out.append(Truth(labels, float(value), col["measure"], col["year"], pos, pages, table["title"]))
    return out


# ---------------------------------------------------------------- kslib
@dataclass
class Score:
    found: int | None = None
    found_my: int | None = None     # kslib only: with measure and year
    wrong: int | None = None
    seconds: float | None = None
    error: str | None = None


class Cell(NamedTuple):
    labels: frozenset[str]
    measure: str | None
    year: int | None
    value: float
    page: int | None
    title: str
    column: str     # normalised


def kslib_cells(report) -> list[Cell]:
    """Every number kslib reports: the catalog's (``surplus`` left out) and the scorecards' indicator values."""
    import pandas as pd

    def num(x):
        return None if pd.isna(x) else int(x)

    out = []
    cat = report.table("tables")
    cat = cat[(cat["measure"] != "surplus") & cat["value"].notna()]
    for rec in cat.to_dict("records"):
        code, label = rec.get("row_code"), rec.get("row_label")
        labels = keys(rec["row"], label if isinstance(label, str) else None,
                      f"{code} {label}" if isinstance(code, str) and isinstance(label, str) else None)
        out.append(Cell(labels, rec["measure"], num(rec["year"]), float(rec["value"]), num(rec["page"]),
                        str(rec["title"]), key(rec["column"])))
    iv = report.table("indicator_values")
    for rec in iv[iv["value"].notna()].to_dict("records"):
        out.append(Cell(keys(rec["indicator"]), rec["measure"], num(rec["year"]), float(rec["value"]),
                        num(rec["page"]), "", ""))
    return out


def _by_label(index: dict, labels) -> list:
    """What ``index`` holds for the most specific of ``labels`` that it has (with the code before without)."""
    for k in sorted(labels, key=len, reverse=True):
        if index.get(k):
            return list(index[k])
    return []


def _measure_ok(want: str | None, have: str | None) -> bool:
    """The measure asked for; a column with no measure word ("value") may be read as the outcome."""
    return have == want or (want == "value" and have == "outcome")


def score_kslib(cells: list[Cell], truth: list[Truth]) -> Score:
    by_label: dict[str, list[Cell]] = {}
    for cell in cells:
        for k in cell.labels:
            by_label.setdefault(k, []).append(cell)
    found = found_my = wrong = 0
    for t in truth:
        mine = _by_label(by_label, t.labels)
        slot = [c for c in mine if _measure_ok(t.measure, c.measure) and c.year == t.year]
        if t.alt:   # a transposed table read as printed: the year's row, the figure's column
            as_printed = [c for c in by_label.get(t.alt[0], []) if c.column.startswith(t.alt[1])]
            mine, slot = mine + as_printed, slot + as_printed
        found += any(_same(c.value, t.value) for c in mine)
        if any(_same(c.value, t.value) for c in slot):
            found_my += 1
            continue
        if t.pages:
            slot = [c for c in slot if c.page is None or c.page in t.pages]
        elif t.title:
            slot = [c for c in slot if key(c.title) == key(t.title)] or slot
        wrong += bool(slot)
    return Score(found, found_my, wrong)


def run_kslib(path: Path):
    import kslib

    t0 = time.perf_counter()
    report = kslib.read_report(path)
    report.tables()
    kslib.run_checks(report)
    return time.perf_counter() - t0, report


# ---------------------------------------------------------------- peers
def peer_rows(tables: list[list[list[str]]]) -> dict[str, list[list[float]]]:
    """label key -> the numbers right of it, for every run of adjacent cells in every row of every table
    (a run ending in numbers also gives its text without them, those numbers first)."""
    index: dict[str, list[list[float]]] = {}
    for table in tables:
        for row in table:
            cells = [c.strip() for c in row]
            for i in range(len(cells)):
                for j in range(i, min(i + 4, len(cells))):
                    if not cells[j] or (j > i and not re.search(r"[^\W\d_]", cells[j])):
                        continue    # a label goes on only over cells with words
                    text = " ".join(c for c in cells[i:j + 1] if c)
                    right = [n for c in cells[j + 1:] for n in numbers(c)]
                    variants = [(text, right)]
                    tail = _TAIL.search(cells[j])   # a label cell that ends in numbers: the row's first ones
                    if tail and tail.start() > 0:
                        variants.append((text[:len(text) - len(tail.group())], numbers(tail.group()) + right))
                    for label, values in variants:
                        for k in keys(label):
                            index.setdefault(k, []).append(values)
    return index


def score_peer(tables, truth: list[Truth]) -> Score:
    index = peer_rows(tables)
    found = wrong = 0
    for t in truth:
        rows = _by_label(index, t.peer_labels)
        if not rows:
            continue
        here = any(any(_same(n, t.value) for n in r) for r in rows)
        found += here
        placed = any(len(r) > t.position and _same(r[t.position], t.value) for r in rows)
        wrong += not placed and (here or any(len(r) > t.position for r in rows))
    return Score(found, None, wrong)


def ensure_peers() -> bool:
    """.venv-peers/ ready (created by peers_venv.sh when missing); False when it could not be installed."""
    if not PEERS_PY.exists():
        print(f"tables: {PEERS_PY.parent.parent.name}/ missing; running {SETUP.relative_to(ROOT)}", flush=True)
    t0 = time.perf_counter()
    done = subprocess.run(["bash", str(SETUP)], cwd=ROOT)
    if done.returncode != 0:
        print("tables: .venv-peers could not be set up: camelot is left out, pdfplumber runs in kslib's venv")
        return False
    if time.perf_counter() - t0 > 5:
        print(f"tables: .venv-peers set up in {time.perf_counter() - t0:.0f} s")
    return True


class Peers:
    """The peer extractors, asked document by document (so that their timings and kslib's interleave): the
    worker in .venv-peers/, or pdfplumber in this venv when that is missing or fails."""

    def __init__(self, venv: bool):
        self.proc = None
        self.stderr = tempfile.TemporaryFile(mode="w+")
        if venv:
            self.proc = subprocess.Popen([str(PEERS_PY), str(WORKER), "--serve"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self.stderr, text=True)
            first = self.proc.stdout.readline()
            if first:
                self.versions = json.loads(first)["versions"]
                return
            self._lost("did not start")
        self._local()

    def _local(self) -> None:
        sys.path.append(str(WORKER.parent))
        import peers_worker

        self.worker = peers_worker
        self.versions = peers_worker.versions(["pdfplumber"])

    def _lost(self, what: str) -> None:
        print(f"tables: peers_worker {what} (exit {self.proc.poll()}); from here on pdfplumber runs in kslib's "
              f"venv and camelot is left out")
        self.proc = None

    def extract(self, path: Path) -> dict[str, dict]:
        """{tool: {seconds, tables, error}} for one PDF."""
        if self.proc is not None:
            try:
                self.proc.stdin.write(f"{path}\n")
                self.proc.stdin.flush()
                line = self.proc.stdout.readline()
            except OSError:
                line = ""
            if line:
                return json.loads(line)["tools"]
            self._lost(f"stopped on {path.name}")
            self._local()
        return self.worker.extract(str(path), ["pdfplumber"])

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait()
        self.stderr.seek(0)
        lines = self.stderr.read().splitlines()
        for line in lines[:10]:
            print(f"peers_worker stderr: {line}")
        if len(lines) > 10:
            print(f"peers_worker stderr: ... {len(lines) - 10} more lines")


# ---------------------------------------------------------------- one set of documents
@dataclass
class Doc:
    name: str
    path: Path
    truth: list[Truth]
    pdf: bool = True
    kind: str = ""                  # the generated document's renderer
    gen: object = None              # the layoutgen GeneratedDoc
    scores: dict[str, Score] = field(default_factory=dict)
    layoutgen: object = None        # layoutgen's own score of kslib's reading (a cross-check)


def score_set(docs: list[Doc], peers: Peers) -> None:
    """Every tool on every document, one document after the other (the peers on PDFs only)."""
    for doc in docs:
        for tool, res in (peers.extract(doc.path) if doc.pdf else {}).items():
            score = score_peer(res["tables"], doc.truth) if not res["error"] else Score(0, None, 0)
            score.seconds, score.error = res["seconds"], res["error"]
            doc.scores[tool] = score
        t0 = time.perf_counter()
        try:
            seconds, report = run_kslib(doc.path)
            doc.scores["kslib"] = score_kslib(kslib_cells(report), doc.truth)
            doc.scores["kslib"].seconds = seconds
        except Exception as exc:  # a crash is a result (nothing found); the other tools still print
            doc.scores["kslib"] = Score(0, 0, 0, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}")
            report = None
        if doc.gen is not None:
            doc.layoutgen = layoutgen_score(doc, report)


def _n(x, width: int) -> str:
    return f"{'—' if x is None else x:>{width}}"


def _s(x: float | None, width: int) -> str:
    return f"{'—' if x is None else f'{x:.2f}':>{width}}"


def _total(docs: list[Doc], tool: str, attr: str):
    vals = [getattr(d.scores.get(tool, Score()), attr) for d in docs]
    return None if not vals or any(v is None for v in vals) else sum(vals)


def _line(name: str, w: int, cells: int, scores: dict[str, Score], ratio: float | None) -> str:
    k, p, c = (scores.get(t, Score()) for t in ("kslib", *PEERS))
    return (f"{name:{w}} {cells:>6} | {_n(k.found, 6)} {_n(k.found_my, 6)} {_n(k.wrong, 5)} {_s(k.seconds, 7)} | "
            f"{_n(p.found, 6)} {_n(p.wrong, 5)} {_s(p.seconds, 7)} | {_n(c.found, 6)} {_n(c.wrong, 5)} "
            f"{_s(c.seconds, 7)} | {_s(ratio, 6)}")


def _sum_line(label: str, w: int, docs: list[Doc]) -> str:
    scores = {t: Score(*(_total(docs, t, a) for a in ("found", "found_my", "wrong", "seconds")))
              for t in ("kslib", *PEERS)}
    k, c = scores["kslib"].seconds, scores["camelot"].seconds
    return _line(label, w, sum(len(d.truth) for d in docs), scores, k / c if k and c else None)


def print_set(title: str, docs: list[Doc]) -> None:
    w = max(len("document"), *(len(d.name) for d in docs), 34)
    print(f"\n{title}")
    print(f"{'':{w}} {'':>6} | {'kslib':^28} | {'pdfplumber':^20} | {'camelot stream':^20} |")
    print(f"{'document':{w}} {'cells':>6} | {'found':>6} {'m+y':>6} {'wrong':>5} {'s':>7} | "
          f"{'found':>6} {'wrong':>5} {'s':>7} | {'found':>6} {'wrong':>5} {'s':>7} | {'ks/cam':>6}")
    for d in docs:
        k, c = d.scores.get("kslib", Score()).seconds, d.scores.get("camelot", Score()).seconds
        print(_line(d.name, w, len(d.truth), d.scores, k / c if k and c else None))
    pdfs = [d for d in docs if d.pdf]
    print("-" * (w + 90))
    kinds = list(dict.fromkeys(d.kind for d in docs if d.kind))
    for kind in kinds if len(kinds) > 1 else ():
        print(_sum_line(f"total {kind}", w, [d for d in docs if d.kind == kind]))
    print(_sum_line("total (PDF documents)", w, pdfs))
    if len(pdfs) < len(docs):
        print(_sum_line("total (every document; kslib)", w, docs))
    ratios = [d.scores["kslib"].seconds / d.scores["camelot"].seconds for d in pdfs
              if "camelot" in d.scores and d.scores["kslib"].seconds and d.scores["camelot"].seconds]
    if ratios:
        print(f"kslib/camelot seconds per document: median {statistics.median(ratios):.2f}, min {min(ratios):.2f}, "
              f"max {max(ratios):.2f}, geometric mean {math.exp(sum(map(math.log, ratios)) / len(ratios)):.2f} "
              f"({len(ratios)} PDF documents)")
    checks = [d.layoutgen for d in docs if d.layoutgen is not None and not isinstance(d.layoutgen, str)]
    if checks:
        print("layoutgen's own scorer on kslib (blank cells included, group checked): " + ", ".join(
            f"{status} {sum(getattr(c, status) for c in checks)}" for status in ("found", "wrong", "warned", "missing")))
    failures: dict[tuple[str, str], list[str]] = {}
    for d in docs:
        if isinstance(d.layoutgen, str):
            failures.setdefault(("layoutgen's scorer", d.layoutgen[:200]), []).append(d.name)
        for tool, sc in d.scores.items():
            if sc.error:
                failures.setdefault((tool, sc.error[:200]), []).append(d.name)
    for (tool, error), names in failures.items():
        where = names[0] if len(names) == 1 else f"{len(names)} documents (first {names[0]})"
        print(f"  {tool} failed on {where}: {error}")
    if len(pdfs) < len(docs):
        print(f"  {len(docs) - len(pdfs)} text-layer documents: kslib only (the peers read PDFs)")


# ---------------------------------------------------------------- the generated set
def generated_docs(folder: Path) -> list[Doc] | str:
    """The layoutgen fixed set written to ``folder/<year>/`` (as its scorer does), or why it is skipped."""
    sys.path.append(str(ROOT / "tests"))
    try:
        from layoutgen import fixed_set
    except ImportError as exc:
        return f"tests/layoutgen cannot be imported ({exc})"
    docs = []
    for gen in fixed_set():
        path = gen.write(folder / str(gen.year))
        docs.append(Doc(path.name, path, generated_truth(gen), pdf=gen.fmt == "pdf", kind=gen.renderer,
                        gen=gen))
    return docs


def generated_truth(gen) -> list[Truth]:
    """A layoutgen document's TruthCells (blank cells included, in column order) -> Truth; the position is
    counted in the row as printed: after its note ("Not" column, between label and figures), and in a
    transposed table along the year's row."""
    notes = {(k, r.text): r.note for k, t in enumerate(gen.tables) for r in t.rows if r.note}
    rows: dict[tuple, list] = {}
    for c in gen.cells():
        printed_row = c.alt_row if c.alt_row is not None else (f"{c.row_code} {c.row_label}" if c.row_code
                                                                else c.row_label)
        rows.setdefault((c.table, printed_row), []).append(c)
    out = []
    for row_key, row in rows.items():
        printed = [notes.get(row_key, "")] + [c.printed for c in row]
        for c, pos in zip(row, _positions([c.value for c in row], printed)):
            if c.value is None:
                continue
            labels = keys(c.row_label, f"{c.row_code} {c.row_label}" if c.row_code else None)
            alt = (key(c.alt_row), key(c.alt_column)) if c.alt_row is not None else None
            out.append(Truth(labels, float(c.value), c.measure, c.year, pos, frozenset(), c.table_title, alt))
    return out


def layoutgen_score(doc: Doc, report):
    """layoutgen's ``score`` of kslib's catalog (its found/wrong/warned/missing), or the error as text."""
    try:
        from layoutgen import score

        if report is None:
            return score(doc.gen, None, [], error=doc.scores["kslib"].error or "failed")
        return score(doc.gen, report.table("tables"), report.warnings)
    except Exception as exc:  # the scorer is young; its failure must not hide the table
        return f"{type(exc).__name__}: {exc}"


def main() -> int:
    import kslib
    import pdfplumber  # noqa: F401  (kslib imports it on its first PDF; imported here, before any timing)

    peers = Peers(ensure_peers())
    print(f"versions: kslib {kslib.__version__}, " + ", ".join(f"{k} {v}" for k, v in peers.versions.items()))
    try:
        corpus = [Doc(p.name, p, corpus_truth(p.stem)) for p in sorted(CORPUS.glob("*.pdf"))]
        score_set(corpus, peers)
        print_set("Corpus PDFs (tests/corpus/*.pdf; hand-read cells)", corpus)
        with tempfile.TemporaryDirectory(prefix="kslib-bench-") as tmp:
            generated = generated_docs(Path(tmp))
            if isinstance(generated, str):
                print(f"\nGenerated set: SKIPPED: {generated}")
            else:
                score_set(generated, peers)
                print_set(f"Generated set (tests/layoutgen fixed_set(): {len(generated)} documents, "
                          f"{sum(d.pdf for d in generated)} PDFs)", generated)
    finally:
        peers.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
