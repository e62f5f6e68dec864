"""The parsed report: metadata plus every table, read lazily and once, with the warnings raised.

``read_report(path)`` is the entry point.  Each table is read on first access
by its reader (:data:`READERS`); the financial tables are located and split
once (:meth:`Report.financial_table`) and both the tidy frames and the audit
use that one reading.  The audit is not part of the report: it reads a Report
(``kslib.audit.run_checks(report)``).
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
from kslib.parse.tables import action_plan, catalog, families, financial, goals, indicators, internal_control
from kslib.parse.tables import indicator_values
from kslib.parse.tables.goal_recovery import recover_statuses
from kslib.parse.tables.surplus import add_surplus
from kslib.read import read_source
from kslib.read.source import Source

FINANCIAL_SPECS: dict[str, financial.TableSpec] = {
    spec.name: spec for spec in (financial.RESULTATRAKNING, financial.DRIFTREDOVISNING, financial.NYCKELTAL)}

# name -> f(source, *, year, warnings) -> DataFrame (the financial tables are built from financial_table)
READERS: dict[str, Callable[..., pd.DataFrame]] = {
    "labour_market": read_labour_market,
    "indicators": indicators.read_indicators,
    "internal_control": internal_control.read_internal_control,
    "action_plan": action_plan.read_action_plan,
    "goal_counts": goals.read_goal_counts,
    "indicator_values": indicator_values.read_indicator_values,
}
TABLE_NAMES: tuple[str, ...] = (*FINANCIAL_SPECS, "labour_market", "indicators", "internal_control",
                                "action_plan", "goals", "goal_counts", "indicator_values", "tables", "explanations")


class Report:
    """A board's report, parsed.  Tables are pandas DataFrames (tidy, see the README)."""

    def __init__(self, source: Source, *, overrides: str | Path | None = None, year: int | None = None):
        self.source = source
        self.overrides_path = Path(overrides) if overrides else None
        self._meta_warnings: list[ParseWarning] = []
        self._warnings: dict[str, list[ParseWarning]] = {}
        self._tables: dict[str, pd.DataFrame] = {}
        self._financial: dict[str, financial.FinancialTable | None] = {}
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
        """A table of figures anywhere: a family table, or any table the catalog finds by structure."""
        return (any(self.financial_table(name) is not None for name in FINANCIAL_SPECS)
                or not self.table("tables").empty)

    # ---------------------------------------------------------------- tables
    def financial_table(self, name: str) -> financial.FinancialTable | None:
        """A financial table located and split (once): its columns, rows and their readings."""
        if name not in self._financial:
            self._financial[name] = financial.find_table(self.source, FINANCIAL_SPECS[name], year=self.year)
        return self._financial[name]

    def table(self, name: str) -> pd.DataFrame:
        """A table by its contract name (``"driftredovisning"``, ``"goals"``, ...)."""
        if name not in self._tables:
            warnings: list[ParseWarning] = []
            if name in FINANCIAL_SPECS:
                frame = financial.table_frame(self.financial_table(name), FINANCIAL_SPECS[name], warnings)
                if frame.empty:     # no table under the family's title: the catalog's table of that kind
                    frame = self._family_from_catalog(name, frame, warnings)
                else:               # the title reader stopped early: the catalog's longer reading of the table
                    frame = self._family_extended(name, frame, warnings)
            elif name == "tables":    # the catalog: every table found, one line per cell
                frame = add_surplus(catalog.read_catalog(
                    self.source, year=self.year, warnings=warnings,
                    financial_tables=[(n, self.financial_table(n)) for n in FINANCIAL_SPECS]))
            elif name == "explanations":   # the report's own words on its deviations and budget changes
                frame = explanations.read_explanations(self.source, areas=self._area_names(), board=self.meta.board,
                                               warnings=warnings)
            elif name == "goals":     # statuses the words state; then those the report's own tally forces
                frame = recover_statuses(goals.read_goals(self.source, year=self.year, warnings=warnings,
                                                          overrides=self.overrides_path),
                                         self.table("goal_counts"), self.source)
            elif name in READERS:
                frame = READERS[name](self.source, year=self.year, warnings=warnings)
            else:
                raise KeyError(f"unknown table {name!r}; known: {', '.join(TABLE_NAMES)}")
            self._tables[name] = frame
            self._warnings[name] = warnings
        return self._tables[name]

    def _family_from_catalog(self, name: str, empty: pd.DataFrame, warnings: list[ParseWarning]) -> pd.DataFrame:
        frame = families.family_from_catalog(self.table("tables"), name, self.year, list(empty.columns))
        if frame.empty:
            return empty
        first = self.table("tables")
        first = first[first["table"] == frame["table"].iloc[0]].iloc[0]
        page = f" (s. {int(first['page'])})" if pd.notna(first["page"]) else ""
        kept = [w for w in warnings if w.code not in ("table-missing", "table-empty")]
        warnings[:] = kept + [ParseWarning("family-from-catalog",
                                           f"{name} taken from the table {first['title']!r}{page}, found by its "
                                           f"structure and classified as {families.FAMILY_KINDS[name]}",
                                           table=name, line=int(first["line"]) if pd.notna(first["line"]) else None,
                                           page=int(first["page"]) if pd.notna(first["page"]) else None)]
        return frame

    def _family_extended(self, name: str, frame: pd.DataFrame, warnings: list[ParseWarning]) -> pd.DataFrame:
        """``frame`` (the title reader's) or, where the catalog took a longer reading of the same table
        (``table-extended``), the family from that reading — units the catalog lacks kept from ``frame``."""
        ft = self.financial_table(name)
        cells = self.table("tables")
        if ft is None or not any(w.code == "table-extended" and w.line == ft.title_line.number
                                 for w in self._warnings.get("tables", [])):
            return frame
        ids = list(dict.fromkeys(cells.loc[cells["line"] == ft.rows[0].where.number, "table"]))
        longer = families.family_from_catalog(cells, name, self.year, list(frame.columns), ids=ids[:1])
        if longer.empty or longer["row_label"].nunique() <= frame["row_label"].nunique():
            return frame
        units = frame.drop_duplicates("row_label").set_index("row_label")["unit"]
        longer["unit"] = longer["unit"].fillna(longer["row_label"].map(units))
        warnings.append(ParseWarning("family-from-catalog", f"{name} taken from the longer reading of its table "
                                     f"({longer['row_label'].nunique()} rows; the title reader read "
                                     f"{frame['row_label'].nunique()})", table=name,
                                     line=ft.title_line.number, page=ft.title_line.page))
        return longer

    def _area_names(self) -> list[str]:
        """Labels of the areas and units the report's operating tables account for."""
        drift = self.table("driftredovisning")
        labels = list(drift.loc[drift["kind"] == "row", "row_label"]) if not drift.empty else []
        codes = drift.loc[drift["kind"] == "row", "row_code"] if not drift.empty else []
        labels = [f"{c} {label}" if isinstance(c, str) and c else label for c, label in zip(codes, labels)]
        cells = self.table("tables")
        if not cells.empty:
            rows = cells[(cells["kind"] == "operating_by_area") & (cells["row_kind"] == "row")]
            labels += [r for r in rows["row"].dropna().unique() if r not in labels]
        return labels

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
