"""The unit of a money table that states none, told from the report's own words — or left unknown.

Many tables print figures without saying "tkr" or "mnkr".  The report usually says the same figure in
its prose ("Årets resultat blev +10,4 miljoner kronor" beside a table whose total is 10 391): when a
table's figure, read in exactly one unit, equals an amount the prose states (within the prose's
rounding), that is the table's unit.  Otherwise, when every money table of the report that states a
unit states the same one, that one.  Each inference is a warning naming its basis; a table whose unit
cannot be told stays without one (and is warned about), never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kslib.parse.tables.settings import current
from kslib.diagnostics import ParseWarning
from kslib.parse.tables.model import Table
from kslib.read.source import Source
from kslib.vocab.units import MONEY_UNITS, PROSE_UNITS

# measures whose figures are amounts of money in a financial table
_MONEY_MEASURES = {"outcome", "budget", "deviation", "forecast", "previous_forecast", "income", "cost", "net",
                   "change"}
_MONEY_KINDS = {"income_statement", "operating_by_area", "investments", "balance_sheet"}
_AMOUNT = re.compile(r"(?<![\d,])(?P<num>[+\-–−]?\s?\d{1,3}(?:[  ]\d{3})*(?:,(?P<dec>\d+))?)\s+(?P<unit>"
                     + "|".join(re.escape(u) for u, _ in PROSE_UNITS) + r")\b", re.IGNORECASE)
_SCALE = {u: s for u, s in PROSE_UNITS}


@dataclass(frozen=True)
class ProseAmount:
    kronor: float          # the amount in kronor (sign dropped)
    half_step: float       # half the last printed digit, in kronor (the prose's rounding)
    text: str
    page: int | None


def prose_amounts(source: Source) -> list[ProseAmount]:
    """Every "<figure> <money unit>" the report's text states (across line breaks)."""
    out: list[ProseAmount] = []
    lines = source.lines
    for k, line in enumerate(lines):
        text = line.text + (" " + lines[k + 1].text if k + 1 < len(lines) else "")
        for m in _AMOUNT.finditer(text):
            if m.start() >= len(line.text):
                break                       # starts on the next line: found there
            digits = re.sub(r"[^\d,]", "", m.group("num"))
            value = float(digits.replace(",", "."))
            scale = _SCALE[m.group("unit").lower()]
            decimals = len(m.group("dec") or "")
            out.append(ProseAmount(value * scale, 0.5 * scale / 10 ** decimals, m.group(0), line.page))
    return out


def _significant(value: float) -> int:
    return len(str(abs(int(round(value)))).lstrip("0")) if value else 0


def _prose_unit(figures: list[float], amounts: list[ProseAmount]) -> tuple[str, float, ProseAmount] | None:
    """The one money unit in which some figure of the table equals a prose amount."""
    found: dict[str, tuple[float, ProseAmount]] = {}
    for unit, scale in MONEY_UNITS.items():
        for f in figures:
            if _significant(f) < current().unit_digits and not (f != int(f)):
                continue
            for a in amounts:
                if a.kronor and abs(abs(f) * scale - a.kronor) <= a.half_step + 1e-9 * a.kronor \
                        and a.half_step < a.kronor / 50:
                    found.setdefault(unit, (f, a))
                    break
    if len(found) != 1:
        return None
    unit, (figure, amount) = next(iter(found.items()))
    return unit, figure, amount


def _is_money_table(table: Table) -> bool:
    measures = {c.measure for c in table.columns}
    return table.kind in _MONEY_KINDS or (table.kind == "other" and bool(measures) and measures <= _MONEY_MEASURES)


def infer_units(tables: list[Table], source: Source, warnings: list[ParseWarning]) -> None:
    """Each money table that states no unit gets the one the report's own words or its other tables tell
    (``unit_basis`` ``text`` with ``unit_page``, or ``tables``), else stays without one (``unknown``); a
    warning names each inference and each unknown."""
    stated_money = {t.unit for t in tables if _is_money_table(t) and t.unit in MONEY_UNITS}
    amounts: list[ProseAmount] | None = None
    for table in tables:
        if table.unit or not _is_money_table(table):
            continue
        where = f"{table.title!r}" + (f" (s. {table.page})" if table.page else "")
        at = {"line": table.line.number, "page": table.page}
        values = [v for r in table.rows for c, v in zip(table.columns, r.values)
                  if v is not None and c.measure in _MONEY_MEASURES]
        amounts = prose_amounts(source) if amounts is None else amounts
        by_prose = _prose_unit(values, amounts)
        if by_prose:
            unit, figure, amount = by_prose
            table.unit, table.unit_basis, table.unit_page = unit, "text", amount.page
            warnings.append(ParseWarning(
                "unit-from-text", f"table {where} states no unit; read as {unit} because the report's text states "
                f"{amount.text.strip()!r}" + (f" (s. {amount.page})" if amount.page else "")
                + f", which is the table's {figure:g}", table="tables", evidence_page=amount.page or None, **at))
        elif len(stated_money) == 1:
            table.unit, table.unit_basis = next(iter(stated_money)), "tables"
            warnings.append(ParseWarning(
                "unit-from-tables", f"table {where} states no unit; read as {table.unit} because the report's "
                f"other money tables state it", table="tables", **at))
        else:
            table.unit_basis = "unknown"
            warnings.append(ParseWarning("unit-unknown", f"table {where} states no unit and none can be told "
                                         f"from the report; its figures are shown as printed", table="tables", **at))
