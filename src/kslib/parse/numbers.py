"""Swedish numerals: single figures, and rows where columns and thousands share the space.

``parse_number("- 6 279")`` reads one figure.  A table row such as
``30 512 29 700 -812 28 400 2 112`` is harder: the space separates both the
thousands groups of a figure and the columns.  :func:`tokenize_row` cuts a row
into its label and numeric tokens, :func:`segmentations` lists every way the
tokens can form figures, and :func:`split_row` places them under the table's
columns (blank cells included) and picks the placement that satisfies the
table's accounting identities, or failing those, the most plausible one —
saying so, with the alternatives, so that nothing is a silent guess.
"""
from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from kslib.fmt import format_number
from kslib.read.source import normalise
from kslib.vocab.units import FIGURE_UNITS

MINUS_SIGNS = "-–—\u2212"
_SIGN = f"[{MINUS_SIGNS}+]"
# One numeric token: an opening parenthesis (a negative figure "(2 001)"), sign, digits, decimal part, footnote
# marks, percent, a closing parenthesis.
_TOKEN = re.compile(rf"^(?P<open>\()?(?P<sign>{_SIGN})?(?P<int>\d+)(?:,(?P<dec>\d+))?(?P<foot>\*+)?(?P<pct>%)?"
                    rf"(?P<close>\))?(?P<foot2>\*+)?$")
