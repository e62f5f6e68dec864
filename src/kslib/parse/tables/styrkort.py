"""Scorecards (styrkort): focus areas, indicators and their per-year targets and outcomes.

A scorecard is a table whose header names a goal column and an indicator column
("Fokusområden | Resultatindikatorer") and then measure columns with years ("Utfall
2016 | Mål (utfall) 2017 | Mål 2018", or "Mål 2019 | Utfall 2019 | …"); its title (an
overall goal) is the line above the header.  It is found by that header, not by its title.

Columns are told apart by position (PDF word positions, or character offsets of a text
layer): words left of the indicator column are the focus-area column, words right of the
first measure column are cells, assigned to the column whose centre is nearest.  In a
text layer the focus-area names interleave with the indicators, and a row's figures may
stand on the first, a middle or (centred) a line before its wrapped name:

* a capitalised indicator line starts a row, a lower-case one (or a bare tag such as
  "UBN") continues its name; a row without any cell is a category row;
* a line of cells belongs to the open row while it has none; text-only cells continue
  the cells above ("0 eller" / "bättre"); figures after a complete row wait for the next;
* upper-case lines in the focus column ("UBN", "VÄLFÄRD SKOLA – TILL KSVU") are section
  bands; a capitalised fragment starts a focus area, and each area goes to the run of rows
  it is vertically centred on (fewest total offset, rows in order) — within what a table cell
  allows: an area's name starts inside its cell, so its run of rows starts at or above the
  name's first line, and the name ends inside the cell, so (but for the last area, whose cell
  may run on below the last row) the run ends at or below the name's last line.  That places
  a name written at the top of a tall cell ("Våra förskolor …" beside three short rows and
  empty space) where it stands, not where its centre falls.

A cell "96 (93,7)" under "Mål (utfall)" is the target and, in parentheses, the outcome.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kslib.diagnostics import ParseWarning
from kslib.read.source import Line, Source
from kslib.text import squeeze

MEASURE_WORDS = {"mål": "target", "målvärde": "target", "utfall": "outcome", "resultat": "outcome",
                 "utgångsläge": "baseline", "basvärde": "baseline", "län": "county", "riket": "country"}
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_GAP = 8.0          # points (or characters x 1) that separate two cells on a line
_CELL_TOL = 2.0     # points a focus name may stand outside its run of rows (line boxes overlap)
_OUTSIDE = 100.0    # cost per point (or line) a focus name stands outside its run of rows
_TEXT_SCALE = 5.0   # points per character for a text layer


@dataclass
class Column:
    measure: str
    year: int | None
    paren_measure: str | None      # "Mål (utfall)": the figure in parentheses
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class ScoreRow:
    """One printed row of a scorecard: an indicator (or a category row) with its cells."""

    label: list[str]
    line: Line
    cells: dict[int, str] = field(default_factory=dict)     # column index -> printed text
    lines: list[Line] = field(default_factory=list)
    focus: str = ""
    section: str = ""
    section_index: int = 0

    @property
    def name(self) -> str:
        return squeeze(" ".join(self.label))


@dataclass
class Scorecard:
    title: str
    title_line: Line | None
    columns: list[Column]
    rows: list[ScoreRow]


def _words(line: Line) -> list[tuple[str, float, float]]:
    if line.words:
        return [(w.text, w.x0, w.x1) for w in line.words]
    return [(m.group(0), m.start() * _TEXT_SCALE, m.end() * _TEXT_SCALE) for m in re.finditer(r"\S+", line.text)]


def _header(lines: list[Line], i: int) -> tuple[list[Column], float, float, int] | None:
    """Columns, focus/indicator boundary, label/cell boundary and the last header line, if line i heads a card."""
    words = _words(lines[i])
    firsts = [k for k, (t, _, _) in enumerate(words) if t.lower() in MEASURE_WORDS]
    if len(firsts) < 2 or firsts[0] < 1:
        return None
    labels = words[:firsts[0]]
    if any(_YEAR.match(t) or re.search(r"\d", t) for t, _, _ in labels):
        return None
    columns: list[Column] = []
    k = firsts[0]
    while k < len(words):
        text, x0, x1 = words[k]
        measure = MEASURE_WORDS.get(text.lower())
        if measure is None:
            if _YEAR.match(text) and columns and columns[-1].year is None:
                columns[-1].year, columns[-1].x1 = int(text), max(columns[-1].x1, x1)
            elif (m := re.match(r"^\((\w+)\)$", text)) and columns and m.group(1).lower() in MEASURE_WORDS:
                columns[-1].paren_measure, columns[-1].x1 = MEASURE_WORDS[m.group(1).lower()], x1
            else:
                return None
        else:
            columns.append(Column(measure, None, None, x0, x1))
        k += 1
    last = i
    if any(c.year is None for c in columns) and i + 1 < len(lines):
        years = [(int(t), x0, x1) for t, x0, x1 in _words(lines[i + 1]) if _YEAR.match(t)]
        if not years or len(years) != len(_words(lines[i + 1])):
            return None
        for year, x0, x1 in years:
            open_cols = [c for c in columns if c.year is None]
            if not open_cols:
                break
            col = min(open_cols, key=lambda c: abs(c.centre - (x0 + x1) / 2))
            col.year, col.x0, col.x1 = year, min(col.x0, x0), max(col.x1, x1)
        last = i + 1
    if any(c.year is None for c in columns):
        return None
    split = labels[-1][1] if len(labels) > 1 else labels[0][1]
    return columns, split, min(c.x0 for c in columns), last


def read_scorecards(source: Source) -> list[Scorecard]:
    """Every scorecard of the report (see the module doc)."""
    lines = list(source.lines)
    heads = [(i, h) for i in range(len(lines)) if (h := _header(lines, i)) is not None]
    cards: list[Scorecard] = []
    for n, (i, (columns, split, cell_x, last)) in enumerate(heads):
        stop = heads[n + 1][0] - 1 if n + 1 < len(heads) else len(lines)     # the next card's title
        title_line = lines[i - 1] if i > 0 and (not cards or i - 1 > 0) else None
        zone = lines[last + 1:stop]
        rows, bands = _rows(zone, columns, split, cell_x)
        _place_focus(source, rows, bands)
        cards.append(Scorecard(squeeze(title_line.text) if title_line else "", title_line, columns, rows))
    return cards


def _is_band(text: str) -> bool:
    letters = re.sub(r"[^A-Za-zÅÄÖåäö]", "", text)
    return len(letters) >= 2 and letters.isupper()


@dataclass
class _Fragment:
    text: str
    line: Line
    section: int


def _rows(zone: list[Line], columns: list[Column], split: float, cell_x: float):
    rows: list[ScoreRow] = []
    bands: list[_Fragment] = []          # focus fragments; a band is a fragment with text ""
    pending: dict[int, str] = {}
    pending_lines: list[Line] = []
    section = 0
    section_names = {0: ""}
    for line in zone:
        words = _words(line)
        tol = 6.0
        focus_words = [w for w in words if w[1] < split - tol]
        if focus_words and _run_end(words, 0) > cell_x:
            break                                         # one run of words across the card: prose
        focus = " ".join(t for t, _, _ in focus_words)
        rest = words[len(focus_words):]
        n_label = 0
        if rest and rest[0][1] < cell_x - tol:            # the name runs on while no cell gap opens
            n_label = 1
            while n_label < len(rest) and (rest[n_label][1] < cell_x - tol
                                           or rest[n_label][1] - rest[n_label - 1][2] < _GAP / 2):
                n_label += 1
        label = " ".join(t for t, _, _ in rest[:n_label])
        cells = _cells(rest[n_label:], columns)
        if focus:
            if _is_band(line.text) and not cells:
                section += 1
                section_names[section] = squeeze(line.text)
                continue
            bands.append(_Fragment(focus, line, section))
        cur = rows[-1] if rows else None
        if label and re.match(r"[A-ZÅÄÖ0-9]", label) and not _is_tag(label):
            cur = ScoreRow([label], line, lines=[line], section=section_names[section], section_index=section)
            cur.cells.update(pending)
            cur.lines.extend(pending_lines)
            pending, pending_lines = {}, []
            rows.append(cur)
            _merge(cur.cells, cells)
            continue
        if label and cur is not None:
            cur.label.append(label)
            cur.lines.append(line)
        if not cells:
            continue
        continues = all(not re.search(r"\d", t) or t.endswith(")") and "(" not in t for t in cells.values())
        if cur is not None and (not cur.cells or (continues and not pending)):
            _merge(cur.cells, cells)
            if line not in cur.lines:
                cur.lines.append(line)
        else:
            _merge(pending, cells)
            pending_lines.append(line)
    return rows, bands


def _run_end(words: list[tuple[str, float, float]], k: int) -> float:
    """Where the run of words starting at ``k`` ends (no gap wider than a cell gap)."""
    end = words[k][2]
    for _, x0, x1 in words[k + 1:]:
        if x0 - end >= _GAP:
            break
        end = x1
    return end


def _is_tag(label: str) -> bool:
    """A bare upper-case tag ("UBN") wrapped onto a line of its own continues the name above."""
    return bool(re.fullmatch(r"[A-ZÅÄÖ]{2,5}", label))


def _merge(into: dict[int, str], cells: dict[int, str]) -> None:
    for k, text in cells.items():
        into[k] = f"{into[k]} {text}" if k in into else text


def _cells(words: list[tuple[str, float, float]], columns: list[Column]) -> dict[int, str]:
    """Words of the cell zone grouped into cells (by gaps) and placed in the nearest column."""
    groups: list[list] = []
    for t, x0, x1 in words:
        if groups and x0 - groups[-1][2] < _GAP:
            groups[-1][0].append(t)
            groups[-1][2] = x1
        else:
            groups.append([[t], x0, x1])
    out: dict[int, str] = {}
    for ts, x0, x1 in groups:
        k = min(range(len(columns)), key=lambda c: abs(columns[c].centre - (x0 + x1) / 2))
        out[k] = f"{out[k]} {' '.join(ts)}" if k in out else " ".join(ts)
    return out


# --------------------------------------------------------------------------- focus areas

def _place_focus(source: Source, rows: list[ScoreRow], fragments: list[_Fragment]) -> None:
    """Give each row the focus area it is centred against, per page and section."""
    blocks: list[list[_Fragment]] = []
    for f in fragments:
        starts = not blocks or f.text[:1].isupper() or blocks[-1][-1].section != f.section \
            or blocks[-1][-1].line.page != f.line.page
        if starts:
            blocks.append([f])
        else:
            blocks[-1].append(f)
    geometry = getattr(source, "geometry", None) or {}

    def span(lines: list[Line]) -> tuple[float, float]:
        if all(ln.number in geometry for ln in lines):
            return min(geometry[ln.number].top for ln in lines), max(geometry[ln.number].bottom for ln in lines)
        return min(ln.number for ln in lines), max(ln.number for ln in lines) + 1

    groups: dict[tuple, list[int]] = {}
    for k, row in enumerate(rows):
        groups.setdefault((row.line.page, row.section_index), []).append(k)
    for (page, section), idx in groups.items():
        mine = [b for b in blocks if b[0].line.page == page and b[0].section == section
                and _section_of(b, rows, idx)]
        if not mine:
            continue
        names = [span([f.line for f in b]) for b in mine]
        spans = [span(rows[k].lines or [rows[k].line]) for k in idx]
        tol = _CELL_TOL if geometry else 0.0
        for block, (a, b) in zip(mine, _partition(spans, names, tol)):
            name = squeeze(" ".join(f.text for f in block))
            for k in idx[a:b]:
                rows[k].focus = name


def _section_of(block: list[_Fragment], rows: list[ScoreRow], idx: list[int]) -> bool:
    """Does a focus block stand among these rows (same page, between their first and last line)?"""
    first = min(r.line.number for r in (rows[k] for k in idx))
    last = max(ln.number for k in idx for ln in (rows[k].lines or [rows[k].line]))
    nums = [f.line.number for f in block]
    return first - 3 <= min(nums) and max(nums) <= last + 8


def _partition(spans: list[tuple[float, float]], names: list[tuple[float, float]],
               tol: float = 0.0) -> list[tuple[int, int]]:
    """Contiguous runs of rows, one per focus name in order, each centred as close as possible on its name.

    A run that does not contain its name's first line (or, but for the last run, its last line)
    costs :data:`_OUTSIDE` per point (line) outside: allowed only where nothing else fits.
    """
    n, m = len(spans), len(names)
    if m > n:
        names = names[:n]
        m = n
    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        top, bottom = names[j - 1]
        for b in range(j, n - (m - j) + 1):
            for a in range(j - 1, b):
                if best[j - 1][a] == inf:
                    continue
                end = max(s[1] for s in spans[a:b])
                cost = best[j - 1][a] + abs((spans[a][0] + end) / 2 - (top + bottom) / 2)
                cost += _OUTSIDE * max(0.0, spans[a][0] - top - tol)          # the name starts above its run
                if j < m:
                    cost += _OUTSIDE * max(0.0, bottom - end - tol)           # the name ends below its run
                if cost < best[j][b]:
                    best[j][b], back[j][b] = cost, a
    out, b = [], n
    for j in range(m, 0, -1):
        a = back[j][b]
        out.append((a, b))
        b = a
    return out[::-1]


# --------------------------------------------------------------------------- goal rows

def styrkort_goal_rows(source: Source, *, year: int | None = None,
                       warnings: list[ParseWarning] | None = None) -> list[dict]:
    """Goal rows of every scorecard: its title (level goal) and its focus areas (level subgoal)."""
    rows: list[dict] = []
    for n, card in enumerate(cached_scorecards(source), 1):
        gid = f"S{n}"
        if card.title:
            rows.append(_goal_row(gid, "goal", "", card.title, card.title_line))
        seen: list[str] = []
        for r in card.rows:
            if r.focus and r.focus not in seen:
                seen.append(r.focus)
                rows.append(_goal_row(f"{gid}.{len(seen)}", "subgoal", gid if card.title else "", r.focus, r.line))
    return rows


def _goal_row(goal_id: str, level: str, parent: str, title: str, line: Line | None) -> dict:
    return {"goal_id": goal_id, "level": level, "parent_id": parent, "kf_goal": "", "title": title,
            "horizon": "", "status": "unknown", "basis": "none", "comment": "",
            "line": line.number if line else None, "prose_title": "", "status_line": None,
            "page": line.page if line else None, "numbered": False}


_CACHE: dict[int, tuple[Source, list[Scorecard]]] = {}


def cached_scorecards(source: Source) -> list[Scorecard]:
    """:func:`read_scorecards`, once per source (goals and indicator values both read the cards)."""
    hit = _CACHE.get(id(source))
    if hit is None or hit[0] is not source:
        if len(_CACHE) > 8:
            _CACHE.clear()
        hit = _CACHE[id(source)] = (source, read_scorecards(source))
    return hit[1]
