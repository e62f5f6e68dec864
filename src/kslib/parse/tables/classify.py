"""What kind of table a table is, from the vocabulary of its title, rows and columns (:mod:`kslib.vocab.kinds`).

A known title is evidence, not a requirement: a table titled "Driftredovisning" with outcome and budget
columns is the outcome per area whatever its rows; one without such a title is, when its rows are coded
units or four or more.
"""
from __future__ import annotations

from kslib.vocab import kinds as kw
from kslib.vocab.rows import CODED


def _is_result_summary(labels: list[str]) -> bool:
    return all(any(p.match(lab) for lab in labels) for p in (kw.INCOME_ROW, kw.COST_ROW, kw.RESULT_ROW))


def classify(table) -> str:
    """One of :data:`kslib.vocab.kinds.KINDS`."""
    labels = [r.name for r in table.rows]
    text = " ".join([table.title, *labels])
    measures = {c.measure for c in table.columns}
    money = {"outcome", "net"} & measures and {"budget", "deviation"} & measures
    # the title, where it names the kind
    if kw.INVESTMENTS.search(table.title):
        return "investments"
    if kw.INCOME_STATEMENT_TITLE.search(table.title):
        return "income_statement"
    if money and kw.OPERATING_TITLE.search(table.title):
        return "operating_by_area"
    if kw.KEY_FIGURES_TITLE.search(table.title) and not money and not kw.STAFF.search(table.title):
        return "key_figures"
    # else the rows and columns
    if len(kw.BALANCE.findall(text)) >= 2 and {"outcome", "budget"} - measures:
        return "balance_sheet"
    if len(kw.INCOME_STATEMENT.findall(text)) >= 2 or _is_result_summary(labels):
        return "income_statement"
    if kw.STAFF.search(text) and not {"budget", "deviation"} & measures:
        return "staff"
    coded = sum(1 for lab in labels if CODED.match(lab))
    if money and (coded >= max(2, len(labels) // 2) or len(labels) >= 4):
        return "operating_by_area"
    if "target" in measures:
        return "indicators"
    years = {c.year for c in table.columns}
    if (len(years) >= 2 and len(measures) == 1) or (kw.KEY_FIGURES_TITLE.search(table.title) and not money):
        return "key_figures"
    return "other"
