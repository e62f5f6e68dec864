"""Financial tables: resultaträkning, driftredovisning and nyckeltal, as tidy frames.

A table is found by its title (``RESULTATRÄKNING, TKR``) followed by a column
header (:mod:`kslib.tables.columns`), never by line number or row name.  Each
row's figures are split with :func:`kslib.numbers.split_row` against the
table's identities (deviation against outcome and budget, in the table's own
sign convention; change against this and last year's outcome); rows still
undecided are settled by the column totals where the table has a total row,
else kept with a warning naming the alternatives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import pandas as pd

from ..diagnostics import ParseWarning
from ..numbers import BLANK_BASE, BLANK_DERIVED, Identity, RowSplit, Split, SplitError, split_row, tokenize_row
from ..source import Line, Source
from .columns import Column, is_header_word, parse_header

TIDY_COLUMNS = ["row_code", "row_label", "measure", "year", "value", "unit", "note", "kind", "page", "line"]
_TOTAL = re.compile(r"^(?:totalt|total|summa(?:\s+(?:totalt|nämnden|kostnader|intäkter))?|s:a|netto(?:kostnad)? totalt)$",
                    re.IGNORECASE)
_CODE = re.compile(r"^(?P<code>\d{1,6})\s+(?P<label>\D.*)$")
_UNIT_IN_TITLE = re.compile(r"\b(tkr|mnkr|mkr|kr|procent|%)\b", re.IGNORECASE)
_MAX_LABEL_WORDS = 9


@dataclass(frozen=True)
class TableSpec:
    """What identifies one family of financial table."""

    name: str
    title: re.Pattern[str]
    default_unit: str
    series: bool = False          # one outcome per year, no identities (key figures)


RESULTATRAKNING = TableSpec("resultatrakning", re.compile(r"RESULTATRÄKNING|RESULTATRAPPORT", re.IGNORECASE), "tkr")
DRIFTREDOVISNING = TableSpec("driftredovisning", re.compile(r"DRIFTS?REDOVISNING|DRIFTSBUDGET", re.IGNORECASE), "tkr")
NYCKELTAL = TableSpec("nyckeltal", re.compile(r"NYCKELTAL", re.IGNORECASE), "st", series=True)


@dataclass
class _RawRow:
    label: str
    code: str | None
    tokens: list
    lines: list[Line]
    total: bool
    unit: str
    split: RowSplit | None = None
    chosen: Split | None = None
    decided_by: str = ""


@dataclass
class FinancialTable:
    """A located table: its columns, rows and where it stands."""

    spec: TableSpec
    columns: list[Column]
    rows: list[_RawRow]
    title_line: Line
    complete: bool = True
    deviation_sign: int = 1   # +1: deviation = budget − outcome; −1: outcome − budget
    warnings: list[ParseWarning] = field(default_factory=list)


# --------------------------------------------------------------------------- locating

def _unit_of(text: str, default: str) -> str:
    m = _UNIT_IN_TITLE.search(text)
    if not m:
        return "st" if re.search(r"antal", text, re.IGNORECASE) else default
    unit = m.group(1).lower()
    return {"mkr": "mnkr", "procent": "%"}.get(unit, unit)


def _header_words(text: str) -> list[str] | None:
    words = text.split()
    return words if words and all(is_header_word(w) for w in words) else None


def locate(source: Source, spec: TableSpec, *, year: int | None = None) -> tuple[int, list[Column], int, str] | None:
    """Find ``spec``'s title and header: (title index, columns, first row index, unit)."""
    for i in source.find_all(spec.title):
        title = source[i].text
        after = spec.title.split(title, maxsplit=1)[-1]
        words = [w for w in after.replace(",", " ").split() if is_header_word(w) and w.lower() not in ("tkr", "mnkr", "kr")]
        unit = _unit_of(title, spec.default_unit)
        j = i + 1
        while j < len(source):
            text = source[j].text.strip()
            hw = _header_words(text)
            if hw is not None:
                words += hw
            elif text.endswith(":") and not re.search(r"\d", text):
                unit = _unit_of(text, unit)        # a sub-heading such as "Antaluppgifter:"
            else:
                break
            j += 1
        columns = parse_header(words, default_year=year)
        if len(columns) >= 2:
            return i, columns, j, unit
    return None


# --------------------------------------------------------------------------- identities

def _identities(columns: Sequence[Column], deviation_sign: int | None, tol: float) -> list[Identity]:
    """Row identities implied by the columns."""
    idx = {(c.measure, c.year): k for k, c in enumerate(columns)}
    out: list[Identity] = []
    for k, c in enumerate(columns):
        if c.measure == "deviation":
            o, b = idx.get(("outcome", c.year)), idx.get(("budget", c.year))
            if o is None or b is None:
                continue
            signs = (1, -1) if deviation_sign is None else (deviation_sign,)
            out.append(Identity("deviation", _dev_residual(k, o, b, signs), tol))
        elif c.measure == "change" and c.base_year:
            o1, o0 = idx.get(("outcome", c.year)), idx.get(("outcome", c.base_year))
            if o1 is None or o0 is None:
                continue
            out.append(Identity("change", _diff_residual(k, o1, o0), tol))
    return out


