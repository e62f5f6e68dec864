"""Read a report's PDF: its text layer as :class:`~kslib.read.source.Line` s with word positions.

``read_pdf_source(path)`` returns a :class:`PdfSource` (a :class:`~kslib.read.source.Source`)
whose lines are the PDF's *visual* lines: the words of one page that share a
baseline, left to right, in reading order (a page of two prose columns gives the left
column's lines, then the right column's).  Words are as printed: they end at a space glyph
or at a gap between glyph advance boxes wider than a word gap in the effective font size,
whatever the producer wrote between words, and hold across kerning and letter-spacing (see
:mod:`kslib.read.pdf_layout`).  For each line:

- ``Line.page`` is the PDF page, 1-based;
- ``Line.number`` is a running count of the visual lines of the whole document,
  1-based, furniture lines included (so a line keeps its number whatever is
  judged furniture); it is what warnings cite as "line";
- ``Line.words`` holds each word with its horizontal extent in points;
- ``Line.symbols`` holds the coloured status symbols drawn on the line (:func:`kslib.read.symbols.attach`;
  every symbol of a page is on ``PageInfo.symbols``);
- ``Line.text`` joins the words with one space, or two where the gap between
  them is a column gap (wider than ``COLUMN_GAP`` em), so that the plain-text
  row splitter's gap hints work on PDF text too.

Running headers/footers and page numbers are furniture (``Source.furniture``).
:attr:`PdfSource.geometry` keeps each line's vertical position, and
:attr:`PdfSource.pages` each page's size, for readers that use the layout.

Two backends read the glyphs: ``pypdfium2`` (the default, measured several
times faster, see ``docs/pdf.md`` and ``benchmarks/pdf_read.py``) and
``pdfplumber``.  Both feed the same line builder (:mod:`kslib.read.pdf_layout`).
Errors are :class:`~kslib.errors.PdfError`: no text layer (scanned), encrypted,
or not a valid PDF.
"""
from __future__ import annotations

import ctypes
import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from kslib.errors import PdfError
from kslib.read.pdf_layout import WORD_GAP, Char, VisualLine, furniture_flags, visual_lines
from kslib.read.source import Line, Source, read_bytes
from kslib.read.symbols import Symbol, attach, pdfium_symbols, plumber_symbols

BACKENDS = ("pypdfium2", "pdfplumber")
SPACE_MIN = 0.2     # em: no font's space is narrower; a space pdfium generated in a narrower gap parts nothing
DEFAULT_BACKEND = "pypdfium2"


@dataclass(frozen=True)
class PageInfo:
    """A PDF page's number (1-based), size in points, and coloured symbols (:mod:`kslib.read.symbols`)."""

    number: int
    width: float
    height: float
    symbols: tuple[Symbol, ...] = field(default=(), repr=False, compare=False)


@dataclass(frozen=True)
class LineBox:
    """Where a visual line stands on its page: top and bottom (points from the top), font size."""

    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class PdfSource(Source):
    """A :class:`Source` read from a PDF, with page sizes and line positions."""

    pages: tuple[PageInfo, ...] = field(default=(), repr=False)
    geometry: dict[int, LineBox] = field(default_factory=dict, repr=False)  # Line.number -> box


def read_pdf_source(path: str | Path, *, backend: str = DEFAULT_BACKEND) -> PdfSource:
    """Read a PDF report into lines with page numbers and word positions.

    Raises :class:`PdfError` when the file is encrypted, is not a valid PDF, or
    has no text layer at all (a scan: run OCR first).
    """
    path = Path(path)
    data = read_bytes(path)
    pages = read_pdf_pages(data, name=path.name, backend=backend)
    return source_from_pages(pages, name=path.name, data=data, path=path)


