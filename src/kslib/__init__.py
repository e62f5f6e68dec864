"""kslib: read, check and analyse Swedish municipal boards' annual reports.

>>> import kslib
>>> report = kslib.read_report("data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt")
>>> report.driftredovisning.head()

Importing kslib is light: matplotlib, papermill and pdfplumber load only when used.
"""
from __future__ import annotations

from .errors import (InputFileError, KslibError, NotAReportError, OutputError, OverridesError,
                     ParameterError, ParseError, PdfError, RenderError)
from .fmt import format_kr, format_mnkr, format_number, format_percent, format_tkr, format_value
from .numbers import parse_number, parse_numeral
from .report import Report, read_report

from ._version import __version__

__all__ = [
    "Report", "read_report", "parse_number", "parse_numeral",
    "format_number", "format_tkr", "format_mnkr", "format_kr", "format_percent", "format_value",
    "KslibError", "InputFileError", "NotAReportError", "PdfError", "ParseError", "OverridesError",
    "ParameterError", "RenderError", "OutputError", "__version__",
]
