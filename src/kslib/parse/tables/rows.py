"""A table's rows: label lines joined over wraps, category rows, figures placed under the columns, and
the row kinds (row, category, subtotal, total); the column sums decide splits the row's own identities
left open, and every choice is a warning."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import BLANK_BASE, BLANK_DERIVED
from kslib.parse.tables.cells import Run, place, place_stacked, runs_of
from kslib.parse.tables.grid import nearest
from kslib.parse.tables.identities import identities, is_series
from kslib.parse.tables.lines import Ln
from kslib.parse.tables.model import Column, Row
from kslib.read.source import Line
from kslib.vocab.rows import RESULT, row_kind


# --------------------------------------------------------------------------- rows

def join(a: str, b: str) -> str:
    if a.endswith("-") and b[:1].islower():
        return a + b
    return f"{a} {b}".strip()


def read_rows(lns: Sequence[Ln], idx: list[int], cols: list[Column], slots, pos: bool, title: str,
          warnings: list[ParseWarning]) -> list[Row]:
    rows: list[Row] = []
    pending: list[tuple[str, Line]] = []     # label lines waiting for their figures
    carry: dict[int, object] = {}            # figures of a label-less line, by the row (line) they join
    dec = any("," in w.text for i in idx for w in lns[i].nums)
    idents = identities(cols, 0.15 if dec else 1.5)
    skip = [k for k, c in enumerate(cols) if c.note]
    costs = [BLANK_DERIVED if c.measure in ("deviation", "change") else BLANK_BASE for c in cols]
    series = is_series(cols)
    last_was_row = False
    last_label: tuple[float, float, int] | None = None   # the last row's label: start, end, line number
    orphan = None
    region = min(s[0] for s in slots) - 1 if pos and slots else None
    for pos_i, i in enumerate(idx):
        ln = lns[i]
        if rows and _runs_over(ln, region):
            break           # a line whose words run over the figure columns is prose after the table
        glued = any(w.glued for w in ln.nums)     # cells printed without a gap: positions tell little
        if region is not None and ln.nums and ln.nums[0].x1 <= region and not glued:
            moved = [w for w in ln.nums if w.x1 <= region]
            ln = Ln(ln.line, ln.words, ln.label + moved, ln.nums[len(moved):], ln.kind)
            if ln.kind == "nums":
                ln.kind = "data"
        label = " ".join(w.text for w in ln.label)
        nxt_ln = next((lns[j] for j in idx[pos_i + 1:pos_i + 2]), None)
        if skip and label and len(ln.nums) == 1 and re.fullmatch(r"\d{1,2}", ln.nums[0].text) \
                and nxt_ln is not None and nxt_ln.kind == "nums":
            ln = Ln(replace(ln.line, text=label), ln.label, ln.label, [], "text")   # a label and its note over
            #                         its figures ("Reinvestering VA-ledningar 1"): the note is no figure
        if ln.kind == "text" or not ln.nums:
            text = ln.line.text.strip() if not pos else " ".join(w.text for w in ln.words)
            if orphan is not None:
                rows.append(Row(text, "row", orphan[0].values, orphan[1], orphan[0].printed, orphan[0].choices,
                                orphan[0].malformed, unplaced=orphan[0].unplaced))
                orphan, last_was_row = None, True
                continue
            nxt = next((lns[j] for j in idx[pos_i + 1:pos_i + 2]), None)
            above_figures = nxt is not None and nxt.kind == "nums" and (text[:1].isupper() or text[:1].isdigit())
            #             a label over its figures (a coded one too: "208 Nämnd och förvaltning")
            cont_row = rows and last_was_row and not pending and not above_figures and (
                rows[-1].label.endswith((",", "-", " och")) or _wrapped(last_label, ln, region)
                and not (row_kind(rows[-1].label, False) != "row" and text[:1].isupper()))   # a sum, then a heading
            caps = pending and pending[-1][0].isupper() and text.isupper()
            if text[:1].islower() or text[:1] in "(&" or cont_row or caps or (
                    pending and pending[-1][0].endswith((",", "-"))):
                if pending:
                    pending[-1] = (join(pending[-1][0], text), pending[-1][1])
                elif rows and last_was_row:
                    rows[-1].label = join(rows[-1].label, text)
                    continue
                else:
                    pending.append((text, ln.line))
            else:
                pending.append((text, ln.line))
            last_was_row = last_was_row and not pending
            continue
        if ln.stack:
            placed = _place_stack(ln, cols, idents, costs, skip, title, warnings)
        else:
            placed = place(runs_of(ln.nums), [tuple(s) for s in slots], positional=pos and not glued,
                           identities=lambda n: idents, skip=skip, blank_cost=costs, series=series)
        if not label:
            nxt = next((lns[j] for j in idx[pos_i + 1:pos_i + 2]), None)
            if pending:
                label = pending.pop()[0]
            elif nxt is not None and nxt.kind == "text" and not (rows and last_was_row and _fills_row(placed, rows[-1])):
                orphan = (placed, ln.line)        # the label follows on the next line
                continue
            elif nxt is not None and nxt.kind == "data" and pos and _fills(placed, nxt, slots):
                carry[id(nxt)] = placed
                continue
            elif rows and last_was_row:
                _merge(rows[-1], placed)
                continue
        elif pending and label[:1].islower():
            label = join(pending.pop()[0], label)
        carried = carry.pop(id(ln), None)
        if carried is not None:
            _merge(placed, carried)
        for text, line in pending:
            rows.append(Row(text, "category", [None] * len(cols), line, [None] * len(cols)))
        pending = []
        rows.append(Row(label, "row", placed.values, ln.line, placed.printed, placed.choices, placed.malformed,
                        unplaced=placed.unplaced))
        last_was_row = True
        last_label = (ln.label[0].x0, ln.label[-1].x1, ln.line.number) if ln.label else None
    for text, line in pending:
        if rows and text[:1].islower():
            rows[-1].label = join(rows[-1].label, text)
    summary = [k for k, r in enumerate(rows) if r.kind == "row" and row_kind(r.label, False) != "row"]
    for k in summary:
        kind = row_kind(rows[k].label, k == summary[-1] and k >= len(rows) - 2)
        if kind == "total" and RESULT.match(rows[k].label) and any(j > k for j in summary):
            kind = "row"        # "Årets resultat" inside a balance sheet: a summary row follows
        rows[k].kind = kind
    _drop_next_section(rows, len(cols))
    return rows


def _drop_next_section(rows: list[Row], n_cols: int) -> None:
    """A heading and one row filling less than half the columns at the table's end are the next section's
    (its header line: "Uppföljning av …" / "Process  Ansvarig  Utvärdering 2020"), not the table's."""
    while (len(rows) >= 3 and n_cols >= 3 and rows[-2].kind == "category" and rows[-1].kind == "row"
           and 2 * sum(v is not None for v in rows[-1].values) < n_cols):
        del rows[-2:]


