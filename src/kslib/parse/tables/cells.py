"""A row's figures placed under the table's columns.

Words separated by a cell gap form a *run*; a run that reads as one figure goes
to the column it stands under.  A run that is several figures glued by single
spaces (or a whole text row without layout) is split with
:func:`kslib.parse.numbers.split_row` against the table's identities over the
columns it can cover; what no identity decides is reported as ambiguous.
Figures cut out of a glued word (:func:`.geometry.unglue`) may hold several
figures printed without a space; figures printed one per line are placed by
:func:`place_stacked`.  Every split that had other readings is kept in
:attr:`Placed.choices`, so that the table's column sums can still decide it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from kslib.parse.tables.settings import current
from kslib.parse.numbers import (Figure, Identity, RowSplit, SplitError, Token, segmentations, split_row, tokenize_row,
                                 whole_token)
from kslib.parse.tables.geometry import Pos
from kslib.vocab.cells import NIL


@dataclass
class Run:
    """Numeric words of one cell (or several glued cells)."""

    words: list[Pos]

    @property
    def text(self) -> str:
        """The figures as printed; a cell gap inside the run (a row without layout) stays two spaces, so
        the splitter sees where a blank cell likely was."""
        text = "".join(("  " if k and w.wide else " " if k else "") + w.text for k, w in enumerate(self.words))
        return re.sub(r"(\d) ?%(\*+)", r"\1\2%", re.sub(r"(\d) %(?!\*)", r"\1%", text))

    @property
    def gapped(self) -> str:
        """The text for the splitter: as :attr:`text`, after a two-space gap where the run's first word
        stood apart from what came before it (a blank cell before the first figure of a row without layout)."""
        return ("  " if self.words and self.words[0].wide else " ") + self.text

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
    choices: list[Choice] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)     # figures standing between two columns


@dataclass
class Choice:
    """A split of columns ``lo..hi-1`` that had other readings; ``glued`` when digits printed without a
    space were read (every such choice is reported, however it was decided)."""

    lo: int
    hi: int
    split: RowSplit
    glued: bool = False

    def readings(self) -> list:
        """The chosen split first, then the alternatives."""
        return [self.split.best, *self.split.alternatives]


_FIGURE_CELL = re.compile(r"^[-–—+]?\s?\d[\d ]*(?:,\d+)?\s?(?P<mark>\**)\s?%?\s?(?P<mark2>\**)$")


def cell_text(fig: Figure) -> str:
    """A figure as its cell printed it: the text of a text cell, else the figure with its footnote mark."""
    return fig.note or str(fig)


def cell_note(text: str | None) -> str | None:
    """What a cell printed besides a figure: its footnote mark (``"644*"`` → ``"*"``), or the whole text of
    a cell that holds no figure (``"Stängt"``, ``"ung 116 000"``); None for a plain figure or a blank."""
    if not text:
        return None
    m = _FIGURE_CELL.match(text.strip())
    if m:
        return (m.group("mark") + m.group("mark2")) or None
    return text.strip()


def runs_of(words: Sequence[Pos]) -> list[Run]:
    """Group numeric words into runs at cell gaps (a lone sign sticks to the figure after it)."""
    runs: list[Run] = []
    for w in words:
        if runs and not w.wide:
            runs[-1].words.append(w)
        else:
            runs.append(Run([w]))
    return runs


def _tokens(run: Run) -> list[Token]:
    """The run's numeric tokens; a glued word is one token whose digits may hold several figures, a text
    cell one note token."""
    if not any(w.glued or w.note for w in run.words):
        return tokenize_row("x" + run.gapped)[1]
    out: list[Token] = []
    plain: list[Pos] = []
    for w in run.words + [None]:
        if w is not None and not w.glued and not w.note:
            plain.append(w)
            continue
        if plain:
            out.extend(tokenize_row("x" + Run(plain).gapped)[1])
            plain = []
        if w is None:
            continue
        if w.note:
            out.append(Token("", note=w.text, gap_before=w.wide))
            continue
        try:
            out.append(whole_token(w.text, glued=True))
        except ValueError:
            out.extend(tokenize_row("x " + w.text)[1])
    return out


def one_figure(run: Run) -> Figure | None:
    """The run read as exactly one figure, or None (a glued run is never taken as one as it stands, a text
    cell is no figure)."""
    if any(w.glued or w.note for w in run.words):
        return None
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
          identities: Callable[[int], Sequence[Identity]], skip: Sequence[int] = (),
          blank_cost: Sequence[float] | None = None, series: bool = False) -> Placed:
    """Place ``runs`` under ``slots`` ((x0, x1) of each column); ``skip`` are columns that never take a
    value in a text row without positions (a note column); ``blank_cost`` prices a blank cell per column
    (a derived column, such as a deviation, is more often left blank); ``series`` rows (one measure over
    the years) prefer figures of like magnitude."""
    n = len(slots)
    values: list[float | None] = [None] * n
    printed: list[str | None] = [None] * n
    decimals = [0] * n
    out = Placed(values, printed, decimals)
    if positional:
        pending: list[Run] = []
        used: list[int] = []
        for run in runs:
            fig = one_figure(run)
            col = _column_of(run, slots)
            between = _between(run, slots)
            if between:
                out.unplaced.append(f"{run.text!r} stands between the columns {between[0] + 1} and {between[1] + 1}")
            if fig is not None and not between and values[col] is None and printed[col] is None:
                values[col] = None if fig.note else fig.value
                printed[col], decimals[col] = run.text, fig.decimals
                used.append(col)
            else:
                pending.append(run)
        for run in pending:
            _split_into(out, run, slots, identities, blank_cost=blank_cost, series=series)
        return out
    tokens_run = Run([w for r in runs for w in r.words])
    _split_into(out, tokens_run, slots, identities, whole=True, skip=skip, blank_cost=blank_cost, series=series)
    return out




def _between(run: Run, slots: Sequence[tuple[float, float]]) -> tuple[int, int] | None:
    """The two columns a figure stands between, when it overlaps neither and is about as near to both."""
    if len(slots) < 2 or any(min(run.x1, x1) - max(run.x0, x0) > 0 for x0, x1 in slots):
        return None
    dist = sorted((min(abs(run.x1 - x1), abs((run.x0 + run.x1) / 2 - (x0 + x1) / 2)), k)
                  for k, (x0, x1) in enumerate(slots))
    step = min(b[1] - a[1] for a, b in zip(slots, slots[1:]) if b[1] > a[1]) if len(slots) > 1 else 0
    (d0, k0), (d1, k1) = dist[0], dist[1]
    if abs(k0 - k1) == 1 and step and d1 - d0 < current().between_columns * step and d0 > current().between_columns * step:
        return (min(k0, k1), max(k0, k1))
    return None


def _column_of(run: Run, slots: Sequence[tuple[float, float]]) -> int:
    best, score = 0, None
    for k, (x0, x1) in enumerate(slots):
        overlap = min(run.x1, x1) - max(run.x0, x0)
        s = (-overlap if overlap > 0 else 0.0, abs(run.x1 - x1))
        if score is None or s < score:
            best, score = k, s
    return best


def _split_into(out: Placed, run: Run, slots, identities, *, whole: bool = False, skip: Sequence[int] = (),
                blank_cost: Sequence[float] | None = None, series: bool = False) -> None:
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
    tokens = _tokens(run)
    if not tokens:
        return
    free = [c for c in range(lo, hi) if not (whole and c in set(skip))]   # a note column takes no figure
    idents = _sub_identities(identities(n), out.values, lo, hi)
    if len(free) < hi - lo:
        idents = [Identity(i.name, (lambda r: lambda sub: r(_spread_over(sub, free, lo, hi)))(i.residual),
                           i.tolerance) for i in idents]
    costs = [blank_cost[c] for c in free] if blank_cost is not None else None
    k = len(free)
    note = None
    noted = None
    if len(free) < hi - lo and _note_ref(tokens[0]) and len(tokens) > 1:
        # a note column filled on some rows: its reference ("1") is the row's first token, or there is none
        try:
            noted = split_row(tokens[1:], k, identities=idents, blank_cost=costs, series=series,
                              max_alternatives=current().readings_kept)
        except SplitError:
            noted = None
    try:
        try:
            rs = split_row(tokens, k, identities=idents, blank_cost=costs, series=series, max_alternatives=current().readings_kept)
        except SplitError:
            if noted is None:
                raise
            rs = noted
        if noted is not None and (rs is noted or _better(noted, rs)):
            rs, note = noted, tokens[0].int_part
    except SplitError:
        if k == 1:   # digits under one column that no grouping reads ("-7 73"): keep what is printed
            digits = "".join(t.int_part for t in tokens)
            value = float(digits) * (-1 if tokens[0].negative else 1)
            out.values[free[0]], out.printed[free[0]] = value, run.text
            out.malformed.append(run.text)
        return
    if len(free) < hi - lo:
        rs = _widened(rs, [c - lo for c in free], hi - lo)
    for i, fig in enumerate(rs.best.figures):
        if fig is not None:
            out.values[lo + i] = None if fig.note else fig.value
            out.printed[lo + i] = cell_text(fig)
            out.decimals[lo + i] = fig.decimals
    if note is not None:
        k_note = next(c for c in range(lo, hi) if c not in free)
        out.printed[k_note] = note
    glued = any(t.glued for t in tokens)
    if rs.ambiguous:
        out.ambiguous.append(rs)
    if rs.alternatives:
        out.choices.append(Choice(lo, hi, rs, glued))


def _note_ref(tok) -> bool:
    """A token that may be a note reference: a bare number of one or two digits."""
    return (len(tok.int_part) <= 2 and not tok.signed and not tok.dec_part and not tok.percent
            and not tok.footnote and not tok.note and not tok.glued)


def _better(a: RowSplit, b: RowSplit) -> bool:
    """Is reading ``a`` better than ``b``: more of the identities kept, fewer broken, then cheaper?"""
    def key(rs: RowSplit):
        return (len(rs.best.violated), -len(rs.best.satisfied), rs.best.cost)
    return key(a) < key(b)


def _spread_over(sub, free: Sequence[int], lo: int, hi: int) -> tuple:
    """Values of the free columns spread over ``lo..hi-1`` (blank in the others)."""
    full: list = [None] * (hi - lo)
    for c, v in zip(free, sub):
        full[c - lo] = v
    return tuple(full)




def place_stacked(texts: Sequence[str], n: int, *, identities: Sequence[Identity],
                  blank_cost: Sequence[float] | None = None, skip: Sequence[int] = ()) -> Placed:
    """Place figures printed one per line (each text one whole figure) under ``n`` columns in order;
    fewer figures than columns leave blanks where the identities (or, failing them, ``blank_cost``) say.
    Columns in ``skip`` (a note column) take no figure."""
    free = [k for k in range(n) if k not in set(skip)]
    out = Placed([None] * n, [None] * n, [0] * n)
    if any(t in NIL for t in texts) and len(texts) == len(free):
        for k, t in zip(free, texts):       # one line per column, a nil dash among them: in order
            if t in NIL:
                out.printed[k] = t
                continue
            try:
                tok = whole_token(t)
            except ValueError:
                out.malformed.append(t)
                continue
            fig = split_row([tok], 1).best.figures[0]
            out.values[k], out.printed[k], out.decimals[k] = fig.value, cell_text(fig), fig.decimals
        return out
    texts = [t for t in texts if t not in NIL]
    tokens = []
    for t in texts:
        try:
            tokens.append(whole_token(t))
        except ValueError:
            out.malformed.append(t)
    if skip and len(tokens) == len(free) + 1 and _note_ref(tokens[0]):
        out.printed[skip[0]] = tokens.pop(0).int_part       # the note column's reference ("1"), one line of its own
    if not tokens or len(tokens) > len(free):
        return out

    def widen(sub):
        full: list[float | None] = [None] * n
        for k, v in zip(free, sub):
            full[k] = v
        return tuple(full)
    idents = [Identity(i.name, (lambda r: lambda sub: r(widen(sub)))(i.residual), i.tolerance) for i in identities]
    costs = [blank_cost[k] for k in free] if blank_cost is not None else None
    rs = split_row(tokens, len(free), identities=idents, blank_cost=costs, max_alternatives=current().readings_kept)
    if skip and out.printed[skip[0]] is None and len(tokens) >= 2 and _note_ref(tokens[0]):
        # a note reference and a blank cell: as many lines as columns; the identities tell which reading holds
        noted = split_row(tokens[1:], len(free), identities=idents, blank_cost=costs, max_alternatives=current().readings_kept)
        if _better(noted, rs):
            out.printed[skip[0]] = tokens[0].int_part
            rs = noted
    for k, fig in zip(free, rs.best.figures):
        if fig is not None:
            out.values[k], out.printed[k], out.decimals[k] = fig.value, cell_text(fig), fig.decimals
    if rs.ambiguous:
        out.ambiguous.append(rs)
    if rs.alternatives:
        out.choices.append(Choice(0, n, _widened(rs, free, n)))
    return out


def _widened(rs: RowSplit, free: Sequence[int], n: int) -> RowSplit:
    """A split over the free columns as one over all ``n`` columns (blanks in the others)."""
    def wide(split):
        values: list = [None] * n
        figures: list = [None] * n
        for k, v, f in zip(free, split.values, split.figures):
            values[k], figures[k] = v, f
        return replace(split, values=tuple(values), figures=tuple(figures))
    return RowSplit(wide(rs.best), tuple(wide(a) for a in rs.alternatives), rs.decided_by)
