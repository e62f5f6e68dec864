"""Swedish commentary generated from the figures (real report and modified frames)."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import REPORT_2020 as REPORT, plain
from kslib import read_report
from kslib.present.commentary import (area_commentary, assistance_commentary, financial_commentary, labour_market_commentary,
                              latest_month, year_before)
from kslib.parse.tables.financial import wide


@pytest.fixture(scope="module")
def report():
    return read_report(REPORT)


def lm_frame(rows):
    return pd.DataFrame(rows, columns=["measure", "group", "area", "period", "value", "unit"])


def test_financial_commentary_real(report):
    got = [plain(s) for s in financial_commentary(wide(report.driftredovisning), year=2020,
                                                  resultat=wide(report.resultatrakning))]
    assert got[0] == ("Nettokostnaden 2020 blev 71 994 tkr mot en budget på 72 744 tkr, "
                      "ett överskott på 750 tkr (1,0 % av budgeten).")
    assert got[1] == "Jämfört med 2019 ökade nettokostnaden med 5 394 tkr (8,1 %)."
    assert got[2] == "Störst överskott mot budget: 136 Arbetsmarknad (2 830 tkr) och 170 Samhällsutveckling (1 308 tkr)."
    assert got[3] == ("Störst underskott mot budget: 752 Ekonomiskt bistånd (1 478 tkr) och "
                      "131 Kommunledningskontor (882 tkr).")
    assert got[4] == "Årets resultat blev 750 tkr (budget 0 tkr, 2019: 2 284 tkr)."


def test_financial_commentary_modified_template():
    drift = pd.DataFrame({
        "row_code": ["200", "210", pd.NA], "row_label": ["Gata", "Park", "Summa"], "kind": ["row", "row", "total"],
        "outcome_2021": [500.0, 700.0, 1200.0], "budget_2021": [400.0, 600.0, 1000.0],
        "outcome_2020": [600.0, 700.0, 1300.0], "surplus_2021": [-100.0, -100.0, -200.0]})
    got = [plain(s) for s in financial_commentary(drift, year=2021)]
    assert got[0] == ("Nettokostnaden 2021 blev 1 200 tkr mot en budget på 1 000 tkr, "
                      "ett underskott på 200 tkr (20,0 % av budgeten).")
    assert got[1] == "Jämfört med 2020 minskade nettokostnaden med 100 tkr (7,7 %)."
    assert got[2] == "Störst underskott mot budget: 200 Gata (100 tkr) och 210 Park (100 tkr)."
    assert len(got) == 3   # no surplus, no resultaträkning: not mentioned


def test_labour_market_commentary_real(report):
    got = [plain(s) for s in labour_market_commentary(report.labour_market)]
    assert got[0] == "Arbetslösheten i december var 6,6 procent, 1,5 procentenheter högre än ett år tidigare."
    assert "Av dessa var 3,7 procent öppet arbetslösa och 2,9 procent deltagare i program." in got
    assert "Samtidigt var arbetslösheten i länet 7,5 procent; kommunen låg alltså under länet." in got
    assert "Antalet arbetslösa var 480 personer i december, 116 fler än ett år tidigare (364)." in got
    youth = next(s for s in got if s.startswith("Unga 18–24 år"))
    assert youth == ("Unga 18–24 år: arbetslösheten var 12,0 procent (2,3 procentenheter högre än ett år tidigare); "
                     "jämfört med länet 9,6 procent och riket 11,8 procent; 89 personer, en ökning från 74.")
    assert any(s.startswith("Arbetslösa mer än 12 månader: andelen av arbetskraften var 2,0 procent") for s in got)


def test_labour_market_commentary_modified():
    lm = lm_frame([
        ("unemployment_rate", "all", "municipality", "2021-06", 4.2, "%"),
        ("unemployment_rate", "all", "municipality", "2020-06", 5.0, "%"),
        ("unemployment_rate", "all", "county", "2021-06", 3.9, "%"),
        ("unemployment_rate", "all", "country", "2021-06", 4.5, "%"),
        ("unemployed_persons", "all", "municipality", "2021-06", 300, "persons"),
        ("unemployed_persons", "all", "municipality", "2020-06", 310, "persons"),
        ("unemployment_rate", "foreign_born", "municipality", "2021-06", 11.0, "%"),
    ])
    assert latest_month(lm) == "2021-06" and year_before("2021-06") == "2020-06"
    got = [plain(s) for s in labour_market_commentary(lm)]
    assert got == [
        "Arbetslösheten i juni var 4,2 procent, 0,8 procentenheter lägre än ett år tidigare.",
        "Samtidigt var arbetslösheten i länet 3,9 procent och i riket 4,5 procent; kommunen låg alltså över länet.",
        "Antalet arbetslösa var 300 personer i juni, 10 färre än ett år tidigare (310).",
        "Utrikes födda: arbetslösheten var 11,0 procent.",
    ]


def test_labour_market_commentary_empty():
    assert labour_market_commentary(lm_frame([])) == []


def test_assistance_commentary(report):
    got = [plain(s) for s in assistance_commentary(report.labour_market, year=2020)]
    assert got[0] == ("Utbetalt ekonomiskt bistånd per invånare och månad var 53 kr 2020, en ökning från 40 kr 2019 (33 %); "
                      "i länet 84 kr och i riket 94 kr.")
    assert got[1] == "Antalet hushåll med ekonomiskt bistånd ökade med 16 % under 2020 jämfört med 2019."


def test_area_commentary(report):
    drift = wide(report.driftredovisning)
    got = [plain(s) for s in area_commentary(drift, "bistånd", year=2020)]
    assert got == ["752 Ekonomiskt bistånd: utfallet 2020 blev 11 493 tkr, 1 478 tkr mer än budget (10 015 tkr); "
                   "jämfört med 2019 en ökning med 3 296 tkr (40,2 %)."]
    changed = drift.assign(row_label=drift["row_label"].str.replace("bistånd", "stöd"))
    assert area_commentary(changed, "bistånd", year=2020) == []
