"""Swedish commentary generated from the figures (real report and modified frames)."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import REPORT_2020 as REPORT, plain
from kslib import read_report
from kslib.present.commentary import (area_commentary, assistance_commentary, financial_commentary, labour_market_commentary,
                              latest_month, year_before)
from kslib.parse.tables.views import wide


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


# --------------------------------------------------------------------------- the economy, message first

from pathlib import Path  # noqa: E402

from kslib.present import areas, misprints, sentences  # noqa: E402

CORPUS = Path(__file__).parent / "corpus"


def _view(rows, *, year=2031, kind="income_statement", unit="tkr", table="t1", line=10, basis="printed", unit_page=None):
    """A FinancialView of (label, kind, outcome, budget) rows; surplus = outcome − budget (costs negative)."""
    wide = pd.DataFrame({"row_code": pd.array([pd.NA] * len(rows), dtype="string"),
                         "row_label": [r[0] for r in rows], "kind": [r[1] for r in rows],
                         f"outcome_{year}": [float(r[2]) for r in rows], f"budget_{year}": [float(r[3]) for r in rows]})
    wide[f"surplus_{year}"] = wide[f"outcome_{year}"] - wide[f"budget_{year}"]
    return areas.FinancialView(wide, "Utfall per 2031-12-31", unit, 7, kind, table, line, basis, unit_page)


def _explanations(*sentences_by_page):
    return pd.DataFrame({"area": [""] * len(sentences_by_page), "kind": "deviation",
                         "sentence": [s for s, _ in sentences_by_page],
                         "page": pd.array([p for _, p in sentences_by_page], dtype="Int64"), "line": pd.NA})


RESULT = [("Personal", "row", -3000, -3500), ("Lokaler*", "row", -900, -700), ("Summa kostnader", "subtotal", -3900, -4200),
          ("Intäkter", "row", 4300, 4000), ("Periodens resultat", "total", 400, -200)]


def test_economy_summary_states_the_result_beside_its_budget():
    """A result budgeted at −200 and ending at +400: the outcome beside its budget, 600 better, not "ett
    överskott på 600" (which a reader would take for the result); cost lines are better or worse than budget."""
    got = [plain(s) for s in sentences.economy_summary(None, year=2031, who="Nämnden", result=_view(RESULT))]
    assert got[0] == "Nämnden redovisar för 2031 ett resultat på 400 tkr mot budgeterade -200 tkr, 600 tkr bättre än budget."
    assert got[1] == "Sämre än budget: Lokaler (200 tkr)."                    # footnote mark dropped
    assert got[2] == "Bättre än budget: Personal (500 tkr) och Intäkter (300 tkr)."
    # a result budgeted at nil: the surplus is the result
    nil = [r if r[0] != "Periodens resultat" else (r[0], r[1], 400, 0) for r in RESULT]
    got = [plain(s) for s in sentences.economy_summary(None, year=2031, who="Nämnden", result=_view(nil))]
    assert got[0] == "Nämnden redovisar för 2031 ett överskott på 400 tkr mot budget."


def test_economy_summary_quotes_the_outcome_not_the_target():
    """Nacka 2019, p. 1: the first whole-level sentence is the budgeted target; the outcome follows it."""
    said = _explanations(
        ("Välfärd skola omsätter 2,1 miljarder kronor och har ett budgeterat överskottsmål om +10,3 miljoner kronor "
         "för 2019 (+10,0 miljoner kronor 2018).", 1),
        ("Årets resultat blev +10,4 miljoner kronor vilket är en positiv avvikelse på +0,1 miljoner kronor mot budget.", 1),
        ("Jämfört med föregående år är avvikelsen +26,0 miljoner kronor.", 1))
    assert sentences.result_sentence(said).sentence.startswith("Årets resultat blev +10,4 miljoner kronor")
    got = plain(sentences.economy_summary(None, year=2031, who="Nämnden", result=_view(RESULT), explanations=said)[0])
    assert got.endswith("Rapporten: ”Årets resultat blev +10,4 miljoner kronor vilket är en positiv avvikelse på "
                        "+0,1 miljoner kronor mot budget.” (s. 1).")
    # a target or a forecast alone is never quoted as the outcome
    assert sentences.result_sentence(said.iloc[[0, 2]]) is None
    forecast = _explanations(("Prognosen i augusti visade på ett överskott om 13,8 miljoner kronor.", 18))
    assert sentences.result_sentence(forecast) is None


