"""Financial tables of the real 2020 report, cell by cell, and of a modified template."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kslib
from kslib.read.source import lines_from_text, Source
from kslib.parse.tables.discover import discover
from kslib.parse.tables.views import wide
from readers import read_driftredovisning, read_nyckeltal, read_resultatrakning

RAW = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
NA = None

# Checked by hand against the report (lines 23-50 and 54-90).
RESULTATRAKNING_2020 = [
    # label, outcome 2020, budget 2020, deviation, outcome 2019, change 2020/2019
    ("Verksamhetens intäkter", 26767, 25841, 926, 28398, -1631),
    ("Verksamhetens kostnader", -97797, -97680, -117, -93886, -3911),
    ("Verksamhetens nettokostnader", -71029, -71839, 810, -65488, -5541),
    ("Kapitalkostnader", -965, -905, -60, -1112, 147),
    ("Resultat efter avskrivningar", -71994, -72744, 750, -66600, -5394),
    ("Budget", 72744, 72744, NA, 68884, 3860),
    ("ÅRETS RESULTAT", 750, 0, NA, 2284, -1534),
]
DRIFTREDOVISNING_2020 = [
    ("100", "Politisk verksamhet", 7221, 6672, -549, 8141, -920),
    ("104", "Projekt och samverkan", 1539, 1875, 336, 1631, -92),
    ("131", "Kommunledningskontor", 39264, 38382, -882, 37892, 1372),
    ("136", "Arbetsmarknad", 8327, 11157, 2830, 9080, -753),
    ("162", "Näringslivsverksamhet", 1327, 1233, -94, 619, 708),
    ("170", "Samhällsutveckling", 1288, 2596, 1308, 1398, -110),
    ("430", "Turism", 502, 686, 184, 507, -5),
    ("752", "Ekonomiskt bistånd", 11493, 10015, -1478, 8197, 3296),
    ("755", "Myndighet vuxna", 147, 0, -147, -56, 203),
    ("758", "Integration", 886, 128, -758, -809, 1695),
    (None, "TOTALT", 71994, 72744, 750, 66600, 5394),
]
NYCKELTAL_2020 = [
    # label, 2020, 2019, 2018, 2017, 2016
    ("Manuella leverantörsfakturor", 942, 1634, 2369, 2172, 2592),
    ("Scannade leverantörsfakturor", 5818, 9092, 10845, 11511, 11075),
    ("Elektroniska fakturor", 32901, 30944, 26280, 27394, 22500),
    ("Elektroniska beställningar", 4096, 3789, 3300, 3250, 3321),
    ("Bokföringsorder", NA, 1355, 1163, 1141, 1042),
    ("Elektroniska Bokföringsorder", 1578, 1808, 1856, 2705, 2488),
    ("Dagrapportsposter", 3890, 4155, 4306, 4203, 3224),
    ("Allmän fakturering antal", 20074, 20218, 44000, 43469, 42640),
    ("Ramavtal samt övriga avtal", 398, 512, 689, 644, 468),
    ("Upphandlingar", 60, 93, 112, 89, 79),
    ("Beräknade löner", 19505, 19379, 20771, 20206, 20530),
]


@pytest.fixture(scope="module")
def report():
    return kslib.read_report(RAW)


def _cells(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    w = wide(frame)
    out = []
    for _, r in w.iterrows():
        vals = tuple(None if pd.isna(r[c]) else float(r[c]) for c in columns)
        out.append((r["row_label"], *vals))
    return out


def _expected(rows):
    return [(r[0], *(None if v is None else float(v) for v in r[1:])) for r in rows]


def test_resultatrakning_cell_by_cell(report):
    cols = ["outcome_2020", "budget_2020", "deviation_2020", "outcome_2019", "change_2020"]
    assert _cells(report.resultatrakning, cols) == _expected(RESULTATRAKNING_2020)
    assert set(report.resultatrakning["unit"]) == {"tkr"}


def test_driftredovisning_cell_by_cell(report):
    cols = ["outcome_2020", "budget_2020", "deviation_2020", "outcome_2019", "change_2020"]
    w = wide(report.driftredovisning)
    codes = [None if pd.isna(c) else c for c in w["row_code"]]
    assert codes == [r[0] for r in DRIFTREDOVISNING_2020]
    assert _cells(report.driftredovisning, cols) == _expected([r[1:] for r in DRIFTREDOVISNING_2020])
    assert list(w["kind"]) == ["row"] * 10 + ["total"]


def test_nyckeltal_cell_by_cell(report):
    cols = [f"outcome_{y}" for y in (2020, 2019, 2018, 2017, 2016)]
    assert _cells(report.nyckeltal, cols) == _expected(NYCKELTAL_2020)
    ramavtal = report.nyckeltal.query("row_label == 'Ramavtal samt övriga avtal' and year == 2017")
    assert ramavtal["note"].tolist() == ["*"]


def test_tidy_contract_columns_and_change_year(report):
    df = report.driftredovisning
    assert list(df.columns)[:6] == ["row_code", "row_label", "measure", "year", "value", "unit"]
    assert set(df["measure"]) == {"outcome", "budget", "deviation", "change", "surplus"}
    # change "Bokslut 2020/2019" has year = the later year
    assert set(df.loc[df["measure"] == "change", "year"]) == {2020}
    assert df.loc[df["row_label"] == "Turism", "line"].iloc[0] == 86


def test_key_figure_rows_without_identity_are_warned_with_alternatives(report):
    warned = {w.row for w in report.warnings if w.code == "ambiguous-split"}
    assert warned == {"Bokföringsorder", "Ramavtal samt övriga avtal", "Upphandlingar"}
    msg = next(w.message for w in report.warnings if w.row == "Upphandlingar")
    assert "93 112" in msg and "kept 60 | 93 | 112 | 89 | 79" in msg     # the candidates and the reading kept


def test_financial_tables_have_no_guess_warnings(report):
    rows = set(report.resultatrakning["row_label"]) | set(report.driftredovisning["row_label"])
    assert not [w for w in report.warnings if w.row and w.row.split(" ", 1)[-1] in rows]


def test_deviation_sign_convention_is_read_per_table():
    src = _source_from(RAW.read_text(encoding="utf-8"))
    signs = {t.title: t.deviation_sign for t in discover(src, year=2020)}
    assert signs == {"RESULTATRÄKNING, TKR": -1, "DRIFTREDOVISNING, TKR": 1, "NYCKELTAL": 1}   # outcome − budget in the income statement


def test_metadata(report):
    m = report.meta
    assert (m.municipality, m.board, m.year) == ("Vaggeryds kommun", "Kommunstyrelsen", 2020)
    assert (m.chair, m.chair_party, m.head) == ("Gert Jonsson", "m", "Annika Hedvall")
    assert (m.net_cost_tkr, m.fte, m.cost_per_inhabitant_kr) == (71994, 78, 4954)


# ------------------------------------------------------------------ a modified template

def _source_from(text: str) -> Source:
    content, furniture = lines_from_text(text.split("\n"))
    return Source("modified.txt", "0" * 64, content, None, furniture)


MODIFIED = """\
 Kommunstyrelse

