"""From positioned characters to visual lines of words, and page furniture.

Both PDF backends (:mod:`kslib.read.pdf`) deliver :class:`Char` s: a glyph or a piece of a
word with its horizontal extent, baseline, effective font size, and whether a space glyph
stood before it in the PDF's text stream.  This module groups them into :class:`VisualLine` s
(same page, same baseline), cuts words where a space glyph stood or where the gap between
glyph boxes is wider than a word gap, joins them across kerning and letter-spacing (so a
producer that draws no space glyphs gives the same words as one that does, as pdfminer's
``word_margin`` reads them), tells a column gap (wide) from a word or thousands space
(narrow), and puts the lines in reading order (two prose columns one after the other, see
:func:`reading_order`).  It also spots page furniture: running headers and footers
repeated across pages, and bare page numbers at the top or bottom of a page.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence

from kslib.read.source import Word, _is_running_header, normalise
from kslib.vocab.furniture import PAGE_NUMBER

# Gaps are measured in units of the font size (em).
WORD_GAP = 0.1        # a gap wider than this (beyond the line's letter-spacing) splits a word without a space glyph
LETTER_SPACING_MAX = 0.3  # the most letter-spacing (em) read from a line's letter pairs ...
LETTER_PAIRS_MIN = 4      # ... and the fewest letter pairs it is read from
COLUMN_GAP = 0.8      # a gap wider than this separates table cells: rendered as two spaces
BASELINE_TOL = 0.4    # glyphs whose baselines differ by less than this share a line
MARGIN = 0.075        # top/bottom share of the page where running headers and footers live (A4: 63 pt)

_PAGE_NUMBER = PAGE_NUMBER     # a page number in the margin (kslib.vocab.furniture)


class Char(NamedTuple):
    """One glyph, or a piece of a word: text, horizontal extent, baseline (points from the page
    top) and font size.  ``seq`` numbers the pieces in the PDF's reading stream; ``sep`` is True
    when a space glyph stood before this piece in the stream, so it starts a word even where its
    box nearly touches its predecessor's (italic overhang, tight justification).  A piece of
    letters only carries its ``pairs`` of adjacent glyphs and the sum of their gaps
    (``spread``, points), for the line's letter-spacing (:func:`_letter_spacing`)."""

    text: str
    x0: float
    x1: float
    base: float
    size: float
    seq: int = -2
    sep: bool = False
    pairs: int = 0
    spread: float = 0.0


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


def visual_lines(chars: Iterable[Char], page: int, *, height: float | None = None) -> list[VisualLine]:
    """Group a page's glyphs (or word pieces) into lines of words, in reading order.

    Lines are top to bottom, words left to right; where the page sets text in two columns
    (a gutter through several consecutive lines of prose on both sides) the left column's
    lines come before the right column's (:func:`reading_order`).  ``height`` (the page's,
    in points) keeps the top and bottom margins, where running headers and footers live,
    out of the columns.
    """
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
    return reading_order([line for line in out if line.words], height)


def _BASE_X0(c: Char) -> tuple[float, float]:
    return (c[3], c[1])


def _X0(c: Char) -> float:
    return c[1]


