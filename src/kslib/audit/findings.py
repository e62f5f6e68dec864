"""One audit finding and the ``checks`` frame they make."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kslib.read.source import Line

CHECK_COLUMNS = ["check", "severity", "table", "row", "expected", "found", "message", "location", "line", "page"]
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """A relation the report implies, and whether its figures keep it.

    ``severity``: ``error`` the report contradicts itself beyond rounding; ``warning`` within a looser
    tolerance, or a claim that cannot be verified precisely; ``info`` verified, or a note.
    """

    check: str
    severity: str
    table: str
    row: str
    expected: float | None
    found: float | None
    message: str                 # Swedish, for the committee's analysts
    line: int | None = None
    page: int | None = None

    @property
    def location(self) -> str:
        if self.line is None:
            return ""
        return f"s. {self.page}, rad {self.line}" if self.page else f"rad {self.line}"


def at(line: Line | None) -> dict:
    """``line``/``page`` keyword arguments for a :class:`Finding` from a source line."""
    return {"line": line.number, "page": line.page} if line is not None else {}


def grade(diff: float, tolerance: float, loose: float) -> str:
    """info within ``tolerance``, warning within ``loose``, else error."""
    d = abs(diff)
    if d <= tolerance + 1e-9:
        return "info"
    if d <= loose + 1e-9:
        return "warning"
    return "error"


def frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as the ``checks`` contract frame: errors first, then warnings, then info, in report order."""
    records = [{
        "check": f.check, "severity": f.severity, "table": f.table, "row": f.row,
        "expected": f.expected, "found": f.found, "message": f.message, "location": f.location,
        "line": f.line, "page": f.page,
    } for f in findings]
    df = pd.DataFrame.from_records(records, columns=CHECK_COLUMNS)
    if df.empty:
        return df
    df["expected"] = df["expected"].astype("Float64")
    df["found"] = df["found"].astype("Float64")
    df["line"] = df["line"].astype("Int64")
    df["page"] = df["page"].astype("Int64")
    order = df["severity"].map({s: k for k, s in enumerate(SEVERITIES)})
    df = df.assign(_o=order, _l=df["line"].fillna(10**9)).sort_values(["_o", "_l"], kind="stable")
    return df.drop(columns=["_o", "_l"]).reset_index(drop=True)
