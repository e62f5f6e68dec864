"""Header zones: which lines are column headers, and what each column measures.

Vocabulary of the field only (Utfall, Budget, Avvikelse, Prognos, Intäkter,
Kostnader, Netto, Mål, years, units); never a row name or heading of one report.
:func:`measure_of` reads a cell's words ("Budget- avvikelse", "Prognos aug",
"Utfall fg år"), :func:`header_score` tells a header line from prose.
"""
from __future__ import annotations

import re

YEAR = re.compile(r"^(?:19|20)\d\d$")
_YEARISH = re.compile(r"^(?:(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?|(?:19|20)\d\d-\d\d-\d\d)[:,.]?$")
# stems, in order of precedence when one cell holds several
_MEASURE_STEMS: tuple[tuple[str, str], ...] = (
    ("avvik", "deviation"), ("återstår", "deviation"), ("differens", "change"), ("förändring", "change"),
    ("diff", "change"), ("intäkt", "income"), ("kostnad", "cost"), ("prognos", "forecast"),
    ("budget", "budget"), ("mål", "target"), ("netto", "net"), ("utfall", "outcome"), ("bokslut", "outcome"),
    ("resultat", "outcome"),
)
_UNIT = re.compile(r"\b(tkr|mnkr|mkr|kr|tusentals\s+kronor|miljoner\s+kronor|procent|%|antal)\b|%",
                   re.IGNORECASE)
_UNIT_NAMES = {"tkr": "tkr", "mnkr": "mnkr", "mkr": "mnkr", "kr": "kr", "tusentals kronor": "tkr",
               "miljoner kronor": "mnkr", "procent": "%", "%": "%", "antal": "antal"}
_FILLER = {"i", "mot", "fg", "år", "aug", "augusti", "okt", "oktober", "sept", "september", "april", "jan",
           "dec", "jan-dec", "-", "per", "jmf", "(-)", "(+)", "ack", "belopp", "helår", "period", "perioden",
           "not", "tkr", "mnkr", "mkr", "kr", "%", "antal", "kronor", "tusentals", "miljoner", "års",
           "nyckeltal", "netto"}
PREVIOUS_YEAR = re.compile(r"\b(?:fg|föregående)\b", re.IGNORECASE)


def _norm(word: str) -> str:
    return word.strip(",.:;()*").lower()


_PREFIX_ONLY = {"resultat", "mål", "netto", "diff"}


def _has_stem(w: str, stem: str) -> bool:
    return w.startswith(stem) if stem in _PREFIX_ONLY else stem in w


def is_measure_word(word: str) -> bool:
    w = _norm(word)
    return any(_has_stem(w, stem) for stem, _ in _MEASURE_STEMS) and len(w) <= 24


def is_vocab(word: str) -> bool:
    """A word a column header is made of: a measure, a year, a unit or a filler."""
    w = word.strip(",.:;*").lower()
    if len(w) >= 4 and any(stem.startswith(w) for stem in ("prognos", "avvikelse", "budget", "utfall", "kostnader",
                                                            "intäkter", "bokslut")):
        return True        # a header word broken over lines ("Progno" / "s")
    return is_measure_word(word) or bool(_YEARISH.match(w)) or w in _FILLER or _norm(word) in _FILLER


def header_score(texts: list[str]) -> tuple[int, float]:
    """(measure-or-year words, share of vocabulary words) of a line's words."""
    if not texts:
        return 0, 0.0
    strong = sum(1 for t in texts if is_measure_word(t) or YEAR.match(_norm(t)))
    share = sum(1 for t in texts if is_vocab(t)) / len(texts)
    return strong, share


def is_strong_header(texts: list[str]) -> bool:
    strong, share = header_score(texts)
    return strong >= 2 and share >= 0.5 and not texts[-1].endswith(".")


# "Utfall perioden jämfört med samma period föregående år": the change, whatever measure word it holds
_AGAINST_LAST_YEAR = re.compile(r"jämfört\s+med\s+(?:samma\s+period\s+)?(?:föregående|fg)\s+år", re.IGNORECASE)


def measure_of(text: str) -> str | None:
    """The measure a cell's (or a group's) words name, or None."""
    if _AGAINST_LAST_YEAR.search(text):
        return "change"
    words = [_norm(w) for w in text.split()]
    found = [m for stem, m in _MEASURE_STEMS for w in words if _has_stem(w, stem)]
    if not found:
        return None
    for stem, m in _MEASURE_STEMS:
        if m in found:
            return m
    return None


def year_of(text: str) -> int | None:
    for w in text.split():
        w = _norm(w)
        if YEAR.match(w):
            return int(w)
    return None


def unit_of(text: str) -> str | None:
    """The unit a title, caption or header names."""
    m = _UNIT.search(text)
    if not m:
        return None
    key = re.sub(r"\s+", " ", (m.group(1) or "%").lower())
    return _UNIT_NAMES.get(key)


def join_words(words: list[str]) -> str:
    """A header cell's words as one label, hyphenation and broken words undone.

    ``["Budget-", "avvikelse"]`` → ``"Budgetavvikelse"``; ``["Avvikels", "e"]`` → ``"Avvikelse"``.
    """
    out = ""
    for w in words:
        if not out:
            out = w
        elif out.endswith("-") and w[:1].islower():
            out = out[:-1] + w
        elif len(w) <= 2 and w.isalpha() and w.islower() and w not in {"i", "år", "fg"}:
            out += w
        else:
            out += " " + w
    return out
