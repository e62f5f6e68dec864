"""A table as printed, independent of the medium: title, header lines, groups, rows of cell texts.

Renderers (PDF or text layer) draw a :class:`Grid`; the table's classes have already decided its shape
here (wrapped labels, label above its figures, the glued row, the footer glued to a row or the title).
"""
from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass, field

from .model import TruthTable


@dataclass
class GridRow:
    label_lines: list[str]          # the label (with its code) as printed, wrapped
    note: str
    cells: list[str]                # printed text per value column ("" blank)
    kind: str                       # row, category, subtotal, total
    indent: int = 0
    above: bool = False             # the label on its own line, the figures on the next
    glued: bool = False             # the first figure printed right after the label, no space
    figures_at: str = "first"       # with a wrapped label: figures on its first, last or a middle line

    @property
    def label(self) -> str:
        return " ".join(self.label_lines)


@dataclass
class Grid:
    title: str
    intro: str
    caption: str
    label_header: str
    header: list[list[str]]          # header lines × value columns ("" where a column prints nothing)
    groups: list[tuple[str, int, int]]   # (text, first column, last column) on a line above the header
    rows: list[GridRow]
    note: bool                       # a "Not" column between label and figures
    after: list[str]                 # lines under the table (footnote, legend)
    title_years: bool = False        # the header's (single) line printed on the title's line
    cell_per_line: bool = False
    single_spaced: bool = False
    footer_glued: str | None = None  # "row": the page footer on the last row's line; "title": on the title's
    header_align: str = "right"      # right or centre
    classes: frozenset[str] = field(default_factory=frozenset)

    @property
    def ncols(self) -> int:
        return len(self.header[0]) if self.header else 0


def grid_of(t: TruthTable, rng: random.Random, *, wrap: int = 40) -> Grid:
    """The printed shape of ``t``: header lines aligned top or bottom, labels wrapped at ``wrap`` characters."""
    depth = max(len(c.header) for c in t.columns)
    top = rng.random() < 0.5
    header = []
    for i in range(depth):
        line = []
        for c in t.columns:
            pad = depth - len(c.header)
            k = i if top else i - pad
            line.append(c.header[k] if 0 <= k < len(c.header) else "")
        header.append(line)
    groups: list[tuple[str, int, int]] = []
    for j, c in enumerate(t.columns):
        if c.group is None or (len(c.header) == 1 and c.header[0] == c.group):
            continue
        if groups and groups[-1][0] == c.group and groups[-1][2] == j - 1:
            groups[-1] = (c.group, groups[-1][1], j)
        else:
            groups.append((c.group, j, j))
    classes = t.classes
    above = "label_above" in classes
    figures_at = rng.choice(["first", "last", "first", "middle"])
    rows = []
    glue_row = None
    if "label_glued" in classes and not t.note_column:
        cands = [k for k, r in enumerate(t.rows) if r.kind == "row" and r.printed and r.printed[0]]
        if cands:
            glue_row = max(cands, key=lambda k: len(t.rows[k].text) + len(t.rows[k].printed[0]))
    for k, r in enumerate(t.rows):
        text = r.text
        lines = [text] if k == glue_row or len(text) <= wrap else textwrap.wrap(text, wrap)
        rows.append(GridRow(lines, r.note, list(r.printed), r.kind, r.indent,
                            above=above and r.kind != "category" and (rng.random() < 0.7 or k == 0),
                            glued=k == glue_row, figures_at=figures_at))
    after = [x for x in (t.legend, t.footnote) if x]
    footer = None
    if "footer_glued" in classes:
        footer = rng.choice(["row", "row", "title"])
    return Grid(t.title, t.intro, t.caption, t.label_header, header, groups, rows, t.note_column, after,
                title_years=t.title_years, cell_per_line="cell_per_line" in classes,
                single_spaced="single_spaced" in classes, footer_glued=footer,
                header_align=rng.choice(["right", "centre"]), classes=classes)


def flat_lines(g: Grid, style: str) -> tuple[list[tuple[str, bool]], int]:
    """The table's lines when its text has lost the layout, and the index of the last row's (last) line.

    ``style``: ``single`` (a row's cells joined by single spaces; a blank cell leaves two spaces), ``cells``
    (one cell per line; blank cells leave no line), ``v2020`` (as ``single``, but every header word on a line
    of its own and the first one on the title's line).  Lines are (text, bold); the title is not included
    except in ``v2020``, where it carries the first header word.
    """
    lines: list[tuple[str, bool]] = []
    for extra in (g.intro, g.caption):
        if extra:
            lines.append((extra, False))
    last = 0
    if style == "cells":
        if g.label_header:
            lines.append((g.label_header, True))
        for name, _, _ in g.groups:
            lines.append((name, True))
        if g.note:
            lines.append(("Not", True))
        for k in range(g.ncols):
            lines.append((" ".join(line[k] for line in g.header if line[k]), True))
        for r in g.rows:
            lines.append((r.label, r.kind != "row"))
            if r.note:
                lines.append((r.note, False))
            for c in r.cells:
                if c:
                    lines.append((c, False))
            last = len(lines) - 1
        return lines, last
    if style == "v2020":
        words = [name for name, _, _ in g.groups]
        if g.label_header:
            words.append(g.label_header)
        if g.note:
            words.append("Not")
        for k in range(g.ncols):
            words.extend(w for line in g.header for w in line[k].split() if line[k])
        if lines or not words:            # an intro or caption stands between title and header
            lines.insert(0, (g.title, True))
            lines.extend((w, True) for w in words)
        else:
            lines.append((f"{g.title} {words[0]}", True))
            lines.extend((w, True) for w in words[1:])
    else:
        if g.groups:
            lines.append((" ".join(name for name, _, _ in g.groups), True))
        for i, line in enumerate(g.header):
            words = [w for w in line if w]
            if i == len(g.header) - 1:
                if g.note:
                    words.insert(0, "Not")
                if g.label_header:
                    words.insert(0, g.label_header)
            lines.append((" ".join(words), True))
    for r in g.rows:
        if r.kind == "category":
            lines.append((r.label, True))
            continue
        head = r.label + (" " + r.note if r.note else "")
        cells = " ".join(r.cells)
        if r.above:
            lines.append((head, False))
            lines.append((cells.strip(), False))
        else:
            lines.append(((head + ("" if r.glued else " ") + cells).rstrip(), r.kind != "row"))
        last = len(lines) - 1
    return lines, last
