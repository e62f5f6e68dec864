"""Score kslib's table catalog against a generated document's truth.

A truth cell is

* ``found``   — kslib has a cell with the same row (label compared after normalising case, whitespace and
  hyphenation; the code through ``row_code`` or the joined ``row``), measure and year (and group, where the
  truth has one) and the same value (within 1e-6); a blank or nil truth cell is found when kslib read the
  row and its value there is empty or the cell is absent;
* ``wrong``   — kslib has that row, measure and year with another value and no warning names the table and
  row: a silent wrong value;
* ``warned``  — missing or different, but a warning names the table and the row;
* ``missing`` — otherwise.

Catalog tables are matched to truth tables by their rows (and title); the ``surplus`` cells kslib derives
are ignored.  A document kslib refuses (``NotAReportError``) has every cell missing and counts as refused.
"""
from __future__ import annotations

import math
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .model import GeneratedDoc, TruthCell, TruthTable

FOUND, WRONG, WARNED, MISSING = "found", "wrong", "warned", "missing"
STATUSES = (FOUND, WRONG, WARNED, MISSING)
FAMILY_TABLES = {"resultatrakning", "driftredovisning", "nyckeltal"}
_UNIT_WORDS = re.compile(r"\b(?:tkr|mnkr|mkr|belopp i)\b", re.IGNORECASE)


def key(text) -> str:
    """Normalised text for matching: lower case, letters and digits only ("Kost- nader" = "Kostnader")."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return re.sub(r"[\W_]+", "", str(text).replace("\u00ad", "").lower())


def _num(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


@dataclass
class CellResult:
    """One truth cell's outcome, with what kslib read for its row."""

    doc: str
    renderer: str
    cell: TruthCell
    status: str
    read: list[tuple] = field(default_factory=list)   # (column, measure, year, group, value) kslib has for it
    row_read: list[tuple] = field(default_factory=list)  # every cell kslib read for the row
    warning: str = ""                                   # the warning that names the table and row
    nearest: str = ""                                   # the row is absent: kslib's row most like it

    def describe(self) -> str:
        c = self.cell
        what = f"{c.measure} {c.year}" + (f" [{c.group}]" if c.group else "")
        row = f"{c.row_code} {c.row_label}" if c.row_code else c.row_label
        got = "; ".join(f"{m} {y}{' [' + g + ']' if g else ''} = {v}" for _, m, y, g, v in self.read) or "nothing"
        text = (f"{self.doc} ({'+'.join(sorted(c.classes)) or 'plain'}) table {c.table_title!r} row {row!r} "
                f"{what}: printed {c.printed!r} (= {c.value}); kslib read {got}")
        if self.status == MISSING and not self.read:
            others = ", ".join(f"{col!r}: {m} {y} = {v}" for col, m, y, _, v in self.row_read[:6])
            text += f"; the row has: {others}" if others else "; the row is absent"
            if not others and self.nearest:
                text += f" (nearest row read: {self.nearest!r})"
        if self.warning:
            text += f"; warned: {self.warning}"
        return text


@dataclass
class Score:
    """Counts of truth cells by status, over one or many documents."""

    found: int = 0
    wrong: int = 0
    warned: int = 0
    missing: int = 0
    documents: int = 0
    refused: int = 0
    errors: int = 0
    tables: int = 0
    tables_matched: int = 0
    extra: int = 0              # figure cells kslib read in a matched table on a row the truth does not have
    seconds: float = 0.0
    results: list[CellResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)     # refusals and crashes, one line each

    @property
    def total(self) -> int:
        return self.found + self.wrong + self.warned + self.missing

    @property
    def wrong_cells(self) -> list[CellResult]:
        return [r for r in self.results if r.status == WRONG]

    @property
    def missing_cells(self) -> list[CellResult]:
        return [r for r in self.results if r.status == MISSING]

    @property
    def warned_cells(self) -> list[CellResult]:
        return [r for r in self.results if r.status == WARNED]

    def share(self, status: str) -> float:
        return getattr(self, status) / self.total if self.total else 0.0

    @property
    def refused_share(self) -> float:
        return self.refused / self.documents if self.documents else 0.0

    def __add__(self, other: "Score") -> "Score":
        out = Score()
        for f in ("found", "wrong", "warned", "missing", "documents", "refused", "errors", "tables",
                  "tables_matched", "extra", "seconds"):
            setattr(out, f, getattr(self, f) + getattr(other, f))
        out.results = self.results + other.results
        out.problems = self.problems + other.problems
        return out

    @classmethod
    def combine(cls, scores) -> "Score":
        out = cls()
        for s in scores:
            out = out + s
        return out

    def summary(self) -> str:
        return (f"{self.total} cells in {self.documents} documents: found {self.share(FOUND):.1%}, "
                f"wrong {self.share(WRONG):.1%} ({self.wrong}), warned {self.share(WARNED):.1%}, "
                f"missing {self.share(MISSING):.1%}; refused {self.refused}, errors {self.errors}; "
                f"{self.extra} cells read on rows the tables do not have")


