"""A status the report states for one record: in words, or as a symbol its own key explains.

One reading for every record kind, over the one status vocabulary (:mod:`kslib.statuses`):

* :func:`cell_status` — a status cell ("Delvis uppfyllt", "Avslutad. Återrapporterad i maj", "Godkänd,
  avslutas", "Bedömning: Ej uppfyllt"): the cell's words, or their head before the first full stop, colon,
  comma or dash; or a symbol alone (or first) that the key explains;
* :func:`line_status` — a line that is only a status (four words at most, "Bedömning:" allowed before);
* :func:`trailing_status` — a status at the end of a title: "… (Uppfyllt)", "… – Delvis uppfyllt",
  "… 🟢".

Each gives a :class:`Stated` (status, basis ``text`` or ``symbol``, the words as printed) or None — never a
status from the tone of a comment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kslib.statuses import SYMBOL_AT_END, is_symbol, status_from_symbol, status_from_words
from kslib.text import squeeze
from kslib.vocab.goals import ASSESSED

_HEAD = re.compile(r"[.;:,](?:\s|$)|\s[–—-]\s")
_TRAILING = re.compile(r"\s*(?:\(([^()]+)\)|\s[–—-]\s*([^–—-]+)|:\s*([^:]+))\s*$")
_LONGEST_LINE = 4       # words of a line that is only a status


@dataclass(frozen=True)
class Stated:
    """A status as the report states it: code, basis (``text`` or ``symbol``), the words as printed."""

    status: str
    basis: str
    words: str
    line: int | None = None

    def at(self, line: int | None) -> "Stated":
        return Stated(self.status, self.basis, self.words, line)


def cell_status(text: str, key: dict[str, str | None], *, head: bool = True) -> Stated | None:
    """The status a status cell states (see the module doc); ``head=False``: its whole words only."""
    t = squeeze(text)
    m = ASSESSED.match(t)
    if m and m.group(1):
        t = m.group(1).strip()
    if not t:
        return None
    code = status_from_words(t)
    if code is not None:
        return Stated(code, "text", t)
    if head and (cut := _HEAD.search(t)) is not None:
        first = t[:cut.start()].strip()
        if first and (code := status_from_words(first)) is not None:
            return Stated(code, "text", first)
    symbol = t if is_symbol(t) else t.split(" ", 1)[0]
    if is_symbol(symbol) and (code := status_from_symbol(symbol, key)) is not None:
        return Stated(code, "symbol", symbol)
    return None


def line_status(text: str, key: dict[str, str | None]) -> Stated | None:
    """A line that is only a status ("Delvis uppfyllt", "Bedömning: Ej uppfyllt", "Bedömning: 🟢"); the
    words kept as printed."""
    t = text.strip()
    m = ASSESSED.match(t)
    words = m.group(1) if m else t
    if len(words.split()) > _LONGEST_LINE:
        return None
    stated = cell_status(words, key, head=False) if words else None
    return Stated(stated.status, stated.basis, t) if stated else None


def trailing_status(text: str, key: dict[str, str | None]) -> tuple[str, Stated | None]:
    """A title without the status stated at its end, and that status; the text unchanged where none is."""
    m = SYMBOL_AT_END.search(text)
    if m and text[:m.start()].strip():
        code = status_from_symbol(m.group(1), key)
        if code is not None:
            return text[:m.start()].rstrip(), Stated(code, "symbol", m.group(1))
        return text, None
    t = _TRAILING.search(text)
    if t and text[:t.start()].strip():
        words = next(g for g in t.groups() if g)
        code = status_from_words(words)
        if code is not None:
            return text[:t.start()].rstrip(), Stated(code, "text", t.group(0).strip(" –—-:"))
    return text, None
