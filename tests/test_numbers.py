"""Swedish numerals and the identity-based row splitter."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kslib.parse.numbers import Identity, SplitError, parse_number, parse_numeral, split_row, tokenize_row


@pytest.mark.parametrize("text, value", [
    ("71 994", 71994), ("-1 631", -1631), ("- 6 279", -6279), ("\u2212 6 279", -6279), ("–8,2", -8.2),
    ("– 8,2", -8.2), ("5,2 %", 5.2), ("644*", 644), ("71\u00a0994", 71994), ("71\u202f994", 71994),
    ("1 234 567", 1234567), ("0", 0), ("2,6 mnkr", 2.6), ("4 954 kr", 4954), ("prel. 70", 70),
    ("+5", 5), ("1315", 1315),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_numeral_decorations():
    n = parse_numeral("prel. 1 234,5 tkr")
    assert (n.value, n.unit, n.preliminary, n.decimals) == (1234.5, "tkr", True, 1)
    assert parse_numeral("644*").footnote == "*"
    assert parse_numeral("2,1 mkr").unit == "mnkr"
    assert parse_numeral("6,6 procent").unit == "%"


@pytest.mark.parametrize("bad", ["", "tkr", "12 34", "1 2345", "abc", "1,2,3", "12-3"])
def test_parse_number_rejects(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


def test_tokenize_row_label_code_and_signs():
    label, toks = tokenize_row("100 Politisk text - 6 279 5,2 % 644*")
    assert label == "100 Politisk text"
    assert [t.text for t in toks] == ["-6", "279", "5,2%", "644*"]


def test_tokenize_row_marks_double_space_as_gap():
    _, toks = tokenize_row("Rad  1 355 1 163")
    assert [t.gap_before for t in toks] == [True, False, False, False]


def _fin_identities(tol=2.0):
    # outcome, budget, deviation (= budget - outcome), last year, change
    dev = Identity("deviation", lambda v: None if None in (v[0], v[1], v[2]) else v[2] - (v[1] - v[0]), tol)
    chg = Identity("change", lambda v: None if None in (v[0], v[3], v[4]) else v[4] - (v[0] - v[3]), tol)
    return [dev, chg]


def test_split_row_identity_decides_capital_costs_row():
    # "-1 112 147" could be -1 112 | 147 or -1 | 112 147: only the first satisfies the change identity
    _, toks = tokenize_row("Kapitalkostnader -965 -905 -60 -1 112 147")
    ids = [Identity("dev", lambda v: None if None in v[:3] else v[2] - (v[0] - v[1])),
           Identity("chg", lambda v: None if None in (v[0], v[3], v[4]) else v[4] - (v[0] - v[3]))]
    r = split_row(toks, 5, identities=ids)
    assert r.best.values == (-965, -905, -60, -1112, 147)
    assert r.decided_by == "identity"


def test_split_row_blank_goes_to_the_gap():
    _, toks = tokenize_row("Budget 500 500  400 100")
    r = split_row(toks, 5, identities=_fin_identities(), blank_cost=[0.6, 0.6, 0.3, 0.6, 0.3])
    assert r.best.values == (500, 500, None, 400, 100)


def test_split_row_series_prefers_even_magnitudes_and_says_so():
    _, toks = tokenize_row("Upphandlingar 60 93 112 89 79")
    r = split_row(toks, 5, series=True)
    assert r.best.values == (60, 93, 112, 89, 79)
    assert r.ambiguous and any(93112 in a.values for a in r.alternatives)


def test_split_row_too_many_figures():
    _, toks = tokenize_row("x 1 2 3 4")
    with pytest.raises(SplitError):
        split_row(toks, 3)


# ------------------------------------------------------------------ property-based round trip

def swedish(v: int) -> str:
    """Format an integer the way the report prints it (space groups, ASCII minus)."""
    s = f"{abs(v):,}".replace(",", " ")
    return f"-{s}" if v < 0 else s


amounts = st.integers(min_value=-999_999, max_value=999_999)


@settings(max_examples=300, deadline=None)
@given(outcome=amounts, budget=amounts, last=amounts)
def test_round_trip_financial_row(outcome, budget, last):
    """Format a row of random figures Swedish-style, split it back with its identities, get the same figures."""
    row = (outcome, budget, budget - outcome, last, outcome - last)
    text = "Rad " + " ".join(swedish(v) for v in row)
    _, toks = tokenize_row(text)
    r = split_row(toks, 5, identities=_fin_identities(tol=0))
    assert r.best.values == row
    assert not r.best.violated


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.integers(min_value=0, max_value=99_999), min_size=2, max_size=6))
def test_series_split_is_a_valid_reading(values):
    """Without identities the chosen split still re-joins to exactly the printed digits."""
    text = "Rad " + " ".join(swedish(v) for v in values)
    _, toks = tokenize_row(text)
    r = split_row(toks, len(values), series=True)
    printed = "".join(t.int_part for t in toks)
    rebuilt = "".join(swedish(int(v)).replace(" ", "") for v in r.best.values if v is not None)
    assert rebuilt == printed


def test_reading_that_needs_rounding_is_not_called_decided_when_another_reading_fits():
    """'0 0 0  -170 168': 0 | 0 | 0 | -170 | 168 keeps the change only within rounding (170 vs 168);
    0 | 0 | 0 | (blank) | -170 168 keeps the deviation exactly and breaks nothing. Found by fuzzing."""
    _, toks = tokenize_row("Rad 0 0 0  -170 168")
    r = split_row(toks, 5, identities=_fin_identities(), blank_cost=[0.6, 0.6, 0.3, 0.6, 0.3])
    assert r.decided_by == "plausibility"
    assert r.alternatives[0].values == (0, 0, 0, None, -170168)
