"""Coloured status symbols read from PDFs (kslib.read.symbols) and the report's legend of colours
(kslib.vocab.colours): small filled shapes and coloured glyphs on the lines they stand on; cell fills,
rules, images and outlined lettering are no symbols; the legend, drawn or in words, maps colours to
statuses with its page.  The corpus PDFs read to the same lines as without symbols."""
from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from kslib.read.pdf import BACKENDS, read_pdf_pages, source_from_pages
from kslib.read.pdf_layout import VisualLine
from kslib.read.source import Line, Word
from kslib.read.symbols import Symbol, attach
from kslib.vocab.colours import colour_name, legend, status_of_phrase, text_pairs
from pdf_factory import FONT     # DejaVu Sans (has "●"), registered by the PDF factory

HEIGHT = A4[1]
CORPUS = Path(__file__).resolve().parent / "corpus"


def hex_rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


class Pdf:
    """A few pages drawn with reportlab; ``y`` is points from the page top (a text's baseline)."""

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4)
        self.c.setFont(FONT, 10)

    def text(self, x: float, y: float, text: str, colour: str = "#000000", size: float = 10) -> None:
        self.c.setFillColorRGB(*hex_rgb(colour))
        self.c.setFont(FONT, size)
        self.c.drawString(x, HEIGHT - y, text)
        self.c.setFillColorRGB(0, 0, 0)

    def disc(self, x: float, y: float, colour: str, r: float = 4.0) -> None:
        """A filled circle centred at (x, y)."""
        self.c.setFillColorRGB(*hex_rgb(colour))
        self.c.circle(x, HEIGHT - y, r, stroke=0, fill=1)

    def square(self, x0: float, top: float, w: float, h: float, colour: str, stroke: bool = False) -> None:
        self.c.setFillColorRGB(*hex_rgb(colour))
        self.c.rect(x0, HEIGHT - top - h, w, h, stroke=int(stroke), fill=1)

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.c.setLineWidth(0.5)
        self.c.line(x0, HEIGHT - y0, x1, HEIGHT - y1)

    def page(self) -> None:
        self.c.showPage()
        self.c.setFont(FONT, 10)

    def read(self, backend: str = "pypdfium2"):
        self.c.save()
        data = self.buf.getvalue()
        return source_from_pages(read_pdf_pages(data, name="test.pdf", backend=backend), name="test.pdf", data=data)


# --------------------------------------------------------------------------- a goal table with symbols

COL_GOAL, COL_STATUS, COL_COMMENT, RIGHT = 56.0, 290.0, 308.0, 540.0
ROW = 16.0
GOALS = [  # title, how the status is drawn
    ("1. Alla barn ska känna sig trygga", ("disc", "#00A000")),
    ("2. Ökad andel behöriga lärare", ("square", "#92D050")),
    ("3. Minskad sjukfrånvaro", ("disc", "#FFC000")),
    ("4. Budget i balans", ("disc", "#C00000")),
    ("5. Nöjda medborgare", ("cell", "#4CAF50")),        # the status cell (18 x 16) filled: no symbol
    ("6. Digital service", ("glyph", "#4CAF50")),         # a "●" printed in green
    ("7. Hållbar energi", ("form", "#E74C3C")),            # a disc in a form XObject, placed by a matrix
    ("8. Attraktiv arbetsgivare", ("checked", "#2E8C3D")),  # a white check mark on a green disc
]


