"""The one column-table reader of records: columns from a header line's words and where they stand.

A record table (goals with their status, assignments, controls, action plans, scorecards) prints a header
of column words set apart by gaps ("Mål | Status | Kommentar") and rows whose cells stand under them,
wrapped over several lines.  Positions are PDF word positions (points) or, in a text layer, character
offsets (scaled to points by :data:`TEXT_POINTS`, so that one set of tolerances serves both); the words
come from :func:`kslib.parse.tables.geometry.words`, the grid the table reader uses.

* :func:`chunks` — a line's words grouped into cells by the gaps between them;
* :func:`header` — the columns, when every cell of a line is a column word of a specification;
* :func:`cells` — each word of a line given to the column it stands under: the last column that starts
  at or before it (``by="start"``, left-aligned text), or the column whose centre is nearest
  (``by="centre"``, figures centred or right-aligned under their header);
* :func:`read_table` / :func:`read_rows` — the rows under a header: a rule of the specification starts a
  row, other lines continue its cells (wrapped cells joined), a repeated header on a new page is read past
  (its positions taken over), and a rule of the specification ends the table;
* :func:`find_table`, :func:`starts_row`, :func:`ends_table` — the rules specifications share: a header
  under a heading, a capitalised first cell starts a row, a heading at the margin, a key to statuses or
  prose across the columns ends the table.

A GAP_POINTS (8 points) gap parts two cells: in a text layer two spaces do (10 points), one does not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from kslib.parse.tables.geometry import Pos, words
from kslib.read.source import Line, Source
from kslib.read.symbols import Symbol
from kslib.statuses import is_key
from kslib.text import join_texts

TEXT_POINTS = 5.0        # points per character of a text layer
GAP_POINTS = 8.0         # PDF: words farther apart than this stand in different cells
TOLERANCE = (6.0, 2.0)   # how far a cell may start left of its column: points (PDF), characters (text)
HEADER_REACH = 3         # lines between a table's heading and its column header


@dataclass(frozen=True)
class Chunk:
    """The words of one cell on one line, with where they start and end (points)."""

    text: str
    x0: float
    x1: float
    words: tuple[Pos, ...] = ()

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Column:
    """A column of a record table: the field it holds, where its header stands, its header words."""

    field: str
    x0: float
    x1: float
    text: str = ""

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def scaled(line: Line) -> list[Pos]:
    """The line's words with positions in points (a text layer's characters scaled)."""
    ws = words(line)
    if line.words:
        return ws
    return [Pos(w.text, w.x0 * TEXT_POINTS, w.x1 * TEXT_POINTS, w.wide) for w in ws]


def group(ws: list[Pos]) -> list[Chunk]:
    """Words grouped into cells: a gap of :data:`GAP_POINTS` or more parts two cells (two spaces of a text
    layer do, one does not)."""
    out: list[list[Pos]] = []
    for w in ws:
        if out and w.x0 - out[-1][-1].x1 < GAP_POINTS:
            out[-1].append(w)
        else:
            out.append([w])
    return [Chunk(" ".join(w.text for w in part), part[0].x0, part[-1].x1, tuple(part)) for part in out]


def chunks(line: Line) -> list[Chunk]:
    """The line's words grouped into cells (see :func:`group`)."""
    return group(scaled(line))


def tolerance(line: Line, spec: tuple[float, float] = TOLERANCE) -> float:
    """The tolerance ``(points, characters)`` for the medium of ``line``, in points."""
    return spec[0] if line.words else spec[1] * TEXT_POINTS


def field_of(text: str, fields: dict[str, str]) -> str | None:
    """The field whose column words ``text`` is (``"Kommentar"`` → ``"comment"``), or None."""
    t = re.sub(r"\s+", " ", text.strip(" :"))
    return next((f for f, pattern in fields.items() if re.fullmatch(rf"(?:{pattern})", t, re.I)), None)


def header(line: Line, fields: dict[str, str], *, least: int = 2) -> list[Column] | None:
    """The columns when every cell of ``line`` is a column word of ``fields`` (each field once, ``least``
    columns at least), in the order they stand."""
    out: list[Column] = []
    for c in chunks(line):
        f = field_of(c.text, fields)
        if f is None or f in {col.field for col in out}:
            return None
        out.append(Column(f, c.x0, c.x1, c.text))
    return out if len(out) >= least else None


def place(x0: float, x1: float, columns, *, by: str = "start", tol: float = 0.0) -> int:
    """Index of the column (anything with ``x0`` and ``centre``) a cell from ``x0`` to ``x1`` stands under."""
    if by == "centre":
        mid = (x0 + x1) / 2
        return min(range(len(columns)), key=lambda k: abs(columns[k].centre - mid))
    return max([k for k, c in enumerate(columns) if c.x0 <= x0 + tol] or [0])


def cells(line: Line, columns: list[Column], *, by: str = "start", tol: float | None = None) -> dict[int, str]:
    """Column index → the text of the line that stands under it.

    ``by="start"``: each word goes to the last column starting at or before it, so a cell whose gap to the
    next cell is narrow is still parted where a word starts under the next column.  ``by="centre"``: each
    cell (a chunk) goes to the column whose centre is nearest."""
    tol = tolerance(line) if tol is None else tol
    out: dict[int, list[str]] = {}
    for c in chunks(line):
        if by == "centre":
            out.setdefault(place(c.x0, c.x1, columns, by="centre"), []).append(c.text)
            continue
        k = place(c.x0, c.x1, columns, tol=tol)
        out.setdefault(k, []).append(c.words[0].text)
        for w in c.words[1:]:
            nk = place(w.x0, w.x1, columns, tol=tol)
            if nk > k and w.wide:
                k = nk
            out.setdefault(k, []).append(w.text)
    return {k: " ".join(v) for k, v in sorted(out.items())}


