"""The surplus of every catalogued table: positive = better than budget, from the table's own conventions.

Municipal tables print their deviation from budget so that a positive figure is the favourable one —
``budget − utfall`` where net costs are printed as positive figures, ``utfall − budget`` where costs are
negative or the figures are results — so where a table prints a deviation, that figure (as printed) is
the surplus.  Where it prints none, the surplus is computed: ``utfall − budget`` when the table prints
costs as negative figures (or any figure negative: results, income and costs together), ``budget − utfall``
when every figure is a positive net cost.  The catalog gets one ``surplus`` cell per row and year with
both an outcome and a budget, so nothing downstream has to guess the convention.
"""
from __future__ import annotations

import pandas as pd

SURPLUS = "surplus"


def _key(frame: pd.DataFrame) -> pd.Series:
    return frame["row"].astype(str) + "\x00" + frame["line"].astype("string").fillna("")


def _one(cells: pd.DataFrame, measure: str) -> float | None:
    hit = cells[(cells["measure"] == measure) & cells["value"].notna()]
    return float(hit["value"].iloc[0]) if len(hit) == 1 else None


def _outcome_budget(cells: pd.DataFrame):
    """(outcome, budget, deviation or None, a cell) of one row and year: within one column group where
    the group has both (e.g. "Ack Utfall" beside "Ack Budget"), else across the row."""
    groups = [part for _, part in cells.groupby(cells["group"].astype("string").fillna(""), sort=False)]
    for part in [*groups, cells]:
        o, b = _one(part, "outcome"), _one(part, "budget")
        o = _one(part, "net") if o is None else o          # "Utfall netto" beside income and costs
        if o is not None and b is not None:
            return o, b, _one(part, "deviation"), part.iloc[0]
    return None


def _surplus_cells(table: pd.DataFrame) -> list[dict]:
    if (table["measure"] == SURPLUS).any():
        return []                                   # the family readers gave it already
    values = table[table["measure"].isin(["outcome", "net", "budget"]) & table["value"].notna()]
    costs_positive = bool(len(values)) and bool((values["value"] >= 0).all())
    out: list[dict] = []
    keyed = table.assign(_key=_key(table))
    for _, row in keyed.groupby("_key", sort=False):
        for year in sorted(row["year"].dropna().unique()):
            same = row[row["year"] == year]
            found = _outcome_budget(same)
            if found is None:
                continue
            o, b, deviation, first = found
            if deviation is not None and abs(abs(deviation) - abs(o - b)) < 1.0:
                surplus = deviation
            else:
                surplus = b - o if costs_positive else o - b
            out.append({**first.drop(labels=["_key"]).to_dict(), "column": SURPLUS, "group": None,
                        "measure": SURPLUS, "year": year, "value": surplus})
    return out


def add_surplus(catalog: pd.DataFrame) -> pd.DataFrame:
    """The catalog with a ``surplus`` cell for every row and year that has an outcome and a budget."""
    if catalog.empty:
        return catalog
    added = [cell for _, table in catalog.groupby("table", sort=False) for cell in _surplus_cells(table)]
    if not added:
        return catalog
    extra = pd.DataFrame(added, columns=catalog.columns).astype(catalog.dtypes.to_dict(), errors="ignore")
    order = {t: k for k, t in enumerate(dict.fromkeys(catalog["table"]))}
    both = pd.concat([catalog, extra], ignore_index=True)
    both["_t"] = both["table"].map(order)
    return both.sort_values(["_t"], kind="stable").drop(columns="_t").reset_index(drop=True)
