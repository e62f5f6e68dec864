"""The status vocabulary of goals, sub-goals and actions, with its Swedish words (one definition).

Codes are what the processed data holds (``goals.csv``, ``action_plan.csv``); the labels are
what committees read; :func:`status_from_words` reads a status the report states in words.
"""
from __future__ import annotations

import re

STATUSES = ("met", "partly_met", "not_met", "later", "unknown")
STATUS_LABELS_SV = {
    "met": "Uppfylls",
    "partly_met": "Uppfylls delvis",
    "not_met": "Uppfylls ej",
    "later": "Följs upp senare",
    "unknown": "Okänd",
}
# lower-case phrases for sentences ("2 uppfylls delvis")
STATUS_PHRASES_SV = {"met": "uppfylls", "partly_met": "uppfylls delvis", "not_met": "uppfylls ej",
                     "later": "följs upp senare", "unknown": "har okänd status"}
LEVEL_WORDS_SV = {"goal": "mål", "subgoal": "delmål", "action_plan": "aktiviteter i handlingsplanen"}

_STATUS_WORDS = [
    (re.compile(r"^(?:uppfylls|uppnås)\s+delvis$|^delvis\s+uppfyll[td]a?$", re.I), "partly_met"),
    (re.compile(r"^(?:uppfylls|uppnås)\s+(?:ej|inte)$|^(?:ej|inte)\s+uppfyll[td]a?$", re.I), "not_met"),
    (re.compile(r"^(?:uppfylls|uppnås|uppfyllt|uppfylld)$", re.I), "met"),
    (re.compile(r"^följs\s+upp\s+senare$", re.I), "later"),
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
    if t in STATUSES:
        return t
    return _CODES_BY_LABEL.get(t.lower())
