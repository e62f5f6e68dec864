"""Goal tables: goals in several levels (board goals, operational goals, activities), each row with a
status column and a comment.

A goal table is found by its header, a line of column words only: a goal column ("Mål", "Nämndmål",
"Verksamhetsmål", "Mål och aktiviteter" …), a status column ("Status", "Bedömning", "Måluppfyllelse" …),
perhaps an id ("Nr") and a comment column ("Kommentar", "Analys").  It is read by the one column reader
(:mod:`~kslib.parse.records.columns`), over page breaks.  A row starts with a goal id ("1", "1.2", "1.2.3"),
a level named before the title ("Nämndmål: …", "Aktivitet: …"), or a capitalised title when the cell above
is complete (it ended a sentence, or this line starts a status or comment of its own); a title alone naming
a level ("Verksamhetsmål") sets the level of the rows below it.

Each row's level and parent come from what the table prints: the id's depth (``1.2.3`` is under ``1.2``);
else the level word (the order in which the table names them); else the indentation of the title in its
column.  Depth one is level ``goal``, deeper rows ``subgoal`` with their parent; ids are printed
(``numbered``) or kslib's own (``M1``, ``M1.2``).  The status is the status cell's words (or a symbol by the
report's own key, :func:`~kslib.parse.records.status.cell_status`), an activity's "Genomförd"/"Pågår"
included; the comment column is kept after the status words.  A PDF's coloured symbol in the status cell (or
beside the title) is noted for the legend to judge (:mod:`~kslib.parse.records.symbol_status`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kslib.parse.records.columns import (Column, Record, capitalised, chunks, ends_table, header, read_table,
                                         runs_on, tolerance)
from kslib.parse.records.goal_rows import Goal
from kslib.parse.records.section import rows_across
from kslib.parse.records.status import cell_status
from kslib.read.source import Line, Source
from kslib.text import squeeze
from kslib.vocab.controls import CONTROL_END
from kslib.vocab.goals import GOAL_FIELDS, GOAL_ID, LEVEL_HEADING, LEVEL_PREFIX

_INDENT = (3.0, 1.5)        # points, characters: titles indented by more stand a level deeper


@dataclass
class GoalTables:
    """The goals of every goal table, and the lines the tables take (other goal readers leave them)."""

    goals: list[Goal]
    lines: frozenset[int]


def _header(line: Line) -> list[Column] | None:
    """The columns when the line is a goal table's header: a goal and a status column (an id column first)."""
    columns = header(line, GOAL_FIELDS)
    if columns is None:
        return None
    fields = {c.field for c in columns}
    return columns if {"goal", "status"} <= fields and columns[0].field in ("goal", "id") else None


def read_goal_tables(source: Source, key: dict[str, str | None]) -> GoalTables:
    """Every goal table of the report (see the module doc)."""
    lines = rows_across(source)
    goals: list[Goal] = []
    taken: set[int] = set()
    top = 0                                         # kslib's own top-level ids so far (M1, M2, …)
    i = 0
    while i < len(lines):
        columns = _header(lines[i])
        if columns is None:
            i += 1
            continue
        records, stop = read_table(lines[i + 1:], columns, starts=_starts, fields=GOAL_FIELDS,
                                   ends=ends_table(CONTROL_END))
        taken.update(ln.number for ln in lines[i:i + 1 + stop])
        table, top = _goals(records, key, top)
        goals.extend(table)
        i += 1 + max(stop, 1)
    return GoalTables(goals, frozenset(taken))


def _marked(title: str, ident: str) -> str:
    """How a row marks its start: ``id``, ``level`` (a level word before the title, or alone) or ``""``."""
    if ident or GOAL_ID.match(title):
        return "id"
    if LEVEL_PREFIX.match(title) or LEVEL_HEADING.match(title.strip(" :")):
        return "level"
    return ""


def _starts(cur: Record | None, cells: dict[str, str], line: Line) -> bool:
    """A row starts with its id or level word; in a table of neither, with a capitalised title where the
    title above is complete, or where this line starts a status or a comment of its own, or an indentation
    of its own."""
    title = cells.get("goal", "")
    if _marked(title, cells.get("id", "")):
        return True
    if not title or not capitalised(title):
        return False
    if cur is None:
        return True
    first = cur.parts.get("goal", [""])[0]
    if LEVEL_HEADING.match(first.strip(" :")):
        return True                                 # the row after a level's heading
    if _marked(first, cur.text("id")):
        return False                                # rows of this table start with their id or level word
    above = cur.last("goal")
    if runs_on(above):
        return False
    if re.search(r"[.!?]$", above) or cells.get("status"):
        return True
    comment = cells.get("comment", "")
    if comment and capitalised(comment) and (not cur.parts.get("comment")
                                             or re.search(r"[.!?]$", cur.last("comment"))):
        return True
    return abs(_x_of(line, title) - _x_of(cur.first, cur.parts["goal"][0])) > tolerance(line, _INDENT)


