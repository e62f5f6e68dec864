"""The counts of goals by status the prose reports ("två av målen uppfylls och två uppfylls delvis",
"2 av 8 aktiviteter … inte uppfylls"), for the audit to reconcile with the statuses read."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.number_words import COUNT_PATTERN, parse_count
from kslib.parse.records.memo import once
from kslib.read.source import Source
from kslib.text import join_lines, squeeze

COUNT_COLUMNS = ["level", "status", "count", "total", "text", "line", "ids"]

_CLAUSE = re.compile(
    rf"\b(?P<n>{COUNT_PATTERN})(?:\s+av\s+(?P<total>{COUNT_PATTERN}))?"
    r"(?:\s+(?:av\s+)?(?:de\s+)?(?P<noun>[\wåäö]*(?:mål|målen|aktiviteter|aktiviteterna)|delmålen)\b)?"
    r"(?P<mid>[^.;]{0,90}?)\s(?P<neg>(?:inte|ej)\s+)?uppfylls\b(?P<mod>\s+(?:delvis|ej|inte)\b)?",
    re.IGNORECASE,
)
_IDS = re.compile(r"\(\s*(?:mål\s+)?(\d+(?:\s*(?:,|och|&)\s*\d+)*)\s*\)", re.I)
_ABOUT = re.compile(r"(?:det|de)\s+som\s+(?:handlar|gäller)\s+(?:om\s+)?(.+?)\s*[–—-]?\s*$")


@dataclass(frozen=True)
class CountClause:
    """One count the prose states: level, status, count (of total), the words, where, the goals it names."""

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


def _find(source: Source) -> list[CountClause]:
    prose = join_lines(source.lines)
    clauses: list[CountClause] = []
    for sentence in re.finditer(r"[^.]+\.?", prose.text):       # sentence by sentence: linear time
        if not re.search(r"\buppfylls\b", sentence.group(0)):
            continue
        level: str | None = None
        total: int | None = None
        text = sentence.group(0)
        pos = 0
        while (m := _CLAUSE.search(text, pos)) is not None:
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
            about = _ABOUT.search(mid)
            clauses.append(CountClause(
                level, status, parse_count(m.group("n")), total,
                squeeze(m.group(0)), prose.line_at(sentence.start() + m.start()),
                re.sub(r"\s*(?:,|och|&)\s*", ",", ids.group(1)) if ids else "",
                about.group(1).strip(" –—-") if about else "",
            ))
    return clauses


def find_count_clauses(source: Source) -> list[CountClause]:
    """Every "<count> (av <total>) <goals|sub-goals|activities> … uppfylls (delvis|ej)" in the prose."""
    return once(source, "count_clauses", _find)


def read_goal_counts(source: Source, *, year: int | None = None,
                     warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """The counts the prose reports: ``level,status,count,total,text,line,ids``."""
    rows = [{"level": c.level, "status": c.status, "count": c.count, "total": c.total, "text": c.text,
             "line": c.line, "ids": c.ids} for c in find_count_clauses(source)]
    frame = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    for col in ("count", "total", "line"):
        frame[col] = frame[col].astype("Int64")
    return frame
