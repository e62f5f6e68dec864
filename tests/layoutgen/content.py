"""Table content: labels, figures whose arithmetic holds, and how each figure is printed.

Figures are generated as integers in units of the last printed digit (tenths for mnkr), so that every
identity is exact: deviation = budget − outcome or outcome − budget, income + cost = net (or cost − income
where costs print positive), change = this year − last year, subtotal and total rows = the rows they sum.
Each builder asserts its table's arithmetic before it returns.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass

from .model import TruthColumn, TruthRow, TruthTable
from . import vocab

# Layout classes that decide a table's header (at most one per table) and the families that can print them.
HEADER_CLASSES = ("hdr_dates", "hdr_title_years", "hdr_places", "hdr_subcolumns", "hdr_groups", "transposed")
FAMILIES = ("operating", "income_statement", "income_cost_net", "key_figures", "forecast", "investments",
            "transposed")
FAMILY_OF_HEADER = {"hdr_dates": ("operating", "investments"), "hdr_title_years": ("key_figures",),
                    "hdr_places": ("key_figures",), "hdr_subcolumns": ("income_cost_net",),
                    "hdr_groups": ("forecast",), "transposed": ("transposed",)}
_MONEY = ("operating", "income_statement", "income_cost_net", "forecast", "investments")
# the families that can show a (non-header) class; a table's family is drawn from those fitting all its classes
FITS = {
    "note_column": _MONEY, "label_glued": ("operating", "income_cost_net", "forecast", "investments"),
    "hdr_wrapped": _MONEY, "sign_reversed": ("operating", "income_statement", "forecast", "investments"),
    "costs_negative": ("operating", "income_statement", "forecast", "income_cost_net"),
    "parens": _MONEY, "minus_variants": _MONEY,
    "big_figures": ("key_figures", "key_figures", "key_figures", "operating", "income_statement", "investments"),
}
# classes a family cannot show (the class is dropped from the table when drawn for that family)
UNFIT = {
    "key_figures": {"note_column", "sign_reversed", "costs_negative", "parens", "minus_variants", "label_glued"},
    "income_statement": {"label_glued"},
    "transposed": {"note_column", "sign_reversed", "costs_negative", "label_above", "label_glued",
                   "big_figures", "parens", "minus_variants", "hdr_wrapped"},
    "investments": {"costs_negative"},
    "income_cost_net": {"sign_reversed"},
}


# --------------------------------------------------------------------------- printing figures

@dataclass(frozen=True)
class Style:
    """How a table prints its figures."""

    minus: str = "-"            # "-", "–", "−", optionally followed by a space
    parens: bool = False        # negatives as "(29 940)"
    nil: str | None = None      # zero printed as a nil mark ("-", "–") or "" (blank); None: printed "0"
    group: str = " "


def fmt_units(units: int, decimals: int, style: Style) -> str:
    """``-1234567`` units with 1 decimal → ``"-123 456,7"`` in the table's style."""
    if units == 0 and style.nil is not None:
        return style.nil
    a = abs(units)
    whole, frac = divmod(a, 10 ** decimals) if decimals else (a, 0)
    text = f"{whole:,}".replace(",", style.group)
    if decimals:
        text += "," + str(frac).zfill(decimals)
    if units < 0:
        text = f"({text})" if style.parens else style.minus + text
    return text


def _style(rng: random.Random, classes: frozenset[str]) -> Style:
    minus = rng.choice(["–", "−", "– ", "− ", "- "]) if "minus_variants" in classes else "-"
    nil = None
    if "nil_dash" in classes:
        nil = rng.choice(["-", "–", "-", "–", ""])
    return Style(minus=minus, parens="parens" in classes, nil=nil)


def read_printed(text: str) -> float | None:
    """The value a printed figure states (None for blank or nil): the generator's own check of its truth."""
    t = text.rstrip("*").strip()
    if t in ("", "-", "–", "−"):
        return None
    neg = t.startswith("(") and t.endswith(")")
    t = t.strip("()")
    if t[:1] in "-–−":
        neg, t = True, t[1:].lstrip()
    assert re.fullmatch(r"\d{1,3}(?: \d{3})*(?:,\d+)?", t), text
    v = float(t.replace(" ", "").replace(",", "."))
    return -v if neg else v


def _loguniform(rng: random.Random, lo: float, hi: float) -> int:
    return int(round(math.exp(rng.uniform(math.log(lo), math.log(hi)))))


# --------------------------------------------------------------------------- arithmetic checks

def _blocks(kinds: list[str]) -> list[tuple[int, list[int]]]:
    """(sum row, rows it sums) for every subtotal and total: a subtotal sums the plain rows since the last
    category or subtotal; a total sums every plain row."""
    out, block = [], []
    plain = [k for k, kd in enumerate(kinds) if kd == "row"]
    for k, kd in enumerate(kinds):
        if kd == "category":
            block = []
        elif kd == "row":
            block.append(k)
        elif kd == "subtotal":
            out.append((k, block))
            block = []
        elif kd == "total":
            out.append((k, plain))
    return out


