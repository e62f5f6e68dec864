"""Board goals and sub-goals in the shape of a goal table, follow-up headings and a sub-goal table.

* board goals (``1`` .. ``n``) from the goal table under a short heading "<board> mål YYYY-YYYY" (rows
  "KF2" / "2. <title>"), and the headings they are followed up under, "… bidrag till KF mål 2/nämndmål
  …: 2. <title> (Uppfylls | Uppfylls delvis | Uppfylls ej)" — the heading states the status (basis ``text``);
* sub-goals (``1.1.a``, ``2.4``) from the table under "Delmål till mål YYYY-YYYY" (rows "KF1 1 1.2 <title>
  (2025)"), with their horizon markers "(2025)", "(2025-2026)", "(mandatperiod)": a horizon after the report
  year makes a sub-goal ``later`` (basis ``horizon``); a sub-goal the prose names ("ett delmål – det som
  handlar om … – uppfylls ej") gets that status (basis ``text``); the rest stay ``unknown``.

A PDF's coloured symbol beside a goal's or sub-goal's title is noted for the legend to judge
(:mod:`~kslib.parse.records.symbol_status`).
"""
from __future__ import annotations

import re

from kslib.diagnostics import ParseWarning
from kslib.parse.records.counts import CountClause
from kslib.parse.records.goal_rows import Goal
from kslib.parse.records.section import section
from kslib.parse.records.status import Stated
from kslib.parse.records.symbol_status import beside_title
from kslib.read.source import Source
from kslib.statuses import STATUS_LABELS_SV, status_from_words
from kslib.text import squeeze
from kslib.vocab.goals import (GOAL_FOLLOW_UP, GOAL_ROW, GOAL_TABLE, GOAL_TITLE, HORIZON_MARK, STATUS_IN_PARENS,
                               SUBGOAL_ROW, SUBGOAL_TABLE)

_HEADING_WRAP = 3            # lines a follow-up heading may wrap over before its "(status)"
_STOP = {"som", "handlar", "gäller", "och", "det", "de", "om", "med", "för", "till", "egen", "eget"}


class BoardGoals:
    """What the template states: goals by id, their period, sub-goals with their parents, where it ends."""

    def __init__(self) -> None:
        self.goals: dict[str, Goal] = {}
        self.period = ""
        self.table_at: int | None = None
        self.subgoals: list[Goal] = []
        self.cut_off = None            # the last line, when the text ends inside the sub-goal table

    def rows(self, warnings: list[ParseWarning]) -> list[Goal]:
        out = sorted(self.goals.values(), key=lambda g: _id_key(g.goal_id))
        for g in self.subgoals:
            if g.parent_id not in self.goals and self.goals:
                warnings.append(ParseWarning("subgoal-orphan", f"sub-goal {g.goal_id} belongs to board goal "
                                             f"{g.parent_id}, which is not in the goal table", "goals", g.goal_id,
                                             g.line))
        return out + self.subgoals


def read_board_goals(source: Source, *, year: int | None, clauses: list[CountClause],
                     warnings: list[ParseWarning]) -> BoardGoals:
    """The goal table, its follow-up headings and the sub-goal table (see the module doc)."""
    found = BoardGoals()
    _goal_table(source, found, warnings)
    _follow_up_headings(source, found, warnings)
    _subgoal_table(source, found, year, warnings)
    if found.table_at is None and (found.goals or found.subgoals):
        warnings.append(ParseWarning(
            "goal-table-missing", "the report has goal headings or a sub-goal table but no goal table "
            "('<nämnd> mål YYYY-YYYY'); the goals are read from the headings only", "goals"))
    _named_subgoals(found.subgoals, clauses, warnings)
    _check_named_goals(found.goals, clauses, warnings)
    return found


