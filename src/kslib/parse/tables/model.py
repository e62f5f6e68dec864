"""The one table type: a table found in a report, its columns and rows, whatever its layout or title.

Every reader of tables produces these; the catalog, the views (resultaträkning, driftredovisning,
nyckeltal), the audit and the pages read them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kslib.diagnostics import ParseWarning
from kslib.parse.tables.cells import Choice, cell_note
from kslib.read.source import Line
from kslib.vocab.rows import join_code


@dataclass
class Column:
    """A column of figures: its header words, column group, measure and year."""

    label: str
    group: str | None
    measure: str
    year: int | None
    x0: float = 0.0
    x1: float = 0.0
    note: bool = False                # a note-reference column ("Not"): no figures of the table
    base_year: int | None = None      # a change column: the earlier year ("Bokslut 2020/2019")

    @property
    def key(self) -> str:
        """``outcome_2020``, ``change_2020_2019``, ``deviation`` (no year)."""
        if self.measure == "change" and self.base_year:
            return f"change_{self.year}_{self.base_year}"
        return f"{self.measure}_{self.year}" if self.year else self.measure


@dataclass
class Row:
    """A row: its label (``code`` apart: "910" of "910 Skolan"), kind, one value per column (None = blank),
    what each cell printed, the readings of its figures that were chosen among, and the lines it stands on."""

    label: str
    kind: str                         # row, category, subtotal, total
    values: list[float | None]
    line: Line                        # the line of its figures (or of its label, for a category)
    printed: list[str | None] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list, repr=False)
    malformed: list[str] = field(default_factory=list, repr=False)
    code: str | None = None
    lines: list[Line] = field(default_factory=list, repr=False)     # every line of the row (wrapped labels)
    unplaced: list[str] = field(default_factory=list, repr=False)   # figures standing between two columns

    @property
    def name(self) -> str:
        """Code and label as printed (``"100 Politisk ledning"``)."""
        return join_code(self.code, self.label)

    def note(self, k: int) -> str | None:
        """What cell ``k`` printed besides a figure: a footnote mark ("644*" → "*") or its text ("Stängt")."""
        return cell_note(self.printed[k]) if k < len(self.printed) else None

    @property
    def undecided(self) -> bool:
        """True when only plausibility chose among readings of the row's figures (no identity, no sum)."""
        return any(c.split.decided_by == "plausibility" for c in self.choices)


@dataclass
class Table:
    """A table found in the report: title, unit, columns and rows, where it stands, and what kind it is."""

    title: str
    unit: str | None
    columns: list[Column]
    rows: list[Row]
    line: Line                        # the first header line (or first row)
    kind: str = "other"
    id: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)
    deviation_sign: int = 1           # +1: deviation = budget − outcome; −1: outcome − budget (as the rows keep it)
    complete: bool = True             # False when the text ends inside the table
    unit_basis: str = "printed"       # printed, text (the prose states it), tables (the other tables), unknown
    unit_page: int | None = None      # the page of the prose that told the unit (unit_basis "text")
    cut_row: Row | None = None        # the last row, left out as cut off mid-line (the text ends inside the table)

    @property
    def page(self) -> int | None:
        return self.line.page

    @property
    def decimals(self) -> int:
        """The most decimals any figure of the table is printed with."""
        out = 0
        for r in self.rows:
            for p in r.printed:
                if p and "," in p:
                    out = max(out, len(re.sub(r"\D+$", "", p.split(",")[-1])))
        return out

    def column(self, measure: str, year: int | None, group: str | None = None) -> int | None:
        """The index of the first column of ``measure`` and ``year`` (and ``group``, when given)."""
        return next((k for k, c in enumerate(self.columns) if c.measure == measure and c.year == year
                     and (group is None or c.group == group)), None)
