"""Colours of status symbols: their Swedish names, RGB → name, symbol glyphs, and a report's own legend.

A report that marks goal fulfilment with coloured symbols explains them in a legend, in words
("Grön = uppfyllt", "Grönt: målet är uppfyllt", "Röd – ej uppfyllt") or drawn ("● Uppfyllt  ● Delvis
uppfyllt", each ● a filled shape in its colour: :attr:`kslib.read.source.Line.symbols`).  :func:`legend`
reads it into colour → status (the codes of :mod:`kslib.statuses`) with the page it stands on.  A colour
is no status by itself: without the report's legend a caller says only "grön symbol".

:func:`colour_name` names an RGB colour by hue and lightness, not by one report's exact values: the
greens of traffic lights (#00A000, #4CAF50, #92D050) are all ``grön``.
"""
from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass
from typing import Iterable

from kslib.statuses import status_from_words

COLOURS = ("grön", "gul", "orange", "röd", "blå", "grå", "svart", "vit")
ACHROMATIC = ("grå", "svart", "vit")        # a symbol of these tells nothing by its colour, unless a legend says so
CHROMATIC = tuple(c for c in COLOURS if c not in ACHROMATIC)

# hue ranges (degrees, upper bound exclusive) of the chromatic names; red wraps round
_HUES = ((15, "röd"), (40, "orange"), (70, "gul"), (170, "grön"), (300, "blå"), (360, "röd"))
CHROMA_MIN = 0.12        # max - min of r, g, b (0-1) below this is grey, black or white
DARK = 0.2               # lightness below this (achromatic) is black ...
LIGHT = 0.9              # ... and above this white

# --------------------------------------------------------------------------- glyphs

# characters a PDF draws as status symbols in the text layer: geometric shapes, arrows, check marks,
# stars, coloured emoji and the private-use glyphs of symbol fonts (Wingdings "l" is U+F06C ●); the
# list bullets "•" and Symbol's U+F0B7 are punctuation, not symbols
SYMBOL_GLYPH = re.compile(
    "[\u2190-\u21ff\u25a0-\u25ff\u2605\u2606\u2713-\u2718\u2794-\u27bf\u2b05-\u2b07\u2b1b\u2b1c\u2b24\u2b55"
    "\u26aa\u26ab\u2705\u274c\u274e\U0001f534-\U0001f53d\U0001f7e0-\U0001f7eb\uf021-\uf0b6\uf0b8-\uf0ff]")
# emoji carry their colour in the glyph (a colour font), whatever fill the PDF sets
EMOJI_COLOURS = {
    "🟢": "grön", "🟩": "grön", "✅": "grön", "🟡": "gul", "🟨": "gul", "🟠": "orange", "🟧": "orange",
    "🔴": "röd", "🟥": "röd", "❌": "röd", "🔵": "blå", "🟦": "blå", "⚫": "svart", "⚪": "vit",
}


def colour_name(r: float, g: float, b: float) -> str:
    """The Swedish name of an RGB colour (components 0-255): ``(146, 208, 80)`` → ``"grön"``.

    Low chroma is ``svart``, ``grå`` or ``vit`` by lightness; otherwise the hue decides
    (red below 15°, orange to 40°, yellow to 70°, green to 170°, blue to 300°, then red again).
    """
    hi, lo = max(r, g, b) / 255.0, min(r, g, b) / 255.0
    if hi - lo < CHROMA_MIN:
        lightness = (hi + lo) / 2
        return "svart" if lightness < DARK else "vit" if lightness > LIGHT else "grå"
    hue = colorsys.rgb_to_hls(r / 255.0, g / 255.0, b / 255.0)[0] * 360.0
    return next(name for bound, name in _HUES if hue < bound)


def glyph_colour(char: str, rgb: tuple[float, float, float]) -> str:
    """The colour of a symbol glyph: an emoji's own colour, else its fill's name."""
    return EMOJI_COLOURS.get(char) or colour_name(*rgb)


# --------------------------------------------------------------------------- colour and status words

_COLOUR_WORDS = {"grön": r"gröna?|grönt", "gul": r"gula?|gult", "orange": r"orangea?|orangefärgad\w*",
                 "röd": r"röda?|rött", "blå": r"blåa?|blått", "grå": r"gråa?|grått", "svart": r"svarta?",
                 "vit": r"vita?|vitt"}