def assert_sums(kinds: list[str], m: list[list[int]], cols: list[int]) -> None:
    for k, parts in _blocks(kinds):
        for j in cols:
            assert m[k][j] == sum(m[i][j] for i in parts), (k, j, m[k][j], [m[i][j] for i in parts])


def assert_deviation(m: list[list[int]], kinds: list[str], a: int, b: int, d: int, sign: int) -> None:
    """Column ``d`` = sign × (column ``a`` − column ``b``) on every row with figures."""
    for k, row in enumerate(m):
        if kinds[k] != "category":
            assert row[d] == sign * (row[a] - row[b]), (k, row)


def _fill_sums(kinds: list[str], m: list[list[int]], cols: list[int]) -> None:
    for k, parts in _blocks(kinds):
        for j in cols:
            m[k][j] = sum(m[i][j] for i in parts)


# --------------------------------------------------------------------------- rows

@dataclass
class _Rows:
    codes: list[str | None]
    labels: list[str]
    kinds: list[str]
    indent: list[int]


def _codes(rng: random.Random, n: int) -> list[str]:
    if rng.random() < 0.5:
        start, step = rng.choice([100, 110, 200, 300, 410, 500, 600, 700, 800]), rng.choice([2, 5, 10, 15, 20])
        return [str(start + k * step) for k in range(n)]
    start, step = rng.choice([1100, 2400, 3000, 4510, 5200, 6100, 7700]), rng.choice([10, 20])
    return [str(start + k * step) for k in range(n)]


def _total_label(rng: random.Random) -> str:
    label = rng.choice(vocab.TOTAL_LABELS)
    return label.upper() if rng.random() < 0.15 else label


def area_rows(rng: random.Random, board: str, *, n: int, codes: bool, categories: bool, units: bool = False,
              total: bool = True, long_label: bool = False) -> _Rows:
    """Operating areas (or named units) with optional codes, category blocks with subtotals and a total."""
    info = vocab.BOARDS[board]
    pool = [x for x in (info["units"] if units else info["areas"]) if x not in info["categories"]]
    if long_label:
        longest = max(pool, key=len)
        pool.remove(longest)
        names = [longest] + rng.sample(pool, min(n - 1, len(pool)))
        rng.shuffle(names)
    else:
        names = rng.sample(pool, min(n, len(pool)))
    n = len(names)
    code_list = _codes(rng, n) if codes else [None] * n
    out = _Rows([], [], [], [])
    if categories and n >= 4 and len(info["categories"]) >= 2:
        ncat = 2 if n < 6 else rng.choice([2, 3])
        ncat = min(ncat, len(info["categories"]))
        cats = info["categories"][:ncat]
        cuts = sorted(rng.sample(range(1, n), ncat - 1))
        bounds = [0, *cuts, n]
        for c, (a, b) in enumerate(zip(bounds, bounds[1:])):
            out.codes.append(None), out.labels.append(cats[c]), out.kinds.append("category"), out.indent.append(0)
            for k in range(a, b):
                out.codes.append(code_list[k]), out.labels.append(names[k]), out.kinds.append("row")
                out.indent.append(1)
            out.codes.append(None), out.labels.append(f"Summa {cats[c][0].lower()}{cats[c][1:]}")
            out.kinds.append("subtotal"), out.indent.append(0)
    else:
        for k in range(n):
            out.codes.append(code_list[k]), out.labels.append(names[k]), out.kinds.append("row")
            out.indent.append(0)
    if total:
        out.codes.append(None), out.labels.append(_total_label(rng)), out.kinds.append("total")
        out.indent.append(0)
    return out


def _notes(rng: random.Random, kinds: list[str]) -> list[str]:
    """Note numbers on some rows (the "Not" column), increasing down the table."""
    rows = [k for k, kd in enumerate(kinds) if kd != "category"]
    chosen = sorted(rng.sample(rows, max(1, min(len(rows) - 1, rng.randint(1, 3)))))
    notes = [""] * len(kinds)
    for n, k in enumerate(chosen, 1):
        notes[k] = str(n)
    return notes


# --------------------------------------------------------------------------- headers

def _word(measure: str, rng: random.Random) -> str:
    return {"outcome": rng.choice(["Utfall", "Utfall", "Bokslut"]), "budget": "Budget",
            "deviation": rng.choice(["Avvikelse", "Avvikelse", "Budgetavvikelse"]), "forecast": "Prognos",
            "change": "Förändring", "income": "Intäkter", "cost": "Kostnader", "net": "Netto"}[measure]


def _header(words: str, year: int | None, *, stacked: bool, wrapped: bool, rng: random.Random,
            year_text: str | None = None) -> tuple[tuple[str, ...], str]:
    """Printed header lines of a column and its unwrapped name."""
    ytxt = year_text if year_text is not None else (str(year) if year is not None else "")
    name = f"{words} {ytxt}".strip()
    parts = words.split()
    if wrapped and parts[0] in vocab.WRAPS:
        first = rng.choice(vocab.WRAPS[parts[0]])
        lines = [*first, *parts[1:]]
        if ytxt:
            lines.append(ytxt)
        return tuple(lines), name
    if stacked:
        lines = [words] if len(words) <= 10 else parts
        return tuple(lines + ([ytxt] if ytxt else [])), name
    return (name,), name


