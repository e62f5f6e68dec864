"""Arithmetic of the financial tables: row identities, column totals, subtotals, the header's net cost.

Every relation is derived from the table's own structure: its columns (outcome,
budget, deviation in the table's sign convention, change between two years),
its total row, and — in an income statement — the labels of its subtotal rows
("... nettokostnader", "Resultat efter ...", "Årets resultat"), each of which is
the previous subtotal plus the rows printed since.
"""
from __future__ import annotations

import re
from typing import Sequence

from kslib.fmt import format_number
from kslib.parse.report import Report
from kslib.parse.tables.columns import Column
from kslib.parse.tables.financial import FinancialTable, surplus_of
from kslib.audit.findings import Finding, at, grade

_SUBTOTAL = re.compile(r"nettokostnad|nettointäkt|resultat|^summa\b|^netto\b", re.IGNORECASE)
_FINAL_RESULT = re.compile(r"årets\s+resultat", re.IGNORECASE)
_LOOSE_MARGIN = 3.0   # up to 3 units beyond the rounding tolerance is a warning, further an error


def _fmt(value: float | None, unit: str = "tkr") -> str:
    if value is None:
        return "–"
    decimals = 0 if float(value).is_integer() else 1
    text = format_number(value, decimals=decimals)
    return f"{text} {unit}" if unit else text


def _row_name(row) -> str:
    return row.name


def _tolerance(table: FinancialTable) -> float:
    return 2.0 * 10 ** -table.decimals


def _unit(table: FinancialTable) -> str:
    return table.unit


def _col_name(col: Column) -> str:
    names = {"outcome": "Utfall", "budget": "Budget", "deviation": "Avvikelse", "change": "Förändring",
             "forecast": "Prognos"}
    if col.measure == "change" and col.base_year:
        return f"Förändring {col.year}/{col.base_year}"
    return f"{names.get(col.measure, col.measure)} {col.year or ''}".strip()


# --------------------------------------------------------------------------- row identities

def row_splits(table: FinancialTable) -> list[Finding]:
    """Rows whose figures no reading into columns makes satisfy the table's identities."""
    out: list[Finding] = []
    for row in table.rows:
        if not row.undecided:
            continue
        alts = "; ".join(str(a) for a in row.split.alternatives[:2])
        out.append(Finding(
            "row_split", "warning", table.name, _row_name(row), None, None,
            f"Raden {_row_name(row)} kan inte delas upp i kolumner så att avvikelse och förändring stämmer; "
            f"vald tolkning [{row.chosen}], andra möjliga [{alts}]", **at(row.lines[-1])))
    return out


def row_identities(table: FinancialTable) -> list[Finding]:
    """Deviation = budget − outcome (in the table's convention); change = this year − the base year."""
    name = table.name
    tol = _tolerance(table)
    unit = _unit(table)
    idx = {(c.measure, c.year): k for k, c in enumerate(table.columns)}
    out: list[Finding] = []
    for row in table.rows:
        v = row.values
        for k, col in enumerate(table.columns):
            if v[k] is None:
                continue
            if col.measure == "deviation":
                o, b = idx.get(("outcome", col.year)), idx.get(("budget", col.year))
                if o is None or b is None or v[o] is None or v[b] is None:
                    continue
                expected = table.deviation_sign * (v[b] - v[o])
                how = "budget − utfall" if table.deviation_sign > 0 else "utfall − budget"
                check = "row_deviation"
            elif col.measure == "change" and col.base_year:
                a, b0 = idx.get(("outcome", col.year)), idx.get(("outcome", col.base_year))
                if a is None or b0 is None or v[a] is None or v[b0] is None:
                    continue
                expected = v[a] - v[b0]
                how = f"utfall {col.year} − utfall {col.base_year}"
                check = "row_change"
            else:
                continue
            sev = grade(v[k] - expected, tol, tol + _LOOSE_MARGIN * tol / 2)
            verdict = "stämmer med" if sev == "info" else "avviker från"
            out.append(Finding(
                check, sev, name, _row_name(row), expected, v[k],
                f"{_col_name(col)} på raden {_row_name(row)} ({_fmt(v[k], unit)}) {verdict} {how} "
                f"({_fmt(expected, unit)})", **at(row.lines[-1])))
    return out


