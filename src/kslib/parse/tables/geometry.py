"""Words of a line with horizontal positions, for PDF and text layer alike.

A PDF line carries its words with x positions (points).  A ``pdftotext -layout``
text line carries them implicitly: the character offset is the position.  Both
become :class:`Pos` words; :data:`wide` tells when a gap separates cells rather
than thousands groups of one figure.  PDF fragments of one word ("Ut" "fall")
are joined when they touch.  :func:`unglue` takes apart words that a text layer
printed without the space between cells ("Kommunstyrelse-1844-62",
"2020Intäkter").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kslib.parse.tables.settings import current
from kslib.read.source import Line

_NUMERIC = re.compile(r"^\(?[-–—+]?\d+(?:,\d+)?\*{0,3}%?\)?\*{0,3}$")
_SIGN = re.compile(r"^[-–—+]$")


@dataclass(frozen=True, slots=True)
class Pos:
    """A word and its horizontal extent; ``wide`` is True when a cell gap stands before it."""

    text: str
    x0: float
    x1: float
    wide: bool = True
    glued: bool = False     # cut out of a word that held several cells without a space between them
    note: bool = False      # a text in a numeric cell ("Stängt", "ung. 116 000"): a value of its own (NA)

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
            if out and w.x0 - out[-1].x1 < current().pdf_touch and (not is_numeric(w.text) or _SIGN.match(out[-1].text)):
                # fragments of one word; a figure never joins the word before it ("förvaltning3" "726"),
                # except a sign printed apart ("-" "224")
                prev = out[-1]
                out[-1] = Pos(prev.text + w.text, prev.x0, w.x1, prev.wide)
                continue
            wide = not out or w.x0 - out[-1].x1 > current().pdf_cell_gap
            out.append(Pos(w.text, w.x0, w.x1, wide))
        return out
    out = []
    prev_end = None
    for m in re.finditer(r"\S+", line.text):
        wide = prev_end is None or m.start() - prev_end >= current().text_cell_gap
        out.append(Pos(m.group(), float(m.start()), float(m.end()), wide))
        prev_end = m.end()
    return out


_GLUED_FIGURES = re.compile(r"^(?P<label>.*?[^\W\d_]{3,}[.)]?)?(?P<figs>(?:[-–—+]?\d+(?:,\d+)?)+)$")
_CHUNK = re.compile(r"[-–—+]?\d+(?:,\d+)?")
_DATE_OR_SPAN = re.compile(r"(?:19|20)\d\d[-–](?:\d\d|(?:19|20)\d\d)(?:[-–]\d\d)?")
_GLUED_HEADER = re.compile(r"^(?P<a>(?:19|20)\d\d|[A-ZÅÄÖ]?[a-zåäö]{3,})(?P<b>[A-ZÅÄÖ][a-zåäö]{3,}.*)$")


def _cut(w: Pos, parts: list[str], glued: bool) -> list[Pos]:
    """``w`` as consecutive words ``parts``, positions shared out by characters."""
    out, at, per = [], w.x0, (w.x1 - w.x0) / max(1, len(w.text))
    for k, part in enumerate(parts):
        x1 = at + per * len(part)
        out.append(Pos(part, at, x1, w.wide if k == 0 else True, glued and bool(_CHUNK.fullmatch(part))))
        at = x1
    return out


def _glued_figures(text: str, group_follows: bool, figure_follows: bool = False) -> list[str] | None:
    """``"Kommunstyrelse-1844-62"`` → ``["Kommunstyrelse", "-1844", "-62"]``; ``"950-150"`` → ``["950", "-150"]``.

    Only where signs show cell boundaries: a label glued to a signed figure, or two or more figures
    glued by their signs; one of them has three digits or decimals, or a thousands group follows
    (``group_follows``), so no "0-18", date or year span.  A chunk of digits may still hold several
    unsigned figures: the identity splitter reads those."""
    m = _GLUED_FIGURES.match(text)
    if not m or _DATE_OR_SPAN.fullmatch(m.group("figs")):
        return None
    figs = _CHUNK.findall(m.group("figs"))
    label = m.group("label")
    # a label glued to a whole figure: decimals, or three digits and no thousands group after ("kommunhuset151 74")
    digits = figs[0].lstrip("-–—+").split(",")[0]
    decimal = bool(label) and len(figs) == 1 and not group_follows and (
        "," in figs[0] or len(digits) == 3 and figure_follows)
    if len(figs) < 2 and not (label and (figs[0][0] in "-–—+" or group_follows)) and not decimal:
        return None         # "unga4" before "048,2": the figure 4 048,2 glued to its label
    if not group_follows and not any("," in f or len(f.lstrip("-–—+")) >= 3 for f in figs):
        return None
    return ([label] if label else []) + figs


def unglue(ws: list[Pos]) -> list[Pos]:
    """Words with cells glued together taken apart: figures at the line's end glued to the label or to
    each other by their signs, and header words glued to a year ("2020Intäkter", "UtfallBudget").

    The cut-out figures are marked ``glued`` (their digits may hold more figures), except the first of a
    word without a label, whose left edge is a printed space ("3 950-150")."""
    from kslib.vocab import measures as hd
    out: list[Pos] = []
    for k, w in enumerate(ws):
        rest = ws[k + 1:]
        trailing = all(_NUMERIC.match(v.text) or _SIGN.match(v.text) or _GLUED_FIGURES.fullmatch(v.text)
                       for v in rest)
        group_follows = bool(rest) and not rest[0].wide and bool(re.fullmatch(r"\d{3}\b.*", rest[0].text))
        parts = _glued_figures(w.text, group_follows, bool(rest)) if trailing and not _NUMERIC.match(w.text) else None
        if parts:
            cut = _cut(w, parts, True)
            if _CHUNK.fullmatch(parts[0]):
                cut[0] = Pos(cut[0].text, cut[0].x0, cut[0].x1, cut[0].wide, False)
            out.extend(cut)
            continue
        m = _GLUED_HEADER.match(w.text)
        if m and hd.is_vocab(m.group("b").split()[0]) and (hd.YEAR.match(m.group("a")) or hd.is_vocab(m.group("a"))):
            out.extend(_cut(w, [m.group("a"), m.group("b")], False))
            continue
        out.append(w)
    return out


def positional(line: Line) -> bool:
    """Does the line's geometry separate cells (PDF words, or a layout text with wide gaps)?"""
    return bool(line.words) or "  " in line.text.strip()


def tolerance(line: Line) -> float:
    """How far apart right edges of one column may stand."""
    return current().pdf_column_edges if line.words else current().text_column_edges