def read_pdf_pages(data: bytes, *, name: str, backend: str = DEFAULT_BACKEND) -> list[tuple[PageInfo, list[VisualLine]]]:
    """Every page's size and visual lines.  Raises :class:`PdfError` (see :func:`read_pdf_source`)."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown PDF backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if not data.lstrip()[:1024].lstrip(b"\x00").startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise PdfError(f"{name}: is not a valid PDF (no %PDF header)")
    reader: Callable[[bytes, str], Iterator[tuple[PageInfo, list[Char]]]] = (
        _pdfium_pages if backend == "pypdfium2" else _plumber_pages)
    pages = [(info, visual_lines(chars, info.number, height=info.height)) for info, chars in reader(data, name)]
    if not any(lines for _, lines in pages):
        raise PdfError(f"{name}: has no text layer (a scanned PDF?); run OCR first, e.g. ocrmypdf")
    return pages


def source_from_pages(pages: list[tuple[PageInfo, list[VisualLine]]], *, name: str, data: bytes,
                      path: Path | None = None) -> PdfSource:
    """Number the visual lines, set furniture aside and build the :class:`PdfSource`."""
    flags = furniture_flags([(info.height, lines) for info, lines in pages])
    content: list[Line] = []
    furniture: list[Line] = []
    geometry: dict[int, LineBox] = {}
    number = 0
    for (info, lines), page_flags in zip(pages, flags):
        symbols = attach(lines, info.symbols) if info.symbols else [()] * len(lines)
        for vline, is_furniture, held in zip(lines, page_flags, symbols):
            number += 1
            line = Line(number, vline.text, info.number, vline.words, held)
            geometry[number] = LineBox(round(vline.top, 2), round(vline.bottom, 2), round(vline.size, 2))
            (furniture if is_furniture else content).append(line)
    return PdfSource(name, hashlib.sha256(data).hexdigest(), tuple(content), path, tuple(furniture),
                     pages=tuple(info for info, _ in pages), geometry=geometry)


# --------------------------------------------------------------------------- pypdfium2

def _pdfium_pages(data: bytes, name: str) -> Iterator[tuple[PageInfo, list[Char]]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower() or "security" in message.lower():
            raise PdfError(f"{name}: is encrypted (a password is needed to open it)") from None
        raise PdfError(f"{name}: is not a valid PDF ({message})") from None
    shapes = _Shapes(raw)
    try:
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError as exc:
                raise PdfError(f"{name}: page {index + 1} cannot be read; the PDF is damaged ({exc})") from None
            width, height = page.get_size()
            textpage = page.get_textpage()
            yield (PageInfo(index + 1, width, height, pdfium_symbols(page, textpage, height)),
                   _pdfium_pieces(raw, textpage, height, shapes))
            textpage.close()
            page.close()
    finally:
        doc.close()


def _pdfium_pieces(raw, textpage, height: float, shapes: _Shapes) -> list[Char]:
    """A page's glyphs as word pieces: runs of glyphs that pdfium reads in one stream, whose
    boxes share a bottom edge (one baseline, one font size), left to right, with no gap wider
    than ``WORD_GAP`` em between their boxes.

    A piece ends at a space glyph in the stream (drawn by the producer: :attr:`Char.sep`) and
    at a line break; the spaces pdfium *generates* where it guesses a word gap end a piece but
    part nothing, as pdfplumber's glyphs hold no such spaces: the line builder judges every
    gap without a drawn space by its width (:func:`kslib.read.pdf_layout._line`), so a
    producer that draws no spaces reads the same.  A piece also ends where the next glyph
    steps back, changes font box or stands apart; the line builder joins pieces again where
    nothing separates them (a word drawn in several runs, kerning, letter-spacing).

    A glyph's box is its advance box, from its origin to the next glyph's origin, as pdfminer's
    is: pdfium's "loose" box also holds the glyph's ink, and italic ink reaches into the gaps
    beside it (an *f* by up to 0.2 em on either side), which would close a word gap drawn
    without a space.  How far the ink reaches out is asked once per glyph shape (character and
    box width) in a document (:class:`_Shapes`), and only where it can matter: a glyph that
    touches the one before it, or is kerned under it, keeps its box until its piece ends.

    The font size is the *effective* size: ``FPDFText_GetFontSize`` gives the size set by
    ``Tf``, which is 1 in PDFs that scale their text with the text matrix, so it is multiplied
    by the matrix's vertical scale.  Size, baseline offset and uprightness are asked once per
    loose-box height (a font at a size), not once per glyph.
    """
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    if count <= 0:
        return []
    # one call for the whole page's text (UTF-16LE, one unit per char index), then a box per glyph
    text = textpage.get_text_range(0, count)
    if len(text) != count:          # surrogate pairs or generated chars shifted the indices
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    get_box = raw.FPDFText_GetLooseCharBox
    generated = raw.FPDFText_IsGenerated
    new = tuple.__new__
    overhangs = shapes.overhangs
    fonts: dict[float, tuple[float, float, bool]] = {}   # loose-box height -> (size, origin - bottom, upright)
    pieces: list[Char] = []
    buf: list[str] = []
    x0 = x1 = bottom = size = offset = spread = 0.0
    sep = False
    space_at = -1                   # the stream index of a space since the last glyph
    # the piece's last glyph: its index, character and loose box; ``pending`` while its right edge
    # is the loose box's (settled by :func:`_settle` when the piece ends or the next glyph stands off)
    last_i, last_ch, last_left, last_right, pending = -1, "", 0.0, 0.0, False
    for i, ch in enumerate(text):
        if ch <= " " or ch.isspace() or ch == "\uffff":
            if buf:
                if pending:
                    x1 = _settle(raw, tp, count, shapes, last_i, last_ch, last_left, last_right, x1)
                    pending = False
                word = "".join(buf)
                pieces.append(new(Char, (word, x0, x1, height - bottom - offset, size, len(pieces), sep,
                                         len(buf) - 1, spread) if len(buf) > 1 and word.isalpha() else
                                  (word, x0, x1, height - bottom - offset, size, len(pieces), sep, 0, 0.0)))
                buf = []
            if ch not in "\r\n":   # a line break is pdfium's guess; a space may be too (below)
                space_at = i
            continue
        if not get_box(tp, i, rect):
            continue
        left = rect.left
        right = rect.right
        low = rect.bottom
        if buf and low == bottom and -0.1 * size < left - last_right < 0.001:
            # touching the last glyph or kerned under it, the common case: a word gap could hide
            # here only under ink standing out by a space's width, which no text face has
            if last_right > x1:
                x1 = last_right
            buf.append("-" if ch == "\ufffe" else ch)
            last_i, last_ch, last_left, last_right, pending = i, ch, left, right, True
            continue
        if pending:                 # the last glyph's right edge: its advance's end
            x1 = _settle(raw, tp, count, shapes, last_i, last_ch, last_left, last_right, x1)
            pending = False
        # the glyph's shape: its character and loose box width (thousandths of a point)
        shape = ord(ch) * 1e9 + (right - left) * 1000.0 // 1.0
        over = overhangs.get(shape)
        if over is None:
            over = overhangs[shape] = _ink_overhang(raw, tp, i, count, ch, left, right, shapes)
        if over is not _FLUSH:
            left += over[0]
            right -= over[1]
        if buf and low == bottom and x1 - 0.3 * size <= left <= x1 + WORD_GAP * size:
            buf.append("-" if ch == "\ufffe" else ch)
            spread += left - x1
            if right > x1:
                x1 = right
            last_right = right
            continue
        if buf:
            word = "".join(buf)
            pieces.append(new(Char, (word, x0, x1, height - bottom - offset, size, len(pieces), sep,
                                     len(buf) - 1, spread) if len(buf) > 1 and word.isalpha() else
                              (word, x0, x1, height - bottom - offset, size, len(pieces), sep, 0, 0.0)))
            buf = []
        # a drawn space parts words; one pdfium generated, guessing at a gap, does not: where the
        # gap is narrower than any space, ask which it is (letter-spaced text)
        sep = space_at >= 0 and not (low == bottom and left - x1 <= SPACE_MIN * size
                                     and generated(tp, space_at) == 1)
        key = rect.top - low
        font = fonts.get(key)
        if font is None:
            raw.FPDFText_GetMatrix(tp, i, matrix)
            raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            scale = math.hypot(matrix.c, matrix.d) or 1.0
            upright = matrix.a > 0 and matrix.d > 0 and abs(matrix.b) <= 0.1 * matrix.a
            font = fonts[key] = (raw.FPDFText_GetFontSize(tp, i) * scale, oy.value - low, upright)
        size, offset, upright = font
        if not upright or size <= 0:
            continue
        space_at = -1
        # pdfium turns a hyphen at a line's end into U+FFFE: it is printed, so it is a hyphen
        buf.append("-" if ch == "\ufffe" else ch)
        x0, x1, bottom, spread = left, right, low, 0.0
        last_right = right
    if buf:
        if pending:
            x1 = _settle(raw, tp, count, shapes, last_i, last_ch, last_left, last_right, x1)
        word = "".join(buf)
        pieces.append(Char(word, x0, x1, height - bottom - offset, size, len(pieces), sep,
                           *((len(buf) - 1, spread) if len(buf) > 1 and word.isalpha() else ())))
    return pieces


_FLUSH = (0.0, 0.0)     # a glyph whose ink stays inside its advance box


def _settle(raw, tp, count: int, shapes: _Shapes, i: int, ch: str, left: float, right: float,
            x1: float) -> float:
    """A piece's right edge ``x1`` once its last glyph ``i`` (loose box ``left`` to ``right``) ends
    where its advance does."""
    shape = ord(ch) * 1e9 + (right - left) * 1000.0 // 1.0
    over = shapes.overhangs.get(shape)
    if over is None:
        over = shapes.overhangs[shape] = _ink_overhang(raw, tp, i, count, ch, left, right, shapes)
    return right - over[1] if right - over[1] > x1 else x1


def _ink_overhang(raw, tp, i: int, count: int, ch: str, left: float, right: float, c: _Shapes) -> tuple[float, float]:
    """How far glyph ``i``'s loose box (``left`` to ``right``) reaches beyond its advance box on
    the left and on the right (``c`` holds the ctypes out-parameters).

    The advance box starts at the origin.  It ends where the loose box does unless the ink
    reaches that far (then the ink may stand out beyond the advance): there it ends after the
    font's advance width of the character, unless that width does not fit the box or the glyph
    is one of several characters (a ligature's pieces share its origin), which keep the box.
    """
    if not raw.FPDFText_GetCharOrigin(tp, i, c.x, c.y):
        return _FLUSH
    origin, base = c.x.value, c.y.value
    out_left = origin - left if origin > left else 0.0
    keep = (out_left, 0.0) if out_left else _FLUSH
    if not raw.FPDFText_GetCharBox(tp, i, c.left, c.right, c.bottom, c.top) or c.right.value < right - 0.01:
        return keep
    for j in (i - 1, i + 1):
        if 0 <= j < count and raw.FPDFText_GetCharOrigin(tp, j, c.x, c.y) and c.x.value == origin and c.y.value == base:
            return keep
    obj = raw.FPDFText_GetTextObject(tp, i)
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    if (font and raw.FPDFTextObj_GetFontSize(obj, c.size) and raw.FPDFText_GetMatrix(tp, i, c.matrix)
            and raw.FPDFFont_GetGlyphWidth(font, ord(ch), c.size.value, c.width)):
        end = origin + c.width.value * c.matrix.a
        if origin < end < right:
            return out_left, right - end
    return keep


class _Shapes:
    """A document's glyph shapes (character and loose-box width) and how far each one's ink
    stands out of its advance box (:func:`_ink_overhang`), with the ctypes out-parameters."""

    def __init__(self, raw) -> None:
        self.overhangs: dict[float, tuple[float, float]] = {}
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.size, self.width = ctypes.c_float(), ctypes.c_float()
        self.matrix = raw.FS_MATRIX()


# --------------------------------------------------------------------------- pdfplumber

def _plumber_pages(data: bytes, name: str) -> Iterator[tuple[PageInfo, list[Char]]]:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise PdfError(f"{name}: is encrypted (a password is needed to open it)") from None
    except Exception as exc:  # pdfminer raises many kinds for broken files (pdfplumber wraps them)
        causes = [exc, exc.__cause__, exc.__context__, *getattr(exc, "args", ())]
        if any(isinstance(c, PDFPasswordIncorrect) or "password" in str(c).lower() for c in causes if c):
            raise PdfError(f"{name}: is encrypted (a password is needed to open it)") from None
        inner = next((c for c in causes if isinstance(c, Exception) and c is not exc), None)
        detail = str(inner or exc) or type(inner or exc).__name__
        if isinstance(inner or exc, PDFSyntaxError):
            detail = f"syntax error: {detail}"
        raise PdfError(f"{name}: is not a valid PDF ({detail})") from None
    with pdf:
        for page in pdf.pages:
            chars: list[Char] = []
            sep = False
            for c in page.chars:
                text = c["text"]
                if text <= " " or text.isspace():   # a space (or control) glyph parts words (Char.sep)
                    sep = True
                    continue
                if not c.get("upright", True):
                    continue
                size = float(c["size"])
                # the glyph's origin (the text matrix's f) is on the baseline; pdfminer's bottom (y0)
                # is the font's descent line below it
                matrix = c.get("matrix")
                lift = float(matrix[5]) - float(c["y0"]) if matrix else 0.2 * size
                chars.append(Char(text, float(c["x0"]), float(c["x1"]), float(c["bottom"]) - lift, size,
                                  len(chars), sep))
                sep = False
            yield PageInfo(page.page_number, float(page.width), float(page.height), plumber_symbols(page)), chars
            page.flush_cache()
