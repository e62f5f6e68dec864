"""Goals as numbered headings or bullet lists under a goal section, or as labelled bullet lists.

A report that follows its goals up in prose states them in one of these shapes:

* numbered headings under a section whose heading speaks of goals ("5.2 Mål", "2.2 Uppföljning av …
  budgetmål"): headings one level below the section are goals, deeper ones sub-goals of the heading above
  them (ids as printed, any depth);
* a bullet list in such a section, introduced by a sentence that names goals or assignments ("Nämnden har
  beslutat om följande mål för perioden 2024–2026:"): each item a goal, or an assignment where it says so
  ("… får i uppdrag att …"); ids ``<section>/<n>`` (the report prints no number); the horizon from the
  introduction ("för åren 2024–2026", "för 2025");
* a sentence in such a section naming a sub-goal ("Ett av våra delmål är att …"), level ``subgoal`` without
  a parent (the sentence does not say whose);
* a labelled list anywhere: "Övergripande mål ”Trygg uppväxt”:" then bullets — the label a goal (``L<n>``),
  the bullets its sub-goals (``L<n>.<k>``).

A list item continues on the lines indented to its text (PDF word positions, or columns of a text layer);
a line at the margin ends it; page furniture between is read past.  A status is taken only from words the
report states for that goal (:mod:`~kslib.parse.records.status`): under a numbered goal on a line of its own
or after "Bedömning", "Måluppfyllelse" or "Status"; at the end of a heading or a list item ("… (Uppfyllt)",
"… – Delvis uppfyllt") or on an item line of its own; a symbol only by the report's own key (a PDF's coloured
symbol beside the title or after "Bedömning:", by its legend of colours) — never from the tone of the text
that follows.
"""
from __future__ import annotations

import re

from kslib.parse.records.goal_rows import Goal
from kslib.parse.records.section import furniture
from kslib.parse.records.status import Stated, line_status, trailing_status
from kslib.parse.records.symbol_status import beside_title
from kslib.read.source import Line, Source
from kslib.text import join_lines, join_texts
from kslib.vocab.goals import (ASSESSED, ASSIGNMENT, BULLET, GOAL_SECTION, HORIZON_PERIOD, INTRO_LIST, INTRO_NOUN,
                               LABELLED_GOAL, NOT_A_GOAL, NUMBERED, PROSE_SUBGOAL)

_HEADING_WRAP_WORDS = 4        # a section heading's second line is short ("budgetmål")


def heading(text: str) -> tuple[str, str] | None:
    """(number, title) of a numbered heading written at the margin (not a numbered list item)."""
    if text[:1].isspace():
        return None
    m = NUMBERED.match(text)
    if not m or not re.match(r"[A-ZÅÄÖ]", m.group(2)):
        return None
    return m.group(1), re.sub(r"\s{2,}", " ", m.group(2)).strip()


def read_goal_sections(source: Source, key: dict[str, str | None], *, used: frozenset[int] = frozenset(),
                       ) -> list[Goal]:
    """Goals (goal/subgoal/assignment) from goal sections and labelled lists; lines in ``used`` (read by
    another reader) are left alone."""
    skip = furniture(source)
    lines = [ln for ln in source.lines if ln.number not in skip]
    rows: list[Goal] = []
    taken: set[int] = set()
    i = 0
    while i < len(lines):
        head = heading(lines[i].text)
        title = head[1] if head else ""
        # a section heading may wrap ("2.2  Uppföljning av kommunfullmäktiges" / "budgetmål")
        if head and i + 1 < len(lines) and lines[i + 1].text[:1].isspace() and not heading(lines[i + 1].text) \
                and len(lines[i + 1].text.split()) <= _HEADING_WRAP_WORDS:
            title = f"{title} {lines[i + 1].text.strip()}"
        if not head or not GOAL_SECTION.search(title) or lines[i].number in used:
            i += 1
            continue
        start = i
        i = _read_section(lines, i, head[0], rows, key, used)
        taken.update(range(start, i))
    rows.extend(_labelled_lists(lines, taken, key))
    return rows


