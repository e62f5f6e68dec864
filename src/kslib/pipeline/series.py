"""Series across one board's reports: every figure of every year, and the figures a later report restates.

:func:`collect` reads the reports (processed folders written by ``kslib parse``/``kslib render``, folders
holding them, or raw reports, parsed in memory) and returns a :class:`History`:

- ``printed``: one line per figure *as a report prints it* (its own year and its earlier-year columns),
  from each report's catalog (``tables.csv``: every table found, with title, kind, page and unit);
- ``series``: one value per row, measure and year (the ``series.csv`` of ``kslib series``): the figure as
  the latest report that prints it states it, with that report's identity and the page;
- ``restatements``: every figure a later report prints differently from an earlier one (both values,
  both sources).

Rows are matched across reports within a table kind (``income_statement``, ``operating_by_area``, …) by
their code where the row has one (``"910 Ekbackens skola"`` → ``910``; a code printed twice in one
table is told apart by its label), else by the normalised label (case, spacing, dashes and footnote
marks ignored).  A renames file maps rows that changed name (``from,to`` and optionally ``table_kind``).
Money is in tkr (``mnkr`` × 1000); other units are kept.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pandas as pd

from kslib.errors import InputFileError, ParameterError
from kslib.pipeline.contract import ProcessedReport, load
from kslib.pipeline.layout import RAW_SUFFIXES, REPORT_JSON, raw_reports_in, meta_slug
from kslib.vocab.units import TKR_FACTORS

SERIES_COLUMNS = ["municipality", "board", "slug", "report_kind", "report_year", "period_start", "period_end",
                  "table_kind", "table_title", "row_key", "row_code", "row", "row_kind", "measure", "year",
                  "value", "unit", "column", "source_file", "page", "line", "restated"]
RESTATEMENT_COLUMNS = ["table_kind", "row_key", "row_code", "row", "measure", "year", "unit",
                       "value_before", "report_year_before", "source_file_before", "page_before",
                       "value_after", "report_year_after", "source_file_after", "page_after", "difference"]
GOAL_SERIES_COLUMNS = ["report_year", "year", "status", "goals", "source_file"]
_FOOTNOTE = re.compile(r"(?:\s*[*¹²³⁴⁵⁶⁷⁸⁹⁰]+|\s*\(\d\))+\s*$")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_TOLERANCE = 1e-9


@dataclass
class ReportEntry:
    """One report of the series: its metadata, source and tables (a processed folder or a parsed raw file)."""

    report: object            # ProcessedReport or kslib.parse.report.Report: .meta and .table(name)
    source_file: str
    sha256: str
    slug: str
    folder: Path | None = None

    @property
    def meta(self):
        return self.report.meta

    @property
    def year(self) -> int | None:
        return self.meta.year

    def table(self, name: str) -> pd.DataFrame:
        try:
            return self.report.table(name)
        except KeyError:
            return pd.DataFrame()

    def sort_key(self) -> tuple:
        return (self.meta.period_end or f"{self.year or 0}-12-31", self.year or 0, self.source_file)


@dataclass
class History:
    """A board's reports and the figures they print (see the module's documentation)."""

    reports: list[ReportEntry]
    printed: pd.DataFrame
    series: pd.DataFrame
    restatements: pd.DataFrame
    renames: dict = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted({int(r.year) for r in self.reports if r.year is not None})

    def goals(self) -> pd.DataFrame:
        """Goal statuses per report year (``goals.csv`` of each report): ``report_year, year, status, goals``."""
        parts = []
        for r in self.reports:
            goals = r.table("goals")
            if goals.empty or "status" not in goals.columns:
                continue
            counts = goals["status"].fillna("unknown").value_counts()
            parts += [{"report_year": r.year, "year": r.year, "status": s, "goals": int(n),
                       "source_file": r.source_file} for s, n in counts.items()]
        return pd.DataFrame(parts, columns=GOAL_SERIES_COLUMNS)


# --------------------------------------------------------------------------- sources

def resolve(sources: Iterable[str | Path | ProcessedReport]) -> list[ReportEntry]:
    """The reports named by ``sources``: processed folders (with ``report.json``), folders holding them
    (searched recursively), raw report files (parsed in memory) or folders of raw reports."""
    entries: list[ReportEntry] = []
    for source in sources:
        if isinstance(source, ReportEntry):
            entries.append(source)
            continue
        if isinstance(source, ProcessedReport):
            entries.append(_entry(source))
            continue
        path = Path(source)
        if path.is_dir():
            if (path / REPORT_JSON).is_file():
                entries.append(_entry(load(path)))
                continue
            found = sorted(p.parent for p in path.rglob(REPORT_JSON))
            if found:
                entries += [_entry(load(p)) for p in found]
                continue
            entries += [_raw_entry(p) for p in raw_reports_in(path)]
        elif path.is_file() and path.name == REPORT_JSON:
            entries.append(_entry(load(path.parent)))
        elif path.is_file() and path.suffix.lower() in RAW_SUFFIXES:
            entries.append(_raw_entry(path))
        elif path.exists():
            raise InputFileError(f"{path}: neither a report (.pdf, .txt) nor a processed folder")
        else:
            raise InputFileError(f"{path}: no such file or folder")
    unique: dict[str, ReportEntry] = {}
    for e in entries:                       # the same report given twice (raw and processed): once
        unique.setdefault(e.sha256 or str(e.folder), e)
    return sorted(unique.values(), key=ReportEntry.sort_key)


def _entry(report: ProcessedReport) -> ReportEntry:
    return ReportEntry(report, report.name, report.sha256, report.slug, report.folder)


def _raw_entry(path: Path) -> ReportEntry:
    from kslib.parse.report import read_report

    report = read_report(path)
    slug = meta_slug(report.meta, fallback=path.name)
    return ReportEntry(report, report.source.name, report.source.sha256, slug)


def read_renames(path: str | Path | None) -> dict[tuple[str, str], str]:
    """A renames file (CSV: ``from,to`` and optionally ``table_kind``): ``{(table_kind or "", from): to}``
    with both labels normalised (:func:`normalise_label`)."""
    if path is None:
        return {}
    path = Path(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputFileError(f"{path}: renames file not found") from None
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise InputFileError(f"{path}: not a readable CSV ({exc})") from None
    missing = {"from", "to"} - set(frame.columns)
    if missing:
        raise InputFileError(f"{path}: the renames file needs the columns from,to (optionally table_kind); "
                             f"missing {', '.join(sorted(missing))}")
    return renames_mapping(frame.to_dict("records"))


def renames_mapping(rows: Iterable[Mapping[str, str]] | Mapping[str, str]) -> dict[tuple[str, str], str]:
    """``{"old": "new"}`` or records with ``from``, ``to`` (``table_kind``) → the normalised mapping."""
    if isinstance(rows, Mapping):
        rows = [{"from": k, "to": v} for k, v in rows.items()]
    out = {}
    for row in rows:
        old, new = normalise_label(row.get("from", "")), normalise_label(row.get("to", ""))
        if old and new:
            out[(str(row.get("table_kind") or "").strip(), old)] = new
    return out


# --------------------------------------------------------------------------- rows

def clean_label(label: str) -> str:
    """The label without footnote marks and extra spaces (``"Övriga kostnader*"`` → ``"Övriga kostnader"``)."""
    text = " ".join(str(label).split())
    return _FOOTNOTE.sub("", text).strip()


def normalise_label(label: str) -> str:
    """What two printings of one row share: case, spacing, dashes, accents of punctuation and footnote
    marks ignored (Swedish letters kept)."""
    text = unicodedata.normalize("NFC", clean_label(label)).casefold()
    text = _DASHES.sub("-", text)
    text = re.sub(r"[^\w%-]+", " ", text)
    return " ".join(text.split())


def to_tkr(value: pd.Series, unit: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Money in tkr (``mnkr`` × 1000); other units as they are."""
    key = unit.fillna("").astype(str).str.strip().str.casefold()
    factor = key.map(TKR_FACTORS)
    money = factor.notna()
    return (value.where(~money, value * factor.fillna(1)),
            unit.fillna("").astype(str).where(~money, "tkr"))


