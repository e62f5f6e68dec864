"""The board's goals, sub-goals, activities and assignments with their fulfilment (``goals.csv``).

Where the report states a goal's fulfilment is partly words, partly coloured symbols that a PDF's text layer
loses.  The goals are read from every shape the report gives them, each by its specification over the one
machinery of :mod:`kslib.parse.records` (section finder, column reader, cell status):

* the board-goal template: a goal table, its follow-up headings and a sub-goal table
  (:mod:`~kslib.parse.records.board_goals`);
* goal tables in several levels, each row with a status column and a comment
  (:mod:`~kslib.parse.records.goal_tables`);
* numbered goal headings or bullet lists under a goal section, labelled lists
  (:mod:`~kslib.parse.records.goal_sections`; read where the template gives no goals);
* a scorecard's overall goals and focus areas (:mod:`~kslib.parse.records.scorecards`);
* the council's assignments (:mod:`~kslib.parse.records.assignments`, level ``assignment``).

A status is one the report states in words, or by a symbol its own key explains (a PDF's coloured symbols by
its legend of colours: :mod:`~kslib.parse.records.symbol_status`) — never invented; an
analyst's overrides file fills the rest (:mod:`kslib.parse.overrides`), and the report's own tally forces
what it forces (:mod:`~kslib.parse.records.recovery`).  A report with goal vocabulary whose goals cannot be
found gets a warning.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.overrides import apply_overrides, read_overrides
from kslib.parse.records.assignments import read_assignments
from kslib.parse.records.board_goals import read_board_goals
from kslib.parse.records.counts import find_count_clauses
from kslib.parse.records.goal_rows import Goal, goals_frame
from kslib.parse.records.goal_sections import read_goal_sections
from kslib.parse.records.goal_tables import read_goal_tables
from kslib.parse.records.recovery import recover_statuses
from kslib.parse.records.scorecards import scorecard_goals
from kslib.parse.records.symbol_status import judge_symbols
from kslib.read.source import Source
from kslib.statuses import symbol_key
from kslib.vocab.colours import legend
from kslib.vocab.goals import GOAL_VOCABULARY


def read_goals(source: Source, *, year: int | None = None, warnings: list[ParseWarning] | None = None,
               overrides: str | Path | None = None) -> pd.DataFrame:
    """Goals, sub-goals and assignments with their status and where it came from (see the module doc)."""
    warnings = [] if warnings is None else warnings
    key = symbol_key(source.lines)
    board = read_board_goals(source, year=year, clauses=find_count_clauses(source), warnings=warnings)
    rows: list[Goal] = board.rows(warnings)
    tables = read_goal_tables(source, key)
    rows.extend(tables.goals)
    if not rows:
        rows.extend(read_goal_sections(source, key, used=tables.lines))
    rows.extend(scorecard_goals(source))
    rows.extend(read_assignments(source, key))
    judge_symbols(rows, legend(source.lines), warnings)
    _check_ids(rows, warnings)
    if not rows and any(GOAL_VOCABULARY.search(ln.text) for ln in source.lines):
        warnings.append(ParseWarning(
            "table-missing", "the report speaks of goals (Mål, Delmål, Måluppfyllelse) but no goal table, "
            "goal headings, scorecard or assignments could be read", "goals"))
    frame = goals_frame(rows)
    if board.cut_off is not None:         # the text ends inside the sub-goal table: where (the audit reports it)
        frame.attrs["cut_off"] = {"line": board.cut_off.number, "page": board.cut_off.page}
    if overrides is not None:
        frame = apply_overrides(frame, read_overrides(overrides, known_ids=frame["goal_id"]), warnings=warnings)
    return frame


def _check_ids(rows: list[Goal], warnings: list[ParseWarning]) -> None:
    """Two goals of one id (two tables numbering alike): an analyst's override could not tell them apart."""
    seen: dict[str, Goal] = {}
    for g in rows:
        first = seen.setdefault(g.goal_id, g)
        if first is not g and first.line != g.line:
            warnings.append(ParseWarning(
                "duplicate-goal", f"goal id {g.goal_id} is printed twice (lines {first.line} and {g.line}): "
                f"{first.title!r} and {g.title!r}", "goals", g.goal_id, g.line, g.page))


def goals_for_report(report, *, warnings: list[ParseWarning]) -> pd.DataFrame:
    """The ``goals`` table of a :class:`~kslib.parse.report.Report`: its goals with the analyst's overrides
    applied, then the statuses the report's own words force (its tally of ``goal_counts``)."""
    frame = read_goals(report.source, year=report.year, warnings=warnings, overrides=report.overrides_path)
    return recover_statuses(frame, report.table("goal_counts"), report.source)
