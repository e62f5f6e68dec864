"""Indicator values in long form: one row per indicator, year and measure.

``indicator, goal, year, measure, value, text, unit, page, line, assessment`` — measure ``target``,
``outcome``, ``baseline``, ``county`` or ``country``; ``value`` the figure where the cell is one, ``text`` what
the cell says beyond a figure ("0 eller bättre", "Topp 5", "bestäms senare"); ``goal`` the focus area or goal
the indicator belongs to.

Sources: every scorecard (:mod:`~kslib.parse.records.scorecards`; "88 (86,5)" under "Mål (utfall) 2024" is
target 88 and outcome 86,5 of 2024, however spaced and with a bracket lost: "88(86,5)", "88 ( 86,5 )",
"88 (86,5", "88 86,5)") and the quality-indicator table (:mod:`~kslib.parse.records.indicators`).
``assessment`` (``met``/``not_met``) is set on an outcome only where the same year's target and the outcome
are both figures and the direction is stated: the target or the indicator name says "minst"/"högst",
"öka"/"minska", or the target is "X eller bättre/mer/högre" (higher is better) or "X eller lägre/mindre"
(lower is better).  Otherwise it is empty: a direction is never guessed.
"""
from __future__ import annotations

import re

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.records import indicators as quality
from kslib.parse.records.scorecard_header import ScoreColumn
from kslib.parse.records.scorecards import Scorecard, scorecards
from kslib.read.source import Source
from kslib.text import squeeze
from kslib.vocab.goals import HIGHER_IS_BETTER, LOWER_IS_BETTER

COLUMNS = ["indicator", "goal", "year", "measure", "value", "text", "unit", "page", "line", "assessment"]

_NUMBER = re.compile(r"^(?P<n>[-+−]?\d+(?:[ ]\d{3})*(?:[,.]\d+)?)\s*(?P<unit>%)?"
                     r"(?P<rest>\s+eller\s+(?:bättre|mer|högre|fler|lägre|mindre|färre|sämre))?\s*$", re.I)
_EMPTY = {"", "-", "–", "—"}
_OPEN = re.compile(r"^(?P<a>.*?)\s*\(\s*(?P<b>[^()]*?)\s*\)?\s*$")                # "88 (86,5)", "88(86,5"
_FIGURE = re.compile(r"[-−]?\d{1,3}(?: \d{3})*(?:[,.]\d+)?|[-−]?\d+(?:[,.]\d+)?")
_TAG = re.compile(r"\s([A-ZÅÄÖ]{2,4})$")


def split_cell(text: str) -> tuple[float | None, str, str]:
    """``(value, text, unit)`` of a printed cell: ``"86,5"`` → (86.5, "", ""); ``"Topp 5"`` → (None, "Topp 5", "")."""
    t = squeeze(text)
    m = _NUMBER.match(t)
    if not m:
        return None, t, ""
    value = float(m.group("n").replace(" ", "").replace(",", ".").replace("−", "-"))
    return value, (t if m.group("rest") else ""), (m.group("unit") or "")


def split_pair(text: str) -> tuple[str, str] | list[tuple[str, str]]:
    """A cell of a "Mål (utfall)" column as (target, outcome): ``"88 (86,5)"`` → ("88", "86,5"); a bracket lost
    or glued ("88(86,5", "88 86,5)", "4 284 3 673)") is read alike; no bracket: the target alone.  Where a lost
    opening bracket leaves several cuts ("4 508 203)"), the candidate readings (a list)."""
    t = squeeze(text)
    if "(" in t:
        m = _OPEN.match(t)
        if m:
            return m.group("a"), m.group("b")
    if t.endswith(")"):                         # the cut before a figure that leaves a target
        words = t[:-1].split()
        cuts = [k for k in range(1, len(words)) if _FIGURE.fullmatch(" ".join(words[k:])) and _target(words[:k])]
        if len(cuts) == 1:
            return " ".join(words[:cuts[0]]), " ".join(words[cuts[0]:])
        if cuts:
            return [(" ".join(words[:k]), " ".join(words[k:])) for k in cuts]
    return t, ""


def _target(words: list[str]) -> bool:
    """Can ``words`` be a target: a figure, or words ("Topp 5", "0 eller bättre")?"""
    return bool(_FIGURE.fullmatch(" ".join(words))) or not words[0][:1].isdigit() or not words[-1][:1].isdigit()


def direction(*texts: str) -> str | None:
    """``"higher"`` or ``"lower"`` (is better) where the words say so, else None."""
    joined = " ".join(t for t in texts if t)
    up, down = bool(HIGHER_IS_BETTER.search(joined)), bool(LOWER_IS_BETTER.search(joined))
    return "higher" if up and not down else "lower" if down and not up else None


def read_indicator_values(source: Source, *, year: int | None = None,
                          warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Every indicator value of the report in long form (see the module doc)."""
    rows: list[dict] = []
    warnings = [] if warnings is None else warnings
    for card in scorecards(source):
        rows.extend(_card_rows(card, warnings))
    rows.extend(_quality_rows(source, year))
    _assess(rows)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("year", "page", "line"):
        frame[col] = frame[col].astype("Int64")
    frame["value"] = frame["value"].astype("Float64")
    return frame


def _card_rows(card: Scorecard, warnings: list[ParseWarning]) -> list[dict]:
    out: list[dict] = []
    tags = _recurring_tags([r.name for r in card.rows])
    for row in card.rows:
        if not row.cells:
            continue                                   # a category row
        name = _strip_tag(row.name, tags)
        unit = "%" if re.search(r"\(%\)|\bprocent\b", name) else ""
        if row.focus_doubt:
            warnings.append(ParseWarning(
                "focus-area-ambiguous", f"indicator {name!r}: its focus area may be {row.focus!r} or "
                f"{row.focus_doubt!r} (the name stands as well centred on either); read as {row.focus!r}",
                "indicator_values", name, row.line.number, row.line.page))
        for k, printed in sorted(row.cells.items()):
            col: ScoreColumn = card.columns[k]
            parts = [(col.measure, printed)]
            if col.paren_measure:
                pair = split_pair(printed)
                if isinstance(pair, list):
                    readings = " or ".join(f"{a} ({b})" for a, b in pair)
                    warnings.append(ParseWarning(
                        "indicator-pair-ambiguous", f"indicator {name!r} {col.year}: the target and outcome "
                        f"{printed!r} lost a bracket and read as {readings}; not read", "indicator_values", name,
                        row.line.number, row.line.page))
                    continue
                parts = [(col.measure, pair[0]), (col.paren_measure, pair[1])]
            for measure, cell in parts:
                if cell.strip() in _EMPTY:
                    continue
                value, text, cell_unit = split_cell(cell)
                out.append({"indicator": name, "goal": row.focus, "year": col.year, "measure": measure,
                            "value": value, "text": text, "unit": cell_unit or unit,
                            "page": row.line.page, "line": row.line.number, "assessment": ""})
    return out


def _recurring_tags(names: list[str]) -> set[str]:
    """Upper-case tags that end several indicator names ("… ABC"): a source marker, not the name."""
    ends = [m.group(1) for n in names if (m := _TAG.search(n))]
    return {t for t in set(ends) if ends.count(t) >= 3}


def _strip_tag(name: str, tags: set[str]) -> str:
    m = _TAG.search(name)
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
