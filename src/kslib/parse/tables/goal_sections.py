"""Goals as numbered headings or bullet lists under a goal section, or as labelled bullet lists.

A report that follows its goals up in prose states them in one of these shapes:

* numbered headings under a section whose heading speaks of goals ("5.2 Mål", "2.2 Uppföljning
  av … budgetmål"): headings one level below the section are goals, deeper ones sub-goals of
  the heading above them (ids as printed);
* a bullet list in such a section, introduced by a sentence that names goals or assignments
  ("Revisorerna har formulerat följande övergripande mål för åren 2023–2025:", "… fastställt
  följande av kommunfullmäktiges mål och uppdrag …"): each item a goal, or an assignment where
  it says so ("… får i uppdrag att …"); ids ``<section>/<n>`` (the report prints no number);
  the horizon from the introduction ("för åren 2023–2025", "för 2023");
* a sentence in such a section naming a sub-goal ("Ett av revisorernas egna delmål är att …"),
  level ``subgoal`` without a parent (the sentence does not say whose);
* a labelled list anywhere: "Övergripande mål ”Bäst utveckling för alla”:" then bullets — the
  label a goal (``L<n>``), the bullets its sub-goals (``L<n>.<k>``).

A list item continues on the lines indented to its text (PDF word positions, or columns of a
text layer); a line at the margin ends it.  A status is taken only from words the report
states for that goal: under a numbered goal on a line of its own or after "Bedömning",
"Måluppfyllelse" or "Status" ("Bedömning: Delvis uppfyllt"); in a list item at its end
("… (Uppfyllt)", "… – Delvis uppfyllt") or on an item line of its own; basis ``text``.  A
status shown as a symbol or colour word ("🟢", "✓", "(grön)") in the same places counts only
where the report's own key explains it (:func:`~kslib.statuses.symbol_key`; basis ``symbol``);
a key that gives one symbol several statuses ("● Uppfyllt ● Delvis uppfyllt", the colours lost)
or no key leaves it ``unknown``.  Otherwise ``unknown`` (basis ``none``) — never from the tone
of the text that follows.
"""
from __future__ import annotations

import re

from kslib.diagnostics import ParseWarning
from kslib.read.source import Line, Source
from kslib.statuses import SYMBOLS, STATUSES, status_from_symbol, status_from_words, symbol_key
from kslib.text import join_lines, join_texts, squeeze

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_GOAL_SECTION = re.compile(r"\b(?:mål|målen|budgetmål|nämndmål|verksamhetsmål|målområden?)\s*$", re.I)
# sub-headings that structure a goal's follow-up, not goals themselves
_NOT_A_GOAL = re.compile(r"^(?:Uppföljning|Analys|Bedömning|Kommentar|Inledning|Sammanfattning|Resultat|"
                         r"Måluppfyllelse|Åtgärder)\b.{0,25}$", re.I)
_ASSESSED = re.compile(r"^\s*(?:Bedömning|Måluppfyllelse|Status|Samlad\s+bedömning)\b\s*[:\-–]?\s*(.*)$", re.I)

_BULLET = re.compile(r"^\s*(?:([•●○◦▪■])\s*|([*–-])\s+)(\S.*)$")
# the sentence before a list that makes it a list of goals or assignments
_INTRO_NOUN = re.compile(r"\b(?:mål|målen|delmål|delmålen|inriktningsmål|\w*mål(?:en)?\s+och\s+uppdrag|uppdrag|"
                         r"uppdragen)\b", re.I)
_INTRO_LIST = re.compile(r"(?::\s*$|\bföljande\b)", re.I)
_HORIZON = re.compile(r"\bför\s+(?:åren\s+|perioden\s+|mandatperioden\s+)?((?:19|20)\d\d)"
                      r"(?:\s*[-–]\s*((?:19|20)\d\d))?\b", re.I)
_ASSIGNMENT = re.compile(r"\b(?:får|ges|fick|gavs)\s+i\s+uppdrag\b|^Uppdrag\b", re.I)
# "Övergripande mål ”Bäst utveckling för alla”:" — a goal named as the label of a list
_LABEL = re.compile(r"^\s*(?:[\wåäöÅÄÖ-]+\s+){0,3}mål\s*[:–-]?\s*[”“\"'’](.+?)[”“\"'’]\s*:\s*$", re.I)
_PROSE_SUBGOAL = re.compile(r"\b(?:[Ee]tt\s+av\s+[^.:]{0,60}?\b|[Ee]tt\s+|[Vv]årt\s+)delmål\s+(?:är|var)\s+att\s+"
                            r"([^.]+?)\.(?=\d*(?:\s|$))")
