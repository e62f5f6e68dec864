"""Reported goal counts ("två av målen uppfylls") against the parsed goals.

Uses the ``goal_counts`` table (``level,status,count,total,text,line``: counts the prose reports)
and the ``goals`` table (``goal_id,level,...,status,...``), and for ``level == "action_plan"`` the
``action_plan`` table.  A reported count equal to the parsed one is
``info``; one that the goals of unknown status could make up is a ``warning`` (cannot be confirmed);
any other mismatch is an ``error``.  Statuses from words and from coloured symbols (by the report's legend)
count alike; the message says how many of the parsed ones came from a symbol.
"""
from __future__ import annotations

import pandas as pd

from kslib.audit.findings import Finding

from kslib.statuses import LEVEL_WORDS_SV as _LEVEL_SV
from kslib.statuses import STATUS_PHRASES_SV as _STATUS_SV


def check_goal_counts(counts: pd.DataFrame, items: dict[str, pd.DataFrame]) -> list[Finding]:
    """``counts``: goal_counts rows; ``items``: level -> frame with a ``status`` column for that level."""
    out: list[Finding] = []
    if counts is None or counts.empty:
        return out
    for _, c in counts.iterrows():
        level = str(c["level"])
        frame = items.get(level)
        if frame is None or "status" not in frame:
            continue
        line = None if pd.isna(c.get("line")) else int(c["line"])
        level_sv = _LEVEL_SV.get(level, level)
        status_sv = _STATUS_SV.get(str(c["status"]), str(c["status"]))
        found = int((frame["status"] == c["status"]).sum())
        unknown = int((frame["status"] == "unknown").sum())
        by_symbol = int(((frame["status"] == c["status"]) & (frame["basis"] == "symbol")).sum()) \
            if "basis" in frame else 0
        shown = f"{found}, varav {by_symbol} enligt färgsymbol" if by_symbol else f"{found}"
        if not pd.isna(c.get("count")):
            expected = int(c["count"])
            if expected == found:
                sev, tail = "info", f"det stämmer med de tolkade {level_sv} ({shown})"
            elif found <= expected <= found + unknown:
                sev, tail = "warning", (f"de tolkade {level_sv} visar {shown}, och {unknown} har okänd status; "
                                        "det kan inte bekräftas")
            else:
                sev, tail = "error", f"det stämmer inte med de tolkade {level_sv} ({shown})"
            out.append(Finding("goal_count", sev, "goals", f"{level} {c['status']}", expected, found,
                               f"Texten anger att {expected} {level_sv} {status_sv}; {tail}", line=line))
        if not pd.isna(c.get("total")):
            expected_total, found_total = int(c["total"]), len(frame)
            ok = expected_total == found_total
            out.append(Finding(
                "goal_total", "info" if ok else "error", "goals", f"{level} total", expected_total, found_total,
                f"Texten anger {expected_total} {level_sv} totalt; tabellen har {found_total}", line=line))
    return _dedupe(out)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.check, f.row, f.expected, f.found)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def check_goals(report) -> list[Finding]:
    """Goal counts of the prose against the parsed goals and the action plan."""
    goals = report.table("goals")
    items: dict[str, pd.DataFrame] = {}
    if not goals.empty:
        for level, part in goals.groupby("level"):
            items[str(level)] = part
    plan = report.table("action_plan")
    if "status" in plan:
        items["action_plan"] = plan
    return check_goal_counts(report.table("goal_counts"), items)