@dataclass
class Record:
    """One row of a record table: its lines and, per field, the texts of each line (wrapped cells), and the
    columns it was read under."""

    first: Line
    lines: list[Line] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, list[int]] = field(default_factory=dict)    # the line of each part
    columns: list[Column] = field(default_factory=list)

    def text(self, name: str) -> str:
        """A cell's text joined over its lines (a word hyphenated at a line's end joined)."""
        return join_texts(self.parts.get(name, [])).text

    def last(self, name: str) -> str:
        return self.parts[name][-1] if self.parts.get(name) else ""

    def symbols(self, name: str, *, first_line: bool = False) -> list[Symbol]:
        """The coloured symbols (PDF) on the row's lines, or its first line only, that stand under column
        ``name``: their centre placed as a word starting there would be."""
        if not self.columns:
            return []
        out = []
        for line in self.lines[:1] if first_line else self.lines:
            for s in line.symbols:
                x = s.centre[0]
                if self.columns[place(x, x, self.columns, tol=tolerance(line))].field == name:
                    out.append(s)
        return out

    def add(self, line: Line, by_field: dict[str, str]) -> None:
        if line not in self.lines:
            self.lines.append(line)
        for name, text in by_field.items():
            self.parts.setdefault(name, []).append(text)
            self.numbers.setdefault(name, []).append(line.number)


# starts(current record or None, field -> text of this line, line) -> does the line start a row?
Starts = Callable[[Record | None, dict[str, str], Line], bool]
# ends(line, its chunks, columns) -> does the line end the table?
Ends = Callable[[Line, list[Chunk], list[Column]], bool]


def read_table(lines: list[Line], columns: list[Column], *, starts: Starts, ends: Ends | None = None,
               fields: dict[str, str] | None = None, by: str = "start",
               tol: tuple[float, float] = TOLERANCE) -> tuple[list[Record], int]:
    """The rows of the table whose header gave ``columns``, read from ``lines`` (furniture removed), and the
    index of the line that ended it (``len(lines)`` at the end of the text).

    ``fields`` (the specification's column words) lets a header repeated on a new page be read past, its
    positions taken over (a text layer shifts its columns from page to page)."""
    rows: list[Record] = []
    for k, line in enumerate(lines):
        if fields is not None and (again := header(line, fields)) is not None \
                and {c.field for c in again} == {c.field for c in columns}:
            columns = again
            continue
        if ends is not None and ends(line, chunks(line), columns):
            return rows, k
        by_field = {columns[j].field: text for j, text in cells(line, columns, by=by,
                                                                 tol=tolerance(line, tol)).items()}
        cur = rows[-1] if rows else None
        if starts(cur, by_field, line):
            cur = Record(line, columns=columns)
            rows.append(cur)
        if cur is not None:
            cur.add(line, by_field)
    return rows, len(lines)


def read_rows(lines: Iterable[Line], columns: list[Column], *, starts: Starts, ends: Ends | None = None,
              fields: dict[str, str] | None = None, by: str = "start",
              tol: tuple[float, float] = TOLERANCE) -> list[Record]:
    """The rows of :func:`read_table`."""
    return read_table(list(lines), columns, starts=starts, ends=ends, fields=fields, by=by, tol=tol)[0]


def capitalised(text: str) -> bool:
    """A cell that may start a row: a capital letter or a digit first."""
    return bool(re.match(r"[A-ZÅÄÖ0-9]", text))


def runs_on(text: str) -> bool:
    """A cell that runs on to the next line: it ends in a hyphen, a comma or a joining word."""
    return bool(re.search(r"(?:-|,|\b(?:och|samt|eller|av|för|i|till|med))$", text.strip()))


# --------------------------------------------------------------------------- the rules specifications share

def find_table(source: Source, heading: re.Pattern[str], fields: dict[str, str],
               accept: Callable[[set[str]], bool]) -> tuple[int, list[Column]] | None:
    """(index, columns) of the first column header within :data:`HEADER_REACH` lines under a heading matching
    ``heading`` whose fields ``accept`` takes."""
    for i in source.find_all(heading):
        for k in range(i + 1, min(i + 1 + HEADER_REACH, len(source))):
            columns = header(source[k], fields)
            if columns and accept({c.field for c in columns}):
                return k, columns
    return None


def starts_row(first: str) -> Starts:
    """The usual row rule: a capitalised (or numbered) cell in column ``first`` starts a row unless the cell
    above it runs on."""
    def starts(cur: Record | None, cells: dict[str, str], line: Line) -> bool:
        lead = cells.get(first, "")
        return bool(lead) and capitalised(lead) and (cur is None or not runs_on(cur.last(first)))
    return starts


def ends_table(*headings: re.Pattern[str], tol: tuple[float, float] = TOLERANCE) -> Ends:
    """The usual end rule: text left of the first column (a heading at the margin), a heading matching one
    of ``headings``, a key to statuses (:func:`~kslib.statuses.is_key`), or prose running across the columns."""
    spec = tol

    def ends(line: Line, pieces: list[Chunk], columns: list[Column]) -> bool:
        tol = tolerance(line, spec)
        if not pieces or pieces[0].x0 < columns[0].x0 - tol or is_key(line.text) \
                or any(h.match(line.text) for h in headings):
            return True
        return len(pieces) == 1 and len(columns) > 1 and pieces[0].x1 > columns[1].x0 + 4 * tol \
            and pieces[0].x0 < columns[1].x0 - tol
    return ends
