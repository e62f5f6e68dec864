"""kslib: read, check and analyse Swedish municipal boards' reports.

>>> import kslib
>>> report = kslib.read_report("data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt")
>>> report.driftredovisning.head()
>>> checks = kslib.run_checks(report)                      # the audit reads the parsed report
>>> processed = kslib.load("data/processed/2020/vaggeryds-kommun-kommunstyrelsen")   # what `kslib parse` wrote
>>> kslib.series("data/processed/2022/goteborgs-stad-stadsrevisionen",
...              "data/processed/2023/goteborgs-stad-stadsrevisionen")   # one board's figures over the years

The data flows one way: :mod:`kslib.read` (bytes → lines) → :mod:`kslib.parse` (→ Report)
→ :mod:`kslib.audit` (→ findings) → :mod:`kslib.pipeline` (processed data, render) ;
:mod:`kslib.present` (Swedish labels, charts, commentary, styled tables) serves the notebooks.

Importing kslib is light: pandas loads, matplotlib, papermill and pdfplumber only when used.
"""
from __future__ import annotations

from kslib._version import __version__
from kslib.audit import run_checks
from kslib.diagnostics import ParseWarning
from kslib.errors import (InputFileError, KslibError, NotAReportError, OutputError, OverridesError, ParameterError,
                          ParseError, PdfError, RenderError)
from kslib.fmt import format_kr, format_mnkr, format_number, format_percent, format_tkr, format_value
from kslib.parse.numbers import parse_number, parse_numeral
from kslib.parse.report import Report, read_report
from kslib.pipeline.contract import ProcessedReport, load
from kslib.pipeline.series import series

__all__ = [
    "read_report", "load", "series", "run_checks", "Report", "ProcessedReport", "ParseWarning",
    "parse_number", "parse_numeral",
    "format_number", "format_tkr", "format_mnkr", "format_kr", "format_percent", "format_value",
    "KslibError", "InputFileError", "NotAReportError", "PdfError", "ParseError", "OverridesError",
    "ParameterError", "RenderError", "OutputError", "__version__",
]
