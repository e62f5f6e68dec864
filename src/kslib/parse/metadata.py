"""The report's front matter: board, chair, head, net cost, FTEs, cost per inhabitant, year."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass

from kslib.parse.numbers import parse_numeral
from kslib.read.source import Source

_FIELDS = {
    "chair": re.compile(r"^\s*Ordförande\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
    "head": re.compile(r"^\s*(?:Förvaltningschef|Kommundirektör|Verksamhetschef|Sektorschef)\s*:?\s*(?P<v>.+?)\s*$",
                       re.IGNORECASE),
    "net_cost": re.compile(r"^\s*Nettokostnad(?:\s+totalt)?\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
    "fte": re.compile(r"^\s*Antal\s+årsarbetare\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
    "cost_per_inhabitant": re.compile(r"^\s*Kostnad\s+per\s+invånare\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
}
_BOARD = re.compile(r"^\s*(?P<v>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:nämnd(?:en)?|styrelse(?:n)?)(?:\s+\w+)?)\s*$")
_MUNICIPALITY = re.compile(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?s?) (kommun|stad)\b")
_PARTY = re.compile(r"^(?P<name>.+?)\s*\((?P<party>[^)]{1,6})\)$")
_YEAR_IN_HEADER = re.compile(r"((?:19|20)\d\d)")
_HEAD_LINES = 40   # the front matter sits on the first lines


@dataclass(frozen=True)
class Metadata:
    """Front matter of a board's annual report (None where the report does not say)."""

    municipality: str | None
    board: str | None
    year: int | None
    chair: str | None
    chair_party: str | None
    head: str | None
    net_cost_tkr: float | None
    fte: float | None
    cost_per_inhabitant_kr: float | None

    def to_dict(self) -> dict:
        return asdict(self)


def _amount(text: str, *, want_unit: str | None = None) -> float | None:
    """First figure in ``text`` (``"12 345 tkr"``, ``"78 årsarbetare"``), in ``want_unit`` if given."""
    m = re.search(r"-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|\d+(?:,\d+)?", text)
    if not m:
        return None
    num = parse_numeral(m.group(0))
    rest = text[m.end():].strip().lower()
    value = num.value
    if want_unit == "tkr" and rest.startswith(("mnkr", "mkr")):
        value *= 1000
    return value


def read_metadata(source: Source, *, fallback_year: int | None = None) -> Metadata:
    """Read the front matter from the first lines, the municipality and year from the whole text."""
    found: dict[str, str] = {}
    board = None
    for line in source.lines[:_HEAD_LINES]:
        if board is None:
            m = _BOARD.match(line.text)
            if m:
                board = m.group("v")
        for key, rx in _FIELDS.items():
            if key not in found:
                m = rx.match(line.text)
                if m:
                    found[key] = m.group("v")
    chair = party = None
    if "chair" in found:
        m = _PARTY.match(found["chair"])
        chair, party = (m.group("name"), m.group("party")) if m else (found["chair"], None)
    counts = Counter(f"{m.group(1)} {m.group(2)}" for m in _MUNICIPALITY.finditer(source.text))
    municipality = counts.most_common(1)[0][0] if counts else None
    return Metadata(
        municipality=municipality,
        board=board,
        year=_report_year(source) or fallback_year,
        chair=chair,
        chair_party=party,
        head=found.get("head"),
        net_cost_tkr=_amount(found["net_cost"], want_unit="tkr") if "net_cost" in found else None,
        fte=_amount(found["fte"]) if "fte" in found else None,
        cost_per_inhabitant_kr=_amount(found["cost_per_inhabitant"]) if "cost_per_inhabitant" in found else None,
    )


def _report_year(source: Source) -> int | None:
    """The year named by the running headers, else the most frequent 'Bokslut/Utfall YYYY'."""
    years = Counter()
    for line in source.furniture:
        m = _YEAR_IN_HEADER.search(line.text.replace(" ", ""))
        if m:
            years[int(m.group(1))] += 1
    if years:
        return years.most_common(1)[0][0]
    words = re.findall(r"(?:Bokslut|Utfall|Måluppfyllelse|Verksamhetsberättelse|Årsbokslut)\s*\n?\s*((?:19|20)\d\d)\b",
                       source.text, flags=re.IGNORECASE)
    if words:
        return max(int(y) for y in words)
    return None
