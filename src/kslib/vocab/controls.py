"""Words of internal control and action plans: the headings and column words their tables are found by.

Vocabulary of the field (Intern kontroll, Kontrollmoment, Ansvarig, Handlingsplan, Åtgärd, Status …),
never a heading or row of one report.
"""
from __future__ import annotations

import re

# --------------------------------------------------------------------------- internal control
CONTROL_HEADING = re.compile(r"^\s*Uppföljning\s+av\s+intern\s*kontroll\b", re.I)
# the column header under that heading (any of its words)
CONTROL_HEADER = re.compile(r"Process|Ansvarig|Utvärdering|Kontrollmoment|Åtgärd|Status", re.I)
# the section in other words: a short heading "Intern kontroll"/"Internkontrollplan" with a column header below
CONTROL_OTHER_HEADING = re.compile(
    r"^\s*(?:[\d.]+\s+)?(?:(?:Uppföljning|Granskning|Redovisning)\s+av\s+)?(?:den\s+)?"
    r"(?:intern\s*kontroll(?:en|plan(?:en)?)?|kontrollmoment(?:en)?)(?:\s+(?:19|20)\d\d)?\s*$", re.I)
# column words of a control table: field -> words
CONTROL_FIELDS = {
    "item": r"Nr",
    "process": r"Kontrollmoment|Kontroll|Kontrollområde|Process|Rutin|Granskning|Granskningsområde|Risk|Område",
    "owner": r"Ansvarig|Ansvar",
    "assessment": r"Status|Resultat|Bedömning|Utfall|Utvärdering",
    "comment": r"Kommentar|Kommentarer|Åtgärd|Åtgärder|Iakttagelser?|Analys",
}
CONTROL_ITEM = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
# a grade letter and its words at an item's end: "A. Godkänd, avslutas"
GRADE = re.compile(r"(?:^|\s)([A-F])\.\s+([A-ZÅÄÖ][^.]*?)\s*$")
CONTROL_END = re.compile(r"^\s*(?:Not:|Kommentar\s+till\s+uppföljning)", re.I)
CONTROL_COMMENTS = re.compile(r"^\s*Kommentar\s+till\s+uppföljningen\s+av\s+intern\s*kontroll", re.I)
COMMENT_ITEM = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")

# --------------------------------------------------------------------------- action plans
PLAN_HEADING = re.compile(r"^\s*Uppföljning\s+(?:av\s+)?handlingsplan", re.I)
PLAN_OTHER_HEADING = re.compile(r"^\s*(?:[\d.]+\s+)?(?:Uppföljning\s+(?:av\s+)?)?(?:den\s+)?\w*"
                                r"(?:handlingsplan|åtgärdsplan|aktivitetsplan)(?:en)?\b.{0,60}$", re.I)
# column words of a plan table: field -> words (owner and time are read past)
PLAN_FIELDS = {
    "item": r"Nr",
    "decision": r"Åtgärd|Åtgärder|Aktivitet|Aktiviteter|Insats|Insatser|Beslut",
    "clarification": r"Beskrivning|Förtydligande|Syfte",
    "follow_up": r"Uppföljning|Kommentar|Kommentarer|Resultat",
    "status": r"Status",
    "owner": r"Ansvarig|Ansvar",
    "when": r"Tidplan|Klart|Klart\s+senast|Datum|Tidpunkt",
}
PLAN_ITEM = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
PLAN_HEADER_WORDS = re.compile(r"^[\dA-ZÅÄÖ\s/]+$")       # "BESLUT ENLIGT", "FÖRTYDLIGANDE TILL BESLUT"
# a follow-up that states plainly that nothing was done
NOT_STARTED = re.compile(r"\b(?:ej|inte)\s+(?:påbörja[dt]s?|startat|genomför[dt]s?)\b", re.I)
# a section that ends a plan: another follow-up or a comment on it
PLAN_END = re.compile(r"^(?:Kommentar\s+till|Uppföljning\s+av)\b")
