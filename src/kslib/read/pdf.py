"""Read a report's PDF: its text layer as :class:`~kslib.read.source.Line` s with word positions.

``read_pdf_source(path)`` returns a :class:`PdfSource` (a :class:`~kslib.read.source.Source`)
whose lines are the PDF's *visual* lines: the words of one page that share a
baseline, left to right.  For each line:

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

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from kslib.errors import PdfError
from kslib.read.pdf_layout import Char, VisualLine, furniture_flags, visual_lines
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
    pages = [(info, visual_lines(chars, info.number)) for info, chars in reader(data, name)]
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
            tp = textpage.raw
            chars: list[Char] = []
            rect = raw.FS_RECTF()
            sizes: dict[float, float] = {}
            count = raw.FPDFText_CountChars(tp)
            # one call for the whole page's text (UTF-16LE, one unit per char index), then boxes per glyph
            text = textpage.get_text_range(0, count) if count > 0 else ""
            if len(text) != count:          # surrogate pairs or generated chars shifted the indices
                text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(count))
            for i, ch in enumerate(text):
                if ch.isspace() or ch in "\x00\ufffe\uffff":
                    continue
                if not raw.FPDFText_GetLooseCharBox(tp, i, rect):
                    continue
                # the loose box's height follows font and size: ask pdfium for the size once per height
                key = rect.top - rect.bottom
                size = sizes.get(key)
                if size is None:
                    size = sizes[key] = raw.FPDFText_GetFontSize(tp, i)
                # the loose box spans the font's descent to ascent; the baseline sits ~0.2 em above its bottom
                chars.append(Char(ch, rect.left, rect.right, height - rect.bottom - 0.2 * size, size))
            textpage.close()
            page.close()
            yield PageInfo(index + 1, width, height), chars
    finally:
        doc.close()


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
            chars = []
            for c in page.chars:
                if not c.get("upright", True):
                    continue
                size = float(c["size"])
                # pdfminer's bottom is the descent line; the baseline sits about 0.2 em above it
                chars.append(Char(c["text"], float(c["x0"]), float(c["x1"]), float(c["bottom"]) - 0.2 * size, size))
            yield PageInfo(page.page_number, float(page.width), float(page.height)), chars
            page.flush_cache()
