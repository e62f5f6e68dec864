"""Running text as paragraphs and sentences, each offset mapped back to its line.

A PDF's text layer breaks lines mid-sentence (and :class:`~kslib.read.source.Source`
has already dropped the blank lines), so prose figures must be matched on the
joined text of a paragraph.  :func:`paragraphs` joins wrapped lines; a new
paragraph starts at a bullet, after a heading, or where a line ends a sentence
and the next begins with a capital.  Every :class:`Paragraph` and
:class:`Sentence` maps an offset in its text back to the :class:`Line` it came
from, so a figure found anywhere keeps its provenance.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence

from kslib.read.source import Line, Source
from kslib.text import joins_without_space

_TERMINAL = re.compile(r"[.!?:;]['\"”)]*$")
_HEADING_MAX_CHARS = 60
_HEADING_MAX_WORDS = 7
# A sentence ends at . ! ? followed by a space and a capital letter, a bullet or a digit-less opener.
_SENTENCE_END = re.compile(r"(?<=[.!?])['\"”)]*\s+(?=[A-ZÅÄÖÉ•]|\d)")
# a full stop after these short words is an abbreviation's ("prel. 8", "ca. 40", "nr. 2"), not an end
_ABBREVIATION = re.compile(r"(?:^|[\s(])[A-Za-zÅÄÖåäö]{1,4}\.$")
_CODE_HEADING = re.compile(r"^(?P<code>\d{1,6})\s+(?P<name>[^\d]*[A-Za-zÅÄÖåäöÉé][^\d]*)$")


def _bullet(text: str) -> str | None:
    """The bullet a line starts with ("•", "–", "- ", a private-use Wingdings glyph, a "? " left by a lossy
    re-encoding), else None."""
    s = text.lstrip()
    if not s:
        return None
    ch = s[0]
    if ch in "•▪◦●–" or unicodedata.category(ch) in ("Co", "So"):
        return ch
    if ch in "-?" and len(s) > 1 and s[1] == " ":    # "?": a bullet glyph lost in a re-encoding
        return ch
    return None


def _strip_bullet(text: str) -> str:
    s = text.strip()
    return s[1:].strip() if _bullet(s) else s


def is_heading_text(text: str) -> bool:
    """Short, starts like a title, does not end like a sentence or a wrapped word."""
    s = text.strip()
    if not s or len(s) > _HEADING_MAX_CHARS or len(s.split()) > _HEADING_MAX_WORDS:
        return False
    if _TERMINAL.search(s) or s.endswith((",", "-")) or _bullet(s):
        return False
    return s[0].isupper() or s[0].isdigit()


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph; ``start`` is its offset in the paragraph's text."""

    text: str
    paragraph: "Paragraph"
    start: int

    def line_at(self, offset: int = 0) -> Line:
        """The line holding character ``offset`` of this sentence."""
        return self.paragraph.line_at(self.start + offset)

    @property
    def line(self) -> Line:
        return self.line_at(0)

    @property
    def location(self) -> str:
        return self.line.location


@dataclass(frozen=True)
class Paragraph:
    """Lines joined by single spaces; ``starts[k]`` is where line ``k`` begins in ``text``."""

    lines: tuple[Line, ...]
    text: str
    starts: tuple[int, ...]
    heading: bool = False
    bullet: bool = False

    def line_at(self, offset: int) -> Line:
        """The line holding character ``offset`` of the joined text."""
        k = bisect.bisect_right(self.starts, max(0, offset)) - 1
        return self.lines[max(0, k)]

    @property
    def line(self) -> Line:
        return self.lines[0]

    @property
    def location(self) -> str:
        return self.lines[0].location

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The paragraph cut at sentence ends (". " before a capital); abbreviations before
        lower-case words ("bl.a. om", "Inkl. i") do not cut."""
        out: list[Sentence] = []
        pos = 0
        for m in _SENTENCE_END.finditer(self.text):
            if self.text[m.end():m.end() + 1].isdigit() and _ABBREVIATION.search(self.text[:m.start()]):
                continue
            out.append(Sentence(self.text[pos:m.start()].strip(), self, pos))
            pos = m.end()
        if pos < len(self.text):
            out.append(Sentence(self.text[pos:].strip(), self, pos))
        return tuple(s for s in out if s.text)

    @property
    def code_heading(self) -> tuple[str, str] | None:
        """``("104", "Projekt och samverkan")`` for a heading made of a code and a name."""
        if not self.heading:
            return None
        m = _CODE_HEADING.match(self.text.strip())
        return (m.group("code"), m.group("name").strip()) if m else None


def join_lines(lines: Sequence[Line], *, heading: bool = False, bullet: bool = False) -> Paragraph:
    """One paragraph from consecutive lines (a hyphen at a line's end before a lower-case word is kept:
    Swedish compounds such as "Corona-" / "krisen" are written with it)."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    for k, line in enumerate(lines):
        text = _strip_bullet(line.text) if k == 0 else line.text.strip()
        if parts:
            sep = "" if joins_without_space(parts[-1], text) else " "
            pos += len(sep)
            parts.append(sep)
        starts.append(pos)
        parts.append(text)
        pos += len(text)
    return Paragraph(tuple(lines), "".join(parts), tuple(starts), heading, bullet)


def paragraphs(source: Source | Iterable[Line], *, start: int = 0, stop: int | None = None) -> list[Paragraph]:
    """The source's lines (index ``start`` to ``stop``) joined into paragraphs."""
    lines = list(source.lines if isinstance(source, Source) else source)[start:stop]
    out: list[Paragraph] = []
    current: list[Line] = []
    current_bullet = False
    prev_ended = True      # the previous line closed a sentence (or there is none)

    def flush():
        nonlocal current, current_bullet
        if current:
            out.append(join_lines(current, bullet=current_bullet))
        current, current_bullet = [], False

    for k, line in enumerate(lines):
        text = line.text.strip()
        if not text:
            continue
        bullet = _bullet(text) is not None
        nxt = _strip_bullet(lines[k + 1].text) if k + 1 < len(lines) else ""
        # a title is followed by a line that starts anew; a programme heading ("162 Name") stands alone
        # even after a line that lost its full stop, and before a line that lost its capital
        code = bool(_CODE_HEADING.match(text))
        if is_heading_text(text) and ((prev_ended and not nxt[:1].islower()) or code):
            flush()
            out.append(join_lines([line], heading=True))
            prev_ended = True
            continue
        body = _strip_bullet(text) if bullet else text
        starts_new = bullet or (prev_ended and (body[:1].isupper() or body[:1].isdigit()))
        if starts_new:
            flush()
            current_bullet = bullet
        current.append(line)
        prev_ended = bool(_TERMINAL.search(text))
    flush()
    return out
