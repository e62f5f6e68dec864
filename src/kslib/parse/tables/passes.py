"""Passes over a table once its rows are read: the row code apart from the label, the table's deviation
sign convention (and the readings it decides), the column sums (and the readings they decide), every
choice said as a warning, and a table the text ends inside."""
from __future__ import annotations

from typing import Sequence

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import RowSplit
from kslib.parse.tables.cells import Choice, cell_text
from kslib.parse.tables.identities import deviation_pairs
from kslib.parse.tables.magnitudes import decide_by_magnitudes
from kslib.parse.tables.model import Row, Table
from kslib.parse.tables.sums import decide_by_sums
from kslib.vocab.rows import split_code


def settle(table: Table, *, ends_text: bool) -> None:
    """Every pass, in order; ``ends_text`` when the table's last line is the last line of a text layer (a PDF is
    never cut mid-page: a table that ends its last page ends there)."""
    _deviation_convention(table)
    decided = decide_by_sums(table.rows, 10.0 ** -table.decimals)
    by_size = decide_by_magnitudes(table.rows, set(decided))
    _split_warnings(table.rows, decided, table.title, table.warnings, by_size)
    for r in table.rows:
        r.code, r.label = split_code(r.label)
        if not r.lines:
            r.lines = [r.line]
    if ends_text:
        _cut_off(table)


# --------------------------------------------------------------------------- sign convention

def _deviation_convention(table: Table) -> None:
    """The sign the table's deviations keep (budget − outcome: +1, outcome − budget: −1), by the vote of its
    rows; rows whose reading only plausibility chose take the one reading that keeps that sign, if one does."""
    pairs = deviation_pairs(table.columns)
    if not pairs:
        return
    votes = 0
    for r in table.rows:
        for d, o, b in pairs:
            v = r.values
            if None in (v[d], v[o], v[b]) or v[d] == 0:
                continue
            votes += 1 if abs(v[d] - (v[b] - v[o])) < abs(v[d] - (v[o] - v[b])) else -1
    table.deviation_sign = 1 if votes >= 0 else -1
    tol = 1.5 * 10.0 ** -table.decimals
    for r in table.rows:
        for k, c in enumerate(r.choices):
            if c.split.decided_by != "plausibility":
                continue
            keeps = [s for s in c.readings() if _keeps(s.values, c.lo, r.values, pairs, table.deviation_sign, tol)]
            distinct = {tuple(s.values) for s in keeps}
            if len(distinct) != 1:
                continue
            best = keeps[0]
            _apply(r, c, best)
            others = tuple(s for s in c.readings() if s is not best)
            r.choices[k] = Choice(c.lo, c.hi, RowSplit(best, others, "convention"), c.glued)


def _keeps(sub: Sequence, lo: int, values: list, pairs, sign: int, tol: float) -> bool:
    v = list(values)
    v[lo:lo + len(sub)] = sub
    held = 0
    for d, o, b in pairs:
        if None in (v[d], v[o], v[b]):
            continue
        if abs(v[d] - sign * (v[b] - v[o])) > tol:
            return False
        held += 1
    return held > 0


def _apply(row: Row, choice: Choice, split) -> None:
    for i, fig in enumerate(split.figures):
        k = choice.lo + i
        row.values[k] = None if fig is None or fig.note else fig.value
        row.printed[k] = None if fig is None else cell_text(fig)


# --------------------------------------------------------------------------- the text ends inside the table

def _cut_off(table: Table) -> None:
    """The text ends inside the table (no total row closes it): said, and a last row with blank cells that
    no identity confirms is left out as cut off mid-line."""
    if not table.rows or table.rows[-1].kind == "total":
        return
    table.complete = False
    last = table.rows[-1]
    table.warnings.append(ParseWarning(
        "table-incomplete", f"table {table.title!r}: the text ends inside the table; read {len(table.rows)} rows "
        f"as far as it goes", table="tables", line=last.line.number, page=last.line.page))
    confirmed = any(c.split.decided_by in ("identity", "unique", "convention") for c in last.choices) or \
        (not last.choices and all(v is not None for v in last.values))
    if last.kind == "row" and None in last.values and not confirmed:
        table.cut_row = table.rows.pop()
        table.warnings.append(ParseWarning(
            "row-cut-off", f"table {table.title!r}: row {last.name!r} is the last text and has blank cells that no "
            f"identity confirms; it looks cut off and is left out", table="tables", row=last.name,
            line=last.line.number, page=last.line.page))


# --------------------------------------------------------------------------- warnings

def _split_warnings(rows: Sequence[Row], decided: dict[int, tuple[int, str]], title: str,
                    warnings: list[ParseWarning], by_size: dict[int, str] | None = None) -> None:
    """Every choice among readings of a row's figures, and every malformed figure, as a warning."""
    for r in rows:
        def warn(code: str, message: str) -> None:
            warnings.append(ParseWarning(code, f"table {title!r}, row {r.label!r}: {message}", table="tables",
                                         row=r.label, line=r.line.number, page=r.line.page))
        for c in r.choices:
            readings = c.readings()
            if id(c) in decided:
                k, total = decided[id(c)]
                others = [s for j, s in enumerate(readings) if j != k][:3]
                warn("split-by-sum", f"the figures could be read as {' or '.join(str(s) for s in others)}; "
                     f"kept {readings[k]}, the reading with which the column sums to {total!r} hold")
            elif by_size and id(c) in by_size:
                warn("split-by-magnitude", f"the figures could be read as {by_size[id(c)]}; kept {c.split.best}, "
                     f"the reading whose figures are of the size of their columns in the other rows")
            elif c.split.ambiguous:
                warn("ambiguous-split", f"the figures could be read as "
                     f"{' or '.join(str(s) for s in readings[:4])}; kept {c.split.best}")
            elif c.glued:
                why = ", ".join(c.split.best.satisfied) or c.split.decided_by
                warn("glued-figures", f"figures printed without a space between them; read as {c.split.best} "
                     f"({why}), not as {' or '.join(str(s) for s in readings[1:4])}")
        for text in r.malformed:
            warn("malformed-figure", f"{text!r} is no well-formed figure; kept the digits as printed")
        for text in r.unplaced:
            warn("position-unplaced", f"{text}; placed by the table's identities: {' | '.join(p or '' for p in r.printed)}")