_TRAILING_STATUS = re.compile(r"\s*(?:\(([^()]+)\)|\s[–—-]\s*([^–—-]+)|:\s*([^:]+))\s*$")
# page furniture a PDF reader may leave among the lines ("Stadsrevisionen  4 (13)", "2023-03-14")
_TRAILING_SYMBOL = re.compile(r"\s*(" + "|".join(map(re.escape, SYMBOLS))
                              + r"|\((?:grön|gul|orange|röd)\))\s*$", re.I)
_FURNITURE = re.compile(r"^\S.*\s{2,}\d+\s*\(\s*\d+\s*\)\s*$|^\s*(?:19|20)\d\d-\d\d-\d\d\s*$")


def _heading(text: str) -> tuple[str, str] | None:
    """(number, title) of a numbered heading written at the margin (not a numbered list item)."""
    if text[:1].isspace():
        return None
    m = _NUMBERED.match(text)
    if not m or not re.match(r"[A-ZÅÄÖ]", m.group(2)):
        return None
    return m.group(1), re.sub(r"\s{2,}", " ", m.group(2)).strip()


def _row(goal_id: str, level: str, parent: str, title: str, line: Line, horizon: str = "", *,
         numbered: bool = False) -> dict:
    """A goals.csv row; ``numbered``: ``goal_id`` is the number the report prints (else kslib's own)."""
    return {"goal_id": goal_id, "level": level, "parent_id": parent, "kf_goal": "", "title": squeeze(title),
            "horizon": horizon, "status": "unknown", "basis": "none", "comment": "", "line": line.number,
            "prose_title": "", "status_line": None, "page": line.page, "numbered": numbered}


def read_goal_sections(source: Source, *, year: int | None = None,
                       warnings: list[ParseWarning] | None = None) -> list[dict]:
    """Goal rows (``level`` goal/subgoal/assignment) from goal sections and labelled lists; see the module doc."""
    rows: list[dict] = []
    lines = source.lines
    key = symbol_key(lines)
    used: set[int] = set()
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
        start = i
        i = _read_section(lines, i, head[0], rows, key)
        used.update(range(start, i))
    rows.extend(_labelled_lists(lines, used, key))
    return rows


def _read_section(lines, i: int, number: str, rows: list[dict], key: dict) -> int:
    """Rows of the goal section whose heading is line ``i``; returns the index after the section."""
    depth = number.count(".") + 1
    i += 1
    current: dict | None = None
    intro: list[Line] = []             # prose since the last heading or list: a list's introduction
    prose: list[Line] = []             # all prose of the section, for sub-goals named in sentences
    listed = 0
    while i < len(lines):
        sub = _heading(lines[i].text)
        if sub and not sub[0].startswith(number + "."):
            break                                   # the next section
        if sub and _NOT_A_GOAL.match(sub[1]):
            current, intro = None, []
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
            text, status = _symbol_at_end(text, key, lines[i].number)
            current = _with_status(_row(sub[0], level, parent, text, lines[i], numbered=True), status, level)
            rows.append(current)
            intro = []
            i = j
            continue
        if current is None and _BULLET.match(lines[i].text):
            items, i = _bullet_items(lines, i, key)
            sentence = _last_sentence(intro)
            intro = []
            if _INTRO_NOUN.search(sentence) and _INTRO_LIST.search(sentence):
                horizon = _horizon(sentence)
                for line, title, status in items:
                    listed += 1
                    level = "assignment" if _ASSIGNMENT.search(title) else "goal"
                    rows.append(_with_status(_row(f"{number}/{listed}", level, "", title, line, horizon),
                                             status, level))
            continue
        if current is not None and current["basis"] == "none":
            _status_line(lines[i], current, key)
        if current is None and not _FURNITURE.match(lines[i].text):
            intro.append(lines[i])
            prose.append(lines[i])
        i += 1
    for line, title in _prose_subgoals(prose):
        listed += 1
        rows.append(_row(f"{number}/{listed}", "subgoal", "", title, line))
    return i


def _last_sentence(lines: list[Line]) -> str:
    text = join_lines(lines).text if lines else ""
    parts = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", text) if p.strip()]
    return parts[-1] if parts else ""


def _horizon(sentence: str) -> str:
    m = _HORIZON.search(sentence)
    if not m:
        return ""
    return f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)


def _prose_subgoals(prose: list[Line]) -> list[tuple[Line, str]]:
    """Sub-goals a sentence of the section names ("Ett av revisorernas egna delmål är att …")."""
    if not prose:
        return []
    joined = join_lines(prose)
    by_number = {ln.number: ln for ln in prose}
    out = []
    for m in _PROSE_SUBGOAL.finditer(joined.text):
        title = m.group(1).strip()
        out.append((by_number[joined.line_at(m.start())], title[:1].upper() + title[1:]))
    return out


