"""The status vocabulary of goals, sub-goals, assignments and actions, with its Swedish words.

Codes are what the processed data holds (``goals.csv``, ``action_plan.csv``); the labels are
what committees read; :func:`status_from_words` reads a status the report states in words, and
:func:`status_from_symbol` one it shows as a symbol, only by the report's own key (:func:`symbol_key`);
:func:`is_key` tells a key to statuses (its symbols kept or lost) from a record.
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
    # a control or an action judged, or not carried out ("Ej påbörjad" is not met, as in the plans)
    (re.compile(r"^delvis\s+(?:godkän[dt]a?|genomför[dt]a?|utför[dt]a?)$", re.I), "partly_met"),
    (re.compile(r"^(?:ej|inte)\s+(?:godkän[dt]a?|genomför[dt]a?|utför[dt]a?|påbörja[dt]e?)$", re.I), "not_met"),
    (re.compile(r"^(?:godkän[dt]a?|inga\s+avvikelser|utan\s+anmärkning(?:ar)?)$", re.I), "met"),
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


# --------------------------------------------------------------------------- symbols and their key

# Status symbols a text layer may keep (the colour of "●" it never keeps), and colour words ("(grön)")
SYMBOLS = ("●", "○", "◐", "◑", "✓", "✔", "✗", "✘", "🟢", "🟡", "🟠", "🔴", "⚫", "⚪", "⬤", "▲", "▼", "★")
_COLOUR_WORDS = ("grön", "gul", "orange", "röd")
_SYMBOL = re.compile("(" + "|".join(map(re.escape, SYMBOLS)) + r"|\(?\b(?:" + "|".join(_COLOUR_WORDS) + r")\b\)?)",
                     re.I)


# a status symbol at the end of a title: a glyph, or a colour word in brackets ("… (grön)")
SYMBOL_AT_END = re.compile(r"\s*(" + "|".join(map(re.escape, SYMBOLS)) + r"|\((?:" + "|".join(_COLOUR_WORDS)
                           + r")\))\s*$", re.I)


def _symbol_name(token: str) -> str:
    """``"(Grön)"`` and ``"grön"`` are one key; a glyph is itself."""
    return token.strip("()").lower()


def _legend_pairs(text: str) -> list[tuple[str, str | None]]:
    """(symbol, status) for each symbol of a legend-looking line; status None where the words are none."""
    marks = list(_SYMBOL.finditer(text))
    if not marks or text[:marks[0].start()].strip(" :=–-").strip() and not text[:marks[0].start()].strip().endswith(":"):
        return []
    pairs = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        words = text[m.end():end].strip(" =:–—-,;/")
        pairs.append((_symbol_name(m.group(0)), status_from_words(words) if words else None))
    return pairs


def symbol_key(lines) -> dict[str, str | None]:
    """The report's key to its status symbols, from legend lines ("🟢 Uppfyllt 🟡 Delvis uppfyllt …",
    "Grön = uppfyllt", "✓ Genomförd" alone on a line): symbol → status, or None where one symbol
    stands for several statuses ("● Uppfyllt ● Delvis uppfyllt ● Ej uppfyllt": the colours are lost).
    A line counts as a legend when every symbol on it is followed by status words and it has two
    such pairs, or one pair and nothing else."""
    seen: dict[str, set[str]] = {}
    for line in lines:
        text = getattr(line, "text", line).strip()
        if not is_legend(text):
            continue
        for symbol, status in _legend_pairs(text):
            seen.setdefault(symbol, set()).add(status)
    return {symbol: (next(iter(st)) if len(st) == 1 else None) for symbol, st in seen.items()}


def is_legend(text: str) -> bool:
    """Is the line a key to status symbols (see :func:`symbol_key`)?"""
    pairs = _legend_pairs(text.strip())
    if not pairs or any(status is None for _, status in pairs):
        return False
    return len(pairs) >= 2 or len(text.split()) <= 4


_KEY_WORDS = re.compile(r"^\s*(?:Teckenförklaring|Symbolförklaring|Förklaring|Färgförklaring)\b\s*:?", re.I)
_STATUS_PHRASE = re.compile(r"(?:(?:ej|inte|delvis)\s+)?(?:uppfyll[td]a?|uppnå(?:tt|dd)|genomför[dt]|godkän[dt])"
                            r"(?:\s+delvis)?|följs\s+upp\s+senare|pågår|avslutad", re.I)


def is_key(text: str) -> bool:
    """Is the line a key to statuses, its symbols kept or lost: a legend (:func:`is_legend`), a line headed
    "Teckenförklaring", or a line of status words only ("Uppfyllt  Delvis uppfyllt  Ej uppfyllt")?"""
    t = text.strip()
    if is_legend(t) or _KEY_WORDS.match(t):
        return True
    rest = _SYMBOL.sub(" ", t)
    phrases = _STATUS_PHRASE.findall(rest)
    return len(phrases) >= 2 and not _STATUS_PHRASE.sub("", rest).strip(" :=–-,;/")


def status_from_symbol(text: str, key: dict[str, str | None]) -> str | None:
    """The status of a cell that is only a symbol (or a colour word), by the report's key; else None."""
    t = text.strip()
    m = _SYMBOL.fullmatch(t)
    if not m:
        return None
    return key.get(_symbol_name(m.group(0)))


def is_symbol(text: str) -> bool:
    """Is the cell only a status symbol or a colour word?"""
    return bool(_SYMBOL.fullmatch(text.strip()))
