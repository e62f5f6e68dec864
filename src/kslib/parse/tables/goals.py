"""The board's goals and sub-goals with their fulfilment, and the counts the prose reports.

Where the report states a goal's fulfilment is partly words, partly coloured
symbols that a PDF's text layer loses.  This reader recovers what the words say
and is honest about the rest:

* board goals (``1`` .. ``n``) from the goal table, a short heading "<board> mål
  YYYY-YYYY" (any board: "Kommunstyrelsens mål 2020-2022", "Tekniska nämndens mål …") and the prose headings "… bidrag till KF mål 1/nämndmål …: 1. <title>
  (Uppfylls | Uppfylls delvis | Uppfylls ej)" — the heading decides the status
  (basis ``text``);
* sub-goals (``1.1.a``, ``2.4``) from the sub-goal table, with their horizon
  markers "(2021)", "(2021-2022)", "(mandatperiod)"; a horizon after the report
  year makes the sub-goal ``later`` (basis ``horizon``); a sub-goal the prose names
  ("ett delmål – det som handlar om … – uppfylls ej") gets that status (basis
  ``text``); the rest are ``unknown`` (basis ``none``) until an analyst's overrides
  file fills them (basis ``override``, see :mod:`kslib.parse.overrides`);
* the counts the prose reports ("två av målen uppfylls för året och två uppfylls
  delvis", "2 av 8 aktiviteter … inte uppfylls") for the audit to reconcile.

Reports of other shapes add rows from :mod:`~kslib.parse.tables.goal_sections` (numbered
goal headings or bullet lists under a goal section, labelled lists "Övergripande mål ”…”:"), :mod:`~kslib.parse.tables.styrkort` (overall goals and
focus areas of a scorecard) and :mod:`~kslib.parse.tables.assignments` (level ``assignment``).
A report with goal vocabulary whose goals cannot be found gets a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.read.source import Source
from kslib.parse.number_words import COUNT_PATTERN, parse_count
from kslib.parse.overrides import apply_overrides, read_overrides
from kslib.parse.tables.assignments import read_assignments
from kslib.parse.tables.goal_sections import read_goal_sections
from kslib.parse.tables.styrkort import styrkort_goal_rows
from kslib.statuses import STATUS_LABELS_SV, status_from_words
from kslib.text import join_lines, squeeze

GOAL_COLUMNS = ["goal_id", "level", "parent_id", "kf_goal", "title", "horizon", "status", "basis",
                "comment", "line", "prose_title", "status_line", "page", "numbered"]
COUNT_COLUMNS = ["level", "status", "count", "total", "text", "line", "ids"]

# "<board> mål 2020-2022": a short heading of at most four words before "mål" (not "delmål till mål")
_GOAL_TABLE = re.compile(r"^\s*(?!.*\bdelmål\b)[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,3}\s+mål\s+"
                         r"(\d{4})\s*[-–]\s*(\d{4})\s*$")
# words that show a report speaks of goals (a heading or a status): then finding none is worth a warning
_GOAL_VOCABULARY = re.compile(r"^\s*(?:[\d.]+\s+)?(?:\S+\s+){0,3}(?:mål|delmål|nämndmål|målen)(?:\s+\d{4}(?:\s*[-–]\s*\d{4})?)?\s*$"
                              r"|\bmåluppfyllelse\b|\bdelmål\b", re.I)
_SUBGOAL_TABLE = re.compile(r"delmål\s+till\s+mål\s+(\d{4})\s*[-–]\s*(\d{4})", re.I)
_KF = r"KF\s*(\d+)"
_GOAL_ROW = re.compile(rf"^\s*{_KF}\s*(?:(\d+)\.\s+(\S.*))?$")
_GOAL_TITLE = re.compile(r"^\s*(\d+)\.\s+(\S.*)$")
_SUBGOAL_ROW = re.compile(rf"^\s*{_KF}\s+(\d+)\s+(\d+(?:\.\d+)+(?:\.[a-zåäö])?)\.?\s+(\S.*?)\s*$")
_HORIZON = re.compile(r"\s*\(\s*((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?|mandatperiod\w*)\s*\)\s*$", re.I)
_HEADING = re.compile(
    r"bidrag\s+till\s+KF[\s-]*mål\s*(\d+)\s*/\s*nämndmål[^:]*:\s*(\d+)\.\s*(.*)$", re.I)
_HEADING_STATUS = re.compile(r"\(\s*([^()]*?(?:uppfyll|uppnås|följs upp)[^()]*?)\s*\)\s*$", re.I)


# --------------------------------------------------------------------------- board goals

@dataclass
class _Goal:
    goal_id: str
    kf_goal: str = ""
    title: str = ""
    prose_title: str = ""
    horizon: str = ""
    status: str = "unknown"
    basis: str = "none"
    comment: str = ""
    line: int | None = None
    status_line: int | None = None
    page: int | None = None


def _goal_table(source: Source, warnings: list[ParseWarning]) -> tuple[dict[str, _Goal], str, int | None]:
    """Goals from the board-goal table: id -> goal; and the period ("2020-2022")."""
    start = source.find(_GOAL_TABLE)
    goals: dict[str, _Goal] = {}
    if start is None:
        return goals, "", None
    m = _GOAL_TABLE.match(source[start].text)
    period = f"{m.group(1)}-{m.group(2)}"
    kf: str | None = None
    current: _Goal | None = None
    i = start + 1
    stop = source.find(_SUBGOAL_TABLE, start + 1) or len(source)
    while i < stop:
        text = source[i].text.strip()
        row = _GOAL_ROW.match(text)
        title = _GOAL_TITLE.match(text)
        if row:
            kf = f"KF{row.group(1)}"
            current = None
            if row.group(2):
                current = _new_goal(goals, row.group(2), kf, row.group(3), source[i], period, warnings)
        elif title and kf is not None and current is None:
            current = _new_goal(goals, title.group(1), kf, title.group(2), source[i], period, warnings)
        elif current is not None and re.match(r"[a-zåäö]", text):
            current.title = squeeze(f"{current.title} {text}")
        elif goals and current is not None:
            break          # prose after the table
        i += 1
    return goals, period, start


def _new_goal(goals, goal_id, kf, title, line, period, warnings) -> _Goal:
    if goal_id in goals:
        warnings.append(ParseWarning("duplicate-goal", f"board goal {goal_id} appears twice in the goal table",
                                     "goals", goal_id, line.number))
    goal = _Goal(goal_id, kf, squeeze(title), horizon=period, line=line.number, page=line.page)
    goals[goal_id] = goal
    return goal


def _goal_headings(source: Source, goals: dict[str, _Goal], period: str,
                   warnings: list[ParseWarning]) -> None:
    """Statuses from the prose headings "… KF mål N/nämndmål …: N. <title> (Uppfylls …)"."""
    for i in source.find_all(_HEADING):
        m = _HEADING.search(source[i].text)
        kf, goal_id, rest = f"KF{m.group(1)}", m.group(2), m.group(3).strip()
        j = i
        # the heading wraps until its closing "(status)"
        while not _HEADING_STATUS.search(rest) and j + 1 < len(source) and j < i + 3:
            j += 1
            rest = squeeze(f"{rest} {source[j].text}")
        goal = goals.get(goal_id)
        if goal is None:
            goal = goals[goal_id] = _Goal(goal_id, kf, horizon=period, line=source[i].number, page=source[i].page)
        elif goal.kf_goal and goal.kf_goal != kf:
            warnings.append(ParseWarning(
                "goal-kf-mismatch", f"board goal {goal_id} serves {goal.kf_goal} in the goal table but "
                f"{kf} in its heading", "goals", goal_id, source[i].number))
        sm = _HEADING_STATUS.search(rest)
        status = status_from_words(sm.group(1)) if sm else None
        title = rest[:sm.start()].strip() if sm else squeeze(source[i].text[m.start(3):])
        goal.prose_title = title
        goal.kf_goal = goal.kf_goal or kf
        goal.title = goal.title or title
        goal.status_line = source[i].number
        if status is None:
            warnings.append(ParseWarning(
                "goal-status-missing", f"the heading of board goal {goal_id} states no status the reader knows "
                f"({sm.group(1)!r} )" if sm else f"the heading of board goal {goal_id} states no status",
                "goals", goal_id, source[i].number))
            continue
        goal.status, goal.basis, goal.comment = status, "text", sm.group(0).strip()


# --------------------------------------------------------------------------- sub-goals

def _subgoal_table(source: Source, year: int | None, warnings: list[ParseWarning],
                   cut_off: list | None = None) -> tuple[list[_Goal], list[str]]:
    start = source.find(_SUBGOAL_TABLE)
    if start is None:
        return [], []
    period_end = int(_SUBGOAL_TABLE.search(source[start].text).group(2))
    subgoals: list[_Goal] = []
    parents: list[str] = []
    seen: set[str] = set()
    for i in range(start + 1, len(source)):
        text = source[i].text.strip()
        m = _SUBGOAL_ROW.match(text)
        if m:
            kf, parent, goal_id, title = f"KF{m.group(1)}", m.group(2), m.group(3), m.group(4)
            if goal_id in seen:
                warnings.append(ParseWarning("duplicate-goal", f"sub-goal {goal_id} appears twice",
                                             "goals", goal_id, source[i].number))
            seen.add(goal_id)
            if goal_id.split(".")[0] != parent:
                warnings.append(ParseWarning(
                    "subgoal-parent-mismatch", f"sub-goal {goal_id} is listed under board goal {parent}",
                    "goals", goal_id, source[i].number))
            subgoals.append(_Goal(goal_id, kf, title, line=source[i].number, page=source[i].page))
            parents.append(parent)
        elif subgoals and re.match(r"[a-zåäö(]", text) and not re.search(r"[.:]$", subgoals[-1].title):
            subgoals[-1].title = squeeze(f"{subgoals[-1].title} {text}")
        elif subgoals:
            break
    else:
        if subgoals:
            last = source[len(source) - 1]
            if cut_off is not None:
                cut_off.append(last)
            warnings.append(ParseWarning(
                "table-incomplete", f"goals: the text ends inside the sub-goal table; read {len(subgoals)} "
                f"sub-goals as far as it goes", "goals", "", last.number, last.page))
    for goal in subgoals:
        goal.title = re.sub(r"\s{2,}", " ", goal.title).strip()
        hm = _HORIZON.search(goal.title)
        if hm:
            goal.horizon = re.sub(r"\s*[-–]\s*", "-", hm.group(1)).lower()
            goal.title = goal.title[:hm.start()].strip()
            if _is_later(goal.horizon, year, period_end):
                goal.status, goal.basis, goal.comment = "later", "horizon", f"({hm.group(1)})"
    return subgoals, parents


def _is_later(horizon: str, year: int | None, period_end: int) -> bool:
    """A horizon after the report year: followed up later."""
    if year is None:
        return False
    if horizon.startswith("mandatperiod"):
        return year < period_end
    first = int(horizon[:4])
    return first > year


# --------------------------------------------------------------------------- counts in prose

_COUNT_CLAUSE = re.compile(
    rf"\b(?P<n>{COUNT_PATTERN})(?:\s+av\s+(?P<total>{COUNT_PATTERN}))?"
    r"(?:\s+(?:av\s+)?(?:de\s+)?(?P<noun>[\wåäö]*(?:mål|målen|aktiviteter|aktiviteterna)|delmålen)\b)?"
    r"(?P<mid>[^.;]{0,90}?)\s(?P<neg>(?:inte|ej)\s+)?uppfylls\b(?P<mod>\s+(?:delvis|ej|inte)\b)?",
    re.IGNORECASE,
)
_IDS = re.compile(r"\(\s*(?:mål\s+)?(\d+(?:\s*(?:,|och|&)\s*\d+)*)\s*\)", re.I)


@dataclass(frozen=True)
class CountClause:
    level: str
    status: str
    count: int
    total: int | None
    text: str
    line: int
    ids: str
    about: str      # "det som handlar om …" description, if any


def _noun_level(noun: str) -> str | None:
    noun = noun.lower()
    if noun.startswith("delmål"):
        return "subgoal"
    if noun.startswith("aktivitet"):
        return "action_plan"
    if noun.endswith(("mål", "målen")):
        return "goal"
    return None


def find_count_clauses(source: Source) -> list[CountClause]:
    """Every "<count> (av <total>) <goals|sub-goals|activities> … uppfylls (delvis|ej)" in the prose."""
    prose = join_lines(source.lines)
    clauses: list[CountClause] = []
    for sentence in re.finditer(r"[^.]+\.?", prose.text):       # sentence by sentence: linear time
        if not re.search(r"\buppfylls\b", sentence.group(0)):
            continue
        level: str | None = None
        total: int | None = None
        text = sentence.group(0)
        pos = 0
        while (m := _COUNT_CLAUSE.search(text, pos)) is not None:
            if m.group("noun"):
                level = _noun_level(m.group("noun"))
                total = None
            elif m.group("mid").strip():
                pos = m.end("n")    # "2020, och två mål … uppfylls": look again after the stray figure
                continue
            pos = m.end()
            if level is None:
                continue
            if m.group("total"):
                total = parse_count(m.group("total"))
            negated = bool(m.group("neg")) or (m.group("mod") or "").strip().lower() in ("ej", "inte")
            status = "not_met" if negated else ("partly_met" if m.group("mod") else "met")
            mid = m.group("mid")
            ids = _IDS.search(mid) if level == "goal" else None
            about = re.search(r"(?:det|de)\s+som\s+(?:handlar|gäller)\s+(?:om\s+)?(.+?)\s*[–—-]?\s*$", mid)
            clauses.append(CountClause(
                level, status, parse_count(m.group("n")), total,
                squeeze(m.group(0)), prose.line_at(sentence.start() + m.start()),
                re.sub(r"\s*(?:,|och|&)\s*", ",", ids.group(1)) if ids else "",
                about.group(1).strip(" –—-") if about else "",
            ))
    return clauses


def _apply_named_subgoals(subgoals: list[_Goal], clauses: list[CountClause],
                          warnings: list[ParseWarning]) -> None:
    """A sub-goal the prose describes ("det som handlar om X") gets the clause's status."""
    stop = {"som", "handlar", "gäller", "och", "det", "de", "om", "med", "för", "till", "egen", "eget"}
    for clause in clauses:
        if clause.level != "subgoal" or not clause.about:
            continue
        keys = [w for w in re.findall(r"[\wåäö]+", clause.about.lower()) if len(w) > 3 and w not in stop]
        if not keys:
            continue
        candidates = [g for g in subgoals if g.basis != "horizon"
                      and all(k[:7] in g.title.lower() for k in keys)]
        if len(candidates) == 1 and clause.count == 1:
            goal = candidates[0]
            goal.status, goal.basis = clause.status, "text"
            goal.comment = f"\"{clause.about}\": {clause.text}"
        else:
            found = ", ".join(g.goal_id for g in candidates) or "none"
            warnings.append(ParseWarning(
                "subgoal-unplaced", f"the prose names a sub-goal about {clause.about!r} "
                f"({STATUS_LABELS_SV[clause.status]}) but it matches {found} of the sub-goal titles",
                "goals", "", clause.line))


