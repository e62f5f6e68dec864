"""The truth of a generated goal document: goals (any depth), assignments, scorecard indicators and values.

A goal's ``status`` is the status the document states *in words* (a code of :mod:`kslib.statuses`), or None
where it states none in words — a blank cell, or only a coloured symbol.  A symbol's colour is kept apart in
``colour`` (``"grön"``, ``"gul"``, ``"röd"``), and whether the document explains the colours in a legend in
``GoalDoc.legend`` (colour → status), drawn in colour on page ``GoalDoc.legend_page`` of a PDF (a text
layer loses the colours of both).  In a PDF with a legend, a symbol-only goal must get the legend's status
(basis ``symbol``, the legend's page cited); without a legend it must get none, only its colour.  Anything
else is an invented status.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class TruthGoal:
    """A goal, sub-goal, activity or assignment as the document prints it."""

    key: str                        # the generator's own id (unique in the document)
    goal_id: str | None             # the number the document prints ("1.2"), None where it prints none
    level: str                      # goal, subgoal, assignment (the contract's level)
    depth: int                      # 1 goal, 2 sub-goal, 3 activity …
    parent: str | None              # the parent's key
    title: str
    status: str | None              # the status stated in words; None: none stated in words
    words: str = ""                 # the status as printed ("Delvis uppfyllt"), "" where none
    colour: str | None = None       # the colour of a status symbol drawn for it (grön, gul, röd), None: none
    page: int | None = None
    kind: str = ""                  # goal_table, scorecard, assignments
    actual: str | None = None       # the status the goal really has (what a symbol shows), None: none at all


@dataclass(frozen=True)
class TruthValue:
    """One figure or text of a scorecard: indicator, focus area, year, measure and what it states."""

    indicator: str
    focus: str
    year: int
    measure: str                    # target, outcome
    value: float | None             # the figure, None where the cell states only words
    text: str                       # the words beyond a figure ("0 eller bättre", "Topp 5"), "" for a figure
    printed: str = ""


@dataclass
class GoalDoc:
    """A generated report with goal tables, scorecards or assignment lists, and its truth."""

    name: str
    fmt: str                        # pdf | txt
    data: bytes | str
    year: int                       # the year of the report (an appendix: of the report it belongs to)
    renderer: str
    seed: int
    classes: frozenset[str]
    goals: list[TruthGoal] = field(default_factory=list)
    values: list[TruthValue] = field(default_factory=list)
    legend: dict[str, str] = field(default_factory=dict)     # colour -> status, where a legend explains them
    counts: list[tuple[str, str, int]] = field(default_factory=list)   # (level, status, count) the prose states
    legend_page: int | None = None  # PDF: the page the legend of colours stands on (None: none drawn in colour)

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.fmt}"

    def by_key(self) -> dict[str, TruthGoal]:
        return {g.key: g for g in self.goals}

    def write(self, folder: str | Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self.filename
        if isinstance(self.data, bytes):
            path.write_bytes(self.data)
        else:
            path.write_text(self.data, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return f"<GoalDoc {self.name} {self.renderer} classes={sorted(self.classes)} goals={len(self.goals)} " \
               f"values={len(self.values)}>"
