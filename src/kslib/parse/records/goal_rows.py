"""A row of ``goals.csv``: one goal, sub-goal, activity or assignment, with its status and where it came from."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from kslib.parse.records.status import Stated
from kslib.read.source import Line
from kslib.read.symbols import Symbol
from kslib.statuses import STATUSES
from kslib.text import squeeze
from kslib.vocab.colours import colour_of_symbol

GOAL_COLUMNS = ["goal_id", "level", "parent_id", "kf_goal", "title", "horizon", "status", "basis",
                "comment", "line", "prose_title", "status_line", "page", "numbered", "symbol", "legend_page"]


@dataclass
class Goal:
    """One row of ``goals.csv`` (see the README for the columns)."""

    goal_id: str
    level: str = "goal"                # goal, subgoal, assignment
    parent_id: str = ""
    kf_goal: str = ""
    title: str = ""
    horizon: str = ""
    status: str = "unknown"
    basis: str = "none"
    comment: str = ""
    line: int | None = None
    prose_title: str = ""
    status_line: int | None = None
    page: int | None = None
    numbered: bool = False             # goal_id is the number the report prints
    symbol: str = ""                   # colour of its status symbol ("grön"), judged by the report's legend
    legend_page: int | None = None     # the legend's page, where the status is its symbol's
    marks: tuple[str, ...] = field(default=(), repr=False)   # colours of the symbols in its status place, as read

    @classmethod
    def at(cls, goal_id: str, line: Line | None, title: str, **fields) -> "Goal":
        """A goal whose row starts on ``line``, its title squeezed."""
        return cls(goal_id, title=squeeze(title), line=line.number if line else None,
                   page=line.page if line else None, **fields)

    def state(self, stated: Stated | None, *, work: bool | None = None) -> "Goal":
        """Take a status the report states for this row, where it suits the level: a goal or sub-goal is
        met or not, an assignment (or, with ``work``, an activity) also done or under way."""
        work = self.level == "assignment" if work is None else work
        if stated is not None and (work or stated.status in STATUSES):
            self.status, self.basis, self.comment = stated.status, stated.basis, stated.words
            self.status_line = stated.line
            if stated.basis == "symbol" and not self.marks and (colour := colour_of_symbol(stated.words)):
                self.marks = (colour,)
        return self

    def mark(self, symbols: list[Symbol]) -> "Goal":
        """Note the symbols in this row's status place (the status cell, or beside the title); what their
        colour says is judged once for all rows (:mod:`~kslib.parse.records.symbol_status`)."""
        if symbols:
            self.marks = tuple(s.colour for s in symbols)
        return self

    def as_dict(self) -> dict:
        return asdict(self)


def goals_frame(goals: list[Goal]) -> pd.DataFrame:
    """``goals.csv`` as a frame (nullable integers for lines and pages)."""
    frame = pd.DataFrame([g.as_dict() for g in goals], columns=GOAL_COLUMNS)
    for col in ("line", "status_line", "page", "legend_page"):
        frame[col] = frame[col].astype("Int64")
    frame["numbered"] = frame["numbered"].astype("boolean").fillna(False).astype(bool)
    return frame