# --------------------------------------------------------------------------- totals and subtotals

def column_totals(table: FinancialTable) -> list[Finding]:
    """The total row equals the sum of the rows above it, column by column."""
    totals = [r for r in table.rows if r.total]
    body = [r for r in table.rows if not r.total and not r.subtotal]
    if len(totals) != 1 or not body:
        return []
    total = totals[0]
    tol = max(_tolerance(table), _tolerance(table) / 4 * len(body))
    unit = _unit(table)
    out: list[Finding] = []
    for k, col in enumerate(table.columns):
        t = total.values[k]
        vals = [r.values[k] for r in body if r.values[k] is not None]
        if t is None or not vals:
            continue
        s = sum(vals)
        sev = grade(s - t, tol, tol + _LOOSE_MARGIN * _tolerance(table) / 2)
        verdict = "stämmer med" if sev == "info" else "avviker från"
        out.append(Finding(
            "column_total", sev, table.name, total.label, s, t,
            f"{_col_name(col)}: summan av raderna ({_fmt(s, unit)}) {verdict} {total.label} ({_fmt(t, unit)})",
            **at(total.lines[-1])))
    return out


def subtotals(table: FinancialTable) -> list[Finding]:
    """Subtotal rows against what they sum.

    A block sum ("Summa kostnader", read as ``kind = subtotal``) = the rows since the previous
    subtotal.  A running subtotal of an income statement (a label with *nettokostnad*, *resultat* …,
    only in tables without a total row) = the previous running subtotal + the rows and block sums
    since it.
    """
    running_ok = not any(r.total for r in table.rows)
    out: list[Finding] = []
    items: list = []       # what the next running subtotal sums
    block: list = []       # plain rows since the last subtotal of any kind
    for row in table.rows:
        if row.total:
            continue
        if row.subtotal:
            if block:
                out += _subtotal_findings(table, row, block)
            del items[len(items) - len(block):]
            items.append(row)
            block = []
        elif running_ok and _SUBTOTAL.search(row.label):
            if items and (len(items) >= 2 or _SUBTOTAL.search(items[0].label)):
                out += _subtotal_findings(table, row, items)
            items, block = [row], []
        else:
            items.append(row)
            block.append(row)
    return out


def _subtotal_findings(table: FinancialTable, row, parts: list) -> list[Finding]:
    tol = _tolerance(table)
    unit = _unit(table)
    names = " + ".join(p.label for p in parts) if len(parts) <= 4 else f"{len(parts)} rader ovanför"
    out: list[Finding] = []
    for k, col in enumerate(table.columns):
        found = row.values[k]
        if found is None:
            continue
        vals = [p.values[k] for p in parts]
        derived = col.measure in ("deviation", "change")
        if any(v is None for v in vals) and not derived:
            continue
        expected = sum(v or 0.0 for v in vals)
        sev = grade(found - expected, tol * len(parts), tol * len(parts) + _LOOSE_MARGIN * tol / 2)
        verdict = "stämmer med" if sev == "info" else "avviker från"
        out.append(Finding(
            "subtotal", sev, table.name, row.label, expected, found,
            f"{_col_name(col)}: {row.label} ({_fmt(found, unit)}) {verdict} {names} ({_fmt(expected, unit)})",
            **at(row.lines[-1])))
    return out


