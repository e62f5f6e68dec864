"""Follow-up of internal control ("Uppföljning av internkontroll"): one row per control item.

The table has the columns process/routine, responsible manager and the year's
evaluation, printed as a grade letter and its words ("A. Godkänd, avslutas",
"C. Kvarstår till nästa år").  In a text layer each item starts with its number;
the process text wraps, and a long owner title may wrap too
("Arbetsmarknads-" / "enhetschef").  The numbered comments under "Kommentar till
uppföljningen av intern kontroll" are attached by their printed number, with a
warning when that numbering does not follow the items.
"""
from __future__ import annotations

import re

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.read.source import Line, Source
from kslib.text import join_lines, squeeze

COLUMNS = ["item", "process", "owner", "grade", "assessment", "line", "comment", "comment_line"]

_HEADING = re.compile(r"^\s*Uppföljning\s+av\s+intern\s*kontroll\b", re.I)
_HEADER = re.compile(r"Process|Ansvarig|Utvärdering|Kontrollmoment|Åtgärd|Status", re.I)
# other words for the section: a short heading "Intern kontroll"/"Internkontroll" with a column header below
_OTHER_HEADING = re.compile(r"^\s*(?:[\d.]+\s+)?(?:Uppföljning\s+av\s+)?(?:den\s+)?intern\s*kontroll(?:en|plan)?\s*$", re.I)
_ITEM = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_GRADE = re.compile(r"(?:^|\s)([A-F])\.\s+([A-ZÅÄÖ][^.]*?)\s*$")
_END = re.compile(r"^\s*(?:Not:|Kommentar\s+till\s+uppföljning)", re.I)
_COMMENTS = re.compile(r"^\s*Kommentar\s+till\s+uppföljningen\s+av\s+intern\s*kontroll", re.I)
_COMMENT_ITEM = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")


def read_internal_control(source: Source, *, year: int | None = None,
                          warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """``item,process,owner,grade,assessment,line,comment,comment_line`` (one row per item)."""
    warnings = [] if warnings is None else warnings
    start = source.find(_HEADING)
    if start is None:
        start = _generic_start(source)
    if start is None:
        warnings.append(ParseWarning("table-missing", "no section 'Uppföljning av internkontroll' found",
                                     "internal_control"))
        return _frame([])
    i = start + 1
    if i < len(source) and _HEADER.search(source[i].text) and not _ITEM.match(source[i].text):
        i += 1
    items: list[list[Line]] = []
    while i < len(source) and not _END.match(source[i].text):
        line = source[i]
        m = _ITEM.match(line.text)
        if m and (not items or _grade_of(items[-1]) is not None):
            items.append([line])
        elif items:
            items[-1].append(line)
        i += 1
    rows = [_row(lines, warnings) for lines in items]
    _attach_comments(source, rows, warnings)
    return _frame(rows)


def _generic_start(source: Source) -> int | None:
    """A heading in other words, taken only where a column header ("Kontrollmoment … Status") follows."""
    for i in source.find_all(_OTHER_HEADING):
        if i + 1 < len(source) and len(_HEADER.findall(source[i + 1].text)) >= 2:
            return i
    return None


def _frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("line", "comment_line"):
        frame[col] = frame[col].astype("Int64")
    return frame


def _grade_of(lines: list[Line]) -> re.Match | None:
    return _GRADE.search(lines[-1].text.rstrip())


def _row(lines: list[Line], warnings: list[ParseWarning]) -> dict:
    m = _ITEM.match(lines[0].text)
    item = int(m.group(1))
    texts = [m.group(2).strip()] + [ln.text.strip() for ln in lines[1:]]
    grade = _GRADE.search(texts[-1])
    if grade is None:
        warnings.append(ParseWarning("grade-missing", f"internal control item {item} has no grade "
                                     "('A. …', 'C. …') at its end", "internal_control", str(item), lines[0].number))
        return {"item": item, "process": squeeze(" ".join(texts)), "owner": "", "grade": "",
                "assessment": "", "line": lines[0].number}
    before = texts[-1][:grade.start()].strip()
    body = texts[:-1]
    if before:
        # "… Kanslichef C. Kvarstår": the owner is the last word before the grade
        words = before.split()
        owner_parts = [words[-1]]
        if len(words) > 1:
            body.append(" ".join(words[:-1]))
    else:
        # the grade stands alone: the owner is the line before, with its hyphen-wrapped start
        owner_parts = [body.pop()] if body else []
        while body and body[-1].endswith("-") and owner_parts:
            owner_parts.insert(0, body.pop())
    owner = re.sub(r"(?<=[a-zåäö])- (?=[a-zåäö])", "-", " ".join(owner_parts))
    process = join_lines([Line(0, t) for t in body]).text if body else ""
    return {"item": item, "process": squeeze(process).rstrip(), "owner": owner, "grade": grade.group(1),
            "assessment": grade.group(2).strip(), "line": lines[0].number}


def _attach_comments(source: Source, rows: list[dict], warnings: list[ParseWarning]) -> None:
    start = source.find(_COMMENTS)
    for row in rows:
        row["comment"], row["comment_line"] = "", None
    if start is None:
        return
    comments: list[tuple[int, list[Line]]] = []
    for line in source.lines[start + 1:]:
        m = _COMMENT_ITEM.match(line.text)
        if m:
            comments.append((int(m.group(1)), [line]))
        elif comments and not _is_heading(line.text, comments[-1][1][-1].text):
            comments[-1][1].append(line)
        else:
            break
    if not comments:
        return
    by_item = {row["item"]: row for row in rows}
    numbers = [n for n, _ in comments]
    if numbers != sorted(set(numbers)) or set(numbers) != set(by_item):
        warnings.append(ParseWarning(
            "comment-numbering", "the comments on internal control are numbered "
            f"{', '.join(map(str, numbers))} for items {', '.join(map(str, sorted(by_item)))}; they are "
            "attached by their printed number, which may not be the item they discuss",
            "internal_control", "", comments[0][1][0].number))
    for number, lines in comments:
        text = _COMMENT_ITEM.match(join_lines(lines).text).group(2)
        row = by_item.get(number)
        if row is None:
            warnings.append(ParseWarning("comment-unplaced", f"comment {number}. has no internal control item "
                                         f"{number}: {text[:60]!r}", "internal_control", str(number),
                                         lines[0].number))
            continue
        row["comment"] = squeeze(f"{row['comment']} {text}")
        row["comment_line"] = row["comment_line"] or lines[0].number


def _is_heading(text: str, previous: str) -> bool:
    """A short capitalised line without end punctuation after a finished sentence: the next section."""
    t = text.strip()
    return (previous.rstrip().endswith(".") and len(t) <= 60 and bool(re.match(r"[A-ZÅÄÖ]", t))
            and not re.search(r"[.,:;]$", t))
