"""Assignments (uppdrag) and their status, from a two-column table "Uppdrag … | … status …".

A report accounts for the assignments it received from the council (KF/KS) or gave
itself in a table whose left column holds the assignment, often followed by
metadata ("Uppdragsår" / "2025", "Typ av …" / "Uppdrag inom budgetbeslut"), and whose
right column holds the status and the comment.  The table is found by its header (a
left cell naming "Uppdrag", a right cell naming "status" or "kommentar"); columns are
told apart by where a piece of text starts (characters in a text layer, points in a
PDF), so the interleaved lines of the two columns are pulled apart.

An assignment starts with a capitalised left cell when its status word stands on the
same line, when no assignment is open, or when the previous one has passed its
metadata.  Its status is read only from words at the head of its comment ("Avslutad",
"Pågående", "Klar" → ``done``/``ongoing``, basis ``text``), or from a symbol at its head that
the report's own key explains ("✓ Genomförd  ✗ Ej genomförd", basis ``symbol``); where the report
shows the status as a symbol the text layer lost, or one without a key, the status is ``unknown``
(basis ``none``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kslib.diagnostics import ParseWarning
from kslib.read.source import Line, Source
from kslib.statuses import is_symbol, status_from_symbol, status_from_words, symbol_key
from kslib.text import squeeze

_LEFT_HEADER = re.compile(r"\buppdrag\w*\b", re.I)
_RIGHT_HEADER = re.compile(r"\b(?:status|kommentar)\b", re.I)
_META = re.compile(r"^(?:Uppdragsår|Uppdragets\s+år|Beslutsår|Typ\s+av\b.*|Beslutsdatum|Beslutad\b.*|"
                   r"Diarienummer|Dnr|Källa|Ansvarig)\s*:?\s*$", re.I)
_FOOTER = re.compile(r"^\S.*\s{3,}\d+\s*\(\s*\d+\s*\)\s*$")     # "Årsrapport … 2025      35 (40)"
_DATE = re.compile(r"^(?:19|20)\d\d-\d\d-\d\d$")
_STATUS_HEAD = re.compile(r"^([A-Za-zÅÄÖåäö ]{3,30}?)\s*(?:[.:–—-]\s+|$)")
_GAP_POINTS = 8.0


@dataclass
class _Assignment:
    left: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    right: list[str] = field(default_factory=list)
    line: Line | None = None
    status: str = "unknown"
    status_words: str = ""
    status_basis: str = "none"
    status_line: int | None = None
    date: str = ""
    in_meta: bool = False
    pending_label: str | None = None


def _chunks(line: Line) -> list[tuple[float, str]]:
    """Pieces of a line with where each starts: words closer than a gap (PDF) or runs of single spaces."""
    if line.words:
        out: list[tuple[float, list[str], float]] = []
        for w in line.words:
            if out and w.x0 - out[-1][2] < _GAP_POINTS:
                out[-1][1].append(w.text)
                out[-1] = (out[-1][0], out[-1][1], w.x1)
            else:
                out.append((w.x0, [w.text], w.x1))
        return [(x, " ".join(ws)) for x, ws, _ in out]
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", line.text)]


def _header(line: Line) -> tuple[float, float] | None:
    """(left start, right start) when the line is the table's header."""
    chunks = _chunks(line)
    if len(chunks) == 2 and all(t[:1].isupper() and not re.search(r"[.,:;]$", t) for _, t in chunks) \
            and _LEFT_HEADER.search(chunks[0][1]) and not _META.match(chunks[0][1]) \
            and _RIGHT_HEADER.search(chunks[1][1]) \
            and len(chunks[0][1].split()) <= 5 and len(chunks[1][1].split()) <= 6:
        return chunks[0][0], chunks[1][0]
    return None


def _status_of(text: str, key: dict | None = None) -> tuple[str, str, str] | None:
    """(code, words, basis) when ``text`` is, or starts with, a status in words ("Avslutad", "Pågår: …")
    or a symbol the report's key explains."""
    code = status_from_words(text)
    if code is not None:
        return code, text.strip(), "text"
    m = _STATUS_HEAD.match(text.strip())
    if m and (code := status_from_words(m.group(1))) is not None:
        return code, m.group(1).strip(), "text"
    head = text.strip().split(" ", 1)[0]
    if key and is_symbol(head) and (code := status_from_symbol(head, key)) is not None:
        return code, head, "symbol"
    return None


def read_assignments(source: Source, *, year: int | None = None,
                     warnings: list[ParseWarning] | None = None) -> list[dict]:
    """Every assignment as a goal row (level ``assignment``); see the module doc."""
    warnings = [] if warnings is None else warnings
    items: list[_Assignment] = []
    key = symbol_key(source.lines)
    bounds: tuple[float, float] | None = None
    tol = 4.0
    for line in source.lines:
        head = _header(line)
        if head is not None:
            bounds, tol = head, (10.0 if line.words else 4.0)
            continue
        if bounds is None or _FOOTER.match(line.text):
            continue
        left_x, right_x = bounds
        chunks = _chunks(line)
        if chunks and chunks[0][0] < left_x - tol:        # a heading at the margin ends the table
            bounds = None
            continue
        left = [t for x, t in chunks if x < right_x - tol]
        right = [t for x, t in chunks if x >= right_x - tol]
        cur = items[-1] if items else None
        text = " ".join(left)
        if text:
            status = _status_of(right[0], key) if right else None
            if cur is not None and _META.match(text):
                cur.in_meta, cur.pending_label = True, text.rstrip(" :")
            elif cur is not None and cur.pending_label:
                cur.meta[cur.pending_label], cur.pending_label = text, None
            elif text[:1].isupper() and (cur is None or cur.in_meta or status is not None):
                cur = _Assignment(line=line)
                items.append(cur)
                cur.left.append(text)
            elif cur is not None and not cur.in_meta:
                cur.left.append(text)
        if cur is None:
            continue
        for piece in right:
            if not cur.right and not cur.status_words and (status := _status_of(piece, key)) is not None:
                cur.status, cur.status_words, cur.status_line = status[0], status[1], line.number
                cur.status_basis = status[2]
                rest = piece.strip()[len(status[1]):].lstrip(" .:–—-")
                if rest:
                    cur.right.append(rest)
            elif not cur.date and not cur.right and _DATE.match(piece.strip()):
                cur.date = piece.strip()
            else:
                cur.right.append(piece)
    return [_row(n, a) for n, a in enumerate(items, 1)]


def _row(n: int, a: _Assignment) -> dict:
    title = squeeze(" ".join(a.left))
    comment = squeeze(" ".join(a.right))
    head = " ".join(p for p in (a.status_words, a.date) if p)
    horizon = next((v for k, v in a.meta.items() if re.search(r"år\b", k, re.I)), "")
    return {"goal_id": f"U{n}", "level": "assignment", "parent_id": "", "kf_goal": "",
            "title": title, "horizon": horizon, "status": a.status,
            "basis": a.status_basis if a.status_words else "none",
            "comment": f"{head}: {comment}" if head and comment else (head or comment),
            "line": a.line.number if a.line else None, "prose_title": "",
            "status_line": a.status_line, "page": a.line.page if a.line else None, "numbered": False}
