"""Measure words of column headers: what each column measures and which year it belongs to.

``measure_of("Budget- avvikelse")`` → ``"deviation"``; ``year_of("Utfall 2024")`` → ``2024``;
``year_pair("2020/2019")`` → ``(2020, 2019)`` (a change column).  Vocabulary of the field only (Utfall,
Budget, Avvikelse, Prognos, Intäkter, Kostnader, Netto, Mål, years, units); never a row name or heading
of one report.
"""
from __future__ import annotations

import re

MEASURES = ("outcome", "budget", "deviation", "forecast", "previous_forecast", "income", "cost", "net",
            "change", "target", "value")
YEAR = re.compile(r"^(?:19|20)\d\d$")
YEARISH = re.compile(r"^(?:(?:19|20)\d\d(?:\s*[/-]\s*(?:19|20)?\d\d)?|(?:19|20)\d\d-\d\d-\d\d)[:,.]?$")
_YEAR_PAIR = re.compile(r"^((?:19|20)\d\d)\s*[/-]\s*((?:19|20)\d\d)$")
DATE = re.compile(r"^((?:19|20)\d\d)-(\d\d)-(\d\d)$")
# stems, in order of precedence when one cell holds several
_MEASURE_STEMS: tuple[tuple[str, str], ...] = (
    ("nettokostnad", "net"), ("nettointäkt", "net"), ("avvik", "deviation"), ("återstår", "deviation"), ("differens", "change"), ("förändring", "change"),
    ("diff", "change"), ("intäkt", "income"), ("kostnad", "cost"), ("prognos", "forecast"),
    ("budget", "budget"), ("mål", "target"), ("netto", "net"), ("utfall", "outcome"), ("bokslut", "outcome"),
    ("resultat", "outcome"),
)
_PREFIX_ONLY = {"resultat", "mål", "netto", "diff"}
# words of a header that start no column of their own
FILLER = {"i", "mot", "fg", "år", "aug", "augusti", "okt", "oktober", "sept", "september", "april", "jan",
          "dec", "jan-dec", "-", "per", "jmf", "(-)", "(+)", "ack", "belopp", "helår", "period", "perioden",
          "not", "tkr", "mnkr", "mkr", "kr", "%", "antal", "kronor", "tusentals", "miljoner", "års",
          "nyckeltal", "netto", "med", "jämfört", "*", "**", "januari", "februari", "mars", "mar", "maj", "juni",
          "jun", "juli", "jul", "feb", "apr", "aug", "sep", "nov", "november", "december", "tom", "t.o.m.", "ack.",
          "ackumulerat", "helårs", "års", "per", "jan-aug", "jan–aug", "jan-dec", "jan–dec", "jan-apr", "jan–apr",
          "t1", "t2", "t3", "q1", "q2", "q3", "q4", "kv1", "kv2", "kv3", "kv4", "delår", "tertial"}
# the head of a column of note references ("Not" over "1", "2" on some rows)
NOTE_HEADS = {"not", "noter"}
# one-letter sub-columns under a group ("2023" over "U B A"), as reports abbreviate them; a legend under the
# table ("U = utfall, B = budget, A = avvikelse") says what the report's own letters mean
ABBREVIATIONS = {"u": "outcome", "b": "budget", "a": "deviation", "i": "income", "k": "cost", "n": "net",
                 "p": "forecast"}
_LEGEND = re.compile(r"\b([A-ZÅÄÖ])\s*=\s*([A-Za-zåäöÅÄÖ]+)")


def legend(text: str) -> dict[str, str]:
    """The measures a legend line names for its letters: ``"U = utfall, B = budget"`` → ``{"u": "outcome",
    "b": "budget"}`` (empty when the line is no legend of measures)."""
    out = {}
    for letter, word in _LEGEND.findall(text):
        m = measure_of(word)
        if m:
            out[letter.lower()] = m
    return out if len(out) >= 2 else {}


