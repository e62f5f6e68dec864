"""Build test PDFs with reportlab: report pages with tables at known column positions.

A :class:`ReportPdf` lays out headings, paragraphs and tables top to bottom,
page after page, then draws every page with a running header
(``2025 ÅRSBOKSLUT  KOMMUNSTYRELSEN  SID 3 (36)``) and a page number in the
footer.  Table figures are right-aligned at their column's right edge, header
words centred over the column, like a word processor's table; a row label may
wrap onto following lines.  Text uses DejaVu Sans (shipped with matplotlib),
so en dashes and U+2212 minus signs are real glyphs.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import matplotlib
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FONTS_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(TTFont(FONT, str(_FONTS_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS_DIR / "DejaVuSans-Bold.ttf")))

WIDTH, HEIGHT = A4
LEFT, TOP, BOTTOM = 56.0, 70.0, 70.0
SIZE = 9.0
LEADING = 13.0


@dataclass
class PdfTable:
    """A table to draw: title, header lines per column, rows of (label, cells).

    ``header`` is one list per column of the words stacked in its header cell,
    e.g. ``[["Bokslut", "2020"], ["Budget", "2020"]]``.  A cell ``""`` is left
    blank.  ``rights`` are the columns' right edges (points); default: evenly
    spaced from ``first_right`` by ``step``.  ``label_chars`` wraps labels.
    ``label_header`` is printed over the label column on the header's first line.
    """

    title: str
    header: Sequence[Sequence[str]]
    rows: Sequence[tuple[str, Sequence[str]]]
    rights: Sequence[float] | None = None
    first_right: float = 300.0
    step: float = 62.0
    col_width: float = 56.0
    label_chars: int = 40
    label_header: str = ""
    title_on_header_line: bool = False
    numbers_on_last_label_line: bool = False

    def column_rights(self) -> list[float]:
        if self.rights is not None:
            return list(self.rights)
        return [self.first_right + k * self.step for k in range(len(self.header))]


@dataclass
class _Op:
    x: float
    y: float              # from the page top
    text: str
    align: str = "left"   # left, right, centre
    font: str = FONT
    size: float = SIZE


@dataclass
class ReportPdf:
    """Lay out a report and write it as a PDF."""

    running_header: str | None = "2025 ÅRSBOKSLUT   KOMMUNSTYRELSEN   SID {page} ({pages})"
    page_numbers: bool = True
    pages: list[list[_Op]] = field(default_factory=lambda: [[]])
    y: float = TOP

    # ------------------------------------------------------------- layout
    def _room(self, height: float) -> None:
        if self.y + height > HEIGHT - BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def _put(self, op: _Op) -> None:
        self.pages[-1].append(op)

    def heading(self, text: str) -> "ReportPdf":
        self._room(2 * LEADING)
        self.y += LEADING * 0.5
        self._put(_Op(LEFT, self.y, text, font=BOLD, size=12))
        self.y += LEADING * 1.5
        return self

    def paragraph(self, text: str, *, chars: int = 95) -> "ReportPdf":
        for line in textwrap.wrap(text, chars):
            self._room(LEADING)
            self._put(_Op(LEFT, self.y, line))
            self.y += LEADING
        self.y += LEADING * 0.5
        return self

    def table(self, t: PdfTable) -> "ReportPdf":
        rights = t.column_rights()
        depth = max(len(h) for h in t.header)
        self._room(LEADING * (depth + 3))
        if not t.title_on_header_line:
            self._put(_Op(LEFT, self.y, t.title, font=BOLD))
            self.y += LEADING
        for k in range(depth):
            if k == 0 and t.title_on_header_line:
                self._put(_Op(LEFT, self.y, t.title, font=BOLD))
            elif k == 0 and t.label_header:
                self._put(_Op(LEFT, self.y, t.label_header, font=BOLD))
            for right, words in zip(rights, t.header):
                if k < len(words) and words[k]:
                    self._put(_Op(right - t.col_width / 2, self.y, words[k], align="centre", font=BOLD))
            self.y += LEADING
        for label, cells in t.rows:
            parts = textwrap.wrap(label, t.label_chars) or [""]
            self._room(LEADING * len(parts))
            figures_at = len(parts) - 1 if t.numbers_on_last_label_line else 0
            for k, part in enumerate(parts):
                self._put(_Op(LEFT, self.y, part))
                if k == figures_at:
                    for right, cell in zip(rights, cells):
                        if cell:
                            self._put(_Op(right - 2, self.y, cell, align="right"))
                self.y += LEADING
        self.y += LEADING
        return self

    # ------------------------------------------------------------- output
    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.to_bytes())
        return path

    def to_bytes(self, **canvas_options) -> bytes:
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=A4, **canvas_options)
        n = len(self.pages)
        for number, ops in enumerate(self.pages, start=1):
            if self.running_header:
                c.setFont(FONT, 8)
                c.drawString(LEFT, 36, "")  # keep the graphics state simple
                c.drawString(LEFT, HEIGHT - 36, self.running_header.format(page=number, pages=n))
            for op in ops:
                c.setFont(op.font, op.size)
                y = HEIGHT - op.y
                if op.align == "right":
                    c.drawRightString(op.x, y, op.text)
                elif op.align == "centre":
                    c.drawCentredString(op.x, y, op.text)
                else:
                    c.drawString(op.x, y, op.text)
            if self.page_numbers:
                c.setFont(FONT, 9)
                c.drawCentredString(WIDTH / 2, 36, str(number))
            c.showPage()
        c.save()
        return buf.getvalue()


# --------------------------------------------------------------------------- ready-made documents

def resultat_table(**options) -> PdfTable:
    """A resultaträkning in the 2020 template's layout, with made-up figures."""
    header = [["Bokslut", "2021"], ["Budget", "2021"], ["Avvikelse", "budget"], ["Bokslut", "2020"],
              ["Bokslut", "2021/2020"]]
    rows = [
        ("Verksamhetens intäkter", ["31 204", "29 000", "2 204", "26 767", "4 437"]),
        ("Verksamhetens kostnader", ["-103 512", "-101 000", "-2 512", "-97 797", "-5 715"]),
        ("Verksamhetens nettokostnader", ["-72 308", "-72 000", "-308", "-71 030", "-1 278"]),
        ("Kapitalkostnader", ["-1 015", "-1 000", "-15", "-965", "-50"]),
        ("Resultat efter avskrivningar", ["-73 323", "-73 000", "-323", "-71 995", "-1 328"]),
        ("Budget", ["73 000", "73 000", "", "72 744", "256"]),
        ("ÅRETS RESULTAT", ["-323", "0", "", "749", "-1 072"]),
    ]
    return PdfTable("RESULTATRÄKNING, TKR", header, rows, **options)


