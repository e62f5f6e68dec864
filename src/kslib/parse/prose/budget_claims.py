"""Claims in the prose about a budget deviation: "överskott med 336 tkr", "överskrider med 1,5 mnkr".

The programme-area commentary follows the driftredovisning: each area's text
starts with a heading made of its code and name ("104 <name>").  A sentence
with a deviation word (överskott, plusresultat, underskott, överskrider,
mindre överskridande, ...) and an amount is a claim about that area's row when
it names the area ("Programområdet ...", the area's name) or opens the
section; other amounts in the section (a unit's or a sub-budget's result) are
kept as ``part`` claims, which cannot be checked against the table.  Outside
the sections, "Kommunstyrelsens verksamhet får totalt ett överskott på N tkr"
is a claim about the table's total row.

Rows are matched by the code in the heading, else by name as read from the
table; nothing about a particular year's rows is known here.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import parse_number
from kslib.read.source import Line, Source
from kslib.parse.prose.paragraphs import Paragraph, Sentence, paragraphs


# deviation word -> +1 (better than budget: surplus) or -1 (worse: deficit)
_WORDS = [
    (r"överskott\w*", 1),
    (r"plusresultat\w*", 1),
    (r"positiv[at]?\s+(?:budget)?(?:avvikelse|resultat)\w*", 1),
    (r"underskrid\w*", 1),
    (r"underskott\w*", -1),
    (r"minusresultat\w*", -1),
    (r"negativ[at]?\s+(?:budget)?(?:avvikelse|resultat)\w*", -1),
    (r"(?:mindre\s+|större\s+)?överskrid\w*", -1),
    (r"överskreds", -1),
]
_WORD = re.compile("|".join(f"(?P<w{k}>\\b{p})" for k, (p, _) in enumerate(_WORDS)), re.IGNORECASE)
_AMOUNT = re.compile(
    r"(?<![\d,])(?P<num>[-−]?\s?\d{1,3}(?:[ ]\d{3})+(?:,\d+)?|[-−]?\d+(?:,\d+)?)\s*"
    r"(?P<unit>tkr|mnkr|mkr|msek|miljoner\s+kronor|miljoner|mn|tusen\s+kronor|kronor|kr)(?![\wåäö])",
    re.IGNORECASE)
_UNIT_TKR = {"tkr": ("tkr", 1.0), "tusen kronor": ("tkr", 1.0), "mnkr": ("mnkr", 1000.0), "mkr": ("mnkr", 1000.0),
             "msek": ("mnkr", 1000.0), "miljoner kronor": ("mnkr", 1000.0), "miljoner": ("mnkr", 1000.0),
             "mn": ("mnkr", 1000.0), "kronor": ("kr", 0.001), "kr": ("kr", 0.001)}
_PROGRAMME = re.compile(r"programområde", re.IGNORECASE)
_BOARD = re.compile(r"kommunstyrelse|nämnde?n|styrelsens|förvaltningen|verksamhet", re.IGNORECASE)
_TOTAL_WORD = re.compile(r"\btotalt?\b|\bsammantaget\b|\bsammanlagt\b", re.IGNORECASE)
_ROUNDING_SLACK_TKR = 2.0


@dataclass(frozen=True)
class Claim:
    """One deviation claim: direction and size as the prose states them."""

    target: str                  # "row", "total" or "part"
    row_code: str | None
    row_label: str | None
    direction: int               # +1 surplus, -1 deficit
    amount: float                # as printed, in ``unit``
    unit: str                    # tkr, mnkr, kr
    decimals: int
    phrase: str                  # the deviation word to the amount, as printed
    sentence: Sentence
    line: Line                   # the line where the deviation word stands

    @property
    def surplus_tkr(self) -> float:
        """Signed claim in tkr: positive = better than budget."""
        return self.direction * abs(self.amount) * _UNIT_TKR.get(self.unit, (self.unit, 1.0))[1]

    @property
    def tolerance_tkr(self) -> float:
        """Half a unit of the last printed digit, plus the tables' own rounding (±2 tkr)."""
        scale = {"tkr": 1.0, "mnkr": 1000.0, "kr": 0.001}.get(self.unit, 1.0)
        return 0.5 * 10 ** -self.decimals * scale + _ROUNDING_SLACK_TKR if self.unit != "tkr" else _ROUNDING_SLACK_TKR


def _direction(m: re.Match) -> int:
    for k, (_, sign) in enumerate(_WORDS):
        if m.group(f"w{k}"):
            return sign
    return 0


