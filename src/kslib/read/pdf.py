"""Read a report's PDF: its text layer as :class:`~kslib.read.source.Line` s with word positions.

``read_pdf_source(path)`` returns a :class:`PdfSource` (a :class:`~kslib.read.source.Source`)
whose lines are the PDF's *visual* lines: the words of one page that share a
baseline, left to right, in reading order (a page of two prose columns gives the left
column's lines, then the right column's).  Words come from the library's own text stream
and spaces, joined across kerning and letter-spacing gaps measured in the effective font
size (see :mod:`kslib.read.pdf_layout`).  For each line:

- ``Line.page`` is the PDF page, 1-based;
- ``Line.number`` is a running count of the visual lines of the whole document,
  1-based, furniture lines included (so a line keeps its number whatever is
  judged furniture); it is what warnings cite as "line";
- ``Line.words`` holds each word with its horizontal extent in points;
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

BACKENDS = ("pypdfium2", "pdfplumber")
DEFAULT_BACKEND = "pypdfium2"


@dataclass(frozen=True)
class PageInfo:
    """A PDF page's number (1-based) and size in points."""

    number: int
    width: float
    height: float


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
        for vline, is_furniture in zip(lines, page_flags):
            number += 1
            line = Line(number, vline.text, info.number, vline.words)
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
    try:
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError as exc:
                raise PdfError(f"{name}: page {index + 1} cannot be read; the PDF is damaged ({exc})") from None
            width, height = page.get_size()
            textpage = page.get_textpage()
            yield PageInfo(index + 1, width, height), _pdfium_pieces(raw, textpage, height)
            textpage.close()
            page.close()
    finally:
        doc.close()


def _pdfium_pieces(raw, textpage, height: float) -> list[Char]:
    """A page's glyphs as word pieces: runs of glyphs that pdfium reads in one stream, on one
    baseline, left to right, with no gap wider than ``WORD_GAP`` em between them.

    pdfium's text stream already holds a space (drawn or generated) between words and a line
    break between lines; a piece also ends where the next glyph steps back, changes font box
    or stands apart.  The line builder joins pieces again where nothing separates them
    (a word drawn in several runs, kerning, letter-spacing) and cuts at gaps.

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
    fonts: dict[float, tuple[float, float, bool]] = {}   # loose-box height -> (size, origin - bottom, upright)
    pieces: list[Char] = []
    buf: list[str] = []
    x0 = x1 = bottom = size = offset = 0.0
    sep = False
    for i, ch in enumerate(text):
        if ch <= " " or ch.isspace() or ch == "\uffff":
            if buf:
                pieces.append(Char("".join(buf), x0, x1, height - bottom - offset, size, len(pieces), sep))
                buf = []
                sep = False
            # a space (drawn or generated by pdfium) parts words; a line break may be pdfium's guess
            sep = sep or ch not in "\r\n"
            continue
        if not get_box(tp, i, rect):
            continue
        left = rect.left
        if buf and rect.bottom == bottom and x1 - 0.3 * size <= left <= x1 + WORD_GAP * size:
            buf.append("-" if ch == "\ufffe" else ch)
            if rect.right > x1:
                x1 = rect.right
            continue
        if buf:
            pieces.append(Char("".join(buf), x0, x1, height - bottom - offset, size, len(pieces), sep))
            buf = []
            sep = False
        key = rect.top - rect.bottom
        font = fonts.get(key)
        if font is None:
            raw.FPDFText_GetMatrix(tp, i, matrix)
            raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            scale = math.hypot(matrix.c, matrix.d) or 1.0
            upright = matrix.a > 0 and matrix.d > 0 and abs(matrix.b) <= 0.1 * matrix.a
            font = fonts[key] = (raw.FPDFText_GetFontSize(tp, i) * scale, oy.value - rect.bottom, upright)
        size, offset, upright = font
        if not upright or size <= 0:
            continue
        # pdfium turns a hyphen at a line's end into U+FFFE: it is printed, so it is a hyphen
        buf.append("-" if ch == "\ufffe" else ch)
        x0, x1, bottom = left, rect.right, rect.bottom
    if buf:
        pieces.append(Char("".join(buf), x0, x1, height - bottom - offset, size, len(pieces), sep))
    return pieces


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
            yield PageInfo(page.page_number, float(page.width), float(page.height)), chars
            page.flush_cache()
