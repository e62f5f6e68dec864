"""Words of a line with horizontal positions, for PDF and text layer alike.

A PDF line carries its words with x positions (points).  A ``pdftotext -layout``
text line carries them implicitly: the character offset is the position.  Both
become :class:`Pos` words; :data:`wide` tells when a gap separates cells rather
than thousands groups of one figure.  PDF fragments of one word ("Ut" "fall")
are joined when they touch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kslib.read.source import Line

_PDF_TOUCH = 1.5      # points: fragments closer than this are one word
_PDF_WIDE = 4.0       # points: a gap wider than this separates cells
_TEXT_WIDE = 2        # characters: two spaces or more separate cells
_NUMERIC = re.compile(r"^[-–—+]?\d+(?:,\d+)?\*{0,3}%?$")
_SIGN = re.compile(r"^[-–—+]$")


@dataclass(frozen=True, slots=True)
class Pos:
    """A word and its horizontal extent; ``wide`` is True when a cell gap stands before it."""

    text: str
    x0: float
    x1: float
    wide: bool = True

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def is_numeric(text: str) -> bool:
    """A figure's word: ``-1``, ``421,3``, ``644*``, ``5,7%``, a lone sign or ``%``."""
    return bool(_NUMERIC.match(text) or _SIGN.match(text) or re.match(r"^%\**$", text))


def words(line: Line) -> list[Pos]:
    """The line's words with positions (PDF points or text columns)."""
    if line.words:
        out: list[Pos] = []
        for w in line.words:
            if out and w.x0 - out[-1].x1 < _PDF_TOUCH and not (is_numeric(out[-1].text) and is_numeric(w.text)
                                                                and not _SIGN.match(out[-1].text)):
                prev = out[-1]
                out[-1] = Pos(prev.text + w.text, prev.x0, w.x1, prev.wide)
                continue
            wide = not out or w.x0 - out[-1].x1 > _PDF_WIDE
            out.append(Pos(w.text, w.x0, w.x1, wide))
        return out
    out = []
    prev_end = None
    for m in re.finditer(r"\S+", line.text):
        wide = prev_end is None or m.start() - prev_end >= _TEXT_WIDE
        out.append(Pos(m.group(), float(m.start()), float(m.end()), wide))
        prev_end = m.end()
    return out


def positional(line: Line) -> bool:
    """Does the line's geometry separate cells (PDF words, or a layout text with wide gaps)?"""
    return bool(line.words) or "  " in line.text.strip()


def tolerance(line: Line) -> float:
    """How far apart right edges of one column may stand."""
    return 9.0 if line.words else 2.5
