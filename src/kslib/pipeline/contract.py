"""The processed-data contract: written once by ``kslib parse``, read by everything downstream.

:func:`write_processed` reads every table and runs the audit first and writes
nothing until all of it is in memory; the files are staged and moved into place
together, so a failed run leaves the previous outputs as they were.
:func:`load` rebuilds the same tables, metadata, warnings and findings from the
folder (a :class:`ProcessedReport`): the notebooks read that, never the raw file.

``report.json`` records, beside the metadata and provenance, each table's
columns and dtypes (``tables``) so that :func:`load` restores them exactly.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd

from kslib._version import __version__
from kslib.audit import CHECK_COLUMNS, run_checks
from kslib.diagnostics import ParseWarning
from kslib.errors import InputFileError, OutputError
from kslib.parse.metadata import Metadata
from kslib.parse.report import Report, read_report
from kslib.read.source import read_bytes
from kslib.pipeline.atomic import Staging, exclusive
from kslib.pipeline.layout import processed_dir, processed_folders, meta_slug

CSV_OPTIONS = {"index": False, "encoding": "utf-8", "float_format": "%.10g", "lineterminator": "\n"}
REPORT_JSON = "report.json"
CHECKS = "checks"


def report_json(report: Report, tables: dict[str, pd.DataFrame]) -> dict:
    """Metadata, provenance, the tables' schema and the warnings of a parsed report."""
    return {
        **report.meta.to_dict(),
        "slug": meta_slug(report.meta, fallback=report.source.name),
        "source_file": report.source.name,
        "source_sha256": report.source.sha256,
        "kslib_version": __version__,
        "tables": {name: {col: str(dtype) for col, dtype in frame.dtypes.items()} for name, frame in tables.items()},
        "warnings": [w.to_dict() for w in report.warnings],
    }


def write_processed(report: Report, out_dir: str | Path, *, workbook_name: str | None = None,
                    replace: bool = False) -> list[Path]:
    """Write the contract for ``report`` (its tables and the audit's ``checks``) into ``out_dir``.

    A folder holding the processed data of *another* report (another board, or another file of the same
    board; see :func:`made_from_other`) is never overwritten: :class:`OutputError` naming the folder, unless
    ``replace``.  The same report again (its raw file changed, or a newer kslib) is replaced.
    """
    out_dir = Path(out_dir)
    report.require_tables()
    tables = {**report.tables(), CHECKS: run_checks(report)}
    meta = report_json(report, tables)
    if not replace:
        other = made_from_other(out_dir, meta)
        if other:
            raise OutputError(f"{out_dir}: holds the processed data of another report ({other}); "
                              f"not overwritten (choose another folder or remove it)")
    with exclusive(out_dir, what="parse"), Staging(out_dir) as stage:
        for name, frame in tables.items():
            frame.to_csv(stage.path / f"{name}.csv", **CSV_OPTIONS)
        (stage.path / REPORT_JSON).write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=_json_default)
                                              + "\n", encoding="utf-8")
        book = workbook_name or f"{Path(report.source.name).stem}.xlsx"
        write_workbook(tables, meta, stage.path / book)
        return stage.commit()


def write_workbook(tables: dict[str, pd.DataFrame], meta: dict, path: Path) -> None:
    """One sheet per table plus a ``report`` sheet with the metadata."""
    info = pd.DataFrame([(k, v) for k, v in meta.items() if k not in ("warnings", "tables")],
                        columns=["field", "value"])
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        info.to_excel(xl, sheet_name="report", index=False)
        for name, frame in tables.items():
            frame.to_excel(xl, sheet_name=name[:31], index=False)


