"""The project layout: where raw reports, processed data and published pages live.

A project holds any number of reports per year (several boards, several municipalities)::

    <root>/data/raw/<year>/<report>.pdf|.txt                 read-only; one file per report (a .pdf preferred
                                                             over a .txt of the same name)
    <root>/data/processed/<year>/<slug>/                     the processed-data contract of one report
    <root>/reports/<year>/<slug>/<name>.html|.ipynb          its published pages

``<slug>`` is the report's stable name, made from its municipality and board
(``vaggeryds-kommun-kommunstyrelsen``, see :func:`report_slug`); the raw file's
name does not matter (spaces are fine).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from kslib.errors import ParameterError

RAW_SUFFIXES = (".pdf", ".txt")      # preference order when a year holds both for one report
REPORT_JSON = "report.json"
_TRANSLIT = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "é": "e", "ü": "u", "ß": "ss"})


def find_project_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding ``data/raw``; else ``start``."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return start


# --------------------------------------------------------------------------- slugs

# a board's annual report (its plain slug); every other kind is a series of its own
MAIN_KINDS = frozenset({"verksamhetsberättelse", "årsredovisning", "årsredogörelse", "årsbokslut", "årsrapport"})
INTERIM_KINDS = frozenset({"delårsrapport", "tertialrapport", "månadsrapport", "bokslutsprognos"})

def slugify(text: str | None) -> str:
    """``"Vaggeryds kommun"`` → ``"vaggeryds-kommun"``: lower case ASCII letters, digits and hyphens."""
    text = (text or "").strip().lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december")


def report_slug(municipality: str | None, board: str | None, *, kind: str | None = None,
                period_end: object = None, fallback: str | None = None) -> str:
    """The stable name of a board's reports: ``"<municipality>-<board>"`` slugified
    (``"vaggeryds-kommun-kommunstyrelsen"``); ``fallback`` (e.g. the raw file's name) when neither is known.

    A board's annual report has the plain name; its other reports of a year are a series of their own,
    named by their kind (and, for an interim report, the month its period ends):
    ``"…-valfard-skola-styrkort"``, ``"…-kommunstyrelsen-delarsrapport-mars"``.
    """
    slug = "-".join(s for s in (slugify(municipality), slugify(board)) if s)
    if not slug:
        return slugify(Path(fallback).stem if fallback else "") or "rapport"
    if kind and kind not in MAIN_KINDS:
        slug += "-" + slugify(kind)
        month = _month_of(period_end)
        if kind in INTERIM_KINDS and month:
            slug += "-" + slugify(_MONTHS[month - 1])
    return slug


def meta_slug(meta, *, fallback: str | None = None) -> str:
    """:func:`report_slug` of a report's metadata (a :class:`~kslib.parse.metadata.Metadata` or its dict)."""
    get = meta.get if isinstance(meta, dict) else (lambda k: getattr(meta, k, None))
    return report_slug(get("municipality"), get("board"), kind=get("report_kind"), period_end=get("period_end"),
                       fallback=fallback)


def _month_of(value: object) -> int | None:
    m = re.match(r"^\d{4}-(\d\d)", str(value or ""))
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- raw reports

def _year_folder(year: int, raw_root: str | Path | None) -> Path:
    raw_root = Path(raw_root) if raw_root is not None else find_project_root() / "data" / "raw"
    return raw_root / str(year)


def find_raw_reports(year: int, *, raw_root: str | Path | None = None) -> list[Path]:
    """Every report under ``<raw_root>/<year>/``, one file per report (its ``.pdf`` preferred over a ``.txt``
    text layer of the same name), sorted by name.  :class:`ParameterError` when there is none."""
    folder = _year_folder(year, raw_root)
    if not folder.is_dir():
        raise ParameterError(f"{folder}: no raw report for {year} (folder does not exist)")
    return raw_reports_in(folder, year=year)


def raw_reports_in(folder: Path, *, year: int | str = "") -> list[Path]:
    """The reports in ``folder`` (not recursive), one per file stem, a ``.pdf`` before its ``.txt``."""
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RAW_SUFFIXES
                   and not p.name.startswith("."))
    stems: dict[str, list[Path]] = {}
    for p in found:
        stems.setdefault(p.stem, []).append(p)
    if not stems:
        raise ParameterError(f"{folder}: no raw report{f' for {year}' if year else ''} (no .txt or .pdf file)")
    return [min(c, key=lambda p: RAW_SUFFIXES.index(p.suffix.lower())) for _, c in sorted(stems.items())]


