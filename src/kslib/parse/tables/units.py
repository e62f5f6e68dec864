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

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.read.source import Source

MONEY_UNITS = {"kr": 1.0, "tkr": 1e3, "mnkr": 1e6}
# measures whose figures are amounts of money in a financial table
_MONEY_MEASURES = {"outcome", "budget", "deviation", "forecast", "previous_forecast", "income", "cost", "net",
                   "change"}
_MONEY_KINDS = {"income_statement", "operating_by_area", "investments", "balance_sheet"}
_PROSE_UNITS = (("miljarder kronor", 1e9), ("miljoner kronor", 1e6), ("miljoner", 1e6), ("mnkr", 1e6),
                ("mkr", 1e6), ("miljarder", 1e9), ("tusen kronor", 1e3), ("tusentals kronor", 1e3),
                ("tkr", 1e3), ("kronor", 1.0), ("kr", 1.0))
_AMOUNT = re.compile(r"(?<![\d,])(?P<num>[+\-–−]?\s?\d{1,3}(?:[  ]\d{3})*(?:,(?P<dec>\d+))?)\s+(?P<unit>"
                     + "|".join(re.escape(u) for u, _ in _PROSE_UNITS) + r")\b", re.IGNORECASE)
_SCALE = {u: s for u, s in _PROSE_UNITS}
_MIN_DIGITS = 3        # a table figure must have this many significant digits to identify a unit


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
            if _significant(f) < _MIN_DIGITS and not (f != int(f)):
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


def _is_money_table(cells: pd.DataFrame) -> bool:
    kind = str(cells["kind"].iloc[0])
    measures = set(cells["measure"].dropna())
    return kind in _MONEY_KINDS or (kind == "other" and bool(measures)
                                    and measures <= _MONEY_MEASURES | {"surplus"})


def _where(cell: pd.Series) -> dict:
    return {"line": int(cell["line"]) if pd.notna(cell["line"]) else None,
            "page": int(cell["page"]) if pd.notna(cell["page"]) else None}


def infer_units(frame: pd.DataFrame, source: Source, warnings: list[ParseWarning]) -> pd.DataFrame:
    """``frame`` (the catalog) with the unit of each money table that states none filled in where the
    report's own words or its other tables tell it; a warning for each inference and each unknown."""
    if frame.empty:
        return frame
    stated = {t: set(c["unit"].dropna()) for t, c in frame.groupby("table", sort=False)}
    money = {t for t, c in frame.groupby("table", sort=False) if _is_money_table(c)}
    stated_money = {u for t in money for u in stated[t] if u in MONEY_UNITS}
    amounts: list[ProseAmount] | None = None
    frame = frame.copy()
    for table, cells in frame.groupby("table", sort=False):
        if table not in money or stated[table]:
            continue
        first = cells.iloc[0]
        where = f"{first['title']!r}" + (f" (s. {int(first['page'])})" if pd.notna(first["page"]) else "")
        values = cells.loc[cells["measure"].isin(_MONEY_MEASURES), "value"].dropna().tolist()
        amounts = prose_amounts(source) if amounts is None else amounts
        by_prose = _prose_unit(values, amounts)
        if by_prose:
            unit, figure, amount = by_prose
            code, evidence = "unit-from-text", amount.page or None
            basis = (f"the report's text states {amount.text.strip()!r}"
                     + (f" (s. {amount.page})" if amount.page else "") + f", which is the table's {figure:g}")
        elif len(stated_money) == 1:
            unit = next(iter(stated_money))
            code, evidence = "unit-from-tables", None
            basis = "the report's other money tables state it"
        else:
            warnings.append(ParseWarning("unit-unknown", f"table {where} states no unit and none can be told "
                                         f"from the report; its figures are shown as printed",
                                         table="tables", **_where(first)))
            continue
        frame.loc[frame["table"] == table, "unit"] = unit
        warnings.append(ParseWarning(code, f"table {where} states no unit; read as {unit} because {basis}",
                                     table="tables", evidence_page=evidence, **_where(first)))
    return frame
