"""Warnings raised while reading a report: never a silent guess."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class ParseWarning:
    """Something the reader could not decide or had to leave out, and where."""

    code: str                 # e.g. "ambiguous-split", "table-incomplete", "unplaced-figure"
    message: str              # English, one line, names the row and the alternatives
    table: str = ""
    row: str = ""
    line: int | None = None
    page: int | None = None
    evidence_page: int | None = None   # the page of what decided a reading, where not the item's own

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else ""
        if self.page:
            where += f" (page {self.page})"
        return f"{where}: {self.message}" if where else self.message