def net_cost_subtotal(table: FinancialTable):
    """The income statement's net cost: the subtotal just before "Årets resultat" (None if absent)."""
    subs = [r for r in table.rows if _SUBTOTAL.search(r.label)]
    finals = [k for k, r in enumerate(subs) if _FINAL_RESULT.search(r.label)]
    if not finals or finals[-1] == 0:
        return None, None
    return subs[finals[-1] - 1], subs[finals[-1]]


def _value(table: FinancialTable, row, measure: str, year: int | None) -> float | None:
    for k, c in enumerate(table.columns):
        if c.measure == measure and c.year == year:
            return row.values[k]
    return None


def net_cost(report: Report, rr: FinancialTable | None, dr: FinancialTable | None) -> list[Finding]:
    """The header's net cost against the driftredovisning total and the income statement."""
    year = report.year
    header = report.meta.net_cost_tkr
    out: list[Finding] = []
    total = next((r for r in dr.rows if r.total), None) if dr else None
    net, final = net_cost_subtotal(rr) if rr else (None, None)

    def compare(check, table, row, expected, found, what, line):
        if expected is None or found is None:
            return
        sev = grade(found - expected, 2.0, 2.0 + _LOOSE_MARGIN)
        verdict = "stämmer med" if sev == "info" else "avviker från"
        out.append(Finding(check, sev, table, row, expected, found,
                           f"{what} ({_fmt(found)}) {verdict} nettokostnaden i sidhuvudet ({_fmt(expected)})", **at(line)))

    if header is not None and total is not None:
        v = _value(dr, total, "outcome", year)
        compare("net_cost", dr.name, total.label, header, None if v is None else abs(v),
                f"Driftredovisningens {total.label} utfall {year}", total.lines[-1])
    if header is not None and net is not None:
        v = _value(rr, net, "outcome", year)
        compare("net_cost", rr.name, net.label, header, None if v is None else abs(v),
                f"Resultaträkningens {net.label} {year}", net.lines[-1])
    if total is not None and net is not None:
        b_dr, b_rr = _value(dr, total, "budget", year), _value(rr, net, "budget", year)
        if b_dr is not None and b_rr is not None:
            out.append(_pair("net_budget", rr.name, net.label, abs(b_dr), abs(b_rr),
                             f"Resultaträkningens budget för {net.label} ({_fmt(abs(b_rr))})",
                             f"driftredovisningens budget {total.label} ({_fmt(abs(b_dr))})", net.lines[-1]))
    if total is not None and final is not None:
        s_dr, r_rr = surplus_of(dr, total, year), _value(rr, final, "outcome", year)
        if s_dr is not None and r_rr is not None:
            out.append(_pair("net_result", rr.name, final.label, s_dr, r_rr,
                             f"{final.label} ({_fmt(r_rr)})",
                             f"driftredovisningens avvikelse {total.label} ({_fmt(s_dr)})", final.lines[-1]))
    return out


def _pair(check, table, row, expected, found, what, against, line) -> Finding:
    sev = grade(found - expected, 2.0, 2.0 + _LOOSE_MARGIN)
    verdict = "stämmer med" if sev == "info" else "avviker från"
    return Finding(check, sev, table, row, expected, found, f"{what} {verdict} {against}", **at(line))


def tables_of(report: Report) -> tuple[FinancialTable | None, FinancialTable | None]:
    """(resultaträkning, driftredovisning) as the report located and split them (once)."""
    return report.financial_table("resultatrakning"), report.financial_table("driftredovisning")


def check_financial(report: Report) -> list[Finding]:
    """Every arithmetic relation of the income statement and the operating accounts."""
    rr, dr = tables_of(report)
    out: list[Finding] = []
    for table in (rr, dr):
        if table is None or not table.rows or table.spec.series:
            continue
        out += row_splits(table)
        out += row_identities(table)
        out += column_totals(table)
        out += subtotals(table)
    out += net_cost(report, rr, dr)
    return out


__all__: Sequence[str] = ["check_financial", "tables_of", "row_identities",
                          "column_totals", "subtotals", "net_cost"]