# --------------------------------------------------------------------------- readers

def read_goals(source: Source, *, year: int | None = None, warnings: list[ParseWarning] | None = None,
               overrides: str | Path | None = None) -> pd.DataFrame:
    """Board goals and sub-goals with their status and where it came from (see the module doc)."""
    warnings = [] if warnings is None else warnings
    goals, period, start = _goal_table(source, warnings)
    _goal_headings(source, goals, period, warnings)
    cut_off: list = []
    subgoals, parents = _subgoal_table(source, year, warnings, cut_off)
    if start is None and (goals or subgoals):
        warnings.append(ParseWarning(
            "goal-table-missing", "the report has goal headings or a sub-goal table but no goal table "
            "('<nämnd> mål YYYY-YYYY'); the goals are read from the headings only", "goals"))
    clauses = find_count_clauses(source)
    _apply_named_subgoals(subgoals, clauses, warnings)
    _check_goal_ids(goals, clauses, warnings)
    rows = []
    for g in sorted(goals.values(), key=lambda g: _id_key(g.goal_id)):
        rows.append(_row(g, "goal", ""))
    for g, parent in zip(subgoals, parents):
        if parent not in goals and goals:
            warnings.append(ParseWarning("subgoal-orphan", f"sub-goal {g.goal_id} belongs to board goal "
                                         f"{parent}, which is not in the goal table", "goals", g.goal_id, g.line))
        rows.append(_row(g, "subgoal", parent))
    if not rows:
        rows.extend(read_goal_sections(source, year=year, warnings=warnings))
    rows.extend(styrkort_goal_rows(source, year=year, warnings=warnings))
    rows.extend(read_assignments(source, year=year, warnings=warnings))
    if not rows and any(_GOAL_VOCABULARY.search(ln.text) for ln in source.lines):
        warnings.append(ParseWarning(
            "table-missing", "the report speaks of goals (Mål, Delmål, Måluppfyllelse) but no goal table, "
            "goal headings, scorecard or assignments could be read", "goals"))
    frame = pd.DataFrame(rows, columns=GOAL_COLUMNS)
    if cut_off:             # the text ends inside the sub-goal table: where (the audit reports it)
        frame.attrs["cut_off"] = {"line": cut_off[0].number, "page": cut_off[0].page}
    for col in ("line", "status_line", "page"):
        frame[col] = frame[col].astype("Int64")
    frame["numbered"] = frame["numbered"].astype("boolean").fillna(False).astype(bool)
    if overrides is not None:
        frame = apply_overrides(frame, read_overrides(overrides, known_ids=frame["goal_id"]), warnings=warnings)
    return frame