def goal_report() -> Pdf:
    pdf = Pdf()
    c = pdf.c
    c.beginForm("dot")
    c.setFillColorRGB(*hex_rgb("#E74C3C"))
    c.circle(0, 0, 4, stroke=0, fill=1)
    c.endForm()
    pdf.text(COL_GOAL, 60, "Måluppfyllelse 2024", size=14)
    # logo lettering drawn as outlines: shapes of unlike sizes side by side (no symbols)
    x = 440.0
    for w, h in ((6, 10), (5, 7), (7, 11), (5, 8), (6, 10)):
        pdf.square(x, 50 - h, w, h, "#000000")
        x += w + 0.8
    # the header: a large grey fill (no symbol), then the table's rules
    pdf.square(COL_GOAL - 4, 84, RIGHT - COL_GOAL + 4, ROW, "#D9D9D9")
    pdf.text(COL_GOAL, 96, "Mål")
    pdf.text(COL_STATUS - 8, 96, "Status")
    pdf.text(COL_COMMENT + 20, 96, "Utfall")
    top = 100.0
    for k, (title, (kind, colour)) in enumerate(GOALS):
        base = top + k * ROW + 12
        centre_y, centre_x = base - 3.5, COL_STATUS + 8
        pdf.text(COL_GOAL, base, title)
        pdf.text(COL_COMMENT + 20, base, f"{80 + 2 * k} %")          # the outcome
        if kind == "disc":
            pdf.disc(centre_x, centre_y, colour)
        elif kind == "square":
            pdf.square(centre_x - 4, centre_y - 4, 8, 8, colour)
        elif kind == "cell":
            pdf.square(COL_STATUS, top + k * ROW, COL_COMMENT - COL_STATUS, ROW, colour)
        elif kind == "glyph":
            pdf.text(COL_STATUS + 3, base, "●", colour)
        elif kind == "form":
            c.saveState()
            c.translate(centre_x, HEIGHT - centre_y)
            c.doForm("dot")
            c.restoreState()
        elif kind == "checked":
            pdf.disc(centre_x, centre_y, colour)
            c.setStrokeColorRGB(1, 1, 1)
            c.setLineWidth(1)
            path = c.beginPath()
            path.moveTo(centre_x - 2, HEIGHT - centre_y)
            path.lineTo(centre_x - 0.5, HEIGHT - centre_y - 1.5)
            path.lineTo(centre_x + 2.5, HEIGHT - centre_y + 2)
            c.drawPath(path, stroke=1, fill=0)
            c.setStrokeColorRGB(0, 0, 0)
    bottom = top + len(GOALS) * ROW
    for k in range(len(GOALS) + 2):
        pdf.rule(COL_GOAL - 4, 84 + k * ROW, RIGHT, 84 + k * ROW)
    for x in (COL_GOAL - 4, COL_STATUS, COL_COMMENT, RIGHT):
        pdf.rule(x, 84, x, bottom)
    # a rule drawn as a thin fill, and a small picture: no symbols
    pdf.square(COL_GOAL, bottom + 10, 300, 0.8, "#00A000")
    from PIL import Image

    c.drawImage(ImageReader(Image.new("RGB", (10, 10), (0, 160, 0))), COL_GOAL, HEIGHT - bottom - 40, 10, 10)
    # a rating of five alike dots beside its label (symbols), a symbol a little under its line, one far off
    pdf.text(COL_GOAL + 20, 330, "Betyg från brukarna")
    for k in range(5):
        pdf.disc(200 + k * 10, 326.5, "#FFC000", r=3.5)
    pdf.text(COL_GOAL, 360, "Kommentar till tabellen")
    pdf.disc(COL_GOAL + 150, 364.5, "#00A000", r=3)      # centre 2.5 pt under the line's bottom
    pdf.disc(400, 450, "#C00000")                       # nothing written near it
    pdf.page()
    # page 2: the legend, drawn
    pdf.text(COL_GOAL, 80, "Teckenförklaring:")
    x = COL_GOAL + 95
    for colour, words in (("#00A000", "Uppfyllt"), ("#FFC000", "Delvis uppfyllt"), ("#C00000", "Ej uppfyllt")):
        pdf.disc(x, 76.5, colour)
        pdf.text(x + 8, 80, words)
        x += 14 + pdfmetrics.stringWidth(words, FONT, 10) + 16
    return pdf


@pytest.fixture(scope="module", params=BACKENDS)
def goals(request):
    return goal_report().read(request.param)


def line_of(source, start: str) -> Line:
    hits = [ln for ln in source.lines if ln.text.startswith(start)]
    assert len(hits) == 1, (start, [ln.text for ln in source.lines])
    return hits[0]


def test_each_goal_line_holds_its_status_symbol_and_colour(goals):
    found = {title: [s.colour for s in line_of(goals, title).symbols] for title, _ in GOALS}
    assert found == {
        "1. Alla barn ska känna sig trygga": ["grön"],
        "2. Ökad andel behöriga lärare": ["grön"],       # #92D050, Excel's light green
        "3. Minskad sjukfrånvaro": ["gul"],             # #FFC000, amber
        "4. Budget i balans": ["röd"],
        "5. Nöjda medborgare": [],                      # a filled cell is no symbol
        "6. Digital service": ["grön"],                 # the glyph "●" in #4CAF50
        "7. Hållbar energi": ["röd"],                   # drawn through a form XObject
        "8. Attraktiv arbetsgivare": ["grön"],          # the check mark on the disc is part of it
    }