def find_raw_report(year: int, *, raw_root: str | Path | None = None) -> Path:
    """The one report under ``<raw_root>/<year>/`` (ParameterError when there are several)."""
    reports = find_raw_reports(year, raw_root=raw_root)
    if len(reports) > 1:
        folder = _year_folder(year, raw_root)
        names = ", ".join(sorted(p.name for p in folder.iterdir() if p.suffix.lower() in RAW_SUFFIXES))
        raise ParameterError(f"{folder}: several reports for {year} ({names}); pass raw_path to choose one")
    return reports[0]


def raw_years(root: str | Path | None = None) -> list[int]:
    """The years that have a folder under ``<root>/data/raw/``, ascending."""
    raw_root = (Path(root) if root is not None else find_project_root()) / "data" / "raw"
    if not raw_root.is_dir():
        return []
    return sorted(int(p.name) for p in raw_root.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name))


def resolve_raw_path(year: int, raw_path: str | Path = "", *, root: str | Path | None = None) -> Path:
    """``raw_path`` if given (must exist), else the year's report under ``data/raw/<year>/``."""
    if raw_path:
        path = Path(raw_path)
        if not path.is_absolute() and root is not None:
            path = Path(root) / path
        if not path.is_file():
            raise ParameterError(f"{path}: raw report not found (parameter raw_path)")
        return path
    root = Path(root) if root is not None else find_project_root()
    return find_raw_report(year, raw_root=root / "data" / "raw")


# --------------------------------------------------------------------------- processed data and pages

def processed_year_dir(year: int, *, root: str | Path | None = None) -> Path:
    """``<root>/data/processed/<year>`` (one sub-folder per report)."""
    root = Path(root) if root is not None else find_project_root()
    return root / "data" / "processed" / str(year)


def processed_dir(year: int, slug: str | None = None, *, root: str | Path | None = None) -> Path:
    """``<root>/data/processed/<year>/<slug>`` (without ``slug``: the year's folder)."""
    folder = processed_year_dir(year, root=root)
    return folder / slug if slug else folder


def reports_dir(year: int, slug: str | None = None, *, out_root: str | Path | None = None,
                root: str | Path | None = None) -> Path:
    """``<out_root>/<year>/<slug>`` (default ``out_root``: ``<root>/reports``)."""
    if out_root is None:
        out_root = (Path(root) if root is not None else find_project_root()) / "reports"
    folder = Path(out_root) / str(year)
    return folder / slug if slug else folder


def processed_folders(year: int, *, root: str | Path | None = None) -> list[Path]:
    """Every processed report of ``year`` in the project: ``data/processed/<year>/<slug>/`` holding a
    ``report.json`` (and, from kslib before the per-report layout, ``data/processed/<year>/`` itself)."""
    folder = processed_year_dir(year, root=root)
    if not folder.is_dir():
        return []
    found = sorted(p for p in folder.iterdir() if p.is_dir() and (p / REPORT_JSON).is_file())
    if not found and (folder / REPORT_JSON).is_file():
        found = [folder]
    return found


def find_processed(year: int, *, root: str | Path | None = None, board: str = "", municipality: str = "") -> Path:
    """The processed folder of the year's report (a notebook opened without ``processed_dir``).

    With several reports in the year, ``board`` (and ``municipality``) choose one by its slug;
    :class:`ParameterError` when none or several remain.
    """
    found = processed_folders(year, root=root)
    where = processed_year_dir(year, root=root)
    if not found:
        raise ParameterError(f"{where}: no processed report for {year} (run 'kslib parse' or 'kslib render' first)")
    if len(found) > 1:
        wanted = [s for s in (slugify(municipality), slugify(board)) if s]
        chosen = [p for p in found if all(w in p.name for w in wanted)] if wanted else found
        if len(chosen) != 1:
            names = ", ".join(p.name for p in found)
            raise ParameterError(f"{where}: several reports for {year} ({names}); set processed_dir or board")
        found = chosen
    return found[0]


def history_folders(slug: str, year: int, *, root: str | Path | None = None) -> list[Path]:
    """The processed folders of the same board (``slug``) for the years before ``year``, oldest first."""
    base = (Path(root) if root is not None else find_project_root()) / "data" / "processed"
    if not base.is_dir():
        return []
    years = sorted(int(p.name) for p in base.iterdir() if p.is_dir() and re.fullmatch(r"\d{4}", p.name))
    return [base / str(y) / slug for y in years if y < year and (base / str(y) / slug / REPORT_JSON).is_file()]
