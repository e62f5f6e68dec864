"""Which focus area each scorecard row belongs to.

The focus-area names of a scorecard stand in its left column beside the rows they cover; a text layer
interleaves them with the indicators.  A capitalised fragment starts a focus area; each area goes to the
run of rows it is vertically centred on, or whose top it is written at (fewest total offset, rows in
order) — within what a table cell allows: an area's name starts inside its cell, so its run of rows starts
at or above the name's first line, and the name ends inside the cell, so (but for the last area, whose cell
may run on below the last row) the run ends at or below the name's last line.  That places a name written
at the top of a tall cell (beside three short rows and empty space) where it stands, not where its centre
falls.  Where every name stands at the top of its run (or every one at its centre), the card is read so
aligned.  Rows on a page no name stands on (a cell running over a page break) keep the area of the rows
before them.  A row that another area explains about as well (a name centred half a line off in a text
layer) keeps its doubt (``focus_doubt``) for a warning.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from kslib.read.source import Line, Source
from kslib.text import squeeze

_CELL_TOL = 2.0     # points a focus name may stand outside its run of rows (line boxes overlap)
_OUTSIDE = 100.0    # cost per point (or line) a focus name stands outside its run of rows
_TOP_TIE = 0.01    # between two runs as well centred, the one whose top the name is written at
_DOUBT_POINTS, _DOUBT_LINES = 1.5, 0.25     # another area that explains a row within this is a doubt
_EXACT_POINTS, _EXACT_LINES = 1.5, 0.05     # names within this of their runs' tops (centres) are so aligned
_ABOVE, _BELOW = 3, 8   # lines a focus name may stand before the first or after the last row of its section


@dataclass
class Fragment:
    """A piece of a focus-area name: its text, line and the scorecard section it stands in."""

    text: str
    line: Line
    section: int


class _Row(Protocol):
    line: Line
    lines: list[Line]
    section_index: int
    focus: str
    focus_doubt: str


def place_focus(source: Source, rows: list[_Row], fragments: list[Fragment], *, carry: str = "",
                carry_mode: str = "") -> str:
    """Give each row the focus area it is centred against, per page and section; ``carry`` is the area the
    card's rows before these reached (a header repeated on a new page), ``carry_mode`` how their names were
    aligned.  Returns how the last rows' names are aligned (``top``, ``centre`` or ``either``)."""
    blocks: list[list[Fragment]] = []
    for f in fragments:
        # a name continues in lower case, on the next page too (a cell running over a page break)
        starts = not blocks or f.text[:1].isupper() or blocks[-1][-1].section != f.section
        if starts:
            blocks.append([f])
        else:
            blocks[-1].append(f)
    geometry = getattr(source, "geometry", None) or {}

    def span(lines: list[Line]) -> tuple[float, float]:
        if all(ln.number in geometry for ln in lines):
            return min(geometry[ln.number].top for ln in lines), max(geometry[ln.number].bottom for ln in lines)
        return min(ln.number for ln in lines), max(ln.number for ln in lines) + 1

    groups: dict[tuple, list[int]] = {}
    for k, row in enumerate(rows):
        groups.setdefault((row.line.page, row.section_index), []).append(k)
    tol = _CELL_TOL if geometry else 0.0
    last: dict[int, tuple[str, str]] = {0: (carry, carry_mode)} if carry else {}   # section -> (area, alignment)
    for (page, section), idx in groups.items():
        mine = [b for b in blocks if b[0].line.page == page and b[0].section == section
                and _beside([f for f in b if f.line.page == page], rows, idx)]
        before, before_mode = last.get(section, ("", ""))
        names = [span([f.line for f in b if f.line.page == page]) for b in mine]
        spans = [span(rows[k].lines or [rows[k].line]) for k in idx]
        exact = _EXACT_POINTS if geometry else _EXACT_LINES
        runs, cost, mode = aligned(spans, names, tol, exact) if mine else ([], float("inf"), "either")
        labels = [squeeze(" ".join(f.text for f in b)) for b in mine]
        if before:          # the area of the page before may run on over the break, above the first name
            top = spans[0][0]
            more, more_cost, more_mode = aligned(spans, [(top, top)] + names, tol, exact)
            both = mode != "either" and more_mode != "either" and more_mode != mode
            if more_cost < cost and not (both and mode == before_mode) or both and more_mode == before_mode:
                runs, labels, names, mode = more, [before] + labels, [(top, top)] + names, more_mode
        for name, (a, b) in zip(labels, runs):
            for k in idx[a:b]:
                rows[k].focus = name
        margin = _DOUBT_POINTS if geometry else _DOUBT_LINES
        for row, other in doubtful(spans, names[:len(runs)], runs, tol, margin, mode).items():
            rows[idx[row]].focus_doubt = labels[other]
        if idx and rows[idx[-1]].focus:
            last[section] = (rows[idx[-1]].focus, mode)
    return last.get(max(last), ("", ""))[1] if last else ""


