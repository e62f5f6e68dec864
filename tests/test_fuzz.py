"""Fuzzing: the number parser, the row splitter and the table locators under random and damaged input.

Nothing may fail with anything but the library's own errors (``ValueError`` from
``parse_numeral``, ``SplitError`` from ``split_row``, ``KslibError`` from
reading a report), and no split may claim an identity it does not satisfy.
"""
from __future__ import annotations

import math
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import REPORT_2020
from kslib.errors import KslibError
from kslib.fmt import format_number
from kslib.parse.numbers import Identity, SplitError, parse_number, parse_numeral, split_row, tokenize_row
from kslib.parse.report import Report
from kslib.read.source import Source, decode, lines_from_text
from kslib.parse.tables import views
from kslib.parse.tables.discover import discover
from kslib.parse.tables.identities import deviation_pairs

# KSLIB_FUZZ_SCALE=20 pytest tests/test_fuzz.py runs twenty times as many examples (a longer fuzzing session).
SCALE = max(0.01, float(os.environ.get("KSLIB_FUZZ_SCALE", "1")))
FAST = settings(max_examples=max(1, int(300 * SCALE)), deadline=None)
SLOW = settings(max_examples=max(1, int(60 * SCALE)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVERY_TABLE = max(1, int(20 * SCALE))

GROUPS = [" ", "\u00a0", "\u202f", "\u2009"]          # space, NBSP, narrow NBSP, thin space
MINUSES = ["-", "\u2212", "\u2013", "- ", "\u2212 "]   # hyphen, minus sign, en dash, detached minus
TEXT_LINES = REPORT_2020.read_text(encoding="utf-8").split("\n")


def swedish(value: int, *, group: str = " ", minus: str = "-", decimals: int = 0) -> str:
    """``-1234567`` → ``"-1 234 567"``; with ``decimals`` the last digits go after a decimal comma."""
    digits = str(abs(value)).rjust(decimals + 1, "0")
    whole, frac = (digits[:-decimals], digits[-decimals:]) if decimals else (digits, "")
    groups = f"{int(whole):,}".replace(",", group)
    return (minus if value < 0 else "") + groups + (f",{frac}" if frac else "")


# --------------------------------------------------------------------------- the number parser

@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))
def test_parse_numeral_any_text(text):
    try:
        num = parse_numeral(text)
    except ValueError:
        return
    assert math.isfinite(num.value)
    assert num.unit in (None, "tkr", "mnkr", "kr", "%", "st")


@FAST
@given(st.integers(-10**12, 10**12), st.integers(0, 3), st.sampled_from(GROUPS), st.sampled_from(MINUSES),
       st.sampled_from(["", " tkr", " mnkr", " kr", " %", "%", " st"]), st.sampled_from(["", "*", "**"]),
       st.booleans())
def test_parse_numeral_swedish_figures(value, decimals, group, minus, unit, foot, prel):
    text = ("prel. " if prel else "") + swedish(value, group=group, minus=minus, decimals=decimals) + foot + unit
    num = parse_numeral(text)
    assert num.value == pytest.approx(value / 10**decimals, rel=1e-12, abs=1e-12)
    assert num.decimals == decimals
    assert num.footnote == foot
    assert num.preliminary == prel
    assert num.unit == ({"": None, " mnkr": "mnkr", " tkr": "tkr", " kr": "kr", " st": "st"}.get(unit, "%"))


@FAST
@given(st.integers(-10**9, 10**9), st.integers(0, 2))
def test_format_then_parse_round_trips(value, decimals):
    x = value / 10**decimals
    assert parse_number(format_number(x, decimals=decimals)) == pytest.approx(x, abs=10**-decimals / 2)


# --------------------------------------------------------------------------- the row splitter

@FAST
@given(st.text(alphabet=st.sampled_from(list("0123456789 -–−,%*abcÅÖ.+\u00a0\u202f")), max_size=60))
def test_tokenize_and_split_any_row(text):
    label, tokens = tokenize_row(text)
    assert isinstance(label, str)
    for n_cols in (1, 3, 5):
        try:
            result = split_row(tokens, n_cols)
        except SplitError:
            continue
        assert len(result.best.values) == n_cols
        assert sum(v is not None for v in result.best.values) >= 1


