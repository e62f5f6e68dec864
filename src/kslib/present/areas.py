"""The report's financial tables as the pages show them, whatever the report calls them.

A report may hold a driftredovisning read by its family reader, or only tables the catalog found by
structure ("Utfall mot budget 2019", "Resultatredovisning i sammandrag", "Tabell 1 Utfall per …").
:func:`operating_table`, :func:`result_table` and :func:`key_figures` pick the one the page needs and
return it in one shape — a wide frame like :func:`kslib.parse.tables.financial.wide` (``row_code``,
``row_label``, ``kind``, ``outcome_2020``, ``budget_2020``, ``deviation_2020``, ``surplus_2020`` …) —
with its title, unit and page in a :class:`FinancialView`.  Pure pandas; nothing here reads a file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

_CODE = re.compile(r"^(?P<code>\d{1,6})\s+(?P<label>\S.*)$")
_KINDS = {"row": "row", "subtotal": "subtotal", "total": "total", "category": "category"}
# rows of a summary that are no area or unit (results, equity, sums): vocabulary of the field
NOT_AREAS = r"resultat|eget kapital|^summa\b|^totalt?\b|^netto\b"
WIDE_MEASURES = ("outcome", "net", "budget", "deviation", "surplus", "forecast", "change")


@dataclass(frozen=True)
class FinancialView:
    """One financial table ready for a page: its wide frame and where it comes from."""

    wide: pd.DataFrame
    title: str
    unit: str                     # "tkr", "mnkr", … as the table states it ("" when it does not)
    page: int | None
    kind: str                     # the catalog's kind (operating_by_area, income_statement, …)
    table: str = ""               # the catalog's table id ("t1"); "" for a family table
    line: int | None = None       # the line where the table starts (its warnings name it)

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


def _split_code(label: str) -> tuple[str | None, str]:
    m = _CODE.match(str(label))
    return (m.group("code"), m.group("label")) if m else (None, str(label))


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
    codes, labels = zip(*(_split_code(r) for r in rows["row"])) if len(rows) else ((), ())
    out = pd.DataFrame({"row_code": pd.array(codes, dtype="string"), "row_label": list(labels),
                        "kind": [_KINDS.get(str(k), "row") for k in rows["row_kind"]]}, index=rows.index)
    order = [c for m in WIDE_MEASURES for c in sorted(wide.columns, reverse=True) if c.startswith(m + "_")]
    return out.join(wide[order]).reset_index(drop=True)


def _from_catalog(catalog: pd.DataFrame, kinds: tuple[str, ...], year: int, *,
                  need: tuple[str, ...]) -> FinancialView | None:
    """The catalogued table of one of ``kinds`` with the most rows carrying ``need`` for ``year``."""
    if catalog is None or catalog.empty:
        return None
    best = None
    for table_id, cells in catalog[catalog["kind"].isin(kinds)].groupby("table", sort=False):
        wide = catalog_wide(cells)
        columns = [f"{m}_{year}" for m in need]
        if not all(c in wide.columns for c in columns):
            continue
        score = int(wide[columns].notna().all(axis=1).sum())
        if score and (best is None or score > best[0]):
            first = cells.iloc[0]
            unit = "" if pd.isna(first["unit"]) else str(first["unit"])
            page = None if pd.isna(first["page"]) else int(first["page"])
            line = pd.to_numeric(first.get("line"), errors="coerce")
            best = (score, FinancialView(wide, str(first["title"]), unit, page, str(first["kind"]), str(table_id),
                                         None if line is None or pd.isna(line) else int(line)))
    return best[1] if best else None


def _taken_from_catalog(tidy: pd.DataFrame | None, catalog: pd.DataFrame, kinds: tuple[str, ...], year: int, *,
                        need: tuple[str, ...]) -> FinancialView | None:
    """The catalogued table a family frame was filled from (its ``table`` column), with its own title, unit
    and page; None when the family has its own reader's table."""
    if tidy is None or "table" not in tidy.columns or catalog is None or catalog.empty:
        return None
    ids = set(tidy["table"].dropna())
    return _from_catalog(catalog[catalog["table"].isin(ids)], kinds, year, need=need) if ids else None


