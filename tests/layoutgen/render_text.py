"""Write a generated report as a text layer, the way PDF-to-text tools leave it.

Modes:

* ``layout`` — like ``pdftotext -layout``: columns aligned with runs of spaces, a page footer "7 (24)" at
  the foot of each page, pages separated by form feeds;
* ``cells`` — every table flattened to one cell per line (a tagged PDF's text), pages with form feeds;
* ``single`` — the style of the 2020 report's text layer: every header word on a line of its own (the first
  on the title's line), rows with their cells joined by single spaces, blank lines between lines, trailing
  spaces, no form feeds.
"""
from __future__ import annotations

import random
import textwrap

from .layout import Grid, GridRow, flat_lines


class _Line:
    """A line built by placing texts at character columns."""

    def __init__(self) -> None:
        self.chars: list[str] = []

    def put(self, col: int, text: str, *, glue: bool = False) -> int:
        """Write ``text`` from ``col`` (pushed right to keep one space after what is there); returns its end."""
        used = len("".join(self.chars).rstrip())
        if not glue and used and col < used + 1:
            col = used + 1
        if glue:
            col = used
        if len(self.chars) < col:
            self.chars.extend(" " * (col - len(self.chars)))
        self.chars[col:col + len(text)] = list(text)
        return col + len(text)

    def right(self, end: int, text: str) -> int:
        return self.put(max(0, end - len(text)), text)

    def __str__(self) -> str:
        return "".join(self.chars).rstrip()


