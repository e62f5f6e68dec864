"""The identities of every table the catalog found (``tables.csv``), checked from its own figures.

For each table, from its columns' measures and its rows' kinds:

- ``deviation``: outcome − budget = deviation of the same year and group, in the sign convention the
  table's rows keep most often (printed as "utfall − budget" or "budget − utfall");
- ``net``: income + cost = net (costs printed negative) or income − cost = net (costs positive);
- ``total``: a total (or subtotal) row = the sum of the plain rows above it since the previous total;
- ``consistency``: a coded row ("911 Skolan") printed in two tables with the same measure and year has
  the same figure in both.

A difference within rounding — at most one unit of the last printed digit for a row identity, half a
unit per term for a sum — is ``info``; anything beyond is an ``error`` naming the table's title and
page, the row, the column, what was printed and what the other figures give.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from kslib.audit.findings import Finding
from kslib.fmt import format_number

SUM_KINDS = ("total", "subtotal")
EXACT_UNITS = ("antal", "st", "personer", "pers")


@dataclass(frozen=True)
class _Table:
    id: str
    title: str
    unit: str
    page: int | None
    decimals: int
    cells: pd.DataFrame


def _decimals(values: Iterable[float]) -> int:
    out = 0
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        text = f"{float(v):.6f}".rstrip("0").rstrip(".")
        out = max(out, len(text.split(".")[1]) if "." in text else 0)
    return out


def _tables(catalog: pd.DataFrame) -> list[_Table]:
    out = []
    for table_id, cells in catalog.groupby("table", sort=False):
        cells = cells[pd.notna(cells["value"]) | (cells["row_kind"] == "category")]   # headings delimit sections
        if cells["value"].isna().all():
            continue
        pages = cells["page"].dropna()
        units = cells["unit"].dropna()
        out.append(_Table(str(table_id), str(cells["title"].iloc[0]), str(units.iloc[0]) if len(units) else "",
                          int(pages.iloc[0]) if len(pages) else None, _decimals(cells["value"]), cells))
    return out


def _num(value: float, decimals: int) -> str:
    return format_number(value, decimals=decimals)


def _where(table: _Table) -> str:
    return f"Tabellen \u201d{table.title}\u201d" + (f" (s. {table.page})" if table.page else "")


def _rows(table: _Table) -> list[tuple[tuple, pd.DataFrame]]:
    """(row key, its cells) in document order; a row is its label and line."""
    keys = table.cells[["row", "line"]].drop_duplicates()
    out = []
    for rec in keys.itertuples(index=False):
        sel = (table.cells["row"] == rec.row) & ((table.cells["line"] == rec.line) | pd.isna(rec.line))
        out.append(((rec.row, rec.line), table.cells[sel]))
    return out


def _cell(cells: pd.DataFrame, measure: str, year, group) -> pd.Series | None:
    sel = cells[(cells["measure"] == measure) & _same(cells["year"], year) & _same(cells["group"], group)]
    return sel.iloc[0] if len(sel) == 1 else None


def _same(series: pd.Series, value) -> pd.Series:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return series.isna()
    return series == value


def _finding(check: str, table: _Table, cell: pd.Series, expected: float, found: float, how: str,
             tolerance: float) -> Finding:
    diff = abs(found - expected)
    severity = "info" if diff <= tolerance + 1e-9 else "error"
    verdict = "stämmer med" if severity == "info" else "avviker från"
    line = None if pd.isna(cell["line"]) else int(cell["line"])
    page = None if pd.isna(cell["page"]) else int(cell["page"])
    column = str(cell["column"])
    message = (f"{_where(table)}, raden {cell['row']}, kolumnen {column}: tryckt {_num(found, table.decimals)} "
               f"{verdict} {how} ({_num(expected, table.decimals)})")
    return Finding(check, severity, table.title, str(cell["row"]), expected, found, message, line=line, page=page)


def _pairs(cells: pd.DataFrame, first: str, second: str, result: str) -> list[tuple]:
    """(year, group, a, b, r) where a row has the three measures in the same year and group."""
    out = []
    for (year, group), part in cells.groupby(["year", "group"], dropna=False, sort=False):
        year = None if pd.isna(year) else year
        group = None if pd.isna(group) else group
        a, b, r = (_cell(part, m, year, group) for m in (first, second, result))
        if a is None and first == "outcome":
            a = _cell(part, "net", year, group)
        if a is not None and b is not None and r is not None:
            out.append((year, group, a, b, r))
    return out


def _convention(triples: list[tuple], combine) -> int:
    """+1 or −1: the sign that makes more of the rows' identities hold."""
    score = {+1: 0, -1: 0}
    for a, b, r in triples:
        for sign in score:
            if abs(combine(sign, a, b) - r) < 1e-6 + 1e-9:
                score[sign] += 1
    return +1 if score[+1] >= score[-1] else -1


def _row_identity(table: _Table, check: str, first: str, second: str, result: str, combine, how) -> list[Finding]:
    unit = 10.0 ** -table.decimals
    found: list[tuple] = []
    for _, cells in _rows(table):
        for year, group, a, b, r in _pairs(cells, first, second, result):
            found.append((a, b, r))
    if not found:
        return []
    numbers = [(float(a["value"]), float(b["value"]), float(r["value"])) for a, b, r in found]
    rounded = [(round(x / unit), round(y / unit), round(z / unit)) for x, y, z in numbers]
    sign = _convention(rounded, combine)
    return [_finding(check, table, r, combine(sign, x, y), z, how(sign), unit)
            for (a, b, r), (x, y, z) in zip(found, numbers)]


