"""Scorecards (styrkort): overall goals, focus areas, indicators and their per-year targets and outcomes.

A scorecard is found by its header (:mod:`~kslib.parse.records.scorecard_header`), not by its title; its
title (an overall goal) is the line above the header.  A header repeated at the top of a new page continues
the card.  Each line under the header is read by position (the column reader's words): words left of the
indicator column are the focus-area column, the indicator's name runs to the first measure column, and the
cells (words set apart by a gap) go to the measure column whose centre is nearest.  A word in the cell zone
continues the name only where it stands close to it and is no figure, so that a target is never glued into
an indicator's name.  In a text layer the focus-area names interleave with the indicators, and a row's
figures may stand on the first, a middle or (centred) a line before its wrapped name:

* a capitalised indicator line starts a row, a lower-case one (or a bare tag such as "ABC") continues its
  name; a row without any cell is a category row;
* a line of cells belongs to the open row while it has none; text-only cells continue the cells above ("0
  eller" / "bättre"); figures after a complete row wait for the next;
* upper-case lines in the focus column are section bands; the focus areas are placed by
  :mod:`~kslib.parse.records.focus`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kslib.parse.records.columns import GAP_POINTS, group, place, scaled
from kslib.parse.records.focus import Fragment, place_focus
from kslib.parse.records.goal_rows import Goal
from kslib.parse.records.memo import once
from kslib.parse.records.scorecard_header import ScoreColumn, ScoreHeader, score_header
from kslib.parse.records.section import body
from kslib.parse.tables.geometry import Pos
from kslib.read.source import Line, Source
from kslib.text import squeeze

_TOL = 6.0          # points a word may stand left of its zone
_FIGURE = re.compile(r"^[(]?[-+−–]?\d")


@dataclass
class ScoreRow:
    """One printed row of a scorecard: an indicator (or a category row) with its cells."""

    label: list[str]
    line: Line
    cells: dict[int, str] = field(default_factory=dict)     # column index -> printed text
    lines: list[Line] = field(default_factory=list)
    focus: str = ""
    focus_doubt: str = ""          # another focus area that explains the row about as well
    section: str = ""
    section_index: int = 0

    @property
    def name(self) -> str:
        return squeeze(" ".join(self.label))


@dataclass
class Scorecard:
    title: str
    title_line: Line | None
    columns: list[ScoreColumn]
    rows: list[ScoreRow]


def read_scorecards(source: Source) -> list[Scorecard]:
    """Every scorecard of the report (see the module doc)."""
    lines = body(source)
    heads: list[ScoreHeader] = []
    i = 0
    while i < len(lines):
        h = score_header(lines, i)
        if h is None:
            i += 1
            continue
        heads.append(h)
        i = h.last + 1
    cards: list[Scorecard] = []
    mode = ""
    for n, h in enumerate(heads):
        nxt = heads[n + 1] if n + 1 < len(heads) else None
        # the next card's title stands above its header; a header repeated on a new page has none
        stop = len(lines) if nxt is None else nxt.first if _repeats(nxt, h, lines) else nxt.first - 1
        rows, fragments = _rows(lines[h.last + 1:stop], h)
        if cards and _repeats(h, heads[n - 1], lines):
            before = cards[-1].rows
            carry = before[-1].focus if before else ""
            lead = 0
            while lead < len(fragments) and carry and not fragments[lead].text[:1].isupper():
                lead += 1                    # the name of the area above runs on over the page break
            if lead:
                longer = squeeze(" ".join([carry] + [f.text for f in fragments[:lead]]))
                for r in before:
                    r.focus = longer if r.focus == carry else r.focus
                carry, fragments = longer, fragments[lead:]
            mode = place_focus(source, rows, fragments, carry=carry, carry_mode=mode)
            before.extend(rows)
            continue
        mode = place_focus(source, rows, fragments)
        above = lines[h.first - 1] if h.first > 0 else None
        cards.append(Scorecard(squeeze(above.text) if above else "", above, h.columns, rows))
    return cards


def _signature(h: ScoreHeader) -> tuple:
    return tuple((c.measure, c.year, c.paren_measure) for c in h.columns)


def _repeats(h: ScoreHeader, before: ScoreHeader, lines: list[Line]) -> bool:
    """Is header ``h`` the one before it repeated at the top of a new page (no title above it)?"""
    return _signature(h) == _signature(before) and h.first > 0 \
        and lines[h.first - 1].page != lines[h.first].page


def scorecards(source: Source) -> list[Scorecard]:
    """:func:`read_scorecards`, once per source (goals and indicator values both read the cards)."""
    return once(source, "scorecards", read_scorecards)


def _is_band(text: str) -> bool:
    letters = re.sub(r"[^A-Za-zÅÄÖåäö]", "", text)
    return len(letters) >= 2 and letters.isupper()


def _is_tag(label: str) -> bool:
    """A bare upper-case tag ("ABC") wrapped onto a line of its own continues the name above."""
    return bool(re.fullmatch(r"[A-ZÅÄÖ]{2,5}", label))


def _name_words(rest: list[Pos], h: ScoreHeader) -> int:
    """How many of ``rest`` (the words right of the focus column) are the indicator's name: the words from
    the indicator column (a first word nearer to it than to the cells) up to the first cell gap — and a word
    in the cell zone only where it stands close to the name and is no figure (a target is never glued into a
    name)."""
    if not rest or rest[0].x0 >= min(h.cell_x - _TOL, (max(h.split, 0.0) + h.cell_x) / 2):
        return 0
    n = 1
    while n < len(rest):
        gap = rest[n].x0 - rest[n - 1].x1
        if gap >= GAP_POINTS or rest[n].x0 >= h.cell_x - _TOL and (gap >= GAP_POINTS / 2
                                                                    or _FIGURE.match(rest[n].text)):
            break
        n += 1
    return n


def _starts_row(label: str) -> bool:
    """A name that starts an indicator: capitalised (or a figure and words), not a bare tag ("ABC") or a lone
    figure wrapped from the name above."""
    return bool(re.match(r"[A-ZÅÄÖ]|\d+\s+[A-Za-zÅÄÖåäö]", label)) and not _is_tag(label)


def _rows(zone: list[Line], h: ScoreHeader) -> tuple[list[ScoreRow], list[Fragment]]:
    rows: list[ScoreRow] = []
    fragments: list[Fragment] = []
    pending: dict[int, str] = {}
    pending_lines: list[Line] = []
    section = 0
    section_names = {0: ""}
    for line in zone:
        words = scaled(line)
        focus_words = [w for w in words if w.x0 < h.split - _TOL]
        if focus_words and _run_end(words) > h.split + GAP_POINTS and not _is_band(line.text):
            break                                         # one run of words into the indicators: prose
        focus = " ".join(w.text for w in focus_words)
        rest = words[len(focus_words):]
        n_label = _name_words(rest, h)
        label = " ".join(w.text for w in rest[:n_label])
        cells = _cells(rest[n_label:], h.columns)
        if focus:
            if _is_band(line.text) and not cells:
                section += 1
                section_names[section] = squeeze(line.text)
                continue
            fragments.append(Fragment(focus, line, section))
        cur = rows[-1] if rows else None
        if label and _starts_row(label):
            cur = ScoreRow([label], line, lines=[line], section=section_names[section], section_index=section)
            cur.cells.update(pending)
            cur.lines.extend(pending_lines)
            pending, pending_lines = {}, []
            rows.append(cur)
            _merge(cur.cells, cells)
            continue
        if label and cur is not None:
            cur.label.append(label)
            cur.lines.append(line)
        if not cells:
            continue
        continues = cur is not None and all(_continues(cur.cells.get(k), t, h.columns[k]) for k, t in cells.items())
        if cur is not None and (not cur.cells or (continues and not pending)):
            _merge(cur.cells, cells)
            if line not in cur.lines:
                cur.lines.append(line)
        else:
            _merge(pending, cells)
            pending_lines.append(line)
    return rows, fragments


def _continues(above: str | None, text: str, column: ScoreColumn) -> bool:
    """Does a cell continue the one above it (a wrapped cell), rather than start the next row's?  Words do
    ("0 eller" / "bättre"); so does what an open cell above asks for: its closing bracket ("(ej" / "mätt)"),
    the rest after an open bracket or a joining word, the outcome of a target ("0 eller bättre" / "(4,2)")."""
    if not re.search(r"\d", text) or text.endswith(")") and "(" not in text:
        return True
    if above is None:
        return False
    return above.count("(") > above.count(")") or bool(re.search(r"\b(?:eller|och|till|per|av)$", above)) \
        or bool(column.paren_measure) and "(" not in above and "(" in text


def _run_end(words: list[Pos]) -> float:
    """Where the run of words starting at the first ends (no gap as wide as a cell gap)."""
    end = words[0].x1
    for w in words[1:]:
        if w.x0 - end >= GAP_POINTS:
            break
        end = w.x1
    return end


def _merge(into: dict[int, str], cells: dict[int, str]) -> None:
    for k, text in cells.items():
        into[k] = f"{into[k]} {text}" if k in into else text


def _cells(words: list[Pos], columns: list[ScoreColumn]) -> dict[int, str]:
    """Words of the cell zone grouped into cells (by gaps), each placed in the column whose centre is nearest."""
    out: dict[int, str] = {}
    for c in group(words):
        k = place(c.x0, c.x1, columns, by="centre")
        out[k] = f"{out[k]} {c.text}" if k in out else c.text
    return out


# --------------------------------------------------------------------------- goals and the report's year

def scorecard_goals(source: Source) -> list[Goal]:
    """Goal rows of every scorecard: its title (level goal, ``S<n>``) and its focus areas (level subgoal)."""
    rows: list[Goal] = []
    for n, card in enumerate(scorecards(source), 1):
        gid = f"S{n}"
        if card.title:
            rows.append(Goal.at(gid, card.title_line, card.title))
        seen: list[str] = []
        for r in card.rows:
            if r.focus and r.focus not in seen:
                seen.append(r.focus)
                rows.append(Goal.at(f"{gid}.{len(seen)}", r.line, r.focus, level="subgoal",
                                    parent_id=gid if card.title else ""))
    return rows


def outcome_year(source: Source) -> int | None:
    """The year whose outcome the scorecards report: the latest year of an outcome column ("Utfall 2024",
    "Mål (utfall) 2024") that holds a figure; None without a scorecard."""
    years = [c.year for card in scorecards(source) for k, c in enumerate(card.columns)
             if (c.measure == "outcome" or c.paren_measure == "outcome") and c.year is not None
             and any(_has_outcome(r.cells.get(k, ""), c) for r in card.rows)]
    return max(years) if years else None


def _has_outcome(cell: str, column: ScoreColumn) -> bool:
    if column.measure == "outcome":
        return bool(re.search(r"\d", cell))
    return bool(re.search(r"\(\s*[-−]?\d|\s[-−]?\d[\d,.]*\s*\)", cell))