def _row(g: _Goal, level: str, parent: str) -> dict:
    return {"goal_id": g.goal_id, "level": level, "parent_id": parent, "kf_goal": g.kf_goal, "title": g.title,
            "horizon": g.horizon, "status": g.status, "basis": g.basis, "comment": g.comment, "line": g.line,
            "prose_title": g.prose_title, "status_line": g.status_line, "page": g.page, "numbered": True}


def _id_key(goal_id: str):
    return [int(p) if p.isdigit() else p for p in goal_id.split(".")]


def _check_goal_ids(goals: dict[str, _Goal], clauses: list[CountClause], warnings: list[ParseWarning]) -> None:
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


def read_goal_counts(source: Source, *, year: int | None = None,
                     warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """The counts the prose reports: ``level,status,count,total,text,line,ids``."""
    rows = [{"level": c.level, "status": c.status, "count": c.count, "total": c.total, "text": c.text,
             "line": c.line, "ids": c.ids} for c in find_count_clauses(source)]
    frame = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    for col in ("count", "total", "line"):
        frame[col] = frame[col].astype("Int64")
    return frame


def goals_for_report(report) -> pd.DataFrame:
    """``Report`` reader: goals with the report's overrides applied, warnings added to the report."""
    warnings: list[ParseWarning] = []
    frame = read_goals(report.source, year=report.year, warnings=warnings, overrides=report.overrides_path)
    for w in warnings:
        report.add_warning(w)
    return frame


def goal_counts_for_report(report) -> pd.DataFrame:
    """``Report`` reader: the counts the prose reports."""
    return read_goal_counts(report.source, year=report.year)
