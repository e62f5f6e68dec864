"""Indicator values in long form: one row per indicator, year and measure.

``indicator, goal, year, measure, value, text, unit, page, line, assessment`` — measure
``target``, ``outcome``, ``baseline``, ``county`` or ``country``; ``value`` the figure where
the cell is one, ``text`` what the cell says beyond a figure ("0 eller bättre", "Topp 10",
"bestäms senare"); ``goal`` the focus area or goal the indicator belongs to.

Sources: every scorecard (:mod:`~kslib.parse.tables.styrkort`; "96 (93,7)" under "Mål
(utfall) 2017" is target 96 and outcome 93,7 of 2017) and the quality-indicator table
(:mod:`~kslib.parse.tables.indicators`).  ``assessment`` (``met``/``not_met``) is set on
an outcome only where the same year's target and the outcome are both figures and the
direction is stated: the target or the indicator name says "minst"/"högst", "öka"/"minska",
or the target is "X eller bättre/mer/högre" (higher is better) or "X eller lägre/mindre"
(lower is better).  Otherwise it is empty: a direction is never guessed.
"""
from __future__ import annotations

import re

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.read.source import Source
from kslib.parse.tables import indicators as quality
from kslib.parse.tables.styrkort import Column, Scorecard, cached_scorecards
from kslib.text import squeeze

COLUMNS = ["indicator", "goal", "year", "measure", "value", "text", "unit", "page", "line", "assessment"]

_NUMBER = re.compile(r"^(?P<n>[-+−]?\d+(?:[ ]\d{3})*(?:[,.]\d+)?)\s*(?P<unit>%)?"
                     r"(?P<rest>\s+eller\s+(?:bättre|mer|högre|fler|lägre|mindre|färre|sämre))?\s*$", re.I)
_HIGHER = re.compile(r"\b(?:minst|öka\w*|eller\s+(?:bättre|mer|högre|fler))\b", re.I)
_LOWER = re.compile(r"\b(?:högst|max(?:imalt)?|minska\w*|eller\s+(?:lägre|mindre|färre))\b", re.I)
_EMPTY = {"", "-", "–", "—"}


def split_cell(text: str) -> tuple[float | None, str, str]:
    """``(value, text, unit)`` of a printed cell: ``"93,7"`` → (93.7, "", ""); ``"Topp 10"`` → (None, "Topp 10", "")."""
    t = squeeze(text)
    m = _NUMBER.match(t)
    if not m:
        return None, t, ""
    value = float(m.group("n").replace(" ", "").replace(",", ".").replace("−", "-"))
    return value, (t if m.group("rest") else ""), (m.group("unit") or "")


def direction(*texts: str) -> str | None:
    """``"higher"`` or ``"lower"`` (is better) where the words say so, else None."""
    joined = " ".join(t for t in texts if t)
    up, down = bool(_HIGHER.search(joined)), bool(_LOWER.search(joined))
    return "higher" if up and not down else "lower" if down and not up else None


def read_indicator_values(source: Source, *, year: int | None = None,
                          warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Every indicator value of the report in long form (see the module doc)."""
    rows: list[dict] = []
    for card in cached_scorecards(source):
        rows.extend(_card_rows(card))
    rows.extend(_quality_rows(source, year))
    _assess(rows)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("year", "page", "line"):
        frame[col] = frame[col].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame


def _card_rows(card: Scorecard) -> list[dict]:
    out: list[dict] = []
    names = [r.name for r in card.rows]
    tags = _recurring_tags(names)
    for row in card.rows:
        if not row.cells:
            continue                                   # a category row
        name = _strip_tag(row.name, tags)
        unit = "%" if re.search(r"\(%\)|\bprocent\b", name) else ""
        for k, printed in sorted(row.cells.items()):
            col: Column = card.columns[k]
            parts = [(col.measure, printed)]
            m = re.match(r"^(.*?)\s*\((.*)\)\s*$", printed)
            if col.paren_measure and m:
                parts = [(col.measure, m.group(1)), (col.paren_measure, m.group(2))]
            for measure, cell in parts:
                if cell.strip() in _EMPTY:
                    continue
                value, text, cell_unit = split_cell(cell)
                out.append({"indicator": name, "goal": row.focus, "year": col.year, "measure": measure,
                            "value": value, "text": text, "unit": cell_unit or unit,
                            "page": row.line.page, "line": row.line.number, "assessment": ""})
    return out


def _recurring_tags(names: list[str]) -> set[str]:
    """Upper-case tags that end several indicator names ("… UBN", "… KS"): a source marker, not the name."""
    ends = [m.group(1) for n in names if (m := re.search(r"\s([A-ZÅÄÖ]{2,4})$", n))]
    return {t for t in set(ends) if ends.count(t) >= 3}


def _strip_tag(name: str, tags: set[str]) -> str:
    m = re.search(r"\s([A-ZÅÄÖ]{2,4})$", name)
    return name[:m.start()].rstrip() if m and m.group(1) in tags else name


def _quality_rows(source: Source, year: int | None) -> list[dict]:
    """The quality-indicator table (baseline, target, outcome, county, country) in long form."""
    frame = quality.read_indicators(source, year=year, warnings=[])
    pages = {ln.number: ln.page for ln in source.lines}
    out: list[dict] = []
    for r in frame.itertuples(index=False):
        base_year = re.search(r"\b((?:19|20)\d\d)\b", r.baseline or "")
        out_year = re.match(r"^\s*(?:År\s+)?((?:19|20)\d\d)\b", r.outcome or "")
        cells = [("baseline", r.baseline, r.baseline_value, r.baseline_unit,
                  int(base_year.group(1)) if base_year else None),
                 ("target", r.target, r.target_value, r.target_unit, year),
                 ("outcome", r.outcome, r.outcome_value, r.outcome_unit,
                  int(out_year.group(1)) if out_year else year),
                 ("county", "", r.county_value, "", int(out_year.group(1)) if out_year else year),
                 ("country", "", r.country_value, "", int(out_year.group(1)) if out_year else year)]
        for measure, printed, value, unit, when in cells:
            value = None if value is None or pd.isna(value) else float(value)
            printed = squeeze(printed or "")
            if value is None and not printed:
                continue
            text = "" if value is not None and split_cell(printed)[0] == value else printed
            out.append({"indicator": r.indicator, "goal": r.goal_id, "year": when, "measure": measure,
                        "value": value, "text": text, "unit": unit if isinstance(unit, str) else "",
                        "page": pages.get(r.line), "line": r.line, "assessment": ""})
    return out


def _assess(rows: list[dict]) -> None:
    """met/not_met on an outcome whose same-year target is a figure and whose direction is stated."""
    targets = {(r["indicator"], r["goal"], r["line"], r["year"]): r for r in rows if r["measure"] == "target"}
    for r in rows:
        if r["measure"] != "outcome" or r["value"] is None:
            continue
        t = targets.get((r["indicator"], r["goal"], r["line"], r["year"]))
        if t is None or t["value"] is None:
            continue
        way = direction(t["text"], r["indicator"])
        if way == "higher":
            r["assessment"] = "met" if r["value"] >= t["value"] else "not_met"
        elif way == "lower":
            r["assessment"] = "met" if r["value"] <= t["value"] else "not_met"
