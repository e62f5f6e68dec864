"""Financial tables: resultaträkning, driftredovisning and nyckeltal, as tidy frames.

A table is found by its title (``RESULTATRÄKNING, TKR``) followed by a column
header (:mod:`kslib.parse.tables.columns`), never by line number or row name.  Each
row's figures are split with :func:`kslib.parse.numbers.split_row` against the
table's identities (deviation against outcome and budget, in the table's own
sign convention; change against this and last year's outcome); rows still
undecided are settled by the column totals where the table has a total row,
else kept with a warning naming the alternatives.

PDF input (lines with word positions): the header words are clustered into
columns by their x-extent (:mod:`kslib.parse.tables.positions`) and each row's cells
are placed under the column they stand under; blank cells come out as NA in
their own column.  The identity split still runs on the row's text as a
cross-check: a disagreement is a ``position-disagreement`` warning (the
positions are kept), a row the positions cannot place falls back to the
identity split with a ``position-unplaced`` warning.

Text in a numeric cell ("Ej aktuellt", "Stängt", "ung 116 000") is kept in
``note`` with value NA.  Labels that wrap onto the next line are joined.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import (BLANK_BASE, BLANK_DERIVED, Figure, Identity, RowSplit, Split, SplitError, Token, split_row,
                       tokenize_row)
from kslib.read.source import Line, Source
from kslib.parse.tables.columns import Column, is_header_word, parse_header
from kslib.parse.tables.positions import Placement, cell_figure, header_columns, label_bound, place_row

TIDY_COLUMNS = ["row_code", "row_label", "measure", "year", "value", "unit", "note", "kind", "page", "line"]
_TOTAL = re.compile(r"^(?:totalt|total|summa(?:\s+(?:totalt|nämnden|nämnd|styrelsen|förvaltningen))?|s:a|"
                    r"netto(?:kostnad)? totalt)$", re.IGNORECASE)
# "Summa kostnader", "Delsumma ...": the sum of the rows since the previous subtotal; the table goes on
_SUBTOTAL = re.compile(r"^(?:summa|delsumma|s:a)\s+\S", re.IGNORECASE)
_CODE = re.compile(r"^(?P<code>\d{1,6})\s+(?P<label>\D.*)$")
_UNIT_IN_TITLE = re.compile(r"\b(tkr|mnkr|mkr|kr|procent|%)\b", re.IGNORECASE)
_MAX_LABEL_WORDS = 9
_LETTER = re.compile(r"[A-Za-zÅÄÖåäö]")
# Text standing in a numeric cell: kept as a note, value NA (template vocabulary, not report content).
_NOTE_PHRASE = re.compile(
    r"^(?:ej\s+aktuellt|ej\s+aktuell|ej\s+tillämpligt|ej\s+tillgängligt|uppgift\s+saknas|ingen\s+uppgift|saknas"
    r"|stängt|stängd|pausad|vilande|ej\s+startad?|ej\s+beslutad|n/a|e/a|\.\.)$", re.IGNORECASE)
_APPROX = {"ung", "ung.", "ungefär", "ca", "ca.", "cirka", "drygt", "knappt", "c:a"}


@dataclass(frozen=True)
class TableSpec:
    """What identifies one family of financial table."""

    name: str
    title: re.Pattern[str]
    default_unit: str
    series: bool = False          # one outcome per year, no identities (key figures)


RESULTATRAKNING = TableSpec("resultatrakning", re.compile(r"RESULTATRÄKNING|RESULTATRAPPORT", re.IGNORECASE), "tkr")
DRIFTREDOVISNING = TableSpec("driftredovisning", re.compile(r"DRIFTS?REDOVISNING|DRIFTSBUDGET", re.IGNORECASE), "tkr")
NYCKELTAL = TableSpec("nyckeltal", re.compile(r"NYCKELTAL", re.IGNORECASE), "st", series=True)


@dataclass
class TableRow:
    """One row of a financial table: label, figures as printed, and the reading chosen for them.

    ``split`` holds every reading of the figures into columns that was considered (with
    ``decided_by``: identity, totals, plausibility, positions); ``values`` is the chosen one.
    """

    label: str
    code: str | None
    tokens: list
    lines: list[Line]
    total: bool
    unit: str
    figure_line: Line | None = None       # the line holding the figures (labels may wrap around it)
    placement: Placement | None = None    # PDF: cells placed under columns by position
    split: RowSplit | None = None
    chosen: Split | None = None
    decided_by: str = ""
    by_identity: Split | None = None      # the identity split, kept as the cross-check
    subtotal: bool = False                # "Summa kostnader": sums the rows since the previous subtotal

    @property
    def where(self) -> Line:
        return self.figure_line or self.lines[-1]

    @property
    def values(self) -> tuple[float | None, ...]:
        """The figures in column order (None for a blank cell)."""
        return tuple(self.chosen.values) if self.chosen is not None else ()

    @property
    def kind(self) -> str:
        return "total" if self.total else ("subtotal" if self.subtotal else "row")

    @property
    def name(self) -> str:
        """Code and label as printed (``"100 Politisk ledning"``)."""
        return f"{self.code} {self.label}" if self.code else self.label

    @property
    def undecided(self) -> bool:
        """True when no identity of the table decided the reading of the figures."""
        return self.split is not None and self.split.decided_by == "plausibility"


@dataclass
class FinancialTable:
    """A located table: its columns, rows and where it stands."""

    spec: TableSpec
    columns: list[Column]
    rows: list[TableRow]
    title_line: Line
    complete: bool = True
    deviation_sign: int = 1   # +1: deviation = budget − outcome; −1: outcome − budget
    warnings: list[ParseWarning] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def unit(self) -> str:
        return self.rows[0].unit if self.rows else self.spec.default_unit

    @property
    def decimals(self) -> int:
        """The most decimals any figure of the table is printed with."""
        return max((len(t.dec_part) for r in self.rows for t in r.tokens), default=0)

    @property
    def positional(self) -> bool:
        """True when the columns carry x positions (PDF input)."""
        return bool(self.columns) and all(c.x0 is not None for c in self.columns)


@dataclass
class _Header:
    title_idx: int
    columns: list[Column]
    first_row: int
    unit: str


# --------------------------------------------------------------------------- locating

def _unit_of(text: str, default: str) -> str:
    m = _UNIT_IN_TITLE.search(text)
    if not m:
        return "st" if re.search(r"antal", text, re.IGNORECASE) else default
    unit = m.group(1).lower()
    return {"mkr": "mnkr", "procent": "%"}.get(unit, unit)


def _header_words(text: str) -> list[str] | None:
    words = text.split()
    return words if words and all(is_header_word(w) for w in words) else None


def _trailing_header_start(words: list[str]) -> int:
    """Index where the run of header words at the end of ``words`` starts (len(words) if none)."""
    k = len(words)
    while k > 0 and is_header_word(words[k - 1]):
        k -= 1
    return k


def _caption_start(words: list[str]) -> int | None:
    """A header line led by the label column's caption ("Verksamhet", "Programområde"): where the header starts."""
    k = 0
    while k < len(words) and not is_header_word(words[k]):
        k += 1
    caption, rest = words[:k], words[k:]
    if not caption or len(caption) > 4 or any(re.search(r"\d", w) for w in caption) or len(rest) < 2:
        return None
    if not all(is_header_word(w) for w in rest):
        return None
    years = sum(bool(re.match(r"^(?:19|20)\d\d", w)) for w in rest)
    measures = sum(w.strip(",.:;()").lower() not in ("tkr", "mnkr", "kr", "mkr", "mot", "i", "med", "*", "**")
                   and not re.match(r"^(?:19|20)\d\d", w) for w in rest)
    if not measures and years < 2:
        return None
    return k


