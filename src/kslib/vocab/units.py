"""Units of the field: what a title, header, caption or prose names, their scale in kronor, and the
Swedish words the pages use for them."""
from __future__ import annotations

import re

# a unit as a title, header or caption prints it
_UNIT = re.compile(r"\b(tkr|mnkr|mkr|kr|tusentals\s+kronor|tusen\s+kronor|miljoner\s+kronor|procent|%|antal)\b|%"
                   r"|\b(antal)(?:uppgifter|et)\b", re.IGNORECASE)
_UNIT_NAMES = {"tkr": "tkr", "mnkr": "mnkr", "mkr": "mnkr", "kr": "kr", "tusentals kronor": "tkr",
               "tusen kronor": "tkr", "miljoner kronor": "mnkr", "procent": "%", "%": "%", "antal": "st"}
# a unit printed with a single figure ("1 234 tkr", "5 st")
FIGURE_UNITS = {"tkr": "tkr", "mnkr": "mnkr", "mkr": "mnkr", "kr": "kr", "%": "%", "procent": "%",
                "st": "st", "st.": "st"}
# money units and their worth in kronor
MONEY_UNITS = {"kr": 1.0, "tkr": 1e3, "mnkr": 1e6}
# amounts as prose states them ("10,4 miljoner kronor"), longest first, with their worth in kronor
PROSE_UNITS = (("miljarder kronor", 1e9), ("miljoner kronor", 1e6), ("miljoner", 1e6), ("mnkr", 1e6),
               ("mkr", 1e6), ("miljarder", 1e9), ("tusen kronor", 1e3), ("tusentals kronor", 1e3),
               ("tkr", 1e3), ("kronor", 1.0), ("kr", 1.0))
# amounts in thousands of kronor per printed unit (the series across reports are kept in tkr)
TKR_FACTORS = {"tkr": 1, "tusentals kronor": 1, "tusen kronor": 1, "mnkr": 1000, "mkr": 1000,
               "miljoner kronor": 1000, "kr": 0.001, "kronor": 0.001}
# counts: their sums are exact, no rounding
EXACT_UNITS = ("antal", "st", "personer", "pers")
# what the pages call a unit (column headers) and how a sentence names it
UNIT_HEADERS_SV = {"tkr": "tkr", "kr": "kr", "%": "%", "pe": "procentenheter", "mnkr": "mnkr", "st": "antal",
                   "antal": "antal"}
UNIT_WORDS_SV = {"tkr": "tusen kronor (tkr)", "mnkr": "miljoner kronor (mnkr)", "kr": "kronor"}


def unit_of(text: str) -> str | None:
    """The unit a title, caption or header names (``"Belopp i tkr"`` → ``"tkr"``), or None."""
    m = _UNIT.search(text)
    if not m:
        return None
    key = re.sub(r"\s+", " ", (m.group(1) or m.group(2) or "%").lower())
    return _UNIT_NAMES.get(key)


def is_unit_word(word: str) -> bool:
    """A word that only names a unit (``tkr``, ``Mnkr``, ``%``)."""
    return word.strip(",.:;()").lower() in _UNIT_NAMES


_COUNT_LABEL = re.compile(r"^antal\b", re.IGNORECASE)


def row_unit(label: str, printed: list, table_unit: str | None) -> str | None:
    """A row's unit: per cent where every figure it prints carries "%", a count where the table states no unit
    and the label says what it counts ("Antal elever"), else the table's."""
    shown = [p for p in printed if p]
    if shown and all(str(p).rstrip("*").endswith("%") for p in shown):
        return "%"
    if table_unit is None and _COUNT_LABEL.match(label.strip()):
        return "st"
    return table_unit
