"""Swedish number words: ``"två"`` → 2, ``"Sex"`` → 6, ``"12"`` → 12.

Annual reports state counts in words ("två av målen uppfylls", "sex av
delmålen ...").  :func:`parse_count` reads the cardinal words up to
"tjugo", a few common compounds ("tjugoen", "tjugotvå"), the round tens up to
"hundra", and plain digits.  Anything else is ``None``, never a guess.
"""
from __future__ import annotations

import re

_UNITS = {
    "noll": 0, "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "aderton": 18, "nitton": 19,
}
_TENS = {
    "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70,
    "åttio": 80, "nittio": 90,
}
_SMALL = {k: v for k, v in _UNITS.items() if 1 <= v <= 9}

NUMBER_WORDS: dict[str, int] = {**_UNITS, **_TENS, "hundra": 100, "etthundra": 100}
for _ten, _tv in _TENS.items():
    for _unit, _uv in _SMALL.items():
        NUMBER_WORDS.setdefault(_ten + _unit, _tv + _uv)

# A regex alternative matching any number word or digits (longest first), for prose patterns.
COUNT_PATTERN = r"(?:\d+|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + r")"


def parse_count(word: str | None) -> int | None:
    """A count written as a Swedish word or as digits, else ``None``.

    >>> parse_count("två"), parse_count("Ett"), parse_count("12"), parse_count("tjugo"), parse_count("många")
    (2, 1, 12, 20, None)
    """
    if word is None:
        return None
    w = str(word).strip().strip(".,:;()").lower()
    if not w:
        return None
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)
