"""The one table type: a table found in a report, its columns and rows, whatever its layout or title.

Every reader of tables produces these; the catalog, the views (resultaträkning, driftredovisning,
nyckeltal), the audit and the pages read them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from kslib.diagnostics import ParseWarning
from kslib.parse.tables.cells import Choice
from kslib.read.source import Line


@dataclass
class Column:
    label: str
    group: str | None
    measure: str
    year: int | None
    x0: float = 0.0
    x1: float = 0.0
    note: bool = False


@dataclass
class Row:
    label: str
    kind: str                         # row, category, subtotal, total
    values: list[float | None]
    line: Line
    printed: list[str | None] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list, repr=False)
    malformed: list[str] = field(default_factory=list, repr=False)


@dataclass
class Table:
    title: str
    unit: str | None
    columns: list[Column]
    rows: list[Row]
    line: Line                        # the first header line (or first row)
    kind: str = "other"
    id: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def page(self) -> int | None:
        return self.line.page

