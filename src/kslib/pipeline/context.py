"""What a notebook works with: the processed report of its year and the labels people read.

:func:`open_processed` is the one call a notebook makes: it loads
``data/processed/<year>/<slug>/`` (written by ``kslib parse``; the raw report is never
opened in a kernel) and checks the year.  :meth:`NotebookContext.table` and
:func:`ensure_complete` refuse a table that the text ends inside (a cut-off
report is never shown as complete).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kslib.present.display import source_name
from kslib.errors import ParameterError, ParseError
from kslib.audit import run_checks
from kslib.parse.tables.views import wide as to_wide
from kslib.vocab.kinds import CLOSED_KINDS
from kslib.pipeline.contract import ProcessedReport, load
from kslib.pipeline.layout import find_processed, find_project_root, history_folders
from kslib.pipeline.parameters import Parameter, check_parameters
from kslib.pipeline.project import project_root

# what open_processed accepts, with the types the notebooks declare (text from ``papermill -r`` is read as these)
NOTEBOOK_PARAMETERS = {name: Parameter(name, default) for name, default in
                       (("year", 0), ("processed_dir", ""), ("municipality", ""), ("board", ""),
                        ("audience", "nämnd"))}


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
        table with :func:`kslib.parse.tables.views.wide`.
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
    """:class:`~kslib.errors.ParseError` if the text ends inside table ``name`` (the audit's ``table_complete``).

    A notebook must not show such a table as if it were whole: the error names the file, the table and the
    last line read.  ``report`` is a processed report (its ``checks``) or a :class:`~kslib.parse.report.Report`.
    """
    if name == "tables":
        return                  # the catalog of every table: each one's own completeness is its view's
    checks = report.checks if hasattr(report, "checks") else run_checks(report)
    cut = checks[checks["check"] == "table_complete"]
    if cut.empty:
        return
    frame = report.table(name)
    titles, closed = {name}, False
    if "table" in frame.columns and not frame.empty:
        catalog = report.table("tables")
        of_view = catalog[catalog["table"].isin(set(frame["table"].dropna()))]
        titles |= set(of_view["title"])
        closed = of_view["kind"].isin(CLOSED_KINDS).any()
    cut = cut[cut["table"].isin(titles)]
    if len(cut):
        line = cut["line"].dropna()
        at = f"at line {int(line.iloc[0])}" if len(line) else "early"
        end = "before its total row" if closed else "before the table ends"
        raise ParseError(f"{report.name}: {name} ends {at} {end}; the report looks cut off")


def document_subtitle(board: str | None, municipality: str | None, year: int) -> str:
    who = ", ".join(x for x in (board, municipality) if x)
    return f"{who} {year}".strip()


def open_processed(*, year: int, processed_dir: str = "", municipality: str = "", board: str = "",
                   audience: str = "nämnd", **_ignored) -> NotebookContext:
    """Load the year's processed report for a notebook; empty labels come from the report's front matter.

    Parameters arrive as papermill injected them: ``papermill … -r year 2020`` gives the text ``"2020"``,
    read here as the year (``"20x0"`` is a ParameterError).  Without ``processed_dir`` the project is
    ``$KSLIB_ROOT`` when set, else the one around the kernel's folder (see :mod:`kslib.pipeline.project`).
    """
    values = check_parameters({"year": year, "processed_dir": processed_dir, "municipality": municipality,
                               "board": board, "audience": audience}, NOTEBOOK_PARAMETERS, where="notebook")
    year, processed_dir, municipality, board, audience = (values[k] for k in NOTEBOOK_PARAMETERS)
    _settle_notebook_variables(values)
    folder = Path(processed_dir) if processed_dir else find_processed(year, board=board, municipality=municipality,
                                                                      root=project_root())
    report = load(folder)
    meta = report.meta
    if meta.year is not None and meta.year != year:
        raise ParameterError(f"{folder}: the report is for {meta.year}, but year = {year}")
    return NotebookContext(report=report, year=year,
                           municipality=municipality or meta.municipality or "",
                           board=board or meta.board or "", audience=audience)


def _settle_notebook_variables(values: dict) -> None:
    """In a notebook kernel, give the parameters' variables their typed values.

    ``papermill -r year 2020`` (and a scheduler's templated parameters) inject ``year = "2020"``;
    the cells after ``open_processed`` compute with ``year``, so a variable of the notebook's
    namespace that still holds the text it was read from is set to the value read.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency
        return
    shell = get_ipython()
    namespace = getattr(shell, "user_ns", None)
    if not isinstance(namespace, dict):
        return
    for name, value in values.items():
        if isinstance(namespace.get(name), str) and not isinstance(value, str):
            namespace[name] = value


@dataclass
class HistoryContext:
    """What the Flerårsöversikt works with: this year's report and the board's earlier ones, as plain frames."""

    current: NotebookContext
    history: "object"          # kslib.pipeline.series.History

    @property
    def series(self) -> pd.DataFrame:
        return self.history.series

    @property
    def restatements(self) -> pd.DataFrame:
        return self.history.restatements

    @property
    def goals(self) -> pd.DataFrame:
        return self.history.goals()

    @property
    def years(self) -> list[int]:
        return self.history.years

    @property
    def sources(self) -> list[str]:
        """The reports, as readers name them (``"Stadsrevisionens årsredogörelse 2022, Göteborgs Stad"``)."""
        return [source_name(r.meta) for r in self.history.reports]

    # the page header and footer read these, as from a NotebookContext
    @property
    def report(self):
        return self.current.report

    @property
    def subtitle(self) -> str:
        years = self.years
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(self.current.year)
        who = ", ".join(x for x in (self.current.board, self.current.municipality) if x)
        return f"{who} {span}".strip()

    @property
    def for_analyst(self) -> bool:
        return self.current.for_analyst


def open_history(*, year: int, processed_dir: str = "", history_dirs: list | None = None, renames: str = "",
                 municipality: str = "", board: str = "", audience: str = "nämnd", **_ignored) -> HistoryContext:
    """This year's report and the board's earlier reports (``history_dirs``; empty: every earlier year's
    ``data/processed/<year>/<slug>/`` of the project with this report's slug), read as one series."""
    from kslib.pipeline.series import collect

    current = open_processed(year=year, processed_dir=processed_dir, municipality=municipality, board=board,
                             audience=audience)
    year = current.year
    history_dirs = check_parameters({"history_dirs": history_dirs or []},
                                    {"history_dirs": Parameter("history_dirs", [])}, where="notebook")["history_dirs"]
    _settle_notebook_variables({"history_dirs": history_dirs})
    folders = [Path(p) for p in (history_dirs or [])]
    if not folders:
        root = find_project_root(current.report.folder)
        folders = history_folders(current.report.slug, year, root=root)
    history = collect([*folders, current.report], renames=renames or None)
    return HistoryContext(current, history)
