"""Small transposed tables: one row per year, one column per key figure ("År | Antal elever | Andel …").

A block of figure lines that each start with a distinct year is read by position: the words above the
figure columns name them (wrapped over up to three lines), each line's first figure is its year, and the
table is turned the usual way round — one row per key figure, one column per year (measure ``value``).
Without layout the column names cannot be told apart: such a block is said, not guessed.
"""
from __future__ import annotations

from typing import Sequence

from kslib.diagnostics import ParseWarning
from kslib.parse.tables.cells import place, runs_of
from kslib.parse.tables.geometry import tolerance
from kslib.parse.tables.grid import nearest, slots as grid_slots
from kslib.parse.tables.lines import Ln
from kslib.parse.tables.model import Column, Row, Table
from kslib.parse.tables.titles import clean_title, find_title
from kslib.vocab import measures as vm
from kslib.vocab.units import unit_of

_HEADER_LINES = 3


def year_rows(block: Sequence[Ln]) -> bool:
    """Does every figure line of the block start with a year, each a different one (two or more)?"""
    figures = [ln for ln in block if ln.kind in ("data", "nums")]
    years = [ln.words[0].text for ln in figures if ln.words and not ln.label]
    return len(figures) >= 2 and len(years) == len(figures) and all(vm.YEAR.match(y) for y in years) \
        and len(set(years)) == len(years)


def read_transposed(lns: Sequence[Ln], start: int, stop: int, warnings: list[ParseWarning]) -> Table | None:
    """The block ``lns[start:stop]`` of year rows as a table the usual way round, or None (then warned)."""
    figures = [ln for ln in lns[start:stop] if ln.kind in ("data", "nums")]
    positional = all(any(w.wide for w in ln.nums[1:]) for ln in figures)
    slots = grid_slots(figures, tolerance(figures[0].line)) if positional else []
    header = _header(lns, start, slots)
    title, _ = find_title(lns, header[0] if header else start)
    if not positional or len(slots) < 2 or not header:
        warnings.append(ParseWarning(
            "transposed-unplaced", f"table {clean_title(title)!r}: rows by year, but its column headers cannot be "
            f"told apart without the page's layout; not read", table="tables", line=figures[0].line.number,
            page=figures[0].line.page))
        return None
    names: list[list[str]] = [[] for _ in slots]
    for k in header:
        for phrase in _phrases(lns[k]):
            names[nearest(phrase[0].x0, phrase[-1].x1, slots)].extend(w.text for w in phrase)
    labels = [vm.join_words(n) for n in names[1:]]
    years = [int(ln.words[0].text) for ln in figures]
    values: list[list[float | None]] = [[None] * len(years) for _ in labels]
    printed: list[list[str | None]] = [[None] * len(years) for _ in labels]
    for j, ln in enumerate(figures):
        placed = place(runs_of(ln.nums[1:]), [tuple(s) for s in slots[1:]], positional=True,
                       identities=lambda n: [])
        for i in range(len(labels)):
            values[i][j], printed[i][j] = placed.values[i], placed.printed[i]
    cols = [Column(str(y), None, "value", y) for y in years]
    rows = [Row(label, "row", values[i], figures[0].line, printed[i]) for i, label in enumerate(labels) if label]
    unit = unit_of(title) or next((unit_of(lns[k].line.text) for k in header if unit_of(lns[k].line.text)), None)
    return Table(clean_title(title), unit, cols, rows, lns[header[0]].line)


def _header(lns: Sequence[Ln], start: int, slots: list[list[float]]) -> list[int]:
    """The lines above the year rows that name the columns: short text lines whose words stand over the
    figure columns (the year column's head "År" among them), top first."""
    out = []
    region = slots[1][0] - 6 if len(slots) > 1 else None
    k = start - 1
    while k >= 0 and len(out) < _HEADER_LINES:
        ln = lns[k]
        text = ln.line.text.strip()
        if ln.kind not in ("text", "header") or not ln.words or text.endswith((".", ":")) or \
                region is None or sum(1 for p in _phrases(ln) if p[-1].x1 > region) < 2:
            break
        out.append(k)
        k -= 1
    return sorted(out)


def _phrases(ln: Ln) -> list[list]:
    """The line's words in phrases: words apart by a cell gap start a new one."""
    out: list[list] = []
    for w in ln.words:
        if out and not w.wide:
            out[-1].append(w)
        else:
            out.append([w])
    return out
