"""From positioned characters to visual lines of words, and page furniture.

Both PDF backends (:mod:`kslib.pdf`) deliver :class:`Char` s: one glyph with its
horizontal extent (advance box), baseline and font size.  This module groups
them into :class:`VisualLine` s (same page, same baseline), cuts words at
spaces and at gaps, and tells a column gap (wide) from a word or thousands
space (narrow).  It also spots page furniture: running headers and footers
repeated across pages, and bare page numbers at the top or bottom of a page.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .source import Word, _is_running_header, normalise

# Gaps are measured in units of the font size (em).
WORD_GAP = 0.12       # a gap wider than this splits a word even without a space glyph
COLUMN_GAP = 0.8      # a gap wider than this separates table cells: rendered as two spaces
BASELINE_TOL = 0.35   # glyphs whose baselines differ by less than this share a line
MARGIN = 0.075        # top/bottom share of the page where running headers and footers live (A4: 63 pt)

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:sid(?:an|a)?\.?\s*)?\d{1,4}(?:\s*(?:\(\s*\d{1,4}\s*\)|(?:av|/)\s*\d{1,4}))?(?:\s*[-–])?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Char:
    """One glyph: text, horizontal extent, baseline (points from the page top) and font size."""

    text: str
    x0: float
    x1: float
    base: float
    size: float


@dataclass(frozen=True)
class VisualLine:
    """Words that share a page and a baseline, left to right."""

    page: int                   # 1-based PDF page
    words: tuple[Word, ...]
    wide_gap: tuple[bool, ...]  # per word: a column gap stands before it
    top: float                  # points from the page top
    bottom: float
    size: float                 # median font size

    @property
    def text(self) -> str:
        """Words joined by one space, two where a column gap stands between them."""
        parts: list[str] = []
        for k, (w, wide) in enumerate(zip(self.words, self.wide_gap)):
            if k:
                parts.append("  " if wide else " ")
            parts.append(w.text)
        return "".join(parts)


def visual_lines(chars: Iterable[Char], page: int) -> list[VisualLine]:
    """Group a page's glyphs into lines (top to bottom) of words (left to right)."""
    glyphs = [c for c in chars if c.text and c.size > 0 and c.x1 >= c.x0]
    glyphs.sort(key=lambda c: (c.base, c.x0))
    rows: list[list[Char]] = []
    for c in glyphs:
        if rows:
            cur = rows[-1]
            ref = cur[0]
            if abs(c.base - ref.base) <= BASELINE_TOL * max(ref.size, c.size):
                cur.append(c)
                continue
        rows.append([c])
    out = [_line(row, page) for row in rows]
    return [line for line in out if line.words]


def _line(chars: list[Char], page: int) -> VisualLine:
    chars = sorted(chars, key=lambda c: c.x0)
    size = sorted(c.size for c in chars)[len(chars) // 2]
    words: list[Word] = []
    wide: list[bool] = []
    buf: list[Char] = []
    last_x1: float | None = None

    def flush() -> None:
        if not buf:
            return
        text = normalise("".join(c.text for c in buf))
        gap = buf[0].x0 - last_x1 if last_x1 is not None else 0.0
        words.append(Word(text, round(buf[0].x0, 2), round(buf[-1].x1, 2)))
        wide.append(bool(words[:-1]) and gap > COLUMN_GAP * size)

    prev: Char | None = None
    for c in chars:
        if c.text.isspace():
            if buf:
                flush()
                last_x1 = buf[-1].x1
                buf.clear()
            continue
        if buf and prev is not None and c.x0 - buf[-1].x1 > WORD_GAP * size:
            flush()
            last_x1 = buf[-1].x1
            buf.clear()
        buf.append(c)
        prev = c
    flush()
    bases = [c.base for c in chars]
    top = min(bases) - size * 0.8
    bottom = max(bases) + size * 0.2
    return VisualLine(page, tuple(words), tuple(wide), top, bottom, size)


# --------------------------------------------------------------------------- furniture

def _shape(text: str) -> str:
    """A line's text with figures masked, for spotting lines repeated on every page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def furniture_flags(pages: Sequence[tuple[float, list[VisualLine]]]) -> list[list[bool]]:
    """For each page's lines: True where the line is page furniture.

    ``pages`` holds (page height, lines).  Furniture is: a running header that
    :func:`kslib.source._is_running_header` knows; a line in the top or bottom
    margin that repeats (figures masked) on at least half the pages (and on
    two or more); a bare page number (``7``, ``- 7 -``, ``Sida 7 av 36``) as the
    first or last line of a page, inside the margin.
    """
    margin_lines: list[list[int]] = []
    for height, lines in pages:
        idx = [k for k, ln in enumerate(lines[:3]) if ln.bottom <= MARGIN * height]
        idx += [k for k, ln in enumerate(lines) if k >= len(lines) - 3 and ln.top >= (1 - MARGIN) * height]
        margin_lines.append(sorted(set(idx)))
    counts: Counter[str] = Counter()
    for (height, lines), idx in zip(pages, margin_lines):
        counts.update({_shape(lines[k].text) for k in idx})
    n_pages = len(pages)
    needed = max(2, math.ceil(n_pages / 2))
    flags: list[list[bool]] = []
    for (height, lines), idx in zip(pages, margin_lines):
        page_flags = [False] * len(lines)
        for k, ln in enumerate(lines):
            text = ln.text
            if _is_running_header(text):
                page_flags[k] = True
            elif k in idx and n_pages >= 2 and counts[_shape(text)] >= needed:
                page_flags[k] = True
            elif k in idx and (k == 0 or k == len(lines) - 1 or _edge(lines, k)) and _PAGE_NUMBER.match(text):
                page_flags[k] = True
        flags.append(page_flags)
    return flags


def _edge(lines: list[VisualLine], k: int) -> bool:
    """True if only margin lines stand between line ``k`` and the page edge (header over page number)."""
    return k <= 1 or k >= len(lines) - 2
