"""Small transposed tables: one row per year, one column per key figure ("År | Antal elever | Andel …").

A block of figure lines that each start with a distinct year is read by position: the words above the
figure columns name them (wrapped over up to three lines), each line's first figure is its year, and the
table is turned the usual way round — one row per key figure, one column per year (measure ``value``).
Without layout the column names cannot be told apart: such a block is said, not guessed.
"""
from __future__ import annotations

from typing import Sequence

from kslib.parse.tables.settings import current
from kslib.diagnostics import ParseWarning
from kslib.parse.tables.cells import place, runs_of
from kslib.parse.tables.geometry import tolerance
from kslib.parse.tables.grid import nearest, slots as grid_slots
from kslib.parse.tables.lines import Ln, page_glued
from kslib.parse.tables.magnitudes import decide_by_magnitudes, decide_by_series
from kslib.parse.tables.model import Column, Row, Table
from kslib.parse.tables.titles import clean_title, find_title
from kslib.vocab import measures as vm
from kslib.vocab.units import unit_of



def _figure_lines(block: Sequence[Ln]) -> list[Ln]:
    """The block's figure lines, a title with a page footer glued to it ("Verksamheten per år  13 (30)") not."""
    return [ln for ln in block if ln.kind in ("data", "nums") and not (ln.label and page_glued(ln))]


def year_rows(block: Sequence[Ln]) -> bool:
    """Does every figure line of the block start with a year, each a different one (two or more)?"""
    figures = _figure_lines(block)
    years = [ln.words[0].text for ln in figures if ln.words and not ln.label]
    return len(figures) >= 2 and len(years) == len(figures) and all(vm.YEAR.match(y) for y in years) \
        and len(set(years)) == len(years)


def read_transposed(lns: Sequence[Ln], start: int, stop: int, warnings: list[ParseWarning]) -> Table | None:
    """The block ``lns[start:stop]`` of year rows as a table the usual way round, or None (then warned)."""
    figures = _figure_lines(lns[start:stop])
    start = next(k for k in range(start, stop) if lns[k] is figures[0])
    positional = all(any(w.wide for w in ln.nums[1:]) and not ln.stack for ln in figures)
    if not positional:
        return _read_in_order(lns, start, figures, warnings)
    slots = grid_slots(figures, tolerance(figures[0].line))
    header = _header(lns, start, slots)
    title, _ = find_title(lns, header[0] if header else start)
    if len(slots) < 2 or not header:
        _unplaced(title, figures, max(len(slots) - 1, 1), warnings)
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
    while k >= 0 and len(out) < current().transposed_header_lines:
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


# --------------------------------------------------------------------------- without layout

_YEAR_HEADS = {"år", "årtal"}


def _read_in_order(lns: Sequence[Ln], start: int, figures: list[Ln], warnings: list[ParseWarning]) -> Table | None:
    """A transposed table of a text without layout: the column names from the header's words in reading order
    (one name per line, or a capital starting each name), each year's figures split into as many columns, the
    splits no identity decides settled by the columns' magnitudes; a table whose names and figures do not
    agree is said, not guessed."""
    found = _names_in_order(lns, start)
    title_at = found[0] if found else start
    title, _ = find_title(lns, title_at)
    title = found[2] or title if found else title
    names = found[1] if found else []
    rows: list[Row] = []
    if len(names) >= 2 and all(names):
        for ln in figures:
            placed = place(runs_of(ln.nums[1:]), [(float(k), float(k)) for k in range(len(names))],
                           positional=False, identities=lambda n: [])
            if sum(v is not None for v in placed.printed) < len(names) or placed.malformed:
                rows = []
                break
            rows.append(Row(ln.nums[0].text, "row", placed.values, ln.line, placed.printed, placed.choices))
    if not rows:
        _unplaced(title, figures, max(len(names), 1), warnings)
        return None
    table_warnings: list[ParseWarning] = []
    by_size = decide_by_series(rows) or decide_by_magnitudes(rows)
    for r in rows:
        for c in r.choices:
            if id(c) in by_size:
                table_warnings.append(ParseWarning(
                    "split-by-magnitude", f"table {clean_title(title)!r}, row {r.label!r}: the figures could be "
                    f"read as {by_size[id(c)]}; kept {c.split.best}, the reading whose columns change least from "
                    f"year to year", table="tables", row=r.label, line=r.line.number, page=r.line.page))
            elif c.split.ambiguous:
                table_warnings.append(ParseWarning(
                    "ambiguous-split", f"table {clean_title(title)!r}, row {r.label!r}: the figures could be read as "
                    f"{' or '.join(str(s) for s in c.readings()[:4])}; kept {c.split.best}", table="tables",
                    row=r.label, line=r.line.number, page=r.line.page))
    years = [int(r.label) for r in rows]
    cols = [Column(str(y), None, "value", y) for y in years]
    turned = [Row(name, "row", [r.values[i] for r in rows], rows[0].line, [r.printed[i] for r in rows])
              for i, name in enumerate(names)]
    unit = unit_of(title)
    head = lns[found[0]].line if found else figures[0].line
    return Table(clean_title(title), unit, cols, turned, head, warnings=table_warnings)


