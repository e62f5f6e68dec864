"""Swedish sentences built from the frames: audit summary, goal and status summaries."""
from __future__ import annotations

import pandas as pd

from kslib import fmt
from kslib.present.frames import findings
from kslib.present.labels import STATUS_ORDER, status_label
from kslib.statuses import STATUS_PHRASES_SV

# a status the text does not state is said as such, never as a finding
_STATUS_PHRASE = {**STATUS_PHRASES_SV, "unknown": "saknar status i rapportens text"}
_LEVEL_PLURAL = {"goal": "mål", "subgoal": "delmål", "assignment": "uppdrag", "action_plan": "aktiviteter"}


def checks_summary(checks: pd.DataFrame, *, tables: tuple[str, ...] | None = None) -> str:
    """One Swedish sentence: how many findings, by severity."""
    df = checks if tables is None else checks[checks["table"].isin(tables)]
    found = findings(df)
    passed = len(df) - len(found)
    head = f"Granskningen gjorde {fmt.format_number(len(df))} kontroller; {fmt.format_number(passed)} stämde"
    if found.empty:
        return head + " och inga avvikelser hittades."
    counts = found["severity"].astype(str).value_counts()
    parts = [f"{fmt.format_number(n)} {_SEVERITY_PLURAL.get(sev, sev)}" for sev, n in counts.items()]
    return head + ", och " + " och ".join(parts) + " behöver uppmärksamhet:"


_SEVERITY_PLURAL = {"error": "fel", "warning": "varningar"}




def goals_summary(goals: pd.DataFrame) -> str:
    """A Swedish sentence per level: 'Av 4 mål: 2 uppfylls, 2 uppfylls delvis.'"""
    status = goals["status"].astype("string").fillna("unknown")
    out = []
    for level, word in (("goal", "mål"), ("subgoal", "delmål")):
        mask = goals["level"] == level
        if not mask.any():
            continue
        parts = [f"{int((status[mask] == st).sum())} {_STATUS_PHRASE.get(st, status_label(st).lower())}"
                 for st in STATUS_ORDER if (status[mask] == st).any()]
        out.append(f"Av {int(mask.sum())} {word}: {', '.join(parts)}.")
    return " ".join(out)


def status_summary(frame: pd.DataFrame, *, what: str) -> str:
    """'Av 8 aktiviteter: 1 uppfylls ej, 7 saknar status i rapportens text.' for a frame with ``status``."""
    if "status" not in frame.columns:
        return f"{len(frame)} {what}."
    status = frame["status"].astype("string").fillna("unknown")
    counts = status.value_counts()
    order = [s for s in STATUS_ORDER if s in counts.index] + [s for s in counts.index if s not in STATUS_ORDER]
    parts = [f"{int(counts[s])} {_STATUS_PHRASE.get(s, status_label(s).lower())}" for s in order]
    return f"Av {len(frame)} {what}: {', '.join(parts)}."


def missing_statuses(frames: dict[str, pd.DataFrame]) -> str | None:
    """What a page's "Utkast" notice says, or None when every status is stated: ``{"subgoal": goals, …}``
    (a frame with ``level`` is counted per level, others as their key)."""
    parts = []
    for what, frame in frames.items():
        if frame is None or frame.empty or "status" not in frame:
            continue
        levels = frame.groupby("level") if "level" in frame else [(what, frame)]
        for level, part in levels:
            status = part["status"].astype("string").fillna("unknown")
            missing = int((status == "unknown").sum())
            if missing:
                parts.append(f"{missing} av {len(part)} {_LEVEL_PLURAL.get(str(level), str(level))}")
    if not parts:
        return None
    listing = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    return (f"Rapportens text anger inte status för {listing}. De visas som \u201dEj angiven i texten\u201d "
            f"tills de har bedömts; sammanställningen är därför inte fullständig.")
