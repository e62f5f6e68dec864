"""A short readable summary of the audit for the terminal."""
from __future__ import annotations

import pandas as pd

_LABEL = {"error": "FEL", "warning": "VARNING", "info": "OK/INFO"}


def summarise(checks: pd.DataFrame, *, name: str = "", show_info: bool = False, width: int = 160) -> str:
    """``"r.txt: 3 tabeller granskade, 41 samband: 1 fel, 0 varningar, 40 info"``, then one line per
    error and warning (and info with ``show_info``)."""
    n = len(checks)
    counts = checks["severity"].value_counts() if n else pd.Series(dtype=int)
    e, w, i = (int(counts.get(s, 0)) for s in ("error", "warning", "info"))
    head = f"{name}: " if name else ""
    tables = checks["table"].dropna().nunique() if n else 0
    lines = [f"{head}{tables} tabeller granskade, {n} samband: {e} fel, {w} varningar, {i} info"]
    shown = checks if show_info else checks[checks["severity"] != "info"]
    for row in shown.itertuples(index=False):
        where = f" ({row.location})" if isinstance(row.location, str) and row.location else ""
        text = f"  {_LABEL.get(row.severity, row.severity)}: [{row.check}] {row.message}{where}"
        lines.append(text if len(text) <= width else text[:width - 1] + "…")
    if not e and not w:
        lines.append("  Inga motsägelser hittades i rapportens räkning.")
    return "\n".join(lines)