def printed_figures(entry: ReportEntry, renames: Mapping[tuple[str, str], str] | None = None) -> pd.DataFrame:
    """Every figure one report prints (from its catalog), one line each, keyed for matching across reports."""
    cat = entry.table("tables")
    if cat.empty:
        return pd.DataFrame(columns=[c for c in SERIES_COLUMNS if c != "restated"])
    cat = cat.reset_index(drop=True)
    cat = cat[cat["value"].notna() & cat["year"].notna()].copy()
    if cat.empty:
        return pd.DataFrame(columns=[c for c in SERIES_COLUMNS if c != "restated"])
    cat["_order"] = range(len(cat))
    # the row code is the catalog's own field, never split again from the label
    cat["row_code"] = cat["row_code"].fillna("").astype(str) if "row_code" in cat else ""
    labels = cat["row_label"] if "row_label" in cat else cat["row"]
    cat["row_clean"] = labels.fillna("").astype(str).map(clean_label)
    norm = cat["row_clean"].map(normalise_label)
    renames = renames or {}
    if renames:
        kinds = cat["kind"].fillna("").astype(str)
        norm = pd.Series([renames.get((k, n), renames.get(("", n), n)) for k, n in zip(kinds, norm)], index=cat.index)
    cat["_norm"] = norm
    # a code printed on several rows of one table (two units sharing it) is told apart by the label
    labels_per_code = cat[cat["row_code"] != ""].groupby(["table", "row_code"])["_norm"].nunique()
    shared = {k for k, n in labels_per_code.items() if n > 1}
    cat["row_key"] = [(f"{c} {n}" if (t, c) in shared else c) if c else n
                      for t, c, n in zip(cat["table"], cat["row_code"], cat["_norm"])]
    value, unit = to_tkr(pd.to_numeric(cat["value"], errors="coerce").astype(float), cat["unit"])
    meta = entry.meta
    out = pd.DataFrame({
        "municipality": meta.municipality, "board": meta.board, "slug": entry.slug,
        "report_kind": meta.report_kind, "report_year": entry.year, "period_start": meta.period_start,
        "period_end": meta.period_end, "table_kind": cat["kind"].fillna("other").astype(str),
        "table_title": cat["title"], "row_key": cat["row_key"], "row_code": cat["row_code"],
        "row": cat["row_clean"], "row_kind": cat["row_kind"], "measure": cat["measure"].astype(str),
        "year": cat["year"].astype(int), "value": value, "unit": unit, "column": cat["column"],
        "source_file": entry.source_file, "page": cat["page"], "line": cat["line"],
        "_table_rows": cat.groupby("table")["row"].transform("nunique"), "_order": cat["_order"],
    })
    # one figure per row, measure and year in a report: the largest table that prints it, its first column
    out = out.sort_values(["_table_rows", "_order"], ascending=[False, True], kind="stable")
    out = out.drop_duplicates(["table_kind", "row_key", "measure", "year"], keep="first")
    return out.sort_values("_order", kind="stable").drop(columns=["_table_rows", "_order"]).reset_index(drop=True)