_SIGN_ONLY = re.compile(rf"^{_SIGN}$")
_NUMBER_TEXT = re.compile(
    rf"^\s*(?P<prel>prel\.?\s*)?(?P<open>\()?\s*(?P<sign>{_SIGN})?\s*(?P<body>\d{{1,3}}(?:[ ]\d{{3}})+|\d+)"
    r"(?:[,.](?P<dec>\d+))?\s*(?P<foot>\*+)?\s*(?P<unit>tkr|mnkr|mkr|kr|%|procent|st\.?)?\s*(?P<close>\))?"
    r"\s*(?P<foot2>\*+)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Numeral:
    """One figure as printed: its value and what was written around it."""

    value: float
    unit: str | None = None
    preliminary: bool = False
    footnote: str = ""
    decimals: int = 0


def parse_numeral(text: str) -> Numeral:
    """Read one Swedish figure with its decorations.

    >>> parse_numeral("prel. 1 234,5 tkr")
    Numeral(value=1234.5, unit='tkr', preliminary=True, footnote='', decimals=1)

    Raises ``ValueError`` when ``text`` is not a single figure.
    """
    m = _NUMBER_TEXT.match(normalise(text))
    if not m:
        raise ValueError(f"not a Swedish numeral: {text!r}")
    body = m.group("body").replace(" ", "")
    dec = m.group("dec") or ""
    value = float(f"{body}.{dec}") if dec else float(int(body))
    if bool(m.group("open")) != bool(m.group("close")):
        raise ValueError(f"not a Swedish numeral (unbalanced parenthesis): {text!r}")
    if (m.group("sign") and m.group("sign") != "+") or m.group("open"):
        value = -value
    unit = m.group("unit")
    return Numeral(
        value=value,
        unit=FIGURE_UNITS[unit.lower()] if unit else None,
        preliminary=bool(m.group("prel")),
        footnote=(m.group("foot") or "") + (m.group("foot2") or ""),
        decimals=len(dec),
    )


def parse_number(text: str) -> float:
    """Value of one Swedish figure: ``"12 345"``, ``"-1 631"``, ``"- 6 279"``, ``"5,2 %"``, ``"644*"``."""
    return parse_numeral(text).value


# --------------------------------------------------------------------------- tokens

@dataclass(frozen=True, slots=True)
class Token:
    """A numeric token of a row: ``-1``, ``631``, ``8,2``, ``644*``, ``5,2%``."""

    int_part: str
    dec_part: str = ""
    negative: bool = False
    signed: bool = False          # an explicit sign stood before it (it must start a figure)
    footnote: str = ""
    percent: bool = False
    gap_before: bool = False      # two or more spaces (a likely empty cell) stood before it
    note: str = ""                # a text cell ("Ej aktuellt", "ung 116 000"): a cell of its own, value NA
    whole: bool = False           # a complete figure (one figure per line): no thousands group joins it
    glued: bool = False           # digits of columns glued without a space: may hold several figures
    cut: bool = False             # a piece of a glued token after its first (a reading, not printed)
    opens: bool = False           # "(" before it: a negative figure in parentheses starts here
    shuts: bool = False           # ")" after it: the figure in parentheses ends here

    @property
    def can_start(self) -> bool:
        """A figure never starts with a leading zero (``042`` is a thousands group)."""
        return bool(self.note) or self.int_part == "0" or not self.int_part.startswith("0")

    @property
    def can_continue(self) -> bool:
        """Could this token be a thousands group of the figure before it?"""
        return (not self.signed and not self.note and not self.whole and not self.glued and not self.opens
                and len(self.int_part) == 3)

    @property
    def closes(self) -> bool:
        """Nothing can follow in the same figure after a decimal part, a footnote, ``%``, a note or a whole figure."""
        return bool(self.dec_part or self.footnote or self.percent or self.note or self.whole or self.shuts)

    @property
    def text(self) -> str:
        if self.note:
            return self.note
        sign = "-" if self.negative else ""
        dec = f",{self.dec_part}" if self.dec_part else ""
        return f"{sign}{self.int_part}{dec}{self.footnote}{'%' if self.percent else ''}"


def _is_numeric_word(word: str) -> bool:
    return bool(_TOKEN.match(word) or _SIGN_ONLY.match(word) or word == "%")


def tokenize_row(text: str) -> tuple[str, list[Token]]:
    """Split a row into its label and the numeric tokens at its end.

    ``"136 Arbetsmarknad 8 327 11 157"`` → ``("136 Arbetsmarknad", [8, 327, 11, 157])``.
    A lone minus (``- 6 279``) is joined to the token after it; a lone ``%`` to the one before.
    """
    text = normalise(text).rstrip()
    parts = re.split(r"( +)", text.strip())
    words, gaps = parts[0::2], [""] + parts[1::2]
    start = len(words)
    while start > 0 and _is_numeric_word(words[start - 1]):
        start -= 1
    # a lone sign right after the label is a dash in the label, unless a figure follows it
    label = " ".join(words[:start])
    tokens: list[Token] = []
    pending_sign: str | None = None
    pending_gap = False
    for word, gap in zip(words[start:], gaps[start:]):
        if _SIGN_ONLY.match(word):
            pending_sign, pending_gap = word, len(gap) >= 2 or (not tokens and bool(label) and len(gap) >= 2)
            continue
        if word == "%":
            if tokens:
                tokens[-1] = _replace(tokens[-1], percent=True)
            continue
        m = _TOKEN.match(word)
        assert m is not None
        tokens.append(_token(m, sign=m.group("sign") or pending_sign,
                             gap_before=(pending_gap if pending_sign else len(gap) >= 2)))
        pending_sign, pending_gap = None, False
    if pending_sign:  # a trailing dash means "no value"; keep it in the label side
        label = f"{label} {pending_sign}".strip()
    return label, tokens


def whole_token(text: str, *, glued: bool = False) -> Token:
    """One complete figure as a token (``"-1 844"``, ``"4,5%"``); ``glued`` when its digits may be
    several figures printed without a space between them.  Raises ``ValueError`` for no figure."""
    m = _TOKEN.match(re.sub(r"\s+", "", normalise(text)))
    if not m:
        raise ValueError(f"not one figure: {text!r}")
    return _token(m, sign=m.group("sign"), whole=not glued, glued=glued)


def _token(m: re.Match[str], *, sign: str | None, **flags) -> Token:
    """The token of a :data:`_TOKEN` match, ``sign`` its sign (or a lone sign printed before it)."""
    opens = bool(m.group("open"))
    return Token(int_part=m.group("int"), dec_part=m.group("dec") or "",
                 negative=(bool(sign) and sign != "+") or opens, signed=bool(sign) or opens,
                 footnote=(m.group("foot") or "") + (m.group("foot2") or ""), percent=bool(m.group("pct")),
                 opens=opens, shuts=bool(m.group("close")), **flags)


def _replace(tok: Token, **changes) -> Token:
    fields = {f: getattr(tok, f) for f in Token.__slots__}
    fields.update(changes)
    return Token(**fields)


# --------------------------------------------------------------------------- figures

_MAX_GROUPS = 4   # thousands groups after the head: figures up to 999 999 999 999 999

@dataclass(frozen=True, slots=True)
class Figure:
    """A figure assembled from one or more tokens."""

    value: float
    footnote: str = ""
    percent: bool = False
    decimals: int = 0
    first_token: int = 0
    gap_before: bool = False
    inner_gaps: int = 0      # double spaces inside the figure (unlikely: they mark columns)
    note: str = ""           # a text cell: value is NaN and stands as blank (NA) in identities
    cut: bool = False        # starts inside a glued run of digits (a reading, not a printed boundary)

    def __str__(self) -> str:
        if self.note:
            return repr(self.note)
        return format_number(self.value, decimals=self.decimals, group=" ", minus="-") + self.footnote


def _figure(tokens: Sequence[Token], first: int) -> Figure:
    if tokens[0].note:
        return Figure(math.nan, first_token=first, gap_before=tokens[0].gap_before, note=tokens[0].note)
    digits = "".join(t.int_part for t in tokens)
    dec = tokens[-1].dec_part
    value = float(f"{int(digits)}.{dec}") if dec else float(int(digits))
    if tokens[0].negative:
        value = -value
    inner = sum(t.gap_before for t in tokens[1:])
    return Figure(value, tokens[-1].footnote, tokens[-1].percent, len(dec), first, tokens[0].gap_before, inner,
                  cut=tokens[0].cut)


_MAX_CUT_READINGS = 4096


def _pieces(tok: Token, most: int) -> list[list[Token]]:
    """Readings of a glued token as 1..``most`` figures: its digits cut where no space stands.

    A piece never starts with a zero unless it is ``0``; the sign belongs to the first piece, the
    decimals, footnote and percent to the last.  Pieces after the first are marked as cuts; the last
    may still take a thousands group printed after it (``"Kommunstyrelse-1 844"``).
    """
    digits = tok.int_part
    out: list[list[Token]] = []

    def walk(start: int, acc: list[str]) -> None:
        if len(out) >= _MAX_CUT_READINGS:
            return
        if start == len(digits):
            out.append(list(acc))
            return
        if len(acc) >= most:
            return
        for end in range(start + 1, len(digits) + 1):
            piece = digits[start:end]
            if piece[0] == "0" and len(piece) > 1 and start > 0:
                break
            acc.append(piece)
            walk(end, acc)
            acc.pop()

    walk(0, [])
    readings = []
    for parts in out:
        toks = []
        for k, part in enumerate(parts):
            last = k == len(parts) - 1
            # every piece starts a figure; only the last may take a thousands group printed after a space
            toks.append(Token(part, tok.dec_part if last else "", tok.negative if k == 0 else False,
                              True, tok.footnote if last else "", tok.percent if last else False,
                              tok.gap_before if k == 0 else False, whole=not last, cut=k > 0))
        readings.append(toks)
    return readings


def _expand_glued(tokens: Sequence[Token], most: int) -> list[list[Token]]:
    """Every reading of the tokens with each glued token cut into figures (plain tokens as they are)."""
    seqs: list[list[Token]] = [[]]
    for tok in tokens:
        options = _pieces(tok, most) if tok.glued else [[tok]]
        seqs = [s + o for s in seqs for o in options if len(s) + len(o) <= max(most, len(tokens))]
        if len(seqs) > _MAX_CUT_READINGS:
            seqs = seqs[:_MAX_CUT_READINGS]
    return seqs


def segmentations(tokens: Sequence[Token], *, max_figures: int | None = None) -> list[tuple[Figure, ...]]:
    """Every way to read ``tokens`` as a sequence of figures (at most ``max_figures``).

    A glued token (columns printed without a space) is also read cut into several figures."""
    if any(t.glued for t in tokens):
        most = max_figures if max_figures is not None else sum(len(t.int_part) for t in tokens)
        out: list[tuple[Figure, ...]] = []
        for seq in _expand_glued(tokens, most):
            out.extend(_segmentations(seq, max_figures))
        return list(dict.fromkeys(out))
    return _segmentations(tokens, max_figures)


def _segmentations(tokens: Sequence[Token], max_figures: int | None) -> list[tuple[Figure, ...]]:
    n = len(tokens)
    out: list[tuple[Figure, ...]] = []

    def walk(i: int, acc: list[Figure]) -> None:
        if i == n:
            out.append(tuple(acc))
            return
        if max_figures is not None and len(acc) >= max_figures:
            return
        if not tokens[i].can_start:
            return
        j = i + 1
        while True:
            if tokens[i].opens == tokens[j - 1].shuts:     # a figure in parentheses opens and shuts in itself
                acc.append(_figure(tokens[i:j], i))
                walk(j, acc)
                acc.pop()
            # may the figure tokens[i:j] take tokens[j] as its next thousands group?
            if (j >= n or len(tokens[i].int_part) > 3 or tokens[i].int_part == "0" or j - i > _MAX_GROUPS
                    or tokens[j - 1].closes or not tokens[j].can_continue):
                break
            j += 1

    walk(0, [])
    return out


# --------------------------------------------------------------------------- splitting rows

Values = tuple[float | None, ...]
BLANK_BASE = 0.6            # cost of a blank cell in a base column (outcome, budget, a year)
BLANK_DERIVED = 0.3     # cost of a blank in a derived column (deviation, change): often left empty
_GAP_BONUS = 0.4        # a double space where the blank would stand
_DECISIVE = 0.5         # an identity-satisfying split must beat the runner-up by this much
_CUT = 1.0              # a cut inside glued digits: dearer than a blank, cheaper than a kept identity


@dataclass(frozen=True)
class Identity:
    """An accounting relation between a row's columns; ``residual`` is None when a cell is blank."""

    name: str
    residual: Callable[[Values], float | None]
    tolerance: float = 2.0


@dataclass(frozen=True)
class Split:
    """One placement of a row's figures under the table's columns."""

    values: Values
    figures: tuple[Figure | None, ...]
    satisfied: tuple[str, ...]
    violated: tuple[str, ...]
    cost: float
    approximate: tuple[str, ...] = ()   # satisfied only within rounding, not exactly

    def __str__(self) -> str:
        return " | ".join("(blank)" if f is None else str(f) for f in self.figures)


@dataclass(frozen=True)
class RowSplit:
    """The chosen split of a row, how it was decided, and the alternatives that were possible."""

    best: Split
    alternatives: tuple[Split, ...]
    decided_by: str          # "unique", "identity" or "plausibility"

    @property
    def ambiguous(self) -> bool:
        return self.decided_by == "plausibility" and bool(self.alternatives)


class SplitError(ValueError):
    """No placement of the tokens fits the columns."""


def _placements(n_figs: int, n_cols: int) -> Iterable[tuple[int, ...]]:
    return itertools.combinations(range(n_cols), n_figs)


def _spread(values: Sequence[float]) -> float:
    logs = [math.log10(abs(v) + 1.0) for v in values]
    return sum(abs(a - b) for a, b in zip(logs, logs[1:]))


def split_row(
    tokens: Sequence[Token],
    n_cols: int,
    *,
    identities: Sequence[Identity] = (),
    series: bool = False,
    blank_allowed: Sequence[bool] | None = None,
    blank_cost: Sequence[float] | None = None,
    max_alternatives: int = 3,
) -> RowSplit:
    """Place a row's tokens under ``n_cols`` columns.

    Every segmentation of the tokens into figures, placed in every order-keeping
    way (the rest of the columns blank), is scored: identities satisfied count
    for it, identities violated against it, blanks cost a little (less where the
    text left a double space), and for ``series`` rows (a figure per year) a
    jumpy magnitude costs too.  Raises :class:`SplitError` when nothing fits.
    """
    if not tokens:
        raise SplitError("no figures in the row")
    blank_ok = list(blank_allowed) if blank_allowed is not None else [True] * n_cols
    blank_costs = list(blank_cost) if blank_cost is not None else [BLANK_BASE] * n_cols
    candidates: list[Split] = []
    for figs in segmentations(tokens, max_figures=n_cols):
        for cols in _placements(len(figs), n_cols):
            placed: list[Figure | None] = [None] * n_cols
            for f, c in zip(figs, cols):
                placed[c] = f
            if any(p is None and not ok for p, ok in zip(placed, blank_ok)):
                continue
            values = tuple(None if f is None or f.note else f.value for f in placed)
            sat, vio, approx = [], [], []
            for ident in identities:
                r = ident.residual(values)
                if r is None:
                    continue
                (sat if abs(r) <= ident.tolerance + 1e-9 else vio).append(ident.name)
                if 1e-9 < abs(r) <= ident.tolerance + 1e-9:
                    approx.append(ident.name)
            cost = 3.0 * len(vio) - 2.0 * len(sat)
            cost += _blank_cost(placed, blank_costs) + sum(f.inner_gaps for f in figs) + _CUT * sum(f.cut for f in figs)
            if series:
                cost += _spread([v for v in values if v is not None])
            candidates.append(Split(values, tuple(placed), tuple(sat), tuple(vio), round(cost, 6), tuple(approx)))
    if not candidates:
        raise SplitError(f"{len(tokens)} numeric tokens cannot fill {n_cols} columns")
    candidates.sort(key=lambda s: (s.cost, s.values.count(None)))
    best, rest = candidates[0], candidates[1:]
    if not rest:
        return RowSplit(best, (), "unique")
    runner_up = rest[0]
    # when the best reading keeps an identity only within rounding, another reading of the figures that
    # keeps an identity too and breaks none is a real alternative: then only plausibility chose
    rival = bool(best.approximate) and any(
        s.satisfied and not s.violated and _figures_of(s) != _figures_of(best) for s in rest)
    if best.satisfied and not best.violated and not rival and runner_up.cost >= best.cost + _DECISIVE:
        return RowSplit(best, tuple(rest[:max_alternatives]), "identity")
    alternatives = sorted(rest, key=lambda s: (not (s.satisfied and not s.violated), s.cost))
    return RowSplit(best, tuple(alternatives[:max_alternatives]), "plausibility")


def _figures_of(split: Split) -> tuple[float, ...]:
    return tuple(v for v in split.values if v is not None)


def _blank_cost(placed: Sequence[Figure | None], costs: Sequence[float]) -> float:
    """Each blank costs its column's price, less where a double space in the text marks the spot."""
    cost = 0.0
    for c, price in enumerate(costs):
        if placed[c] is not None:
            continue
        cost += price
        # the figure right after the blank stood after a wide gap
        nxt = next((placed[k] for k in range(c + 1, len(costs)) if placed[k] is not None), None)
        if nxt is not None and nxt.gap_before:
            cost -= _GAP_BONUS
    return cost
