"""The report's own explanations: sentences of its prose that name an area or unit of its tables and a
deviation from budget or a change of the budget, kept word for word with their page and line.

The committee pages quote them ("Underskottet förklaras av …", s. 4) next to the figures: the reason for
a deviation is the report's to give, never kslib's to invent.  A sentence qualifies when it

- names an area: a row label of the report's operating tables (with or without its code), or stands
  under a heading that names one; and
- speaks of a deviation (överskott, underskott, avvikelse, högre/lägre än budget …) or of a change of the
  budget during the year (förstärkning, tilläggsanslag, utökad budget, ombudgetering …).

Kinds: ``deviation``, ``budget_change``.  Area ``""`` is the whole (the board's total).

A third kind, ``goal_judgement``, is the board's own overall judgement of its goals: a sentence whose
subject is the board itself (its name, "Nämnden", "Förvaltningen", "Styrelsen") and that judges
(bedömer/bedöms) the fulfilment of goals ("Förvaltningen bedömer att måluppfyllelsen … är god").  An
auditor's or another body's judgement ("Vi bedömer…", "Kommunstyrelsen bedömer…" in an auditor's report)
is not the board's and is left out.
"""
from __future__ import annotations

import re
from typing import Iterable

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.prose.paragraphs import paragraphs
from kslib.read.source import Source
from kslib.text import squeeze

EXPLANATION_COLUMNS = ["area", "kind", "sentence", "page", "line"]

_BUDGET_CHANGE = re.compile(
    r"förstärk\w*|tilläggsanslag\w*|tilläggsbudget\w*|ombudgeter\w*|utökad\w*\s+budget|"
    r"budget(?:en)?\s+(?:har\s+)?(?:ut)?ök(?:ad|ade|ats|as)|budgetjuster\w*|(?:extra|tillfällig\w*)\s+"
    r"(?:medel|anslag)|budgettillskott\w*|tillskott\s+till\s+budgeten", re.I)
_DEVIATION = re.compile(
    r"överskott\w*|underskott\w*|avvik\w*|budgetavvikelse\w*|(?:högre|lägre|större|mindre)\s+"
    r"(?:kostnader|intäkter|än\s+budget\w*)|(?:bättre|sämre)\s+än\s+budget\w*|"
    r"överskrid\w*|negativ\w*\s+avvikelse|positiv\w*\s+avvikelse", re.I)
_AMOUNT = re.compile(r"\d[\d\s]*(?:,\d+)?\s*(?:tkr|mnkr|mkr|miljoner|tusen|kr|%|procent)", re.I)
_CODE = re.compile(r"^\d{1,6}\s+")
_MIN_NAME = 4
# row labels that are the field's headline words, not an area a sentence can be said to name
_GENERIC_NAME = re.compile(r"^(?:(?:summa|totalt?|totala)\s+)?(?:intäkter|kostnader|resultat|nettokostnad\w*)$", re.I)
# the board's own judgement of its goals: subject, judging verb, goal noun and a fulfilment word
_SELF = r"(?:förvaltningen|nämnden|styrelsen|verksamheten)"
_JUDGES = re.compile(r"^\s*(?P<subject>[A-ZÅÄÖ][\wåäö-]*(?:\s+[\wåäö-]+){0,4}?)\s+(?:bedömer|bedöms|gör\s+(?:den\s+)?"
                     r"(?:samlade\s+|sammantagna\s+)?bedömningen)\b", re.I)
_GOAL_NOUN = re.compile(r"\bmåluppfyllelse\w*|\b(?:mål|målen|målet|delmål\w*|nämndmål\w*|verksamhetsmål\w*)\b", re.I)
_FULFILMENT = re.compile(r"\bgod\b|\bgoda\b|\bhög\b|\blåg\b|uppfyll\w*|uppnå\w*|\bnått?s?\b|\bdelvis\b|"
                         r"tillfredsställande|otillräcklig\w*", re.I)
_FIGURE = re.compile(r"(?<![\w,])-?\d[\d ]*(?:,\d+)?(?![\w,])")
_MAX_SENTENCE = 400
_MAX_FIGURES = 6


def _names(areas: Iterable[str]) -> dict[str, str]:
    """Search pattern text → area label: each label as printed and without its code."""
    out: dict[str, str] = {}
    for label in areas:
        label = squeeze(str(label))
        if not label:
            continue
        for name in {label, _CODE.sub("", label)}:
            if len(name) >= _MIN_NAME and not name.isdigit() and not _GENERIC_NAME.match(name):
                out.setdefault(name.lower(), label)
    return out


def _named_area(text: str, names: dict[str, str]) -> str | None:
    """The area a text names: by its code at the start ("162 …") or by its name (also in the definite
    form: "Näringslivsverksamheten")."""
    code = _CODE.match(text.strip())
    if code:
        for label in names.values():
            if label.startswith(code.group(0)):
                return label
    low = text.lower()
    for name in sorted(names, key=len, reverse=True):
        if re.search(rf"(?<![\wåäö]){re.escape(name)}(?:en|et|n|t)?(?![\wåäö])", low):
            return names[name]
    return None


def _is_prose(text: str) -> bool:
    """A sentence, not a table's rows run together: short enough, few figures."""
    return len(text) <= _MAX_SENTENCE and len(_FIGURE.findall(text)) <= _MAX_FIGURES


def _board_judges_goals(text: str, board: str | None) -> bool:
    """Whether ``text`` is the board's own judgement of its goals (see the module's docstring)."""
    m = _JUDGES.match(text)
    if not m or not _GOAL_NOUN.search(text) or not _FULFILMENT.search(text[m.end():]):
        return False
    subject = m.group("subject").lower()
    own = [_SELF] + ([re.escape(board.lower()) + r"s?"] if board else [])
    return any(re.fullmatch(name, subject) for name in own)


def read_explanations(source: Source, *, areas: Iterable[str] = (), year: int | None = None,
                      board: str | None = None, warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Every explaining sentence (columns :data:`EXPLANATION_COLUMNS`), in the report's order; ``board``
    (as the report names itself) tells the board's own judgement of its goals from another body's."""
    names = _names(areas)
    rows: list[dict] = []
    heading_area: str | None = None
    for para in paragraphs(source):
        if para.heading:
            heading_area = _named_area(para.text, names)
            continue
        for sentence in para.sentences:
            text = squeeze(sentence.text)
            if not _is_prose(text):
                continue
            if _board_judges_goals(text, board):
                line = sentence.line
                rows.append({"area": "", "kind": "goal_judgement", "sentence": text, "page": line.page,
                             "line": line.number})
                continue
            change = _BUDGET_CHANGE.search(text)
            deviation = _DEVIATION.search(text)
            if not (change or deviation) or not _AMOUNT.search(text):
                continue
            area = _named_area(text, names) or heading_area or ""
            line = sentence.line
            rows.append({"area": area, "kind": "budget_change" if change else "deviation", "sentence": text,
                         "page": line.page, "line": line.number})
    frame = pd.DataFrame(rows, columns=EXPLANATION_COLUMNS).drop_duplicates(["sentence"], ignore_index=True)
    frame["page"] = frame["page"].astype("Int64")
    frame["line"] = frame["line"].astype("Int64")
    return frame