def _line_words(line: Line) -> list[str]:
    return [w.text for w in line.words] if line.words else line.text.split()


def _locate(source: Source, spec: TableSpec, *, year: int | None = None) -> _Header | None:
    for i in source.find_all(spec.title):
        title_line = source[i]
        title = title_line.text
        after = spec.title.split(title, maxsplit=1)[-1]
        words = [w for w in after.replace(",", " ").split() if is_header_word(w) and w.lower() not in ("tkr", "mnkr", "kr")]
        unit = _unit_of(title, spec.default_unit)
        tw = _line_words(title_line)
        start = max(1, _trailing_header_start(tw))
        header_lines: list[tuple[Line, int]] = [(title_line, start)] if start < len(tw) else []
        j = i + 1
        while j < len(source):
            line = source[j]
            text = line.text.strip()
            hw = _header_words(text)
            caption = None
            if hw is None and j == i + 1 and not spec.title.search(text):
                caption = _caption_start(text.split())
            if hw is not None:
                words += hw
                header_lines.append((line, 0))
            elif caption is not None:
                words += text.split()[caption:]
                unit = _unit_of(text, unit)
                lw = _line_words(line)
                header_lines.append((line, _caption_start(lw) or 0))
            elif text.endswith(":") and not re.search(r"\d", text):
                unit = _unit_of(text, unit)        # a sub-heading such as "Antaluppgifter:"
            else:
                break
            j += 1
        columns = parse_header(words, default_year=year)
        if header_lines and all(line.words for line, _ in header_lines):
            placed = header_columns(header_lines, default_year=year)
            if placed is not None and _places_rows(source, j, placed):
                columns = placed
        if len(columns) >= 2:
            return _Header(i, columns, j, unit)
    return None


