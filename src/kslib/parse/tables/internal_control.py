"""Follow-up of internal control ("Uppföljning av internkontroll"): one row per control item.

The table has the columns process/routine, responsible manager and the year's
evaluation, printed as a grade letter and its words ("A. Godkänd, avslutas",
"C. Kvarstår till nästa år").  In a text layer each item starts with its number;
the process text wraps, and a long owner title may wrap too
("Arbetsmarknads-" / "enhetschef").  The numbered comments under "Kommentar till
uppföljningen av intern kontroll" are attached by their printed number, with a
warning when that numbering does not follow the items.

Reports in other words ("Intern kontroll", "Internkontrollplan", "Granskning av intern
kontroll") print a column table instead: a header of column words set apart by gaps
("Kontrollmoment | Ansvarig | Status | Kommentar") and rows whose cells stand under them.
:func:`read_column_table` reads such a table by position (also for the action plans,
:mod:`~kslib.parse.tables.action_plan`): a cell belongs to the column it starts under, a
capitalised (or numbered) first cell starts a row, other lines continue the cells above.

``status`` is read only from the evaluation/status cell: its words ("Godkänd", "Ej genomförd",
"Delvis godkänd", :func:`~kslib.statuses.status_from_words`; basis ``text``) or a lone symbol the
report's own key explains (:func:`~kslib.statuses.symbol_key`; basis ``symbol``) — never from a
comment.  Otherwise ``unknown`` (basis ``none``).
"""
from __future__ import annotations

import re

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.read.source import Line, Source
from kslib.statuses import is_legend, status_from_symbol, status_from_words, symbol_key
from kslib.text import join_lines, join_texts, squeeze

COLUMNS = ["item", "process", "owner", "grade", "assessment", "line", "comment", "comment_line", "status", "basis"]

_HEADING = re.compile(r"^\s*Uppföljning\s+av\s+intern\s*kontroll\b", re.I)
_HEADER = re.compile(r"Process|Ansvarig|Utvärdering|Kontrollmoment|Åtgärd|Status", re.I)
# other words for the section: a short heading "Intern kontroll"/"Internkontroll" with a column header below
_OTHER_HEADING = re.compile(r"^\s*(?:[\d.]+\s+)?(?:(?:Uppföljning|Granskning|Redovisning)\s+av\s+)?(?:den\s+)?"
                            r"(?:intern\s*kontroll(?:en|plan(?:en)?)?|kontrollmoment(?:en)?)(?:\s+(?:19|20)\d\d)?\s*$", re.I)
# column words of a control table in other words: field -> words
CONTROL_FIELDS = {
    "item": r"Nr",
    "process": r"Kontrollmoment|Kontroll|Kontrollområde|Process|Rutin|Granskning|Granskningsområde|Risk|Område",
    "owner": r"Ansvarig|Ansvar",
    "assessment": r"Status|Resultat|Bedömning|Utfall|Utvärdering",
    "comment": r"Kommentar|Kommentarer|Åtgärd|Åtgärder|Iakttagelser?|Analys",
}
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
        table = _column_start(source)
        if table is not None:
            return _frame(_column_rows(source, *table))
        start = _generic_start(source)
    if start is None:
        prose = source.find(_OTHER_HEADING)
        if prose is not None:
            warnings.append(ParseWarning(
                "table-missing", f"the section '{squeeze(source[prose].text)}' has no table of controls "
                "(no header such as 'Kontrollmoment | Ansvarig | Status'): it is prose, nothing read",
                "internal_control", "", source[prose].number, source[prose].page))
        else:
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
    for row in rows:
        row["status"], row["basis"] = _grade_status(row["assessment"])
    return _frame(rows)


def _grade_status(words: str) -> tuple[str, str]:
    """The status of a grade's words ("Godkänd, avslutas" → met); "Kvarstår till nästa år" is none."""
    head = re.split(r"[,.;:]", words, maxsplit=1)[0] if words else ""
    code = status_from_words(head) if head else None
    return (code, "text") if code else ("unknown", "none")


def _generic_start(source: Source) -> int | None:
    """A heading in other words, taken only where a column header ("Kontrollmoment … Status") follows."""
    for i in source.find_all(_OTHER_HEADING):
        if i + 1 < len(source) and len(_HEADER.findall(source[i + 1].text)) >= 2:
            return i
    return None


def _column_start(source: Source) -> tuple[int, list[tuple[str, float]]] | None:
    """(header index, columns) of a control table under a heading in other words."""
    for i in source.find_all(_OTHER_HEADING):
        for k in range(i + 1, min(i + 4, len(source))):
            columns = column_header(source[k], CONTROL_FIELDS)
            if columns and {f for f, _ in columns} >= {"process", "assessment"}:
                return k, columns
    return None