def _line(chars: list[Char], page: int) -> VisualLine:
    """Words of one line, from its glyphs or word pieces (whitespace already dropped).

    A word ends where a space glyph stood between two pieces in the stream (:attr:`Char.sep`)
    or where the gap between their boxes is wider than ``WORD_GAP`` em of the smaller font
    size plus the line's letter-spacing (:func:`_letter_spacing`, read only for a line with a
    gap that it could close), so words come out the same whether or not the producer drew
    space glyphs, and kerning and letter-spacing never split a word.
    """
    chars.sort(key=_X0)
    size = sorted(c[4] for c in chars)[len(chars) // 2]
    words, wide, ambiguous = _words(chars, size, 0.0)
    if ambiguous:
        spacing = _letter_spacing(chars)
        if spacing > 0:
            words, wide, _ = _words(chars, size, spacing)
    base_lo = base_hi = chars[0][3]
    for c in chars:
        if c[3] < base_lo:
            base_lo = c[3]
        elif c[3] > base_hi:
            base_hi = c[3]
    return VisualLine(page, tuple(words), tuple(wide), base_lo - size * 0.8, base_hi + size * 0.2, size)


def _words(chars: list[Char], size: float, spacing: float) -> tuple[list[Word], list[bool], bool]:
    """The words of x-sorted ``chars`` at letter-spacing ``spacing`` (em), each word's column-gap
    flag, and whether a cut fell on a gap that letter-spacing could close."""
    limit = WORD_GAP + spacing
    column_gap = COLUMN_GAP * size
    words: list[Word] = []
    wide: list[bool] = []
    ambiguous = False
    start = 0
    prev = chars[0]
    prev_x1 = prev[2]
    last_x1: float | None = None
    n = len(chars)
    for k in range(1, n + 1):
        if k < n:
            c = chars[k]
            if not (c[6] and c[5] == prev[5] + 1):
                gap = c[1] - prev_x1
                em = c[4] if c[4] < prev[4] else prev[4]
                if gap <= limit * em:
                    if c[2] > prev_x1:
                        prev_x1 = c[2]
                    prev = c
                    continue
                if gap <= (limit + LETTER_SPACING_MAX) * em:
                    ambiguous = True
        first = chars[start]
        text = normalise(first[0] if k == start + 1 else "".join(c[0] for c in chars[start:k]))
        wide.append(last_x1 is not None and first[1] - last_x1 > column_gap)
        words.append(Word(text, round(first[1], 2), round(prev_x1, 2)))
        last_x1 = prev_x1
        if k < n:
            start, prev, prev_x1 = k, chars[k], chars[k][2]
    return words, wide, ambiguous


def _letter_spacing(chars: list[Char]) -> float:
    """The line's letter-spacing in em: the lower quartile of the gaps between adjacent letters
    not parted by a space glyph (inside pieces and between them), at least 0 and at most
    ``LETTER_SPACING_MAX``; 0 from fewer than ``LETTER_PAIRS_MIN`` pairs.  Most letter pairs
    stand inside words, so a word gap drawn without a space glyph does not raise it;
    letter-spaced text (tracking) does."""
    values: list[tuple[float, int]] = []
    total = 0
    prev = chars[0]
    reach = prev[2]
    for c in chars:
        if c[7]:
            values.append((c[8] / c[7] / c[4], c[7]))
            total += c[7]
        if c is prev:
            continue
        gap = c[1] - reach
        if c[2] > reach:
            reach = c[2]
        em = c[4] if c[4] < prev[4] else prev[4]
        if (not (c[6] and c[5] == prev[5] + 1) and gap < COLUMN_GAP * em
                and prev[0][-1].isalpha() and c[0][0].isalpha()):
            values.append((gap / em, 1))
            total += 1
        prev = c
    if total < LETTER_PAIRS_MIN:
        return 0.0
    values.sort()
    quarter = total / 4
    for value, weight in values:
        quarter -= weight
        if quarter < 0:
            return min(max(value, 0.0), LETTER_SPACING_MAX)
    return 0.0


# --------------------------------------------------------------------------- columns

GUTTER = 0.5             # the gutter between two text columns is at least this wide (em)
GUTTER_MIN_LINES = 3      # a text column needs at least this many lines on each side of the gutter
PROSE_LETTERS = 0.6       # share of a column's words that hold a letter (a table's figures do not)
PROSE_GAPPED = 0.2        # at most this share of a column's lines may hold a column gap (a table's do)


def reading_order(lines: list[VisualLine], height: float | None = None) -> list[VisualLine]:
    """Lines in reading order: a two-column stretch of prose gives its left column, then its right.

    A gutter is found at the left edge ``E`` of a text column: an x where at least
    ``GUTTER_MIN_LINES`` line segments start (the line's first word, or the first word after a
    column gap) and which has text to its left.  A run of consecutive lines in which no word
    crosses the strip ``GUTTER`` em wide left of ``E`` is a two-column stretch when both
    sides hold at least ``GUTTER_MIN_LINES`` lines and both read as prose: mostly words with
    letters and hardly any column gaps inside a side, and on one side at least most lines run
    close to the column's right edge.  A table (figures, many column gaps) is never split.
    Lines in the top or bottom ``MARGIN`` of the page (running headers and footers) are never
    part of a stretch, unless they follow the body text at its own leading.
    """
    n = len(lines)
    if n < 2 * GUTTER_MIN_LINES:
        return lines
    lo, hi = (MARGIN * height, (1 - MARGIN) * height) if height else (-math.inf, math.inf)
    body = [lo < ln.top and ln.bottom < hi for ln in lines]
    # a margin line set at the text's own leading (a column running into the margin) is body text;
    # a running header or footer stands further off
    for k in range(n - 2, -1, -1):
        if not body[k] and body[k + 1] and lines[k + 1].top - lines[k].bottom <= lines[k].size:
            body[k] = True
    for k in range(1, n):
        if not body[k] and body[k - 1] and lines[k].top - lines[k - 1].bottom <= lines[k].size:
            body[k] = True
    left_edge = min(ln.words[0].x0 for ln in lines)
    starts: list[float] = []
    for ln, ok in zip(lines, body):
        if ok:
            starts.extend(w.x0 for w, wide in zip(ln.words, ln.wide_gap)
                          if (wide or w is ln.words[0]) and w.x0 > left_edge + 36)
    # a column's left edge wobbles by a point or two (paragraph styles): starts within 4 pt are one edge
    clusters: list[list[float]] = []
    for x in sorted(starts):
        if clusters and x - clusters[-1][0] <= 4.0:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    candidates = [c[0] - 0.5 for c in sorted(clusters, key=len, reverse=True) if len(c) >= GUTTER_MIN_LINES]
    run_of: list[int | None] = [None] * n        # line index -> index into runs
    runs: list[tuple[list[VisualLine], list[VisualLine]]] = []
    for edge in candidates[:8]:
        k = 0
        while k < n:
            if run_of[k] is not None or not body[k] or not _clear(lines[k], edge) or _table_row(lines[k], edge):
                k += 1
                continue
            j = k
            while j < n and run_of[j] is None and body[j] and _clear(lines[j], edge) \
                    and not _heads_full_width(lines, j, edge) and not _table_row(lines[j], edge):
                j += 1
            split = _split_run(lines[k:j], edge)
            if split is not None:
                for m in range(k, j):
                    run_of[m] = len(runs)
                runs.append(split)
            k = max(j, k + 1)
    if not runs:
        return lines
    out: list[VisualLine] = []
    done: set[int] = set()
    for ln, r in zip(lines, run_of):
        if r is None:
            out.append(ln)
        elif r not in done:
            done.add(r)
            out.extend(runs[r][0])
            out.extend(runs[r][1])
    return out


_FIGURE = re.compile(r"^[-–−+(]?\d[\d ,.]*\)?%?\*?$")
_NIL = {"-", "–", "—", "−"}


def _table_row(line: VisualLine, edge: float) -> bool:
    """A line with figures on both sides of the gutter: a table's row, never two columns of prose."""
    right = [w for w in line.words if w.x0 >= edge]
    figures = sum(1 for w in right if _FIGURE.match(w.text) or w.text in _NIL)
    left = any(w.x1 <= edge and (_FIGURE.match(w.text) or w.text in _NIL) for w in line.words)
    return figures >= 2 and 3 * figures >= 2 * len(right) or left and 2 * figures >= len(right) > 0


def _heads_full_width(lines: list[VisualLine], j: int, edge: float) -> bool:
    """Is line ``j`` one of a table's heading lines (its title, its header words on either side of the gutter,
    a group line "Period … Helår") set right above a row that crosses the gutter or has figures on both sides,
    so it belongs with the table that follows, not with the prose columns?"""
    def short(ln: VisualLine) -> bool:
        left = [w for w in ln.words if w.x1 <= edge]
        right = [w for w in ln.words if w.x0 >= edge]
        return (len(left) <= 4 and len(right) <= 4 and not any(w.text.endswith((".", ":")) for w in ln.words)
                and not (left and left[0].text[:1].islower()) and not (right and right[0].text[:1].islower()))

    k = j
    while k < len(lines) and k - j <= 4 and short(lines[k]):
        if k + 1 >= len(lines) or lines[k + 1].top - lines[k].bottom > 1.5 * lines[k].size:
            return False
        if not _clear(lines[k + 1], edge) or _table_row(lines[k + 1], edge):
            return True
        k += 1
    return False


def _clear(line: VisualLine, edge: float) -> bool:
    """True if no word of ``line`` crosses the gutter strip left of ``edge``."""
    gutter = edge - GUTTER * line.size
    for w in line.words:
        if w.x1 > gutter and w.x0 < edge:
            return False
    return True


def _split_run(run: list[VisualLine], edge: float) -> tuple[list[VisualLine], list[VisualLine]] | None:
    """The run's left and right column lines, or None unless both sides read as prose."""
    left: list[VisualLine] = []
    right: list[VisualLine] = []
    for ln in run:
        cut = next((k for k, w in enumerate(ln.words) if w.x0 >= edge), len(ln.words))
        if cut:
            left.append(_part(ln, 0, cut))
        if cut < len(ln.words):
            right.append(_part(ln, cut, len(ln.words)))
    if len(left) < GUTTER_MIN_LINES or len(right) < GUTTER_MIN_LINES:
        return None
    if not (_prose(left) and _prose(right) and (_filled(left) or _filled(right))):
        return None
    return left, right


def _part(line: VisualLine, a: int, b: int) -> VisualLine:
    if a == 0 and b == len(line.words):
        return line
    return VisualLine(line.page, line.words[a:b], (False,) + line.wide_gap[a + 1:b], line.top, line.bottom, line.size)


def _prose(side: list[VisualLine]) -> bool:
    """True if these lines read as running text or a list, not as table cells: most words hold a
    letter, and hardly any line holds a column gap (one after a bullet or list mark does not count)."""
    words = [w.text for ln in side for w in ln.words]
    if sum(1 for t in words if any(ch.isalpha() for ch in t)) < PROSE_LETTERS * len(words):
        return False
    gapped = sum(1 for ln in side if any(wide and not _MARK.match(ln.words[k - 1].text)
                                         for k, wide in enumerate(ln.wide_gap) if k))
    return gapped <= PROSE_GAPPED * len(side)


def _filled(side: list[VisualLine]) -> bool:
    """True if at least half the lines end within 3 em of the side's right edge, as running text
    fills its column (a table's label column does not)."""
    right = max(ln.words[-1].x1 for ln in side)
    return 2 * sum(1 for ln in side if ln.words[-1].x1 >= right - 3 * ln.size) >= len(side)


_MARK = re.compile(r"^(?:[•·▪■–\-*]|\d{1,2}[.)]|[a-z][.)])$")


# --------------------------------------------------------------------------- furniture

def _shape(text: str) -> str:
    """A line's text with figures masked and a page number at either end dropped, for spotting lines
    repeated on every page (left and right pages put the number on alternate sides)."""
    masked = re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))
    return re.sub(r"^(?:# )+|(?: #(?: \(#\))?)+$", "", masked) or masked