def _deviation(sign: int, outcome: float, budget: float) -> float:
    return (outcome - budget) * sign


def _net(sign: int, income: float, cost: float) -> float:
    return income + sign * cost


def _value(cells: pd.DataFrame, column: str, group, year) -> float | None:
    hit = cells[(cells["column"] == column) & _same(cells["group"], group) & _same(cells["year"], year)]
    return float(hit["value"].iloc[0]) if len(hit) == 1 else None


def _tolerance(table: _Table, terms: int) -> float:
    """Half a unit of the last printed digit per rounded term; counts (antal, st) are exact."""
    if table.decimals == 0 and (table.unit.lower() in EXACT_UNITS or "antal" in table.title.lower()):
        return 0.0
    return 10.0 ** -table.decimals * 0.5 * (terms + 1)


def _totals(table: _Table) -> list[Finding]:
    """Each total or subtotal row against what it sums, whichever of these its figures keep: the plain
    rows since the previous sum row; the items since the last category heading; or every item of its
    level (earlier sums standing for the rows they summed)."""
    out: list[Finding] = []
    block: list[pd.DataFrame] = []     # plain rows since the previous sum row
    items: list[pd.DataFrame] = []     # rows and sums not yet summed by a later sum
    section = 0                        # where in items the current category heading's rows start
    for _, cells in _rows(table):
        kind = str(cells["row_kind"].iloc[0])
        if kind == "category":
            section = len(items)
            continue
        if kind not in SUM_KINDS:
            block.append(cells)
            items.append(cells)
            continue
        chosen = None
        for rec in cells.itertuples(index=False):
            candidates = []
            for name, parts in (("block", block), ("section", items[section:]), ("level", items)):
                values = [v for v in (_value(p, rec.column, rec.group, rec.year) for p in parts) if v is not None]
                if len(values) >= 2 and len(values) == len(parts):
                    candidates.append((abs(sum(values) - float(rec.value)), sum(values), len(values), name))
            if not candidates:
                continue
            diff, expected, terms, name = min(candidates)
            chosen = chosen or name
            cell = cells[cells["column"] == rec.column].iloc[0]
            out.append(_finding("table_total", table, cell, expected, float(rec.value),
                                f"summan av {terms} rader ovanför", _tolerance(table, terms)))
        if kind == "total":                       # a total closes its level
            items, section = [], 0
        else:
            start = {"block": len(items) - len(block), "section": section}.get(chosen or "block", 0)
            del items[max(start, 0):]
            items.append(cells)
            section = min(section, len(items) - 1)
        block = []
    return out


_CODED = r"^\d{2,6}\s+\S"       # a row label that starts with a unit's or account's code


def _consistency(tables: list[_Table]) -> list[Finding]:
    """A coded row (``"911 Skolan"``: the code identifies it) that two tables of the report print with the
    same measure, year and unit must have the same figure in both (within rounding)."""
    out: list[Finding] = []
    seen: dict[tuple, tuple[_Table, pd.Series]] = {}
    for table in tables:
        cells = table.cells[table.cells["row"].astype(str).str.match(_CODED) & table.cells["value"].notna()
                            & table.cells["year"].notna() & table.cells["measure"].notna()]
        for _, cell in cells.iterrows():
            key = (str(cell["row"]).strip(), cell["measure"], cell["year"], table.unit)
            first = seen.setdefault(key, (table, cell))
            if first[0] is table:
                continue
            other, earlier = first
            tolerance = 10.0 ** -min(table.decimals, other.decimals) * 0.5 * 2
            if abs(float(cell["value"]) - float(earlier["value"])) <= tolerance + 1e-9:
                continue
            line = None if pd.isna(cell["line"]) else int(cell["line"])
            page = None if pd.isna(cell["page"]) else int(cell["page"])
            message = (f"{_where(table)}, raden {cell['row']}, kolumnen {cell['column']}: tryckt "
                       f"{_num(float(cell['value']), table.decimals)}, men {_where(other).lower()} anger "
                       f"{_num(float(earlier['value']), other.decimals)} för samma rad och år")
            out.append(Finding("table_consistency", "error", table.title, str(cell["row"]),
                               float(earlier["value"]), float(cell["value"]), message, line=line, page=page))
    return out


def check_catalog(catalog: pd.DataFrame, *, skip_lines: set[int] = frozenset()) -> list[Finding]:
    """Every identity of every catalogued table (tables whose rows stand on ``skip_lines`` are left out:
    the financial tables the family readers audit already)."""
    if catalog is None or catalog.empty:
        return []
    catalog = catalog[catalog["measure"] != "surplus"]     # derived from the printed figures, not printed
    out: list[Finding] = []
    tables = _tables(catalog)
    out += _consistency(tables)
    for table in tables:
        if skip_lines and set(table.cells["line"].dropna().astype(int)) & set(skip_lines):
            continue
        out += _row_identity(table, "table_deviation", "outcome", "budget", "deviation", _deviation,
                             lambda s: "utfall − budget" if s > 0 else "budget − utfall")
        out += _row_identity(table, "table_net", "income", "cost", "net", _net,
                             lambda s: "intäkter + kostnader" if s > 0 else "intäkter − kostnader")
        out += _totals(table)
    return out