def _dev(v):
    return None if None in (v[0], v[1], v[2]) else v[2] - (v[1] - v[0])


def _chg(v):
    return None if None in (v[0], v[3], v[4]) else v[4] - (v[0] - v[3])


IDENTITIES = (Identity("deviation", _dev, 2.0), Identity("change", _chg, 2.0))
RESIDUALS = {i.name: i.residual for i in IDENTITIES}
AMOUNTS = st.integers(-300_000, 300_000)


def _assert_claims_hold(split, tol=2.0):
    for name in split.satisfied:
        r = RESIDUALS[name](split.values)
        assert r is not None and abs(r) <= tol + 1e-9, (name, split)
    for name in split.violated:
        r = RESIDUALS[name](split.values)
        assert r is not None and abs(r) > tol, (name, split)


@FAST
@given(AMOUNTS, AMOUNTS, AMOUNTS, st.sampled_from([None, 0, 1, 2, 3, 4]), st.sampled_from(GROUPS),
       st.sampled_from(MINUSES), st.booleans())
def test_split_of_a_budget_row(outcome, budget, last_year, blank, group, minus, wide_gaps):
    """Outcome, budget, deviation, last year, change: claims hold; an identity decision finds the truth."""
    truth = [outcome, budget, budget - outcome, last_year, outcome - last_year]
    if blank is not None:
        truth[blank] = None
    truth = tuple(truth)
    text = "100 Verksamhet"
    for k, value in enumerate(truth):
        if value is None:
            continue
        gap = "  " if (k and truth[k - 1] is None) or wide_gaps else " "
        text += gap + swedish(value, group=group, minus=minus)
    label, tokens = tokenize_row(text)
    assert label == "100 Verksamhet"
    try:
        result = split_row(tokens, 5, identities=IDENTITIES, blank_cost=[0.6, 0.6, 0.3, 0.6, 0.3])
    except SplitError:
        pytest.fail(f"no split for {text!r}")
    for split in (result.best, *result.alternatives):
        _assert_claims_hold(split)
    if result.decided_by == "identity":
        assert result.best.satisfied and not result.best.violated
        if result.best.values != truth:
            # only a coincidence the printed figures cannot tell apart is allowed: the chosen reading keeps
            # every identity it checks exactly, and more of them than the true one (which needs a blank)
            kept = [n for n, f in RESIDUALS.items() if f(truth) is not None]
            assert not result.best.approximate and len(kept) < len(result.best.satisfied), text
    if result.decided_by == "unique":
        assert result.best.values == truth, text


@FAST
@given(st.lists(st.integers(0, 100_000), min_size=2, max_size=6), st.sampled_from(GROUPS))
def test_split_of_a_series_row(values, group):
    """Key figures over the years (no identity): never a crash, every figure's digits kept in order."""
    text = "Antal ärenden " + " ".join(swedish(v, group=group) for v in values)
    _, tokens = tokenize_row(text)
    result = split_row(tokens, len(values), series=True)
    digits = "".join(str(int(v)) for v in result.best.values if v is not None)
    assert digits == "".join(str(v) for v in values)
    assert not result.best.satisfied and not result.best.violated


# --------------------------------------------------------------------------- damaged reports

def _damage(lines: list[str], ops) -> list[str]:
    lines = list(lines)
    for op, i in ops:
        if not lines:
            break
        i %= len(lines)
        if op == "drop":
            del lines[i]
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "spaces":
            lines[i] = lines[i].replace(" ", "  ")
        elif op == "cut":
            lines = lines[: max(i, 1)]
    return lines


def _source(lines: list[str]) -> Source:
    content, furniture = lines_from_text(lines)
    return Source("damaged.txt", "0" * 64, content, None, furniture)


OPS = st.lists(st.tuples(st.sampled_from(["drop", "swap", "dup", "spaces", "cut"]),
                         st.integers(0, len(TEXT_LINES) - 1)), min_size=1, max_size=10)


