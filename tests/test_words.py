"""Swedish number words."""
from hypothesis import given, strategies as st

from kslib.parse.number_words import COUNT_PATTERN, parse_count
import re


def test_cardinal_words():
    assert [parse_count(w) for w in ["en", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta",
                                     "nio", "tio", "elva", "tolv"]] == list((1, 1, *range(2, 13)))
    assert parse_count("tjugo") == 20
    assert parse_count("tjugotvå") == 22
    assert parse_count("noll") == 0


def test_case_and_punctuation_are_ignored():
    assert parse_count("Två") == 2
    assert parse_count("SEX,") == 6
    assert parse_count(" fem ") == 5


def test_not_a_count():
    assert parse_count("många") is None
    assert parse_count("") is None
    assert parse_count(None) is None
    assert parse_count("2,5") is None


@given(st.integers(min_value=0, max_value=10**6))
def test_digits(n):
    assert parse_count(str(n)) == n


def test_pattern_matches_whole_words():
    rx = re.compile(rf"\b({COUNT_PATTERN}) av\b", re.IGNORECASE)
    assert rx.search("varav tjugotvå av målen").group(1) == "tjugotvå"
    assert rx.search("sex av delmålen").group(1) == "sex"