def claims_in(sentence: Sentence) -> list[tuple[int, re.Match, re.Match]]:
    """(direction, word match, amount match) for each deviation word followed by its amount."""
    text = sentence.text
    words = list(_WORD.finditer(text))
    out = []
    for k, w in enumerate(words):
        stop = words[k + 1].start() if k + 1 < len(words) else len(text)
        amount = _AMOUNT.search(text, w.end(), stop)
        if amount is None:
            continue
        out.append((_direction(w), w, amount))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


class _RowIndex:
    """The table's non-total rows, looked up by code, then by a close enough name."""

    def __init__(self, rows: pd.DataFrame):
        self.body = rows[rows["kind"] != "total"].reset_index(drop=True)
        self.codes = [None if pd.isna(c) else str(c) for c in self.body["row_code"]]
        self.labels = [_norm(x) for x in self.body["row_label"]]

    def match(self, code: str, name: str) -> pd.Series | None:
        if code and self.codes.count(code) == 1:
            return self.body.iloc[self.codes.index(code)]
        close = difflib.get_close_matches(_norm(name), self.labels, n=1, cutoff=0.85)
        return self.body.iloc[self.labels.index(close[0])] if close else None


def _sections(paras: list[Paragraph], rows: pd.DataFrame) -> list[tuple[pd.Series | None, str, list[Paragraph]]]:
    """Runs of paragraphs: (matched row or None, heading name, paragraphs); a run starts at a
    code heading that matches a row and ends at the next heading."""
    out: list[tuple[pd.Series | None, str, list[Paragraph]]] = [(None, "", [])]
    index = _RowIndex(rows)
    for p in paras:
        if p.heading:
            row, name = None, ""
            if p.code_heading:
                row = index.match(*p.code_heading)
                name = p.code_heading[1]
            else:       # a heading with the area's name only
                row = index.match("", p.text.strip())
                name = p.text.strip() if row is not None else ""
            out.append((row, name, []))
            continue
        out[-1][2].append(p)
    return out


def read_budget_claims(source: Source, rows: pd.DataFrame, *,
                       warnings: list[ParseWarning] | None = None) -> list[Claim]:
    """Every deviation claim in the prose, attributed to a driftredovisning row, the total, or a part.

    ``rows`` holds the table's rows: columns ``row_code``, ``row_label`` and ``kind`` (row/total),
    e.g. the tidy driftredovisning frame.
    """
    warn = warnings if warnings is not None else []
    if rows is None or rows.empty:
        return []
    rows = rows.drop_duplicates(["row_code", "row_label", "kind"])
    totals = rows[rows["kind"] == "total"]
    total_label = totals["row_label"].iloc[0] if len(totals) else None
    claims: list[Claim] = []
    for row, heading, paras in _sections(paragraphs(source), rows):
        first = True
        for para in paras:
            for sentence in para.sentences:
                for direction, word, amount in claims_in(sentence):
                    target, code, label = _attribute(sentence, row, heading, first, total_label)
                    if target is None:
                        continue
                    num = amount.group("num").replace("−", "-").replace(" ", "")
                    unit_raw = re.sub(r"\s+", " ", amount.group("unit").lower())
                    unit = _UNIT_TKR[unit_raw][0]
                    value = parse_number(num)
                    decimals = len(num.split(",")[1]) if "," in num else 0
                    phrase = sentence.text[word.start():amount.end()]
                    claims.append(Claim(target, code, label, direction, value, unit, decimals, phrase,
                                        sentence, sentence.line_at(word.start())))
                first = False
    for c in claims:
        if c.target == "row" and c.unit == "kr":
            warn.append(ParseWarning("claim-unit", f"budget claim {c.phrase!r} is in kronor; read as {c.surplus_tkr} tkr",
                                     table="driftredovisning", row=c.row_label or "", line=c.line.number, page=c.line.page))
    return claims


def _attribute(sentence: Sentence, row: pd.Series | None, heading: str, first: bool, total_label: str | None):
    """("row" | "part" | "total" | None, row code, row label) for a claim in ``sentence``."""
    text = _norm(sentence.text)
    if row is not None:
        code = None if pd.isna(row["row_code"]) else str(row["row_code"])
        names = {n for n in (_norm(row["row_label"]), _norm(heading)) if n}
        if first or _PROGRAMME.search(text) or any(n in text for n in names):
            return "row", code, row["row_label"]
        return "part", code, row["row_label"]
    if total_label is not None and _TOTAL_WORD.search(text) and _BOARD.search(text):
        return "total", None, total_label
    return None, None, None
