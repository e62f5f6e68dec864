"""Place table cells under their columns by the words' x positions (PDF input).

A PDF line knows where each word stands.  Words separated by a column gap
(two spaces in ``Line.text``, see :mod:`kslib.read.pdf`) form a *cell*; the header
cells, stacked over several lines, are clustered by horizontal overlap into
columns (:func:`header_columns`), and each cell of a row goes to the column it
stands under (:func:`place_row`), whatever the alignment (left, centred,
right).  A column without a cell is a blank cell, never a shifted value.
Where a cell stands between two columns, or two cells under one, the row is
not placed and the caller falls back to the identity-based split.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from kslib.parse.numbers import Figure, segmentations, tokenize_row
from kslib.read.source import Line, Word
from kslib.parse.tables.columns import Column, parse_cell, resolve_years

_LETTER = re.compile(r"[A-Za-zÅÄÖåäöÉé]")
_CONFIDENT = 0.35     # a cell within this share of the column step from its column is placed
_MARGIN = 0.25        # ... or nearer to its column than the next by this share of the step


@dataclass(frozen=True)
class Cell:
    """Words of one table cell on one line."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def line_cells(line: Line, start: int = 0) -> list[Cell]:
    """The line's words from ``start`` grouped into cells at column gaps (two spaces in the text)."""
    if not line.words:
        return []
    gaps = [len(g) for g in re.findall(r" +", line.text.strip())]
    if len(gaps) != len(line.words) - 1:      # text and words disagree: treat every word as a cell
        gaps = [2] * (len(line.words) - 1)
    cells: list[list[Word]] = []
    for k, word in enumerate(line.words):
        if k < start:
            continue
        if not cells or k == start or gaps[k - 1] >= 2:
            cells.append([word])
        else:
            cells[-1].append(word)
    return [Cell(tuple(c)) for c in cells]


# --------------------------------------------------------------------------- header

def header_columns(lines: Sequence[tuple[Line, int]], *, default_year: int | None = None) -> list[Column] | None:
    """Columns from header lines with positions; ``lines`` holds (line, index of its first header word).

    Cells of all lines are clustered by horizontal overlap; a cluster holding
    two or more cells of one line (``Bokslut`` over ``2020  2019``) splits into
    those sub-columns, sharing the spanning words.  Returns None when a line
    has no positions or fewer than two columns come out.
    """
    if not lines or any(not line.words for line, _ in lines):
        return None
    cells: list[tuple[int, Cell]] = []
    for k, (line, start) in enumerate(lines):
        cells += [(k, c) for c in line_cells(line, start)]
    cells.sort(key=lambda kc: kc[1].x0)
    clusters: list[list[tuple[int, Cell]]] = []
    right = None
    for k, cell in cells:
        if clusters and cell.x0 <= right + 1.0:
            clusters[-1].append((k, cell))
            right = max(right, cell.x1)
        else:
            clusters.append([(k, cell)])
            right = cell.x1
    parsed: list[dict] = []
    for cluster in clusters:
        for words, x0, x1 in _sub_columns(cluster):
            cell = parse_cell(words)
            if cell is not None:
                cell.update(x0=x0, x1=x1)
                parsed.append(cell)
    if len(parsed) < 2:
        return None
    return resolve_years(parsed, default_year=default_year)


def _sub_columns(cluster: list[tuple[int, Cell]]) -> list[tuple[list[str], float, float]]:
    by_line: dict[int, list[Cell]] = {}
    for k, cell in cluster:
        by_line.setdefault(k, []).append(cell)
    widest = max(by_line, key=lambda k: len(by_line[k]))
    if len(by_line[widest]) == 1:
        ordered = sorted(cluster, key=lambda kc: (kc[0], kc[1].x0))
        words = [w.text for _, c in ordered for w in c.words]
        return [(words, min(c.x0 for _, c in cluster), max(c.x1 for _, c in cluster))]
    out = []
    for sub in by_line[widest]:
        words: list[str] = []
        for k in sorted(by_line):
            for cell in by_line[k]:
                if cell is sub or (k != widest and cell.x0 <= sub.x1 and cell.x1 >= sub.x0):
                    words += [w.text for w in cell.words]
        out.append((words, sub.x0, sub.x1))
    return out


# --------------------------------------------------------------------------- rows

@dataclass
class Placement:
    """A row placed by positions: its label words and one entry per column (None = blank)."""

    label: str
    cells: list[Cell | None]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _step(columns: Sequence[Column]) -> float:
    centres = [c.centre for c in columns]
    steps = [b - a for a, b in zip(centres, centres[1:]) if b > a]
    if steps:
        return min(steps)
    return max(20.0, columns[0].x1 - columns[0].x0)


def _distance(cell: Cell, col: Column) -> float:
    """How far a cell stands from a column, whatever the alignment (left, centre or right)."""
    return min(abs(cell.centre - col.centre), abs(cell.x1 - col.x1), abs(cell.x0 - col.x0))


def label_bound(columns: Sequence[Column]) -> float:
    """x left of which a word belongs to the row label, not to a numeric column."""
    return columns[0].centre - _step(columns) / 2


def place_row(line: Line, columns: Sequence[Column]) -> Placement:
    """Place a PDF line's cells under ``columns`` (which must carry x positions)."""
    cells = line_cells(line)
    bound = label_bound(columns)
    label_cells: list[Cell] = []
    k = 0
    while k < len(cells) and (cells[k].x1 < bound or (k == 0 and _LETTER.search(cells[k].text))):
        label_cells.append(cells[k])
        k += 1
    # a label cell that runs into the first column: its last words may be the first figure
    label = " ".join(c.text for c in label_cells)
    placed: list[Cell | None] = [None] * len(columns)
    problems: list[str] = []
    step = _step(columns)
    for cell in cells[k:]:
        dists = sorted((_distance(cell, col), i) for i, col in enumerate(columns))
        best_d, best = dists[0]
        second_d = dists[1][0] if len(dists) > 1 else float("inf")
        if best_d > _CONFIDENT * step and second_d - best_d < _MARGIN * step:
            problems.append(f"{cell.text!r} stands between columns {columns[best].label!r} and "
                            f"{columns[dists[1][1]].label!r}")
            continue
        if placed[best] is not None:
            problems.append(f"{placed[best].text!r} and {cell.text!r} both stand under {columns[best].label!r}")
            continue
        placed[best] = cell
    return Placement(label, placed, problems)


def cell_figure(cell: Cell) -> Figure | None:
    """The figure a cell holds, or None when it holds text (a note) or more than one figure."""
    label, tokens = tokenize_row(cell.text)
    if label or not tokens:
        return None
    segs = segmentations(tokens, max_figures=1)
    return segs[0][0] if len(segs) == 1 else None
