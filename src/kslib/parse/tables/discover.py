"""Find tables by their structure, not their titles.

A table is a run of rows (a label and figures) under a header zone (lines of
column words, years and groups, possibly wrapped).  :func:`discover` scans the
source once: it finds runs of figure lines, derives the columns from where the
figures stand (right edges, PDF points or text columns), reads the header words
above them into columns (:mod:`.header`), joins wrapped labels, places each
row's figures (:mod:`.cells`) and names the table after the nearest heading
above.  Text without layout (single spaces) falls back to the header's word
order and the identity splitter.  Text layers that lost their cell gaps are
read too: figures printed one per line under their label (folded back into
rows), cells glued without a space (:func:`.geometry.unglue`), a row's last
figure glued to the next heading, and a second table's header right under the
first table's last row.  Where a row's own identities leave its split open, the
table's column sums (total and subtotal rows, :mod:`.sums`) decide; every such choice is a
warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import Identity
from kslib.parse.tables import header as hd
from kslib.parse.numbers import BLANK_BASE, BLANK_DERIVED
from kslib.parse.tables.cells import Choice, Run, one_figure, place, place_stacked, runs_of
from kslib.parse.tables.geometry import Pos, is_numeric, positional, tolerance, unglue, words
from kslib.parse.tables.sums import decide_by_sums
from kslib.read.source import Line, Source, Word

_NOTE_REF = re.compile(r"^(?P<fig>.*?\d)?Not(?:\s*\d+)?$")
_TITLE_PREFIX = re.compile(r"^(?:tabell|table|diagram)\s*\d+[:.]?\s*|^\d+(?:\.\d+)*\.?\s+", re.IGNORECASE)
_LABEL_HEAD = {"namn", "enhet", "verksamhet", "belopp", "avdelning", "område", "nämnd", "verksamhetsområde"}
_MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_TOTAL = re.compile(r"^(?:total|totalt|summa|s:a|årets resultat|periodens resultat|resultat|netto)$", re.I)
_SUB = re.compile(r"^(?:summa|totalt|totala|delsumma|s:a)\b|^total$", re.I)
_RESULT = re.compile(r"^(?:årets|periodens)\s+resultat$|^resultat$", re.I)
_MAX_LABEL_WORDS = 12


@dataclass
class Column:
    label: str
    group: str | None
    measure: str
    year: int | None
    x0: float = 0.0
    x1: float = 0.0
    note: bool = False


@dataclass
class Row:
    label: str
    kind: str                         # row, category, subtotal, total
    values: list[float | None]
    line: Line
    printed: list[str | None] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list, repr=False)
    malformed: list[str] = field(default_factory=list, repr=False)


@dataclass
class Table:
    title: str
    unit: str | None
    columns: list[Column]
    rows: list[Row]
    line: Line                        # the first header line (or first row)
    kind: str = "other"
    id: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def page(self) -> int | None:
        return self.line.page


@dataclass
class _Ln:
    line: Line
    words: list[Pos]
    label: list[Pos]
    nums: list[Pos]
    kind: str                         # header, data, nums, text
    stack: tuple[str, ...] = ()       # figures printed one per line under this label line

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.label + self.nums)


_FURNITURE = re.compile(r"\S\s{3,}\d{1,3}\s*\(\d{1,3}\)\s*$")


def _analyse(line: Line) -> _Ln:
    ws = unglue(words(line))
    if _FURNITURE.search(line.text):                       # a running footer with "n (N)" page numbers
        return _Ln(line, [], [], [], "furniture")
    # a note reference glued or after the figures ("900Not 1", "900 Not 1") is not a figure
    if len(ws) >= 2 and ws[-2].text == "Not" and ws[-1].text.isdigit():
        ws = ws[:-2]
    elif ws and ws[-1].text == "Not":
        ws = ws[:-1]
    if ws and ws[-1].text.endswith("Not") and ws[-1].text[:-3][-1:].isdigit():
        w = ws[-1]
        ws = ws[:-1] + [Pos(w.text[:-3], w.x0, w.x1 - (w.x1 - w.x0) * 3 / len(w.text), w.wide)]
    texts = [w.text for w in ws]
    start = len(ws)
    while start > 0 and is_numeric(ws[start - 1].text):
        start -= 1
    label, nums = ws[:start], ws[start:]
    if nums and all(w.text in "-–—+%" for w in nums):      # a lone dash is not a figure row
        label, nums = ws, []
    if hd.is_strong_header(texts) and all(hd.YEAR.match(w.text) for w in nums):
        kind = "header"
    elif nums and not (all(hd.YEAR.match(w.text) for w in nums) and not label):
        kind = "data" if label else "nums"
        if len(label) > _MAX_LABEL_WORDS or (label and label[-1].text.endswith(".") and len(label) > 6):
            kind = "text"
    elif not label and nums:
        kind = "header"                                      # a line of years only
    else:
        kind = "text"
    return _Ln(line, ws, label, nums, kind)


def _short_text(ln: _Ln) -> bool:
    t = ln.line.text.strip()
    return ln.kind == "text" and len(ln.words) <= 8 and not t.endswith((".", ":"))


# --------------------------------------------------------------------------- lines that lost their gaps

_GLUED_HEADING = re.compile(r"(?<=\d)(?=[A-ZÅÄÖ][a-zåäö]{2,})")
_NOT_HEADING = re.compile(r"^(?:Not|Noter|Tkr|Mnkr|Mkr|Kr)\b")


def _unglue_heading(line: Line) -> list[Line]:
    """A row whose last figure runs into the next heading ("Summa 6 100 6 250 150Kommentar") as two lines."""
    for m in _GLUED_HEADING.finditer(line.text):
        head, tail = line.text[:m.start()], line.text[m.start():]
        if _NOT_HEADING.match(tail) or " " in head.rstrip()[-1:]:
            continue
        probe = _analyse(Line(line.number, head, line.page))
        if probe.kind != "data" or any(hd.YEAR.match(w.text) for w in probe.nums[-1:]):
            continue
        if line.words is None:
            return [Line(line.number, head, line.page), Line(line.number, tail, line.page)]
        return _split_words(line, len(head))
    return [line]


def _split_words(line: Line, at: int) -> list[Line]:
    """A PDF line cut after its first ``at`` characters (the cut word's box shared out by characters)."""
    head: list[Word] = []
    tail: list[Word] = []
    seen = 0
    for w in line.words or ():
        start = line.text.find(w.text, seen)
        seen = start + len(w.text) if start >= 0 else seen
        if start < 0 or seen <= at:
            head.append(w)
        elif start >= at:
            tail.append(w)
        else:
            k = at - start
            x = w.x0 + (w.x1 - w.x0) * k / len(w.text)
            head.append(Word(w.text[:k], w.x0, x))
            tail.append(Word(w.text[k:], x, w.x1))
    return [Line(line.number, line.text[:at], line.page, tuple(head)),
            Line(line.number, line.text[at:].strip(), line.page, tuple(tail))]


def _stack_figure(ln: _Ln) -> str | None:
    """The one figure a line holds that is nothing but one figure."""
    if ln.kind != "nums" or any(w.glued for w in ln.nums):
        return None
    runs = runs_of(ln.nums)
    return runs[0].text if len(runs) == 1 and one_figure(runs[0]) is not None else None


def _fold_stacked(lns: list[_Ln]) -> list[_Ln]:
    """Figures printed one per line under their label ("Bibliotek", "4 100", "3 950", "-150") as one row.

    A label line followed by two or more lines of one figure each is a stacked row; a label with a single
    figure line next to stacked rows is one too.  The row keeps its label line (number, page)."""
    groups: list[tuple[int, int]] = []       # (label index, figure lines after it)
    i, n = 0, len(lns)
    while i < n:
        m = 0
        if lns[i].kind == "text" and _short_text(lns[i]):
            while i + 1 + m < n and _stack_figure(lns[i + 1 + m]) is not None:
                m += 1
        if m:
            groups.append((i, m))
            i += 1 + m
        else:
            i += 1
    stacked = set()
    for k, (i, m) in enumerate(groups):
        near = [groups[j] for j in (k - 1, k + 1) if 0 <= j < len(groups)]
        if m >= 2 or any(g[1] >= 2 and abs(g[0] - i) <= 1 + max(g[1], m) for g in near):
            stacked.add(i)
    if not stacked:
        return lns
    out: list[_Ln] = []
    skip = 0
    for i, ln in enumerate(lns):
        if skip:
            skip -= 1
            continue
        if i in stacked:
            m = dict(groups)[i]
            figs = [lns[i + 1 + k] for k in range(m)]
            nums = [Pos(_stack_figure(f) or "", f.nums[0].x0, f.nums[-1].x1) for f in figs]
            out.append(_Ln(ln.line, ln.words, ln.words, nums, "data", tuple(p.text for p in nums)))
            skip = m
            continue
        out.append(ln)
    return out


# --------------------------------------------------------------------------- blocks

def _blocks(lns: Sequence[_Ln]) -> list[tuple[int, int]]:
    """(start, stop) of runs of figure lines, with the short label lines among them."""
    out = []
    i, n = 0, len(lns)
    while i < n:
        if lns[i].kind not in ("data", "nums"):
            i += 1
            continue
        j, last = i, i
        while j < n:
            k = lns[j].kind
            if k in ("data", "nums"):
                last = j
                j += 1
                continue
            if _short_text(lns[j]) and j - last <= 3:
                j += 1
                continue
            break
        stop = last + 1
        # label lines that continue the last row ("förändringsinsatser")
        while stop < n and stop < last + 3 and _short_text(lns[stop]) and lns[stop].line.text.strip()[:1].islower():
            if stop + 1 < n and lns[stop + 1].line.text.strip().startswith("*"):
                break       # the footnote's text, its mark on the next line
            stop += 1
        if sum(1 for k in range(i, stop) if lns[k].kind in ("data", "nums")) >= 2:
            out.append((i, stop))
        i = last + 1
    return out


def _slots(lns: Sequence[_Ln], tol: float) -> list[list[float]]:
    """Columns as [x0, x1] clusters of the runs' right edges."""
    edges: list[tuple[float, float]] = []
    for ln in lns:
        if ln.kind in ("data", "nums"):
            edges.extend((r.x0, r.x1) for r in runs_of(ln.nums))
    edges.sort(key=lambda e: e[1])
    clusters: list[list[tuple[float, float]]] = []
    for e in edges:
        if clusters and e[1] - clusters[-1][-1][1] <= tol:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    rows = sum(1 for ln in lns if ln.kind in ("data", "nums"))
    keep = [c for c in clusters if len(c) >= 2 or rows < 3]
    return [[min(e[0] for e in c), max(e[1] for e in c)] for c in keep]


# --------------------------------------------------------------------------- header zone

def _over(ln: _Ln, region: float) -> bool:
    return any(w.x1 > region for w in ln.words)


def _over_vocab(ln: _Ln, region: float | None) -> bool:
    """Are the words standing over the figures header words (vocabulary or broken fragments)?"""
    over = [w.text for w in ln.words if region is None or w.x1 > region]
    # capitalised words beside the header words: broken header words over the figures, or a label head
    # ("Verksamhet") on a line that names a measure or year; a title with its unit ("Ekonomi, tkr") is no header
    broken = len(over) > 1 and (region is not None or any(hd.is_measure_word(t) or hd.YEAR.match(t) for t in over))
    return bool(over) and all(hd.is_vocab(t) or len(t) <= 3 or hd.is_measure_word(t) or t[:1].isupper() and
                              broken for t in over) and any(hd.is_vocab(t) or len(t) <= 3 for t in over)


def _zone(lns: Sequence[_Ln], start: int, region: float | None) -> tuple[list[int], list[int]]:
    """Header zone lines above ``start`` (top first), and label lines between zone and rows (categories)."""
    k = start - 1
    between: list[int] = []
    while k >= 0 and len(between) < 3 and _short_text(lns[k]) and (
            not _over(lns[k], region) if region is not None else not _over_vocab(lns[k], None)):
        if lns[k].line.page != lns[start].line.page:
            break
        between.append(k)
        k -= 1
    zone: list[int] = []
    while k >= 0 and len(zone) < 7:
        ln = lns[k]
        texts = [w.text for w in ln.words]
        if region is not None and not _over(ln, region):
            if zone and all(hd.unit_of(t) or t.lower() in {"belopp", "i"} for t in texts):
                zone.append(k)      # a unit line above the header ("tkr")
                k -= 1
                continue
            break
        strong = (ln.kind == "header" or hd.is_strong_header(texts)) and _over_vocab(ln, region)
        weak = ln.kind in ("text", "header") and len(texts) <= 8 and _over_vocab(ln, region)
        if not (strong or weak) or (texts and texts[-1].endswith(".")):
            break
        seen_strong = any(sum(hd.is_measure_word(w.text) for w in lns[z].words) >= 2 for z in zone)
        if not strong and seen_strong and region is not None and not all(w.x1 > region for w in ln.words):
            break           # above the header only broken header words, not a caption with words at the left
        zone.append(k)
        k -= 1
    if not any(lns[z].kind == "header" or hd.is_strong_header([w.text for w in lns[z].words]) for z in zone):
        return [], []
    return sorted(zone), sorted(between)


def _columns(lns: Sequence[_Ln], zone: list[int], slots: list[list[float]], region: float | None,
             default_year: int | None, label_right: float | None = None) -> tuple[list[Column], str]:
    """Columns from the header zone's words over the slots; also the label column's header text."""
    n = len(slots)
    label_words: list[str] = []
    per_line: list[list[tuple[int, Pos]]] = []
    for z in zone:
        entries = []
        phrase: list[Pos] = []
        for w in lns[z].words + [None]:
            if w is not None and region is not None and w.x1 <= region and (label_right is None or w.x0 < label_right):
                label_words.append(w.text)
                continue
            if phrase and (w is None or w.wide):
                k = _nearest(phrase[0].x0, phrase[-1].x1, slots)   # a phrase of close words is one cell
                entries.extend((k, p) for p in phrase)
                phrase = []
            if w is not None:
                phrase.append(w)
        per_line.append(entries)
    covers = [{k for k, _ in e} for e in per_line]
    group_lines = []
    for i, c in enumerate(covers):
        below = set().union(*covers[i + 1:]) if covers[i + 1:] else set()
        if 2 <= len(c) < len(below) and c < below and len(group_lines) == i:
            group_lines.append(i)       # groups stand on the zone's top lines
    cell_words, span = _cells(per_line, group_lines, slots)
    if group_lines:
        named = [(hd.measure_of(" ".join(w)), hd.year_of(" ".join(w))) for w in cell_words]
        named = [m for m in named if m[0]]
        if len(set(named)) == len(named):      # the cells tell their columns apart: no groups
            group_lines = []
            cell_words, span = _cells(per_line, group_lines, slots)
    phrases: list[tuple[str, float, float]] = []
    for i in group_lines:
        cur: list[Pos] = []
        for _, w in per_line[i] + [(None, None)]:
            if w is None or (cur and w.x0 - cur[-1].x1 > 8 * (1 if lns[zone[i]].line.words else 0.25)):
                if cur:
                    phrases.append((hd.join_words([c.text for c in cur]), cur[0].x0, cur[-1].x1))
                cur = []
            if w is not None:
                cur.append(w)
    groups: list[str | None] = []
    for k in range(n):
        if not phrases:
            groups.append(None)
            continue
        best = min(phrases, key=lambda p: (-(min(p[2], span[k][1]) - max(p[1], span[k][0])),
                                           abs((p[1] + p[2]) / 2 - (span[k][0] + span[k][1]) / 2)))
        groups.append(best[0])
    cols = []
    years = [hd.year_of(" ".join(w)) for w in cell_words] + [hd.year_of(g or "") for g in groups]
    planned = [hd.year_of(" ".join(w)) for w in cell_words if hd.measure_of(" ".join(w)) in ("budget", "forecast")]
    base_year = next((y for y in planned if y), None) or default_year or next((y for y in years if y), None)
    for k in range(n):
        label = hd.join_words(cell_words[k])
        group = groups[k]
        measure = hd.measure_of(label)
        gmeasure = hd.measure_of(group) if group else None
        if gmeasure and (measure is None or (measure in ("net", "outcome") and gmeasure not in ("outcome",))):
            measure = gmeasure
        year = hd.year_of(label) or (hd.year_of(group) if group else None)
        if year is None and base_year:
            year = base_year - 1 if hd.PREVIOUS_YEAR.search(label) else base_year
        note = label.strip().lower() in ("not", "noter")
        cols.append(Column(label, group, measure or "value", year, slots[k][0], slots[k][1], note))
    _previous_forecasts(cols)
    return cols, " ".join(label_words)


def _cells(per_line, group_lines, slots):
    cell_words: list[list[str]] = [[] for _ in slots]
    span = [list(s) for s in slots]
    for i, entries in enumerate(per_line):
        if i in group_lines:
            continue
        for k, w in entries:
            cell_words[k].append(w.text)
            span[k][0], span[k][1] = min(span[k][0], w.x0), max(span[k][1], w.x1)
    return cell_words, span


def _previous_forecasts(cols: list[Column]) -> None:
    """Of two forecasts of one year, the one of the earlier month is the previous forecast."""
    fc = [c for c in cols if c.measure == "forecast"]
    if len(fc) < 2:
        return
    def month(c: Column) -> int:
        low = c.label.lower()
        return max((i for i, m in enumerate(_MONTHS) if m in low), default=-1)
    ordered = sorted(fc, key=month)
    if month(ordered[0]) >= 0 and month(ordered[0]) < month(ordered[-1]):
        for c in ordered[:-1]:
            c.measure = "previous_forecast"


def _nearest(x0: float, x1: float, slots: Sequence[Sequence[float]]) -> int:
    def key(k):
        s0, s1 = slots[k]
        overlap = min(x1, s1) - max(x0, s0)
        return (-overlap if overlap > 0 else 0.0, min(abs(x1 - s1), abs((x0 + x1) / 2 - (s0 + s1) / 2)))
    return min(range(len(slots)), key=key)


def _sequential_columns(lns: Sequence[_Ln], zone: list[int], default_year: int | None) -> list[Column]:
    """Columns from the header's words in reading order (text without layout)."""
    cells: list[list[str]] = []
    for z in zone:
        for w in lns[z].words:
            t = w.text
            if hd.is_measure_word(t) or t.lower() == "not":
                cells.append([t])
            elif hd.YEAR.match(t.strip(",.")):
                if cells and hd.year_of(" ".join(cells[-1])) is None and hd.is_measure_word(cells[-1][0]):
                    cells[-1].append(t)
                else:
                    cells.append([t])
            elif cells and t.lower() in ("budget", "mot", "fg", "år", "aug", "augusti", "netto"):
                cells[-1].append(t)
    years = [hd.year_of(" ".join(c)) for c in cells]
    base = next((y for y in years if y), None) or default_year
    out = []
    for c in cells:
        label = " ".join(c)
        year = hd.year_of(label)
        if year is None and base:
            year = base - 1 if hd.PREVIOUS_YEAR.search(label) else base
        out.append(Column(label, None, hd.measure_of(label) or "value", year, note=label.lower() == "not"))
    _previous_forecasts(out)
    return out


# --------------------------------------------------------------------------- identities

def identities(cols: Sequence[Column], tol: float) -> list[Identity]:
    """The table's own relations: deviation = a − b (either sign); income + cost = net."""
    out: list[Identity] = []
    base = {"outcome", "net", "budget", "forecast", "previous_forecast"}
    for d, c in enumerate(cols):
        if c.measure == "deviation":
            pairs = [(a, b) for a in range(d) for b in range(a + 1, d)
                     if cols[a].measure in base and cols[b].measure in base and cols[a].year == cols[b].year
                     and cols[a].measure != cols[b].measure]
            if pairs:
                out.append(Identity(f"deviation:{c.label}", _dev(d, pairs), tol))
        if c.measure == "net":
            inc = next((i for i in range(d - 1, -1, -1) if cols[i].measure == "income" and cols[i].group == c.group), None)
            cost = next((i for i in range(d - 1, -1, -1) if cols[i].measure == "cost" and cols[i].group == c.group), None)
            if inc is not None and cost is not None:
                out.append(Identity(f"net:{c.label}", _net(inc, cost, d), tol))
    return out


def _dev(d, pairs):
    def residual(v):
        if v[d] is None:
            return None
        res = [min(abs(v[a] - v[b] - v[d]), abs(v[b] - v[a] - v[d])) for a, b in pairs
               if v[a] is not None and v[b] is not None]
        return min(res) if res else None
    return residual


def _net(i, c, n):
    def residual(v):
        if v[i] is None or v[c] is None or v[n] is None:
            return None
        return v[i] + v[c] - v[n]
    return residual


# --------------------------------------------------------------------------- rows

def _row_kind(label: str, last: bool) -> str:
    plain = re.sub(r"[*\s]+$", "", label)
    if _RESULT.match(plain) or re.fullmatch(r"total|totalt", plain.replace(" ", ""), re.I):
        return "total"
    if _SUB.match(plain) or _TOTAL.match(plain):
        return "total" if last else "subtotal"
    return "row"


def _join(a: str, b: str) -> str:
    if a.endswith("-") and b[:1].islower():
        return a + b
    return f"{a} {b}".strip()


def _rows(lns: Sequence[_Ln], idx: list[int], cols: list[Column], slots, pos: bool, title: str,
          warnings: list[ParseWarning]) -> list[Row]:
    rows: list[Row] = []
    pending: list[tuple[str, Line]] = []     # label lines waiting for their figures
    carry: dict[int, object] = {}            # figures of a label-less line, by the row (line) they join
    dec = any("," in w.text for i in idx for w in lns[i].nums)
    idents = identities(cols, 0.15 if dec else 1.5)
    skip = [k for k, c in enumerate(cols) if c.note]
    costs = [BLANK_DERIVED if c.measure in ("deviation", "change") else BLANK_BASE for c in cols]
    last_was_row = False
    last_label: tuple[float, float, int] | None = None   # the last row's label: start, end, line number
    orphan = None
    region = min(s[0] for s in slots) - 1 if pos and slots else None
    for pos_i, i in enumerate(idx):
        ln = lns[i]
        if rows and _runs_over(ln, region):
            break           # a line whose words run over the figure columns is prose after the table
        glued = any(w.glued for w in ln.nums)     # cells printed without a gap: positions tell little
        if region is not None and ln.nums and ln.nums[0].x1 <= region and not glued:
            moved = [w for w in ln.nums if w.x1 <= region]
            ln = _Ln(ln.line, ln.words, ln.label + moved, ln.nums[len(moved):], ln.kind)
            if ln.kind == "nums":
                ln.kind = "data"
        label = " ".join(w.text for w in ln.label)
        if ln.kind == "text" or not ln.nums:
            text = ln.line.text.strip() if not pos else " ".join(w.text for w in ln.words)
            if orphan is not None:
                rows.append(Row(text, "row", orphan[0].values, orphan[1], orphan[0].printed, orphan[0].choices,
                                orphan[0].malformed))
                orphan, last_was_row = None, True
                continue
            cont_row = rows and last_was_row and not pending and (
                rows[-1].label.endswith((",", "-", " och")) or _wrapped(last_label, ln, region))
            caps = pending and pending[-1][0].isupper() and text.isupper()
            if text[:1].islower() or text[:1] in "(&" or cont_row or caps or (
                    pending and pending[-1][0].endswith((",", "-"))):
                if pending:
                    pending[-1] = (_join(pending[-1][0], text), pending[-1][1])
                elif rows and last_was_row:
                    rows[-1].label = _join(rows[-1].label, text)
                    continue
                else:
                    pending.append((text, ln.line))
            else:
                pending.append((text, ln.line))
            last_was_row = last_was_row and not pending
            continue
        if ln.stack:
            placed = _place_stack(ln, cols, idents, costs, skip, title, warnings)
        else:
            placed = place(runs_of(ln.nums), [tuple(s) for s in slots], positional=pos and not glued,
                           identities=lambda n: idents, skip=skip)
        if not label:
            nxt = next((lns[j] for j in idx[pos_i + 1:pos_i + 2]), None)
            if pending:
                label = pending.pop()[0]
            elif nxt is not None and nxt.kind == "text" and not (rows and last_was_row and _fills_row(placed, rows[-1])):
                orphan = (placed, ln.line)        # the label follows on the next line
                continue
            elif nxt is not None and nxt.kind == "data" and pos and _fills(placed, nxt, slots):
                carry[id(nxt)] = placed
                continue
            elif rows and last_was_row:
                _merge(rows[-1], placed)
                continue
        elif pending and label[:1].islower():
            label = _join(pending.pop()[0], label)
        carried = carry.pop(id(ln), None)
        if carried is not None:
            _merge_placed(placed, carried)
        for text, line in pending:
            rows.append(Row(text, "category", [None] * len(cols), line, [None] * len(cols)))
        pending = []
        rows.append(Row(label, "row", placed.values, ln.line, placed.printed, placed.choices, placed.malformed))
        last_was_row = True
        last_label = (ln.label[0].x0, ln.label[-1].x1, ln.line.number) if ln.label else None
    for text, line in pending:
        if rows and text[:1].islower():
            rows[-1].label = _join(rows[-1].label, text)
    summary = [k for k, r in enumerate(rows) if r.kind == "row" and _row_kind(r.label, False) != "row"]
    for k in summary:
        kind = _row_kind(rows[k].label, k == summary[-1] and k >= len(rows) - 2)
        if kind == "total" and _RESULT.match(rows[k].label) and any(j > k for j in summary):
            kind = "row"        # "Årets resultat" inside a balance sheet: a summary row follows
        rows[k].kind = kind
    decided = decide_by_sums(rows, 0.1 if dec else 1.0)
    _split_warnings(rows, decided, title, warnings)
    return rows


def _place_stack(ln: _Ln, cols: list[Column], idents, costs, skip, title: str, warnings: list[ParseWarning]):
    """A stacked row's figures under the columns, in order; more figures than columns is said."""
    free = len(cols) - len(skip)
    texts = list(ln.stack)
    if len(texts) > free:
        warnings.append(ParseWarning(
            "stacked-figures", f"table {title!r}, row {ln.text!r}: {len(texts)} figures printed one per line under "
            f"one label, but the header has {free} columns; kept the first {free}",
            table="tables", row=" ".join(w.text for w in ln.label), line=ln.line.number, page=ln.line.page))
        texts = texts[:free]
    return place_stacked(texts, len(cols), identities=idents, blank_cost=costs, skip=skip)


def _runs_over(ln: _Ln, region: float | None) -> bool:
    """A figure line whose label reaches into the figure columns: a sentence with a number at its end
    ("… till Stadens förvaltningar och bolag, 23"), not a row of the table above."""
    return region is not None and ln.kind == "data" and bool(ln.label) and ln.label[-1].x1 > region + 1


def _wrapped(label: tuple[float, float, int] | None, ln: _Ln, region: float | None) -> bool:
    """Whether a text line continues the row above by word wrap: on the next line (no blank line between),
    under the label, and its first word would not have fitted after the row's label before the figure
    columns ("… inom Service Level" / "Agreement snitt")."""
    if label is None or region is None or not ln.words or ln.line.number != label[2] + 1:
        return False
    first = ln.words[0]
    space = (first.x1 - first.x0) / max(len(first.text), 1)
    return abs(first.x0 - label[0]) <= 2 * space and label[1] + space + (first.x1 - first.x0) > region


def _fills(placed, nxt: _Ln, slots) -> bool:
    """Do a label-less line's figures stand in columns the next row leaves blank?"""
    taken = {_nearest_run(r, slots) for r in runs_of(nxt.nums)}
    mine = [k for k, v in enumerate(placed.printed) if v is not None]
    return bool(mine) and not (set(mine) & taken)


def _fills_row(placed, row: Row) -> bool:
    """Do a label-less line's figures fill only blanks of ``row``?"""
    mine = [k for k, v in enumerate(placed.printed) if v is not None]
    return bool(mine) and all(row.printed[k] is None for k in mine)


def _nearest_run(run: Run, slots) -> int:
    return _nearest(run.x0, run.x1, slots)


def _merge(row: Row, placed) -> None:
    for k, p in enumerate(placed.printed):
        if p is not None and row.printed[k] is None:
            row.values[k], row.printed[k] = placed.values[k], p
    row.choices.extend(placed.choices)
    row.malformed.extend(placed.malformed)


def _merge_placed(placed, carried) -> None:
    for k, p in enumerate(carried.printed):
        if p is not None and placed.printed[k] is None:
            placed.values[k], placed.printed[k] = carried.values[k], p
    placed.choices.extend(carried.choices)
    placed.malformed.extend(carried.malformed)


def _split_warnings(rows: Sequence[Row], decided: dict[int, tuple[int, str]], title: str,
                    warnings: list[ParseWarning]) -> None:
    """Every choice among readings of a row's figures, and every malformed figure, as a warning."""
    for r in rows:
        def warn(code: str, message: str) -> None:
            warnings.append(ParseWarning(code, f"table {title!r}, row {r.label!r}: {message}", table="tables",
                                         row=r.label, line=r.line.number, page=r.line.page))
        for c in r.choices:
            readings = c.readings()
            if id(c) in decided:
                k, total = decided[id(c)]
                others = [s for j, s in enumerate(readings) if j != k][:3]
                warn("split-by-sum", f"the figures could be read as {' or '.join(str(s) for s in others)}; "
                     f"kept {readings[k]}, the reading with which the column sums to {total!r} hold")
            elif c.split.ambiguous:
                warn("ambiguous-split", f"the figures could be read as "
                     f"{' or '.join(str(s) for s in readings[:4])}; kept {c.split.best}")
            elif c.glued:
                why = ", ".join(c.split.best.satisfied) or c.split.decided_by
                warn("glued-figures", f"figures printed without a space between them; read as {c.split.best} "
                     f"({why}), not as {' or '.join(str(s) for s in readings[1:4])}")
        for text in r.malformed:
            warn("malformed-figure", f"{text!r} is no well-formed figure; kept the digits as printed")


# --------------------------------------------------------------------------- title and unit

_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")


def _title(lns: Sequence[_Ln], top: int) -> tuple[str, int]:
    for k in range(top - 1, max(-1, top - 9), -1):
        t = lns[k].line.text.strip()
        t = re.sub(r"\s{2,}", " ", t)
        below = re.sub(r"\s{2,}", " ", lns[k + 1].line.text.strip()) if k + 1 < len(lns) else ""
        if k + 1 < top and below[:1].islower() and _heading_wraps(t, below):
            return _join(t, below), k          # "2.3.1 Mått/nyckeltal … ur ett HR-" / "perspektiv (nämnder)"
        if (not t or t.endswith((".", ",", ";")) or len(t.split()) > 12 or "_" in t or t[:1].islower()
                or (k + 1 < top and below[:1].islower())):
            continue
        if lns[k].kind in ("data", "nums") and not all(hd.YEAR.match(w.text) for w in lns[k].nums):
            break
        return t, k
    return "", top


def _heading_wraps(text: str, below: str) -> bool:
    """A numbered heading (or one broken at a hyphen) whose last words stand on the next line: that line is
    short and ends no sentence."""
    return ((bool(_NUMBERED.match(text)) or text.endswith("-")) and not text.endswith((".", ":"))
            and 0 < len(below.split()) <= 6 and not below.endswith((".", ":", ",")))


def _label_head_measure(cols: list[Column], label_head: str) -> None:
    """Year columns whose words name no measure take a change the label column's header states for every
    figure ("Utfall perioden jämfört med samma period föregående år", "Förändring")."""
    if cols and all(c.measure == "value" for c in cols) and hd.measure_of(label_head or "") == "change":
        for c in cols:
            c.measure = "change"


def _is_label_head(text: str) -> bool:
    """A line naming only the label column ("Verksamhet", "Belopp i tkr")."""
    ws = [w.lower().strip(",.:()") for w in text.split()]
    return bool(ws) and len(ws) <= 3 and any(w in _LABEL_HEAD for w in ws) and all(
        w in _LABEL_HEAD or hd.unit_of(w) or w in ("i", "per") for w in ws)


def _head_title(header: _Ln, label_head: str) -> str:
    """The words over the label column of a header ("Investeringar  Utfall 2024 …"), unless they are only
    the label column's generic name ("Verksamhet") or a unit: the title of a table with no heading above."""
    head = label_head.split()
    if not head:
        for w in header.words:
            if hd.is_measure_word(w.text) or hd.YEAR.match(w.text.strip(",.")):
                break
            head.append(w.text)
    generic = all(w.lower().strip(",.:") in _LABEL_HEAD or hd.unit_of(w) or hd.is_vocab(w) for w in head)
    return "" if not head or generic else " ".join(head)


def clean_title(title: str) -> str:
    """``"Tabell 1Utfall per 2023-12-31"`` → ``"Utfall per 2023-12-31"``; ``"3.2 Resultaträkning"`` → ``"Resultaträkning"``."""
    return _TITLE_PREFIX.sub("", title).strip()


# --------------------------------------------------------------------------- entry point

def discover(source: Source, *, year: int | None = None,
             warnings: list[ParseWarning] | None = None) -> list[Table]:
    """Every table of the source found by its structure, in document order."""
    warnings = warnings if warnings is not None else []
    lines = [part for line in source.lines for part in _unglue_heading(line)]
    lns = _fold_stacked([ln for ln in (_analyse(line) for line in lines) if ln.kind != "furniture"])
    tables: list[Table] = []
    for start, stop in _blocks(lns):
        block = lns[start:stop]
        pos = any(positional(ln.line) for ln in block if ln.kind == "data") and not any(ln.stack for ln in block)
        slots = _slots(block, tolerance(block[0].line)) if pos else []
        multi = pos and max((len(runs_of(ln.nums)) for ln in block if ln.nums), default=0) >= 2
        region = (min(s[0] for s in slots) - (6 if block[0].line.words else 1)) if multi and slots else None
        zone, between = _zone(lns, start, region)
        if not zone:
            continue
        if multi and slots:
            label_right = max((ln.label[-1].x1 for ln in block if ln.kind == "data" and ln.label), default=None)
            cols, label_head = _columns(lns, zone, slots, region, year, label_right)
            if sum(1 for c in cols if c.label) < max(1, len(cols) // 2):
                continue
        else:
            cols = _sequential_columns(lns, zone, year)
            label_head = ""
            slots = [[float(k), float(k)] for k in range(len(cols))]
            pos = False
        if not cols:
            continue
        # a label-head line ("Resultatenhetens namn") between zone and rows belongs to the header
        if between and any(w.lower().strip(",") in _LABEL_HEAD or hd.unit_of(w)
                           for w in lns[between[-1]].line.text.split()):
            label_head = f"{label_head} {lns[between[-1]].line.text.strip()}".strip()
            between = between[:-1]
        top = zone[0]
        if between and lns[between[0]].line.text.strip()[:1].islower() and top > 0 and _short_text(lns[top - 1]) \
                and region is not None and not _over(lns[top - 1], region):
            label_head = f"{lns[top - 1].line.text.strip()} {label_head} {lns[between[0]].line.text.strip()}".strip()
            between = between[1:]
            top -= 1
        while top > 0 and lns[top - 1].kind == "text" and _is_label_head(lns[top - 1].line.text):
            label_head = f"{lns[top - 1].line.text.strip()} {label_head}".strip()   # "Verksamhet" over its column
            top -= 1
        _label_head_measure(cols, label_head)
        title, tk = _title(lns, top)
        if not title and top > 0 and lns[top - 1].kind in ("data", "nums"):
            title = _head_title(lns[zone[0]], label_head)   # a second table right under the first one
        unit = (hd.unit_of(label_head) or hd.unit_of(" ".join(lns[z].line.text for z in zone))
                or hd.unit_of(title) or next((hd.unit_of(lns[k].line.text) for k in range(tk + 1, zone[0])
                                              if hd.unit_of(lns[k].line.text)), None))
        table_warnings: list[ParseWarning] = []
        rows = _rows(lns, between + list(range(start, stop)), cols, slots, pos, clean_title(title), table_warnings)
        keep = [k for k, c in enumerate(cols) if not c.note]
        if len(keep) != len(cols):
            cols = [cols[k] for k in keep]
            for r in rows:
                r.values = [r.values[k] for k in keep]
                r.printed = [r.printed[k] for k in keep] if r.printed else r.printed
        tables.append(Table(clean_title(title), unit, cols, rows, lns[zone[0]].line, warnings=table_warnings))
        warnings.extend(table_warnings)
    from kslib.parse.tables.classify import classify
    for n, t in enumerate(tables, 1):
        t.id = f"t{n}"
        t.kind = classify(t)
    return tables