def test_symbols_stand_in_the_status_column(goals):
    for title, (kind, _) in GOALS:
        for s in line_of(goals, title).symbols:
            assert COL_STATUS < s.x0 < s.x1 < COL_COMMENT, (title, s)
            assert s.x1 - s.x0 < 10
    disc = line_of(goals, "1. Alla").symbols[0]
    assert disc == Symbol("grön", 294.0, 302.0, disc.top, disc.bottom)
    assert disc.bottom - disc.top == pytest.approx(8.0, abs=0.1)
    assert disc.rgb == (0, 160, 0)
    glyph = line_of(goals, "6. Digital").symbols[0]
    assert glyph.glyph == "●" and "●" in line_of(goals, "6. Digital").text     # the text layer keeps the glyph


def test_rules_fills_images_and_lettering_are_no_symbols(goals):
    page1 = goals.pages[0].symbols
    assert not [s for s in page1 if s.colour in ("svart", "grå")]             # lettering, header fill
    assert not [s for s in page1 if s.x1 - s.x0 > 20 or s.bottom - s.top > 20]
    assert line_of(goals, "Måluppfyllelse 2024").symbols == ()
    assert line_of(goals, "Mål  Status").symbols == ()


def test_a_rating_of_alike_dots_is_five_symbols(goals):
    line = line_of(goals, "Betyg från brukarna")
    assert [s.colour for s in line.symbols] == ["gul"] * 5
    assert [s.x0 for s in line.symbols] == [196.5, 206.5, 216.5, 226.5, 236.5]      # 200 + 10 k, radius 3.5


def test_a_symbol_under_a_line_joins_it_and_one_far_off_stays_on_the_page(goals):
    assert [s.colour for s in line_of(goals, "Kommentar till tabellen").symbols] == ["grön"]
    far = [s for s in goals.pages[0].symbols if s.x0 == pytest.approx(396, abs=0.5)]
    assert [s.colour for s in far] == ["röd"]
    assert all(far[0] not in ln.symbols for ln in goals.lines + goals.furniture)


def test_the_drawn_legend_maps_colours_to_statuses_on_its_page(goals):
    key = legend(goals.lines)
    assert key.mapping == {"grön": "met", "gul": "partly_met", "röd": "not_met"}
    assert key.page("gul") == 2 and key.entry("gul").drawn
    line = line_of(goals, "Teckenförklaring:")
    assert key.entry("röd").line == line.number
    # the caller's step: a goal row's symbol, through the legend, to a status cited to the legend's page
    symbol = line_of(goals, "3. Minskad").symbols[0]
    assert (key.status(symbol.colour), key.page(symbol.colour)) == ("partly_met", 2)


def test_legend_one_symbol_per_line_and_glyph_legends():
    pdf = Pdf()
    pdf.text(56, 60, "Förklaring:")
    for k, (colour, words) in enumerate((("#4CAF50", "Målet är uppfyllt"), ("#F1C40F", "Målet är delvis uppfyllt"),
                                         ("#D9534F", "Målet är inte uppfyllt"))):
        pdf.disc(60, 76.5 + 16 * k, colour)
        pdf.text(70, 80 + 16 * k, words)
    # a legend of black glyphs tells no colours apart: "svart" is ambiguous
    pdf.text(56, 200, "● Uppfyllt  ● Delvis uppfyllt  ● Ej uppfyllt")
    source = pdf.read()
    key = legend(source.lines)
    assert key.mapping == {"grön": "met", "gul": "partly_met", "röd": "not_met"}
    assert key.ambiguous == {"svart"} and key.status("svart") is None


def test_the_legend_in_words_with_its_page():
    pdf = Pdf()
    pdf.text(56, 80, "1. Alla barn ska känna sig trygga")
    pdf.disc(300, 76.5, "#00A000")
    pdf.page()
    pdf.text(56, 80, "Bedömningen av målen redovisas med färger.")
    pdf.text(56, 96, "Grön = uppfyllt, gul = delvis uppfyllt, röd = ej uppfyllt")
    source = pdf.read()
    key = legend(source.lines)
    assert key.mapping == {"grön": "met", "gul": "partly_met", "röd": "not_met"}
    assert {key.page(c) for c in key.mapping} == {2}
    assert not key.entry("grön").drawn
    symbol = line_of(source, "1. Alla barn").symbols[0]
    assert key.status(symbol.colour) == "met"


