"""The report's financial tables as the pages show them, whatever the report calls them.

The views (driftredovisning, resultatrakning) are projections of the catalog: each row of a view names the
catalogued table it comes from (``table``).  :func:`operating_table` and :func:`result_table` return that
table in one shape — a wide frame like :func:`kslib.parse.tables.views.wide` (``row_code``, ``row_label``,
``kind``, ``outcome_2020``, ``budget_2020``, ``deviation_2020``, ``surplus_2020`` …) — with its title, unit and
page in a :class:`FinancialView`.  Pure pandas; nothing here reads a file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kslib.vocab.rows import NOT_AREAS, split_code
from kslib.vocab.units import UNIT_WORDS_SV

_KINDS = {"row": "row", "subtotal": "subtotal", "total": "total", "category": "category"}
WIDE_MEASURES = ("outcome", "net", "budget", "deviation", "surplus", "forecast", "change")


@dataclass(frozen=True)
class FinancialView:
    """One financial table ready for a page: its wide frame and where it comes from."""

    wide: pd.DataFrame
    title: str
    unit: str                     # "tkr", "mnkr", … as the table states it or the report tells ("" when unknown)
    page: int | None
    kind: str                     # the catalog's kind (operating_by_area, income_statement, …)
    table: str = ""               # the catalog's table id ("t1")
    line: int | None = None       # the line where the table starts
    unit_basis: str = "printed"   # printed, text (the prose tells the unit), tables (the other tables), unknown
    unit_page: int | None = None  # the page of the prose that tells the unit

    @property
    def source(self) -> str:
        """``"Utfall mot budget 2019, s. 8"`` — where a reader finds the table in the report."""
        return f"{self.title}, s. {self.page}" if self.page else self.title

    @property
    def costs_positive(self) -> bool:
        """True when the table prints its latest year's net costs as positive figures (then shares of the
        total and a deviation as a share of the budget make sense)."""
        years = [int(c.split("_")[1]) for c in self.wide.columns if re.fullmatch(r"outcome_\d{4}", str(c))]
        if not years:
            return False
        values = self.wide[[c for c in (f"outcome_{max(years)}", f"budget_{max(years)}") if c in self.wide]]
        numbers = pd.to_numeric(values.stack(), errors="coerce").dropna()
        return bool(len(numbers)) and bool((numbers >= 0).all())


def catalog_wide(cells: pd.DataFrame) -> pd.DataFrame:
    """One catalogued table's cells as a wide frame (one row per table row, ``<measure>_<year>``)."""
    cells = cells[cells["measure"].isin(WIDE_MEASURES) & cells["year"].notna()].copy()
    if cells.empty:
        return pd.DataFrame(columns=["row_code", "row_label", "kind"])
    cells["measure"] = cells["measure"].replace({"net": "outcome"})
    cells["key"] = cells["row"].astype(str) + "\x00" + cells["line"].astype("string").fillna("")
    cells["column"] = cells["measure"] + "_" + cells["year"].astype(int).astype(str)
    # one value per row and column: the first printed (a second budget column, e.g. a full-year one, is left out)
    cells = cells.drop_duplicates(["key", "column"])
    wide = cells.pivot(index="key", columns="column", values="value")
    rows = cells.drop_duplicates("key").set_index("key")
    if "row_label" in rows.columns:
        codes = [None if pd.isna(c) else str(c) for c in rows["row_code"]]
        labels = [str(x) for x in rows["row_label"]]
    else:
        codes, labels = zip(*(split_code(str(r)) for r in rows["row"])) if len(rows) else ((), ())
    out = pd.DataFrame({"row_code": pd.array(list(codes), dtype="string"), "row_label": list(labels),
                        "kind": [_KINDS.get(str(k), "row") for k in rows["row_kind"]]}, index=rows.index)
    order = [c for m in WIDE_MEASURES for c in sorted(wide.columns, reverse=True) if c.startswith(m + "_")]
    return out.join(wide[order]).reset_index(drop=True)


def _optional(value):
    return None if value is None or pd.isna(value) else value


