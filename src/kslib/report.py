"""The parsed report: metadata plus every table, read lazily, with the warnings raised.

``read_report(path)`` is the entry point.  Each table is read on first access
by the reader registered in :data:`TABLE_READERS` (``"module:function"``), so
``import kslib`` stays light and a notebook pays only for what it uses.
"""
from __future__ import annotations

import importlib
from functools import cached_property
from pathlib import Path
from typing import Callable

import pandas as pd

from .diagnostics import ParseWarning
from .errors import InputFileError, NotAReportError
from .metadata import Metadata, read_metadata
from .source import Source, read_text_source

# name -> "module:function"; each reader is f(source, *, year, warnings) -> DataFrame,
# except readers marked with report=True below, which take the Report itself.
TABLE_READERS: dict[str, str] = {
    "resultatrakning": "kslib.tables.financial:read_resultatrakning",
    "driftredovisning": "kslib.tables.financial:read_driftredovisning",
    "nyckeltal": "kslib.tables.financial:read_nyckeltal",
    "labour_market": "kslib.prose.labour_market:read_labour_market",
    "indicators": "kslib.tables.indicators:read_indicators",
    "internal_control": "kslib.tables.internal_control:read_internal_control",
    "action_plan": "kslib.tables.action_plan:read_action_plan",
}
# Readers that need other tables (the audit): f(report) -> DataFrame.
REPORT_READERS: dict[str, str] = {
    "goals": "kslib.tables.goals:goals_for_report",
    "goal_counts": "kslib.tables.goals:goal_counts_for_report",
    "checks": "kslib.audit:run_checks",
}


# tables computed from the others (they say nothing about whether the text is a report)
REPORT_ONLY_DERIVED = frozenset({"checks"})


def _load(spec: str) -> Callable:
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


class Report:
    """A board's annual report, parsed.  Tables are pandas DataFrames (tidy, see the README)."""

    def __init__(self, source: Source, *, overrides: str | Path | None = None):
        self.source = source
        self.overrides_path = Path(overrides) if overrides else None
        self._warnings: list[ParseWarning] = []
        self._tables: dict[str, pd.DataFrame] = {}
        self.meta: Metadata = read_metadata(source, fallback_year=_year_from_path(source.path))
        if self.meta.board is None and self.meta.net_cost_tkr is None and not self._has_any_table():
            raise NotAReportError(
                f"{source.name}: no board annual report found (no front matter such as 'Ordförande:' "
                f"and no financial table with a column header)")

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

    def _has_any_table(self) -> bool:
        from .tables.financial import DRIFTREDOVISNING, NYCKELTAL, RESULTATRAKNING, locate
        return any(locate(self.source, s) is not None for s in (RESULTATRAKNING, DRIFTREDOVISNING, NYCKELTAL))

    # ---------------------------------------------------------------- tables
    def table(self, name: str) -> pd.DataFrame:
        """A table by its contract name (``"driftredovisning"``, ``"goals"``, ...)."""
        if name not in self._tables:
            if name in TABLE_READERS:
                warnings: list[ParseWarning] = []
                frame = _load(TABLE_READERS[name])(self.source, year=self.year, warnings=warnings)
                self._warnings.extend(warnings)
            elif name in REPORT_READERS:
                frame = _load(REPORT_READERS[name])(self)
            else:
                raise KeyError(f"unknown table {name!r}; known: {', '.join(self.table_names())}")
            self._tables[name] = frame
        return self._tables[name]

    @staticmethod
    def table_names() -> list[str]:
        return [*TABLE_READERS, *REPORT_READERS]

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of the contract, read now."""
        return {name: self.table(name) for name in self.table_names()}

    def __getattr__(self, name: str):
        # report.driftredovisning, report.goals, ... (only for registered tables)
        if name.startswith("_") or name not in (*TABLE_READERS, *REPORT_READERS):
            raise AttributeError(name)
        return self.table(name)

    @property
    def warnings(self) -> list[ParseWarning]:
        """Every warning raised while reading (reads all tables first)."""
        self.tables()
        return list(self._warnings)

    def warnings_for(self, name: str) -> list[ParseWarning]:
        """The warnings raised while reading table ``name`` (reads only that table)."""
        self.table(name)
        return [w for w in self._warnings if w.table == name]

    def warnings_of(self, *codes: str) -> list[ParseWarning]:
        """Warnings with one of ``codes`` raised by the report's own tables (not the audit's)."""
        for name in self.table_names():
            if name not in REPORT_ONLY_DERIVED:
                self.table(name)
        return [w for w in self._warnings if w.code in codes]

    def require_tables(self) -> None:
        """Raise :class:`NotAReportError` when none of the report's own tables could be read
        (the audit is derived from them and does not count)."""
        own = [n for n in self.table_names() if n not in REPORT_ONLY_DERIVED]
        if all(self.table(n).empty for n in own):
            raise NotAReportError(f"{self.source.name}: no table of a board's annual report could be read "
                                  f"({len(self._warnings)} warnings); nothing written")

    def add_warning(self, warning: ParseWarning) -> None:
        """For readers that take the whole report (audit, overrides)."""
        self._warnings.append(warning)

    @cached_property
    def sha256(self) -> str:
        return self.source.sha256


def _year_from_path(path: Path | None) -> int | None:
    if path is None:
        return None
    for part in reversed(path.parts):
        if part.isdigit() and len(part) == 4:
            return int(part)
    return None


def read_source(path: str | Path) -> Source:
    """The report's lines from a ``.txt`` text layer or a ``.pdf``."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        try:
            from .pdf import read_pdf_source
        except ImportError as exc:  # pragma: no cover - pdf support ships with the package
            raise InputFileError(f"{path}: PDF support is not available ({exc})") from None
        return read_pdf_source(path)
    return read_text_source(path)


def read_report(path: str | Path, *, overrides: str | Path | None = None) -> Report:
    """Read a board's annual report (``.txt`` text layer or ``.pdf``).

    ``overrides`` is an analyst's ``status_overrides.csv``; by default the one
    next to the report is used when it exists.
    """
    path = Path(path)
    if overrides is None and (path.parent / "status_overrides.csv").exists():
        overrides = path.parent / "status_overrides.csv"
    if overrides is not None and not Path(overrides).is_file():
        raise InputFileError(f"{overrides}: no such overrides file")
    return Report(read_source(path), overrides=overrides)
