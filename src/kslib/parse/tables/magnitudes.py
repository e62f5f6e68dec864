"""Column magnitudes decide a row's split where nothing else does: among the readings of a row's figures that
no identity, sign convention or column sum told apart, the one whose figures are of the size (and carry the
decimals) of the same columns in the table's other rows is kept — when it fits clearly better than the next.
A row the magnitudes do not decide stays ambiguous (and is said)."""
from __future__ import annotations

import math
from statistics import median
from typing import Protocol, Sequence

from kslib.parse.tables.settings import current
from kslib.parse.numbers import RowSplit
from kslib.parse.tables.cells import Choice, cell_text



class Row(Protocol):
    values: list
    printed: list
    choices: list[Choice]


def _open(c: Choice) -> bool:
    return c.split.decided_by == "plausibility" and bool(c.split.alternatives)


def _size(v: float) -> float:
    return math.log10(abs(v) + 1.0)


def _references(rows: Sequence[Row]) -> list[tuple[float, float] | None]:
    """Per column, the median size and the share of figures with decimals among the figures no open choice
    placed; None where no row holds a sure figure."""
    n = max((len(r.values) for r in rows), default=0)
    sizes: list[list[float]] = [[] for _ in range(n)]
    decimals: list[list[bool]] = [[] for _ in range(n)]
    for r in rows:
        unsure = {k for c in r.choices if _open(c) for k in range(c.lo, c.hi)}
        for k, v in enumerate(r.values):
            if k in unsure or v is None or v != v:
                continue
            sizes[k].append(_size(v))
            decimals[k].append("," in (r.printed[k] or ""))
    return [(median(s), sum(d) / len(d)) if s else None for s, d in zip(sizes, decimals)]


def _misfit(split, lo: int, refs) -> float | None:
    """How far a reading's figures stand from their columns' sizes (None: no column to compare with)."""
    total, compared = 0.0, 0
    for i, fig in enumerate(split.figures):
        ref = refs[lo + i] if lo + i < len(refs) else None
        if ref is None or fig is None or fig.note:
            continue
        total += abs(_size(fig.value) - ref[0])
        if (fig.decimals > 0) != (ref[1] >= 0.5):
            total += 1.0
        compared += 1
    return total if compared else None


def decide_by_magnitudes(rows: Sequence[Row], skip: set[int] = frozenset()) -> dict[int, str]:
    """Settle each open choice (``id`` not in ``skip``) whose readings the column sizes tell apart: the row's
    values and printed cells take the reading kept; returns ``id(choice)`` → the reading set aside, for the
    warning."""
    refs = _references(rows)
    decided: dict[int, str] = {}
    for r in rows:
        for j, c in enumerate(r.choices):
            if id(c) in skip or not _open(c):
                continue
            readings = c.readings()
            fits = [_misfit(s, c.lo, refs) for s in readings]
            if any(f is None for f in fits):
                continue
            order = sorted(range(len(readings)), key=lambda k: fits[k])
            best, second = order[0], order[1]
            if fits[second] - fits[best] < current().magnitude_margin:
                continue
            kept = readings[best]
            for i, fig in enumerate(kept.figures):
                k = c.lo + i
                r.values[k] = None if fig is None or fig.note else fig.value
                r.printed[k] = None if fig is None else cell_text(fig)
            others = tuple(s for k, s in enumerate(readings) if k != best)
            r.choices[j] = Choice(c.lo, c.hi, RowSplit(kept, others, "magnitude"), c.glued)
            decided[id(r.choices[j])] = " or ".join(str(s) for s in others[:3])
    return decided




def _shape(split) -> tuple:
    """Where each column's figure starts among the row's printed tokens (blank: None)."""
    return tuple(None if f is None else f.first_token for f in split.figures)


def _roughness(columns: list[list[float | None]]) -> float:
    """The year-to-year changes of each column's figures, in orders of magnitude, summed."""
    total = 0.0
    for col in columns:
        vals = [v for v in col if v is not None and v == v]
        total += sum(abs(_size(a) - _size(b)) for a, b in zip(vals, vals[1:]))
    return total


def decide_by_series(rows: Sequence[Row]) -> dict[int, str]:
    """Rows that are years and columns that are series of one key figure each (a transposed table): where
    every year's figures split the same way into columns (the same tokens per column) under several readings,
    the reading whose series change least from year to year is kept — when it is clearly smoother than the
    next.  Returns ``id(choice)`` → the readings set aside."""
    open_rows = [(r, j, c) for r in rows for j, c in enumerate(r.choices) if _open(c)]
    if not open_rows or any(c.lo != 0 or c.hi != len(r.values) for r, _, c in open_rows):
        return {}
    shapes = None
    for _, _, c in open_rows:
        mine = {_shape(s) for s in c.readings()}
        shapes = mine if shapes is None else shapes & mine
    if shapes:                  # the readings that fill most columns (a blank cell changes nothing)
        fewest = min(sh.count(None) for sh in shapes)
        shapes = {sh for sh in shapes if sh.count(None) == fewest}
    if not shapes or len(shapes) < 2:
        return {}
    n = len(rows[0].values)
    scored = []
    for shape in shapes:
        table = []
        for r in rows:
            c = next((c for c in r.choices if _open(c)), None)
            if c is None:
                table.append(list(r.values))
                continue
            s = next(s for s in c.readings() if _shape(s) == shape)
            table.append([None if f is None or f.note else f.value for f in s.figures])
        scored.append((_roughness([[row[k] for row in table] for k in range(n)]), shape))
    scored.sort(key=lambda t: t[0])
    (best, shape), (second, _) = scored[0], scored[1]
    if best > current().series_smoother * second:
        return {}
    decided: dict[int, str] = {}
    for r, j, c in open_rows:
        readings = c.readings()
        kept = next(s for s in readings if _shape(s) == shape)
        for i, fig in enumerate(kept.figures):
            r.values[c.lo + i] = None if fig is None or fig.note else fig.value
            r.printed[c.lo + i] = None if fig is None else cell_text(fig)
        others = tuple(s for s in readings if s is not kept)
        r.choices[j] = Choice(c.lo, c.hi, RowSplit(kept, others, "magnitude"), c.glued)
        decided[id(r.choices[j])] = " or ".join(str(s) for s in others[:3])
    return decided