def _beside(block: list[Fragment], rows: list[_Row], idx: list[int]) -> bool:
    """Does a focus block stand among these rows (between their first and last line)?"""
    first = min(r.line.number for r in (rows[k] for k in idx))
    last = max(ln.number for k in idx for ln in (rows[k].lines or [rows[k].line]))
    nums = [f.line.number for f in block]
    return first - _ABOVE <= min(nums) and max(nums) <= last + _BELOW


def _run_cost(spans: list[tuple[float, float]], a: int, b: int, name: tuple[float, float], last: bool,
              tol: float, mode: str = "either") -> float:
    """What it costs that rows ``a:b`` are the run of the area whose name stands at ``name``: the name
    ``centre``d on its run, written at its ``top``, or ``either``."""
    top, bottom = name
    end = max(s[1] for s in spans[a:b])
    offset = abs(spans[a][0] - top)
    centred = abs((spans[a][0] + end) / 2 - (top + bottom) / 2)
    cost = {"top": offset, "centre": centred}.get(mode, min(centred, offset) + _TOP_TIE * offset)
    cost += _OUTSIDE * max(0.0, spans[a][0] - top - tol)          # the name starts above its run
    if not last:
        cost += _OUTSIDE * max(0.0, bottom - end - tol)           # the name ends below its run
    return cost


def partition(spans: list[tuple[float, float]], names: list[tuple[float, float]],
              tol: float = 0.0, mode: str = "either") -> tuple[list[tuple[int, int]], float]:
    """Contiguous runs of rows, one per focus name in order, each centred on its name or starting where its
    name starts, as close as possible.

    A run that does not contain its name's first line (or, but for the last run, its last line) costs
    :data:`_OUTSIDE` per point (line) outside: allowed only where nothing else fits.  Returns the runs and
    their cost.
    """
    n, m = len(spans), len(names)
    if m > n:
        names = names[:n]
        m = n
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        for b in range(j, n - (m - j) + 1):
            for a in range(j - 1, b):
                if best[j - 1][a] == inf:
                    continue
                cost = best[j - 1][a] + _run_cost(spans, a, b, names[j - 1], j == m, tol, mode)
                if cost < best[j][b]:
                    best[j][b], back[j][b] = cost, a
    if best[m][n] == inf:
        return [], inf
    out, b = [], n
    for j in range(m, 0, -1):
        a = back[j][b]
        out.append((a, b))
        b = a
    return out[::-1], best[m][n]


def aligned(spans: list[tuple[float, float]], names: list[tuple[float, float]], tol: float,
            exact: float) -> tuple[list[tuple[int, int]], float, str]:
    """The runs, their cost and the alignment that explains them: every name at the top of its run, or every
    name centred on it (within ``exact``), else each as it fits best."""
    for mode in ("top", "centre"):
        runs, cost = partition(spans, names, tol, mode)
        if runs and cost <= exact * len(runs):
            return runs, cost, mode
    runs, cost = partition(spans, names, tol)
    return runs, cost, "either"


def doubtful(spans: list[tuple[float, float]], names: list[tuple[float, float]], runs: list[tuple[int, int]],
             tol: float, margin: float, mode: str = "either") -> dict[int, int]:
    """Rows whose area another partition explains about as well (a boundary one row up or down costs less
    than ``margin`` more): row → the index of the other area."""
    total = lambda rs: sum(_run_cost(spans, a, b, names[j], j == len(rs) - 1, tol, mode)
                           for j, (a, b) in enumerate(rs))
    base = total(runs)
    out: dict[int, int] = {}
    for j in range(len(runs) - 1):
        (a0, b0), (a1, b1) = runs[j], runs[j + 1]
        for shift, row, other in ((-1, b0 - 1, j + 1), (1, a1, j)):
            moved = list(runs)
            moved[j], moved[j + 1] = (a0, b0 + shift), (a1 + shift, b1)
            if a0 < b0 + shift and a1 + shift < b1 and total(moved) - base < margin:
                out[row] = other
    return out
