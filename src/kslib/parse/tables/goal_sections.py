"""Goals as numbered headings under a goal section ("5.2 Mål", "2.2 Uppföljning av … budgetmål").

A report that follows its goals up in prose gives each goal a numbered heading under a
section whose heading speaks of goals.  Headings one level below the section are goals;
deeper ones are sub-goals of the heading above them.  A goal's status is taken only from
words the report states under its heading, on a line of its own or after "Bedömning",
"Måluppfyllelse" or "Status" ("Bedömning: Delvis uppfyllt"), basis ``text``; otherwise
``unknown`` (basis ``none``) — never from the tone of the text.
"""
from __future__ import annotations

import re

from kslib.diagnostics import ParseWarning
from kslib.read.source import Source
from kslib.statuses import STATUSES, status_from_words
from kslib.text import squeeze

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_GOAL_SECTION = re.compile(r"\b(?:mål|målen|budgetmål|nämndmål|verksamhetsmål|målområden?)\s*$", re.I)
# sub-headings that structure a goal's follow-up, not goals themselves
_NOT_A_GOAL = re.compile(r"^(?:Uppföljning|Analys|Bedömning|Kommentar|Inledning|Sammanfattning|Resultat|"
                         r"Måluppfyllelse|Åtgärder)\b.{0,25}$", re.I)
_ASSESSED = re.compile(r"^\s*(?:Bedömning|Måluppfyllelse|Status|Samlad\s+bedömning)\b\s*[:\-–]?\s*(.*)$", re.I)


def _heading(text: str) -> tuple[str, str] | None:
    """(number, title) of a numbered heading written at the margin (not a numbered list item)."""
    if text[:1].isspace():
        return None
    m = _NUMBERED.match(text)
    if not m or not re.match(r"[A-ZÅÄÖ]", m.group(2)):
        return None
    return m.group(1), re.sub(r"\s{2,}", " ", m.group(2)).strip()


def read_goal_sections(source: Source, *, year: int | None = None,
                       warnings: list[ParseWarning] | None = None) -> list[dict]:
    """Goal rows (``level`` goal/subgoal) from every goal section; see the module doc."""
    rows: list[dict] = []
    lines = source.lines
    i = 0
    while i < len(lines):
        head = _heading(lines[i].text)
        title = head[1] if head else ""
        # a section heading may wrap ("2.2  Uppföljning av kommunfullmäktiges" / "budgetmål")
        if head and i + 1 < len(lines) and lines[i + 1].text[:1].isspace() and not _heading(lines[i + 1].text) \
                and len(lines[i + 1].text.split()) <= 4:
            title = f"{title} {lines[i + 1].text.strip()}"
        if not head or not _GOAL_SECTION.search(title):
            i += 1
            continue
        number = head[0]
        depth = number.count(".") + 1
        i += 1
        current: dict | None = None
        while i < len(lines):
            sub = _heading(lines[i].text)
            if sub and not sub[0].startswith(number + "."):
                break                                   # the next section
            if sub and _NOT_A_GOAL.match(sub[1]):
                current = None
                i += 1
                continue
            if sub:
                level = "goal" if sub[0].count(".") + 1 == depth + 1 else "subgoal"
                parent = "" if level == "goal" else sub[0].rsplit(".", 1)[0]
                text = sub[1]
                j = i + 1
                while j < len(lines) and lines[j].text[:1].isspace() and lines[j].text.strip()[:1].islower() \
                        and not re.search(r"[.:]$", text):
                    text = f"{text} {lines[j].text.strip()}"
                    j += 1
                current = {"goal_id": sub[0], "level": level, "parent_id": parent, "kf_goal": "",
                           "title": squeeze(text), "horizon": "", "status": "unknown", "basis": "none",
                           "comment": "", "line": lines[i].number, "prose_title": "", "status_line": None,
                           "page": lines[i].page}
                rows.append(current)
                i = j
                continue
            if current is not None and current["basis"] == "none":
                _status_line(lines[i], current)
            i += 1
    return rows


def _status_line(line, row: dict) -> None:
    """A status the report states under the goal, on a line of its own or after "Bedömning:"."""
    text = line.text.strip()
    m = _ASSESSED.match(text)
    words = m.group(1) if m else text
    code = status_from_words(words) if len(words.split()) <= 4 else None
    if code in STATUSES:
        row.update(status=code, basis="text", comment=text, status_line=line.number)
