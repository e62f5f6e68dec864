"""Draw a generated report as a PDF with reportlab (in memory).

Pages are A4 with a page footer "7 (24)" and optionally a running header.  Tables are drawn the way a
word processor draws them: labels left, figures right-aligned at their column's right edge, header words
right-aligned or centred over their column, group headings centred over their columns; ``ruled`` adds
cell borders.  ``spaces=False`` draws every word separately at its x position, so the text layer holds no
space characters.  ``twocol`` sets the prose around each table in two columns.  DejaVu Sans (shipped with
matplotlib) gives real glyphs for en dashes and U+2212.
"""
from __future__ import annotations

import io
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .layout import Grid, flat_lines

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(TTFont(FONT, str(_FONTS / "DejaVuSans.ttf")))
if BOLD not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "DejaVuSans-Bold.ttf")))

WIDTH, HEIGHT = A4
# colours of status symbols (goal documents draw them as filled circles: op kind "circle", text = colour)
SYMBOL_RGB = {"grön": (0.18, 0.55, 0.24), "gul": (0.96, 0.76, 0.05), "röd": (0.80, 0.12, 0.12)}
LEFT, RIGHT = 56.0, WIDTH - 50.0
TOP = 64.0
BODY_BOTTOM = 780.0        # content stays above this (y from the page top)
FOOTER_Y = 806.0           # the page footer's baseline


@dataclass
class _Op:
    kind: str              # text | line | circle (a coloured symbol, ``text`` its colour, ``size`` its radius)
    x: float
    y: float
    text: str = ""
    font: str = FONT
    size: float = 9.0
    align: str = "left"
    x1: float = 0.0
    y1: float = 0.0


