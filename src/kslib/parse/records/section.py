"""Sections of a report and the page furniture among their lines.

The read layer sets running headers aside (and, in a PDF, every line that repeats in the page margins).
A text layer still holds its page footers ("Nämnden  4 (13)", "Årsrapport 2025 … 35 (40)", a printout's
date) where the pages break; a record that runs over a page break must not take them in.  :func:`furniture`
finds them once per source: a footer-like line at a page's edge (its first or last two lines; a lone date
there only where the same date stands at other pages' edges too), or one whose shape (figures masked)
repeats in the report; :func:`body` gives a run of lines without them and
:func:`clean` a line's text without a page footer glued to its end.  :func:`section` finds a heading and
the lines up to the end of its section.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from kslib.parse.records.memo import once
from kslib.read.source import Line, Source
from kslib.vocab.furniture import DATE_LINE, PAGE_FOOTER, PAGE_OF_TOTAL, is_running_header, page_at_end

_EDGE = 2          # lines at each end of a page that may be its header or footer
_SHORT = 10        # words: a running footer is short


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip()))


def _edges(lines: tuple[Line, ...]) -> set[int]:
    """Line numbers of the first and last lines of each page (none where pages are unknown)."""
    out: set[int] = set()
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.page is not None:
            by_page.setdefault(ln.page, []).append(ln)
    for page_lines in by_page.values():
        out.update(ln.number for ln in page_lines[:_EDGE] + page_lines[-_EDGE:])
    return out


def _footer_like(text: str) -> bool:
    """A page number with its total, alone or after a short running text."""
    if PAGE_OF_TOTAL.match(text):
        return True
    end = page_at_end(text)
    return end is not None and 0 < len(end[0].split()) <= _SHORT and not re.search(r"\d\s*$", end[0])


def _find_furniture(source: Source) -> frozenset[int]:
    edges = _edges(source.lines)
    shapes = Counter(_shape(ln.text) for ln in source.lines if _footer_like(ln.text))
    dates = Counter(ln.text.strip() for ln in source.lines if ln.number in edges and DATE_LINE.match(ln.text))
    out = set()
    for ln in source.lines:
        text = ln.text
        if is_running_header(text):
            out.add(ln.number)
        elif ln.number in edges and (PAGE_FOOTER.match(text) or _footer_like(text)
                                     or DATE_LINE.match(text) and dates[text.strip()] >= 2):
            out.add(ln.number)
        elif _footer_like(text) and shapes[_shape(text)] >= 2:
            out.add(ln.number)
    return frozenset(out)


def furniture(source: Source) -> frozenset[int]:
    """Line numbers of the page furniture among the source's lines (see the module doc)."""
    return once(source, "furniture", _find_furniture)


def body(source: Source, start: int = 0, stop: int | None = None) -> list[Line]:
    """The lines ``source[start:stop]`` without page furniture."""
    skip = furniture(source)
    return [ln for ln in source.lines[start:stop] if ln.number not in skip]


def page_ends(source: Source) -> frozenset[int]:
    """Line numbers of each page's last line (where a footer may be glued to the text)."""
    def compute(src: Source) -> frozenset[int]:
        last: dict[int, int] = {}
        for ln in src.lines:
            if ln.page is not None:
                last[ln.page] = ln.number
        return frozenset(last.values())
    return once(source, "page_ends", compute)


def clean(source: Source, line: Line) -> str:
    """The line's text without a page footer glued to its end ("… e-tjänster.  3 (12)" on a page's last line)."""
    if line.number in page_ends(source):
        end = page_at_end(line.text)
        if end is not None and end[0] and not re.search(r"[\d(]\s*$", end[0]):
            return end[0]
    return line.text


@dataclass(frozen=True)
class Section:
    """A heading (``source[start]``) and the lines of its section up to ``source[stop]``, furniture removed."""

    start: int
    stop: int
    lines: tuple[Line, ...]


def section(source: Source, heading: re.Pattern[str] | int, *, ends: Callable[[Line], bool] | None = None
            ) -> Section | None:
    """The section under the first heading matching ``heading`` (or under ``source[heading]``), to the line
    ``ends`` accepts or the end of the text; None without such a heading."""
    at = heading if isinstance(heading, int) else source.find(heading)
    if at is None:
        return None
    stop = len(source)
    if ends is not None:
        stop = next((k for k in range(at + 1, len(source)) if ends(source[k])), len(source))
    return Section(at, stop, tuple(body(source, at + 1, stop)))


# --------------------------------------------------------------------------- a page's lines as printed across

_SAME_ROW = 0.5          # of the font size: lines whose tops differ less stand on one printed row
_COLUMN_GAP = 0.8        # em: a wider gap between words is a cell gap (two spaces in the text)


def _merge(parts: list[Line], size: float) -> Line:
    words = sorted((w for ln in parts for w in ln.words or ()), key=lambda w: w.x0)
    text = ""
    for k, w in enumerate(words):
        if k:
            text += "  " if w.x0 - words[k - 1].x1 > _COLUMN_GAP * size else " "
        text += w.text
    first = min(parts, key=lambda ln: ln.number)
    symbols = tuple(sorted((s for ln in parts for s in ln.symbols), key=lambda s: s.x0))
    return Line(first.number, text, first.page, tuple(words), symbols)


def _rows_across(source: Source) -> list[Line]:
    lines = body(source)
    geometry = getattr(source, "geometry", None)
    if not geometry or not all(ln.words and ln.number in geometry for ln in lines):
        return lines
    out: list[Line] = []
    by_page: dict[int | None, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    for page_lines in by_page.values():
        page_lines.sort(key=lambda ln: (geometry[ln.number].top, ln.words[0].x0))
        group: list[Line] = []
        for ln in page_lines:
            box = geometry[ln.number]
            if group and abs(box.top - geometry[group[0].number].top) <= _SAME_ROW * min(box.size, 12.0):
                group.append(ln)
                continue
            if group:
                out.append(group[0] if len(group) == 1 else _merge(group, geometry[group[0].number].size))
            group = [ln]
        if group:
            out.append(group[0] if len(group) == 1 else _merge(group, geometry[group[0].number].size))
    return out


def rows_across(source: Source) -> list[Line]:
    """The report's lines (furniture removed) as the page prints them across: a PDF page the reader read as
    two columns of text (a two-column table looks like one) gives its lines back joined row by row, top to
    bottom; a text layer's lines are that already.  For the column tables of records."""
    return once(source, "rows_across", _rows_across)
