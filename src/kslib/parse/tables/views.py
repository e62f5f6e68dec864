"""Views of the tables found: the resultaträkning, driftredovisning and nyckeltal frames are projections of
the catalogued tables by kind, never tables read again.

``view(tables, "driftredovisning", year=2020)`` is the tidy frame of the report's outcome per area (the
``operating_by_area`` table with the most complete rows for the year); ``resultatrakning`` is its income
statement (or summary of results), ``nyckeltal`` every key-figure table.  Columns ``row_code, row_label,
measure, year, value, unit, note, kind, page, line, table`` — ``table`` is the catalog id the row comes
from — plus one ``surplus`` cell per row and year with an outcome and a budget (:func:`surplus`).
:func:`wide` turns a tidy frame into one row per table row.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.tables.model import Row, Table
from kslib.vocab.units import row_unit

TIDY_COLUMNS = ["row_code", "row_label", "measure", "year", "value", "unit", "note", "kind", "page", "line", "table"]
VIEW_KINDS = {"resultatrakning": "income_statement", "driftredovisning": "operating_by_area",
              "nyckeltal": "key_figures"}
# the measures a view needs for the report's year to prefer one table over another
_NEED = {"resultatrakning": ("outcome",), "driftredovisning": ("outcome", "budget"), "nyckeltal": ()}
_ROW_KINDS = ("row", "subtotal", "total")
_BASE = ("outcome", "net", "budget")


# --------------------------------------------------------------------------- surplus

def costs_positive(table: Table) -> bool:
    """True when every outcome, net and budget figure of the table is positive (net costs printed as such)."""
    idx = [k for k, c in enumerate(table.columns) if c.measure in _BASE]
    values = [r.values[k] for r in table.rows for k in idx if r.values[k] is not None]
    return bool(values) and all(v >= 0 for v in values)


def _one(table: Table, row: Row, measures: Sequence[str], year: int, cols: Sequence[int]) -> float | None:
    hits = [row.values[k] for k in cols if table.columns[k].measure in measures and table.columns[k].year == year
            and row.values[k] is not None]
    return hits[0] if len(hits) == 1 else None


def surplus(table: Table, row: Row, year: int, *, positive_costs: bool | None = None) -> float | None:
    """The row's deviation from budget in ``year``, positive = better than budget, from the table's own
    conventions: a printed deviation as printed; else outcome − budget where costs are negative (or figures
    are results), budget − outcome where every figure is a positive net cost.  Outcome and budget are taken
    within one column group where the group has both ("Ack Utfall" beside "Ack Budget"), else across the row."""
    positive_costs = costs_positive(table) if positive_costs is None else positive_costs
    groups: dict[str | None, list[int]] = {}
    for k, c in enumerate(table.columns):
        groups.setdefault(c.group, []).append(k)
    whole = list(range(len(table.columns)))
    for cols in [*groups.values(), whole]:
        o = _one(table, row, ("outcome",), year, cols)
        o = _one(table, row, ("net",), year, cols) if o is None else o
        b = _one(table, row, ("budget",), year, cols)
        d = _one(table, row, ("deviation",), year, cols)
        if o is None or b is None:
            if d is not None and cols is whole:
                return d            # the outcome a text ("Stängt"): the printed deviation stands
            continue
        if d is not None and abs(abs(d) - abs(o - b)) < 1.0:
            return d
        return b - o if positive_costs else o - b
    return None


def budget_years(table: Table) -> list[int]:
    return sorted({c.year for c in table.columns if c.measure == "budget" and c.year is not None})


# --------------------------------------------------------------------------- tidy frames

def tidy(table: Table, *, key_figures: bool = False) -> pd.DataFrame:
    """One table as the tidy view frame; ``key_figures``: a figure of a year is its outcome."""
    has_outcome = {c.year for c in table.columns if c.measure == "outcome"}
    positive = costs_positive(table)
    years = budget_years(table)
    records = []
    for r in table.rows:
        if r.kind not in _ROW_KINDS:
            continue
        base = {"row_code": r.code, "row_label": r.label, "kind": r.kind, "page": r.line.page, "line": r.line.number,
                "table": table.id}
        unit = row_unit(r.label, r.printed, table.unit)
        for k, (c, v) in enumerate(zip(table.columns, r.values)):
            if c.year is None:
                continue
            measure = c.measure
            if measure == "net" and c.year not in has_outcome:
                measure = "outcome"       # "Utfall netto" beside income and costs: the year's outcome
            elif measure == "value" and key_figures:
                measure = "outcome"
            cell_unit = "%" if (r.printed[k] or "").rstrip("*").endswith("%") else unit
            records.append({**base, "measure": measure, "year": c.year, "value": v, "unit": cell_unit,
                            "note": r.note(k)})
        for year in years:
            s = surplus(table, r, year, positive_costs=positive)
            if s is not None:
                records.append({**base, "measure": "surplus", "year": year, "value": s, "unit": unit,
                                "note": None})
    frame = pd.DataFrame.from_records(records, columns=TIDY_COLUMNS) if records else empty_frame()
    # one value per row, measure and year: the first printed (a second budget column, e.g. a full-year one)
    return _typed(frame.drop_duplicates(["line", "row_label", "measure", "year"]).reset_index(drop=True))


def empty_frame() -> pd.DataFrame:
    return _typed(pd.DataFrame({c: pd.Series(dtype="object") for c in TIDY_COLUMNS}))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({"row_code": "string", "year": "Int64", "value": "Float64", "page": "Int64", "line": "Int64"})


def _score(table: Table, year: int | None, need: tuple[str, ...]) -> int:
    """Rows of the table carrying every measure in ``need`` for ``year`` (net counts as outcome)."""
    score = 0
    for r in table.rows:
        if r.kind not in _ROW_KINDS:
            continue
        have = {("outcome" if c.measure == "net" else c.measure) for c, v in zip(table.columns, r.values)
                if v is not None and (year is None or c.year == year)}
        score += set(need) <= have and bool(have)
    return score


def chosen(tables: Sequence[Table], name: str, year: int | None) -> list[Table]:
    """The tables that fill view ``name``: every key-figure table; else the one table of the view's kind with
    the most complete rows for ``year`` (the first of equals; for any year when none has the report's)."""
    of_kind = [t for t in tables if t.kind == VIEW_KINDS[name]]
    if name == "nyckeltal":
        return of_kind
    for y in dict.fromkeys((year, None)):          # the report's year first, else any year the tables show
        scored = [(_score(t, y, _NEED[name]), -k, t) for k, t in enumerate(of_kind)]
        scored = [s for s in scored if s[0] > 0]
        if scored:
            return [max(scored, key=lambda s: (s[0], s[1]))[2]]
    return []


def view(tables: Sequence[Table], name: str, *, year: int | None = None,
         warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """View ``name`` (``resultatrakning``, ``driftredovisning``, ``nyckeltal``) of the tables found; an empty
    frame and a ``table-missing`` warning when the report has no table of its kind."""
    picked = chosen(tables, name, year)
    if not picked:
        if warnings is not None:
            warnings.append(ParseWarning("table-missing", f"no {VIEW_KINDS[name]} table found for {name}",
                                         table=name))
        return empty_frame()
    frames = [tidy(t, key_figures=name == "nyckeltal") for t in picked]
    return _typed(pd.concat(frames, ignore_index=True)) if len(frames) > 1 else frames[0]


def wide(df: pd.DataFrame) -> pd.DataFrame:
    """One row per table row, one column per measure and year (``outcome_2020`` …), in printed order."""
    if df.empty:
        return pd.DataFrame(columns=["row_code", "row_label", "kind"])
    frame = df.assign(column=df["measure"] + "_" + df["year"].astype("string").fillna(""))
    keys = ["table", "line", "row_label"] if "table" in frame.columns else ["line", "row_label"]
    out = frame.pivot(index=keys, columns="column", values="value")
    labels = frame.drop_duplicates(keys).set_index(keys, drop=False)[["row_code", "row_label", "kind"]]
    order = [c for c in dict.fromkeys(frame["column"]) if c in out.columns]
    out = labels.join(out[order]).reset_index(drop=True)
    out.columns.name = None
    return out


def read_view(source, name: str, *, year: int | None = None,
              warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """View ``name`` of a :class:`~kslib.read.source.Source` read on its own: every table found, then the view
    (units as the tables print them; :func:`kslib.read_report` also tells units the tables omit)."""
    from kslib.parse.tables.discover import discover

    return view(discover(source, year=year, warnings=warnings), name, year=year, warnings=warnings)