def _col(measure: str, year: int | None, rng: random.Random, *, words: str | None = None, stacked: bool,
         wrapped: bool, group: str | None = None, year_text: str | None = None,
         printed_year: bool = True) -> TruthColumn:
    w = words or _word(measure, rng)
    header, name = _header(w, year if printed_year else None, stacked=stacked, wrapped=wrapped, rng=rng,
                           year_text=year_text)
    return TruthColumn(header, measure, year, group, name=name)


def _rows_from(rows: _Rows, m: list[list[int | None]], cols: list[TruthColumn], decimals: list[int] | int,
               style: Style, notes: list[str] | None = None) -> list[TruthRow]:
    out = []
    for k in range(len(rows.labels)):
        if rows.kinds[k] == "category":
            out.append(TruthRow(rows.codes[k], rows.labels[k], "category", [None] * len(cols), [""] * len(cols),
                                indent=rows.indent[k]))
            continue
        dec = decimals[k] if isinstance(decimals, list) else decimals
        values, printed = [], []
        for j in range(len(cols)):
            u = m[k][j]
            if u is None:
                values.append(None), printed.append("")
                continue
            text = fmt_units(u, dec, style)
            values.append(None if (u == 0 and style.nil is not None) else u / 10 ** dec)
            printed.append(text)
        out.append(TruthRow(rows.codes[k], rows.labels[k], rows.kinds[k], values, printed,
                            note=(notes or [""] * len(rows.labels))[k], indent=rows.indent[k]))
    return out


def _footnotes(rng: random.Random, table: TruthTable) -> None:
    """Mark one or two figures with "*" and add the footnote under the table."""
    spots = [(i, j) for i, r in enumerate(table.rows) if r.kind == "row"
             for j, v in enumerate(r.values) if v is not None]
    for i, j in rng.sample(spots, min(len(spots), rng.randint(1, 2))):
        table.rows[i].printed[j] += "*"
    table.footnote = rng.choice(vocab.FOOTNOTES)


def _unit_placement(rng: random.Random, title: str, unit: str | None) -> tuple[str, str, str]:
    """(title, label header, caption) with the unit in one of them."""
    label_header = rng.choice(["", "Verksamhet", "Verksamhet", ""])
    if not unit:
        return title, label_header, ""
    where = rng.choice(["title", "title", "label", "caption"])
    if where == "title":
        return title + rng.choice([f", {unit}", f" ({unit})", f", {unit}"]), label_header, ""
    if where == "label":
        return title, rng.choice([unit.capitalize(), f"Belopp i {unit}"]), ""
    return title, label_header, rng.choice([f"Belopp i {unit}", f"Tabell: belopp i {unit}", f"({unit})"])


def _money_unit(rng: random.Random) -> tuple[str, int]:
    return ("mnkr", 1) if rng.random() < 0.3 else ("tkr", 0)


def _magnitude(rng: random.Random, unit: str, big: bool) -> tuple[float, float]:
    if big:
        return (100_000, 9_500_000) if unit == "tkr" else (10_000, 250_000)   # mnkr tenths: 1 000,0 ... 25 000,0
    return (300, 250_000) if unit == "tkr" else (5, 30_000)


# --------------------------------------------------------------------------- families