def operating_table(drift_wide: pd.DataFrame, catalog: pd.DataFrame, *, year: int,
                    page: int | None = None, tidy: pd.DataFrame | None = None) -> FinancialView | None:
    """Outcome against budget per area or unit: the driftredovisning (``page`` where it stands; the catalogued
    table it was taken from, per ``tidy``), else the catalogued table of that kind."""
    need = ("outcome", "budget", "surplus")
    taken = _taken_from_catalog(tidy, catalog, ("operating_by_area",), year, need=need)
    if taken is not None:
        return taken
    if drift_wide is not None and not drift_wide.empty and f"surplus_{year}" in drift_wide.columns:
        return FinancialView(drift_wide, "Driftredovisning", "tkr", page, "operating_by_area")
    return _from_catalog(catalog, ("operating_by_area",), year, need=need)


def result_table(resultat_wide: pd.DataFrame, catalog: pd.DataFrame, *, year: int,
                 page: int | None = None, tidy: pd.DataFrame | None = None) -> FinancialView | None:
    """The income statement or a summary of results: the resultaträkning (or the catalogued table it was
    taken from, per ``tidy``), else the catalogued one."""
    taken = _taken_from_catalog(tidy, catalog, ("income_statement",), year, need=("outcome",))
    if taken is not None:
        return taken
    if resultat_wide is not None and not resultat_wide.empty:
        return FinancialView(resultat_wide, "Resultaträkning", "tkr", page, "income_statement")
    return _from_catalog(catalog, ("income_statement",), year, need=("outcome",))


def key_figures(nyckeltal: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Key figures in the nyckeltal shape (``row_label, measure, year, value``): the family table, else
    the catalogued key-figure tables' values."""
    if nyckeltal is not None and not nyckeltal.empty:
        return nyckeltal
    if catalog is None or catalog.empty:
        return pd.DataFrame(columns=["row_label", "measure", "year", "value"])
    cells = catalog[(catalog["kind"] == "key_figures") & catalog["value"].notna() & catalog["year"].notna()]
    cells = cells[cells["measure"].isin(["value", "outcome"])]
    out = pd.DataFrame({"row_label": cells["row"], "measure": "outcome", "year": cells["year"].astype(int),
                        "value": cells["value"]}).drop_duplicates(["row_label", "year"])
    return out.reset_index(drop=True)


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


_UNIT_WORDS = {"tkr": "tusen kronor (tkr)", "mnkr": "miljoner kronor (mnkr)", "kr": "kronor"}


def _unit_basis(view: FinancialView, warnings) -> str | None:
    """What :func:`unit_notes` says of one table after "anger ingen enhet; ", or None."""
    if view is None or view.line is None:
        return None
    for w in warnings or []:
        code = getattr(w, "code", "")
        if getattr(w, "line", None) != view.line or code not in ("unit-from-text", "unit-from-tables", "unit-unknown"):
            continue
        if code == "unit-unknown" or not view.unit:
            break
        unit = _UNIT_WORDS.get(view.unit, view.unit)
        if code == "unit-from-text":
            page = getattr(w, "evidence_page", None)
            return "av rapportens text" + (f" (s. {page})" if page else "") + f" framgår att beloppen är {unit}"
        return f"beloppen är {unit} som i rapportens övriga tabeller"
    else:
        if view.unit:
            return None
    return "beloppen visas som de står i rapporten (belopp enligt rapporten)"


def unit_notes(views, warnings) -> str | None:
    """One Swedish sentence for the tables of ``views`` that state no unit: the unit the report's own words
    give and where ("Tabellen ”Utfall mot budget 2019” (s. 8) anger ingen enhet; av rapportens text (s. 1)
    framgår att beloppen är tusen kronor (tkr)."), or that the figures are shown as printed ("belopp enligt
    rapporten").  None when every table states its unit."""
    said: dict[str, list[FinancialView]] = {}
    for view in views:
        basis = _unit_basis(view, warnings) if view is not None else None
        if basis and not any(v is view for v in said.get(basis, [])):
            said.setdefault(basis, []).append(view)
    parts = []
    for basis, tables in said.items():
        names = [f"\u201d{v.title}\u201d" + (f" (s. {v.page})" if v.page else "") for v in tables]
        listing = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " och " + names[-1]
        parts.append(f"{'Tabellen' if len(names) == 1 else 'Tabellerna'} {listing} anger ingen enhet; {basis}.")
    return " ".join(parts) or None
