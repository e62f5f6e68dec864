"""The identities of every table found, checked from its own figures (one audit over the one table type).

For each table, from its columns' measures and its rows' kinds:

- ``row_deviation``: deviation = budget − outcome (or outcome − budget: the convention the table's rows keep)
  of the same year and column group;
- ``row_change``: change = this year's outcome − the base year's ("Bokslut 2020/2019");
- ``row_net``: income + cost = net (costs printed negative), income − cost or cost − income (costs printed
  positive: a result or a net cost);
- ``column_total`` / ``subtotal``: a total or subtotal row = what it sums — the plain rows since the previous
  sum row, the items since the last category heading, every item of its level (earlier sums standing for
  their rows), or (a total) every plain row since the previous total; in an income statement a running subtotal ("… nettokostnader", "Resultat efter …", "Årets
  resultat") = the previous running subtotal plus the rows since;
- ``table_consistency``: a coded row ("911 Skolan") printed in two tables with the same measure, year and unit
  has the same figure in both;
- ``row_split``: a row whose figures no identity or sum placed (only plausibility chose), a warning.

Within one unit of the last printed digit (a row identity) or half a unit per term (a sum) is ``info``;
anything beyond is an ``error`` naming the table's title and page, the row, the column, what was printed and
what the other figures give.  Counts (antal, st) add up exactly.
"""
from __future__ import annotations

from typing import Callable, Sequence

from kslib.audit.findings import Finding
from kslib.fmt import format_number
from kslib.parse.tables.identities import deviation_pairs, is_series
from kslib.parse.tables.model import Column, Row, Table
from kslib.vocab.rows import CODED, RUNNING_SUBTOTAL
from kslib.vocab.units import EXACT_UNITS

SUM_KINDS = ("total", "subtotal")
MEASURE_WORDS_SV = {"outcome": "utfall", "net": "utfall", "forecast": "prognos", "budget": "budget",
                    "previous_forecast": "tidigare prognos"}


def check_tables(tables: Sequence[Table]) -> list[Finding]:
    """Every identity of every table, and the coded rows the tables share."""
    out: list[Finding] = []
    out += consistency(tables)
    for t in tables:
        out += row_splits(t)
        out += row_identities(t)
        out += sums(t)
    return out


# --------------------------------------------------------------------------- wording

def where(table: Table, *, lower: bool = False) -> str:
    """``Tabellen ”Utfall per 2023-12-31” (s. 37)`` (``tabellen …`` inside a sentence)."""
    return f"{'t' if lower else 'T'}abellen \u201d{table.title}\u201d" + (f" (s. {table.page})" if table.page else "")


def _num(value: float, decimals: int) -> str:
    return format_number(value, decimals=decimals)


def _finding(check: str, table: Table, row: Row, col: Column, expected: float, found: float, how: str,
             tolerance: float) -> Finding:
    severity = "info" if abs(found - expected) <= tolerance + 1e-9 else "error"
    verdict = "stämmer med" if severity == "info" else "avviker från"
    d = table.decimals
    message = (f"{where(table)}, raden {row.name}, kolumnen {col.label}: tryckt {_num(found, d)} {verdict} {how} "
               f"({_num(expected, d)})")
    return Finding(check, severity, table.title, row.name, expected, found, message, line=row.line.number,
                   page=row.line.page)


def _unit(table: Table) -> float:
    return 10.0 ** -table.decimals


# --------------------------------------------------------------------------- rows

def row_splits(table: Table) -> list[Finding]:
    """Rows whose figures only plausibility placed: no identity or sum of the table decided their reading."""
    if is_series(table.columns):
        return []
    out = []
    for r in table.rows:
        open_ = [c for c in r.choices if c.split.decided_by == "plausibility"]
        if not open_:
            continue
        alts = "; ".join(str(a) for a in open_[0].split.alternatives[:2])
        out.append(Finding(
            "row_split", "warning", table.title, r.name, None, None,
            f"{where(table)}, raden {r.name}: siffrorna kan inte delas upp i kolumner så att tabellens samband "
            f"stämmer; vald tolkning [{open_[0].split.best}], andra möjliga [{alts}]",
            line=r.line.number, page=r.line.page))
    return out


def _same_group(cols: Sequence[Column], k: int, measures: Sequence[str], year) -> int | None:
    """The column of one of ``measures`` and ``year`` in column ``k``'s group (else in any group)."""
    for group_only in (True, False):
        for m in measures:
            for j, c in enumerate(cols):
                if c.measure == m and c.year == year and (c.group == cols[k].group or not group_only):
                    return j
    return None


def _triples(table: Table, result: str, first: Sequence[str], second: str) -> list[tuple[int, int, int]]:
    out = []
    for k, c in enumerate(table.columns):
        if c.measure != result:
            continue
        a, b = _same_group(table.columns, k, first, c.year), _same_group(table.columns, k, (second,), c.year)
        if a is not None and b is not None:
            out.append((k, a, b))
    return out


Convention = tuple[str, Callable[[float, float], float]]     # how it reads ("budget − utfall"), a, b → result


def _convention(table: Table, triples, conventions: Sequence[Convention]) -> Convention:
    """The convention with which most of the rows' identities hold (exactly, in printed units); the first of
    equals."""
    unit = _unit(table)
    score = [0] * len(conventions)
    for r in table.rows:
        v = r.values
        for k, a, b in triples:
            if None in (v[k], v[a], v[b]):
                continue
            for i, (_, combine) in enumerate(conventions):
                if abs(round(combine(v[a] / unit, v[b] / unit)) - round(v[k] / unit)) < 1e-6:
                    score[i] += 1
    return conventions[max(range(len(conventions)), key=lambda i: (score[i], -i))]