def _places_rows(source: Source, first: int, columns: Sequence[Column], probe: int = 3) -> bool:
    """Do the header's positions place the first rows' figures? A header stacked at the page's left
    margin (as some text layers are drawn) has positions but no layout: the words' order decides then."""
    tried = 0
    for line in source.lines[first:first + probe]:
        if not line.words or not tokenize_cells(line.text)[1]:
            continue
        tried += 1
        if _is_pos_row(place_row(line, columns)):
            return True
    return tried == 0


# --------------------------------------------------------------------------- identities

def _identities(columns: Sequence[Column], deviation_sign: int | None, tol: float) -> list[Identity]:
    """Row identities implied by the columns."""
    idx = {(c.measure, c.year): k for k, c in enumerate(columns)}
    out: list[Identity] = []
    for k, c in enumerate(columns):
        if c.measure == "deviation":
            o, b = idx.get(("outcome", c.year), idx.get(("forecast", c.year))), idx.get(("budget", c.year))
            if o is None or b is None:
                continue
            signs = (1, -1) if deviation_sign is None else (deviation_sign,)
            out.append(Identity("deviation", _dev_residual(k, o, b, signs), tol))
        elif c.measure == "change" and c.base_year:
            o1, o0 = idx.get(("outcome", c.year)), idx.get(("outcome", c.base_year))
            if o1 is None or o0 is None:
                continue
            out.append(Identity("change", _diff_residual(k, o1, o0), tol))
    return out


def _dev_residual(d: int, o: int, b: int, signs: Sequence[int]) -> Callable:
    def residual(v):
        if v[d] is None or v[o] is None or v[b] is None:
            return None
        return min((v[d] - s * (v[b] - v[o]) for s in signs), key=abs)
    return residual


def _diff_residual(c: int, a: int, b: int) -> Callable:
    def residual(v):
        if v[c] is None or v[a] is None or v[b] is None:
            return None
        return v[c] - (v[a] - v[b])
    return residual


def _tolerance(rows: Sequence[TableRow]) -> float:
    decimals = max((len(t.dec_part) for r in rows for t in r.tokens), default=0)
    return 2.0 * 10 ** -decimals


# --------------------------------------------------------------------------- reading

