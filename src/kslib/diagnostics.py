"""Warnings raised while reading a report: never a silent guess."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Code(str, Enum):
    """Every warning the reader gives, by what it says (a diagnostic to show, never state to read back)."""

    # tables of figures
    AMBIGUOUS_SPLIT = "ambiguous-split"            # a row's figures split several ways, nothing decided
    SPLIT_BY_SUM = "split-by-sum"                  # … the column sums decided
    SPLIT_BY_MAGNITUDE = "split-by-magnitude"      # … the columns' sizes or the year-to-year series decided
    GLUED_FIGURES = "glued-figures"                # figures printed without a space between them
    MALFORMED_FIGURE = "malformed-figure"          # digits no well-formed figure reads
    POSITION_UNPLACED = "position-unplaced"        # a figure standing between two columns
    STACKED_FIGURES = "stacked-figures"            # more figures one per line than the header has columns
    TRANSPOSED_UNPLACED = "transposed-unplaced"    # rows by year whose column names cannot be told apart
    TABLE_INCOMPLETE = "table-incomplete"          # the text ends inside a table
    ROW_CUT_OFF = "row-cut-off"                    # its last row looks cut off, left out
    TABLE_MISSING = "table-missing"                # a table the report should hold is not there
    UNIT_FROM_TABLES = "unit-from-tables"          # a table's unit read from the report's other tables
    UNIT_FROM_TEXT = "unit-from-text"              # … from the text around it
    UNIT_UNKNOWN = "unit-unknown"                  # … from nowhere
    # prose
    CLAIM_UNIT = "claim-unit"
    CONFLICTING_FIGURE = "conflicting-figure"
    UNPLACED_FIGURE = "unplaced-figure"
    NO_YEAR = "no-year"
    YEAR_MISMATCH = "year-mismatch"
    # goals, indicators, statuses
    DUPLICATE_GOAL = "duplicate-goal"
    GOAL_KF_MISMATCH = "goal-kf-mismatch"
    GOAL_STATUS_CONFLICT = "goal-status-conflict"
    GOAL_STATUS_MISSING = "goal-status-missing"
    GOAL_TABLE_MISSING = "goal-table-missing"
    GOAL_UNKNOWN = "goal-unknown"
    SUBGOAL_ORPHAN = "subgoal-orphan"
    SUBGOAL_PARENT_MISMATCH = "subgoal-parent-mismatch"
    SUBGOAL_UNPLACED = "subgoal-unplaced"
    FOCUS_AREA_AMBIGUOUS = "focus-area-ambiguous"
    INDICATOR_PAIR_AMBIGUOUS = "indicator-pair-ambiguous"
    INDICATOR_PLACEMENT = "indicator-placement"
    LEGEND_AMBIGUOUS = "legend-ambiguous"
    SYMBOL_AMBIGUOUS = "symbol-ambiguous"
    SYMBOL_STATUS_CONFLICT = "symbol-status-conflict"
    OVERRIDE_CONFLICT = "override-conflict"
    # internal control and action plans
    AMBIGUOUS_CELL_BOUNDARY = "ambiguous-cell-boundary"
    COMMENT_NUMBERING = "comment-numbering"
    COMMENT_UNPLACED = "comment-unplaced"
    GRADE_MISSING = "grade-missing"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class ParseWarning:
    """Something the reader could not decide or had to leave out, and where.  ``code`` is a :class:`Code` (a
    string: a warning read back from an older parse keeps a code this version no longer gives)."""

    code: str                 # a Code: "ambiguous-split", "table-incomplete", "unplaced-figure", …
    message: str              # English, one line, names the row and the alternatives
    table: str = ""
    row: str = ""
    line: int | None = None
    page: int | None = None
    evidence_page: int | None = None   # the page of what decided a reading, where not the item's own

    def __post_init__(self) -> None:
        if self.code in Code._value2member_map_:
            object.__setattr__(self, "code", Code(self.code))

    def to_dict(self) -> dict:
        out = asdict(self)
        out["code"] = str(self.code)
        return out

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else ""
        if self.page:
            where += f" (page {self.page})"
        return f"{where}: {self.message}" if where else self.message
