"""Follow-up of the labour-market action plan ("Uppföljning handlingsplan arbetsmarknadsinsatser").

A three-column table — decision, clarification of the decision, follow-up — whose
text layer prints each item's three cells one after another, each wrapped at its
own column width.  The boundaries are found from what a wrapped cell looks like:

* every line of a cell fits the column's width, and a line that breaks early
  (the next word would have fitted) ends a sentence;
* a cell starts with a capital letter or a digit and ends a sentence;
* the column widths are shared by all items (estimated from the items themselves).

Each item's cut is the one that breaks fewest of these rules.  When another cut is
as good, the text is kept as cut but a ParseWarning names the item and the
alternative.  The status per item is ``unknown``: the report states only counts
for the whole plan (see ``goal_counts``, level ``action_plan``), and the
item's own words decide only where they say so plainly ("ej påbörjat").

A plan in other words ("Handlingsplan", "Åtgärdsplan", "Aktivitetsplan") printed as a column
table ("Åtgärd | Ansvarig | Status | Kommentar") is read by position
(:func:`~kslib.parse.tables.internal_control.read_column_table`); an item's status comes only
from its Status cell — words ("Genomförd", "Pågår", "Ej påbörjad"; basis ``text``) or a symbol
the report's key explains (basis ``symbol``) — never from the comment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.read.source import Line, Source
from kslib.parse.tables.internal_control import cell_status, column_header, read_column_table
from kslib.statuses import symbol_key
from kslib.text import join_lines, squeeze

COLUMNS = ["item", "decision", "clarification", "follow_up", "status", "line", "basis", "comment"]

_HEADING = re.compile(r"^\s*Uppföljning\s+(?:av\s+)?handlingsplan", re.I)
_OTHER_HEADING = re.compile(r"^\s*(?:[\d.]+\s+)?(?:Uppföljning\s+(?:av\s+)?)?(?:den\s+)?\w*"
                            r"(?:handlingsplan|åtgärdsplan|aktivitetsplan)(?:en)?\b.{0,60}$", re.I)
# column words of a plan table: field -> words (owner and time are read past)
PLAN_FIELDS = {
    "item": r"Nr",
    "decision": r"Åtgärd|Åtgärder|Aktivitet|Aktiviteter|Insats|Insatser|Beslut",
    "clarification": r"Beskrivning|Förtydligande|Syfte",
    "follow_up": r"Uppföljning|Kommentar|Kommentarer|Resultat",
    "status": r"Status",
    "owner": r"Ansvarig|Ansvar",
    "when": r"Tidplan|Klart|Klart\s+senast|Datum|Tidpunkt",
}
_ITEM = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_HEADER_WORD = re.compile(r"^[\dA-ZÅÄÖ\s/]+$")       # "BESLUT ENLIGT", "FÖRTYDLIGANDE TILL BESLUT"
# a follow-up that states plainly that nothing was done
_NOT_STARTED = re.compile(r"\b(?:ej|inte)\s+(?:påbörja[dt]s?|startat|genomför[dt]s?)\b", re.I)

OVERFLOW, LOWER_START, OPEN_END, EARLY_BREAK, EMPTY = 10.0, 5.0, 3.0, 3.0, 20.0


@dataclass
class _Item:
    number: int
    lines: list[Line]
    texts: list[str]

    @property
    def lengths(self) -> list[int]:
        """Printed line lengths (the first line with its item number: it shares the column's width)."""
        return [len(ln.text.strip()) for ln in self.lines]


def read_action_plan(source: Source, *, year: int | None = None,
                     warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """``item,decision,clarification,follow_up,status,line,basis,comment`` (one row per item)."""
    warnings = [] if warnings is None else warnings
    items = _items(source)
    if not items and (table := _column_start(source)) is not None:
        return _column_plan(source, *table)
    if not items:
        warnings.append(ParseWarning("table-missing", "no action plan follow-up ('Uppföljning handlingsplan …') "
                                     "with numbered items found", "action_plan"))
        return pd.DataFrame(columns=COLUMNS)
    widths = _estimate_widths(items)
    rows = []
    for item in items:
        ranked = _ranked_cuts(item.texts, widths, item.lengths)
        (cost, a, b), alternatives = ranked[0], ranked[1:]
        close = [(c, x, y) for c, x, y in alternatives if c - cost < 1.0]
        if close:
            c, x, y = close[0]
            warnings.append(ParseWarning(
                "ambiguous-cell-boundary",
                f"action plan item {item.number}: the boundaries between decision, clarification and follow-up "
                f"are uncertain; chosen after lines {_where(item, a)} and {_where(item, b)}, as plausible: after "
                f"{_where(item, x)} and {_where(item, y)}", "action_plan", str(item.number), item.lines[0].number))
        decision, clarification, follow_up = (_join(item.lines, item.texts, s, e)
                                              for s, e in ((0, a), (a, b), (b, len(item.texts))))
        status, basis, comment = "unknown", "none", ""
        m = _NOT_STARTED.search(follow_up)
        if m:
            status, basis, comment = "not_met", "text", f"\"{m.group(0)}\""
        rows.append({"item": item.number, "decision": decision, "clarification": clarification,
                     "follow_up": follow_up, "status": status, "line": item.lines[0].number,
                     "basis": basis, "comment": comment})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def _column_start(source: Source) -> tuple[int, list[tuple[str, float]]] | None:
    """(header index, columns) of a plan table under a heading in other words."""
    for i in source.find_all(_OTHER_HEADING):
        for k in range(i + 1, min(i + 4, len(source))):
            columns = column_header(source[k], PLAN_FIELDS)
            if columns and "decision" in {f for f, _ in columns} and \
                    {f for f, _ in columns} & {"status", "follow_up"}:
                return k, columns
    return None


def _column_plan(source: Source, header: int, columns: list[tuple[str, float]]) -> pd.DataFrame:
    key = symbol_key(source.lines)
    rows = []
    for n, cells in enumerate(read_column_table(source, header, columns), 1):
        status, basis, said = cell_status(cells.get("status", ""), key)
        item = cells.get("item", "")
        rows.append({"item": int(item) if item.isdigit() else n, "decision": cells.get("decision", ""),
                     "clarification": cells.get("clarification", ""), "follow_up": cells.get("follow_up", ""),
                     "status": status, "line": cells["_line"], "basis": basis, "comment": said})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def _where(item: _Item, cut: int) -> str:
    return str(item.lines[cut - 1].number) if cut > 0 else "none"


def _join(lines: list[Line], texts: list[str], start: int, stop: int) -> str:
    return squeeze(join_lines([Line(ln.number, t) for ln, t in zip(lines[start:stop], texts[start:stop])]).text)


def _items(source: Source) -> list[_Item]:
    start = source.find(_HEADING)
    if start is None:
        return []
    items: list[_Item] = []
    for line in source.lines[start + 1:]:
        text = line.text.strip()
        m = _ITEM.match(text)
        expected = (items[-1].number + 1) if items else 1
        if m and int(m.group(1)) == expected and re.match(r"[A-ZÅÄÖ]", m.group(2)):
            items.append(_Item(expected, [line], [m.group(2).strip()]))
        elif items:
            if _ends_table(text, items[-1]):
                break
            items[-1].lines.append(line)
            items[-1].texts.append(text)
        elif not _HEADER_WORD.match(text):
            break       # something other than the column header before item 1
    return items


def _ends_table(text: str, last: _Item) -> bool:
    """A goal heading or another section after the last item ends the table."""
    return bool(re.search(r"bidrag\s+till\s+KF[\s-]*mål", text, re.I)
                or re.match(r"(?:Kommentar\s+till|Uppföljning\s+av)\b", text))


def _sentence_end(text: str) -> bool:
    """The line ends a sentence: ``.``/``!``/``?`` after a word that is no abbreviation (``s.k.``, ``Ex.``)."""
    m = re.search(r"(\S+)[.!?]$", text)
    if not m:
        return False
    word = m.group(1).strip("()\"'")
    return "." not in word and (len(word) >= 3 or word.isdigit())


def _first_word(text: str) -> int:
    return len(text.split()[0]) if text.split() else 0


@dataclass(frozen=True)
class _LineFeatures:
    """What the cell costs look at, computed once per line."""

    starts_cell: bool      # may start a cell: a capital, a digit, a bullet, a parenthesis
    ends_sentence: bool
    first_word: int
    length: int


def _features(texts: list[str], lengths: list[int]) -> list[_LineFeatures]:
    return [_LineFeatures(bool(re.match(r"[\dA-ZÅÄÖ(•\-]", t)), _sentence_end(t), _first_word(t), n)
            for t, n in zip(texts, lengths)]


def _cell_cost(feats: list[_LineFeatures], width: float | None) -> float:
    if not feats:
        return EMPTY
    w = width if width is not None else max(f.length for f in feats)
    cost = 0.0
    if not feats[0].starts_cell:
        cost += LOWER_START
    if not feats[-1].ends_sentence:
        cost += OPEN_END
    for i, f in enumerate(feats):
        if f.length > w + 1:
            cost += OVERFLOW
        if i + 1 < len(feats) and f.length + 1 + feats[i + 1].first_word <= w - 2 and not f.ends_sentence:
            cost += EARLY_BREAK
    return cost


def _ranked_cuts(texts: list[str], widths: tuple[float, float, float] | None,
                 lengths: list[int]) -> list[tuple[float, int, int]]:
    n = len(texts)
    feats = _features(texts, lengths)
    ranked = []
    for a in range(1, n):
        for b in range(a + 1, n + 1):
            spans = ((0, a), (a, b), (b, n))
            cost = sum(_cell_cost(feats[s:e], widths[k] if widths else None) for k, (s, e) in enumerate(spans))
            ranked.append((cost, a, b))
    if not ranked:         # one line only: all decision
        ranked = [(EMPTY * 2, n, n)]
    ranked.sort()
    return ranked


def _estimate_widths(items: list[_Item]) -> tuple[float, float, float] | None:
    """Column widths shared by all items: start from each item alone, then agree (three rounds)."""
    widths = None
    for _ in range(3):
        cols: list[list[int]] = [[], [], []]
        for item in items:
            _, a, b = _ranked_cuts(item.texts, widths, item.lengths)[0]
            for k, (s, e) in enumerate(((0, a), (a, b), (b, len(item.texts)))):
                cols[k].extend(item.lengths[s:e])
        new = tuple(float(_robust_max(c)) if c else 0.0 for c in cols)
        if new == widths:
            break
        widths = new
    return widths


def _robust_max(values: list[int]) -> int:
    """The largest length that at least two lines reach (one stray line does not widen a column)."""
    ordered = sorted(values, reverse=True)
    return ordered[1] if len(ordered) > 1 else ordered[0]