# --------------------------------------------------------------------------- across reports

KEY = ["table_kind", "row_key", "measure", "year"]


def collect(sources: Iterable[str | Path | ProcessedReport], *, renames: str | Path | Mapping | None = None,
            one_board: bool = True) -> History:
    """The :class:`History` of the given reports (one board's: :class:`ParameterError` otherwise)."""
    entries = resolve(sources)
    if not entries:
        raise ParameterError("no report given for the series")
    if one_board:
        boards = {}
        for e in entries:
            boards.setdefault(e.slug, e)
        if len(boards) > 1:
            names = "; ".join(f"{e.source_file} ({e.meta.board}, {e.meta.municipality})" for e in boards.values())
            raise ParameterError(f"the reports are of several boards ({names}); a series is one board's")
    if isinstance(renames, (str, Path)):
        mapping = read_renames(renames)
    elif renames:
        mapping = renames_mapping(renames) if not all(isinstance(k, tuple) for k in renames) else dict(renames)
    else:
        mapping = {}
    parts = [printed_figures(e, mapping) for e in entries]
    parts = [p for p in parts if not p.empty]
    printed = (pd.concat(parts, ignore_index=True) if parts
               else pd.DataFrame(columns=[c for c in SERIES_COLUMNS if c != "restated"]))
    printed["_rank"] = printed["source_file"].map({e.source_file: i for i, e in enumerate(entries)})
    restated = restatements_of(printed)
    series = printed.sort_values("_rank", kind="stable").drop_duplicates(KEY, keep="last").copy()
    keys = set(map(tuple, restated[KEY].astype(str).values.tolist())) if len(restated) else set()
    series["restated"] = [tuple(map(str, k)) in keys for k in series[KEY].values.tolist()]
    series = series.sort_values(["table_kind", "_rank", "year"], kind="stable")
    order = {k: i for i, k in enumerate(printed.drop_duplicates(["table_kind", "row_key"])
                                        .set_index(["table_kind", "row_key"]).index)}
    series["_row"] = [order[(k, r)] for k, r in zip(series["table_kind"], series["row_key"])]
    series = series.sort_values(["_row", "measure", "year"], kind="stable")
    series = series.drop(columns=["_rank", "_row"])[SERIES_COLUMNS].reset_index(drop=True)
    # the row's label as the latest report prints it
    latest = printed.sort_values("_rank", kind="stable").drop_duplicates(["table_kind", "row_key"], keep="last")
    label = dict(zip(zip(latest["table_kind"], latest["row_key"]), latest["row"]))
    series["row"] = [label[(k, r)] for k, r in zip(series["table_kind"], series["row_key"])]
    printed = printed.drop(columns=["_rank"])
    return History(entries, printed, series, restated, mapping)


