"""The catalog of every table found: one line per cell (the contract's ``tables.csv``).

Tables found by their structure (:mod:`.discover`) plus the financial tables the
title-based reader finds (:mod:`.financial`), the latter kept exactly as that
reader reads them so both outputs agree; a discovered table on the same lines
gives way to it — unless it reads every row of the title reader's table alike and
more rows besides (the title reader stopped early): then it is catalogued instead,
and warned (``table-extended``).
"""
from __future__ import annotations

import math
from typing import Iterable

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.tables import financial
from kslib.parse.tables.discover import Table, discover
from kslib.parse.tables.units import infer_units
from kslib.read.source import Source

CATALOG_COLUMNS = ["table", "title", "kind", "page", "line", "unit", "row", "row_code", "row_label", "row_kind",
                   "column", "group", "measure", "year", "value"]
_FINANCIAL_KIND = {"resultatrakning": "income_statement", "driftredovisning": "operating_by_area",
                   "nyckeltal": "key_figures"}


def read_catalog(source: Source, *, year: int | None = None, warnings: list[ParseWarning] | None = None,
                 financial_tables: Iterable[tuple[str, financial.FinancialTable]] = ()) -> pd.DataFrame:
    """Every table of ``source`` as one frame, one line per cell (category rows: one line, no column)."""
    warnings = warnings if warnings is not None else []
    found = discover(source, year=year)
    records: list[tuple[int, list[dict]]] = []
    taken: list[tuple[int, int]] = []
    for name, ft in financial_tables:
        if ft is None or not ft.rows:
            continue
        lines = [ln.number for r in ft.rows for ln in r.lines] + [ft.title_line.number]
        longer = _extended(ft, (min(lines), max(lines)), found)
        if longer is not None:
            where = ft.title_line
            warnings.append(ParseWarning(
                "table-extended", f"table {longer.title!r}: the title reader stopped after {len(ft.rows)} rows; read by "
                f"its structure it has {len(longer.rows)}, every row of the first alike, and is catalogued so",
                table="tables", line=where.number, page=where.page))
            continue
        taken.append((min(lines), max(lines)))
        records.append((ft.title_line.number, _financial_records(name, ft)))
    for t in found:
        if any(_overlaps(t, span) for span in taken):
            continue
        records.append((t.line.number, _table_records(t)))
        warnings.extend(t.warnings)
    records.sort(key=lambda r: r[0])
    rows: list[dict] = []
    for n, (_, recs) in enumerate(records, 1):
        for rec in recs:
            rec["table"] = f"t{n}"
            rows.append(rec)
    frame = pd.DataFrame(rows, columns=CATALOG_COLUMNS)
    frame = frame.astype({"page": "Int64", "line": "Int64", "year": "Int64", "value": "float64"})
    return infer_units(frame, source, warnings)


def _norm(label: str) -> str:
    return " ".join(label.replace("*", "").lower().split())


def _extended(ft: financial.FinancialTable, span: tuple[int, int], found: list[Table]) -> Table | None:
    """The discovered table on ``ft``'s lines that holds every row of ``ft`` with the same figures and more
    rows besides, or None."""
    for t in found:
        if not _overlaps(t, span) or len(t.rows) <= len(ft.rows):
            continue
        by_label = {_norm(r.label): [v for v in r.values if v is not None] for r in t.rows}
        if all(_alike(by_label.get(_norm(f"{r.code} {r.label}" if r.code else r.label)),
                      [v for v in r.values if v is not None]) for r in ft.rows):
            return t
    return None


def _overlaps(t: Table, span: tuple[int, int]) -> bool:
    """Whether the discovered table ``t`` (title to last row) stands on lines ``span`` (first, last)."""
    numbers = [r.line.number for r in t.rows] + [t.line.number]
    return min(numbers) <= span[1] and span[0] <= max(numbers)


def _alike(a: list[float] | None, b: list[float]) -> bool:
    return a is not None and len(a) == len(b) and all(abs(x - y) < 1e-9 for x, y in zip(a, b))


def _table_records(t: Table) -> list[dict]:
    out = []
    base = {"title": t.title, "kind": t.kind, "unit": t.unit}
    for r in t.rows:
        where = {"page": r.line.page, "line": r.line.number, "row": r.name, "row_code": r.code, "row_label": r.label,
                 "row_kind": r.kind}
        printed = [p for p in r.printed if p]
        if printed and all(p.rstrip("*").endswith("%") for p in printed):
            where["unit"] = "%"             # a row printed in per cent in a table of other units
        if r.kind == "category":
            out.append({**base, **where, "column": None, "group": None, "measure": None, "year": None,
                        "value": None})
            continue
        for c, v in zip(t.columns, r.values):
            out.append({**base, **where, "column": c.label, "group": c.group, "measure": c.measure,
                        "year": c.year, "value": v})
    return out


def _financial_records(name: str, ft: financial.FinancialTable) -> list[dict]:
    frame = financial.table_frame(ft, ft.spec, [])
    title = ft.title_line.text.strip()
    m = ft.spec.title.search(title)
    title = m.group(0).strip() if m else title
    labels = {c.key: c.label for c in ft.columns}
    out = []
    for rec in frame.to_dict("records"):
        value = rec.get("value")
        measure = rec.get("measure")
        year = rec.get("year")
        key = f"{measure}_{year}" if year is not None and not _isna(year) else measure
        kind = rec.get("kind") or "row"
        out.append({"title": title, "kind": _FINANCIAL_KIND.get(name, "other"), "page": rec.get("page"),
                    "line": rec.get("line"), "unit": rec.get("unit"),
                    "row": " ".join(str(x) for x in (rec.get("row_code"), rec.get("row_label"))
                                    if x is not None and not _isna(x)),
                    "row_code": None if _isna(rec.get("row_code")) else rec.get("row_code"),
                    "row_label": rec.get("row_label"),
                    "row_kind": kind if kind in ("row", "subtotal", "total", "category") else "row",
                    "column": labels.get(key, key), "group": None, "measure": measure,
                    "year": None if _isna(year) else year, "value": None if _isna(value) else value})
    return out


def _isna(x) -> bool:
    try:
        return x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA
    except TypeError:
        return False
