"""Record tables as printed, independent of the medium: columns (widths in characters), header lines and
row lines of cell texts, each cell with its indentation and alignment, and the coloured symbols drawn in
cells.  The renderers (:mod:`.goal_render`) draw a :class:`Block` as PDF or as a text layer."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field


@dataclass
class Cell:
    text: str
    indent: int = 0                  # characters
    align: str = "left"              # left, centre, right
    span: int = 1                    # columns the cell spans (a merged header cell, centred over them)
    dy: float = 0.0                  # lines the text stands below its line (a PDF centres a cell's text exactly)


@dataclass
class TLine:
    """One printed line of a record table: cell texts by column index."""

    cells: dict[int, Cell] = field(default_factory=dict)
    bold: bool = False
    symbol: tuple[int, str] | None = None     # (column, colour): a coloured status symbol drawn in the cell
    glyph: tuple[int, str] | None = None      # (column, character): a symbol printed as a character
    row_start: bool = False                   # the first line of a row (rules and page breaks fall before it)
    keep: bool = False                        # keep with the next line (no page break after it)


@dataclass
class Block:
    """A record table: its heading, column widths, header lines (repeated on a new page) and lines."""

    heading: str
    widths: list[int]
    header: list[TLine]
    lines: list[TLine]
    repeat_header: bool = True
    intro: str = ""
    after: list[str] = field(default_factory=list)     # lines under the table (a legend)
    legend_symbols: list[tuple[str, str]] = field(default_factory=list)   # (colour, words) drawn as a key
    legend_page: int | None = None     # PDF: the page (1-based) the drawn key landed on, set by the renderer


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped at ``width`` characters (words never broken)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def row_lines(columns: list[list[str]], *, start: bool = True, aligns: list[str] | None = None,
              indents: list[int] | None = None, valign: list[int] | None = None) -> list[TLine]:
    """The lines of one row whose cells (one list of wrapped lines per column) are top-aligned, or moved down
    by ``valign`` lines per column."""
    n = len(columns)
    aligns = aligns or ["left"] * n
    indents = indents or [0] * n
    valign = valign or [0] * n
    height = max(len(c) + v for c, v in zip(columns, valign)) if columns else 0
    out = [TLine(row_start=start and k == 0) for k in range(height)]
    for j, (col, off) in enumerate(zip(columns, valign)):
        for k, text in enumerate(col):
            if text:
                out[k + off].cells[j] = Cell(text, indents[j], aligns[j])
    for line in out[:-1]:
        line.keep = True
    return out