def _x_of(line: Line, text: str) -> float:
    """Where ``text`` (a cell's text on ``line``) starts."""
    head = text.split(" ", 1)[0]
    return next((c.x0 for c in chunks(line) if c.text.split(" ", 1)[0] == head), 0.0)


@dataclass
class _Row:
    """A row of a goal table: its title, the id or level word it prints, where its title starts."""

    record: Record
    title: str
    printed_id: str
    level_word: str
    indent: float


def _row(rec: Record) -> _Row:
    title = rec.text("goal")
    printed = rec.text("id").rstrip(".")
    word = ""
    if not printed and (m := GOAL_ID.match(title)):
        printed, title = m.group("id"), title[m.end():].strip()
    if (m := LEVEL_PREFIX.match(title)) is not None:
        word, title = _level_word(m.group("word")), m.group("title")
    return _Row(rec, squeeze(title), printed, word, _x_of(rec.first, rec.parts.get("goal", [""])[0]))


def _symbols(rec: Record):
    """The symbols in a row's status cell, else beside its title (on its first line)."""
    return rec.symbols("status") or rec.symbols("goal", first_line=True) or rec.symbols("id", first_line=True)


def _indent_levels(xs: list[float], unit: float) -> list[float]:
    """The distinct indentations of the titles (those closer than ``unit`` are one)."""
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > unit:
            out.append(x)
    return out


def _level_word(word: str) -> str:
    return re.sub(r"\s+", " ", word.strip(" :")).lower()


def _rows_and_levels(records: list[Record]) -> tuple[list[_Row], list[str]]:
    """The goal rows of a table (a row that only names a level sets the level of those below it) and the
    level words in the order the table names them (depth 1, 2, …)."""
    rows: list[_Row] = []
    level_words: list[str] = []
    current = ""
    for rec in records:
        r = _row(rec)
        alone = LEVEL_HEADING.match(r.title.strip(" :"))
        if alone and not rec.text("status") and not r.printed_id:
            current = _level_word(alone.group(0))
            level_words += [current] if current not in level_words else []
            continue
        if r.level_word:
            level_words += [r.level_word] if r.level_word not in level_words else []
        else:
            r.level_word = current
        rows.append(r)
    return rows, level_words


def _goals(records: list[Record], key: dict, top: int) -> tuple[list[Goal], int]:
    """Goals of one table with their levels and parents; ``top`` is the last own top-level number used."""
    rows, level_words = _rows_and_levels(records)
    if not rows:
        return [], top
    unit = tolerance(rows[0].record.first, _INDENT)
    indents = _indent_levels([r.indent for r in rows], unit)
    out: list[Goal] = []
    stack: list[tuple[int, Goal]] = []      # (depth, goal) of the open ancestors
    counters: dict[str, int] = {}
    for r in rows:
        if r.printed_id:
            depth = r.printed_id.count(".") + 1
        elif r.level_word in level_words:
            depth = level_words.index(r.level_word) + 1
        else:
            depth = 1 + sum(1 for x in indents if x < r.indent - unit)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if r.printed_id:
            goal_id, parent_id = r.printed_id, r.printed_id.rpartition(".")[0]
        elif parent is None:
            top += 1
            goal_id, parent_id = f"M{top}", ""
        else:
            counters[parent.goal_id] = counters.get(parent.goal_id, 0) + 1
            goal_id, parent_id = f"{parent.goal_id}.{counters[parent.goal_id]}", parent.goal_id
        goal = Goal.at(goal_id, r.record.first, r.title, level="goal" if depth == 1 else "subgoal",
                       parent_id=parent_id, numbered=bool(r.printed_id)).mark(_symbols(r.record))
        status_text = r.record.text("status")
        stated = cell_status(status_text, key) if status_text else None
        if stated is not None:
            goal.state(stated.at(r.record.numbers["status"][0]), work=True)
        comment = squeeze(r.record.text("comment"))
        if comment:
            goal.comment = f"{goal.comment}: {comment}" if goal.comment else comment
        out.append(goal)
        stack.append((depth, goal))
    return out, top
