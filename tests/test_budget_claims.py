"""Prose claims about budget deviations: the real report and rewritten commentary."""
from __future__ import annotations

import pandas as pd

import kslib
from kslib.parse.prose.budget_claims import read_budget_claims
from kslib.read.source import Source, lines_from_text

# (target, code, direction, amount, unit, line) checked by hand against lines 102-218.
EXPECTED_2020 = [
    ("total", None, 1, 750, "tkr", 102),
    ("row", "100", -1, 549, "tkr", 134),
    ("row", "104", 1, 336, "tkr", 140),
    ("row", "131", -1, 882, "tkr", 144),
    ("row", "136", 1, 2.6, "mnkr", 164),
    ("part", "136", 1, 2.1, "mnkr", 180),      # "budgeten för beredskapsarbete har ett plusresultat med 2,1 mkr"
    ("row", "162", -1, 94, "tkr", 185),        # "mindre överskridande ... på 94 tkr"
    ("row", "170", 1, 1.3, "mnkr", 192),
    ("row", "430", 1, 184, "tkr", 199),
    ("row", "752", -1, 1.5, "mnkr", 203),      # not the "budgetförstärkning med 2 000 tkr" after it
    ("row", "758", -1, 758, "tkr", 218),
]


def _rows(*items):
    return pd.DataFrame([{"row_code": c, "row_label": l, "kind": k} for c, l, k in items])


def _source(text: str) -> Source:
    lines, furniture = lines_from_text(text.split("\n"))
    return Source("t.txt", "0" * 64, lines, None, furniture)


def test_real_report_claims(report_path):
    report = kslib.read_report(report_path)
    claims = read_budget_claims(report.source, report.driftredovisning)
    got = [(c.target, c.row_code, c.direction, c.amount, c.unit, c.line.number) for c in claims]
    assert got == EXPECTED_2020
    assert [c.tolerance_tkr for c in claims if c.row_code == "136"] == [52.0, 52.0]
    assert [c.surplus_tkr for c in claims if c.row_code == "100"] == [-549]


def test_rewritten_commentary_matches_rows_by_code_and_name():
    rows = _rows(("210", "Gata och park", "row"), ("220", "Kultur", "row"), ("230", "Fritid", "row"),
                 (None, "Summa nämnden", "total"))
    text = "\n".join([
        "Nämndens verksamhet visar sammantaget ett underskott",
        "på 1 204 tkr mot budget.",
        "210 Gata och parken",
        "Verksamheten gick med ett",
        "plusresultat om 3,45 mnkr jämfört med budget. Enheten för snöröjning överskrider med 400 tkr.",
        "999 Okänt område",
        "Programområdet har överskott med 12 tkr.",
        "Kultur",
        "Kultur får ett överskott på 2 mkr.",
        "230 Fritid",
        "Fritid har en negativ avvikelse med 77 tkr, trots budgetförstärkning med 500 tkr.",
    ])
    claims = read_budget_claims(_source(text), rows)
    got = [(c.target, c.row_code, c.direction, c.amount, c.unit, c.decimals) for c in claims]
    assert got == [
        ("total", None, -1, 1204, "tkr", 0),
        ("row", "210", 1, 3.45, "mnkr", 2),
        ("part", "210", -1, 400, "tkr", 0),
        ("row", "220", 1, 2, "mnkr", 0),
        ("row", "230", -1, 77, "tkr", 0),
    ]
    assert claims[1].tolerance_tkr == 7.0   # half of 0,01 mnkr plus 2 tkr
    assert claims[1].line.number == 5


def test_no_table_rows_no_claims():
    assert read_budget_claims(_source("Överskott med 3 tkr."), _rows()) == []