Ordförande:  Eva Exempel (s)

Förvaltningschef:  Nils Nilsson

Nettokostnad totalt: 80 100 tkr

RESULTATRÄKNING, TKR Bokslut

2021
Budget

2021
Avvikelse

budget
Bokslut

2020
Bokslut

2021/2020

Verksamhetens intäkter 30 000 28 000 2 000 26 767 3 233

Verksamhetens kostnader -109 000 -110 500 1 500 -97 797 -11 203

Verksamhetens nettokostnader -79 000 -82 500 3 500 -71 030 -7 970

Kapitalkostnader -1 100 -1 000 -100 -965 -135

Resultat efter avskrivningar -80 100 -83 500 3 400 -71 995 -8 105

Budget 83 500 83 500  72 744 10 756

ÅRETS RESULTAT 3 400 0  750 2 650

Driftsredovisning

 DRIFTREDOVISNING, TKR  Bokslut

2021
Budget

2021

Avvikelse

budget
Bokslut

2020

Bokslut

2021/2020

100 Fullmäktige och styrelse 7 500 7 000 -500 7 221 279

131 Stabsenhet 40 100 41 500 1 400 39 264 836

140 Digitalisering 2 000 3 000 1 000 0 2 000

752 Försörjningsstöd 12 500 12 000 - 500 11 493 1 007

999 Ny verksamhet 18 000 20 000 2 000  18 000

 Summa 80 100 83 500 3 400 57 978 22 122

Ekonomisk analys programområden