def _column_rows(source: Source, header: int, columns: list[tuple[str, float]]) -> list[dict]:
    key = symbol_key(source.lines)
    rows = []
    for n, cells in enumerate(read_column_table(source, header, columns), 1):
        status, basis, said = cell_status(cells.get("assessment", ""), key)
        item = cells.get("item", "")
        rows.append({"item": int(item) if item.isdigit() else n, "process": cells.get("process", ""),
                     "owner": cells.get("owner", ""), "grade": "", "assessment": cells.get("assessment", ""),
                     "line": cells["_line"], "comment": cells.get("comment", ""), "comment_line": None,
                     "status": status, "basis": basis})
    return rows


# --------------------------------------------------------------------------- column tables

_GAP_POINTS = 8.0


def chunks(line: Line) -> list[tuple[float, float, str]]:
    """Pieces of a line set apart by a column gap, with where each starts and ends (points or columns)."""
    if line.words:
        out: list[list] = []
        for w in line.words:
            if out and w.x0 - out[-1][1] < _GAP_POINTS:
                out[-1][1], out[-1][2] = w.x1, f"{out[-1][2]} {w.text}"
            else:
                out.append([w.x0, w.x1, w.text])
        return [(a, b, t) for a, b, t in out]
    return [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", line.text)]


def column_header(line: Line, fields: dict[str, str]) -> list[tuple[str, float]] | None:
    """[(field, start)] when every piece of the line is a column word of ``fields`` (two at least)."""
    pieces = chunks(line)
    out = []
    for start, _, text in pieces:
        field = next((f for f, words in fields.items() if re.fullmatch(rf"(?:{words})", text.strip(" :"), re.I)),
                     None)
        if field is None or field in {f for f, _ in out}:
            return None
        out.append((field, start))
    return out if len(out) >= 2 else None


def read_column_table(source: Source, header: int, columns: list[tuple[str, float]]) -> list[dict[str, str]]:
    """Rows of the table under the header at ``header``: field -> cell text, ``_line`` the row's first line."""
    pdf = bool(source[header].words)
    tol = 6.0 if pdf else 2.0
    starts = [x for _, x in columns]
    first = columns[0][0]
    rows: list[dict] = []
    for line in source.lines[header + 1:]:
        pieces = chunks(line)
        if not pieces or pieces[0][0] < starts[0] - tol or _END.match(line.text) or _OTHER_HEADING.match(line.text) \
                or is_legend(line.text):
            break                                                  # a heading, text at the margin, a key
        if len(pieces) == 1 and len(starts) > 1 and pieces[0][1] > starts[1] + 4 * tol and \
                pieces[0][0] < starts[1] - tol:
            break                                                  # prose across the columns
        cells: dict[str, str] = {}
        for start, _, text in pieces:
            k = max([c for c in range(len(starts)) if starts[c] <= start + tol] or [0])
            field = columns[k][0]
            cells[field] = f"{cells[field]} {text}" if field in cells else text
        lead = cells.get(first, "")
        cur = rows[-1] if rows else None
        if lead and re.match(r"[A-ZÅÄÖ0-9]", lead) and (cur is None or not _open(cur.get(first, [""])[-1])):
            cur = {"_line": line.number}
            rows.append(cur)
        if cur is None:
            continue
        for field, text in cells.items():
            cur.setdefault(field, []).append(text)
    return [{f: (v if f == "_line" else join_texts(v).text) for f, v in row.items()} for row in rows]


def _open(text: str) -> bool:
    """A first cell that runs on: it ends in a hyphen, a comma or a joining word."""
    return bool(re.search(r"(?:-|,|\b(?:och|samt|eller|av|för|i|till|med))$", text.strip()))


def cell_status(text: str, key: dict[str, str | None]) -> tuple[str, str, str]:
    """(status, basis, words) of a status cell: its words, or a symbol by the report's key; else unknown."""
    t = squeeze(text)
    if not t:
        return "unknown", "none", ""
    code = status_from_words(t)
    if code is None:
        head = re.split(r"[.;:,]\s|\s[–—-]\s", t, maxsplit=1)[0]
        code = status_from_words(head) if head != t else None
        t = head if code else t
    if code is not None:
        return code, "text", t
    symbol = status_from_symbol(t, key)
    if symbol is not None:
        return symbol, "symbol", t
    return "unknown", "none", ""


def _frame(rows: list[dict]) -> pd.DataFrame:
    for row in rows:
        row.setdefault("status", "unknown")
        row.setdefault("basis", "none")
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