def _misprinted(printed="-2 50", value=-250.0, total=-3500.0):
    """A cost column whose middle row is printed with a dropped digit; the printed sum is right."""
    catalog = pd.DataFrame({
        "table": "t1", "title": "Utfall per 2031-12-31", "kind": "income_statement", "page": 7,
        "line": [10, 11, 12] * 3, "unit": "tkr",
        "row": ["Personal", "Lokaler", "Summa kostnader"] * 3, "row_code": None,
        "row_label": ["Personal", "Lokaler", "Summa kostnader"] * 3, "row_kind": ["row", "row", "total"] * 3,
        "column": ["Utfall 2031"] * 3 + ["Budget 2031"] * 3 + ["surplus"] * 3, "group": "",
        "measure": ["outcome"] * 3 + ["budget"] * 3 + ["surplus"] * 3, "year": 2031,
        "value": [-1100.0, -2300.0, -3400.0, -1000.0, value, total, -100.0, -2300.0 - value, -3400.0 - total],
        "printed": ["-1 100", "-2 300", "-3 400", "-1 000", printed, str(int(total)), None, None, None]})
    checks = pd.DataFrame({"check": ["column_total"], "severity": ["error"], "table": ["Utfall per 2031-12-31"],
                           "row": ["Summa kostnader"], "expected": [-1000.0 + value], "found": [total],
                           "message": [""], "location": [""], "line": [12], "page": [7]})
    return catalog, checks


def test_a_misprint_is_corrected_only_where_the_print_and_the_sum_agree():
    catalog, checks = _misprinted()
    found = misprints.find_misprints(catalog, checks)
    assert [(m.row, m.measure, m.year, m.value, m.implied) for m in found] == [("Lokaler", "budget", 2031, -250, -2500)]
    assert plain(found[0].note()) == ("Budget 2031 för Lokaler är tryckt som -2 50 i rapporten (s. 7); "
                                      "kolumnens summa ger -2 500.")
    tidy = pd.DataFrame({"table": ["t1"], "row_label": ["Personal"]})
    view = areas.result_table(catalog, tidy, year=2031)
    fixed = misprints.corrected(view, found)
    row = fixed.wide[fixed.wide["row_label"] == "Lokaler"].iloc[0]
    assert (row["budget_2031"], row["surplus_2031"]) == (-2500, 200)        # 2 300 spent of 2 500: 200 better
    assert view.wide.loc[view.wide["row_label"] == "Lokaler", "budget_2031"].item() == -250   # input untouched
    got = [plain(s) for s in sentences.economy_summary(None, year=2031, who="Nämnden", result=fixed,
                                                       notes=misprints.notes_for([view], found))]
    assert got[-1].startswith("Obs: Budget 2031 för Lokaler är tryckt som -2 50")
    assert not any("2 050" in s for s in got)                               # −2 300 − (−250): the misprint's "deficit"
    # no correction without both facts, or when the gap does not restore the printed digits
    well_formed = catalog.assign(printed=catalog["printed"].replace({"-2 50": "-250"}))
    assert misprints.find_misprints(well_formed, checks) == []
    assert misprints.find_misprints(catalog, checks.assign(severity="info")) == []
    assert misprints.find_misprints(*_misprinted(total=-3000.0)) == []     # −250 − 1 750 = −2 000: not "250…"


def test_the_misprint_of_stadsrevisionen_2023():
    """PDF p. 37: Budget 2023 of "Övriga kostnader*" printed "-7 73"; Summa kostnader −45 982 implies −7 738."""
    import kslib
    from kslib.audit import run_checks

    report = kslib.read_report(CORPUS / "goteborg_stadsrevisionen_arsredogorelse_2023.pdf")
    found = misprints.find_misprints(report.table("tables"), run_checks(report))
    assert [(m.row, m.measure, m.year, m.printed, m.value, m.implied, m.page) for m in found] == [
        ("Övriga kostnader*", "budget", 2023, "-7 73", -773, -7738, 37)]


def test_a_table_without_a_unit_is_said_once():
    view = _view(RESULT, unit="tkr", line=10, basis="text", unit_page=2)     # the prose (s. 2) tells the unit
    assert areas.unit_notes([view, view]) == (
        "Tabellen \u201dUtfall per 2031-12-31\u201d (s. 7) anger ingen enhet; av rapportens text (s. 2) framgår att "
        "beloppen är tusen kronor (tkr).")
    unknown = _view(RESULT, unit="", line=10, basis="unknown")
    assert areas.unit_notes([unknown]).endswith("anger ingen enhet; beloppen visas som de står i rapporten "
                                                "(belopp enligt rapporten).")
    assert areas.unit_notes([_view(RESULT)]) is None                         # the table states its unit
    got = plain(sentences.economy_summary(None, year=2031, who="Nämnden", result=unknown)[0])
    assert got == "Nämnden redovisar för 2031 ett resultat på 400 mot budgeterade -200, 600 bättre än budget."