class TextReport:
    """Front matter, prose and tables as a text layer (see the module's docstring for ``mode``)."""

    def __init__(self, rng: random.Random, mode: str, *, first_page: int = 1, total_pages: int | None = None,
                 running_footer: str = ""):
        self.rng = rng
        self.mode = mode
        self.pages: list[list[str]] = [[]]
        self.page_lines = rng.randint(52, 66)
        self.indent = rng.choice([0, 0, 2, 4, 10]) if mode == "layout" else 0
        self.width = rng.randint(96, 120)
        self.first_page = first_page
        self.total_pages = total_pages
        self.running_footer = running_footer
        self.glued: set[tuple[int, int]] = set()    # (page, line) that carries its page's footer

    # ------------------------------------------------------------------ flow
    @property
    def cur(self) -> list[str]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])

    def _room(self, n: int) -> None:
        if self.mode != "single" and len(self.cur) + n > self.page_lines:
            self.new_page()

    def _emit(self, text: str) -> None:
        if self.mode == "single":
            self.cur.append(text + " ")
            if self.rng.random() < 0.6:
                self.cur.append(self.rng.choice(["", " "]))
        else:
            self.cur.append(text)

    def line(self, text: str, *, gap: bool = False) -> None:
        self._room(2)
        if gap and self.mode != "single":
            self.cur.append("")
        self._emit(" " * self.indent + text)

    def heading(self, text: str) -> None:
        self.line(text, gap=True)

    def prose(self, paragraphs: list[str]) -> None:
        for p in paragraphs:
            lines = textwrap.wrap(p, self.width - self.indent - self.rng.randint(0, 12))
            self._room(len(lines) + 1)
            for ln in lines:
                self._emit(" " * self.indent + ln)
            if self.mode != "single":
                self.cur.append("")

    # ------------------------------------------------------------------ tables
    def table(self, g: Grid) -> None:
        lines, last = self._table_lines(g)
        title = self._title_line(g)
        after = [" " * self.indent + x for x in g.after]
        if g.footer_glued == "title" and title is not None:
            self._room(2)
            self._emit(title)
            self.glued.add((len(self.pages) - 1, self._index_of(title)))
            self.new_page()
            title = None
        block = ([title] if title is not None else []) + lines
        last += 1 if title is not None else 0
        self._room(len(block) + len(after) + 1)
        if self.mode != "single":
            self.cur.append("")
        for k, ln in enumerate(block):
            self._emit(ln)
            if k == last and g.footer_glued == "row":
                self.glued.add((len(self.pages) - 1, self._index_of(ln)))
        if g.footer_glued == "row":
            self.new_page()
        for ln in after:
            self._emit(ln)
        if self.mode != "single":
            self.cur.append("")

    def _index_of(self, text: str) -> int:
        """Index in the current page of the line just emitted as ``text``."""
        k = len(self.cur) - 1
        while k > 0 and self.cur[k].rstrip() != text.rstrip():
            k -= 1
        return k

    def _title_line(self, g: Grid) -> str | None:
        """The title's own line; None where the title shares a line (v2020 header, five-year summary)."""
        if not g.title or self.mode == "single":
            return None
        flattened = self.mode == "cells" or g.cell_per_line or g.single_spaced
        if g.title_years and not flattened:
            return None
        return " " * self.indent + g.title

    def _table_lines(self, g: Grid) -> tuple[list[str], int]:
        """The table's lines (without its title, except where the title shares a line) and the last row's."""
        pad = " " * self.indent
        if self.mode == "single":
            lines, last = flat_lines(g, "v2020")
            return [pad + t for t, _ in lines], last
        if self.mode == "cells" or g.cell_per_line:
            lines, last = flat_lines(g, "cells")
            return [pad + t for t, _ in lines], last
        if g.single_spaced:
            lines, last = flat_lines(g, "single")
            return [pad + t for t, _ in lines], last
        return self._layout_lines(g)

    def _layout_lines(self, g: Grid) -> tuple[list[str], int]:
        rng = self.rng
        ind = self.indent + rng.choice([0, 0, 2])
        n = g.ncols
        gap = rng.randint(2, 6)
        labw = max([len(p) + 2 * r.indent for r in g.rows if not r.glued for p in r.label_lines]
                   + [len(g.label_header), 8])
        if g.title_years:
            labw = max(labw, len(g.title))
        cw = [max([len(line[k]) for line in g.header] + [len(r.cells[k]) for r in g.rows] + [1]) for k in range(n)]
        for name, a, b in g.groups:
            need = len(name) + 2
            have = sum(cw[a:b + 1]) + gap * (b - a)
            if need > have:
                for k in range(a, b + 1):
                    cw[k] += -(-(need - have) // (b - a + 1))
        x = ind + labw + rng.randint(3, 12)
        note_end = 0
        if g.note:
            note_end = x + 3
            x = note_end + gap
        ends = []
        for k in range(n):
            x += cw[k] + (gap if k else 0)
            ends.append(x)
        glued = next((r for r in g.rows if r.glued), None)
        if glued is not None:            # the long label runs into the first figure
            want = ind + 2 * glued.indent + len(glued.label) + len(glued.cells[0])
            shift = want - ends[0]           # the glued row has the longest label and figure: others stay clear
            ends = [e + shift for e in ends]
        starts = [ends[k] - cw[k] for k in range(n)]
        out: list[str] = []
        if g.intro:
            out.append(" " * self.indent + g.intro)
        if g.caption:
            out.append(" " * self.indent + g.caption)
        if g.groups:
            ln = _Line()
            for name, a, b in g.groups:
                mid = (starts[a] + ends[b]) // 2
                ln.put(max(0, mid - len(name) // 2), name)
            out.append(str(ln))
        for i, line in enumerate(g.header):
            ln = _Line()
            if i == 0 and g.title_years:
                ln.put(self.indent, g.title)
            if i == len(g.header) - 1 and g.label_header:
                ln.put(ind, g.label_header)
            if i == len(g.header) - 1 and g.note:
                ln.right(note_end, "Not")
            for k, word in enumerate(line):
                if not word:
                    continue
                if g.header_align == "right":
                    ln.right(ends[k], word)
                else:
                    ln.put(max(0, (starts[k] + ends[k]) // 2 - len(word) // 2), word)
            out.append(str(ln))
        if rng.random() < 0.5:
            out.append("")
        last = 0
        for r in g.rows:
            rows, at = self._row_lines(r, ind, ends, note_end)
            if r.kind != "category":
                last = len(out) + at
            out.extend(rows)
        return out, last

    def _row_lines(self, r: GridRow, ind: int, ends: list[int], note_end: int) -> tuple[list[str], int]:
        x = ind + 2 * r.indent
        if r.kind == "category":
            return [" " * x + p for p in r.label_lines], 0

        def figures(label: str | None) -> str:
            ln = _Line()
            k0 = 0
            if label:
                ln.put(x, label)
                if r.glued and r.cells and r.cells[0]:
                    ln.put(0, r.cells[0], glue=True)
                    k0 = 1
            if r.note:
                ln.right(note_end, r.note)
            for k in range(k0, len(r.cells)):
                if r.cells[k]:
                    ln.right(ends[k], r.cells[k])
            return str(ln)

        parts = r.label_lines
        rest = [" " * x + p for p in parts]
        if r.above:
            return rest + [figures(None)], len(parts)
        if len(parts) == 1:
            return [figures(parts[0])], 0
        if r.figures_at == "first":
            return [figures(parts[0])] + rest[1:], 0
        if r.figures_at == "last":
            return rest[:-1] + [figures(parts[-1])], len(parts) - 1
        # vertically centred: the figures on a line of their own between the label's lines
        return [rest[0], figures(None)] + rest[1:], 1

    # ------------------------------------------------------------------ output
    def page_label(self, k: int) -> str:
        total = self.total_pages or (self.first_page + len(self.pages) - 1)
        return f"{self.first_page + k} ({total})"

    def to_text(self) -> str:
        pages = []
        for k, page in enumerate(self.pages):
            lines = list(page)
            label = self.page_label(k)
            glued = [i for (p, i) in self.glued if p == k and i < len(lines)]
            for i in glued:
                sep = " " if self.mode == "single" else self.rng.choice([" ", "   ", " " * 8])
                lines[i] = lines[i].rstrip() + sep + label + (" " if self.mode == "single" else "")
            if self.mode == "single":
                pages.append("\n".join(lines))
                continue
            if not glued:
                footer = f"{self.running_footer}{' ' * 6}{label}" if self.running_footer else label
                lines += [""] * max(1, self.page_lines - len(lines) + 2)
                lines.append(footer.rjust(self.width))
            pages.append("\n".join(lines))
        return ("\n" if self.mode == "single" else "\n\f").join(pages) + "\n"