def _read_section(lines: list[Line], i: int, number: str, rows: list[Goal], key: dict, used: frozenset[int]) -> int:
    """Rows of the goal section whose heading is line ``i``; returns the index after the section."""
    depth = number.count(".") + 1
    i += 1
    current: Goal | None = None
    intro: list[Line] = []             # prose since the last heading or list: a list's introduction
    prose: list[Line] = []             # all prose of the section, for sub-goals named in sentences
    listed = 0
    while i < len(lines):
        if lines[i].number in used:                 # a goal table another reader has read
            current, intro = None, []
            i += 1
            continue
        sub = heading(lines[i].text)
        if sub and not sub[0].startswith(number + "."):
            break                                   # the next section
        if sub and NOT_A_GOAL.match(sub[1]):
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
            text, stated = trailing_status(text, key)
            current = Goal.at(sub[0], lines[i], text, level=level, parent_id=parent, numbered=True)
            current.mark(beside_title(lines[i]))
            rows.append(current.state(stated.at(lines[i].number) if stated else None))
            intro = []
            i = j
            continue
        if current is None and BULLET.match(lines[i].text):
            items, i = bullet_items(lines, i, key)
            sentence = _last_sentence(intro)
            intro = []
            if INTRO_NOUN.search(sentence) and INTRO_LIST.search(sentence):
                horizon = _horizon(sentence)
                for line, title, stated in items:
                    listed += 1
                    level = "assignment" if ASSIGNMENT.search(title) else "goal"
                    rows.append(Goal.at(f"{number}/{listed}", line, title, level=level, horizon=horizon)
                                .state(stated).mark(beside_title(line)))
            continue
        if current is not None and current.basis == "none":
            stated = line_status(lines[i].text, key)
            if stated is not None:
                current.state(stated.at(lines[i].number))
            elif not current.marks and ASSESSED.match(lines[i].text):
                current.mark(beside_title(lines[i]))        # "Bedömning: ●", the symbol drawn
        if current is None:
            intro.append(lines[i])
            prose.append(lines[i])
        i += 1
    for line, title in _prose_subgoals(prose):
        listed += 1
        rows.append(Goal.at(f"{number}/{listed}", line, title, level="subgoal"))
    return i


def _last_sentence(lines: list[Line]) -> str:
    text = join_lines(lines).text if lines else ""
    parts = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])", text) if p.strip()]
    return parts[-1] if parts else ""


def _horizon(sentence: str) -> str:
    m = HORIZON_PERIOD.search(sentence)
    if not m:
        return ""
    return f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)


def _prose_subgoals(prose: list[Line]) -> list[tuple[Line, str]]:
    """Sub-goals a sentence of the section names ("Ett av våra delmål är att …")."""
    if not prose:
        return []
    joined = join_lines(prose)
    by_number = {ln.number: ln for ln in prose}
    out = []
    for m in PROSE_SUBGOAL.finditer(joined.text):
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
    return float(BULLET.match(line.text).start(3))


def bullet_items(lines: list[Line], i: int, key: dict) -> tuple[list[tuple[Line, str, Stated | None]], int]:
    """The items of the bullet list starting at ``lines[i]``: (first line, text, stated status); next index."""
    items = []
    tol = 3.0 if lines[i].words else 1.0
    while i < len(lines) and (m := BULLET.match(lines[i].text)):
        first, body = lines[i], _body_start(lines[i])
        parts, stated = [m.group(3).strip()], None
        i += 1
        while i < len(lines):
            line = lines[i]
            if BULLET.match(line.text) or heading(line.text) or _start(line) < body - tol:
                break
            own = line_status(line.text.strip(), key)
            if own is not None and stated is None:
                stated = own.at(line.number)
            else:
                parts.append(line.text.strip())
            i += 1
        text = join_texts(parts).text
        if stated is None:
            text, stated = trailing_status(text, key)
            stated = stated.at(first.number) if stated else None
        items.append((first, text, stated))
    return items, i


def _labelled_lists(lines: list[Line], taken: set[int], key: dict) -> list[Goal]:
    """"Övergripande mål ”…”:" followed by bullets: the goal and its sub-goals."""
    rows: list[Goal] = []
    n = 0
    i = 0
    while i < len(lines):
        m = LABELLED_GOAL.match(lines[i].text)
        if i in taken or not m or i + 1 >= len(lines) or not BULLET.match(lines[i + 1].text):
            i += 1
            continue
        n += 1
        goal = Goal.at(f"L{n}", lines[i], m.group(1).strip())
        rows.append(goal)
        items, i = bullet_items(lines, i + 1, key)
        for k, (line, title, stated) in enumerate(items, 1):
            rows.append(Goal.at(f"L{n}.{k}", line, title, level="subgoal", parent_id=goal.goal_id).state(stated)
                        .mark(beside_title(line)))
    return rows