def made_from_other(out_dir: Path, meta: dict) -> str | None:
    """What ``out_dir`` holds when it is the processed data of a report other than ``meta``'s, else None.

    Another report: its ``report.json`` names another slug (board, municipality), or the same board but
    another raw file (by name, ``.pdf`` and ``.txt`` of one name being one report).  The same raw file
    with new content, or made by another kslib version, is the same report.
    """
    try:
        old = json.loads((out_dir / REPORT_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(old, dict) or old.get("source_sha256") == meta.get("source_sha256"):
        return None
    old_slug = old.get("slug") or meta_slug(old, fallback=old.get("source_file"))
    same_board = old_slug == meta.get("slug")
    same_file = Path(str(old.get("source_file", ""))).stem == Path(str(meta.get("source_file", ""))).stem
    if same_board and same_file:
        return None
    who = ", ".join(str(x) for x in (old.get("board"), old.get("municipality"), old.get("year")) if x)
    return f"{old.get('source_file', '?')}: {who}" if who else str(old.get("source_file", "?"))


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# --------------------------------------------------------------------------- load

@dataclass
class ProcessedReport:
    """A report as its processed folder holds it: the same interface as :class:`~kslib.parse.report.Report`
    for what downstream code reads (``meta``, ``table(name)``, ``warnings``, ``checks``)."""

    folder: Path
    meta: Metadata
    name: str                     # the raw file's name
    sha256: str                   # the raw file's SHA-256
    kslib_version: str
    schema: dict[str, dict[str, str]]
    warnings: list[ParseWarning] = field(default_factory=list)
    _tables: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    slug: str = ""                # the board's stable name (report.json ``slug``)

    @property
    def year(self) -> int | None:
        return self.meta.year

    def table_names(self) -> list[str]:
        return [n for n in self.schema if n != CHECKS]

    def table(self, name: str) -> pd.DataFrame:
        """A table of the contract (``"driftredovisning"``, ``"goals"``, ``"checks"`` …)."""
        if name not in self._tables:
            if name not in self.schema:
                raise KeyError(f"unknown table {name!r}; known: {', '.join(self.schema)}")
            self._tables[name] = _read_csv(self.folder / f"{name}.csv", self.schema[name])
        return self._tables[name]

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self.schema:
            raise AttributeError(name)
        return self.table(name)

    @property
    def checks(self) -> pd.DataFrame:
        """The audit's findings (``checks.csv``)."""
        return self.table(CHECKS) if CHECKS in self.schema else pd.DataFrame(columns=CHECK_COLUMNS)

    def warnings_for(self, name: str) -> list[ParseWarning]:
        return [w for w in self.warnings if w.table == name]

    def warnings_of(self, *codes: str) -> list[ParseWarning]:
        return [w for w in self.warnings if w.code in codes]


def read_report_json(folder: str | Path) -> dict:
    """``report.json`` of a processed folder (:class:`InputFileError` when absent or unreadable)."""
    path = Path(folder) / REPORT_JSON
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputFileError(f"{path}: no processed report here (run 'kslib parse' first)") from None
    except (OSError, ValueError) as exc:
        raise InputFileError(f"{path}: not a readable report.json ({exc})") from None


def load(processed_dir: str | Path) -> ProcessedReport:
    """The report of a processed folder (written by ``kslib parse``), tables read lazily."""
    folder = Path(processed_dir)
    data = read_report_json(folder)
    meta_fields = {f.name for f in fields(Metadata)}
    meta = Metadata(**{k: data.get(k) for k in meta_fields})
    schema = data.get("tables")
    if not isinstance(schema, dict):
        raise InputFileError(f"{folder / REPORT_JSON}: made by an older kslib (no table schema); parse again")
    warnings = [ParseWarning(**w) for w in data.get("warnings", [])]
    slug = data.get("slug") or meta_slug(meta, fallback=data.get("source_file"))
    return ProcessedReport(folder, meta, data.get("source_file", ""), data.get("source_sha256", ""),
                           data.get("kslib_version", ""), schema, warnings, slug=slug)


def _read_csv(path: Path, dtypes: dict[str, str]) -> pd.DataFrame:
    """A contract CSV with its recorded dtypes (text stays text: ``"100"`` is no number)."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: missing from the processed folder (parse again)") from None
    except pd.errors.EmptyDataError:
        raw = pd.DataFrame(columns=list(dtypes))
    out = {}
    for col, dtype in dtypes.items():
        values = raw[col] if col in raw.columns else pd.Series([""] * len(raw), dtype=object)
        out[col] = _restore(values, dtype)
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def _restore(values: pd.Series, dtype: str) -> pd.Series:
    empty = values == ""
    if dtype == "object":
        return values.astype(object)
    if dtype == "str":                       # pandas' default text dtype: an empty cell is missing
        return values.astype("str").mask(empty)
    if dtype == "string":
        return values.astype("string").mask(empty, pd.NA)
    if dtype in ("bool", "boolean"):
        mapped = values.map({"True": True, "False": False, "": pd.NA})
        return mapped.astype("boolean") if dtype == "boolean" or empty.any() else mapped.astype(bool)
    numbers = pd.to_numeric(values.mask(empty, None), errors="coerce")
    if dtype.startswith(("int", "uint")) and not empty.any():
        return numbers.astype(dtype)
    try:
        return numbers.astype(dtype)
    except (TypeError, ValueError):
        return numbers


def is_current(report: ProcessedReport, raw: Path) -> bool:
    """True when ``report`` was made from ``raw`` as it is now, by this kslib version."""
    return report.kslib_version == __version__ and report.sha256 == _sha256(raw)


def ensure_processed(raw: str | Path, folder: str | Path) -> ProcessedReport:
    """The processed report of ``raw`` in ``folder``, parsed (once) when missing or stale."""
    raw, folder = Path(raw), Path(folder)
    try:
        current = load(folder)
    except InputFileError:
        current = None
    if current is not None and is_current(current, raw):
        return current
    write_processed(read_report(raw), folder)
    return load(folder)


def _sha256(path: Path) -> str:
    return hashlib.sha256(read_bytes(path)).hexdigest()


def ensure_in_project(raw: str | Path, year: int, *, root: str | Path, replace: bool = False) -> ProcessedReport:
    """The processed report of ``raw`` (a report of ``year``) in the project at ``root``.

    Found by the raw file's SHA-256 among ``data/processed/<year>/*/report.json`` when current (no parse);
    else parsed (the run's only parse) into ``data/processed/<year>/<slug>/``, ``<slug>`` from the
    report's municipality and board.  A folder of that slug made from another report is not
    overwritten (:class:`OutputError`, see :func:`write_processed`).
    """
    raw = Path(raw)
    digest = _sha256(raw)
    for folder in processed_folders(year, root=root):
        if folder.name == str(year):          # the year's folder itself: kslib before the per-report layout
            continue
        try:
            found = load(folder)
        except InputFileError:
            continue
        if found.sha256 == digest and found.kslib_version == __version__:
            return found
    report = read_report(raw)
    slug = meta_slug(report.meta, fallback=raw.name)
    folder = processed_dir(year, slug, root=root)
    write_processed(report, folder, replace=replace)
    return load(folder)
