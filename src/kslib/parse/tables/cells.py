"""A row's figures placed under the table's columns.

Words separated by a cell gap form a *run*; a run that reads as one figure goes
to the column it stands under.  A run that is several figures glued by single
spaces (or a whole text row without layout) is split with
:func:`kslib.parse.numbers.split_row` against the table's identities over the
columns it can cover; what no identity decides is reported as ambiguous.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from kslib.parse.numbers import Figure, Identity, RowSplit, SplitError, segmentations, split_row, tokenize_row
from kslib.parse.tables.geometry import Pos


@dataclass
class Run:
    """Numeric words of one cell (or several glued cells)."""

    words: list[Pos]

    @property
    def text(self) -> str:
        text = " ".join(w.text for w in self.words)
        return re.sub(r"(\d) ?%(\*+)", r"\1\2%", re.sub(r"(\d) %(?!\*)", r"\1%", text))

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Placed:
    """Values under columns (None = blank), printed text, and what was undecided."""

    values: list[float | None]
    printed: list[str | None]
    decimals: list[int]
    ambiguous: list[RowSplit] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)


def runs_of(words: Sequence[Pos]) -> list[Run]:
    """Group numeric words into runs at cell gaps (a lone sign sticks to the figure after it)."""
    runs: list[Run] = []
    for w in words:
        if runs and not w.wide:
            runs[-1].words.append(w)
        else:
            runs.append(Run([w]))
    return runs


def _one_figure(run: Run) -> Figure | None:
    _, tokens = tokenize_row("x " + run.text)
    if not tokens:
        return None
    segs = segmentations(tokens, max_figures=1)
    return segs[0][0] if segs else None


def _sub_identities(identities: Sequence[Identity], values: list[float | None], lo: int, hi: int) -> list[Identity]:
    """Identities over the full row, seen from the columns ``lo..hi-1`` being split."""
    def wrap(ident: Identity) -> Identity:
        def residual(sub):
            full = list(values)
            full[lo:hi] = sub
            return ident.residual(tuple(full))
        return Identity(ident.name, residual, ident.tolerance)
    return [wrap(i) for i in identities]


def place(runs: Sequence[Run], slots: Sequence[tuple[float, float]], *, positional: bool,
          identities: Callable[[int], Sequence[Identity]], skip: Sequence[int] = ()) -> Placed:
    """Place ``runs`` under ``slots`` ((x0, x1) of each column); ``skip`` are columns that never take a
    value in a text row without positions (a note column)."""
    n = len(slots)
    values: list[float | None] = [None] * n
    printed: list[str | None] = [None] * n
    decimals = [0] * n
    out = Placed(values, printed, decimals)
    if positional:
        pending: list[Run] = []
        used: list[int] = []
        for run in runs:
            fig = _one_figure(run)
            col = _column_of(run, slots)
            if fig is not None and values[col] is None and printed[col] is None:
                values[col] = None if fig.note else fig.value
                printed[col], decimals[col] = run.text, fig.decimals
                used.append(col)
            else:
                pending.append(run)
        for run in pending:
            _split_into(out, run, slots, identities)
        return out
    tokens_run = Run([w for r in runs for w in r.words])
    _split_into(out, tokens_run, slots, identities, whole=True, skip=skip)
    return out


def _column_of(run: Run, slots: Sequence[tuple[float, float]]) -> int:
    best, score = 0, None
    for k, (x0, x1) in enumerate(slots):
        overlap = min(run.x1, x1) - max(run.x0, x0)
        s = (-overlap if overlap > 0 else 0.0, abs(run.x1 - x1))
        if score is None or s < score:
            best, score = k, s
    return best


def _split_into(out: Placed, run: Run, slots, identities, *, whole: bool = False, skip: Sequence[int] = ()) -> None:
    n = len(slots)
    if whole:
        lo, hi = 0, n
    else:
        right = _column_of(run, slots)
        lo = right
        while lo > 0 and out.printed[lo - 1] is None and slots[lo - 1][1] > run.x0 - 1e-6:
            lo -= 1
        hi = right + 1
        while hi < n and out.printed[hi] is None and slots[hi][0] < run.x1:
            hi += 1
        hi = max(hi, lo + 1)
    _, tokens = tokenize_row("x " + run.text)
    if not tokens:
        return
    k = hi - lo
    idents = _sub_identities(identities(n), out.values, lo, hi)
    try:
        rs = split_row(tokens, k, identities=idents, blank_allowed=[True] * k)
    except SplitError:
        if k == 1:   # digits under one column that no grouping reads ("-7 73"): keep what is printed
            digits = "".join(t.int_part for t in tokens)
            value = float(digits) * (-1 if tokens[0].negative else 1)
            out.values[lo], out.printed[lo] = value, run.text
            out.malformed.append(run.text)
        return
    for i, fig in enumerate(rs.best.figures):
        if fig is not None:
            out.values[lo + i] = None if fig.note else fig.value
            out.printed[lo + i] = str(fig)
            out.decimals[lo + i] = fig.decimals
    if rs.ambiguous:
        out.ambiguous.append(rs)