def _dev_residual(d: int, o: int, b: int, signs: Sequence[int]) -> Callable:
    def residual(v):
        if v[d] is None or v[o] is None or v[b] is None:
            return None
        return min((v[d] - s * (v[b] - v[o]) for s in signs), key=abs)
    return residual


def _diff_residual(c: int, a: int, b: int) -> Callable:
    def residual(v):
        if v[c] is None or v[a] is None or v[b] is None:
            return None
        return v[c] - (v[a] - v[b])
    return residual


def _tolerance(rows: Sequence[_RawRow]) -> float:
    decimals = max((len(t.dec_part) for r in rows for t in r.tokens), default=0)
    return 2.0 * 10 ** -decimals


# --------------------------------------------------------------------------- reading

def _is_row(label: str, tokens: list, n_cols: int) -> bool:
    return (bool(tokens) and bool(re.search(r"[A-Za-zÅÄÖåäö]", label))
            and len(label.split()) <= _MAX_LABEL_WORDS and len(tokens) >= max(1, n_cols // 2))


def _collect_rows(source: Source, start: int, n_cols: int, unit: str) -> tuple[list[_RawRow], bool, int]:
    """Rows from ``start`` until the table ends; (rows, complete, index after the table)."""
    rows: list[_RawRow] = []
    pending: list[Line] = []       # a label that wraps onto the row's line
    j = start
    while j < len(source):
        line = source[j]
        label, tokens = tokenize_row(line.text)
        if _is_row(label, tokens, n_cols):
            full = " ".join([p.text.strip() for p in pending] + [label]).strip()
            m = _CODE.match(full)
            code, text = (m.group("code"), m.group("label").strip()) if m else (None, full)
            total = bool(_TOTAL.match(text))
            row_unit = "%" if all(t.percent for t in tokens) else unit
            rows.append(_RawRow(text, code, tokens, pending + [line], total, row_unit))
            pending = []
            j += 1
            if total:
                return rows, True, j
            continue
        # a short label line directly followed by a row is the start of a wrapped label
        nxt = source[j + 1] if j + 1 < len(source) else None
        if rows is not None and not tokens and len(label.split()) <= 4 and not pending and nxt is not None:
            nlabel, ntoks = tokenize_row(nxt.text)
            if _is_row(nlabel, ntoks, n_cols) and (nlabel[:1].islower() or not rows):
                pending = [line]
                j += 1
                continue
        break
    complete = j < len(source)
    return rows, complete, j


def read_financial_table(source: Source, spec: TableSpec, *, year: int | None = None,
                         warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Read one table family into the tidy contract frame (empty frame if absent)."""
    warn = warnings if warnings is not None else []
    table = find_table(source, spec, year=year)
    if table is None:
        warn.append(ParseWarning("table-missing", f"no {spec.name} table found (title and column header)",
                                 table=spec.name))
        return empty_frame()
    warn.extend(table.warnings)
    return to_frame(table)


def find_table(source: Source, spec: TableSpec, *, year: int | None = None) -> FinancialTable | None:
    """Locate and split a table; None when its title and header are not in the text."""
    found = locate(source, spec, year=year)
    if found is None:
        return None
    title_idx, columns, first, unit = found
    n = len(columns)
    rows, complete, _ = _collect_rows(source, first, n, unit)
    table = FinancialTable(spec, columns, rows, source[title_idx], complete)
    if not rows:
        table.warnings.append(ParseWarning("table-empty", f"{spec.name}: header found but no rows under it",
                                           table=spec.name, line=source[title_idx].number,
                                           page=source[title_idx].page))
        return table
    if not complete:
        table.warnings.append(ParseWarning(
            "table-incomplete", f"{spec.name}: the text ends inside the table; read {len(rows)} rows as far as it goes",
            table=spec.name, line=rows[-1].lines[-1].number, page=rows[-1].lines[-1].page))
    tol = _tolerance(rows)
    _split_rows(table, None if not spec.series else 1, tol)
    if not spec.series:
        table.deviation_sign = _deviation_convention(table)
        _split_rows(table, table.deviation_sign, tol)
        _settle_by_totals(table, tol)
    _warn_undecided(table)
    return table


def _split_rows(table: FinancialTable, deviation_sign: int | None, tol: float) -> None:
    n = len(table.columns)
    identities = [] if table.spec.series else _identities(table.columns, deviation_sign, tol)
    blank_cost = [BLANK_DERIVED if c.measure in ("deviation", "change") else BLANK_BASE for c in table.columns]
    kept: list[_RawRow] = []
    for row in table.rows:
        try:
            row.split = split_row(row.tokens, n, identities=identities, series=table.spec.series,
                                  blank_cost=blank_cost)
        except SplitError as exc:
            line = row.lines[-1]
            table.warnings.append(ParseWarning("row-unreadable", f"{table.spec.name}: row {row.label!r}: {exc}; left out",
                                               table=table.spec.name, row=row.label, line=line.number, page=line.page))
            continue
        row.chosen, row.decided_by = row.split.best, row.split.decided_by
        kept.append(row)
    table.rows = kept


def _deviation_convention(table: FinancialTable) -> int:
    """+1 if deviations read budget − outcome (costs positive), −1 if outcome − budget."""
    cols = table.columns
    idx = {(c.measure, c.year): k for k, c in enumerate(cols)}
    votes = 0
    for k, c in enumerate(cols):
        o, b = idx.get(("outcome", c.year)), idx.get(("budget", c.year))
        if c.measure != "deviation" or o is None or b is None:
            continue
        for row in table.rows:
            v = row.chosen.values
            if None in (v[k], v[o], v[b]) or v[k] == 0:
                continue
            if abs(v[k] - (v[b] - v[o])) < abs(v[k] - (v[o] - v[b])):
                votes += 1
            else:
                votes -= 1
    return 1 if votes >= 0 else -1


def _settle_by_totals(table: FinancialTable, tol: float) -> None:
    """Use 'total = sum of rows' to decide rows that the row identities left open."""
    totals = [r for r in table.rows if r.total]
    body = [r for r in table.rows if not r.total]
    if len(totals) != 1 or not body:
        return
    total = totals[0]
    open_rows = [r for r in table.rows if r.split and r.split.ambiguous]
    for row in open_rows:
        best, best_score = row.chosen, None
        for cand in (row.split.best, *row.split.alternatives):
            row.chosen = cand
            score = _total_matches(body, total, tol)
            if best_score is None or score > best_score:
                best, best_score = cand, score
        row.chosen = best
        others = [c for c in (row.split.best, *row.split.alternatives) if c is not best]
        row.chosen = others[0]
        second = _total_matches(body, total, tol) if others else -1
        row.chosen = best
        if best_score is not None and best_score > second:
            row.decided_by = "total"


def _total_matches(body: Sequence[_RawRow], total: _RawRow, tol: float) -> int:
    hits = 0
    for k, t in enumerate(total.chosen.values):
        vals = [r.chosen.values[k] for r in body]
        if t is None or all(v is None for v in vals):
            continue
        s = sum(v for v in vals if v is not None)
        hits += 1 if abs(s - t) <= tol * max(1, len(vals)) else -1
    return hits


def _warn_undecided(table: FinancialTable) -> None:
    for row in table.rows:
        if row.decided_by != "plausibility" or not row.split.alternatives:
            continue
        alts = "; ".join(str(a) for a in row.split.alternatives if a is not row.chosen)
        line = row.lines[-1]
        table.warnings.append(ParseWarning(
            "ambiguous-split",
            f"{table.spec.name}: row {row.label!r}: no identity decides the columns; "
            f"chose [{row.chosen}] as most plausible; alternatives: [{alts}]",
            table=table.spec.name, row=row.label, line=line.number, page=line.page))


# --------------------------------------------------------------------------- output

def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in TIDY_COLUMNS})


def to_frame(table: FinancialTable) -> pd.DataFrame:
    """The tidy contract: one row per (table row, column)."""
    records = []
    for row in table.rows:
        line = row.lines[-1]
        for col, fig, value in zip(table.columns, row.chosen.figures, row.chosen.values):
            unit = "%" if fig is not None and fig.percent else row.unit
            records.append({
                "row_code": row.code,
                "row_label": row.label,
                "measure": col.measure,
                "year": col.year,
                "value": value,
                "unit": unit,
                "note": (fig.footnote if fig is not None and fig.footnote else None),
                "kind": "total" if row.total else "row",
                "page": line.page,
                "line": line.number,
            })
    if not records:
        return empty_frame()
    df = pd.DataFrame.from_records(records, columns=TIDY_COLUMNS)
    df["row_code"] = df["row_code"].astype("string")
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype("Float64")
    df["page"] = df["page"].astype("Int64")
    df["line"] = df["line"].astype("Int64")
    return df


def wide(df: pd.DataFrame) -> pd.DataFrame:
    """One row per table row, one column per measure and year (``outcome_2020`` …), in printed order."""
    if df.empty:
        return pd.DataFrame(columns=["row_code", "row_label", "kind"])
    frame = df.assign(column=df["measure"] + "_" + df["year"].astype("string").fillna(""))
    out = frame.pivot(index="line", columns="column", values="value")
    labels = frame.drop_duplicates("line").set_index("line")[["row_code", "row_label", "kind"]]
    order = list(dict.fromkeys(frame["column"]))
    out = labels.join(out[order]).reset_index(drop=True)
    out.columns.name = None
    return out


def read_resultatrakning(source: Source, *, year: int | None = None,
                         warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """The income statement (resultaträkning) as a tidy frame."""
    return read_financial_table(source, RESULTATRAKNING, year=year, warnings=warnings)


def read_driftredovisning(source: Source, *, year: int | None = None,
                          warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Operating accounts per programme area (driftredovisning) as a tidy frame."""
    return read_financial_table(source, DRIFTREDOVISNING, year=year, warnings=warnings)


def read_nyckeltal(source: Source, *, year: int | None = None,
                   warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Key figures over several years (nyckeltal) as a tidy frame."""
    return read_financial_table(source, NYCKELTAL, year=year, warnings=warnings)
