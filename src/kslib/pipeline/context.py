"""What a notebook works with: the processed report of its year and the labels people read.

:func:`open_processed` is the one call a notebook makes: it loads
``data/processed/<year>/`` (written by ``kslib parse``; the raw report is never
opened in a kernel) and checks the year.  :meth:`NotebookContext.table` and
:func:`ensure_complete` refuse a table that the text ends inside (a cut-off
report is never shown as complete).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kslib.errors import ParameterError, ParseError
from kslib.parse.report import FINANCIAL_SPECS
from kslib.parse.tables.financial import wide as to_wide
from kslib.pipeline.contract import ProcessedReport, load
from kslib.pipeline.layout import processed_dir as default_processed_dir
from kslib.pipeline.parameters import Parameter, check_parameters


@dataclass
class NotebookContext:
    """The processed report of one year and the labels a notebook shows."""

    report: ProcessedReport
    year: int
    municipality: str
    board: str
    audience: str

    @property
    def for_analyst(self) -> bool:
        return self.audience == "analytiker"

    def table(self, name: str, *, wide: bool = False, required: bool = True) -> pd.DataFrame:
        """A table for the notebook; :class:`~kslib.errors.ParseError` when it cannot be shown as complete.

        Raises when the text ends inside the table (see :func:`ensure_complete`) and, with
        ``required=True``, when no row of it could be read.  ``wide=True`` pivots a financial
        table with :func:`kslib.parse.tables.financial.wide`.
        """
        frame = self.report.table(name)
        ensure_complete(self.report, name)
        if required and frame.empty:
            raise ParseError(f"{self.report.name}: no readable {name} table in the report (this notebook needs it)")
        return to_wide(frame) if wide else frame

    @property
    def subtitle(self) -> str:
        """``"Kommunstyrelse, Exempelby kommun 2020"``"""
        return document_subtitle(self.board, self.municipality, self.year)

    def title(self, subject: str) -> str:
        """``"Ekonomisk analys – Kommunstyrelse, Exempelby kommun 2020"``"""
        return f"{subject} – {self.subtitle}"


def ensure_complete(report, name: str) -> None:
    """:class:`~kslib.errors.ParseError` if the text ends inside table ``name`` (``table-incomplete``).

    A notebook must not show such a table as if it were whole: the error names
    the file, the table and the last line read.
    """
    for w in report.warnings_for(name):
        if w.code == "table-incomplete":
            at = f"at line {w.line}" if w.line else "early"
            raise ParseError(f"{report.name}: {name} ends {at} {_before_end(name)}; the report looks cut off")


def _before_end(name: str) -> str:
    """``before its total row`` for a financial table with totals, else ``before the table ends``."""
    spec = FINANCIAL_SPECS.get(name)
    return "before its total row" if spec is not None and not spec.series else "before the table ends"


def document_subtitle(board: str | None, municipality: str | None, year: int) -> str:
    who = ", ".join(x for x in (board, municipality) if x)
    return f"{who} {year}".strip()


def open_processed(*, year: int, processed_dir: str = "", municipality: str = "", board: str = "",
                   audience: str = "nämnd", **_ignored) -> NotebookContext:
    """Load the year's processed report for a notebook; empty labels come from the report's front matter."""
    check_parameters({"audience": audience}, {"audience": Parameter("audience", "nämnd")}, where="notebook")
    folder = Path(processed_dir) if processed_dir else default_processed_dir(year)
    report = load(folder)
    meta = report.meta
    if meta.year is not None and meta.year != year:
        raise ParameterError(f"{folder}: the report is for {meta.year}, but year = {year}")
    return NotebookContext(report=report, year=year,
                           municipality=municipality or meta.municipality or "",
                           board=board or meta.board or "", audience=audience)
