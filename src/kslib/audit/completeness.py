"""Tables the text cuts off: a report that ends inside a table is not a whole report."""
from __future__ import annotations

from kslib.audit.findings import Finding
from kslib.audit.tables import where


def check_completeness(report) -> list[Finding]:
    """An ``error`` for every table the text ends inside, and for every row left out as cut off."""
    out = []
    for t in report.found_tables():
        if t.complete:
            continue
        last = t.rows[-1] if t.rows else None
        line = last.line if last is not None else t.line
        out.append(Finding("table_complete", "error", t.title, "", None, None,
                           f"{where(t)} slutar vid rad {line.number} utan att tabellen avslutas; underlaget verkar "
                           f"avklippt", line=line.number, page=line.page))
        if t.cut_row is not None:
            r = t.cut_row
            out.append(Finding("table_complete", "error", t.title, r.name, None, None,
                               f"Raden {r.name!r} i {where(t, lower=True)} (rad {r.line.number}) verkar avklippt och är "
                               f"utelämnad", line=r.line.number, page=r.line.page))
    cut = report.table("goals").attrs.get("cut_off")
    if cut:
        out.append(Finding("table_complete", "error", "goals", "", None, None,
                           f"Delmålstabellen slutar vid rad {cut['line']} utan att tabellen avslutas; underlaget verkar "
                           f"avklippt", line=cut["line"], page=cut["page"]))
    return out
