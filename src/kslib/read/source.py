"""The report as lines of text, each knowing where it came from.

A :class:`Source` is the first stage of the pipeline: the raw file decoded, its
characters normalised (no-break spaces, exotic minus signs and bullets), and its
page furniture (running headers such as ``Ver ks am he ts berä ttels e 2 020``
and the page numbers after them) removed.  Every remaining :class:`Line` keeps
its 1-based line number in the raw file and, where the text shows it, the page.
Blank lines are dropped: in a PDF's text layer they carry no meaning.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from kslib.errors import InputFileError
from kslib.vocab.furniture import BARE_PAGE_NUMBER, PAGE_OF, is_running_header

if TYPE_CHECKING:
    from kslib.read.symbols import Symbol

# Characters the text layer uses that mean something plain.
_TRANSLATE = str.maketrans({
    "\u00a0": " ",   # no-break space
    "\u202f": " ",   # narrow no-break space
    "\u2009": " ",   # thin space
    "\u2007": " ",   # figure space
    "\u2212": "-",   # minus sign
    "\uf0b7": "•",   # Symbol-font bullet from Word
    "\u2022": "•",
    "\t": " ",
    "\r": "",
})

# page furniture of a text layer: one vocabulary (kslib.vocab.furniture)
_PAGE_OF = PAGE_OF
_PAGE_NUMBER = BARE_PAGE_NUMBER


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a PDF line with its horizontal extent (points from the left edge)."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the report."""

    number: int                 # 1-based line number in the raw text (PDF: running line count)
    text: str                   # normalised text, trailing spaces removed
    page: int | None = None     # printed page number, where the text shows it
    words: tuple[Word, ...] | None = None  # PDF only: words with positions
    symbols: tuple[Symbol, ...] = ()    # PDF only: coloured status symbols on the line, left to right

    @property
    def location(self) -> str:
        """Swedish location for people: ``s. 4, rad 130`` or ``rad 130``."""
        return f"s. {self.page}, rad {self.number}" if self.page else f"rad {self.number}"


@dataclass(frozen=True)
class Source:
    """The lines of one report, with the name and checksum of the file they came from."""

    name: str
    sha256: str
    lines: tuple[Line, ...]
    path: Path | None = None
    furniture: tuple[Line, ...] = field(default=(), repr=False)

    def __len__(self) -> int:
        return len(self.lines)

    def __iter__(self) -> Iterator[Line]:
        return iter(self.lines)

    def __getitem__(self, index: int) -> Line:
        return self.lines[index]

    @property
    def text(self) -> str:
        """All content lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)

    def find(self, pattern: str | re.Pattern[str], start: int = 0, stop: int | None = None) -> int | None:
        """Index of the first line at or after ``start`` matching ``pattern`` (``re.search``)."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        for i in range(start, len(self.lines) if stop is None else min(stop, len(self.lines))):
            if rx.search(self.lines[i].text):
                return i
        return None

    def find_all(self, pattern: str | re.Pattern[str]) -> list[int]:
        """Indices of every line matching ``pattern``."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        return [i for i, line in enumerate(self.lines) if rx.search(line.text)]

    def where(self, index: int) -> str:
        """English location for error messages: ``file.txt:130 (page 4)``."""
        line = self.lines[index]
        page = f" (page {line.page})" if line.page else ""
        return f"{self.name}:{line.number}{page}"


def normalise(text: str) -> str:
    """Replace no-break spaces, minus signs and bullets by their plain forms."""
    return text.translate(_TRANSLATE)


def decode(data: bytes, name: str) -> str:
    """Decode a text layer: UTF-8 (with or without BOM), else Windows-1252 / Latin-1.

    The fallback is per line, so a UTF-8 file with a few lines saved by an old
    editor keeps its UTF-8 lines intact.  UTF-16 with a byte-order mark (Windows
    "Unicode") is read too.  Raises :class:`InputFileError` for empty or binary files.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise InputFileError(f"{name}: starts like UTF-16 text but is not valid UTF-16") from None
    if not data.strip():
        raise InputFileError(f"{name}: the file is empty")
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        kind = "a PDF" if data.startswith(b"%PDF") else "binary data"
        raise InputFileError(f"{name}: holds {kind}, not text (give a .txt text layer or a .pdf file)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "".join(_decode_line(raw) for raw in data.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True))
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(10, len(text) // 200):
        raise InputFileError(f"{name}: holds binary data, not text")
    return text


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _is_running_header(text: str) -> bool:
    return is_running_header(text)


def lines_from_text(raw_lines: Sequence[str], *, first_number: int = 1) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """Normalise raw lines; return (content lines, furniture lines).

    Pages are known only where the text layer keeps its form feeds (one per
    page, as ``pdftotext`` writes them); a text without them gets no page
    numbers rather than guessed ones (its running headers do not stand on
    every page).  Running headers and the page number printed after them are
    furniture and left out of the content.
    """
    content: list[Line] = []
    furniture: list[Line] = []
    has_pages = any("\f" in raw for raw in raw_lines)
    page: int | None = 1 if has_pages else None
    expect_page_number = False
    for offset, raw in enumerate(raw_lines):
        number = first_number + offset
        if "\f" in raw:
            page = (page or 1) + raw.count("\f")
            raw = raw.replace("\f", "")
        text = normalise(raw).rstrip()
        if not text.strip():
            continue
        if _is_running_header(text):
            furniture.append(Line(number, text.strip(), page))
            expect_page_number = _PAGE_OF.search(text) is None
            continue
        if expect_page_number:
            expect_page_number = False
            if _PAGE_NUMBER.match(text):
                furniture.append(Line(number, text.strip(), page))
                continue
        content.append(Line(number, text, page))
    return tuple(content), tuple(furniture)


def read_text_source(path: str | Path) -> Source:
    """Read a report's text layer from a ``.txt`` file."""
    path = Path(path)
    data = read_bytes(path)
    text = decode(data, path.name)
    content, furniture = lines_from_text(text.split("\n"))
    return Source(path.name, hashlib.sha256(data).hexdigest(), content, path, furniture)


def read_bytes(path: Path) -> bytes:
    """Read a raw file, turning OS errors into one-line :class:`InputFileError`."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a directory, not a report file") from None
    except PermissionError:
        raise InputFileError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None