def drift_table(**options) -> PdfTable:
    """A driftredovisning with programme codes, a wrapped label and a total."""
    header = [["Bokslut", "2021"], ["Budget", "2021"], ["Avvikelse", "budget"], ["Bokslut", "2020"],
              ["Bokslut", "2021/2020"]]
    rows = [
        ("110 Nämndverksamhet", ["5 100", "5 000", "-100", "4 900", "200"]),
        ("120 Kansli och gemensam administration för hela kommunens förvaltningar",
         ["40 250", "41 000", "750", "39 000", "1 250"]),
        ("140 Arbete och integration", ["8 000", "9 500", "1 500", "8 300", "-300"]),
        ("150 Näringsliv", ["1 200", "1 200", "0", "1 100", "100"]),
        ("TOTALT", ["54 550", "56 700", "2 150", "53 300", "1 250"]),
    ]
    return PdfTable("DRIFTREDOVISNING, TKR", header, rows, **options)


def nyckeltal_table(**options) -> PdfTable:
    """Key figures with years as columns, a blank cell and a footnote mark."""
    header = [["Bokslut", "2021"], ["Bokslut", "2020"], ["Bokslut", "2019"], ["Bokslut", "2018"]]
    rows = [
        ("Inkomna fakturor", ["12 345", "11 002", "9 876", "9 001"]),
        ("Utbetalda löner", ["", "1 355", "1 163", "1 141"]),
        ("Avtal", ["398", "512", "644*", "468"]),
    ]
    return PdfTable("NYCKELTAL", header, rows, **options)


def front_matter(doc: ReportPdf) -> ReportPdf:
    doc.heading("Kommunstyrelse")
    doc.paragraph("Ordförande: Test Testsson (x)")
    doc.paragraph("Förvaltningschef: Prov Provsson")
    doc.paragraph("Nettokostnad totalt: 54 550 tkr")
    return doc


def small_report() -> ReportPdf:
    """Three pages: front matter and the three financial tables, with running headers."""
    doc = front_matter(ReportPdf())
    doc.heading("Resultatredovisning")
    doc.table(resultat_table())
    doc.new_page()
    doc.heading("Driftsredovisning")
    doc.table(drift_table())
    doc.paragraph("Kommunstyrelsens verksamhet får totalt ett överskott på 2 150 tkr.")
    doc.new_page()
    doc.heading("Verksamhetens nyckeltal")
    doc.table(nyckeltal_table())
    return doc


_PROSE = ("Under året har förvaltningen arbetat vidare med digitalisering av administrativa processer och "
          "med att stärka samverkan med näringslivet. Arbetslösheten har minskat något jämfört med "
          "föregående år, men ligger fortfarande över nivån före pandemin. ")


def long_report(pages: int = 40) -> ReportPdf:
    """A report of ``pages`` pages: prose and tables, as a benchmark load."""
    doc = front_matter(ReportPdf())
    k = 0
    while len(doc.pages) < pages:
        doc.heading(f"Avsnitt {k + 1}")
        doc.paragraph(_PROSE * 4)
        if k % 2 == 0:
            doc.table(drift_table())
        else:
            doc.table(resultat_table())
        k += 1
    while len(doc.pages) > pages:
        doc.pages.pop()
    return doc


def scanned_pdf() -> bytes:
    """A one-page PDF whose 'text' is only an image: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(img).text((20, 80), "RESULTATRAKNING, TKR  Bokslut 2020", fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), LEFT, HEIGHT - 300, width=450, height=150)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    """A small report that needs a user password to open."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    doc = front_matter(ReportPdf())
    return doc.to_bytes(encrypt=StandardEncryption("hemligt", ownerPassword="ägare"))
