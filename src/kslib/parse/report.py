"""The parsed report: metadata plus every table, read lazily and once, with the warnings raised.

``read_report(path)`` is the entry point.  Every table of figures is found once
(:meth:`Report.found_tables`, the one table type); the catalog, the views
(resultaträkning, driftredovisning, nyckeltal: projections by kind) and the
audit read that one reading.  Other records are read on first access by their
readers (:data:`READERS`; the records of :mod:`kslib.parse.records`).  The audit
is not part of the report: it reads a Report (``kslib.audit.run_checks(report)``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.errors import InputFileError, NotAReportError
from kslib.parse.metadata import Metadata, path_years, read_metadata
from kslib.parse.prose import explanations
from kslib.parse.prose.labour_market import read_labour_market
from kslib.parse.records import action_plan, counts, goals, indicator_values, indicators, internal_control
from kslib.parse.tables import catalog, views
from kslib.parse.tables.discover import discover
from kslib.parse.tables.model import Table
from kslib.parse.tables.units import infer_units
from kslib.read import read_source
from kslib.read.source import Source

VIEWS = tuple(views.VIEW_KINDS)     # resultatrakning, driftredovisning, nyckeltal: projections of the catalog

# name -> f(source, *, year, warnings) -> DataFrame
READERS: dict[str, Callable[..., pd.DataFrame]] = {
    "labour_market": read_labour_market,
    "indicators": indicators.read_indicators,
    "internal_control": internal_control.read_internal_control,
    "action_plan": action_plan.read_action_plan,
    "goal_counts": counts.read_goal_counts,
    "indicator_values": indicator_values.read_indicator_values,
}
TABLE_NAMES: tuple[str, ...] = (*VIEWS, "labour_market", "indicators", "internal_control",
                                "action_plan", "goals", "goal_counts", "indicator_values", "tables", "explanations")


class Report:
    """A board's report, parsed.  Tables are pandas DataFrames (tidy, see the README)."""

    def __init__(self, source: Source, *, overrides: str | Path | None = None, year: int | None = None):
        self.source = source
        self.overrides_path = Path(overrides) if overrides else None
        self._meta_warnings: list[ParseWarning] = []
        self._warnings: dict[str, list[ParseWarning]] = {}
        self._tables: dict[str, pd.DataFrame] = {}
        self._found: list[Table] | None = None
        self._found_warnings: list[ParseWarning] = []
        named = path_years(source.path)
        self.meta: Metadata = read_metadata(source, fallback_year=named[0] if named else None, year=year,
                                            warnings=self._meta_warnings)
        if self.meta.board is None and self.meta.net_cost_tkr is None and not self._has_any_table():
            raise NotAReportError(
                f"{source.name}: no board annual report found (no board or net cost in the front matter and "
                f"no table of figures under a column header)")

    def __repr__(self) -> str:
        m = self.meta
        return f"<Report {m.board} {m.municipality} {m.year} ({self.source.name}, {len(self.source)} lines)>"

    # ---------------------------------------------------------------- metadata
    @property
    def year(self) -> int | None:
        return self.meta.year

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def sha256(self) -> str:
        return self.source.sha256

    def _has_any_table(self) -> bool:
        """A table of figures under a column header anywhere in the report."""
        return bool(self.found_tables())

    # ---------------------------------------------------------------- tables
    def found_tables(self) -> list[Table]:
        """Every table found in the report (read once): the one table type the catalog, the views and the
        audit read."""
        if self._found is None:
            warnings: list[ParseWarning] = []
            found = discover(self.source, year=self.year, warnings=warnings)
            infer_units(found, self.source, warnings)
            self._found, self._found_warnings = found, warnings
        return self._found

    def view_table(self, name: str) -> Table | None:
        """The table view ``name`` (``"driftredovisning"`` …) is projected from, or None."""
        picked = views.chosen(self.found_tables(), name, self.year)
        return picked[0] if picked else None

    def table(self, name: str) -> pd.DataFrame:
        """A table by its contract name (``"driftredovisning"``, ``"goals"``, ...)."""
        if name not in self._tables:
            warnings: list[ParseWarning] = []
            if name in VIEWS:
                frame = views.view(self.found_tables(), name, year=self.year, warnings=warnings)
            elif name == "tables":    # the catalog: every table found, one line per cell
                frame = catalog.catalog_frame(self.found_tables())
                warnings.extend(self._found_warnings)
            elif name == "explanations":   # the report's own words on its deviations and budget changes
                frame = explanations.read_explanations(self.source, areas=self._area_names(), board=self.meta.board,
                                                       warnings=warnings)
            elif name == "goals":     # statuses the words state; then those the report's own tally forces
                frame = goals.goals_for_report(self, warnings=warnings)
            elif name in READERS:
                frame = READERS[name](self.source, year=self.year, warnings=warnings)
            else:
                raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLE_NAMES)}")
            self._tables[name] = frame
            self._warnings[name] = warnings
        return self._tables[name]

    def _area_names(self) -> list[str]:
        """Labels (with their codes) of the areas and units the report's operating tables account for."""
        return list(dict.fromkeys(r.name for t in self.found_tables() if t.kind == "operating_by_area"
                                  for r in t.rows if r.kind == "row"))

    @staticmethod
    def table_names() -> list[str]:
        return list(TABLE_NAMES)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the contract, read now."""
        return {name: self.table(name) for name in TABLE_NAMES}

    def __getattr__(self, name: str):
        # report.driftredovisning, report.goals, ... (only for the contract's tables)
        if name.startswith("_") or name not in TABLE_NAMES:
            raise AttributeError(name)
        return self.table(name)

    @property
    def warnings(self) -> list[ParseWarning]:
        """Every warning raised while reading (reads all tables first)."""
        self.tables()
        return [*self._meta_warnings, *(w for name in TABLE_NAMES for w in self._warnings[name])]

    def warnings_for(self, name: str) -> list[ParseWarning]:
        """The warnings raised while reading table ``name`` (reads only that table)."""
        self.table(name)
        return [w for w in self._warnings[name] if w.table == name]

    def warnings_of(self, *codes: str) -> list[ParseWarning]:
        """Warnings with one of ``codes``."""
        return [w for w in self.warnings if w.code in codes]

    def require_tables(self) -> None:
        """Raise :class:`NotAReportError` when none of the report's tables could be read."""
        if all(frame.empty for frame in self.tables().values()):
            raise NotAReportError(f"{self.source.name}: no table of a board's annual report could be read "
                                  f"({len(self.warnings)} warnings); nothing written")


def read_report(path: str | Path, *, overrides: str | Path | None = None, year: int | None = None) -> Report:
    """Read a board's report (``.txt`` text layer or ``.pdf``).

    ``overrides`` is an analyst's ``status_overrides.csv``; by default the one
    next to the report is used when it exists.  ``year`` overrides the year the
    report prints (a year that disagrees with the file or folder name is a warning).
    """
    path = Path(path)
    if overrides is None and (path.parent / "status_overrides.csv").exists():
        overrides = path.parent / "status_overrides.csv"
    if overrides is not None and not Path(overrides).is_file():
        raise InputFileError(f"{overrides}: no such overrides file")
    return Report(read_source(path), overrides=overrides, year=year)
