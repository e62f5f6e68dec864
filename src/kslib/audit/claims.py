"""Prose claims about budget deviations against the driftredovisning."""
from __future__ import annotations

from kslib.fmt import format_number
from kslib.parse.prose.budget_claims import Claim, read_budget_claims
from kslib.parse.report import Report
from kslib.audit.findings import Finding, at, grade
from kslib.parse.tables.model import Table
from kslib.parse.tables.views import surplus

_WORD = {1: "överskott", -1: "underskott"}


def _amount(claim: Claim) -> str:
    return f"{format_number(abs(claim.amount), decimals=claim.decimals)} {claim.unit}"


def _tkr(value: float) -> str:
    return f"{format_number(abs(value))} tkr"


def check_claim(claim: Claim, table: Table, year: int | None) -> Finding:
    """One claim against its row: sign first, then size within the rounding of the unit the prose uses."""
    name = f"{claim.row_code} {claim.row_label}" if claim.row_code else (claim.row_label or "")
    where = at(claim.line)
    if claim.target == "part":
        return Finding("budget_claim", "info", table.title, name, None, claim.surplus_tkr,
                       f"Texten anger {claim.phrase!r} för en del av programområdet {name}; "
                       f"det kan inte kontrolleras mot tabellen", **where)
    row = _find_row(table, claim)
    if row is None:
        return Finding("budget_claim", "warning", table.title, name, None, claim.surplus_tkr,
                       f"Texten anger {claim.phrase!r} men raden {name} finns inte i tabellen", **where)
    expected = surplus(table, row, year) if year is not None else None
    if expected is None:
        return Finding("budget_claim", "warning", table.title, name, None, claim.surplus_tkr,
                       f"Texten anger {claim.phrase!r} men tabellen saknar avvikelse för {name}", **where)
    table_word = _WORD[1] if expected > 0 else _WORD[-1]
    said = f"Texten anger {_WORD[claim.direction]} {_amount(claim)} för {name}"
    if expected != 0 and (expected > 0) != (claim.direction > 0):
        return Finding("budget_claim", "error", table.title, name, expected, claim.surplus_tkr,
                       f"{said}, men tabellen visar {table_word} {_tkr(expected)} (fel tecken)", **where)
    tol = claim.tolerance_tkr
    sev = grade(claim.surplus_tkr - expected, tol, 2 * tol)
    if sev == "info":
        msg = f"{said}; det stämmer med tabellens {table_word} {_tkr(expected)}"
    elif sev == "warning":
        msg = f"{said}; tabellen visar {table_word} {_tkr(expected)} (nära, men utanför avrundningen)"
    else:
        msg = f"{said}, men tabellen visar {table_word} {_tkr(expected)}"
    return Finding("budget_claim", sev, table.title, name, expected, claim.surplus_tkr, msg, **where)


def _find_row(table: Table, claim: Claim):
    if claim.target == "total":
        return next((r for r in table.rows if r.kind == "total"), None)
    for r in table.rows:
        if r.kind != "total" and claim.row_code and r.code == claim.row_code:
            return r
    for r in table.rows:
        if r.kind != "total" and r.label == claim.row_label:
            return r
    return None


def check_claims(report: Report) -> list[Finding]:
    """Every deviation claim of the programme-area commentary against the outcome per area (driftredovisning)."""
    table = report.view_table("driftredovisning")
    if table is None or not table.rows:
        return []
    frame = report.table("driftredovisning")
    claims = read_budget_claims(report.source, frame)
    return [check_claim(c, table, report.year) for c in claims]