def _goal_table(source: Source, found: BoardGoals, warnings: list[ParseWarning]) -> None:
    sec = section(source, GOAL_TABLE, ends=lambda ln: bool(SUBGOAL_TABLE.search(ln.text)))
    if sec is None:
        return
    m = GOAL_TABLE.match(source[sec.start].text)
    found.period, found.table_at = f"{m.group(1)}-{m.group(2)}", sec.start
    kf: str | None = None
    current: Goal | None = None
    for line in sec.lines:
        text = line.text.strip()
        row, title = GOAL_ROW.match(text), GOAL_TITLE.match(text)
        if row:
            kf, current = f"KF{row.group(1)}", None
            if row.group(2):
                current = _new_goal(found, row.group(2), kf, row.group(3), line, warnings)
        elif title and kf is not None and current is None:
            current = _new_goal(found, title.group(1), kf, title.group(2), line, warnings)
        elif current is not None and re.match(r"[a-zåäö]", text):
            current.title = squeeze(f"{current.title} {text}")
        elif found.goals and current is not None:
            break          # prose after the table


def _new_goal(found: BoardGoals, goal_id: str, kf: str, title: str, line, warnings) -> Goal:
    if goal_id in found.goals:
        warnings.append(ParseWarning("duplicate-goal", f"board goal {goal_id} appears twice in the goal table",
                                     "goals", goal_id, line.number))
    goal = Goal.at(goal_id, line, title, kf_goal=kf, horizon=found.period, numbered=True).mark(beside_title(line))
    found.goals[goal_id] = goal
    return goal


def _follow_up_headings(source: Source, found: BoardGoals, warnings: list[ParseWarning]) -> None:
    """Statuses from the headings "… KF mål N/nämndmål …: N. <title> (Uppfylls …)"."""
    for i in source.find_all(GOAL_FOLLOW_UP):
        m = GOAL_FOLLOW_UP.search(source[i].text)
        kf, goal_id, rest = f"KF{m.group(1)}", m.group(2), m.group(3).strip()
        j = i
        while not _closed(rest) and j + 1 < len(source) and j < i + _HEADING_WRAP:
            j += 1                                      # the heading wraps until its closing "(status)"
            rest = squeeze(f"{rest} {source[j].text}")
        goal = found.goals.get(goal_id)
        if goal is None:
            goal = found.goals[goal_id] = Goal.at(goal_id, source[i], "", kf_goal=kf, horizon=found.period,
                                                   numbered=True)
        elif goal.kf_goal and goal.kf_goal != kf:
            warnings.append(ParseWarning(
                "goal-kf-mismatch", f"board goal {goal_id} serves {goal.kf_goal} in the goal table but "
                f"{kf} in its heading", "goals", goal_id, source[i].number))
        sm = STATUS_IN_PARENS.search(rest)
        status = status_from_words(sm.group(1)) if sm else None
        title = rest[:sm.start()].strip() if sm else squeeze(source[i].text[m.start(3):])
        goal.prose_title = title
        goal.mark([s for ln in source.lines[i:j + 1] for s in beside_title(ln)])
        goal.kf_goal = goal.kf_goal or kf
        goal.title = goal.title or title
        goal.status_line = source[i].number
        if status is None:
            warnings.append(ParseWarning(
                "goal-status-missing", f"the heading of board goal {goal_id} states no status the reader knows "
                f"({sm.group(1)!r} )" if sm else f"the heading of board goal {goal_id} states no status",
                "goals", goal_id, source[i].number))
            continue
        goal.state(Stated(status, "text", sm.group(0).strip(), source[i].number))


def _closed(text: str) -> bool:
    return STATUS_IN_PARENS.search(text) is not None