def tokenize_cells(text: str) -> tuple[str, list[Token]]:
    """Like :func:`kslib.parse.numbers.tokenize_row`, but text cells among the figures become note tokens.

    ``"Simhall 1 200 Stängt 300"`` → ``("Simhall", [1, 200, 'Stängt', 300])``;
    ``"Besökare ung 116 000 98 000"`` → ``("Besökare", ['ung 116 000', 98, 000])``.
    """
    label, tokens = tokenize_row(text)
    while True:
        words = label.split()
        if len(words) < 2:
            return label, tokens
        if words[-1].lower() in _APPROX and tokens and tokens[0].can_start and not tokens[0].note:
            n = 1
            while n < len(tokens) and tokens[n].can_continue and not tokens[n - 1].closes and n < 5:
                n += 1
            # leave at least one figure per remaining token run: take the shortest reading when ambiguous
            n = 2 if n > 2 and len(tokens[0].int_part) <= 3 else n
            note = " ".join([words[-1]] + [t.text for t in tokens[:n]])
            rest, more = tokenize_row(" ".join(words[:-1]))
            label, tokens = rest, more + [Token("", note=note)] + tokens[n:]
            continue
        for n in (3, 2, 1):
            if len(words) > n and _NOTE_PHRASE.match(" ".join(words[-n:])) and _LETTER.search(" ".join(words[:-n])):
                rest, more = tokenize_row(" ".join(words[:-n]))
                label, tokens = rest, more + [Token("", note=" ".join(words[-n:]))] + tokens
                break
        else:
            return label, tokens


