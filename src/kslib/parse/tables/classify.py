"""What kind of table a discovered table is, from the vocabulary of its rows, columns and title."""
from __future__ import annotations

import re

_INCOME_STATEMENT = re.compile(r"verksamhetens\s+(?:intäkter|kostnader)|årets\s+resultat|periodens\s+resultat"
                               r"|resultaträkning|finansnetto|summa\s+(?:intäkter|kostnader)|totala\s+(?:intäkter|kostnader)",
                               re.I)
_BALANCE = re.compile(r"tillgångar|skulder|eget\s+kapital|balansräkning", re.I)
_INVEST = re.compile(r"investering", re.I)
_STAFF = re.compile(r"personal|anställda|årsarbetare|sjukfrånvaro|medarbetare|chefer", re.I)
_CODED = re.compile(r"^\d{2,6}\s+\S")
# a summary of results: rows of income, of costs and a result ("Intäkter", "Kostnader", "Resultat")
_INCOME_ROW = re.compile(r"^(?:summa\s+|totala\s+|verksamhetens\s+)?intäkter\b", re.I)
_COST_ROW = re.compile(r"^(?:summa\s+|totala\s+|verksamhetens\s+)?kostnader\b", re.I)
_RESULT_ROW = re.compile(r"^(?:årets\s+|periodens\s+)?resultat\b", re.I)


def _is_result_summary(labels: list[str]) -> bool:
    return all(any(p.match(lab) for lab in labels) for p in (_INCOME_ROW, _COST_ROW, _RESULT_ROW))


def classify(table) -> str:
    """One of income_statement, operating_by_area, investments, balance_sheet, key_figures,
    indicators, staff, other."""
    labels = [r.name for r in table.rows]
    text = " ".join([table.title, *labels])
    measures = {c.measure for c in table.columns}
    if len(_BALANCE.findall(text)) >= 2 and {"outcome", "budget"} - measures:
        return "balance_sheet"
    if _INVEST.search(table.title):
        return "investments"
    if (len(_INCOME_STATEMENT.findall(text)) >= 2 or re.search(r"resultaträkning", table.title, re.I)
            or _is_result_summary(labels)):
        return "income_statement"
    if _STAFF.search(text) and not {"budget", "deviation"} & measures:
        return "staff"
    coded = sum(1 for lab in labels if _CODED.match(lab))
    if ({"outcome", "net"} & measures and {"budget", "deviation"} & measures
            and (coded >= max(2, len(labels) // 2) or len(labels) >= 4)):
        return "operating_by_area"
    if "target" in measures:
        return "indicators"
    years = {c.year for c in table.columns}
    if len(years) >= 2 and len(measures) == 1:
        return "key_figures"
    return "other"
