"""The report's economy across its tables: the net cost the front matter states against the outcome per
area's total and the income statement's net cost, their budgets, and the result against the deviation."""
from __future__ import annotations

from kslib.audit.findings import Finding, grade
from kslib.audit.tables import where
from kslib.fmt import format_number
from kslib.parse.report import Report
from kslib.parse.tables.model import Row, Table
from kslib.parse.tables.views import surplus
from kslib.vocab.rows import FINAL_RESULT, RUNNING_SUBTOTAL

_TOLERANCE = 2.0        # tkr: two independently rounded figures
_LOOSE = 5.0            # beyond the tolerance up to this is a warning


def _fmt(value: float | None, unit: str | None = "tkr") -> str:
    if value is None:
        return "–"
    text = format_number(value, decimals=0 if float(value).is_integer() else 1)
    return f"{text} {unit}" if unit else text


def net_cost_rows(table: Table) -> tuple[Row | None, Row | None]:
    """The income statement's net cost (the running subtotal just before the year's result) and that result."""
    subs = [r for r in table.rows if RUNNING_SUBTOTAL.search(r.label)]
    finals = [k for k, r in enumerate(subs) if FINAL_RESULT.search(r.label)]
    if not finals or finals[-1] == 0:
        return None, None
    return subs[finals[-1] - 1], subs[finals[-1]]


def _value(table: Table, row: Row, measure: str, year: int | None) -> float | None:
    k = table.column(measure, year)
    return None if k is None else row.values[k]


def _tkr(table: Table) -> bool:
    return table.unit in (None, "tkr")


def check_economy(report: Report) -> list[Finding]:
    """The header's net cost against the outcome per area's total and the income statement's net cost; the two
    tables' budgets and the result against the deviation (tables in tkr)."""
    year = report.year
    header = report.meta.net_cost_tkr
    rr, dr = report.view_table("resultatrakning"), report.view_table("driftredovisning")
    rr = rr if rr is not None and _tkr(rr) else None
    dr = dr if dr is not None and _tkr(dr) else None
    total = next((r for r in dr.rows if r.kind == "total"), None) if dr else None
    net, final = net_cost_rows(rr) if rr else (None, None)
    out: list[Finding] = []

    def pair(check: str, table: Table, row: Row, expected, found, what: str, against: str) -> None:
        if expected is None or found is None:
            return
        sev = grade(found - expected, _TOLERANCE, _TOLERANCE + _LOOSE)
        verdict = "stämmer med" if sev == "info" else "avviker från"
        out.append(Finding(check, sev, table.title, row.name, expected, found, f"{what} {verdict} {against}",
                           line=row.line.number, page=row.line.page))

    if header is not None and total is not None:
        v = _value(dr, total, "outcome", year)
        pair("net_cost", dr, total, header, None if v is None else abs(v),
             f"{where(dr)}: {total.name} utfall {year} ({_fmt(None if v is None else abs(v))})",
             f"nettokostnaden i sidhuvudet ({_fmt(header)})")
    if header is not None and net is not None:
        v = _value(rr, net, "outcome", year)
        pair("net_cost", rr, net, header, None if v is None else abs(v),
             f"{where(rr)}: {net.name} {year} ({_fmt(None if v is None else abs(v))})",
             f"nettokostnaden i sidhuvudet ({_fmt(header)})")
    if total is not None and net is not None:
        b_dr, b_rr = _value(dr, total, "budget", year), _value(rr, net, "budget", year)
        if b_dr is not None and b_rr is not None:
            pair("net_budget", rr, net, abs(b_dr), abs(b_rr), f"{where(rr)}: budget för {net.name} ({_fmt(abs(b_rr))})",
                 f"{where(dr, lower=True)}s budget {total.name} ({_fmt(abs(b_dr))})")
    if total is not None and final is not None:
        s_dr, r_rr = surplus(dr, total, year), _value(rr, final, "outcome", year)
        if s_dr is not None and r_rr is not None:
            pair("net_result", rr, final, s_dr, r_rr, f"{where(rr)}: {final.name} ({_fmt(r_rr)})",
                 f"avvikelsen {total.name} i {where(dr, lower=True)} ({_fmt(s_dr)})")
    return out