def operating(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """Outcome per area: outcome/budget/deviation [prev outcome, change], a total; both sign conventions."""
    unit, dec = _money_unit(rng)
    rows = area_rows(rng, board, n=rng.randint(3, 8), codes=rng.random() < 0.5, categories=rng.random() < 0.35,
                     units=rng.random() < 0.2, long_label="label_glued" in classes)
    dates = "hdr_dates" in classes
    stacked = dates or rng.random() < 0.6
    wrapped = "hdr_wrapped" in classes
    sign = 1 if "sign_reversed" in classes else -1           # deviation = sign × (outcome − budget)
    cost = -1 if "costs_negative" in classes else 1
    layout = rng.choice(["obd", "bod", "obdp", "obdpc", "obd"])
    lo, hi = _magnitude(rng, unit, "big_figures" in classes)
    n = len(rows.labels)
    m: list[list[int]] = [[0] * 5 for _ in range(n)]       # outcome, budget, deviation, prev, change
    plain = [k for k, kd in enumerate(rows.kinds) if kd == "row"]
    nil_rows = set(rng.sample(plain, min(len(plain) - 1, rng.randint(1, 2)))) if "nil_dash" in classes else set()
    for k in plain:
        b = _loguniform(rng, lo, hi)
        o = b + int(round(b * rng.gauss(0, 0.06)))
        p = b + int(round(b * rng.uniform(-0.12, 0.04)))
        if k in nil_rows:
            kind = rng.choice(["outcome", "even", "prev"])
            o = 0 if kind == "outcome" else (b if kind == "even" else o)
            p = 0 if kind == "prev" else p
        m[k][:2], m[k][3] = [cost * o, cost * b], cost * p
    _fill_sums(rows.kinds, m, [0, 1, 3])
    for k, kd in enumerate(rows.kinds):
        if kd != "category":
            m[k][2] = sign * (m[k][0] - m[k][1])
            m[k][4] = m[k][0] - m[k][3]
    assert_sums(rows.kinds, m, [0, 1, 2, 3, 4])
    assert_deviation(m, rows.kinds, 0, 1, 2, sign)
    assert_deviation(m, rows.kinds, 0, 3, 4, 1)
    ytext = (lambda y: f"{y}-12-31") if dates else (lambda y: str(y))
    cols_all = [
        _col("outcome", year, rng, stacked=stacked, wrapped=wrapped, year_text=ytext(year)),
        _col("budget", year, rng, stacked=stacked, wrapped=wrapped),
        _col("deviation", year, rng, stacked=stacked, wrapped=wrapped, printed_year=False),
        _col("outcome", year - 1, rng, stacked=stacked, wrapped=wrapped, year_text=ytext(year - 1)),
        _col("change", year, rng, stacked=stacked, wrapped=wrapped, printed_year=False),
    ]
    order = {"obd": [0, 1, 2], "bod": [1, 0, 2], "obdp": [0, 1, 2, 3], "obdpc": [0, 1, 2, 3, 4]}[layout]
    cols = [cols_all[j] for j in order]
    mm = [[row[j] for j in order] for row in m]
    style = _style(rng, classes)
    title = rng.choice(["Driftredovisning per verksamhet", "Ekonomiskt utfall per verksamhet", "Driftredovisning",
                        "Nettokostnad per verksamhet", "Utfall per enhet", "Ekonomisk sammanställning"])
    title, label_header, caption = _unit_placement(rng, title, unit)
    notes = _notes(rng, rows.kinds) if "note_column" in classes else None
    t = TruthTable(title, unit, cols, _rows_from(rows, mm, cols, dec, style, notes), "operating", classes,
                   label_header=label_header, caption=caption, decimals=dec)
    return t


def income_statement(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """Resultaträkning: income and cost rows, "Summa" subtotals, net cost, grant and the year's result."""
    unit, dec = _money_unit(rng)
    lo, hi = _magnitude(rng, unit, "big_figures" in classes)
    cneg = "costs_negative" in classes or rng.random() < 0.5
    cs = -1 if cneg else 1
    sign = 1 if "sign_reversed" in classes else -1
    wrapped, stacked = "hdr_wrapped" in classes, rng.random() < 0.6
    incs = rng.sample(vocab.INCOME_ROWS, rng.choice([1, 1, 2]))
    costs = rng.sample(vocab.COST_ROWS, rng.randint(2, 4))
    labels, kinds = [], []
    for x in incs:
        labels.append(x), kinds.append("row")
    if len(incs) > 1:
        labels.append("Summa intäkter"), kinds.append("subtotal")
    for x in costs:
        labels.append(x), kinds.append("row")
    labels.append("Summa kostnader"), kinds.append("subtotal")
    net_label, grant_label, res_label = (rng.choice(vocab.NET_LABELS), rng.choice(vocab.GRANT_LABELS),
                                         rng.choice(vocab.RESULT_LABELS))
    labels += [net_label, grant_label, res_label]
    kinds += ["subtotal", "row", "total"]
    n = len(labels)
    m = [[0] * 4 for _ in range(n)]               # outcome, budget, deviation, prev outcome
    inc_idx = [k for k, x in enumerate(labels) if x in incs]
    cost_idx = [k for k, x in enumerate(labels) if x in costs]
    nil_row = rng.choice(cost_idx) if "nil_dash" in classes else None
    for k in inc_idx:
        m[k][1] = _loguniform(rng, lo / 4, hi / 4)
    for k in cost_idx:
        m[k][1] = cs * _loguniform(rng, lo, hi)
    for k in inc_idx + cost_idx:                  # last year: this year's budget, a few per cent lower
        m[k][3] = int(round(m[k][1] * rng.uniform(0.88, 1.02)))
        m[k][0] = m[k][1]
    if nil_row is not None:
        m[nil_row][0] = m[nil_row][3] = 0
    for k in cost_idx:                      # outcome = budget ± a few per cent
        m[k][0] = m[k][1] + int(round(m[k][1] * rng.gauss(0, 0.05))) if m[k][0] != 0 else 0
    for k in inc_idx:
        m[k][0] = m[k][1] + int(round(m[k][1] * rng.gauss(0, 0.08)))
    if len(incs) > 1:
        si = labels.index("Summa intäkter")
    sc, net, grant, res = labels.index("Summa kostnader"), n - 3, n - 2, n - 1
    for j in (0, 1, 3):
        tot_inc = sum(m[k][j] for k in inc_idx)
        if len(incs) > 1:
            m[si][j] = tot_inc
        m[sc][j] = sum(m[k][j] for k in cost_idx)
        m[net][j] = tot_inc + m[sc][j] if cneg else m[sc][j] - tot_inc
    for j in (0, 1, 3):
        ref = m[net][1] if j != 3 else m[net][3] + int(round(abs(m[net][3]) * rng.uniform(-0.02, 0.02)))
        m[grant][j] = -ref if cneg else ref
        m[res][j] = m[net][j] + m[grant][j] if cneg else m[grant][j] - m[net][j]
    for k in range(n):
        m[k][2] = sign * (m[k][0] - m[k][1])
    # the arithmetic, stated once more from the printed rows
    for j in range(4):
        assert m[sc][j] == sum(m[k][j] for k in cost_idx)
        inc = sum(m[k][j] for k in inc_idx)
        assert m[net][j] == (inc + m[sc][j] if cneg else m[sc][j] - inc)
        assert m[res][j] == (m[net][j] + m[grant][j] if cneg else m[grant][j] - m[net][j])
    assert m[res][1] == 0
    assert_deviation(m, kinds, 0, 1, 2, sign)
    layout = rng.choice(["obd", "obdp", "obdp"])
    cols_all = [_col("outcome", year, rng, stacked=stacked, wrapped=wrapped),
                _col("budget", year, rng, stacked=stacked, wrapped=wrapped),
                _col("deviation", year, rng, stacked=stacked, wrapped=wrapped, printed_year=False),
                _col("outcome", year - 1, rng, stacked=stacked, wrapped=wrapped)]
    order = {"obd": [0, 1, 2], "obdp": [0, 1, 2, 3]}[layout]
    cols = [cols_all[j] for j in order]
    mm = [[row[j] for j in order] for row in m]
    rows = _Rows([None] * n, labels, kinds, [0] * n)
    style = _style(rng, classes)
    title = rng.choice(["Resultaträkning", "Resultatredovisning", "Ekonomiskt resultat", "Resultaträkning nämnden"])
    title, label_header, caption = _unit_placement(rng, title, unit)
    if label_header == "Verksamhet":
        label_header = ""
    notes = _notes(rng, kinds) if "note_column" in classes else None
    return TruthTable(title, unit, cols, _rows_from(rows, mm, cols, dec, style, notes), "income_statement",
                      classes, label_header=label_header, caption=caption, decimals=dec)


def income_cost_net(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """Income, cost and net per area — one year, or several years over abbreviated sub-columns."""
    unit, dec = _money_unit(rng)
    lo, hi = _magnitude(rng, unit, "big_figures" in classes)
    rows = area_rows(rng, board, n=rng.randint(3, 7), codes=rng.random() < 0.4, categories=rng.random() < 0.25,
                     long_label="label_glued" in classes)
    sub = "hdr_subcolumns" in classes
    cneg = "costs_negative" in classes or (not sub and rng.random() < 0.5)
    wrapped, stacked = "hdr_wrapped" in classes, rng.random() < 0.5
    n = len(rows.labels)
    plain = [k for k, kd in enumerate(rows.kinds) if kd == "row"]
    variant = rng.choice(["ikn", "ub"]) if sub else "ikn"
    years = [year - 1, year] if sub else [year]
    per = 3 if variant == "ikn" else (2 if rng.random() < 0.5 else 3)
    m = [[0] * (per * len(years)) for _ in range(n)]
    nil_spot = (rng.choice(plain), rng.randrange(len(years))) if "nil_dash" in classes else None
    for k in plain:
        for yi in range(len(years)):
            base = yi * per
            if variant == "ikn":
                c = _loguniform(rng, lo, hi)
                i = int(c * rng.uniform(0.02, 0.6))
                if nil_spot == (k, yi):
                    i = 0
                m[k][base], m[k][base + 1] = i, (-c if cneg else c)
            else:
                b = _loguniform(rng, lo, hi)
                o = b + int(round(b * rng.gauss(0, 0.06)))
                if nil_spot == (k, yi):
                    o = b
                m[k][base], m[k][base + 1] = o, b
    _fill_sums(rows.kinds, m, [yi * per + j for yi in range(len(years)) for j in range(2)])
    for k, kd in enumerate(rows.kinds):
        if kd == "category":
            continue
        for yi in range(len(years)):
            base = yi * per
            if variant == "ikn":
                m[k][base + 2] = m[k][base] + m[k][base + 1] if cneg else m[k][base + 1] - m[k][base]
            elif per == 3:
                m[k][base + 2] = m[k][base + 1] - m[k][base]
    assert_sums(rows.kinds, m, list(range(per * len(years))))
    for k, kd in enumerate(rows.kinds):
        if kd != "category" and variant == "ikn":
            for yi in range(len(years)):
                b = yi * per
                assert m[k][b + 2] == (m[k][b] + m[k][b + 1] if cneg else m[k][b + 1] - m[k][b])
    cols: list[TruthColumn] = []
    legend = ""
    if sub:
        letters = (("I", "income"), ("K", "cost"), ("N", "net")) if variant == "ikn" else \
            (("U", "outcome"), ("B", "budget"), ("A", "deviation"))[:per]
        gtext = rng.choice(["{y}", "{y}", "Helår {y}", "Bokslut {y}"])
        for y in years:
            g = gtext.format(y=y)
            for letter, measure in letters:
                cols.append(TruthColumn((letter,), measure, y, g))
        legend = ("I = intäkter, K = kostnader, N = netto" if variant == "ikn"
                  else "U = utfall, B = budget" + (", A = avvikelse" if per == 3 else ""))
    else:
        net_word = "Netto" if cneg else rng.choice(["Nettokostnad", "Netto"])
        cols = [_col("income", year, rng, stacked=stacked, wrapped=wrapped),
                _col("cost", year, rng, stacked=stacked, wrapped=wrapped),
                _col("net", year, rng, words=net_word, stacked=stacked, wrapped=wrapped)]
    style = _style(rng, classes)
    title = rng.choice(["Intäkter och kostnader per verksamhet", "Ekonomi per verksamhet", "Kostnader och intäkter",
                        "Verksamheternas ekonomi"])
    title, label_header, caption = _unit_placement(rng, title, unit)
    notes = _notes(rng, rows.kinds) if "note_column" in classes else None
    return TruthTable(title, unit, cols, _rows_from(rows, m, cols, dec, style, notes), "income_cost_net", classes,
                      label_header=label_header, caption=caption, legend=legend, decimals=dec)


def _key_series(rng: random.Random, spec: tuple, n: int, *, drift: float = 0.05) -> list[int]:
    label, kind, lo, hi, dec = spec
    v = _loguniform(rng, lo, hi)
    out = []
    for _ in range(n):
        out.append(max(1, v))
        v = int(round(v * (1 + rng.gauss(0, drift))))
    return out


def key_figures(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """Key figures over years (or by place); no identity ties a row's figures together."""
    big = "big_figures" in classes
    places = "hdr_places" in classes
    five = "hdr_title_years" in classes
    nrows = rng.randint(3, 6)
    if big:
        specs = rng.sample(vocab.BIG_FIGURES, min(nrows, len(vocab.BIG_FIGURES)))
        specs += rng.sample([k for k in vocab.KEY_FIGURES if k[1] != "big"], rng.randint(0, 2))
        rng.shuffle(specs)
    else:
        specs = rng.sample([k for k in vocab.KEY_FIGURES if k[1] != "big"], nrows)
    wrapped = "hdr_wrapped" in classes
    cols: list[TruthColumn] = []
    if places:
        if rng.random() < 0.5:
            cols = [TruthColumn((p,), "value", year, p) for p in vocab.PLACES]
        else:
            for p in rng.sample(vocab.PLACES, 2):
                for y in (year - 1, year):
                    cols.append(TruthColumn((str(y),), "value", y, p))
    else:
        ny = 5 if five else rng.randint(3, 5)
        years = list(range(year - ny + 1, year + 1))
        if not five and rng.random() < 0.4:
            years.reverse()
        style_h = "bare" if five else rng.choice(["bare", "bare", "utfall", "bokslut"])
        stacked = rng.random() < 0.5
        for y in years:
            if style_h == "bare":
                cols.append(TruthColumn((str(y),), "value", y))
            else:
                cols.append(_col("outcome", y, rng, words="Utfall" if style_h == "utfall" else "Bokslut",
                                 stacked=stacked, wrapped=wrapped))
    n = len(cols)
    labels, decs, m = [], [], []
    nil_spot = (rng.randrange(len(specs)), rng.randrange(n)) if "nil_dash" in classes else None
    for i, spec in enumerate(specs):
        if places:
            base = _key_series(rng, spec, 1)[0]
            series = [max(1, int(round(base * rng.uniform(0.8, 1.2)))) for _ in range(n)]
        else:
            series = _key_series(rng, spec, n)
        if nil_spot and nil_spot[0] == i:
            series[nil_spot[1]] = 0
        labels.append(spec[0]), decs.append(spec[4]), m.append(series)
    if not big:
        assert all(v >= 0 for r in m for v in r)
    style = _style(rng, classes)
    rows = _Rows([None] * len(labels), labels, ["row"] * len(labels), [0] * len(labels))
    if five:
        title = rng.choice(["Fem år i sammandrag", "Verksamheten i siffror", "Flerårsöversikt"])
    elif places:
        title = rng.choice(["Jämförelse med länet och riket", "Nyckeltal i jämförelse", "Kommunen i jämförelse"])
    else:
        title = rng.choice(["Nyckeltal", "Verksamhetsmått", "Nyckeltal för verksamheten", "Volymer och nyckeltal"])
    label_header = rng.choice(["", "Nyckeltal", "Mått"]) if not five else ""
    t = TruthTable(title, None, cols, _rows_from(rows, m, cols, decs, style), "key_figures", classes,
                   label_header=label_header, title_years=five)
    return t


def forecast(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """Forecast per area: grouped "Period" | "Helår" columns, or budget / forecasts / deviation."""
    unit, dec = _money_unit(rng)
    lo, hi = _magnitude(rng, unit, "big_figures" in classes)
    rows = area_rows(rng, board, n=rng.randint(3, 7), codes=rng.random() < 0.4, categories=rng.random() < 0.25,
                     long_label="label_glued" in classes)
    groups = "hdr_groups" in classes
    sign = 1 if "sign_reversed" in classes else -1
    cs = -1 if "costs_negative" in classes else 1
    wrapped, stacked = "hdr_wrapped" in classes, True
    n = len(rows.labels)
    plain = [k for k, kd in enumerate(rows.kinds) if kd == "row"]
    nil_rows = set(rng.sample(plain, 1)) if "nil_dash" in classes else set()
    share = rng.choice([4, 8, 9]) / 12
    if groups:
        # Period: outcome, budget, deviation | Helår: budget, forecast, deviation
        m = [[0] * 6 for _ in range(n)]
        for k in plain:
            b = _loguniform(rng, lo, hi)
            bp = int(b * share)
            op = bp + int(round(bp * rng.gauss(0, 0.07)))
            f = b + int(round(b * rng.gauss(0, 0.05)))
            if k in nil_rows:
                op, f = bp, b
            m[k][0], m[k][1], m[k][3], m[k][4] = cs * op, cs * bp, cs * b, cs * f
        _fill_sums(rows.kinds, m, [0, 1, 3, 4])
        for k, kd in enumerate(rows.kinds):
            if kd != "category":
                m[k][2] = sign * (m[k][0] - m[k][1])
                m[k][5] = sign * (m[k][4] - m[k][3])
        assert_sums(rows.kinds, m, list(range(6)))
        assert_deviation(m, rows.kinds, 0, 1, 2, sign)
        assert_deviation(m, rows.kinds, 4, 3, 5, sign)
        g1 = rng.choice(["Period", "Jan–aug" if share == 8 / 12 else "Perioden", "Ackumulerat"])
        g2 = rng.choice(["Helår", f"Helår {year}", "Helår"])
        cols = [_col("outcome", year, rng, stacked=stacked, wrapped=wrapped, group=g1, printed_year=False),
                _col("budget", year, rng, stacked=stacked, wrapped=wrapped, group=g1, printed_year=False),
                _col("deviation", year, rng, words="Avvikelse", stacked=stacked, wrapped=wrapped, group=g1,
                     printed_year=False),
                _col("budget", year, rng, stacked=stacked, wrapped=wrapped, group=g2, printed_year=False),
                _col("forecast", year, rng, stacked=stacked, wrapped=wrapped, group=g2, printed_year=False),
                _col("deviation", year, rng, words="Avvikelse", stacked=stacked, wrapped=wrapped, group=g2,
                     printed_year=False)]
        if rng.random() < 0.5:                     # the year printed once, in the groups
            g2y = f"Helår {year}"
            cols = [TruthColumn(c.header, c.measure, c.year, g2y if c.group == g2 else c.group, c.name)
                    for c in cols]
    else:
        two = rng.random() < 0.5
        m = [[0] * 4 for _ in range(n)]          # budget, previous forecast, forecast, deviation
        for k in plain:
            b = _loguniform(rng, lo, hi)
            pf = b + int(round(b * rng.gauss(0, 0.04)))
            f = pf + int(round(b * rng.gauss(0, 0.03)))
            if k in nil_rows:
                f = b
            m[k][:3] = [cs * b, cs * pf, cs * f]
        _fill_sums(rows.kinds, m, [0, 1, 2])
        for k, kd in enumerate(rows.kinds):
            if kd != "category":
                m[k][3] = sign * (m[k][2] - m[k][0])
        assert_sums(rows.kinds, m, [0, 1, 2, 3])
        assert_deviation(m, rows.kinds, 2, 0, 3, sign)
        months = rng.choice([("april", "augusti"), ("T1", "T2"), ("mars", "oktober")])
        cols = [_col("budget", year, rng, stacked=stacked, wrapped=wrapped)]
        if two:
            cols.append(_col("previous_forecast", year, rng, words=f"Prognos {months[0]}", stacked=stacked,
                             wrapped=wrapped, printed_year=False))
        cols.append(_col("forecast", year, rng, words=f"Prognos {months[1]}" if two else "Prognos", stacked=stacked,
                         wrapped=wrapped, printed_year=not two))
        cols.append(_col("deviation", year, rng, stacked=stacked, wrapped=wrapped, printed_year=False))
        if not two:
            m = [[r[0], r[2], r[3]] for r in m]
    style = _style(rng, classes)
    title = rng.choice(["Prognos per verksamhet", "Ekonomisk uppföljning per verksamhet", "Helårsprognos",
                        "Budgetuppföljning"])
    title, label_header, caption = _unit_placement(rng, title, unit)
    notes = _notes(rng, rows.kinds) if "note_column" in classes else None
    return TruthTable(title, unit, cols, _rows_from(rows, m, cols, dec, style, notes), "forecast", classes,
                      label_header=label_header, caption=caption, decimals=dec)


def investments(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """Investment projects: budget, outcome, deviation (budget − outcome, or reversed), a total."""
    unit, dec = _money_unit(rng)
    lo, hi = _magnitude(rng, unit, "big_figures" in classes)
    lo, hi = (lo / 2, hi / 2) if unit == "tkr" else (lo, hi / 10)
    names = rng.sample(vocab.INVESTMENTS, rng.randint(3, 7))
    if "label_glued" in classes:
        longest = max(vocab.INVESTMENTS, key=len)
        if longest not in names:
            names[0] = longest
    labels = names + [rng.choice(["Summa investeringar", "Summa", "Totalt"])]
    kinds = ["row"] * len(names) + ["total"]
    sign = 1 if "sign_reversed" in classes else -1
    dates = "hdr_dates" in classes
    n = len(labels)
    m = [[0] * 3 for _ in range(n)]             # budget, outcome, deviation
    nil_rows = set(rng.sample(range(len(names)), 1)) if "nil_dash" in classes else set()
    for k in range(len(names)):
        b = _loguniform(rng, lo, hi)
        o = int(b * rng.uniform(0.3, 1.15))
        if k in nil_rows:
            o = rng.choice([0, b])
        m[k][0], m[k][1] = b, o
    _fill_sums(kinds, m, [0, 1])
    for k in range(n):
        m[k][2] = sign * (m[k][1] - m[k][0])
    assert_sums(kinds, m, [0, 1, 2])
    assert_deviation(m, kinds, 1, 0, 2, sign)
    wrapped = "hdr_wrapped" in classes
    stacked = dates or rng.random() < 0.5
    cols = [_col("budget", year, rng, stacked=stacked, wrapped=wrapped),
            _col("outcome", year, rng, stacked=stacked, wrapped=wrapped,
                 year_text=f"{year}-12-31" if dates else None),
            _col("deviation", year, rng, stacked=stacked, wrapped=wrapped, printed_year=False)]
    rows = _Rows([None] * n, labels, kinds, [0] * n)
    style = _style(rng, classes)
    title = rng.choice(["Investeringsredovisning", "Investeringar", "Investeringsprojekt", "Uppföljning investeringar"])
    title, label_header, caption = _unit_placement(rng, title, unit)
    if label_header == "Verksamhet":
        label_header = "Projekt"
    notes = _notes(rng, kinds) if "note_column" in classes else None
    return TruthTable(title, unit, cols, _rows_from(rows, m, cols, dec, style, notes), "investments", classes,
                      label_header=label_header, caption=caption, decimals=dec)


def transposed(rng: random.Random, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """A small table with years as rows and key figures as columns."""
    specs = rng.sample([k for k in vocab.KEY_FIGURES if k[1] in ("count", "pct")], rng.randint(2, 4))
    years = list(range(year - rng.randint(2, 3), year + 1))
    if rng.random() < 0.3:
        years.reverse()
    cols = []
    for s in specs:
        words = s[0].split()
        header = tuple(words) if len(words) <= 2 else (" ".join(words[:2]), " ".join(words[2:]))
        cols.append(TruthColumn(header, "value", None, None, name=s[0]))
    series = [_key_series(rng, s, len(years)) for s in specs]
    if "nil_dash" in classes:
        series[rng.randrange(len(specs))][rng.randrange(len(years))] = 0
    style = _style(rng, classes)
    rows = []
    for i, y in enumerate(years):
        values, printed = [], []
        for j, s in enumerate(specs):
            u = series[j][i]
            values.append(None if (u == 0 and style.nil is not None) else u / 10 ** s[4])
            printed.append(fmt_units(u, s[4], style))
        rows.append(TruthRow(None, str(y), "row", values, printed))
    title = rng.choice(["Utveckling över tid", "Elever och personal", "Volymer per år", "Verksamheten per år"])
    return TruthTable(title, None, cols, rows, "transposed", classes, transposed=True, label_header="År")


BUILDERS = {"operating": operating, "income_statement": income_statement, "income_cost_net": income_cost_net,
            "key_figures": key_figures, "forecast": forecast, "investments": investments, "transposed": transposed}


def build_table(rng: random.Random, family: str, year: int, classes: frozenset[str], board: str) -> TruthTable:
    """One table of ``family`` printed with ``classes`` (classes the family cannot show are dropped)."""
    classes = frozenset(c for c in classes if c not in UNFIT.get(family, set()))
    if "note_column" in classes:
        classes -= {"label_glued"}            # the note column stands between a label and its figures
    if "cell_per_line" in classes:
        classes -= {"single_spaced"}
    for h in HEADER_CLASSES:
        if h in classes and family not in FAMILY_OF_HEADER[h]:
            classes -= {h}
    for _ in range(12):           # draw again until the table shows the classes that depend on its figures
        t = BUILDERS[family](rng, year, classes, board)
        negatives = any(v is not None and v < 0 for r in t.rows for v in r.values)
        if negatives or not ({"parens", "minus_variants"} & classes):
            break
    t.classes = classes
    for r in t.rows:              # every printed figure states its truth value
        for v, p in zip(r.values, r.printed):
            got = read_printed(p)
            assert (got is None and v is None) or (got is not None and v is not None and abs(got - v) < 1e-9), \
                (t.title, r.label, p, v)
    if "footnotes" in classes:
        _footnotes(rng, t)
    if "intro_sentence" in classes:
        t.intro = rng.choice(vocab.INTRO_SENTENCES)
    if not any(v is not None and v < 0 for r in t.rows for v in r.values):
        t.classes -= {"parens", "minus_variants"}     # no negative figure to show them
    if "nil_dash" in classes and not any(v is None and r.kind != "category" for r in t.rows for v in r.values):
        t.classes -= {"nil_dash"}
    if "hdr_wrapped" in classes and not any(c.name and c.name != " ".join(c.header) for c in t.columns):
        t.classes -= {"hdr_wrapped"}
    return t
