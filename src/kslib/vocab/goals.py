"""Words of goals, sub-goals, scorecards, assignments and indicators: the headings, column words and
markers their records are found by.

Vocabulary of the field (Mål, Delmål, Nämndmål, Aktivitet, Uppdrag, Fokusområde, Resultatindikator, Utfall,
Bedömning, Kommentar …), never a heading or goal of one report.  Statuses have their own vocabulary
(:mod:`kslib.statuses`); page furniture its own (:mod:`kslib.vocab.furniture`).
"""
from __future__ import annotations

import re

# --------------------------------------------------------------------------- the board-goal template
# "<board> mål 2024-2026": a short heading of at most four words before "mål" (not "delmål till mål")
GOAL_TABLE = re.compile(r"^\s*(?!.*\bdelmål\b)[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,3}\s+mål\s+"
                        r"(\d{4})\s*[-–]\s*(\d{4})\s*$")
SUBGOAL_TABLE = re.compile(r"delmål\s+till\s+mål\s+(\d{4})\s*[-–]\s*(\d{4})", re.I)
_KF = r"KF\s*(\d+)"
GOAL_ROW = re.compile(rf"^\s*{_KF}\s*(?:(\d+)\.\s+(\S.*))?$")          # "KF2 2. Title" or "KF2" alone
GOAL_TITLE = re.compile(r"^\s*(\d+)\.\s+(\S.*)$")
SUBGOAL_ROW = re.compile(rf"^\s*{_KF}\s+(\d+)\s+(\d+(?:\.\d+)+(?:\.[a-zåäö])?)\.?\s+(\S.*?)\s*$")
# a horizon marker after a sub-goal's title: "(2025)", "(2025-2026)", "(mandatperiod)"
HORIZON_MARK = re.compile(r"\s*\(\s*((?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?|mandatperiod\w*)\s*\)\s*$", re.I)
# the heading a goal is followed up under: "… bidrag till KF mål 2/nämndmål 2024-2026: 2. <title> (status)"
FOLLOW_UP_START = re.compile(r"bidrag\s+till\s+KF[\s-]*mål", re.I)
GOAL_FOLLOW_UP = re.compile(r"bidrag\s+till\s+KF[\s-]*mål\s*(\d+)\s*/\s*nämndmål[^:]*:\s*(\d+)\.\s*(.*)$", re.I)
# a status in parentheses closing a follow-up heading: "(Uppfylls delvis)"
STATUS_IN_PARENS = re.compile(r"\(\s*([^()]*?(?:uppfyll|uppnås|följs upp)[^()]*?)\s*\)\s*$", re.I)
# words that show a report speaks of goals (a heading or a status): finding none is then worth a warning
GOAL_VOCABULARY = re.compile(r"^\s*(?:[\d.]+\s+)?(?:\S+\s+){0,3}(?:mål|delmål|nämndmål|målen)"
                             r"(?:\s+\d{4}(?:\s*[-–]\s*\d{4})?)?\s*$|\bmåluppfyllelse\b|\bdelmål\b", re.I)

# --------------------------------------------------------------------------- goal sections in prose
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
GOAL_SECTION = re.compile(r"\b(?:mål|målen|budgetmål|nämndmål|verksamhetsmål|målområden?)\s*$", re.I)
# sub-headings that structure a goal's follow-up, not goals themselves
NOT_A_GOAL = re.compile(r"^(?:Uppföljning|Analys|Bedömning|Kommentar|Inledning|Sammanfattning|Resultat|"
                        r"Måluppfyllelse|Åtgärder)\b.{0,25}$", re.I)
# the words before a status stated on a line: "Bedömning: Delvis uppfyllt"
ASSESSED = re.compile(r"^\s*(?:Bedömning|Måluppfyllelse|Status|Samlad\s+bedömning)\b\s*[:\-–]?\s*(.*)$", re.I)
BULLET = re.compile(r"^\s*(?:([•●○◦▪■])\s*|([*–-])\s+)(\S.*)$")
# the sentence before a list that makes it a list of goals or assignments
INTRO_NOUN = re.compile(r"\b(?:mål|målen|delmål|delmålen|inriktningsmål|\w*mål(?:en)?\s+och\s+uppdrag|uppdrag|"
                        r"uppdragen)\b", re.I)
INTRO_LIST = re.compile(r"(?::\s*$|\bföljande\b)", re.I)
# the period an introduction names: "för åren 2024–2026", "för 2025"
HORIZON_PERIOD = re.compile(r"\bför\s+(?:åren\s+|perioden\s+|mandatperioden\s+)?((?:19|20)\d\d)"
                            r"(?:\s*[-–]\s*((?:19|20)\d\d))?\b", re.I)
ASSIGNMENT = re.compile(r"\b(?:får|ges|fick|gavs)\s+i\s+uppdrag\b|^Uppdrag\b", re.I)
# "Övergripande mål ”Trygg uppväxt”:" — a goal named as the label of a list
LABELLED_GOAL = re.compile(r"^\s*(?:[\wåäöÅÄÖ-]+\s+){0,3}mål\s*[:–-]?\s*[”“\"'’](.+?)[”“\"'’]\s*:\s*$", re.I)
# "Ett av våra delmål är att …": a sub-goal named in a sentence
PROSE_SUBGOAL = re.compile(r"\b(?:[Ee]tt\s+av\s+[^.:]{0,60}?\b|[Ee]tt\s+|[Vv]årt\s+)delmål\s+(?:är|var)\s+att\s+"
                           r"([^.]+?)\.(?=\d*(?:\s|$))")
