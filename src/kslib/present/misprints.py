"""Figures the audit shows to be misprinted, and the value the table's own sums imply.

A cell is taken as misprinted only when two independent facts agree: its printed text is no well-formed
figure (the catalog's ``printed``, e.g. ``"-7 73"``), and the audit found a sum of the same
table that fails (an error finding) by exactly the amount that turns the printed digits into a figure
that begins with them (``-773`` + the sum's gap ``-6 965`` = ``-7 738``: a dropped digit).  Anything
less certain is not corrected.  Pages quote the printed figure beside the implied one; nothing here
changes the processed data.  Pure pandas.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from kslib import fmt
from kslib.parse.numbers import parse_numeral

_MEASURE_SV = {"outcome": "Utfall", "budget": "Budget", "forecast": "Prognos"}


@dataclass(frozen=True)
class Misprint:
    """One cell printed wrongly: where, as printed, and the value the table's sums imply."""

    table: str            # the catalog's table id ("t1")
    title: str            # the table's title
    row: str              # the row label as printed
    measure: str          # outcome, budget, …
    year: int
    printed: str          # the cell's text as printed ("-7 73")
    value: float          # the value read from it (-773)
    implied: float        # the value the sums imply (-7 738)
    page: int | None

    def note(self) -> str:
        """``"Budget 2023 för Övriga kostnader är tryckt som −7 73 i rapporten; kolumnens summa ger −7 738."``"""
        printed = self.printed.strip().replace("-", "\u2212")
        column = f"{_MEASURE_SV.get(self.measure, self.measure.capitalize())} {self.year}"
        where = f" (s. {self.page})" if self.page else ""
        return (f"{column} för {plain_label(self.row)} är tryckt som {printed} i rapporten{where}; "
                f"kolumnens summa ger {fmt.format_number(self.implied)}.")


def plain_label(label: str) -> str:
    """A row label without its footnote mark (``"Övriga kostnader*"`` → ``"Övriga kostnader"``)."""
    return re.sub(r"\s*\*+$", "", str(label)).strip()


def _digits(value: float) -> str:
    return str(abs(int(round(value))))


def _malformed(printed) -> bool:
    """A cell's printed digits that no grouping reads as one figure ("-7 73")."""
    if not isinstance(printed, str) or not re.search(r"\d", printed):
        return False
    try:
        parse_numeral(printed)
    except ValueError:
        return True
    return False


def find_misprints(catalog: pd.DataFrame, checks: pd.DataFrame) -> list[Misprint]:
    """Each cell of ``catalog`` printed as no well-formed figure that a failed sum of its table corrects to a
    figure beginning with the printed digits."""
    if catalog is None or catalog.empty or checks is None or checks.empty or "printed" not in catalog:
        return []
    failed = checks[(checks["severity"].astype(str) == "error")]
    out: list[Misprint] = []
    for _, cell in catalog[catalog["printed"].map(_malformed) & catalog["year"].notna()
                           & catalog["value"].notna()].iterrows():
        printed, value = str(cell["printed"]), float(cell["value"])
        sums = failed[failed["table"].astype(str) == str(cell["title"])]
        gaps = (pd.to_numeric(sums["found"], errors="coerce") - pd.to_numeric(sums["expected"], errors="coerce"))
        implied = [value + g for g in gaps.dropna() if g]
        implied = [v for v in implied if (v < 0) == (value < 0) and len(_digits(v)) > len(_digits(value))
                   and _digits(v).startswith(_digits(value))]
        if len(set(implied)) != 1:
            continue
        out.append(Misprint(str(cell["table"]), str(cell["title"]), str(cell["row"]), str(cell["measure"]),
                            int(cell["year"]), printed, value, float(implied[0]),
                            None if pd.isna(cell["page"]) else int(cell["page"])))
    return out


def corrected(view, misprints: list[Misprint]):
    """``view`` (a :class:`kslib.present.areas.FinancialView`) with each misprinted outcome or budget of
    its table replaced by the implied value and that row's ``surplus_<year>`` recomputed in the table's
    own convention; the view itself when nothing applies."""
    if view is None or not misprints:
        return view
    wide = view.wide.copy()
    names = (wide["row_code"].astype("string").fillna("") + " " + wide["row_label"].astype(str)).str.strip()
    changed = False
    for m in misprints:
        if m.table != getattr(view, "table", None) or m.measure not in ("outcome", "budget"):
            continue
        column = f"{m.measure}_{m.year}"
        if column not in wide:
            continue
        hit = wide.index[((names == m.row) | (wide["row_label"].astype(str) == m.row))
                         & (pd.to_numeric(wide[column], errors="coerce") == m.value)]
        if len(hit) != 1:
            continue
        i = hit[0]
        surplus, outcome, budget = (wide.at[i, c] if c in wide else None
                                    for c in (f"surplus_{m.year}", f"outcome_{m.year}", f"budget_{m.year}"))
        wide.at[i, column] = m.implied
        if surplus is not None and not pd.isna(surplus) and not pd.isna(outcome) and not pd.isna(budget):
            sign = 1.0 if abs(surplus - (outcome - budget)) <= abs(surplus + (outcome - budget)) else -1.0
            new_outcome, new_budget = wide.at[i, f"outcome_{m.year}"], wide.at[i, f"budget_{m.year}"]
            wide.at[i, f"surplus_{m.year}"] = sign * (new_outcome - new_budget)
        changed = True
    return replace(view, wide=wide) if changed else view


def notes_for(views, misprints: list[Misprint]) -> list[str]:
    """The Swedish notes of the misprints in the tables of ``views`` (FinancialViews, None skipped)."""
    tables = {getattr(v, "table", None) for v in views if v is not None}
    return [m.note() for m in misprints if m.table in tables]
