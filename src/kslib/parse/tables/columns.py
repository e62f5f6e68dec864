"""Column headers of financial tables: which measure and which year each column holds.

Headers wrap over several lines in a text layer ("Bokslut" / "2020" /
"Avvikelse" / "budget" …); :func:`parse_header` reads the words in order and
returns one :class:`Column` per column.  Vocabulary covered: Bokslut / Utfall,
Budget, Avvikelse / Budgetavvikelse / Avvikelse (mot) budget / Återstår,
Prognos, Förändring, year pairs (``2020/2019``) as change columns, and bare years
as one outcome column per year (in either order).

Where the PDF gives word positions, :func:`kslib.parse.tables.positions.header_columns`
groups the header words into cells by their x-extent and reads each cell with
:func:`parse_cell`; the columns then carry their extent (``x0``, ``x1``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MEASURE_WORDS = {
    "bokslut": "outcome", "utfall": "outcome", "utfall/bokslut": "outcome", "bokslut/utfall": "outcome",
    "budget": "budget", "prognos": "forecast", "helårsprognos": "forecast", "årsprognos": "forecast",
    "avvikelse": "deviation", "budgetavvikelse": "deviation", "återstår": "deviation", "avv": "deviation",
    "prognosavvikelse": "deviation",
    "förändring": "change", "diff": "change", "differens": "change",
}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEAR_PAIR = re.compile(r"^((?:19|20)\d\d)\s*[/-]\s*((?:19|20)\d\d)$")
# words that may stand in a header without starting a column
_FILLER = {"mot", "tkr", "mnkr", "kr", "belopp", "år", "helår", "jmf", "jämfört", "med", "i", "*", "**",
           "mkr"}


@dataclass(frozen=True)
class Column:
    """One numeric column of a table."""

    measure: str                 # outcome, budget, deviation, change, forecast
    year: int | None             # the year the figure belongs to (change: the later year)
    base_year: int | None = None  # change columns: the earlier year
    label: str = ""              # header words as printed
    x0: float | None = None      # PDF: the header cell's horizontal extent (points)
    x1: float | None = None

    @property
    def centre(self) -> float | None:
        return None if self.x0 is None or self.x1 is None else (self.x0 + self.x1) / 2

    @property
    def key(self) -> str:
        """A short unique-ish name, e.g. ``outcome_2020`` or ``change_2020_2019``."""
        if self.measure == "change" and self.base_year:
            return f"change_{self.year}_{self.base_year}"
        return f"{self.measure}_{self.year}" if self.year else self.measure


def is_header_word(word: str) -> bool:
    """True for words that may appear in a column header."""
    w = word.strip(",.:;()").lower()
    return (w in _MEASURE_WORDS or w in _FILLER or bool(_YEAR.match(w)) or bool(_YEAR_PAIR.match(w))
            or w == "")


def parse_header(words: list[str], *, default_year: int | None = None) -> list[Column]:
    """Columns from a header's words in reading order.

    >>> [c.key for c in parse_header("Bokslut 2020 Budget 2020 Avvikelse budget Bokslut 2019 Bokslut 2020/2019".split())]
    ['outcome_2020', 'budget_2020', 'deviation_2020', 'outcome_2019', 'change_2020_2019']
    """
    cols: list[dict] = []
    for raw in words:
        w = raw.strip(",.:;()").lower()
        pair = _YEAR_PAIR.match(w)
        if w in _MEASURE_WORDS:
            measure = _MEASURE_WORDS[w]
            cur = cols[-1] if cols else None
            # "Avvikelse budget" / "Avvikelse mot budget": the budget word belongs to the deviation
            if cur and cur["measure"] == "deviation" and measure == "budget" and cur["year"] is None \
                    and not cur["absorbed"]:
                cur["absorbed"] = True
                cur["label"] += f" {raw}"
                continue
            cols.append({"measure": measure, "year": None, "base": None, "label": raw, "absorbed": False})
        elif pair:
            later, earlier = sorted((int(pair.group(1)), int(pair.group(2))), reverse=True)
            if cols and cols[-1]["year"] is None:
                cols[-1].update(measure="change", year=later, base=earlier)
                cols[-1]["label"] += f" {raw}"
            else:
                cols.append({"measure": "change", "year": later, "base": earlier, "label": raw, "absorbed": True})
        elif _YEAR.match(w):
            year = int(w)
            if cols and cols[-1]["year"] is None:
                cols[-1]["year"] = year
                cols[-1]["label"] += f" {raw}"
            else:  # years as columns: "Bokslut 2020 2019 2018" or a bare "2016 2017 …"
                measure = cols[-1]["measure"] if cols else "outcome"
                cols.append({"measure": measure, "year": year, "base": None, "label": raw, "absorbed": True})
    out: list[Column] = []
    budget_year = next((c["year"] for c in cols if c["measure"] == "budget" and c["year"]), None)
    outcome_year = next((c["year"] for c in cols if c["measure"] == "outcome" and c["year"]), None)
    for c in cols:
        year = c["year"]
        if year is None:
            year = budget_year or outcome_year or default_year
        out.append(Column(c["measure"], year, c["base"], c["label"]))
    return out


def parse_cell(words: list[str]) -> dict | None:
    """One header cell's words (stacked or side by side) as one column, unresolved year.

    ``["Avvikelse", "mot", "budget"]`` → deviation; ``["Bokslut", "2020/2019"]`` →
    change 2020 over 2019; ``["2018"]`` → outcome 2018; ``["tkr"]`` → None.
    Returns a dict ``measure, year, base, label`` (year None when the cell has none).
    """
    measures, years, pair = [], [], None
    for raw in words:
        w = raw.strip(",.:;()").lower()
        if w in _MEASURE_WORDS:
            measures.append(_MEASURE_WORDS[w])
        elif _YEAR_PAIR.match(w):
            pair = _YEAR_PAIR.match(w)
        elif _YEAR.match(w):
            years.append(int(w))
    label = " ".join(words)
    if pair:
        later, earlier = sorted((int(pair.group(1)), int(pair.group(2))), reverse=True)
        return {"measure": "change", "year": later, "base": earlier, "label": label}
    if not measures and not years:
        return None
    if "deviation" in measures:
        measure = "deviation"
    elif "change" in measures:
        measure = "change"
    else:
        measure = measures[0] if measures else "outcome"
    return {"measure": measure, "year": years[0] if years else None, "base": None, "label": label}


def resolve_years(cells: list[dict], *, default_year: int | None = None) -> list[Column]:
    """Columns from parsed cells: a cell without a year takes the budget's, else the outcome's year."""
    budget_year = next((c["year"] for c in cells if c["measure"] == "budget" and c["year"]), None)
    outcome_year = next((c["year"] for c in cells if c["measure"] == "outcome" and c["year"]), None)
    out = []
    for c in cells:
        year = c["year"] or budget_year or outcome_year or default_year
        out.append(Column(c["measure"], year, c["base"], c["label"], c.get("x0"), c.get("x1")))
    return out