_WORD_TO_COLOUR = [(re.compile(rf"^(?:{rx})$", re.I), name) for name, rx in _COLOUR_WORDS.items()]
_ANY_COLOUR = "|".join(rx for rx in _COLOUR_WORDS.values())
_SHAPE_NOUN = (r"(?:\s+(?:symbol|cirkel|cirklar|prick|punkt|fyrkant|ruta|kvadrat|pil|markering|färg|signal|"
               r"lampa|ljus|triangel|smiley|fält))?")
# "Grön = uppfyllt", "Grönt: målet är uppfyllt", "Röd pil – ej uppfyllt", "Gul betyder delvis uppfyllt"
_COLOUR_KEY = re.compile(rf"(?<![\wåäöÅÄÖ])(?P<colour>{_ANY_COLOUR}){_SHAPE_NOUN}\s*"
                         rf"(?:[=:–—-]|\s(?:betyder|innebär|anger|visar|står\s+för)(?:\s+att)?)\s*", re.I)
# words a legend may stand under ("Teckenförklaring:", "Färgerna betyder:")
_LEGEND_LEAD = re.compile(rf"^\s*(?:[\wåäöÅÄÖ-]+\s+){{0,3}}[\wåäöÅÄÖ-]*\s*:\s*$"
                          rf"|^\s*(?:[•*–-]|{SYMBOL_GLYPH.pattern})?\s*$")
# words around a status that say nothing of it: "målet är delvis uppfyllt", "har uppnåtts", "bedöms vara"
_SUBJECT = re.compile(r"^(?:målet|målen|delmålet|delmålen|uppdraget|uppdragen|aktiviteten|aktiviteterna|"
                      r"indikatorn|indikatorerna|resultatet)\s+", re.I)
_AUXILIARY = re.compile(r"\b(?:är|har|blir|blev|bedöms|anses|vara|bli|helt)\s+", re.I)
_PERFECT = re.compile(r"\b(?:uppnåtts|nåtts|uppnåddes)\b", re.I)
_FULFILLED = re.compile(r"\buppfyllts\b", re.I)
STATUS_WORDS_MAX = 6     # a legend's status words are short


def colour_of_word(word: str) -> str | None:
    """``"Grönt"`` → ``"grön"``; None for a word that names no colour."""
    w = word.strip(" .,:;()")
    return next((name for rx, name in _WORD_TO_COLOUR if rx.match(w)), None)


def colour_of_symbol(text: str) -> str | None:
    """The colour a symbol printed as text names: an emoji's own (``"🟢"`` → ``"grön"``) or a colour word
    (``"(Grön)"`` → ``"grön"``); None for a symbol without one ("●" in a text layer)."""
    t = text.strip().strip("()")
    return EMOJI_COLOURS.get(t) or colour_of_word(t)


def status_of_phrase(words: str, *, whole: bool = False) -> str | None:
    """The status a legend's words state: ``"målet är uppfyllt"`` → ``"met"``; None where none.

    The subject ("målet"), auxiliaries ("är", "har", "bedöms vara", "helt") and a closing parenthesis
    ("(90–100 %)") are dropped and the perfect forms ("har uppnåtts", "har uppfyllts") read as their
    participles; then :func:`kslib.statuses.status_from_words` reads the whole, else (unless ``whole``)
    the longest run of words within it that is a status (of at most ``STATUS_WORDS_MAX`` words).
    """
    text = re.sub(r"\s*\([^()]*\)\s*$", "", re.sub(r"\s+", " ", words)).strip(" .,;:=–—-")
    text = _AUXILIARY.sub("", _SUBJECT.sub("", text))
    text = _FULFILLED.sub("uppfyllt", _PERFECT.sub("uppnått", text))
    tokens = text.split()
    if whole:
        return status_from_words(text) if tokens else None
    if not tokens or len(tokens) > STATUS_WORDS_MAX:
        return None
    for size in range(len(tokens), 0, -1):
        for start in range(len(tokens) - size + 1):
            status = status_from_words(" ".join(tokens[start:start + size]))
            if status:
                return status
    return None


# --------------------------------------------------------------------------- the legend

@dataclass(frozen=True)
class LegendEntry:
    """One colour of a report's legend: its status, and the page and line it is explained on."""

    colour: str
    status: str
    page: int | None
    line: int                   # Line.number
    drawn: bool                 # a drawn symbol before status words (else colour words)


