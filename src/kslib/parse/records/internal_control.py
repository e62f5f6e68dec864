"""Follow-up of internal control: one row per control item.

Two shapes:

* under "Uppföljning av internkontroll", numbered items whose text layer runs their cells together: process
  (wrapping), responsible manager (a long title may wrap: "Upphandlings-" / "samordnare") and the year's
  evaluation as a grade letter and its words ("A. Godkänd", "C. Kvarstår"); the
  numbered comments under "Kommentar till uppföljningen av intern kontroll" are attached by their printed
  number, with a warning when that numbering does not follow the items;
* in other words ("Intern kontroll", "Internkontrollplan", "Granskning av intern kontroll"), a column table
  ("Kontrollmoment | Ansvarig | Status | Kommentar") read by the one column reader
  (:mod:`~kslib.parse.records.columns`): a capitalised (or numbered) first cell starts a row unless the one
  above runs on.

``status`` is read only from the evaluation/status cell (:func:`~kslib.parse.records.status.cell_status`:
its words, or a lone symbol the report's own key explains) — never from a comment.  Otherwise ``unknown``.
"""
from __future__ import annotations

import re

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.records.columns import Column, ends_table, find_table, read_rows, starts_row
from kslib.parse.records.section import body, section
from kslib.parse.records.status import cell_status
from kslib.read.source import Line, Source
from kslib.statuses import symbol_key
from kslib.text import join_lines, squeeze
from kslib.vocab.controls import (COMMENT_ITEM, CONTROL_COMMENTS, CONTROL_END, CONTROL_FIELDS, CONTROL_HEADER,
                                  CONTROL_HEADING, CONTROL_ITEM, CONTROL_OTHER_HEADING, GRADE)

COLUMNS = ["item", "process", "owner", "grade", "assessment", "line", "comment", "comment_line", "status", "basis"]


def read_internal_control(source: Source, *, year: int | None = None,
                          warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """``item,process,owner,grade,assessment,line,comment,comment_line,status,basis`` (one row per item)."""
    warnings = [] if warnings is None else warnings
    start: int | None = source.find(CONTROL_HEADING)
    if start is None:
        table = find_table(source, CONTROL_OTHER_HEADING, CONTROL_FIELDS,
                           lambda fields: fields >= {"process", "assessment"})
        if table is not None:
            return _frame(_column_rows(source, *table))
        start = _graded_start(source)
    if start is None:
        prose = source.find(CONTROL_OTHER_HEADING)
        if prose is not None:
            warnings.append(ParseWarning(
                "table-missing", f"the section '{squeeze(source[prose].text)}' has no table of controls "
                "(no header such as 'Kontrollmoment | Ansvarig | Status'): it is prose, nothing read",
                "internal_control", "", source[prose].number, source[prose].page))
        else:
            warnings.append(ParseWarning("table-missing", "no section 'Uppföljning av internkontroll' found",
                                         "internal_control"))
        return _frame([])
    sec = section(source, start, ends=lambda ln: bool(CONTROL_END.match(ln.text)))
    rows = [_graded_row(lines, warnings) for lines in _graded_items(list(sec.lines))]
    _attach_comments(source, rows, warnings)
    for row in rows:
        stated = cell_status(row["assessment"], {}) if row["assessment"] else None
        row["status"], row["basis"] = (stated.status, "text") if stated else ("unknown", "none")
    return _frame(rows)


# --------------------------------------------------------------------------- column tables in other words

def _column_rows(source: Source, at: int, columns: list[Column]) -> list[dict]:
    key = symbol_key(source.lines)
    rows = []
    records = read_rows(body(source, at + 1), columns, starts=starts_row(columns[0].field),
                        ends=ends_table(CONTROL_END, CONTROL_OTHER_HEADING), fields=CONTROL_FIELDS)
    for n, rec in enumerate(records, 1):
        stated = cell_status(rec.text("assessment"), key)
        item = rec.text("item")
        rows.append({"item": int(item) if item.isdigit() else n, "process": rec.text("process"),
                     "owner": rec.text("owner"), "grade": "", "assessment": rec.text("assessment"),
                     "line": rec.first.number, "comment": rec.text("comment"), "comment_line": None,
                     "status": stated.status if stated else "unknown", "basis": stated.basis if stated else "none"})
    return rows


# --------------------------------------------------------------------------- graded items

def _graded_start(source: Source) -> int | None:
    """A heading in other words, taken only where a column header ("Kontrollmoment … Status") follows."""
    for i in source.find_all(CONTROL_OTHER_HEADING):
        if i + 1 < len(source) and len(CONTROL_HEADER.findall(source[i + 1].text)) >= 2:
            return i
    return None


def _graded_items(lines: list[Line]) -> list[list[Line]]:
    """The numbered items of the section (its column header skipped): an item runs to its grade."""
    if lines and CONTROL_HEADER.search(lines[0].text) and not CONTROL_ITEM.match(lines[0].text):
        lines = lines[1:]
    items: list[list[Line]] = []
    for line in lines:
        if CONTROL_ITEM.match(line.text) and (not items or GRADE.search(items[-1][-1].text.rstrip())):
            items.append([line])
        elif items:
            items[-1].append(line)
    return items


def _graded_row(lines: list[Line], warnings: list[ParseWarning]) -> dict:
    m = CONTROL_ITEM.match(lines[0].text)
    item = int(m.group(1))
    texts = [m.group(2).strip()] + [ln.text.strip() for ln in lines[1:]]
    grade = GRADE.search(texts[-1])
    if grade is None:
        warnings.append(ParseWarning("grade-missing", f"internal control item {item} has no grade "
                                     "('A. …', 'C. …') at its end", "internal_control", str(item), lines[0].number))
        return {"item": item, "process": squeeze(" ".join(texts)), "owner": "", "grade": "",
                "assessment": "", "line": lines[0].number}
    before = texts[-1][:grade.start()].strip()
    process_lines = texts[:-1]
    if before:
        # "… Ekonomichef C. Kvarstår": the owner is the last word before the grade
        words = before.split()
        owner_parts = [words[-1]]
        if len(words) > 1:
            process_lines.append(" ".join(words[:-1]))
    else:
        # the grade stands alone: the owner is the line before, with its hyphen-wrapped start
        owner_parts = [process_lines.pop()] if process_lines else []
        while process_lines and process_lines[-1].endswith("-") and owner_parts:
            owner_parts.insert(0, process_lines.pop())
    owner = re.sub(r"(?<=[a-zåäö])- (?=[a-zåäö])", "-", " ".join(owner_parts))
    process = join_lines([Line(0, t) for t in process_lines]).text if process_lines else ""
    return {"item": item, "process": squeeze(process).rstrip(), "owner": owner, "grade": grade.group(1),
            "assessment": grade.group(2).strip(), "line": lines[0].number}


def _attach_comments(source: Source, rows: list[dict], warnings: list[ParseWarning]) -> None:
    sec = section(source, CONTROL_COMMENTS)
    for row in rows:
        row["comment"], row["comment_line"] = "", None
    if sec is None:
        return
    comments: list[tuple[int, list[Line]]] = []
    for line in sec.lines:
        m = COMMENT_ITEM.match(line.text)
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
        text = COMMENT_ITEM.match(join_lines(lines).text).group(2)
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


def _frame(rows: list[dict]) -> pd.DataFrame:
    for row in rows:
        row.setdefault("status", "unknown")
        row.setdefault("basis", "none")
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("line", "comment_line"):
        frame[col] = frame[col].astype("Int64")
    return frame