def _view(catalog: pd.DataFrame, tidy: pd.DataFrame | None, *, year: int, need: tuple[str, ...]) -> FinancialView | None:
    """The catalogued table the view ``tidy`` was projected from, when it has ``need`` for ``year``."""
    if tidy is None or tidy.empty or "table" not in tidy.columns or catalog is None or catalog.empty:
        return None
    ids = list(dict.fromkeys(tidy["table"].dropna()))
    cells = catalog[catalog["table"].isin(ids[:1])]
    wide = catalog_wide(cells)
    columns = [f"{m}_{year}" for m in need]
    if cells.empty or not all(c in wide.columns for c in columns) or not wide[columns].notna().all(axis=1).any():
        return None
    first = cells.iloc[0]
    unit = _optional(first["unit"])
    return FinancialView(wide, str(first["title"]), "" if unit is None else str(unit), _optional(first["page"]),
                         str(first["kind"]), str(first["table"]), _optional(first["line"]),
                         str(_optional(first.get("unit_basis")) or "printed"), _optional(first.get("unit_page")))


def operating_table(catalog: pd.DataFrame, tidy: pd.DataFrame | None, *, year: int) -> FinancialView | None:
    """Outcome against budget per area or unit: the table the driftredovisning view (``tidy``) comes from."""
    return _view(catalog, tidy, year=year, need=("outcome", "budget", "surplus"))


def result_table(catalog: pd.DataFrame, tidy: pd.DataFrame | None, *, year: int) -> FinancialView | None:
    """The income statement or a summary of results: the table the resultatrakning view (``tidy``) comes from."""
    return _view(catalog, tidy, year=year, need=("outcome",))


def largest(view: FinancialView, year: int, *, n: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the ``n`` largest surpluses, the ``n`` largest deficits) among the plain rows: name and surplus."""
    rows = view.wide[(view.wide["kind"] == "row")
                     & ~view.wide["row_label"].astype(str).str.contains(NOT_AREAS, case=False, regex=True)]
    names = (rows["row_code"].astype("string").fillna("") + " " + rows["row_label"].astype(str)).str.strip()
    ranked = pd.DataFrame({"name": names.to_numpy(), "label": rows["row_label"].to_numpy(),
                           "code": rows["row_code"].to_numpy(),
                           "surplus": pd.to_numeric(rows[f"surplus_{year}"], errors="coerce").to_numpy()}).dropna(
        subset=["surplus"])
    return (ranked[ranked["surplus"] > 0].nlargest(n, "surplus").reset_index(drop=True),
            ranked[ranked["surplus"] < 0].nsmallest(n, "surplus").reset_index(drop=True))


def total_row(view: FinancialView) -> pd.Series | None:
    """The table's total row (the last one), or None."""
    totals = view.wide[view.wide["kind"] == "total"]
    return totals.iloc[-1] if len(totals) else None


def _unit_basis(view: FinancialView) -> str | None:
    """What :func:`unit_notes` says of one table after "anger ingen enhet; ", or None when it states its unit."""
    if view.unit_basis == "printed" and view.unit:
        return None
    unit = UNIT_WORDS_SV.get(view.unit, view.unit)
    if view.unit_basis == "text" and view.unit:
        return "av rapportens text" + (f" (s. {view.unit_page})" if view.unit_page else "") + \
            f" framgår att beloppen är {unit}"
    if view.unit_basis == "tables" and view.unit:
        return f"beloppen är {unit} som i rapportens övriga tabeller"
    return "beloppen visas som de står i rapporten (belopp enligt rapporten)"


def unit_notes(views) -> str | None:
    """One Swedish sentence for the tables of ``views`` that state no unit: the unit the report's own words
    give and where ("Tabellen ”Utfall mot budget 2019” (s. 8) anger ingen enhet; av rapportens text (s. 1)
    framgår att beloppen är tusen kronor (tkr)."), or that the figures are shown as printed ("belopp enligt
    rapporten").  None when every table states its unit."""
    said: dict[str, list[FinancialView]] = {}
    for view in views:
        basis = _unit_basis(view) if view is not None else None
        if basis and not any(v is view for v in said.get(basis, [])):
            said.setdefault(basis, []).append(view)
    parts = []
    for basis, tables in said.items():
        names = [f"\u201d{v.title}\u201d" + (f" (s. {v.page})" if v.page else "") for v in tables]
        listing = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        parts.append(f"{'Tabellen' if len(names) == 1 else 'Tabellerna'} {listing} anger ingen enhet; {basis}.")
    return " ".join(parts) or None