# --------------------------------------------------------------------------- reading

@dataclass
class Reading:
    """What kslib made of one document (``catalog`` None when it refused or failed)."""

    catalog: object
    warnings: list
    refused: bool = False
    error: str = ""
    seconds: float = 0.0


def read(doc: GeneratedDoc, folder: str | Path) -> Reading:
    """Write ``doc`` under ``folder/<year>/`` and read it with kslib once."""
    import kslib
    from kslib.errors import NotAReportError

    path = doc.write(Path(folder) / str(doc.year))
    t0 = time.perf_counter()
    try:
        report = kslib.read_report(path)
        catalog = report.table("tables")
        warnings = list(report.warnings)
    except NotAReportError as exc:
        return Reading(None, [], refused=True, error=str(exc), seconds=time.perf_counter() - t0)
    except Exception as exc:                      # noqa: BLE001 — a crash is measured, not hidden
        import traceback
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Reading(None, [], error=f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})",
                       seconds=time.perf_counter() - t0)
    finally:
        path.unlink(missing_ok=True)
    return Reading(catalog, warnings, seconds=time.perf_counter() - t0)


def read_and_score(doc: GeneratedDoc, folder: str | Path) -> Score:
    r = read(doc, folder)
    s = score(doc, r.catalog, r.warnings, refused=r.refused, error=r.error)
    s.seconds = r.seconds
    return s


# --------------------------------------------------------------------------- scoring

def _truth_keys(code: str | None, label: str) -> set[str]:
    return {key(f"{code} {label}")} if code else {key(label)}


def _records(catalog) -> list[dict]:
    """The catalog's figure cells as dicts with matching keys (surplus and category lines dropped)."""
    if catalog is None or len(catalog) == 0:
        return []
    df = catalog[(catalog["measure"].notna()) & (catalog["measure"] != "surplus")]
    has_parts = "row_code" in df.columns and "row_label" in df.columns
    out = []
    for rec in df.to_dict("records"):
        keys = {key(rec.get("row"))}
        if has_parts:
            code, label = rec.get("row_code"), rec.get("row_label")
            code = "" if code is None or (isinstance(code, float) and math.isnan(code)) else str(code)
            keys.add(key(f"{code} {label}"))
        keys.discard("")
        year = rec.get("year")
        try:
            year = None if year is None or (isinstance(year, float) and math.isnan(year)) else int(year)
        except (TypeError, ValueError):
            year = None
        group = rec.get("group")
        group = None if group is None or (isinstance(group, float) and math.isnan(group)) else str(group)
        out.append({"keys": keys, "table": rec.get("table"), "title": rec.get("title") or "",
                    "measure": rec.get("measure"), "year": year, "group": group,
                    "column": "" if rec.get("column") is None else str(rec.get("column")),
                    "value": _num(rec.get("value")), "line": rec.get("line"), "row": rec.get("row")})
    return out


def _title_keys(title: str) -> set[str]:
    return {k for k in (key(title), key(_UNIT_WORDS.sub("", title))) if len(k) >= 3}


def _assign(tables: list[TruthTable], recs: list[dict]) -> dict[int, list[dict]]:
    """Catalog cells per truth table: each catalog table goes to the truth table sharing most rows."""
    by_table: dict[str, list[dict]] = defaultdict(list)
    for r in recs:
        by_table[r["table"]].append(r)
    truth_rows = []
    for t in tables:
        ks = set()
        for row in t.rows:
            if row.kind == "category":
                continue
            ks |= _truth_keys(row.code, row.label) | ({key(row.label)} if t.transposed else set())
        if t.transposed:            # read the usual way round, its rows are the printed columns
            ks |= {k for c in t.columns for k in _truth_keys(None, c.label)}
        truth_rows.append(ks)
    out: dict[int, list[dict]] = defaultdict(list)
    for tid, cells in by_table.items():
        keys = set().union(*(c["keys"] for c in cells))
        ctitle = key(cells[0]["title"])
        best, best_score = None, 0
        for i, t in enumerate(tables):
            s = len(keys & truth_rows[i]) * 3
            if ctitle and any(ctitle in k or k in ctitle for k in _title_keys(t.title)):
                s += 2
            if s > best_score:
                best, best_score = i, s
        if best is not None:
            out[best].extend(cells)
    return out


def _group_ok(want: str | None, rec: dict) -> bool:
    if not want:
        return True
    w = key(want)
    for have in (key(rec["group"]), key(rec["column"])):
        if have and (w in have or have in w):
            return True
    return False


def _measure_ok(want: str, have: str) -> bool:
    return have == want or (want == "value" and have in ("value", "outcome"))