def _subgoal_table(source: Source, found: BoardGoals, year: int | None, warnings: list[ParseWarning]) -> None:
    sec = section(source, SUBGOAL_TABLE)
    if sec is None:
        return
    period_end = int(SUBGOAL_TABLE.search(source[sec.start].text).group(2))
    subgoals: list[Goal] = []
    seen: set[str] = set()
    for line in sec.lines:
        text = line.text.strip()
        m = SUBGOAL_ROW.match(text)
        if m:
            kf, parent, goal_id, title = f"KF{m.group(1)}", m.group(2), m.group(3), m.group(4)
            if goal_id in seen:
                warnings.append(ParseWarning("duplicate-goal", f"sub-goal {goal_id} appears twice",
                                             "goals", goal_id, line.number))
            seen.add(goal_id)
            if goal_id.split(".")[0] != parent:
                warnings.append(ParseWarning(
                    "subgoal-parent-mismatch", f"sub-goal {goal_id} is listed under board goal {parent}",
                    "goals", goal_id, line.number))
            subgoals.append(Goal(goal_id, "subgoal", parent, kf, title, line=line.number, page=line.page,
                                 numbered=True).mark(beside_title(line)))
        elif subgoals and re.match(r"[a-zåäö(]", text) and not re.search(r"[.:]$", subgoals[-1].title):
            subgoals[-1].title = squeeze(f"{subgoals[-1].title} {text}")
        elif subgoals:
            break
    else:
        if subgoals:
            last = source[len(source) - 1]
            found.cut_off = last
            warnings.append(ParseWarning(
                "table-incomplete", f"goals: the text ends inside the sub-goal table; read {len(subgoals)} "
                f"sub-goals as far as it goes", "goals", "", last.number, last.page))
    for goal in subgoals:
        goal.title = re.sub(r"\s{2,}", " ", goal.title).strip()
        hm = HORIZON_MARK.search(goal.title)
        if hm:
            goal.horizon = re.sub(r"\s*[-–]\s*", "-", hm.group(1)).lower()
            goal.title = goal.title[:hm.start()].strip()
            if _is_later(goal.horizon, year, period_end):
                goal.status, goal.basis, goal.comment = "later", "horizon", f"({hm.group(1)})"
    found.subgoals = subgoals


def _is_later(horizon: str, year: int | None, period_end: int) -> bool:
    """A horizon after the report year: followed up later."""
    if year is None:
        return False
    if horizon.startswith("mandatperiod"):
        return year < period_end
    return int(horizon[:4]) > year


def _named_subgoals(subgoals: list[Goal], clauses: list[CountClause], warnings: list[ParseWarning]) -> None:
    """A sub-goal the prose describes ("det som handlar om X") gets the clause's status."""
    for clause in clauses:
        if clause.level != "subgoal" or not clause.about:
            continue
        keys = [w for w in re.findall(r"[\wåäö]+", clause.about.lower()) if len(w) > 3 and w not in _STOP]
        if not keys:
            continue
        candidates = [g for g in subgoals if g.basis != "horizon" and all(k[:7] in g.title.lower() for k in keys)]
        if len(candidates) == 1 and clause.count == 1:
            goal = candidates[0]
            goal.status, goal.basis = clause.status, "text"
            goal.comment = f"\"{clause.about}\": {clause.text}"
        else:
            named = ", ".join(g.goal_id for g in candidates) or "none"
            warnings.append(ParseWarning(
                "subgoal-unplaced", f"the prose names a sub-goal about {clause.about!r} "
                f"({STATUS_LABELS_SV[clause.status]}) but it matches {named} of the sub-goal titles",
                "goals", "", clause.line))


def _check_named_goals(goals: dict[str, Goal], clauses: list[CountClause], warnings: list[ParseWarning]) -> None:
    """A summary naming goals ("två mål (2,3) uppfylls delvis") must agree with the headings."""
    for clause in clauses:
        if clause.level != "goal" or not clause.ids:
            continue
        for goal_id in clause.ids.split(","):
            goal = goals.get(goal_id)
            if goal is None:
                warnings.append(ParseWarning("goal-unknown", f"the prose names goal {goal_id}, which is not "
                                             f"in the goal table: {clause.text!r}", "goals", goal_id, clause.line))
            elif goal.basis == "text" and goal.status != clause.status:
                warnings.append(ParseWarning(
                    "goal-status-conflict", f"goal {goal_id} is {STATUS_LABELS_SV[goal.status]!r} in its heading "
                    f"(line {goal.status_line}) but {STATUS_LABELS_SV[clause.status]!r} in {clause.text!r}",
                    "goals", goal_id, clause.line))


def _id_key(goal_id: str):
    return [int(p) if p.isdigit() else p for p in goal_id.split(".")]
