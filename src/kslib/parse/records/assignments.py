"""Assignments (uppdrag) and their status, from a table "Uppdrag … | … status … | (Kommentar)".

A report accounts for the assignments it received from the council (KF/KS) or gave itself in a table
whose first column holds the assignment, often followed by metadata ("Uppdragsår" / "2025", "Typ av …" /
"…"), and whose other columns hold the status and the comment (one column "Uppdragets status och
kommentar", or two).  The table is found by its header and read by the one column reader
(:mod:`~kslib.parse.records.columns`), over page breaks: the page furniture is removed first and a header
repeated on the next page is read past, so a title never ends with a page footer.

An assignment starts with a capitalised cell in the assignment column when no assignment is open, when
its status stands on the same line, when the one above has passed its metadata, or when the title above
ended a sentence and this line starts a comment of its own (in a table that gives neither statuses nor
metadata, the sentence's end alone).  A heading at the margin, prose across the columns or a key to the
statuses ends the table.  Its status is read only from the status cell's head (words such as "Avslutad",
"Pågående", "Klar" → ``done``/``ongoing``, basis ``text``; a symbol only by the report's own key, basis
``symbol``, a PDF's coloured symbol by its legend of colours); otherwise ``unknown`` (basis ``none``).
"""
from __future__ import annotations

import re

from kslib.parse.records.columns import Column, Record, capitalised, header, read_table, tolerance
from kslib.parse.records.goal_rows import Goal
from kslib.parse.records.section import clean, rows_across
from kslib.parse.records.status import Stated, cell_status
from kslib.read.source import Line, Source
from kslib.statuses import is_key
from kslib.text import squeeze
from kslib.vocab.goals import ASSIGNMENT_FIELDS, ASSIGNMENT_META, DATE

_TOL = (10.0, 4.0)          # a cell may start this far left of its column (points, characters)
_LONGEST = {"assignment": 5, "status": 6, "comment": 6, "id": 1}


def _header(line: Line) -> list[Column] | None:
    """The columns when the line is an assignment table's header (capitalised short cells, no punctuation)."""
    columns = header(line, ASSIGNMENT_FIELDS)
    if columns is None or columns[0].field not in ("assignment", "id"):
        return None
    fields = {c.field for c in columns}
    if "assignment" not in fields or not fields & {"status", "comment"}:
        return None
    if any(not c.text[:1].isupper() or re.search(r"[.,:;]$", c.text) or len(c.text.split()) > _LONGEST[c.field]
           for c in columns):
        return None
    return columns


def _right(cells: dict[str, str]) -> str:
    return cells.get("status") or cells.get("comment") or ""


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?]$", text.strip()))


def _starts(key: dict[str, str | None]):
    """The row rule of one assignment table (it remembers whether the table gives statuses or metadata)."""
    structured = False

    def starts(cur: Record | None, cells: dict[str, str], line: Line) -> bool:
        nonlocal structured
        left, right = cells.get("assignment", ""), _right(cells)
        if not left or ASSIGNMENT_META.match(left):
            structured = structured or bool(left)
            return False
        stated = cell_status(cells["status"], key) if cells.get("status") else None
        structured = structured or stated is not None
        if cur is None:
            return capitalised(left)
        parts = cur.parts.get("assignment", [])
        if parts and ASSIGNMENT_META.match(parts[-1]):
            return False                          # the value of a metadata label
        if not capitalised(left):
            return False
        if any(ASSIGNMENT_META.match(p) for p in parts) or stated is not None:
            return True
        ended = bool(parts) and _ends_sentence(parts[-1])
        above = cur.parts.get("status", []) + cur.parts.get("comment", [])
        if ended and capitalised(right) and (not above or _ends_sentence(above[-1])):
            return True                           # a title and a comment of its own start on this line
        return ended and not structured
    return starts


def read_assignments(source: Source, key: dict[str, str | None]) -> list[Goal]:
    """Every assignment as a goal row (level ``assignment``, ids ``U1`` …); see the module doc."""
    lines = [_cleaned(source, ln) for ln in rows_across(source)]
    records: list[Record] = []
    i = 0
    while i < len(lines):
        columns = _header(lines[i])
        if columns is None:
            i += 1
            continue
        rows, stop = read_table(lines[i + 1:], columns, starts=_starts(key), ends=_ends, fields=ASSIGNMENT_FIELDS,
                                tol=_TOL)
        records.extend(rows)
        i += 1 + max(stop, 0)
    return [_assignment(n, rec, key) for n, rec in enumerate(records, 1)]


def _cleaned(source: Source, line: Line) -> Line:
    """The line without a page footer glued to its end."""
    text = clean(source, line)
    if text == line.text:
        return line
    return Line(line.number, text, line.page, line.words[:len(text.split())] if line.words else None, line.symbols)


def _ends(line: Line, pieces, columns: list[Column]) -> bool:
    """Text at the margin (a heading), prose running across the columns or a key to statuses ends the table."""
    tol = tolerance(line, _TOL)
    if not pieces:
        return False
    return pieces[0].x0 < columns[0].x0 - tol or is_key(line.text) or len(pieces) == 1 \
        and pieces[0].x1 > columns[1].x0 + tol and pieces[0].x0 < columns[1].x0 - tol


def _assignment(n: int, rec: Record, key: dict[str, str | None]) -> Goal:
    """The goal row of an assignment: its title (the metadata apart), its status from the head of its status
    cell, the date and comment after it."""
    title: list[str] = []
    meta: dict[str, str] = {}
    label: str | None = None
    for part in rec.parts.get("assignment", []):
        if ASSIGNMENT_META.match(part):
            label = part.rstrip(" :")
        elif label is not None:
            meta.setdefault(label, part)
            label = None
        elif not meta:
            title.append(part)
    stated: Stated | None = None
    date = ""
    comment: list[str] = []
    status_parts = rec.parts.get("status", [])
    for k, part in enumerate(status_parts):
        piece = part.strip()
        if not comment and stated is None and (found := cell_status(piece, key)) is not None:
            stated = found.at(rec.numbers["status"][k])
            rest = piece[len(found.words):].lstrip(" .:–—-") if piece.startswith(found.words) else ""
            if rest:
                comment.append(rest)
        elif not date and not comment and DATE.match(piece):
            date = piece
        else:
            comment.append(piece)
    comment.extend(rec.parts.get("comment", []))
    goal = Goal.at(f"U{n}", rec.first, " ".join(title), level="assignment",
                   horizon=next((v for k, v in meta.items() if re.search(r"år\b", k, re.I)), ""))
    head = " ".join(p for p in ((stated.words if stated else ""), date) if p)
    text = " ".join(comment).strip()
    goal.state(stated).mark(rec.symbols("status") or rec.symbols("assignment", first_line=True))
    goal.comment = f"{head}: {squeeze(text)}" if head and text else (head or squeeze(text))
    return goal
