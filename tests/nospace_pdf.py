"""Test PDFs drawn without a single space glyph: every word at its own x position.

:func:`nospace_pdf` draws one page per font size (8, 9 and 10 pt by default): a heading, a
letter-spaced title, a table (header words right-aligned over their columns; rows of a coded
label and right-aligned figures whose thousands groups stand one space width apart; one label
set in a Times-like italic whose *f* reaches into the word gap before it) and a prose
paragraph.  Every word is drawn on its own at the x a word processor would give it: table
lines with one ``drawString`` per word, the other lines with one text object whose origin is
set per word (``setTextOrigin``), the two ways producers that write no spaces draw.

With ``spaces=True`` the same runs are drawn whole, space glyphs included, so the two PDFs put
every glyph at the same place and differ only in the space glyphs: a reader that finds words
as printed reads both alike.  Text is DejaVu Sans, registered by :mod:`pdf_factory`, and
STIX General Italic, registered the same way.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import matplotlib
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from pdf_factory import BOLD, FONT

# A Times-like italic (shipped with matplotlib, registered as pdf_factory registers DejaVu Sans):
# its f overhangs its advance by 0.15 em on both sides, a quarter-em space is its word gap
ITALIC = "STIXGeneral-Italic"
if ITALIC not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(TTFont(ITALIC, str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"
                                               / "STIXGeneralItalic.ttf")))

WIDTH, HEIGHT = A4
LEFT = 56.0
SIZES = (8.0, 9.0, 10.0)
RIGHTS = (330.0, 410.0, 490.0)         # the figure columns' right edges (room for 10 pt headers)
LETTER_SPACING = 0.15                  # the title's character spacing, em

HEADING = "Driftredovisning per verksamhet, tkr"
TITLE = "Verksamhetsberättelse 2024"    # drawn letter-spaced
HEADER = ("Utfall 2024", "Budget 2024", "Avvikelse")
ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("110 Politisk verksamhet", ("2 345", "2 500", "155")),
    ("120 Kultur och fritid", ("1 234", "-5 678", "12,5")),
    ("130 Vård och omsorg", ("-104 512", "-101 000", "-3 512")),
    ("Summa nämnden", ("-100 933", "-104 178", "3 245")),
)
ITALIC_ROW = ("Varav fritidsgårdar och fjällresor", ("-1 250", "-1 300", "50"))   # label in italics
PROSE = ("Nämndens verksamhet har under året präglats av ett högt tryck på kultur- och fritidsverksamheterna. "
         "Kostnaderna ökade med 1 234 tkr jämfört med föregående år, främst inom bibliotek och simhall, "
         "och årets resultat blev ett underskott på 5 678 tkr mot budget.")


@dataclass(frozen=True)
class Run:
    """Text set from ``x`` (its left edge) on the baseline ``y`` (points from the page top)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    spacing: float = 0.0        # character spacing (Tc), points
    per_word: str = "string"    # how its words are drawn without spaces: "string" or "origin"

    def advance(self, text: str) -> float:
        return stringWidth(text, self.font, self.size) + self.spacing * len(text)

    def words(self) -> list[tuple[float, str]]:
        """Each word with its x: where the whole run, spaces included, sets it."""
        out: list[tuple[float, str]] = []
        start = 0
        for word in self.text.split(" "):
            if word:
                out.append((self.x + self.advance(self.text[:start]), word))
            start += len(word) + 1
        return out


def page_runs(size: float) -> list[Run]:
    """The runs of one page at font ``size``."""
    lead = 1.6 * size
    y = 70.0
    runs = [Run(LEFT, y, HEADING, BOLD, size + 2, per_word="origin")]
    y += 2 * lead
    runs.append(Run(LEFT, y, TITLE, FONT, size, spacing=LETTER_SPACING * size, per_word="origin"))
    y += 2 * lead
    for right, text in zip(RIGHTS, HEADER):
        runs.append(Run(right - stringWidth(text, BOLD, size), y, text, BOLD, size))
    y += lead
    for label, figures in (*ROWS, ITALIC_ROW):
        runs.append(Run(LEFT, y, label, ITALIC if label == ITALIC_ROW[0] else FONT, size))
        for right, text in zip(RIGHTS, figures):
            runs.append(Run(right - stringWidth(text, FONT, size), y, text, FONT, size))
        y += lead
    y += lead
    line: list[str] = []
    for word in PROSE.split():
        if line and stringWidth(" ".join([*line, word]), FONT, size) > RIGHTS[-1] - LEFT:
            runs.append(Run(LEFT, y, " ".join(line), FONT, size, per_word="origin"))
            y += lead
            line = []
        line.append(word)
    runs.append(Run(LEFT, y, " ".join(line), FONT, size, per_word="origin"))
    return runs


def prose_lines(size: float) -> list[str]:
    """The prose paragraph's lines as drawn at ``size``."""
    return [r.text for r in page_runs(size) if r.per_word == "origin" and r.text not in (HEADING, TITLE)]


def nospace_pdf(sizes: Sequence[float] = SIZES, *, spaces: bool = False) -> bytes:
    """One page per font size; no space glyph anywhere unless ``spaces``."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for size in sizes:
        for run in page_runs(size):
            y = HEIGHT - run.y
            c.saveState()               # character spacing (Tc) is graphics state: keep it to its run
            if spaces:
                t = c.beginText(run.x, y)
                t.setFont(run.font, run.size)
                t.setCharSpace(run.spacing)
                t.textOut(run.text)
                c.drawText(t)
            elif run.per_word == "origin" or run.spacing:
                t = c.beginText()
                t.setFont(run.font, run.size)
                t.setCharSpace(run.spacing)
                for x, word in run.words():
                    t.setTextOrigin(x, y)
                    t.textOut(word)
                c.drawText(t)
            else:
                c.setFont(run.font, run.size)
                for x, word in run.words():
                    c.drawString(x, y, word)
            c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


def save(path: str | Path, sizes: Sequence[float] = SIZES, *, spaces: bool = False) -> Path:
    path = Path(path)
    path.write_bytes(nospace_pdf(sizes, spaces=spaces))
    return path
