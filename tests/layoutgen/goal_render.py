"""Draw record tables (:class:`~.goal_layout.Block`) into a generated report: PDF (reportlab, through
:class:`~.render_pdf.PdfReport`) or a ``pdftotext -layout`` text layer (:class:`~.render_text.TextReport`).

Pages break between lines; a row of a few lines is kept together, a long one may run over the break; the
header is drawn again on the new page where the block repeats it.  Coloured status symbols are filled
circles in a PDF (the text layer never holds them); a symbol printed as a character ("●") stays in both.
"""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from .goal_layout import Block, TLine
from .render_pdf import BODY_BOTTOM, BOLD, FONT, LEFT, RIGHT, PdfReport, _Op
from .render_text import TextReport, _Line

KEEP_ROWS = 5            # a row of at most this many lines is not split over a page break


def _row_spans(lines: list[TLine]) -> list[int]:
    """For each line, the number of lines of the row it starts (0 for a line inside a row)."""
    out = [0] * len(lines)
    starts = [k for k, ln in enumerate(lines) if ln.row_start] + [len(lines)]
    for a, b in zip(starts, starts[1:]):
        out[a] = b - a
    return out


# --------------------------------------------------------------------------- PDF

def pdf_columns(doc: PdfReport, b: Block, size: float) -> tuple[list[float], list[float]]:
    """Left edges and widths of the columns (points): each as wide as its widest text, at least its width in
    characters, with a gap between."""
    cw = size * 0.56
    gap = 12.0
    widths = []
    for j, chars in enumerate(b.widths):
        texts = [(ln.cells[j], ln.bold) for ln in b.header + b.lines if j in ln.cells and ln.cells[j].span == 1]
        need = max([stringWidth(c.text, BOLD if bold else FONT, size) + c.indent * cw for c, bold in texts] + [0.0])
        widths.append(max(chars * cw, need))
    xs, x = [], LEFT
    for w in widths:
        xs.append(x)
        x += w + gap
    return xs, widths


def pdf_fits(doc: PdfReport, b: Block, size: float) -> bool:
    xs, ws = pdf_columns(doc, b, size)
    return xs[-1] + ws[-1] <= RIGHT


def draw_pdf(doc: PdfReport, b: Block, *, size: float = 8.5) -> None:
    """Draw ``b`` from the report's current position (smaller type until it fits the page's width)."""
    while size > 6.5 and not pdf_fits(doc, b, size):
        size -= 0.5
    xs, ws = pdf_columns(doc, b, size)
    cw = size * 0.56
    lead = size * 1.5
    doc._room(11 * 3.5 + lead * (len(b.header) + 3))       # the heading is kept with the table
    if b.heading:
        doc.heading(b.heading, size=11)
    if b.intro:
        doc.paragraph(b.intro, size=9.5)

    def draw(line: TLine) -> None:
        for j, cell in sorted(line.cells.items()):
            if cell.span > 1:
                x, align = (xs[j] + xs[j + cell.span - 1] + ws[j + cell.span - 1]) / 2, "centre"
            elif cell.align == "centre":
                x, align = xs[j] + ws[j] / 2, "centre"
            elif cell.align == "right":
                x, align = xs[j] + ws[j], "right"
            else:
                x, align = xs[j] + cell.indent * cw, "left"
            doc._text(x, doc.y + cell.dy * lead, cell.text, font=BOLD if line.bold else FONT, size=size, align=align)
        if line.symbol is not None:
            j, colour = line.symbol
            doc.pages[-1].append(_Op("circle", xs[j] + size * 0.5, doc.y, colour, size=size * 0.45))
        if line.glyph is not None:
            j, char = line.glyph
            doc._text(xs[j], doc.y, char, size=size)
        doc.y += lead

    def header() -> None:
        for line in b.header:
            draw(line)
        doc.y += lead * 0.3

    doc._room(lead * (len(b.header) + 3))
    header()
    spans = _row_spans(b.lines)
    for k, line in enumerate(b.lines):
        need = lead * (spans[k] if 0 < spans[k] <= KEEP_ROWS else 1)
        if doc.y + need > BODY_BOTTOM:
            doc.new_page()
            if b.repeat_header:
                header()
        draw(line)
    for text in b.after:
        doc._room(lead * 2)
        doc.y += lead * 0.4
        doc._text(LEFT, doc.y, text, size=size)
        doc.y += lead
    if b.legend_symbols:
        doc._room(lead * 2)
        doc.y += lead * 0.4
        b.legend_page = len(doc.pages)
        x = LEFT
        doc._text(x, doc.y, "Teckenförklaring:", size=size)
        x += stringWidth("Teckenförklaring:", FONT, size) + 10
        for colour, words in b.legend_symbols:
            doc.pages[-1].append(_Op("circle", x + size * 0.45, doc.y, colour, size=size * 0.45))
            x += size * 1.4
            doc._text(x, doc.y, words, size=size)
            x += stringWidth(words, FONT, size) + 14
        doc.y += lead
    doc.y += lead


# --------------------------------------------------------------------------- text layer

def text_columns(doc: TextReport, b: Block, gap: int) -> list[int]:
    xs, x = [], doc.indent
    for j, w in enumerate(b.widths):
        need = max([len(ln.cells[j].text) + ln.cells[j].indent for ln in b.header + b.lines
                    if j in ln.cells and ln.cells[j].span == 1] + [w])
        xs.append(x)
        x += need + gap
    return xs


def _text_line(line: TLine, xs: list[int], widths: list[int]) -> str:
    out = _Line()
    for j, cell in sorted(line.cells.items()):
        if cell.span > 1:
            end = xs[j + cell.span - 1] + widths[j + cell.span - 1]
            col = xs[j] + max(0, (end - xs[j] - len(cell.text)) // 2)
        elif cell.align == "centre":
            col = xs[j] + max(0, (widths[j] - len(cell.text)) // 2)
        elif cell.align == "right":
            col = xs[j] + max(0, widths[j] - len(cell.text))
        else:
            col = xs[j] + cell.indent
        out.put(col, cell.text)
    if line.glyph is not None:
        j, char = line.glyph
        out.put(xs[j], char)
    return str(out)


def draw_text(doc: TextReport, b: Block, *, gap: int = 3) -> None:
    """Write ``b`` as a layout text layer at the report's current page."""
    xs = text_columns(doc, b, gap)
    widths = [(xs[j + 1] - xs[j] - gap) if j + 1 < len(xs) else w for j, w in enumerate(b.widths)]
    doc._room(len(b.header) + 6)                           # the heading is kept with the table
    if b.heading:
        doc.heading(b.heading)
    if b.intro:
        doc.prose([b.intro])

    def header() -> None:
        for line in b.header:
            doc.cur.append(_text_line(line, xs, widths))
        doc.cur.append("")

    doc._room(len(b.header) + 3)
    header()
    spans = _row_spans(b.lines)
    for k, line in enumerate(b.lines):
        need = spans[k] if 0 < spans[k] <= KEEP_ROWS else 1
        if len(doc.cur) + need > doc.page_lines:
            doc.new_page()
            if b.repeat_header:
                header()
        doc.cur.append(_text_line(line, xs, widths))
    for text in b.after:
        doc.line(text)
    if b.legend_symbols:
        doc.line("Teckenförklaring:   " + "    ".join(words for _, words in b.legend_symbols))
    doc.cur.append("")
