"""The project layout: where raw reports, processed data and published pages live.

``<root>/data/raw/<year>/<report>.pdf|.txt`` (read-only), ``<root>/data/processed/<year>/``
(the processed-data contract) and ``<root>/reports/<year>/`` (pages).
"""
from __future__ import annotations

from pathlib import Path

from kslib.errors import ParameterError

RAW_SUFFIXES = (".pdf", ".txt")      # preference order when a year holds both for one report (as the Makefile)


def find_project_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: cwd) holding ``data/raw``; else ``start``."""
    start = Path(start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "data" / "raw").is_dir():
            return folder
    return start


def find_raw_report(year: int, *, raw_root: str | Path | None = None) -> Path:
    """The one report under ``<raw_root>/<year>/`` (a ``.pdf`` preferred over its ``.txt`` text layer)."""
    raw_root = Path(raw_root) if raw_root is not None else find_project_root() / "data" / "raw"
    folder = raw_root / str(year)
    if not folder.is_dir():
        raise ParameterError(f"{folder}: no raw report for {year} (folder does not exist)")
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RAW_SUFFIXES
                   and not p.name.startswith("."))
    stems: dict[str, list[Path]] = {}
    for p in found:
        stems.setdefault(p.stem, []).append(p)
    if not stems:
        raise ParameterError(f"{folder}: no raw report for {year} (no .txt or .pdf file)")
    if len(stems) > 1:
        names = ", ".join(p.name for p in found)
        raise ParameterError(f"{folder}: several reports for {year} ({names}); pass raw_path to choose one")
    (candidates,) = stems.values()
    return min(candidates, key=lambda p: RAW_SUFFIXES.index(p.suffix.lower()))


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




def processed_dir(year: int, *, root: str | Path | None = None) -> Path:
    """``<root>/data/processed/<year>``."""
    root = Path(root) if root is not None else find_project_root()
    return root / "data" / "processed" / str(year)