@dataclass(frozen=True)
class Legend:
    """A report's key to its coloured symbols: colour → status, first explanation of each colour.

    A colour explained with two different statuses is ``ambiguous`` and maps to nothing.
    """

    entries: tuple[LegendEntry, ...] = ()
    ambiguous: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.entries)

    def entry(self, colour: str) -> LegendEntry | None:
        """The explanation of ``colour``, or None."""
        return next((e for e in self.entries if e.colour == colour), None)

    def status(self, colour: str) -> str | None:
        """The status ``colour`` stands for (``"grön"`` → ``"met"``), or None."""
        e = self.entry(colour)
        return e.status if e else None

    def page(self, colour: str) -> int | None:
        """The page the legend explains ``colour`` on, for citing."""
        e = self.entry(colour)
        return e.page if e else None

    @property
    def mapping(self) -> dict[str, str]:
        """colour → status."""
        return {e.colour: e.status for e in self.entries}


def legend(lines: Iterable) -> Legend:
    """The report's legend of colours, from its lines (:class:`~kslib.read.source.Line` s).

    Read are colour words before status words (:func:`text_pairs`) and drawn symbols each just
    left of status words (:func:`drawn_pairs`).  A colour explained twice with the same status
    keeps its first explanation; with different statuses it is ambiguous.
    """
    found: dict[str, LegendEntry] = {}
    statuses: dict[str, set[str]] = {}
    for line in lines:
        pairs = [(c, s, False) for c, s in text_pairs(line.text)]
        pairs += [(c, s, True) for c, s in drawn_pairs(line)]
        for colour, status, drawn in pairs:
            statuses.setdefault(colour, set()).add(status)
            found.setdefault(colour, LegendEntry(colour, status, getattr(line, "page", None),
                                                 getattr(line, "number", 0), drawn))
    ambiguous = frozenset(c for c, st in statuses.items() if len(st) > 1)
    return Legend(tuple(e for c, e in found.items() if c not in ambiguous), ambiguous)


def text_pairs(text: str) -> list[tuple[str, str]]:
    """(colour, status) of a legend written in words: ``"Grön = uppfyllt, gul = delvis uppfyllt"``.

    The first colour word starts the line (after a lead such as ``"Teckenförklaring:"`` or a
    bullet), each next one follows the words of the one before; every colour must be followed
    by status words, else the line is no legend (a goal's own assessment "Bedömning: grön …"
    is none).
    """
    marks = list(_COLOUR_KEY.finditer(text))
    if not marks or not _LEGEND_LEAD.match(text[:marks[0].start()] or " "):
        return []
    pairs = []
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        status = status_of_phrase(text[m.end():end].strip(" ,;."))
        colour = colour_of_word(m.group("colour"))
        if status is None or colour is None:
            return []
        pairs.append((colour, status))
    return pairs


def drawn_pairs(line) -> list[tuple[str, str]]:
    """(colour, status) of a legend drawn on ``line``: each symbol (``line.symbols``) just left of
    status words, up to the next symbol: ``"● Uppfyllt  ● Delvis uppfyllt  ● Ej uppfyllt"``.

    Every symbol of the line must be followed by words that are a status and nothing more (leading
    "målet är" aside); words before the first symbol may only be a lead (``"Teckenförklaring:"``).
    The symbol's own glyph ("●" in the text layer) is no word of it.
    """
    symbols = sorted(getattr(line, "symbols", ()) or (), key=lambda s: s.x0)
    words = getattr(line, "words", None)
    if not symbols or not words:
        return []
    glyph = [_covers(w, symbols) or bool(SYMBOL_GLYPH.fullmatch(w.text)) for w in words]
    lead = [w.text for w, g in zip(words, glyph) if not g and w.x1 <= symbols[0].x0 + 0.5]
    if lead and not _LEGEND_LEAD.match(" ".join(lead)):
        return []
    pairs = []
    for k, s in enumerate(symbols):
        stop = symbols[k + 1].x0 if k + 1 < len(symbols) else float("inf")
        own = [w for w, g in zip(words, glyph) if not g and s.x1 - 0.5 <= w.x0 < stop]
        if not own or own[0].x0 - s.x1 > max(3 * (s.bottom - s.top), 12.0):
            return []
        status = status_of_phrase(" ".join(w.text for w in own), whole=True)
        if status is None:
            return []
        pairs.append((s.colour, status))
    return pairs


def _covers(word, symbols) -> bool:
    """Is ``word`` the glyph of one of ``symbols`` (it stands where the symbol is)?"""
    return any(word.x0 < s.x1 - 0.1 and word.x1 > s.x0 + 0.1 for s in symbols)