def _is_row(label: str, tokens: list, n_cols: int) -> bool:
    return (bool(tokens) and bool(_LETTER.search(label))
            and len(label.split()) <= _MAX_LABEL_WORDS and len(tokens) >= max(1, n_cols // 2))


def _row_parts(line: Line, columns: Sequence[Column]) -> tuple[str, list[Token], Placement | None]:
    """A line's label, its tokens (text) and, for PDF lines, its cells placed by position."""
    label, tokens = tokenize_cells(line.text)
    placement = None
    if line.words and columns and all(c.x0 is not None for c in columns):
        placement = place_row(line, columns)
        if not any(placement.cells) and not placement.problems:
            placement = None
    return label, tokens, placement


def _is_pos_row(placement: Placement | None) -> bool:
    return (placement is not None and placement.ok and bool(_LETTER.search(placement.label))
            and len(placement.label.split()) <= _MAX_LABEL_WORDS)


def _vertical_gap(source: Source, a: Line, b: Line) -> float | None:
    geometry = getattr(source, "geometry", None)
    if not geometry or a.page != b.page or a.number not in geometry or b.number not in geometry:
        return None
    return geometry[b.number].top - geometry[a.number].bottom


def _collect_rows(source: Source, start: int, columns: Sequence[Column], unit: str
                  ) -> tuple[list[TableRow], bool, int]:
    """Rows from ``start`` until the table ends; (rows, complete, index after the table)."""
    n_cols = len(columns)
    positional = bool(columns) and all(c.x0 is not None for c in columns)
    bound = label_bound(columns) if positional else None
    rows: list[TableRow] = []
    pending: list[Line] = []       # a label that wraps onto the row's line

    def parts(k: int):
        return _row_parts(source[k], columns)

    def row_like(label, tokens, placement) -> bool:
        return _is_pos_row(placement) or _is_row(label, tokens, n_cols)

    j = start
    while j < len(source):
        line = source[j]
        label, tokens, placement = parts(j)
        if row_like(label, tokens, placement):
            if _is_pos_row(placement):
                label = placement.label
            full = " ".join([p.text.strip() for p in pending] + [label]).strip()
            m = _CODE.match(full)
            code, text = (m.group("code"), m.group("label").strip()) if m else (None, full)
            total = bool(_TOTAL.match(text))
            row_unit = "%" if tokens and all(t.percent for t in tokens if not t.note) and \
                any(not t.note for t in tokens) else unit
            rows.append(TableRow(text, code, tokens, pending + [line], total, row_unit, line, placement,
                                subtotal=not total and bool(_SUBTOTAL.match(text))))
            pending = []
            j += 1
            if total:
                return rows, True, j
            continue
        nxt = source[j + 1] if j + 1 < len(source) else None
        nparts = parts(j + 1) if nxt is not None else None
        next_is_row = nparts is not None and row_like(*nparts)
        words = label.split()
        short = not tokens and 0 < len(words) <= 8 and not pending
        if short and nxt is not None and next_is_row:
            nlabel = nparts[2].label if _is_pos_row(nparts[2]) else nparts[0]
            # a label line whose row follows with a lowercase continuation: the label wraps before the figures
            if nlabel[:1].islower() or (not rows and len(words) <= 4):
                if not _closer_to_previous(source, rows, line, nxt):
                    pending = [line]
                    j += 1
                    continue
        # a label-only line after a row: the row's label wraps after the figures
        if rows and short and not rows[-1].total and _continues(source, rows[-1], line, bound):
            if next_is_row or nxt is None or label[:1].islower():
                rows[-1].label = f"{rows[-1].label} {line.text.strip()}"
                rows[-1].lines.append(line)
                j += 1
                continue
        break
    complete = j < len(source)
    return rows, complete, j


def _closer_to_previous(source: Source, rows: list[TableRow], line: Line, nxt: Line) -> bool:
    """With positions: True when a label line sits nearer the row above than the row below."""
    if not rows:
        return False
    above = _vertical_gap(source, rows[-1].lines[-1], line)
    below = _vertical_gap(source, line, nxt)
    return above is not None and below is not None and above < below - 0.5


def _continues(source: Source, row: TableRow, line: Line, bound: float | None) -> bool:
    """Could ``line`` (no figures) be the rest of ``row``'s label?"""
    text = line.text.strip()
    if text.endswith(":") or _header_words(text) is not None:
        return False
    if bound is not None and line.words:
        if line.words[-1].x1 >= bound:
            return False
        gap = _vertical_gap(source, row.lines[-1], line)
        size = getattr(source, "geometry", {}).get(line.number)
        if gap is not None and size is not None and gap > 0.8 * size.size:
            return False
        return True
    return text[:1].islower() or _wraps_in_text(row.where, line)


def _wraps_in_text(figures: Line, line: Line) -> bool:
    """Text layout: whether ``line``'s first word would not have fitted after the label of the row's figure
    line before its first figure — the label wrapped ("… inom Service Level   87%" / "Agreement snitt")."""
    label, tokens = tokenize_cells(figures.text)
    label = label.rstrip()
    start = figures.text.find(label) if label else -1
    if start < 0 or not tokens or not line.text.strip():
        return False
    end = start + len(label)
    first_figure = len(figures.text) - len(figures.text[end:].lstrip())
    if first_figure - end < 2:           # no layout gap: single spaces tell nothing of the wrap
        return False
    word = line.text.split()[0]
    return line.text.find(word) <= start + 2 and end + 1 + len(word) > first_figure


def read_financial_table(source: Source, spec: TableSpec, *, year: int | None = None,
                         warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Read one table family into the tidy contract frame (empty frame if absent)."""
    return table_frame(find_table(source, spec, year=year), spec, warnings)


def table_frame(table: FinancialTable | None, spec: TableSpec,
                warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """The tidy contract frame of a located table (empty if ``table`` is None); its warnings appended."""
    warn = warnings if warnings is not None else []
    if table is None:
        warn.append(ParseWarning("table-missing", f"no {spec.name} table found (title and column header)",
                                 table=spec.name))
        return empty_frame()
    warn.extend(table.warnings)
    return to_frame(table)


def find_table(source: Source, spec: TableSpec, *, year: int | None = None) -> FinancialTable | None:
    """Locate and split a table; None when its title and header are not in the text."""
    found = _locate(source, spec, year=year)
    if found is None:
        return None
    columns = found.columns
    rows, complete, _ = _collect_rows(source, found.first_row, columns, found.unit)
    title_line = source[found.title_idx]
    table = FinancialTable(spec, columns, rows, title_line, complete)
    if not rows:
        table.warnings.append(ParseWarning("table-empty", f"{spec.name}: header found but no rows under it",
                                           table=spec.name, line=title_line.number, page=title_line.page))
        return table
    if not complete:
        table.warnings.append(ParseWarning(
            "table-incomplete", f"{spec.name}: the text ends inside the table; read {len(rows)} rows as far as it goes",
            table=spec.name, line=rows[-1].where.number, page=rows[-1].where.page))
    tol = _tolerance(rows)
    _split_rows(table, None if not spec.series else 1, tol)
    if not spec.series:
        table.deviation_sign = _deviation_convention(table)
        _split_rows(table, table.deviation_sign, tol, warn=True)
        _settle_by_totals(table, tol)
    if not complete:
        _drop_cut_row(table)
    _warn_undecided(table)
    if table.positional:
        _cross_check(table)
    return table


def _drop_cut_row(table: FinancialTable) -> None:
    """When the text ends inside a table, its last row may be cut off mid-line: keep it only if
    every column is filled or an identity confirms its figures."""
    if not table.rows:
        return
    last = table.rows[-1]
    chosen = last.chosen
    if chosen is None or last.decided_by == "identity" or None not in chosen.values:
        return
    table.rows.pop()
    line = last.where
    table.warnings.append(ParseWarning(
        "row-cut-off", f"{table.spec.name}: row {last.label!r} is the last text and has blank cells that no "
        f"identity confirms; it looks cut off and is left out", table=table.spec.name, row=last.label,
        line=line.number, page=line.page))


def _position_split(row: TableRow, columns: Sequence[Column]) -> Split | None:
    """The row's figures as placed by position; None if a cell is not a single figure or note."""
    placement = row.placement
    if placement is None or not placement.ok:
        return None
    figures: list[Figure | None] = []
    for cell in placement.cells:
        if cell is None:
            figures.append(None)
            continue
        fig = cell_figure(cell)
        if fig is None:
            if re.search(r"\d{1,3}(?: \d{3})+ \d{1,3}(?: \d{3})*$|\d+ \d+ \d+", cell.text) and \
                    not re.search(r"[A-Za-zÅÄÖåäö]", cell.text):
                return None            # two figures in one cell: the positions did not separate them
            fig = Figure(float("nan"), note=cell.text)
        figures.append(fig)
    values = tuple(None if f is None or f.note else f.value for f in figures)
    return Split(values, tuple(figures), (), (), 0.0)


def _split_rows(table: FinancialTable, deviation_sign: int | None, tol: float, *, warn: bool = False) -> None:
    n = len(table.columns)
    identities = [] if table.spec.series else _identities(table.columns, deviation_sign, tol)
    blank_cost = [BLANK_DERIVED if c.measure in ("deviation", "change") else BLANK_BASE for c in table.columns]
    kept: list[TableRow] = []
    last_pass = warn or table.spec.series
    for row in table.rows:
        by_position = _position_split(row, table.columns) if table.positional else None
        try:
            row.split = split_row(row.tokens, n, identities=identities, series=table.spec.series,
                                  blank_cost=blank_cost)
            row.by_identity = row.split.best
        except SplitError as exc:
            row.split, row.by_identity, row.chosen = None, None, None
            if by_position is None:
                if last_pass:
                    line = row.where
                    table.warnings.append(ParseWarning(
                        "row-unreadable", f"{table.spec.name}: row {row.label!r}: {exc}; left out",
                        table=table.spec.name, row=row.label, line=line.number, page=line.page))
                continue
        if by_position is not None:
            row.chosen, row.decided_by = by_position, "position"
        else:
            row.chosen, row.decided_by = row.split.best, row.split.decided_by
        kept.append(row)
    if last_pass:
        table.rows = kept


def _cross_check(table: FinancialTable) -> None:
    """Positions against identities: say where they disagree, or where positions could not place a row."""
    for row in table.rows:
        line = row.where
        if row.decided_by != "position":
            if row.placement is not None:
                why = "; ".join(row.placement.problems) or "a cell holds more than one figure"
                table.warnings.append(ParseWarning(
                    "position-unplaced",
                    f"{table.spec.name}: row {row.label!r}: word positions do not place the figures ({why}); "
                    f"used the identity split [{row.chosen}]",
                    table=table.spec.name, row=row.label, line=line.number, page=line.page))
            continue
        ident = row.by_identity
        if ident is None or row.split is None or row.split.decided_by not in ("identity", "unique"):
            continue
        if _same(ident.values, row.chosen.values):
            continue
        table.warnings.append(ParseWarning(
            "position-disagreement",
            f"{table.spec.name}: row {row.label!r}: positions give [{row.chosen}] but the accounting identities "
            f"give [{ident}]; kept the positions",
            table=table.spec.name, row=row.label, line=line.number, page=line.page))


def _same(a, b) -> bool:
    return len(a) == len(b) and all((x is None and y is None) or (x is not None and y is not None and abs(x - y) < 1e-9)
                                    for x, y in zip(a, b))


def _deviation_convention(table: FinancialTable) -> int:
    """+1 if deviations read budget − outcome (costs positive), −1 if outcome − budget."""
    cols = table.columns
    idx = {(c.measure, c.year): k for k, c in enumerate(cols)}
    votes = 0
    for k, c in enumerate(cols):
        o, b = idx.get(("outcome", c.year), idx.get(("forecast", c.year))), idx.get(("budget", c.year))
        if c.measure != "deviation" or o is None or b is None:
            continue
        for row in table.rows:
            if row.chosen is None:
                continue
            v = row.chosen.values
            if None in (v[k], v[o], v[b]) or v[k] == 0:
                continue
            if abs(v[k] - (v[b] - v[o])) < abs(v[k] - (v[o] - v[b])):
                votes += 1
            else:
                votes -= 1
    return 1 if votes >= 0 else -1


def _settle_by_totals(table: FinancialTable, tol: float) -> None:
    """Use 'total = sum of rows' to decide rows that the row identities left open."""
    totals = [r for r in table.rows if r.total]
    body = [r for r in table.rows if not r.total and not r.subtotal]
    if len(totals) != 1 or not body:
        return
    total = totals[0]
    open_rows = [r for r in table.rows if r.split and r.split.ambiguous and r.decided_by == "plausibility"]
    for row in open_rows:
        best, best_score = row.chosen, None
        for cand in (row.split.best, *row.split.alternatives):
            row.chosen = cand
            score = _total_matches(body, total, tol)
            if best_score is None or score > best_score:
                best, best_score = cand, score
        row.chosen = best
        others = [c for c in (row.split.best, *row.split.alternatives) if c is not best]
        row.chosen = others[0]
        second = _total_matches(body, total, tol) if others else -1
        row.chosen = best
        if best_score is not None and best_score > second:
            row.decided_by = "total"


def _total_matches(body: Sequence[TableRow], total: TableRow, tol: float) -> int:
    hits = 0
    for k, t in enumerate(total.chosen.values):
        vals = [r.chosen.values[k] for r in body]
        if t is None or all(v is None for v in vals):
            continue
        s = sum(v for v in vals if v is not None)
        hits += 1 if abs(s - t) <= tol * max(1, len(vals)) else -1
    return hits


def _warn_undecided(table: FinancialTable) -> None:
    for row in table.rows:
        if row.decided_by != "plausibility" or row.split is None or not row.split.alternatives:
            continue
        alts = "; ".join(str(a) for a in row.split.alternatives if a is not row.chosen)
        line = row.lines[-1]
        table.warnings.append(ParseWarning(
            "ambiguous-split",
            f"{table.spec.name}: row {row.label!r}: no identity decides the columns; "
            f"chose [{row.chosen}] as most plausible; alternatives: [{alts}]",
            table=table.spec.name, row=row.label, line=line.number, page=line.page))


# --------------------------------------------------------------------------- output

def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in TIDY_COLUMNS})


def cost_sign(table: FinancialTable) -> int:
    """+1 when the table prints net costs as positive figures, -1 when negative ("Nettokostnad -7 221")."""
    idx = next((k for k, c in enumerate(table.columns) if c.measure == "outcome"), None)
    if idx is None:
        return 1
    totals = [r for r in table.rows if r.total] or table.rows
    values = [r.values[idx] for r in totals if r.values[idx] is not None]
    return -1 if values and sum(values) < 0 else 1


def surplus_of(table: FinancialTable, row: TableRow, year: int | None) -> float | None:
    """A row's deviation from budget in ``year`` as a surplus (positive = better than budget), from the
    table's own conventions: its deviation sign and whether it prints costs as negative figures."""
    idx = {(c.measure, c.year): k for k, c in enumerate(table.columns)}
    v = row.values
    d, o, b = idx.get(("deviation", year)), idx.get(("outcome", year)), idx.get(("budget", year))
    sign = cost_sign(table)
    if d is not None and v[d] is not None:
        return v[d] * table.deviation_sign * sign
    if o is not None and b is not None and v[o] is not None and v[b] is not None:
        return (v[b] - v[o]) * sign
    return None


def to_frame(table: FinancialTable) -> pd.DataFrame:
    """The tidy contract: one row per (table row, column), plus a ``surplus`` row per year with a budget
    (positive = better than budget, whatever sign convention the table prints)."""
    records = []
    budget_years = [c.year for c in table.columns if c.measure == "budget"] if not table.spec.series else []
    for row in table.rows:
        line = row.where
        kind = "total" if row.total else ("subtotal" if row.subtotal else "row")
        for col, fig, value in zip(table.columns, row.chosen.figures, row.chosen.values):
            unit = "%" if fig is not None and fig.percent else row.unit
            note = None
            if fig is not None:
                note = "; ".join(x for x in (fig.note, fig.footnote) if x) or None
            records.append({
                "row_code": row.code,
                "row_label": row.label,
                "measure": col.measure,
                "year": col.year,
                "value": value,
                "unit": unit,
                "note": note,
                "kind": kind,
                "page": line.page,
                "line": line.number,
            })
        for year in budget_years:
            surplus = surplus_of(table, row, year)
            if surplus is not None:
                records.append({"row_code": row.code, "row_label": row.label, "measure": "surplus", "year": year,
                                "value": surplus, "unit": row.unit, "note": None, "kind": kind,
                                "page": line.page, "line": line.number})
    if not records:
        return empty_frame()
    df = pd.DataFrame.from_records(records, columns=TIDY_COLUMNS)
    df["row_code"] = df["row_code"].astype("string")
    df["year"] = df["year"].astype("Int64")
    df["value"] = df["value"].astype("Float64")
    df["page"] = df["page"].astype("Int64")
    df["line"] = df["line"].astype("Int64")
    return df


def wide(df: pd.DataFrame) -> pd.DataFrame:
    """One row per table row, one column per measure and year (``outcome_2020`` …), in printed order."""
    if df.empty:
        return pd.DataFrame(columns=["row_code", "row_label", "kind"])
    frame = df.assign(column=df["measure"] + "_" + df["year"].astype("string").fillna(""))
    out = frame.pivot(index="line", columns="column", values="value")
    labels = frame.drop_duplicates("line").set_index("line")[["row_code", "row_label", "kind"]]
    order = list(dict.fromkeys(frame["column"]))
    out = labels.join(out[order]).reset_index(drop=True)
    out.columns.name = None
    return out


def read_resultatrakning(source: Source, *, year: int | None = None,
                         warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """The income statement (resultaträkning) as a tidy frame."""
    return read_financial_table(source, RESULTATRAKNING, year=year, warnings=warnings)


def read_driftredovisning(source: Source, *, year: int | None = None,
                          warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Operating accounts per programme area (driftredovisning) as a tidy frame."""
    return read_financial_table(source, DRIFTREDOVISNING, year=year, warnings=warnings)


def read_nyckeltal(source: Source, *, year: int | None = None,
                   warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """Key figures over several years (nyckeltal) as a tidy frame."""
    return read_financial_table(source, NYCKELTAL, year=year, warnings=warnings)