def abbreviation(word: str, letters: dict[str, str] | None = None) -> str | None:
    """The measure a one-letter column header stands for (``"U"`` → outcome), by the report's legend when
    it has one, else by the usual letters."""
    w = word.strip(".:").lower()
    if len(w) != 1 or not word.strip(".:").isupper():
        return None
    return (letters or ABBREVIATIONS).get(w)


# columns named by place: the figure of the municipality beside the county's and the country's
PLACES = {"kommunen", "kommun", "länet", "län", "riket", "regionen", "region", "sverige", "landet", "kommungruppen",
          "jämförbara", "liknande", "kommuner", "snitt", "genomsnitt", "medel", "medelvärde", "median", "kkv"}
# whole words broken over lines ("Progno" / "s")
_BROKEN_STEMS = ("prognos", "avvikelse", "budget", "utfall", "kostnader", "intäkter", "bokslut", "förändring",
                 "budgetavvikelse", "nettokostnad", "resultat", "årsprognos", "helårsprognos")
PREVIOUS_YEAR = re.compile(r"\b(?:fg|föregående)\b", re.IGNORECASE)
# "Utfall perioden jämfört med samma period föregående år": the change, whatever measure word it holds
_AGAINST_LAST_YEAR = re.compile(r"jämfört\s+med\s+(?:samma\s+period\s+)?(?:föregående|fg)\s+år", re.IGNORECASE)
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
# the Swedish names of the measures, as pages and messages print them
MEASURE_LABELS_SV = {"outcome": "Utfall", "budget": "Budget", "deviation": "Avvikelse", "forecast": "Prognos",
                     "previous_forecast": "Tidigare prognos", "income": "Intäkter", "cost": "Kostnader",
                     "net": "Netto", "change": "Förändring", "target": "Målvärde", "value": "Värde",
                     "surplus": "Avvikelse mot budget", "baseline": "Utgångsläge", "county": "Länet",
                     "country": "Riket"}


def norm(word: str) -> str:
    return word.strip(",.:;()*").lower()


def _has_stem(w: str, stem: str) -> bool:
    if stem == "resultat":      # "Resultat", "Utfall/resultat" — not a table's name ("Resultaträkning")
        return w == stem or w.startswith(stem + "/") or w.endswith("/" + stem)
    return w.startswith(stem) if stem in _PREFIX_ONLY else stem in w


# names of tables and processes built on a measure word ("Budgetuppföljning", "Driftsbudgetramar"): no column
_TABLE_NOUNS = ("uppföljning", "redovisning", "rapport", "översikt", "sammanställning", "analys", "ramar", "process",
                "arbete", "fördelning")


def is_measure_word(word: str) -> bool:
    w = norm(word)
    return (any(_has_stem(w, stem) for stem, _ in _MEASURE_STEMS) and len(w) <= 24
            and not any(noun in w for noun in _TABLE_NOUNS))


def is_vocab(word: str) -> bool:
    """A word a column header is made of: a measure, a year, a unit or a filler."""
    w = word.strip(",.:;*").lower()
    hyphen = w.endswith("-")
    w = w.rstrip("-")
    if len(w) >= (3 if hyphen else 4) and any(stem.startswith(w) for stem in _BROKEN_STEMS):
        return True        # a header word broken over lines ("Progno" / "s", "Bok-" / "slut")
    return (is_measure_word(word) or bool(YEARISH.match(w)) or w in FILLER or norm(word) in FILLER
            or norm(word) in PLACES)


def header_score(texts: list[str]) -> tuple[int, float]:
    """(measure-or-year words, share of vocabulary words) of a line's words."""
    if not texts:
        return 0, 0.0
    strong = sum(1 for t in texts if is_measure_word(t) or YEAR.match(norm(t)) or norm(t) in PLACES)
    share = sum(1 for t in texts if is_vocab(t)) / len(texts)
    return strong, share


def is_strong_header(texts: list[str]) -> bool:
    strong, share = header_score(texts)
    return strong >= 2 and share >= 0.5 and not texts[-1].endswith(".")


