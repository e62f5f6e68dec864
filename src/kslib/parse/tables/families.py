"""The family files (resultatrakning, driftredovisning, nyckeltal) filled from the classified catalog.

When a report has no table the title-based family reader knows, its family tables are taken from the
tables the catalog found by structure and classified: the income statement (or summary of results)
for ``resultatrakning``, the outcome per area or unit for ``driftredovisning``, every key-figure table
for ``nyckeltal`` — in the family shape (``row_code, row_label, measure, year, value, unit, note, kind,
page, line``, plus ``table``: the catalog id the row was taken from) with the unit the table states (or
the one :mod:`.units` told).
"""
from __future__ import annotations

import re

import pandas as pd

FAMILY_KINDS = {"resultatrakning": "income_statement", "driftredovisning": "operating_by_area",
                "nyckeltal": "key_figures"}
# the measures a family needs for the report's year to prefer one table over another
_NEED = {"resultatrakning": ("outcome",), "driftredovisning": ("outcome", "budget"), "nyckeltal": ()}
_CODE = re.compile(r"^(?P<code>\d{1,6})\s+(?P<label>\S.*)$")
_ROW_KINDS = ("row", "subtotal", "total")


def _score(cells: pd.DataFrame, year: int | None, need: tuple[str, ...]) -> int:
    """Rows of the table carrying every measure in ``need`` for ``year`` (net counts as outcome)."""
    cells = cells[cells["row_kind"].isin(_ROW_KINDS) & cells["value"].notna()]
    if year is not None:
        cells = cells[cells["year"] == year]
    measures = cells["measure"].replace({"net": "outcome"})
    have = cells.assign(measure=measures).groupby("line")["measure"].agg(set)
    return int(sum(1 for m in have if set(need) <= m))


def chosen_tables(catalog: pd.DataFrame, family: str, year: int | None) -> list[str]:
    """The catalog ids of the tables that fill ``family``: every key-figure table, else the one table of
    the family's kind with the most complete rows for ``year``."""
    if catalog is None or catalog.empty:
        return []
    of_kind = catalog[catalog["kind"] == FAMILY_KINDS[family]]
    if family == "nyckeltal":
        return list(dict.fromkeys(of_kind["table"]))
    scored = [(_score(cells, year, _NEED[family]), -k, tid)
              for k, (tid, cells) in enumerate(of_kind.groupby("table", sort=False))]
    scored = [s for s in scored if s[0] > 0]
    return [max(scored)[2]] if scored else []


def family_from_catalog(catalog: pd.DataFrame, family: str, year: int | None, columns: list[str], *,
                        ids: list[str] | None = None) -> pd.DataFrame:
    """``family``'s frame (``columns``) from the catalog's classified tables (``ids``: those tables only);
    empty when none fits."""
    ids = chosen_tables(catalog, family, year) if ids is None else ids
    cells = catalog[catalog["table"].isin(ids) & catalog["row_kind"].isin(_ROW_KINDS)
                    & catalog["measure"].notna() & catalog["year"].notna()]
    if cells.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    measure = cells["measure"]
    # a table of income, cost and net prints the year's result as "net": the family calls it outcome
    has_outcome = set(zip(cells.loc[measure == "outcome", "table"], cells.loc[measure == "outcome", "year"]))
    measure = [("outcome" if m == "net" and (t, y) not in has_outcome else m)
               for m, t, y in zip(measure, cells["table"], cells["year"])]
    if family == "nyckeltal":      # a key figure's printed figure of a year is its outcome
        measure = ["outcome" if m == "value" else m for m in measure]
    codes, labels = zip(*(_split_code(str(r)) for r in cells["row"]))
    out = pd.DataFrame({
        "row_code": pd.array(codes, dtype="string"), "row_label": list(labels), "measure": measure,
        "year": cells["year"].astype("Int64").to_numpy(), "value": cells["value"].to_numpy(),
        "unit": cells["unit"].to_numpy(), "note": None, "kind": cells["row_kind"].to_numpy(),
        "page": cells["page"].to_numpy(), "line": cells["line"].to_numpy(), "table": cells["table"].to_numpy()})
    # one value per row, measure and year: the first printed (a second budget column, e.g. a full-year one)
    out = out.drop_duplicates(["line", "row_label", "measure", "year"]).reset_index(drop=True)
    return out[[*columns, "table"]]


def _split_code(label: str) -> tuple[str | None, str]:
    m = _CODE.match(label)
    return (m.group("code"), m.group("label")) if m else (None, label)
