"""The processed-data contract: ``report.json``, one CSV per table and one workbook.

:func:`write_processed` reads every table first and writes nothing until all of
them are in memory; the files are staged and moved into place together, so a
failed run leaves the previous outputs as they were.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ._version import __version__
from .atomic import Staging, exclusive
from .report import Report

CSV_OPTIONS = {"index": False, "encoding": "utf-8", "float_format": "%.10g", "lineterminator": "\n"}


def report_json(report: Report) -> dict:
    """Metadata, provenance and warnings of a parsed report."""
    meta = report.meta.to_dict()
    return {
        **meta,
        "source_file": report.source.name,
        "source_sha256": report.source.sha256,
        "kslib_version": __version__,
        "warnings": [w.to_dict() for w in report.warnings],
    }


def write_processed(report: Report, out_dir: str | Path, *, workbook_name: str | None = None) -> list[Path]:
    """Write the contract for ``report`` into ``out_dir``; returns the files written."""
    out_dir = Path(out_dir)
    report.require_tables()
    tables = report.tables()
    meta = report_json(report)
    with exclusive(out_dir, what="parse"), Staging(out_dir) as stage:
        for name, frame in tables.items():
            frame.to_csv(stage.path / f"{name}.csv", **CSV_OPTIONS)
        (stage.path / "report.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=_json_default)
                                                + "\n", encoding="utf-8")
        book = workbook_name or f"{Path(report.source.name).stem}.xlsx"
        write_workbook(tables, meta, stage.path / book)
        return stage.commit()


def write_workbook(tables: dict[str, pd.DataFrame], meta: dict, path: Path) -> None:
    """One sheet per table plus a ``report`` sheet with the metadata."""
    info = pd.DataFrame([(k, v) for k, v in meta.items() if k != "warnings"], columns=["field", "value"])
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        info.to_excel(xl, sheet_name="report", index=False)
        for name, frame in tables.items():
            frame.to_excel(xl, sheet_name=name[:31], index=False)


def _json_default(value):
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