def measure_of(text: str) -> str | None:
    """The measure a cell's (or a group's) words name, or None."""
    if _AGAINST_LAST_YEAR.search(text):
        return "change"
    words = [norm(w) for w in text.split()]
    if any(_YEAR_PAIR.match(w) for w in words):
        return "change"             # "Bokslut 2020/2019": this year against the last
    found = {m for stem, m in _MEASURE_STEMS for w in words if _has_stem(w, stem)}
    if not found:
        return None
    for stem, m in _MEASURE_STEMS:
        if m in found:
            return m
    return None


def measures_named(text: str) -> set[str]:
    """Every measure a cell's words name ("Avvikelse mot budget" → deviation and budget)."""
    return {m for stem, m in _MEASURE_STEMS for w in text.split() if _has_stem(norm(w), stem)}


def year_of(text: str) -> int | None:
    """The first year a cell's words name (a date's year too: ``2023-12-31`` → 2023; a pair's later year)."""
    for w in text.split():
        w = norm(w)
        if YEAR.match(w):
            return int(w)
        m = DATE.match(w)
        if m:
            return int(m.group(1))
        pair = year_pair(w)
        if pair:
            return pair[0]
    return None


def year_pair(text: str) -> tuple[int, int] | None:
    """``"2020/2019"`` → ``(2020, 2019)``: the later and the earlier year of a change column."""
    for w in text.split():
        m = _YEAR_PAIR.match(norm(w))
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            return (a, b) if a > b else (b, a)
    return None


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
        elif w.isalpha() and w.islower() and len(w) <= 6 and not is_vocab(w) and is_measure_word(out.split()[-1]) \
                and is_measure_word(out.split()[-1] + w):
            out += w                # a measure's stem and the rest of its word on the next line ("Avvik" / "else")
        else:
            out += " " + w
    return out


_PERIOD = re.compile(r"\b(?:t(?P<t>[1-3])|q(?P<q>[1-4])|kv(?P<kv>[1-4])|tertial\s*(?P<tn>[1-3]))\b", re.IGNORECASE)


def breaks(word: str) -> bool:
    """A header word broken at a line's end: hyphenated ("Avvik-") or the start of a measure word ("Progno")."""
    w = word.strip(",.:;*")
    return w.endswith("-") or (is_vocab(w) and not is_measure_word(w) and not YEARISH.match(w.lower())
                               and any(stem.startswith(w.lower()) and stem != w.lower() for stem in _BROKEN_STEMS))


def rejoin(words: list[str]) -> list[str]:
    """Header words in reading order with words broken over lines joined again: ``["Prog-", "nos"]`` →
    ``["Prognos"]``, ``["Progno", "s"]`` → ``["Prognos"]`` (a real hyphen before a capital stays: "IT-")."""
    out: list[str] = []
    for w in words:
        if out and w[:1].islower() and w.isalpha() and (breaks(out[-1]) or not is_vocab(w)):
            joined = out[-1].rstrip("-") + w
            # "Prog-" / "nos", "Progno" / "s", and a measure's stem with the rest of its word ("Avvik" / "else")
            if out[-1].endswith("-") or is_measure_word(joined) and (breaks(out[-1]) or len(w) <= 6):
                out[-1] = joined
                continue
        out.append(w)
    return out


def month_of(text: str) -> int:
    """The month a header's period ends in (0-based), -1 if none: ``"Prognos aug"`` → 7, ``"Prognos T2"``
    (the second tertial) → 7, ``"Prognos Q1"`` → 2."""
    low = text.lower()
    m = _PERIOD.search(low)
    if m:
        if m.group("t") or m.group("tn"):
            return 4 * int(m.group("t") or m.group("tn")) - 1
        return 3 * int(m.group("q") or m.group("kv")) - 1
    return max((i for i, mo in enumerate(MONTHS) if re.search(rf"\b{mo}", low)), default=-1)