def _figure_row(text: str) -> bool:
    """A table's row, not a footer repeated on every page: a line of three or more figures (no years), or
    figures before a page number glued to their line ("542 616  16 (23)")."""
    glued = re.search(r"\s+\d{1,3}\s*\(\d{1,3}\)\s*$", text)
    rest = (text[:glued.start()] if glued else text).split()
    figures = [t for t in rest if re.fullmatch(r"[-–−(]?\d+(?:,\d+)?\)?%?", t) and not re.fullmatch(r"(?:19|20)\d\d", t)]
    return len(figures) >= 3 or bool(glued) and sum(len(re.sub(r"\D", "", t)) for t in figures) >= 3


_RUN = 3               # a margin line on this many consecutive pages is furniture (an appended document's footer)


def furniture_flags(pages: Sequence[tuple[float, list[VisualLine]]]) -> list[list[bool]]:
    """For each page's lines: True where the line is page furniture.

    ``pages`` holds (page height, lines).  Furniture is: a running header that
    :func:`kslib.read.source._is_running_header` knows; a line in the top or bottom
    margin that repeats (figures masked) on at least half the pages (and on
    two or more) or on three consecutive pages; a bare page number (``7``, ``- 7 -``, ``Sida 7 av 36``) as the
    first or last line of a page, inside the margin.
    """
    margin_lines: list[list[int]] = []
    for height, lines in pages:
        idx = [k for k, ln in enumerate(lines[:3]) if ln.bottom <= MARGIN * height]
        idx += [k for k, ln in enumerate(lines) if k >= len(lines) - 3 and ln.top >= (1 - MARGIN) * height]
        margin_lines.append(sorted(set(idx)))
    counts: Counter[str] = Counter()
    runs: Counter[str] = Counter()        # the longest run of consecutive pages a margin line repeats on
    run: dict[str, int] = {}
    for (height, lines), idx in zip(pages, margin_lines):
        shapes = {_shape(lines[k].text) for k in idx}
        counts.update(shapes)
        run = {sh: run.get(sh, 0) + 1 for sh in shapes}
        for sh, n in run.items():
            runs[sh] = max(runs[sh], n)
    n_pages = len(pages)
    needed = max(2, math.ceil(n_pages / 2))
    flags: list[list[bool]] = []
    for (height, lines), idx in zip(pages, margin_lines):
        page_flags = [False] * len(lines)
        for k, ln in enumerate(lines):
            text = ln.text
            if _is_running_header(text):
                page_flags[k] = True
            elif k in idx and n_pages >= 2 and (counts[_shape(text)] >= needed or runs[_shape(text)] >= _RUN) \
                    and not _figure_row(text):
                page_flags[k] = True
            elif k in idx and (k == 0 or k == len(lines) - 1 or _edge(lines, k)) and _PAGE_NUMBER.match(text):
                page_flags[k] = True
        flags.append(page_flags)
    return flags


def _edge(lines: list[VisualLine], k: int) -> bool:
    """True if only margin lines stand between line ``k`` and the page edge (header over page number)."""
    return k <= 1 or k >= len(lines) - 2