# a statement about all of a goal's sub-goals: "Samtliga delmål har uppnåtts"
ALL_SUBGOALS = re.compile(
    r"\b(?:samtliga\s+|alla\s+)?delmål(?:en)?\s+(?:har\s+|är\s+)?(?P<words>(?:(?:ej|inte|delvis)\s+)?"
    r"(?:uppnåtts|uppnås|uppnådda|uppfylls|uppfyllts|uppfyllda)(?:\s+delvis)?)\b", re.I)

# --------------------------------------------------------------------------- goal tables (column tables)
# column words of a goal table: field -> words ("Nämndmål | Bedömning | Kommentar")
GOAL_FIELDS = {
    "id": r"Nr|Nr\.|Id|Mål\s*nr",
    "goal": r"(?:Kommunfullmäktiges\s+|Nämndens\s+|Styrelsens\s+)?(?:mål|Nämndmål|Verksamhetsmål|Inriktningsmål|"
            r"Kommunmål|Effektmål|Delmål|Mål\s+och\s+aktiviteter|Mål\s+och\s+delmål|Målområde|Aktivitet|Aktiviteter"
            r"|Prioriterade\s+mål)",
    "status": r"Status|Bedömning|Måluppfyllelse|Uppfyllelse|Målet\s+uppfylls|Uppfyllt|Bedömd\s+måluppfyllelse",
    "comment": r"Kommentar|Kommentarer|Analys|Analys\s+och\s+kommentar|Kommentar\s+och\s+analys|Beskrivning",
}
# the levels of a goal table ("Nämndmål", "Verksamhetsmål", "Aktivitet" …)
_LEVELS = (r"Kommunfullmäktiges\s+mål|KF-mål|Kommunmål|Inriktningsmål|Nämndmål|Nämndens\s+mål|Styrelsemål|"
           r"Övergripande\s+mål|Verksamhetsmål|Delmål|Effektmål|Förvaltningsmål|Enhetsmål|Aktiviteter|Aktivitet|"
           r"Åtgärder|Åtgärd|Insatser|Insats")
# a level named before a goal's title ("Nämndmål: …", "Aktivitet 2: …")
LEVEL_PREFIX = re.compile(rf"^(?P<word>{_LEVELS})\s*(?:\d+(?:\.\d+)*)?\s*[:.–-]\s+(?P<title>\S.*)$", re.I)
# a row that only names the level of the rows below it ("Verksamhetsmål", "Aktiviteter")
LEVEL_HEADING = re.compile(rf"^(?:{_LEVELS})$", re.I)
# a goal id printed before its title: "1", "1.2", "1.2.3" (with or without a trailing dot)
GOAL_ID = re.compile(r"^(?P<id>\d{1,2}(?:\.\d{1,2}){0,4})\.?(?=\s+[A-ZÅÄÖ]|$)")

# --------------------------------------------------------------------------- assignments (uppdrag)
# column words of an assignment table: field -> words ("Uppdrag från KF/KS | Uppdragets status och kommentar")
ASSIGNMENT_FIELDS = {          # (in this order: "Uppdragets status …" is a status column, not the assignment)
    "id": r"Nr|Nr\.",
    "status": r"(?:\S+\s+){0,2}status(?:\s+\S+){0,3}|Läge|Bedömning",
    "comment": r"(?:\S+\s+){0,2}kommentar(?:er)?(?:\s+\S+){0,2}|Återrapportering|Redovisning|Uppföljning",
    "assignment": r"(?:\S+\s+){0,2}uppdrag(?:et|en)?(?:\s+\S+){0,4}",
}
# metadata under an assignment's title ("Uppdragsår" / "2025", "Typ av …" / "…")
ASSIGNMENT_META = re.compile(r"^(?:Uppdragsår|Uppdragets\s+år|Beslutsår|Typ\s+av\b.*|Beslutsdatum|Beslutad\b.*|"
                             r"Diarienummer|Dnr|Källa|Ansvarig)\s*:?\s*$", re.I)
DATE = re.compile(r"^(?:19|20)\d\d-\d\d-\d\d$")

# --------------------------------------------------------------------------- scorecards (styrkort)
# measure words of a scorecard's header
SCORE_MEASURES = {"mål": "target", "målvärde": "target", "utfall": "outcome", "resultat": "outcome",
                  "utgångsläge": "baseline", "basvärde": "baseline", "län": "county", "riket": "country"}
# label columns of a scorecard's header (focus area, indicator)
SCORE_LABELS = re.compile(r"^(?:fokusområden?|målområden?|perspektiv|övergripande\s+mål|"
                          r"resultatindikatorer|indikatorer|indikator|nyckeltal|mått|resultatmått|mätetal)$", re.I)

# --------------------------------------------------------------------------- quality indicators
QUALITY_HEADING = re.compile(r"^\s*Kvalitetsindikatorer\b", re.I)
QUALITY_HEADER_END = re.compile(r"\bUtfall\b", re.I)
QUALITY_END = re.compile(r"^\s*(?:Kommentar\s+till|Sammanfattning\b)", re.I)
# a comparison with the county or the country: "Högre än län", "> L"
COMPARISON = re.compile(
    r"^(?:[<>≤≥=]\s*[LR]\b.*|(?:högre|lägre|bättre|sämre|över|under|lika)\s+(?:än\s+|med\s+)?(?:län|rike|riket)\b.*)$",
    re.I)
# the direction a target or an indicator's name states
HIGHER_IS_BETTER = re.compile(r"\b(?:minst|öka\w*|eller\s+(?:bättre|mer|högre|fler))\b", re.I)
LOWER_IS_BETTER = re.compile(r"\b(?:högst|max(?:imalt)?|minska\w*|eller\s+(?:lägre|mindre|färre))\b", re.I)
