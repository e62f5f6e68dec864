"""Tables the text cuts off: a report that ends inside a table is not a whole report."""
from __future__ import annotations

from kslib.audit.findings import Finding

_CUT = {
    "table-incomplete": "Tabellen {table} slutar vid rad {line} utan att tabellen avslutas; underlaget verkar avklippt",
    "row-cut-off": "Raden {row!r} i {table} (rad {line}) verkar avklippt och är utelämnad",
}


def check_completeness(report) -> list[Finding]:
    """An ``error`` for every table the text ends inside, and for every row left out as cut off."""
    out = []
    for w in report.warnings_of(*_CUT):
        out.append(Finding("table_complete", "error", w.table, w.row, None, None,
                           _CUT[w.code].format(table=w.table, row=w.row, line=w.line), line=w.line, page=w.page))
    return out