@pytest.mark.parametrize("text,pairs", [
    ("Grön = uppfyllt", [("grön", "met")]),
    ("Grönt: målet är uppfyllt", [("grön", "met")]),
    ("Röd – ej uppfyllt", [("röd", "not_met")]),
    ("Teckenförklaring: Gul betyder att målet delvis är uppfyllt", [("gul", "partly_met")]),
    ("Röd pil: målet har inte uppnåtts", [("röd", "not_met")]),
    ("Gult = Uppfylls delvis; Rött = Uppfylls ej", [("gul", "partly_met"), ("röd", "not_met")]),
    ("Den röda tråden är att målet är uppfyllt", []),          # prose, no key
    ("Bedömning: grön, målet uppfyllt", []),                   # no separator after the colour
    ("Grön = bra resultat", []),                               # no status words
])
def test_legend_in_words(text, pairs):
    assert text_pairs(text) == pairs


def test_status_phrases():
    assert status_of_phrase("målet bedöms vara helt uppfyllt") == "met"
    assert status_of_phrase("Uppfyllt (90–100 %)", whole=True) == "met"
    assert status_of_phrase("Målet är uppfyllt men sent", whole=True) is None
    assert status_of_phrase("Ej påbörjad") == "not_met"


@pytest.mark.parametrize("rgb,name", [
    ((0, 160, 0), "grön"), ((76, 175, 80), "grön"), ((146, 208, 80), "grön"), ((0, 100, 0), "grön"),
    ((255, 192, 0), "gul"), ((255, 255, 0), "gul"), ((241, 196, 15), "gul"),
    ((255, 165, 0), "orange"), ((237, 125, 49), "orange"),
    ((192, 0, 0), "röd"), ((255, 0, 0), "röd"), ((217, 83, 79), "röd"), ((231, 76, 60), "röd"),
    ((0, 112, 192), "blå"), ((128, 128, 128), "grå"), ((0, 0, 0), "svart"), ((255, 255, 255), "vit"),
])
def test_colour_names_by_hue_and_lightness(rgb, name):
    assert colour_name(*rgb) == name


def test_attach_picks_the_line_by_height_then_by_column():
    left, right = (Word("x", 50, 200),), (Word("y", 320, 500),)
    lines = [VisualLine(1, left, (False,), 100, 110, 10), VisualLine(1, right, (False,), 100, 110, 10),  # two columns
             VisualLine(1, left, (False,), 140, 150, 10)]
    by_left = Symbol("grön", 210, 218, 101, 109)
    by_right = Symbol("röd", 300, 308, 101, 109)
    under = Symbol("gul", 60, 66, 150, 156)       # centre 3 pt under line 3: within half its height
    between = Symbol("gul", 60, 66, 124, 130)     # 17 pt from both lines: on no line
    assert attach(lines, [by_left, by_right, under, between]) == [(by_left,), (by_right,), (under,)]


# --------------------------------------------------------------------------- the corpus

CORPUS_PDFS = sorted(CORPUS.glob("*.pdf"))


@pytest.mark.skipif(not CORPUS_PDFS, reason="corpus PDFs not present")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.stem)
def test_corpus_lines_are_the_same_with_symbols(path):
    data = path.read_bytes()
    pages = read_pdf_pages(data, name=path.name)
    plain = [(dataclasses.replace(info, symbols=()), lines) for info, lines in pages]
    a = source_from_pages(pages, name=path.name, data=data)
    b = source_from_pages(plain, name=path.name, data=data)
    strip = lambda src: [(ln.number, ln.page, ln.text, ln.words) for ln in src.lines + src.furniture]  # noqa: E731
    assert strip(a) == strip(b)
    assert all(ln.symbols == () for ln in b.lines)


@pytest.mark.skipif(not CORPUS_PDFS, reason="corpus PDFs not present")
def test_corpus_cell_fills_and_word_marks_are_no_symbols():
    # the 2019 scorecard shades its header cells green and orange and its outcome columns blue
    data = (CORPUS / "nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort.pdf").read_bytes()
    assert [info.symbols for info, _ in read_pdf_pages(data, name="styrkort")] == [(), (), ()]
    # Stadsrevisionen's cover draws its name in outlined letters beside a logo of abutting pieces
    data = (CORPUS / "goteborg_stadsrevisionen_arsredogorelse_2022.pdf").read_bytes()
    pages = read_pdf_pages(data, name="sr2022")
    assert not [s for info, _ in pages for s in info.symbols if s.colour == "svart"]
    assert sum(len(info.symbols) for info, _ in pages) <= 1