def _holds(table, values) -> list[bool]:
    """Each identity of the table's columns, recomputed from ``values`` in either sign: does it hold?"""
    tol = 2.0 * 10 ** -table.decimals
    out = []
    for d, a, b in deviation_pairs(table.columns):
        if None not in (values[d], values[a], values[b]):
            out.append(min(abs(values[d] - (values[b] - values[a])), abs(values[d] - (values[a] - values[b]))) <= tol)
    for k, c in enumerate(table.columns):
        a, z = table.column("outcome", c.year), table.column("outcome", c.base_year)
        if c.measure == "change" and c.base_year and a is not None and z is not None \
                and None not in (values[k], values[a], values[z]):
            out.append(abs(values[k] - (values[a] - values[z])) <= tol)
    return out


def _check_table_claims(table) -> None:
    """A reading said to be decided by an identity keeps one, recomputed from the row's figures; a reading
    decided otherwise claims none; every row has one value per column."""
    for row in table.rows:
        assert len(row.values) == len(table.columns)
        for choice in row.choices:
            if choice.split.decided_by == "identity":
                assert any(_holds(table, row.values)), (row.label, choice.split.best)
    frame = views.tidy(table)
    printed = frame[frame["measure"] != "surplus"]
    rows = sum(1 for r in table.rows if r.kind != "category")
    assert len(printed) <= rows * len(table.columns)
    budgets = sum(1 for c in table.columns if c.measure == "budget")
    assert len(frame) - len(printed) <= rows * max(budgets, 0)     # at most one surplus per row and budget


@SLOW
@given(OPS)
def test_damaged_report_financial_tables(ops):
    """Lines dropped, swapped, duplicated, spaces doubled, text cut: no crash, no false claim."""
    for table in discover(_source(_damage(TEXT_LINES, ops)), year=2020):
        _check_table_claims(table)


@settings(SLOW, max_examples=EVERY_TABLE)
@given(OPS)
def test_damaged_report_every_table(ops):
    """The whole report (every registered table that exists yet) reads or fails with a KslibError."""
    source = _source(_damage(TEXT_LINES, ops))
    try:
        report = Report(source)
        for name in Report.table_names():
            frame = report.table(name)
            assert isinstance(frame, pd.DataFrame)
    except KslibError as exc:
        assert str(exc).strip() and "\n" not in str(exc)


def _lead(source) -> list[pd.DataFrame]:
    """The tidy frames of the report's first two tables (resultaträkning, driftredovisning)."""
    return [views.tidy(t).drop(columns="table") for t in discover(source, year=2020)[:2]]


LEAD_END = discover(_source(TEXT_LINES), year=2020)[1].rows[-1].line.number   # the driftredovisning's last row
LEAD_FRAMES = _lead(_source(TEXT_LINES))


@SLOW
@given(st.lists(st.tuples(st.sampled_from(["drop", "swap", "dup", "spaces", "cut"]),
                          st.integers(LEAD_END + 1, len(TEXT_LINES) - 1)), min_size=1, max_size=10))
def test_damage_after_a_table_does_not_change_it(ops):
    """Nothing is remembered across the text: damage below the first two tables leaves them as they were."""
    head, tail = TEXT_LINES[:LEAD_END + 1], TEXT_LINES[LEAD_END + 1:]
    shifted = [(op, i - LEAD_END - 1) for op, i in ops]
    assume(tail)
    source = _source(head + _damage(tail, shifted))
    for got, want in zip(_lead(source), LEAD_FRAMES, strict=True):
        pd.testing.assert_frame_equal(got, want)


# --------------------------------------------------------------------------- raw bytes

@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_input_error(data):
    try:
        text = decode(data, "x.txt")
    except KslibError as exc:
        assert str(exc).startswith("x.txt: ")
        return
    content, _ = lines_from_text(text.split("\n"))
    assert all(line.text.strip() for line in content)


@SLOW
@given(st.lists(st.sampled_from(TEXT_LINES[:120]) | st.text(max_size=60), max_size=40))
def test_report_pieces_and_noise(lines):
    """Random lines of the report mixed with noise: a report or a KslibError, never a crash."""
    try:
        report = Report(_source(lines))
        for name in ("resultatrakning", "driftredovisning", "nyckeltal"):
            report.table(name)
    except KslibError:
        pass