def _identity(table: Table, check: str, triples, conventions: Sequence[Convention]) -> list[Finding]:
    if not triples:
        return []
    how, combine = _convention(table, triples, conventions)
    out = []
    for r in table.rows:
        v = r.values
        for k, a, b in triples:
            if None in (v[k], v[a], v[b]):
                continue
            out.append(_finding(check, table, r, table.columns[k], combine(v[a], v[b]), v[k], how, _unit(table)))
    return out


def row_identities(table: Table) -> list[Finding]:
    """Deviation, change and net of every row, in the table's own conventions."""
    out = []
    for d, a, b in deviation_pairs(table.columns):
        o, p = (MEASURE_WORDS_SV.get(table.columns[k].measure, "utfall") for k in (a, b))
        out += _identity(table, "row_deviation", [(d, a, b)],
                         [(f"{p} − {o}", lambda x, y: y - x), (f"{o} − {p}", lambda x, y: x - y)])
    out += _identity(table, "row_net", _triples(table, "net", ("income",), "cost"),
                     [("intäkter + kostnader", lambda i, c: i + c), ("intäkter − kostnader", lambda i, c: i - c),
                      ("kostnader − intäkter", lambda i, c: c - i)])
    for k, c in enumerate(table.columns):
        if c.measure != "change" or c.base_year is None:
            continue
        a, b = table.column("outcome", c.year), table.column("outcome", c.base_year)
        if a is None or b is None:
            continue
        for r in table.rows:
            v = r.values
            if None in (v[k], v[a], v[b]):
                continue
            out.append(_finding("row_change", table, r, c, v[a] - v[b], v[k],
                                f"utfall {c.year} − utfall {c.base_year}", _unit(table)))
    return out


# --------------------------------------------------------------------------- sums

def _tolerance(table: Table, terms: int) -> float:
    """Half a unit of the last printed digit per rounded term; counts (antal, st) are exact."""
    if table.decimals == 0 and ((table.unit or "").lower() in EXACT_UNITS or "antal" in table.title.lower()):
        return 0.0
    return _unit(table) * 0.5 * (terms + 1)


def sums(table: Table) -> list[Finding]:
    """Each sum row against what it sums, whichever explanation its figures keep (see the module's doc)."""
    income = table.kind == "income_statement"
    out: list[Finding] = []
    block: list[Row] = []       # plain rows since the previous sum row
    items: list[Row] = []       # rows and sums not yet summed by a later sum
    section = 0                 # where in items the current category heading's rows start
    running: list[Row] = []     # the last running subtotal and what followed it (an income statement)
    plain: list[Row] = []       # every plain row since the previous total
    for r in table.rows:
        if r.kind == "category":
            section = len(items)
            continue
        is_running = income and bool(RUNNING_SUBTOTAL.search(r.label))
        if r.kind not in SUM_KINDS and not is_running:
            block.append(r)
            items.append(r)
            running.append(r)
            plain.append(r)
            continue
        explanations = [("block", block), ("section", items[section:]), ("level", items)]
        if r.kind == "total":
            explanations.append(("rows", plain))
        if is_running:          # an income statement's running subtotal: that explanation first among equals
            explanations.insert(0, ("running", running))
        chosen = None
        for k, col in enumerate(table.columns):
            found = r.values[k]
            if found is None:
                continue
            derived = col.measure in ("deviation", "change")
            candidates = []
            for name, parts in explanations:
                values = [p.values[k] for p in parts]
                if len(parts) < 2 or (not derived and None in values) or all(v is None for v in values):
                    continue
                total = sum(v or 0.0 for v in values)
                candidates.append((abs(total - found), len(candidates), total, len(parts), name))
            if not candidates:
                continue
            _, _, expected, terms, name = min(candidates)
            chosen = chosen or name
            check = "column_total" if r.kind == "total" and name != "running" else "subtotal"
            out.append(_finding(check, table, r, col, expected, found, f"summan av {terms} rader ovanför",
                                _tolerance(table, terms)))
        if r.kind == "total":
            plain = []
        if r.kind == "total" and not is_running:          # a total closes its level
            items, section = [], 0
        elif chosen in ("running", "level") or is_running and chosen is None:
            items, section = [r], 0
        else:
            start = {"block": len(items) - len(block), "section": section}.get(chosen or "block", 0)
            del items[max(start, 0):]
            items.append(r)
            section = min(section, len(items) - 1)
        if is_running:
            running = [r]
        else:
            del running[max(len(running) - len(block), 0):]
            running.append(r)
        block = []
    return out


# --------------------------------------------------------------------------- across tables

def consistency(tables: Sequence[Table]) -> list[Finding]:
    """A coded row ("911 Skolan": the code identifies it) that two tables print with the same measure, year
    and unit has the same figure in both (within rounding)."""
    out: list[Finding] = []
    seen: dict[tuple, tuple[Table, Row, int]] = {}
    for table in tables:
        for r in table.rows:
            if not CODED.match(r.name):
                continue
            for k, c in enumerate(table.columns):
                v = r.values[k]
                if v is None or c.year is None:
                    continue
                key = (r.name.strip(), c.measure, c.year, table.unit)
                first = seen.setdefault(key, (table, r, k))
                if first[0] is table:
                    continue
                other, orow, ok = first
                earlier = orow.values[ok]
                tolerance = 10.0 ** -min(table.decimals, other.decimals)
                if abs(v - earlier) <= tolerance + 1e-9:
                    continue
                message = (f"{where(table)}, raden {r.name}, kolumnen {c.label}: tryckt {_num(v, table.decimals)}, "
                           f"men {where(other, lower=True)} anger {_num(earlier, other.decimals)} för samma rad och år")
                out.append(Finding("table_consistency", "error", table.title, r.name, earlier, v, message,
                                   line=r.line.number, page=r.line.page))
    return out
