"""The catalog of every table found: one line per cell (the contract's ``tables.csv``).

Every table the reader found (:mod:`.discover`), in document order, with its title, kind, unit (and the
basis of a unit the table does not print), each row's code and label, kind and each cell's column, group,
measure, year and value — plus one ``surplus`` cell per row and year with an outcome and a budget
(:func:`kslib.parse.tables.views.surplus`, positive = better than budget).
"""
from __future__ import annotations

import pandas as pd

from kslib.parse.tables.model import Table
from kslib.parse.tables.views import budget_years, costs_positive, surplus
from kslib.vocab.units import row_unit

CATALOG_COLUMNS = ["table", "title", "kind", "page", "line", "unit", "unit_basis", "unit_page", "row", "row_code",
                   "row_label", "row_kind", "column", "group", "measure", "year", "value", "printed"]


def catalog_frame(tables: list[Table]) -> pd.DataFrame:
    """Every table as one frame, one line per cell (category rows: one line, no column)."""
    records: list[dict] = []
    for t in tables:
        records.extend(_table_records(t))
    frame = pd.DataFrame.from_records(records, columns=CATALOG_COLUMNS)
    return frame.astype({"page": "Int64", "line": "Int64", "year": "Int64", "value": "float64", "unit_page": "Int64"})


def _table_records(t: Table) -> list[dict]:
    out = []
    base = {"table": t.id, "title": t.title, "kind": t.kind, "unit": t.unit, "unit_basis": t.unit_basis,
            "unit_page": t.unit_page}
    positive = costs_positive(t)
    years = budget_years(t)
    for r in t.rows:
        where = {"page": r.line.page, "line": r.line.number, "row": r.name, "row_code": r.code, "row_label": r.label,
                 "row_kind": r.kind}
        where["unit"] = row_unit(r.label, r.printed, t.unit)     # "%" rows in a table of other units
        if r.kind == "category":
            out.append({**base, **where, "column": None, "group": None, "measure": None, "year": None,
                        "value": None, "printed": None})
            continue
        for k, (c, v) in enumerate(zip(t.columns, r.values)):
            out.append({**base, **where, "column": c.label, "group": c.group, "measure": c.measure,
                        "year": c.year, "value": v, "printed": r.printed[k] if k < len(r.printed) else None})
        for year in years:
            s = surplus(t, r, year, positive_costs=positive)
            if s is not None:
                out.append({**base, **where, "column": "surplus", "group": None, "measure": "surplus",
                            "year": year, "value": s, "printed": None})
    return out
