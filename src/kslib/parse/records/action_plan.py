"""Follow-up of an action plan: one row per item.

Two shapes:

* under "Uppföljning (av) handlingsplan …", a three-column table — decision, clarification of the decision,
  follow-up — whose text layer prints each item's three cells one after another, each wrapped at its own
  column width.  The boundaries are found from what a wrapped cell looks like: every line of a cell fits the
  column's width, and a line that breaks early (the next word would have fitted) ends a sentence; a cell
  starts with a capital letter or a digit and ends a sentence; the column widths are shared by all items
  (estimated from the items themselves).  Each item's cut is the one that breaks fewest of these rules; when
  another cut is as good, the text is kept as cut but a warning names the item and the alternative.  The
  status is ``unknown`` (the report states counts for the whole plan, see ``goal_counts``) unless the item's
  follow-up says plainly that nothing was done ("ej påbörjat");
* in other words ("Handlingsplan", "Åtgärdsplan", "Aktivitetsplan"), a column table ("Åtgärd | Ansvarig |
  Status | Kommentar") read by the one column reader; an item's status comes only from its Status cell
  (:func:`~kslib.parse.records.status.cell_status`) — never from the comment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.records.columns import Column, ends_table, find_table, read_rows, starts_row
from kslib.parse.records.section import body, section
from kslib.parse.records.status import cell_status
from kslib.read.source import Line, Source
from kslib.statuses import symbol_key
from kslib.text import join_lines, squeeze
from kslib.vocab.controls import (CONTROL_END, NOT_STARTED, PLAN_END, PLAN_FIELDS, PLAN_HEADER_WORDS, PLAN_HEADING,
                                  PLAN_ITEM, PLAN_OTHER_HEADING)
from kslib.vocab.goals import FOLLOW_UP_START

COLUMNS = ["item", "decision", "clarification", "follow_up", "status", "line", "basis", "comment"]

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
        m = NOT_STARTED.search(follow_up)
        if m:
            status, basis, comment = "not_met", "text", f"\"{m.group(0)}\""
        rows.append({"item": item.number, "decision": decision, "clarification": clarification,
                     "follow_up": follow_up, "status": status, "line": item.lines[0].number,
                     "basis": basis, "comment": comment})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def _column_start(source: Source) -> tuple[int, list[Column]] | None:
    """(header index, columns) of a plan table under a heading in other words."""
    return find_table(source, PLAN_OTHER_HEADING, PLAN_FIELDS,
                      lambda fields: "decision" in fields and bool(fields & {"status", "follow_up"}))


def _column_plan(source: Source, at: int, columns: list[Column]) -> pd.DataFrame:
    key = symbol_key(source.lines)
    rows = []
    records = read_rows(body(source, at + 1), columns, starts=starts_row(columns[0].field),
                        ends=ends_table(CONTROL_END, PLAN_OTHER_HEADING), fields=PLAN_FIELDS)
    for n, rec in enumerate(records, 1):
        stated = cell_status(rec.text("status"), key)
        item = rec.text("item")
        rows.append({"item": int(item) if item.isdigit() else n, "decision": rec.text("decision"),
                     "clarification": rec.text("clarification"), "follow_up": rec.text("follow_up"),
                     "status": stated.status if stated else "unknown", "line": rec.first.number,
                     "basis": stated.basis if stated else "none", "comment": stated.words if stated else ""})
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def _where(item: _Item, cut: int) -> str:
    return str(item.lines[cut - 1].number) if cut > 0 else "none"


def _join(lines: list[Line], texts: list[str], start: int, stop: int) -> str:
    return squeeze(join_lines([Line(ln.number, t) for ln, t in zip(lines[start:stop], texts[start:stop])]).text)


def _items(source: Source) -> list[_Item]:
    """The numbered items under the plan's heading, to another section or a comment on the plan."""
    sec = section(source, PLAN_HEADING, ends=lambda ln: _ends_table(ln.text.strip()))
    if sec is None:
        return []
    items: list[_Item] = []
    for line in sec.lines:
        text = line.text.strip()
        m = PLAN_ITEM.match(text)
        expected = (items[-1].number + 1) if items else 1
        if m and int(m.group(1)) == expected and re.match(r"[A-ZÅÄÖ]", m.group(2)):
            items.append(_Item(expected, [line], [m.group(2).strip()]))
        elif items:
            items[-1].lines.append(line)
            items[-1].texts.append(text)
        elif not PLAN_HEADER_WORDS.match(text):
            break       # something other than the column header before item 1
    return items


def _ends_table(text: str) -> bool:
    """A goal's follow-up heading or another section after the plan ends it."""
    return bool(FOLLOW_UP_START.search(text) or PLAN_END.match(text))


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