def _place_stack(ln: Ln, cols: list[Column], idents, costs, skip, title: str, warnings: list[ParseWarning]):
    """A stacked row's figures under the columns, in order; more figures than columns is said."""
    free = len(cols) - len(skip)
    texts = list(ln.stack)
    if skip and len(texts) == free + 1 and re.fullmatch(r"\d{1,2}", texts[0].strip()):
        free += 1               # the note column's reference on a line of its own (place_stacked reads it)
    if len(texts) > free:
        warnings.append(ParseWarning(
            "stacked-figures", f"table {title!r}, row {ln.text!r}: {len(texts)} figures printed one per line under "
            f"one label, but the header has {free} columns; kept the first {free}",
            table="tables", row=" ".join(w.text for w in ln.label), line=ln.line.number, page=ln.line.page))
        texts = texts[:free]
    return place_stacked(texts, len(cols), identities=idents, blank_cost=costs, skip=skip)


def _runs_over(ln: Ln, region: float | None) -> bool:
    """A figure line whose label reaches into the figure columns: a sentence with a number at its end
    ("… till Stadens förvaltningar och bolag, 23"), not a row of the table above."""
    glued = bool(ln.nums) and abs(ln.nums[0].x0 - ln.label[-1].x1) < 1e-6 if ln.label else False
    # a long label that reaches under the first column but ends before its own figures is a row's
    before = bool(ln.label) and len(ln.nums) >= 2 and ln.label[-1].x1 < ln.nums[0].x0
    return (region is not None and ln.kind == "data" and bool(ln.label) and ln.label[-1].x1 > region + 1
            and not glued and not before)   # a label glued to its first figure ("unga280 319") is a row


def _wrapped(label: tuple[float, float, int] | None, ln: Ln, region: float | None) -> bool:
    """Whether a text line continues the row above by word wrap: on the next line (no blank line between),
    under the label, and its first word would not have fitted after the row's label before the figure
    columns ("… inom Service Level" / "Agreement snitt")."""
    if label is None or region is None or not ln.words or ln.line.number != label[2] + 1:
        return False
    first = ln.words[0]
    space = (first.x1 - first.x0) / max(len(first.text), 1)
    return abs(first.x0 - label[0]) <= 2 * space and label[1] + space + (first.x1 - first.x0) > region


def _fills(placed, nxt: Ln, slots) -> bool:
    """Do a label-less line's figures stand in columns the next row leaves blank?"""
    taken = {_nearest_run(r, slots) for r in runs_of(nxt.nums)}
    mine = [k for k, v in enumerate(placed.printed) if v is not None]
    return bool(mine) and not (set(mine) & taken)


def _fills_row(placed, row: Row) -> bool:
    """Do a label-less line's figures fill only blanks of ``row``?"""
    mine = [k for k, v in enumerate(placed.printed) if v is not None]
    return bool(mine) and all(row.printed[k] is None for k in mine)


def _nearest_run(run: Run, slots) -> int:
    return nearest(run.x0, run.x1, slots)


def _merge(into, placed) -> None:
    """Figures of a line without a label into the blank cells of a row (or of another line's figures)."""
    for k, p in enumerate(placed.printed):
        if p is not None and into.printed[k] is None:
            into.values[k], into.printed[k] = placed.values[k], p
    into.choices.extend(placed.choices)
    into.malformed.extend(placed.malformed)
    into.unplaced.extend(placed.unplaced)
