"""The status vocabulary of goals, sub-goals, assignments and actions, with its Swedish words.

Codes are what the processed data holds (``goals.csv``, ``action_plan.csv``); the labels are
what committees read; :func:`status_from_words` reads a status the report states in words.
:data:`STATUSES` are the fulfilment statuses of goals; an assignment (uppdrag) or action is
also ``done`` (Avslutad, Klar, Genomförd) or ``ongoing`` (Pågår, Pågående): :data:`ALL_STATUSES`.
"""
from __future__ import annotations

import re

STATUSES = ("met", "partly_met", "not_met", "later", "unknown")
WORK_STATUSES = ("done", "ongoing")         # assignments and actions: finished or under way
ALL_STATUSES = (*STATUSES[:-1], *WORK_STATUSES, "unknown")
STATUS_LABELS_SV = {
    "met": "Uppfylls",
    "partly_met": "Uppfylls delvis",
    "not_met": "Uppfylls ej",
    "later": "Följs upp senare",
    "unknown": "Okänd",
    "done": "Avslutad",
    "ongoing": "Pågår",
}
# lower-case phrases for sentences ("2 uppfylls delvis")
STATUS_PHRASES_SV = {"met": "uppfylls", "partly_met": "uppfylls delvis", "not_met": "uppfylls ej",
                     "later": "följs upp senare", "unknown": "har okänd status",
                     "done": "är avslutade", "ongoing": "pågår"}
LEVEL_WORDS_SV = {"goal": "mål", "subgoal": "delmål", "assignment": "uppdrag",
                  "action_plan": "aktiviteter i handlingsplanen"}

_STATUS_WORDS = [
    (re.compile(r"^(?:uppfylls|uppnås)\s+delvis$|^delvis\s+uppfyll[td]a?$", re.I), "partly_met"),
    (re.compile(r"^(?:uppfylls|uppnås)\s+(?:ej|inte)$|^(?:ej|inte)\s+uppfyll[td]a?$", re.I), "not_met"),
    (re.compile(r"^(?:uppfylls|uppnås|uppfyllt|uppfylld|uppfyllda|uppnått|uppnådd|uppnådda)$", re.I), "met"),
    (re.compile(r"^(?:delvis\s+uppnå(?:tt|dd|dda)|uppnås\s+delvis)$", re.I), "partly_met"),
    (re.compile(r"^(?:ej|inte)\s+uppnå(?:tt|dd|dda)$", re.I), "not_met"),
    (re.compile(r"^följs\s+upp\s+senare$", re.I), "later"),
    (re.compile(r"^(?:avslutad|avslutat|avslutade|klar|klart|klara|genomförd|genomfört|genomförda|slutförd|"
                r"slutfört|utförd|utfört)$", re.I), "done"),
    (re.compile(r"^(?:pågår|pågående|påbörjad|påbörjat|pågår\s+enligt\s+plan)$", re.I), "ongoing"),
]
_CODES_BY_LABEL = {label.lower(): code for code, label in STATUS_LABELS_SV.items()}


def status_from_words(words: str) -> str | None:
    """``"Uppfylls delvis"`` → ``"partly_met"``; ``None`` for words that are no status."""
    text = re.sub(r"\s+", " ", words.strip().strip(".")).strip()
    for rx, status in _STATUS_WORDS:
        if rx.match(text):
            return status
    return None


def status_code(text: str) -> str | None:
    """A status given as a code (``partly_met``) or a Swedish label (``Uppfylls delvis``), else None."""
    t = text.strip()
    if t in ALL_STATUSES:
        return t
    return _CODES_BY_LABEL.get(t.lower())
