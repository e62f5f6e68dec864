"""Swedish display formatting."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conftest import plain
from kslib.fmt import format_kr, format_mnkr, format_number, format_percent, format_points, format_tkr
from kslib.parse.numbers import parse_number


def test_examples():
    assert plain(format_tkr(71994)) == "71 994 tkr"
    assert plain(format_percent(6.6)) == "6,6 %"
    assert plain(format_number(-1631)) == "-1 631"
    assert plain(format_mnkr(2600)) == "2,6 mnkr"
    assert plain(format_kr(4954)) == "4 954 kr"
    assert plain(format_points(1.5)) == "+1,5 procentenheter"
    assert format_number(None) == "–" and format_tkr(float("nan")) == "–"
    assert format_number(-0.04, decimals=1) == "0,0"


def test_groups_use_narrow_no_break_space():
    assert format_number(1234567) == "1\u202f234\u202f567"
    assert format_tkr(5) == "5\u00a0tkr"


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_format_then_parse_round_trip(v):
    assert parse_number(format_number(v)) == v


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 1)))
def test_decimal_comma_round_trip(v):
    assert abs(parse_number(format_number(v, decimals=1)) - v) < 0.051


def test_rounding_is_half_up_as_people_expect():
    """32,5 % is "33 %" (Python's own formatting would give the even "32")."""
    assert format_percent(32.5, decimals=0).replace("\u00a0", " ") == "33 %"
    assert format_number(2.5) == "3" and format_number(0.125, decimals=2) == "0,13"
    assert format_number(-1234.5).replace("\u202f", " ") == "\u22121 235"
    assert format_number(-0.4) == "0"