def _names_in_order(lns: Sequence[Ln], start: int) -> tuple[int, list[str], str] | None:
    """(first header line, the column names, a title printed before the year column's head on its line) from
    the text lines above the year rows: after the year column's head ("År") one name per line when each line
    starts with a capital, else a capital starting each name; None without such a header."""
    k = start - 1
    taken: list[int] = []
    words = 0
    while k >= 0 and lns[k].kind in ("text", "header") and lns[k].line.text.strip() and words < current().transposed_header_words:
        text = lns[k].line.text.strip()
        if text.endswith((".", ":")) or lns[k].nums:
            break
        taken.append(k)
        words += len(text.split())
        last = text.split()[-1].lower()
        if last in _YEAR_HEADS:
            break
        k -= 1
    if not taken:
        return None
    taken.sort()
    capitals = [sum(1 for w in lns[j].line.text.split() if w[:1].isupper()) for j in taken]
    while len(taken) > 1 and capitals[0] == 1 and max(capitals[1:]) >= 2:
        taken, capitals = taken[1:], capitals[1:]       # the title over names set side by side
    first = lns[taken[0]].line.text.split()
    title = ""
    if first[-1].lower() in _YEAR_HEADS:
        title = " ".join(first[:-1])
        body = taken[1:]
    else:
        body = taken
    lines = [lns[j].line.text.split() for j in body]
    if not lines:
        return None
    capitals = [sum(1 for w in ws if w[:1].isupper()) for ws in lines]
    if len(lines) > 1 and max(capitals) >= 2:
        # names side by side, wrapped over lines without the gaps that would tell their words apart
        return taken[0], [""] * max(capitals), title
    if all(ws[0][:1].isupper() for ws in lines):        # one name per line
        names = [" ".join(ws) for ws in lines]
    else:                                               # words one per line: a capital starts each name
        names = []
        for w in (w for ws in lines for w in ws):
            if w[:1].isupper() or not names:
                names.append(w)
            else:
                names[-1] = f"{names[-1]} {w}"
    return taken[0], [vm.join_words(n.split()) for n in names], title


def _unplaced(title: str, figures: list[Ln], n: int, warnings: list[ParseWarning]) -> None:
    """A transposed table whose column names cannot be told apart: said for each year's row, with the readings
    its figures allow under ``n`` columns, so that nothing of it is lost in silence."""
    for ln in figures:
        placed = place(runs_of(ln.nums[1:]), [(float(k), float(k)) for k in range(n)], positional=False,
                       identities=lambda m: [])
        readings = [str(s) for c in placed.choices for s in c.readings()[:4]] or [
            " | ".join(p or "(blank)" for p in placed.printed)]
        warnings.append(ParseWarning(
            "transposed-unplaced", f"table {clean_title(title)!r}, row {ln.nums[0].text!r}: rows by year, but its "
            f"column headers cannot be told apart without the page's layout; the figures could be read as "
            f"{' or '.join(readings)}; not read", table="tables", row=ln.nums[0].text, line=ln.line.number,
            page=ln.line.page))