class PdfReport:
    """Lay out front matter, prose and tables top to bottom, page after page; ``to_bytes`` draws them."""

    def __init__(self, rng: random.Random, *, size: float = 9.0, ruled: bool = False, spaces: bool = True,
                 twocol: bool = False, running_header: str | None = None, first_page: int = 1,
                 total_pages: int | None = None):
        self.rng = rng
        self.size = size
        self.ruled = ruled
        self.spaces = spaces
        self.twocol = twocol
        self.running_header = running_header
        self.first_page = first_page
        self.total_pages = total_pages
        self.pages: list[list[_Op]] = [[]]
        self.y = TOP
        self.leading = size * (rng.uniform(1.65, 1.85) if ruled else rng.uniform(1.35, 1.55))

    # ------------------------------------------------------------------ flow
    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def _room(self, height: float) -> None:
        if self.y + height > BODY_BOTTOM:
            self.new_page()

    def _text(self, x: float, y: float, text: str, *, font: str = FONT, size: float | None = None,
              align: str = "left") -> None:
        self.pages[-1].append(_Op("text", x, y, text, font, size or self.size, align))

    def _line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].append(_Op("line", x0, y0, x1=x1, y1=y1))

    def line(self, text: str, *, bold: bool = False, size: float = 10.0, gap: float = 0.0) -> None:
        """One line of text at the left margin (front matter), made smaller until it fits the page."""
        font = BOLD if bold else FONT
        while size > 8 and stringWidth(text, font, size) > RIGHT - LEFT:
            size -= 0.5
        lead = size * 1.45
        self._room(lead + gap)
        self.y += gap
        self._text(LEFT, self.y, text, font=BOLD if bold else FONT, size=size)
        self.y += lead

    def heading(self, text: str, *, size: float = 13.0) -> None:
        self._room(size * 3.5)
        self.y += size * 0.6
        self._text(LEFT, self.y, text, font=BOLD, size=size)
        self.y += size * 1.5

    def paragraph(self, text: str, *, size: float = 10.0) -> None:
        lead = size * 1.4
        width = RIGHT - LEFT
        for ln in _wrap_points(text, width, size):
            self._room(lead)
            self._text(LEFT, self.y, ln, size=size)
            self.y += lead
        self.y += lead * 0.5

    def prose(self, paragraphs: list[str], *, size: float = 10.0) -> None:
        """Paragraphs in one column, or in two balanced columns when the report sets prose so."""
        if not self.twocol:
            for p in paragraphs:
                self.paragraph(p, size=size)
            return
        lead = size * 1.4
        gutter = 18.0
        colw = (RIGHT - LEFT - gutter) / 2
        lines: list[str] = []
        for p in paragraphs:
            lines.extend(_wrap_points(p, colw, size))
            lines.append("")
        while lines and not lines[-1]:
            lines.pop()
        half = (len(lines) + 1) // 2
        left, right = lines[:half], lines[half:]
        self._room(lead * (half + 1))
        for k, ln in enumerate(left):
            if ln:
                self._text(LEFT, self.y + k * lead, ln, size=size)
        for k, ln in enumerate(right):
            if ln:
                self._text(LEFT + colw + gutter, self.y + k * lead, ln, size=size)
        self.y += lead * (half + 0.5)

    # ------------------------------------------------------------------ tables
    def table(self, g: Grid) -> None:
        ops, height, last_y, title_ops = self._table_ops(g)
        if g.footer_glued == "title" and title_ops:
            # the title stands at the page's foot, on the footer's line; the table starts the next page
            if self.y > FOOTER_Y - 40:
                self.new_page()
            for op in title_ops:
                op.y = FOOTER_Y
                self.pages[-1].append(op)
            self.new_page()
            for op in ops:
                self._place(op, self.y)
            self.y += height + self.leading
            return
        for op in title_ops:
            ops.insert(0, op)
        if g.footer_glued == "row" and FOOTER_Y - last_y >= TOP:     # (a table taller than a page: not glued)
            offset = FOOTER_Y - last_y
            if offset < self.y:
                self.new_page()
                offset = FOOTER_Y - last_y
            for op in ops:
                self._place(op, offset)
            self.new_page()
            return
        if self.y + height > BODY_BOTTOM:
            self.new_page()
        for op in ops:
            self._place(op, self.y)
        self.y += height + self.leading

    def _place(self, op: _Op, dy: float) -> None:
        op.y += dy
        if op.kind == "line":
            op.y1 += dy
        self.pages[-1].append(op)

    def _table_ops(self, g: Grid) -> tuple[list[_Op], float, float, list[_Op]]:
        """The table's drawing operations with y from the table's top; its height; the last row's y; the
        title's operations (kept apart so that the title can be moved)."""
        fs = self.size
        lead = self.leading
        ops: list[_Op] = []
        title_ops: list[_Op] = []
        y = 0.0

        def text(x, yy, t, *, bold=False, align="left", size=None, into=ops):
            into.append(_Op("text", x, yy, t, BOLD if bold else FONT, size or fs, align))

        if g.single_spaced or g.cell_per_line:
            return self._flat_ops(g)
        rights, label_x, note_x = self._columns(g)
        n = len(rights)
        lefts = [rights[k] - self._colw[k] for k in range(n)]
        # title (with the header's years on its line for a five-year summary)
        if g.title and not g.title_years:
            text(LEFT, y, g.title, bold=True, size=fs + 1, into=title_ops)
            y += lead * 1.3
        for extra in (g.intro, g.caption):
            if extra:
                text(LEFT, y, extra, size=fs)
                y += lead * 1.2
        sep = lambda yy: yy - 0.75 * fs - (lead - 0.95 * fs) / 2     # the rule above a line of text at yy
        group_top = header_top = sep(y)
        if g.groups:
            for name, a, b in g.groups:
                cx = (lefts[a] + rights[b]) / 2
                text(cx, y, name, bold=True, align="centre")
                if self.ruled or self.rng.random() < 0.5:
                    ops.append(_Op("line", lefts[a] + 2, sep(y + lead), x1=rights[b], y1=sep(y + lead)))
            y += lead
            header_top = sep(y)
        for i, line in enumerate(g.header):
            if i == 0 and g.title_years:
                text(LEFT, y, g.title, bold=True, size=fs + 1, into=title_ops)
            last = i == len(g.header) - 1
            if g.label_header and last and not g.title_years:
                text(LEFT, y, g.label_header, bold=True)
            if g.note and last:
                text(note_x, y, "Not", bold=True, align="centre")
            for k, word in enumerate(line):
                if not word:
                    continue
                if g.header_align == "right":
                    text(rights[k] - 2, y, word, bold=True, align="right")
                else:
                    text((lefts[k] + rights[k]) / 2, y, word, bold=True, align="centre")
            y += lead
        ops.append(_Op("line", LEFT, sep(y), x1=rights[-1], y1=sep(y)))
        last_y = y
        row_tops = []
        for r in g.rows:
            bold = r.kind in ("category", "subtotal", "total")
            x = label_x + 10 * r.indent
            row_tops.append(sep(y))
            if r.kind == "total" and not self.ruled:
                ops.append(_Op("line", LEFT, sep(y), x1=rights[-1], y1=sep(y)))
            nlab = len(r.label_lines)
            label_ys = [y + k * lead for k in range(nlab)]
            for ly, part in zip(label_ys, r.label_lines):
                text(x, ly, part, bold=bold)
            if r.kind == "category":
                y += lead * nlab
                continue
            if r.above:
                fig_y = y + lead * nlab
                y += lead * (nlab + 1)
            else:
                fig_y = {"first": label_ys[0], "last": label_ys[-1],
                         "middle": (label_ys[0] + label_ys[-1]) / 2}[r.figures_at]
                y += lead * nlab
            if r.note:
                text(note_x, fig_y, r.note, align="centre")
            for k, cell in enumerate(r.cells):
                if cell:
                    text(rights[k] - 2, fig_y, cell, bold=bold, align="right")
            last_y = fig_y
        table_bottom = sep(y)
        if self.ruled:
            for top in row_tops[1:] + [table_bottom]:
                ops.append(_Op("line", LEFT - 3, top, x1=rights[-1] + 1, y1=top))
            ops.append(_Op("line", LEFT - 3, group_top, x1=rights[-1] + 1, y1=group_top))
            bounds = {a for _, a, _ in g.groups} | {b + 1 for _, _, b in g.groups}
            edges = [LEFT - 3] + ([note_x - 12] if g.note else []) + lefts + [rights[-1] + 1]
            for k, xx in enumerate(edges):
                col = k - 1 - (1 if g.note else 0)          # the value column this edge opens
                tall = k == 0 or k == len(edges) - 1 or col in bounds or not g.groups or col < 0
                ops.append(_Op("line", xx, group_top if tall else header_top, x1=xx, y1=table_bottom))
        for extra in g.after:
            y += lead * 0.3
            text(LEFT, y, extra, size=fs - 1)
            y += lead
        return ops, y, last_y, title_ops

    def _columns(self, g: Grid) -> tuple[list[float], float, float]:
        """Right edges of the value columns, the label's x and the note column's centre."""
        fs = self.size
        sw = lambda s, bold=False: stringWidth(s, BOLD if bold else FONT, fs)
        n = g.ncols
        pad = self.rng.uniform(10, 20)
        colw = []
        for k in range(n):
            w = max([sw(line[k], True) for line in g.header] + [sw(r.cells[k], True) for r in g.rows] + [24])
            colw.append(w + pad)
        for name, a, b in g.groups:
            need = sw(name, True) + 6
            have = sum(colw[a:b + 1])
            if need > have:
                for k in range(a, b + 1):
                    colw[k] += (need - have) / (b - a + 1)
        labw = max([sw(p, r.kind != "row") + 10 * r.indent for r in g.rows if not r.glued for p in r.label_lines]
                   + [sw(g.label_header, True) if g.label_header else 0.0, 40.0])
        if g.title_years:
            labw = max(labw, stringWidth(g.title, BOLD, fs + 1))
        gap = self.rng.uniform(8, 30)
        label_x = LEFT
        x = LEFT + labw + gap
        note_x = 0.0
        if g.note:
            note_x = x + 10
            x += 24
        limit = RIGHT - (45 if g.footer_glued == "row" else 0)
        total = sum(colw)
        if x + total > limit:                     # squeeze the padding, then the gap
            spare = x + total - limit
            cut = min(spare, (pad - 4) * n)
            colw = [w - cut / n for w in colw]
            spare -= cut
            if spare > 0:
                x -= min(spare, gap - 4)
        rights = []
        for k in range(n):
            x += colw[k]
            rights.append(x)
        glued = next((r for r in g.rows if r.glued), None)
        if glued is not None:
            # the long label runs into the first figure: the first column's right edge is where both meet
            bold = glued.kind != "row"
            want = label_x + 10 * glued.indent + sw(glued.label, bold) + sw(glued.cells[0], bold) + 2.3
            shift = want - rights[0]
            rights = [rr + shift for rr in rights]
        self._colw = colw
        return rights, label_x, note_x

    def _flat_ops(self, g: Grid) -> tuple[list[_Op], float, float, list[_Op]]:
        """A table whose text has lost its layout: rows single-spaced, or one cell per line, at the margin."""
        fs, lead = self.size, self.leading
        ops: list[_Op] = []
        title_ops = [_Op("text", LEFT, 0.0, g.title, BOLD, fs + 1)] if g.title else []
        y = lead * 1.3 if g.title else 0.0
        lines, last_k = flat_lines(g, "cells" if g.cell_per_line else "single")
        last_y = 0.0
        for k, (t, bold) in enumerate(lines):
            if t:
                ops.append(_Op("text", LEFT, y, t, BOLD if bold else FONT, fs))
            if k == last_k:
                last_y = y
            y += lead
        for extra in g.after:
            ops.append(_Op("text", LEFT, y, extra, FONT, fs - 1))
            y += lead
        return ops, y, last_y, title_ops

    # ------------------------------------------------------------------ output
    def page_label(self, number: int) -> str:
        total = self.total_pages or (self.first_page + len(self.pages) - 1)
        return f"{self.first_page + number - 1} ({total})"

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4, invariant=1)
        for number, ops in enumerate(self.pages, start=1):
            if self.running_header:
                self._draw(c, _Op("text", LEFT, 36.0, self.running_header, FONT, 8.0))
            self._draw(c, _Op("text", RIGHT, FOOTER_Y, self.page_label(number), FONT, 9.0, "right"))
            for op in ops:
                self._draw(c, op)
            c.showPage()
        c.save()
        return buf.getvalue()

    def _draw(self, c: canvas.Canvas, op: _Op) -> None:
        if op.kind == "circle":            # a coloured status symbol: no text, only its fill colour
            c.setFillColorRGB(*SYMBOL_RGB[op.text])
            c.circle(op.x, HEIGHT - op.y + op.size * 0.35, op.size, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            return
        if op.kind == "line":
            c.setLineWidth(0.5)
            c.line(op.x, HEIGHT - op.y, op.x1, HEIGHT - op.y1)
            return
        c.setFont(op.font, op.size)
        y = HEIGHT - op.y
        width = stringWidth(op.text, op.font, op.size)
        x = {"left": op.x, "right": op.x - width, "centre": op.x - width / 2}[op.align]
        if self.spaces or " " not in op.text:
            c.drawString(x, y, op.text)
            return
        space = stringWidth(" ", op.font, op.size)
        for word in op.text.split(" "):        # every word on its own, no space characters
            if word:
                c.drawString(x, y, word)
            x += stringWidth(word, op.font, op.size) + space


def _wrap_points(text: str, width: float, size: float) -> list[str]:
    chars = max(20, int(width / (size * 0.55)))
    out = []
    for ln in textwrap.wrap(text, chars):
        while stringWidth(ln, FONT, size) > width and " " in ln:
            head, tail = ln.rsplit(" ", 1)
            out.append(head)
            ln = tail
        out.append(ln)
    return out