def _warning_for(cell: TruthCell, tkeys: set[str], spans: list[tuple[int, int]], warnings) -> str:
    """The message of a warning that names the cell's table and row ('' if none)."""
    rkeys = _truth_keys(cell.row_code, cell.row_label) | {key(cell.row_label)}
    if cell.alt_row:
        rkeys.add(key(cell.alt_row))
    for w in warnings:
        wrow = key(getattr(w, "row", "") or "")
        if not wrow:
            m = re.search(r"row '([^']*)'", getattr(w, "message", "") or "")
            wrow = key(m.group(1)) if m else ""
        if not wrow or not any(wrow == k or (len(k) >= 3 and wrow.endswith(k)) for k in rkeys):
            continue
        text = key(f"{getattr(w, 'table', '')} {getattr(w, 'message', '')}")
        named = any(k in text for k in tkeys)
        if not named and getattr(w, "table", "") in FAMILY_TABLES and w.line is not None:
            named = any(a - 3 <= w.line <= b + 3 for a, b in spans)
        if named:
            return f"[{w.code}] {w.message}"
    return ""


def score(doc: GeneratedDoc, catalog, warnings, *, refused: bool = False, error: str = "") -> Score:
    """Compare kslib's catalog (``report.table("tables")``) and warnings with ``doc``'s truth."""
    s = Score(documents=1, refused=int(refused), errors=int(bool(error) and not refused), tables=len(doc.tables))
    if refused or error:
        s.problems.append(f"{doc.name}: {'refused' if refused else 'failed'}: {error}")
    recs = _records(catalog) if not (refused or error) else []
    assigned = _assign(doc.tables, recs)
    s.tables_matched = len(assigned)
    for ti, t in enumerate(doc.tables):
        cells = assigned.get(ti, [])
        index: dict[tuple, list[dict]] = defaultdict(list)
        by_row: dict[str, list[dict]] = defaultdict(list)
        for r in cells:
            for k in r["keys"]:
                index[(k, r["year"])].append(r)
                by_row[k].append(r)
        tkeys = set(_title_keys(t.title))
        tkeys |= {k for c in cells for k in _title_keys(c["title"])}
        lines = [c["line"] for c in cells if c["line"] is not None and not (isinstance(c["line"], float)
                                                                         and math.isnan(c["line"]))]
        spans = [(int(min(lines)), int(max(lines)))] if lines else []
        truth_keys = set()
        for row in t.rows:
            truth_keys |= _truth_keys(row.code, row.label) if not t.transposed else {key(row.label)}
        rows_read = {r["row"]: r["keys"] for r in cells}
        s.extra += sum(1 for r in cells if not (r["keys"] & truth_keys))
        for cell in t.cells(table=ti, extra_classes=doc.doc_classes):
            res = _judge(doc, cell, index, by_row, tkeys, spans, warnings)
            if res.status != FOUND and not res.row_read:
                res.nearest = _nearest(_truth_keys(cell.row_code, cell.row_label), rows_read)
            s.results.append(res)
    counts = Counter(r.status for r in s.results)
    s.found, s.wrong, s.warned, s.missing = (counts[x] for x in STATUSES)
    return s


def _nearest(want: set[str], rows_read: dict) -> str:
    from difflib import SequenceMatcher

    best, best_ratio = "", 0.6
    for row, keys in rows_read.items():
        for k in keys:
            for w in want:
                ratio = SequenceMatcher(None, w, k).ratio()
                if ratio > best_ratio:
                    best, best_ratio = str(row), ratio
    return best


def _judge(doc, cell: TruthCell, index, by_row, tkeys, spans, warnings) -> CellResult:
    rkeys = _truth_keys(cell.row_code, cell.row_label)
    cands = [r for k in rkeys for r in index.get((k, cell.year), [])
             if _measure_ok(cell.measure, r["measure"]) and _group_ok(cell.group, r)]
    if cell.alt_row:          # a transposed table read as printed: the year's row, the figure's column
        ak, ac = key(cell.alt_row), key(cell.alt_column)
        cands += [r for r in by_row.get(ak, []) if key(r["column"]) == ac or key(r["column"]).startswith(ac)]
    row_read = [(r["column"], r["measure"], r["year"], r["group"], r["value"])
                for k in rkeys | ({key(cell.alt_row)} if cell.alt_row else set()) for r in by_row.get(k, [])]
    read = [(r["column"], r["measure"], r["year"], r["group"], r["value"]) for r in cands]
    values = [r["value"] for r in cands if r["value"] is not None]
    if cell.value is None:           # blank or nil: found when the row is read without a figure there
        ok = not values and bool(row_read)
    else:
        ok = any(abs(v - cell.value) <= 1e-6 for v in values)
    res = CellResult(doc.name, doc.renderer, cell, FOUND, read, row_read)
    if ok:
        return res
    res.warning = _warning_for(cell, tkeys, spans, warnings)
    if res.warning:
        res.status = WARNED
    elif values:
        res.status = WRONG
    else:
        res.status = MISSING
    return res
