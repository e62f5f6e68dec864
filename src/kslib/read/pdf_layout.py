"""From positioned characters to visual lines of words, and page furniture.

Both PDF backends (:mod:`kslib.read.pdf`) deliver :class:`Char` s: one glyph with its
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
from typing import Iterable, NamedTuple, Sequence

from kslib.read.source import Word, _is_running_header, normalise

# Gaps are measured in units of the font size (em).
WORD_GAP = 0.12       # a gap wider than this splits a word even without a space glyph
COLUMN_GAP = 0.8      # a gap wider than this separates table cells: rendered as two spaces
BASELINE_TOL = 0.35   # glyphs whose baselines differ by less than this share a line
MARGIN = 0.075        # top/bottom share of the page where running headers and footers live (A4: 63 pt)

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:sid(?:an|a)?\.?\s*)?\d{1,4}(?:\s*(?:\(\s*\d{1,4}\s*\)|(?:av|/)\s*\d{1,4}))?(?:\s*[-–])?\s*$",
    re.IGNORECASE,
)


class Char(NamedTuple):
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
    glyphs = [c for c in chars if c[0] and c[4] > 0 and c[2] >= c[1]]
    glyphs.sort(key=_BASE_X0)
    rows: list[list[Char]] = []
    ref_base = ref_size = None
    for c in glyphs:
        if rows and abs(c[3] - ref_base) <= BASELINE_TOL * (ref_size if ref_size > c[4] else c[4]):
            rows[-1].append(c)
        else:
            rows.append([c])
            ref_base, ref_size = c[3], c[4]
    out = [_line(row, page) for row in rows]
    return [line for line in out if line.words]


def _BASE_X0(c: Char) -> tuple[float, float]:
    return (c[3], c[1])


def _X0(c: Char) -> float:
    return c[1]


def _line(chars: list[Char], page: int) -> VisualLine:
    """Words of one line: glyphs (whitespace already dropped) split where the gap exceeds ``WORD_GAP`` em."""
    chars.sort(key=_X0)
    size = sorted(c[4] for c in chars)[len(chars) // 2]
    word_gap, column_gap = WORD_GAP * size, COLUMN_GAP * size
    words: list[Word] = []
    wide: list[bool] = []
    start = 0
    prev_x1 = chars[0][2]
    last_x1: float | None = None
    n = len(chars)
    for k in range(1, n + 1):
        if k < n:
            x0 = chars[k][1]
            if x0 - prev_x1 <= word_gap:
                if chars[k][2] > prev_x1:
                    prev_x1 = chars[k][2]
                continue
        first = chars[start]
        text = normalise("".join(c[0] for c in chars[start:k]))
        wide.append(last_x1 is not None and first[1] - last_x1 > column_gap)
        words.append(Word(text, round(first[1], 2), round(prev_x1, 2)))
        last_x1 = prev_x1
        if k < n:
            start, prev_x1 = k, chars[k][2]
    bases = [c[3] for c in chars]
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
    :func:`kslib.read.source._is_running_header` knows; a line in the top or bottom
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