# --------------------------------------------------------------------------- bullet lists

def _start(line: Line) -> float:
    """Where a line's text starts: points (PDF words) or columns (text layer)."""
    if line.words:
        return line.words[0].x0
    return float(len(line.text) - len(line.text.lstrip()))


def _body_start(line: Line) -> float:
    """Where a bullet item's text starts (after its bullet)."""
    if line.words:
        return line.words[1].x0 if len(line.words) > 1 and len(line.words[0].text) == 1 else line.words[0].x0
    return float(_BULLET.match(line.text).start(3))


def _bullet_items(lines, i: int, key: dict) -> tuple[list[tuple[Line, str, tuple | None]], int]:
    """The items of the bullet list starting at line ``i``: (first line, text, stated status); next index."""
    items = []
    tol = 3.0 if lines[i].words else 1.0
    while i < len(lines) and (m := _BULLET.match(lines[i].text)):
        first, body = lines[i], _body_start(lines[i])
        parts, status = [m.group(3).strip()], None
        i += 1
        while i < len(lines):
            line = lines[i]
            if _FURNITURE.match(line.text):
                i += 1
                continue
            if _BULLET.match(line.text) or _heading(line.text) or _start(line) < body - tol:
                break
            stated = _stated(line.text.strip(), key)
            if stated is not None and status is None:
                status = (stated[0], stated[1], line.number, stated[2])
            else:
                parts.append(line.text.strip())
            i += 1
        text = join_texts(parts).text
        if status is None:
            text, status = _symbol_at_end(text, key, first.number)
        if status is None and (t := _TRAILING_STATUS.search(text)):
            words = next(g for g in t.groups() if g)
            if (code := status_from_words(words)) is not None:
                status, text = (code, t.group(0).strip(" –—-:"), first.number, "text"), text[:t.start()].rstrip()
        items.append((first, text, status))
    return items, i


def _stated(text: str, key: dict) -> tuple[str, str, str] | None:
    """(status, words, basis) of a line that is a status: "Bedömning: Uppfyllt", "Delvis uppfyllt" alone,
    or a symbol the report's key explains ("Bedömning: 🟢")."""
    m = _ASSESSED.match(text)
    words = m.group(1) if m else text
    if len(words.split()) > 4:
        return None
    code = status_from_words(words)
    if code is not None:
        return code, text, "text"
    code = status_from_symbol(words, key) if words else None
    return (code, text, "symbol") if code is not None else None


def _symbol_at_end(text: str, key: dict, number: int) -> tuple[str, tuple | None]:
    """A title without the symbol it ends in, with the status the key gives it (text unchanged otherwise)."""
    m = _TRAILING_SYMBOL.search(text)
    if not m or not text[:m.start()].strip():
        return text, None
    code = status_from_symbol(m.group(1), key)
    if code is None:
        return text, None
    return text[:m.start()].rstrip(), (code, m.group(1), number, "symbol")


def _with_status(row: dict, status: tuple[str, str, int, str] | None, level: str) -> dict:
    """The row with a status the item states (code, words, line, basis), where it suits the level
    (a goal is not "done")."""
    if status is not None and (level == "assignment" or status[0] in STATUSES):
        row.update(status=status[0], basis=status[3], comment=status[1], status_line=status[2])
    return row


def _labelled_lists(lines, used: set[int], key: dict) -> list[dict]:
    """"Övergripande mål ”…”:" followed by bullets: the goal and its sub-goals."""
    rows: list[dict] = []
    n = 0
    i = 0
    while i < len(lines):
        m = _LABEL.match(lines[i].text)
        if i in used or not m or i + 1 >= len(lines) or not _BULLET.match(lines[i + 1].text):
            i += 1
            continue
        n += 1
        goal = _row(f"L{n}", "goal", "", m.group(1).strip(), lines[i])
        rows.append(goal)
        items, i = _bullet_items(lines, i + 1, key)
        for k, (line, title, status) in enumerate(items, 1):
            rows.append(_with_status(_row(f"L{n}.{k}", "subgoal", goal["goal_id"], title, line), status, "subgoal"))
    return rows


def _status_line(line, row: dict, key: dict) -> None:
    """A status the report states under the goal, on a line of its own or after "Bedömning:"."""
    stated = _stated(line.text.strip(), key)
    if stated is not None and stated[0] in STATUSES:
        row.update(status=stated[0], basis=stated[2], comment=stated[1], status_line=line.number)