Prosa som inte är en tabell med 2 000 tkr.

NYCKELTAL **

Antaluppgifter:

Bokslut

2021

Bokslut

2020

Bokslut

2019

Pappersfakturor 500 942 1 634

E-fakturor 35 000 32 901 30 944

Nya avtal 120 150 200

Kommentar
"""


def test_modified_template_resultatrakning():
    src = _source_from(MODIFIED)
    w = wide(read_resultatrakning(src))
    assert list(w.columns[3:]) == ["outcome_2021", "budget_2021", "deviation_2021", "outcome_2020", "change_2021",
                                   "surplus_2021"]
    assert w["row_label"].tolist()[-1] == "ÅRETS RESULTAT"
    last = w.iloc[-1]
    assert (last["outcome_2021"], last["budget_2021"], last["outcome_2020"], last["change_2021"]) == (3400, 0, 750, 2650)
    assert pd.isna(last["deviation_2021"])
    assert w.loc[w["row_label"] == "Verksamhetens kostnader", "outcome_2020"].item() == -97797


def test_modified_template_driftredovisning_renamed_added_removed_rows():
    src = _source_from(MODIFIED)
    warnings = []
    w = wide(read_driftredovisning(src, warnings=warnings))
    assert w["row_label"].tolist() == ["Fullmäktige och styrelse", "Stabsenhet", "Digitalisering",
                                       "Försörjningsstöd", "Ny verksamhet", "Summa"]
    assert w["row_code"].tolist()[:5] == ["100", "131", "140", "752", "999"]
    assert w.loc[3, "deviation_2021"] == -500                      # "- 500": minus with a space
    assert pd.isna(w.loc[4, "outcome_2020"]) and w.loc[4, "change_2021"] == 18000   # a new area: blank last year
    assert w.loc[5, "kind"] == "total" and w.loc[5, "outcome_2021"] == 80100
    assert not [x for x in warnings if x.code == "ambiguous-split" and x.row.split(" ", 1)[-1] in set(w["row_label"])]


def test_modified_template_nyckeltal_three_years_and_plausible_split():
    src = _source_from(MODIFIED)
    warnings = []
    w = wide(read_nyckeltal(src, warnings=warnings))
    assert list(w.columns[3:]) == ["outcome_2021", "outcome_2020", "outcome_2019"]
    assert w[["outcome_2021", "outcome_2020", "outcome_2019"]].values.tolist() == [
        [500, 942, 1634], [35000, 32901, 30944], [120, 150, 200]]
    assert set(w["row_label"]) == {"Pappersfakturor", "E-fakturor", "Nya avtal"}
    # "120 150 200" could also be 120 150 | 200 with a blank: only plausibility decides → warned
    assert any(x.row == "Nya avtal" for x in warnings)


def test_absent_table_is_a_warning_not_an_error():
    src = _source_from("Kommunstyrelse\n\nOrdförande: X\n\nBara prosa här.\n")
    warnings = []
    assert read_driftredovisning(src, warnings=warnings).empty
    assert [w.code for w in warnings] == ["table-missing"]


def test_truncated_table_is_read_as_far_as_it_goes():
    cut = MODIFIED[: MODIFIED.index("752 Försörjningsstöd")]
    src = _source_from(cut)
    warnings = []
    w = wide(read_driftredovisning(src, warnings=warnings))
    assert w["row_label"].tolist() == ["Fullmäktige och styrelse", "Stabsenhet", "Digitalisering"]
    assert "table-incomplete" in [x.code for x in warnings]


def test_row_cut_off_mid_line_is_left_out_with_a_warning():
    cut = MODIFIED[: MODIFIED.index("752 Försörjningsstöd") + len("752 Försörjningsstöd 12 500 12")]
    warnings = []
    w = wide(read_driftredovisning(_source_from(cut), warnings=warnings))
    assert w["row_label"].tolist() == ["Fullmäktige och styrelse", "Stabsenhet", "Digitalisering"]
    assert {"table-incomplete", "row-cut-off"} <= {x.code for x in warnings}


def test_last_row_of_a_cut_text_is_kept_when_complete():
    cut = MODIFIED[: MODIFIED.index("999 Ny verksamhet")]
    w = wide(read_driftredovisning(_source_from(cut)))
    assert w["row_label"].tolist()[-1] == "Försörjningsstöd"
