"""Derived frames (pure pandas): shares of net cost, key figures by year, findings, status counts."""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from kslib.present.labels import STATUS_ORDER

def area_names(frame: pd.DataFrame) -> pd.Series:
    """``"100 Ledning"``: code and label of each row of a financial frame."""
    code = frame["row_code"].astype("string").fillna("")
    return (code + " " + frame["row_label"].astype(str)).str.strip()


def net_cost_shares(wide: pd.DataFrame, *, year: int) -> pd.DataFrame:
    """Each programme area's outcome, budget and share of the total net cost (rows of kind ``row``)."""
    rows = wide[wide["kind"] == "row"].copy() if "kind" in wide.columns else wide.copy()
    outcome = pd.to_numeric(rows[f"outcome_{year}"], errors="coerce").astype(float)
    total = outcome.sum()
    out = pd.DataFrame({"area": area_names(rows).to_numpy(), "outcome": outcome.to_numpy()})
    out["share"] = out["outcome"] / total * 100 if total else float("nan")
    return out.sort_values("outcome", ascending=False, ignore_index=True)


def estimated_inhabitants(net_cost_tkr: float | None, cost_per_inhabitant_kr: float | None) -> float | None:
    """Inhabitants implied by the front matter (net cost ÷ cost per inhabitant), or None."""
    if not net_cost_tkr or not cost_per_inhabitant_kr:
        return None
    return float(net_cost_tkr) * 1000 / float(cost_per_inhabitant_kr)


def key_figures_wide(nyckeltal: pd.DataFrame) -> pd.DataFrame:
    """One row per key figure, one column per year (ascending), outcome values."""
    df = nyckeltal[nyckeltal["measure"] == "outcome"]
    order = list(dict.fromkeys(df["row_label"]))
    wide = df.pivot_table(index="row_label", columns="year", values="value", aggfunc="first", sort=False)
    wide = wide.reindex(order)
    wide.columns = [int(c) for c in wide.columns]
    return wide[sorted(wide.columns)].astype(float)


def key_figure_units(nyckeltal: pd.DataFrame, labels) -> pd.Series:
    """Each key figure's unit (``%``, ``st`` …) by label, in the order of ``labels``; None where unknown."""
    if "unit" not in nyckeltal.columns:
        return pd.Series(None, index=labels, dtype="object")
    return nyckeltal.drop_duplicates("row_label").set_index("row_label")["unit"].reindex(labels)


_NOT_FINDINGS = ("info", "ok", "pass", "passed")


def findings(checks: pd.DataFrame, *, tables: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Checks that found something (severity other than info/ok), optionally for some tables only."""
    df = checks if tables is None else checks[checks["table"].isin(tables)]
    return df[~df["severity"].astype(str).str.lower().isin(_NOT_FINDINGS)].reset_index(drop=True)


def status_counts(goals: pd.DataFrame, *, others: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Parsed counts per level and status (all five statuses, zeros included).

    ``others`` adds levels counted in other frames with a ``status`` column,
    e.g. ``{"action_plan": action_plan}``.
    """
    frames = {lv: goals[goals["level"] == lv] for lv in ("goal", "subgoal")}
    frames.update(others or {})
    rows = []
    for level, sub in frames.items():
        status = sub["status"].astype("string").fillna("unknown")
        for st in STATUS_ORDER:
            rows.append({"level": level, "status": st, "parsed": int((status == st).sum())})
    return pd.DataFrame(rows)


def goal_counts_comparison(goals: pd.DataFrame, goal_counts: pd.DataFrame, *,
                           others: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The report's own summary counts ('sex av delmålen uppfylls') against the goals parsed.

    Levels with nothing parsed to compare with (e.g. ``action_plan`` when that
    frame is not given) get ``parsed`` NA and ``agrees`` NA.
    """
    parsed = status_counts(goals, others=others)
    rows = []
    for rec in goal_counts.itertuples(index=False):
        hit = parsed[(parsed["level"] == rec.level) & (parsed["status"] == rec.status)]
        n = int(hit["parsed"].iloc[0]) if len(hit) else None
        agrees = None if n is None or pd.isna(rec.count) else int(rec.count) == n
        rows.append({"level": rec.level, "status": rec.status, "reported": rec.count, "parsed": n,
                     "agrees": agrees, "text": getattr(rec, "text", ""), "line": getattr(rec, "line", None)})
    return pd.DataFrame(rows, columns=["level", "status", "reported", "parsed", "agrees", "text", "line"])


def unknown_goals(goals: pd.DataFrame) -> pd.DataFrame:
    """Goals whose status the text did not give (the analyst has to assess them)."""
    return goals[goals["status"].isna() | (goals["status"] == "unknown")].reset_index(drop=True)