def restatements_of(printed: pd.DataFrame) -> pd.DataFrame:
    """Every figure a later report prints differently from the report before it that prints it."""
    rows = []
    if printed.empty:
        return pd.DataFrame(columns=RESTATEMENT_COLUMNS)
    ordered = printed.sort_values("_rank", kind="stable")
    for key, group in ordered.groupby(KEY, sort=False):
        if len(group) < 2:
            continue
        records = group.to_dict("records")
        for before, after in zip(records, records[1:]):
            if before["unit"] and after["unit"] and before["unit"] != after["unit"]:
                continue                      # not comparable (one table in kr, the other in %)
            if abs(float(after["value"]) - float(before["value"])) <= _TOLERANCE:
                continue
            rows.append({"table_kind": key[0], "row_key": key[1], "row_code": after["row_code"],
                         "row": after["row"], "measure": key[2], "year": int(key[3]),
                         "unit": after["unit"] or before["unit"],
                         "value_before": before["value"], "report_year_before": before["report_year"],
                         "source_file_before": before["source_file"], "page_before": before["page"],
                         "value_after": after["value"], "report_year_after": after["report_year"],
                         "source_file_after": after["source_file"], "page_after": after["page"],
                         "difference": float(after["value"]) - float(before["value"])})
    out = pd.DataFrame(rows, columns=RESTATEMENT_COLUMNS)
    return out.sort_values(["table_kind", "year", "row"], kind="stable").reset_index(drop=True)


def series(*sources: str | Path | ProcessedReport | Sequence, renames: str | Path | Mapping | None = None
           ) -> pd.DataFrame:
    """One board's figures over the years, one value per row, measure and year (``series.csv``).

    >>> kslib.series("data/processed/2022/goteborgs-stad-stadsrevisionen",
    ...              "data/processed/2023/goteborgs-stad-stadsrevisionen")

    ``sources``: processed folders, folders holding them, raw reports (parsed in memory), or one list of
    them.  :func:`collect` gives the restatements and the printings as well.
    """
    flat: list = []
    for s in sources:
        flat += list(s) if isinstance(s, (list, tuple)) else [s]
    return collect(flat, renames=renames).series


def write_series(history: History, out_dir: str | Path) -> list[Path]:
    """``series.csv`` and ``restatements.csv`` into ``out_dir`` (together, atomically)."""
    from kslib.pipeline.atomic import Staging, exclusive
    from kslib.pipeline.contract import CSV_OPTIONS

    out_dir = Path(out_dir)
    with exclusive(out_dir, what="series"), Staging(out_dir) as stage:
        history.series.to_csv(stage.path / "series.csv", **CSV_OPTIONS)
        history.restatements.to_csv(stage.path / "restatements.csv", **CSV_OPTIONS)
        return stage.commit()
