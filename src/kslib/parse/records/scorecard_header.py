"""A scorecard's header, however it wraps: its measure columns with their years, and its label columns.

The header of a scorecard (styrkort) names a focus-area and an indicator column ("Fokusområden |
Resultatindikatorer") and then measure columns with years.  Reports print it in many shapes, all read here
as the same columns:

* on one line ("Utfall 2023  Mål (utfall) 2024  Mål 2025"), or words over years ("Utfall  Mål (utfall)  Mål" /
  "2023  2024  2025"), or each column stacked ("Mål" / "(utfall)" / "2024"), top- or bottom-aligned;
* the years on a line above as groups over their columns ("2024" over "Mål  Utfall");
* two measures in one header cell: "Mål (utfall)", "Mål/utfall", "Mål Utfall" — the column holds the target
  and, in parentheses, the outcome ("88 (86,5)").

A header is a run of up to :data:`DEPTH` lines of header words only (measure words, years, label words);
every measure column must get a year.  Positions are the column reader's
(:func:`~kslib.parse.records.columns.scaled`: PDF points, text columns scaled).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kslib.parse.records.columns import chunks
from kslib.parse.tables.geometry import Pos
from kslib.read.source import Line
from kslib.vocab.goals import SCORE_LABELS, SCORE_MEASURES

DEPTH = 4                     # header lines at most
_TOL = 6.0                    # points a stacked header word may stand outside its column
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_FILLER = {"och", "/", "-", "–", "&"}
_LABEL_WORDS = 4              # a label cell in other words is short


@dataclass
class ScoreColumn:
    """A measure column: what it measures, its year, the measure of a figure in parentheses, where it stands."""

    measure: str
    year: int | None
    paren_measure: str | None      # "Mål (utfall)": the figure in parentheses
    x0: float
    x1: float
    line: int = 0                  # the header line (index in the zone) of its measure word

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class ScoreHeader:
    """The columns of a scorecard, the focus/indicator boundary, where the cells start, its header lines."""

    columns: list[ScoreColumn]
    split: float                   # words left of this (minus a tolerance) are the focus-area column
    cell_x: float                  # the first measure column's left edge
    first: int                     # index of the first header line
    last: int                      # index of the last header line


def _measure(word: str) -> str | None:
    return SCORE_MEASURES.get(word.strip(",.:;").lower())


def _paren_measure(word: str) -> str | None:
    """``"(utfall)"`` → ``"outcome"``; also a bracket lost ("(utfall", "utfall)")."""
    m = re.fullmatch(r"\(?([A-Za-zåäöÅÄÖ]+)\)?[,.:]?", word)
    if not m or not (word.startswith("(") or word.rstrip(",.:").endswith(")")):
        return None
    return _measure(m.group(1))


@dataclass
class _Token:
    kind: str              # measure, paren, year, label
    x0: float
    x1: float
    measure: str | None = None
    paren: str | None = None
    year: int | None = None
    strict: bool = False   # a label in the field's words


def _is_label(ws: list[Pos], *, free: bool) -> bool:
    """Words that name a label column: the field's words ("Fokusområden", "Resultatindikatorer"), or (``free``:
    before any measure word) a short capitalised cell of plain words."""
    text = " ".join(w.text for w in ws)
    if SCORE_LABELS.match(text) or all(SCORE_LABELS.match(w.text) for w in ws):
        return True
    return free and len(ws) <= _LABEL_WORDS and text[:1].isupper() and not re.search(r"\d", text)


def _tokens(line: Line) -> list[_Token] | None:
    """The header tokens of a line, or None when a word is no header word.  Label cells stand before the
    first measure word."""
    out: list[_Token] = []
    for chunk in chunks(line):
        ws = _split_slashes(chunk.words)
        lead = next((k for k, w in enumerate(ws) if _measure(w.text) or _paren_measure(w.text)
                     or _YEAR.match(w.text.strip(",.:"))), len(ws))
        if lead and _is_label(ws[:lead], free=all(t.kind == "label" for t in out)):
            text = " ".join(w.text for w in ws[:lead])
            out.append(_Token("label", ws[0].x0, ws[lead - 1].x1,
                              strict=bool(SCORE_LABELS.match(text) or all(SCORE_LABELS.match(w.text)
                                                                          for w in ws[:lead]))))
            ws = ws[lead:]
        measures = [w for w in ws if _measure(w.text)]
        merged = len(measures) == 2 and _measure(measures[0].text) != _measure(measures[1].text) \
            and all(_measure(w.text) or _YEAR.match(w.text) or w.text in _FILLER for w in ws)
        own: _Token | None = None            # the measure token of this cell
        for w in ws:
            t = w.text.strip(",.:")
            if (m := _measure(t)) is not None:
                if own is not None and merged and own.paren is None:
                    own.paren, own.x1 = m, w.x1
                else:
                    own = _Token("measure", w.x0, w.x1, measure=m)
                    out.append(own)
            elif (p := _paren_measure(w.text)) is not None:
                if own is not None and own.paren is None:
                    own.paren, own.x1 = p, w.x1
                else:
                    out.append(_Token("paren", w.x0, w.x1, paren=p))
            elif _YEAR.match(t):
                if own is not None and own.year is None:
                    own.year, own.x1 = int(t), w.x1
                else:
                    out.append(_Token("year", w.x0, w.x1, year=int(t)))
            elif t.lower() not in _FILLER:
                return None
    return out


def _split_slashes(ws: tuple[Pos, ...]) -> list[Pos]:
    """``"Mål/utfall"`` as two words (the second a measure in parentheses)."""
    out: list[Pos] = []
    for w in ws:
        parts = w.text.split("/")
        if len(parts) == 2 and all(_measure(p) for p in parts):
            mid = w.x0 + (w.x1 - w.x0) * len(parts[0]) / len(w.text)
            out += [Pos(parts[0], w.x0, mid, w.wide), Pos(f"({parts[1]})", mid, w.x1, False)]
        else:
            out.append(w)
    return out


def score_header(lines: list[Line], i: int) -> ScoreHeader | None:
    """The scorecard header starting at ``lines[i]``, if one does (see the module doc)."""
    zone: list[list[_Token]] = []
    for k in range(i, min(i + DEPTH, len(lines))):
        toks = _tokens(lines[k])
        if not toks or all(t.kind == "label" for t in toks) and not all(t.strict for t in toks):
            break
        zone.append(toks)
    if not any(t.kind == "measure" for toks in zone for t in toks):
        return None
    return _columns(zone, i)


def _overlaps(x0: float, x1: float, c: ScoreColumn) -> bool:
    return x0 < c.x1 + _TOL and x1 > c.x0 - _TOL


def _columns(zone: list[list[_Token]], i: int) -> ScoreHeader | None:
    labels = [t for toks in zone for t in toks if t.kind == "label"]
    if not labels:
        return None
    label_end = max(t.x1 for t in labels)
    columns: list[ScoreColumn] = []
    years: list[tuple[int, _Token]] = []           # (zone line, token)
    for n, toks in enumerate(zone):
        for t in toks:
            if t.kind == "label" or t.x1 <= label_end:
                if t.kind != "label" and t.kind != "measure":
                    return None                     # a year or bracket among the labels: no header
                continue
            if t.kind == "measure":
                above = [c for c in columns if _overlaps(t.x0, t.x1, c) and c.line < n]
                if above:
                    if above[0].paren_measure is not None or t.measure == above[0].measure:
                        return None
                    above[0].paren_measure = t.measure          # "Mål" over "utfall": one cell, two measures
                    above[0].year = above[0].year or t.year
                    continue
                columns.append(ScoreColumn(t.measure, t.year, t.paren, t.x0, t.x1, n))
            elif t.kind == "paren":
                near = [c for c in columns if _overlaps(t.x0, t.x1, c)]
                if not near or near[0].paren_measure is not None:
                    return None
                near[0].paren_measure = t.paren
                near[0].x0, near[0].x1 = min(near[0].x0, t.x0), max(near[0].x1, t.x1)
            else:
                years.append((n, t))
    if len(columns) < 2 or not any(c.measure == "target" or c.paren_measure == "target" for c in columns):
        return None
    _years(columns, years)
    if any(c.year is None for c in columns):
        return None
    last = max([n for n, _ in years] + [c.line for c in columns])
    columns.sort(key=lambda c: c.x0)
    split = max(t.x0 for t in labels)
    return ScoreHeader(columns, split, min(c.x0 for c in columns), i, i + last)


def _years(columns: list[ScoreColumn], years: list[tuple[int, _Token]]) -> None:
    """Each year to its column: a year above the measure words is a group over the columns nearest it; one
    below (or beside) goes to the nearest column still without a year."""
    top = min(c.line for c in columns)
    above = [t for n, t in years if n < top]
    below = [t for n, t in years if n >= top]
    for c in columns:
        if c.year is None and above:
            c.year = min(above, key=lambda t: abs((t.x0 + t.x1) / 2 - c.centre)).year
    pairs = sorted((abs((t.x0 + t.x1) / 2 - c.centre), k, j) for j, t in enumerate(below)
                   for k, c in enumerate(columns))
    taken: set[int] = set()
    for _, k, j in pairs:
        c, t = columns[k], below[j]
        if c.year is None and j not in taken:
            c.year, c.x0, c.x1 = t.year, min(c.x0, t.x0), max(c.x1, t.x1)
            taken.add(j)
