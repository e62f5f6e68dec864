"""Labour-market figures of the real report (checked by hand) and of rewritten text."""
from __future__ import annotations

import pytest

import kslib
from kslib.diagnostics import ParseWarning
from kslib.parse.prose.labour_market import LABOUR_COLUMNS, read_labour_market
from kslib.read.source import Source, lines_from_text

# (measure, group, area, period, value, sex) checked by hand against lines 443-465, 645-681, 1305-1396.
EXPECTED_2020 = [
    ("unemployed_persons", "all", "municipality", "2020-12", 480, "all"),
    ("unemployment_rate", "all", "municipality", "2020-12", 6.6, "all"),
    ("open_unemployment_rate", "all", "municipality", "2020-12", 3.7, "all"),
    ("programme_rate", "all", "municipality", "2020-12", 2.9, "all"),
    ("unemployed_change_persons", "all", "municipality", "2020-12", 116, "all"),
    ("unemployment_rate_change_pp", "all", "municipality", "2020-12", 1.5, "all"),
    ("unemployment_rate", "all", "county", "2020-12", 7.5, "all"),
    ("population", "age_16_64", "municipality", "2020-12", 7273, "all"),
    ("unemployment_rate", "foreign_born", "municipality", "2020-12", 16.7, "all"),
    ("open_unemployment_rate", "foreign_born", "municipality", "2020-12", 8.6, "all"),
    ("programme_rate", "foreign_born", "municipality", "2020-12", 8.1, "all"),
    ("unemployment_rate", "youth_18_24", "municipality", "2020-12", 12, "all"),
    ("open_unemployment_rate", "youth_18_24", "municipality", "2020-12", 5.4, "all"),
    ("programme_rate", "youth_18_24", "municipality", "2020-12", 6.6, "all"),
    ("unemployed_persons", "youth_18_24", "municipality", "2019-12", 74, "all"),
    ("unemployed_persons", "youth_18_24", "municipality", "2020-12", 89, "all"),
    ("open_unemployment_rate", "youth_18_24", "municipality", "2019-12", 5.2, "all"),
    ("open_unemployment_rate", "youth_18_24", "county", "2019-12", 4.3, "all"),
    ("open_unemployment_rate", "youth_18_24", "country", "2019-12", 4.6, "all"),
    ("open_unemployment_rate", "youth_18_24", "county", "2020-12", 3.6, "all"),
    ("open_unemployment_rate", "youth_18_24", "country", "2020-12", 4.8, "all"),
    ("unemployment_rate", "youth_18_24", "municipality", "2019-12", 9.7, "all"),
    ("unemployment_rate", "youth_18_24", "county", "2019-12", 8.5, "all"),
    ("unemployment_rate", "youth_18_24", "country", "2019-12", 9.2, "all"),
    ("unemployment_rate", "youth_18_24", "county", "2020-12", 9.6, "all"),
    ("unemployment_rate", "youth_18_24", "country", "2020-12", 11.8, "all"),
    ("unemployed_persons", "over_6_months", "municipality", "2019-12", 177, "all"),
    ("unemployed_persons", "over_6_months", "municipality", "2020-12", 249, "all"),
    ("unemployment_rate", "over_6_months", "municipality", "2019-12", 2.52, "all"),
    ("unemployment_rate", "over_6_months", "municipality", "2020-12", 3.43, "all"),
    ("unemployed_persons", "over_6_months_youth_18_24", "municipality", "2020-12", 33, "all"),
    ("unemployed_persons", "over_6_months_born_outside_europe", "municipality", "2020-12", 98, "all"),
    ("unemployed_persons", "over_12_months", "municipality", "2019-12", 108, "all"),
    ("unemployed_persons", "over_12_months", "municipality", "2020-12", 146, "all"),
    ("unemployment_rate", "over_12_months", "municipality", "2019-12", 1.5, "all"),
    ("unemployment_rate", "over_12_months", "municipality", "2020-12", 2.0, "all"),
    ("unemployed_persons", "over_24_months", "municipality", "2019-12", 50, "all"),
    ("unemployed_persons", "over_24_months", "municipality", "2020-12", 58, "all"),
    ("registered_persons", "outside_unemployment_statistics", "municipality", "2020-12", 270, "all"),
    ("registered_persons", "employment_support", "municipality", "2019-12", 7, "all"),
    ("registered_persons", "employment_support", "municipality", "2020-12", 14, "all"),
    ("registered_persons", "hourly_employed", "municipality", "2019-12", 29, "all"),
    ("registered_persons", "hourly_employed", "municipality", "2020-12", 48, "all"),
    ("financial_assistance_per_inhabitant", "all", "country", "2020", 94, "all"),
    ("financial_assistance_per_inhabitant", "all", "county", "2020", 84, "all"),
    ("financial_assistance_per_inhabitant", "all", "municipality", "2020", 53, "all"),
    ("financial_assistance_per_inhabitant", "all", "municipality", "2019", 40, "all"),
    ("assistance_households_change_pct", "all", "municipality", "2020", 16, "all"),
    ("assistance_households_change_pct", "all", "municipality", "2020-03", 38, "all"),
    ("unit_exits", "labour_market_unit", "municipality", "2020", 80, "all"),
    ("unit_exits_to_work", "labour_market_unit", "municipality", "2020", 11, "female"),
    ("unit_exits_to_work", "labour_market_unit", "municipality", "2020", 17, "male"),
    ("unit_exits_to_work_share", "labour_market_unit", "municipality", "2020", 26.1, "female"),
    ("unit_exits_to_work_share", "labour_market_unit", "municipality", "2020", 50, "male"),
    ("unit_exits_to_work_share", "labour_market_unit", "municipality", "2020", 36.3, "all"),
    ("unit_exits_to_studies", "labour_market_unit", "municipality", "2020", 4, "female"),
    ("unit_exits_to_studies", "labour_market_unit", "municipality", "2020", 4, "male"),
    ("unit_exits_to_studies_share", "labour_market_unit", "municipality", "2020", 10, "all"),
    ("unit_exits_to_work_or_studies_share", "labour_market_unit", "municipality", "2020", 46.3, "all"),
    ("programme_employees", "municipal_programme_employment", "municipality", "2020", 28, "all"),
    ("programme_employees", "municipal_programme_employment", "municipality", "2020", 15, "female"),
    ("programme_employees", "municipal_programme_employment", "municipality", "2020", 13, "male"),
    ("programme_employee_exits", "municipal_programme_employment", "municipality", "2020", 13, "all"),
    ("programme_employee_exits_to_work", "municipal_programme_employment", "municipality", "2020", 4, "all"),
]


def _source(text: str) -> Source:
    lines, furniture = lines_from_text(text.split("\n"))
    return Source("test.txt", "0" * 64, lines, None, furniture)


@pytest.fixture(scope="module")
def real(report_path):
    report = kslib.read_report(report_path)
    warnings: list[ParseWarning] = []
    return read_labour_market(report.source, year=2020, warnings=warnings), warnings


def _as_set(df):
    return {(r.measure, r.group, r.area, r.period, float(r.value), r.sex) for r in df.itertuples()}


def test_real_report_figures_exactly(real):
    df, _ = real
    assert list(df.columns) == LABOUR_COLUMNS
    assert _as_set(df) == {(m, g, a, p, float(v), s) for m, g, a, p, v, s in EXPECTED_2020}
    assert not df.duplicated(["measure", "group", "area", "period", "sex"]).any()


def test_real_report_provenance(real):
    df, _ = real
    row = df[(df.measure == "unemployed_change_persons")].iloc[0]
    assert row.line == 647 and row.source.startswith("rad 647: 480 personer (6,6 % av den registrerade")
    county = df[(df.area == "county") & (df.measure == "unemployment_rate") & (df.group == "all")].iloc[0]
    assert county.line == 1332 and "7,5 procent i hela länet" in county.source
    table = df[(df.group == "youth_18_24") & (df.area == "country") & (df.period == "2019-12")].iloc[0]
    assert table.line == 443 and "(L4,3 R4,6)" in table.source
    assert set(df.unit) <= {"persons", "%", "pp", "kr", "kr/månad"}
    # "biståndsbelopp per månad … i Vaggeryd 53 kr": the paragraph's amounts are monthly
    per_inhabitant = df[df.measure == "financial_assistance_per_inhabitant"]
    assert set(per_inhabitant.unit) == {"kr/månad"} and 53 in set(per_inhabitant.value)


def test_real_report_leaves_out_what_it_cannot_place(real):
    df, warnings = real
    unplaced = [w for w in warnings if w.code == "unplaced-figure"]
    texts = " | ".join(w.message for w in unplaced)
    assert "drygt 30%" in texts and "nästan 50 procent" in texts
    assert "(sep 7,5 %)" in texts and "Okt 6,5 %" in texts
    assert not (df.value == 7.5).any() or set(df[df.value == 7.5].area) == {"county"}
    assert {w.line for w in unplaced} == {661, 1334, 449, 451}


REWRITTEN = """\
Arbetsmarknad
Läget försämrades under året:
• 512 personer (7,1 procent av den
registrerade arbetskraften) är arbetslösa i nov 2021 (öppet arbetslösa 4,0 procent samt
deltagare i program 3,1 %) vilket är 32 färre individer jämfört med 2020.
• För utrikes födda är arbetslösheten i nov 2021 18,2 % (öppet arbetslösa 9,0 % samt deltagare i program
9,2 %)
• För arbetslöshet över 12 månader syns en minskning från 140 individer (1,9 %) i nov 2020 till
120 individer (1,6 %) i nov 2021.
• För arbetslöshet i mer än 6 månader har en minskning skett från 260 till 231 personer.
Arbetslösheten i november låg på 7,1 procent (-0,4 procentenheter). Vaggeryd ligger under snittet
(8,0 procent i hela länet). I riket är beloppet per invånare 99 kr, i länet 88 kr och i kommunen 60 kr.
"""


def test_rewritten_text_other_numbers_breaks_and_units():
    warnings: list[ParseWarning] = []
    df = read_labour_market(_source(REWRITTEN), year=2021, warnings=warnings)
    got = _as_set(df)
    expected = {
        ("unemployed_persons", "all", "municipality", "2021-11", 512.0, "all"),
        ("unemployment_rate", "all", "municipality", "2021-11", 7.1, "all"),
        ("open_unemployment_rate", "all", "municipality", "2021-11", 4.0, "all"),
        ("programme_rate", "all", "municipality", "2021-11", 3.1, "all"),
        ("unemployed_change_persons", "all", "municipality", "2021-11", -32.0, "all"),
        ("unemployment_rate", "foreign_born", "municipality", "2021-11", 18.2, "all"),
        ("open_unemployment_rate", "foreign_born", "municipality", "2021-11", 9.0, "all"),
        ("programme_rate", "foreign_born", "municipality", "2021-11", 9.2, "all"),
        ("unemployed_persons", "over_12_months", "municipality", "2020-11", 140.0, "all"),
        ("unemployed_persons", "over_12_months", "municipality", "2021-11", 120.0, "all"),
        ("unemployment_rate", "over_12_months", "municipality", "2020-11", 1.9, "all"),
        ("unemployment_rate", "over_12_months", "municipality", "2021-11", 1.6, "all"),
        ("unemployed_persons", "over_6_months", "municipality", "2020-11", 260.0, "all"),
        ("unemployed_persons", "over_6_months", "municipality", "2021-11", 231.0, "all"),
        ("unemployment_rate_change_pp", "all", "municipality", "2021-11", -0.4, "all"),
        ("unemployment_rate", "all", "county", "2021-11", 8.0, "all"),
        ("financial_assistance_per_inhabitant", "all", "country", "2021", 99.0, "all"),
        ("financial_assistance_per_inhabitant", "all", "county", "2021", 88.0, "all"),
        ("financial_assistance_per_inhabitant", "all", "municipality", "2021", 60.0, "all"),
    }
    assert got == expected
    row = df[df.measure == "programme_rate"].iloc[0]
    assert row.line == 5      # "3,1 %" stands on the fifth raw line


def test_no_reference_month_means_left_out_with_warning():
    text = "Arbetsmarknad\nArbetslösheten låg på 5,0 procent och 300 personer var arbetslösa.\n"
    warnings: list[ParseWarning] = []
    df = read_labour_market(_source(text), year=2022, warnings=warnings)
    assert df.empty
    assert len([w for w in warnings if w.code == "unplaced-figure"]) == 2
    assert all("no stated period" in w.message for w in warnings)


def test_conflicting_repeat_is_kept_and_warned():
    text = ("• 400 personer (5,0 % av den registrerade arbetskraften) är arbetslösa i dec 2021.\n"
            "Arbetslösheten i december låg på 5,5 procent.\n")
    warnings: list[ParseWarning] = []
    df = read_labour_market(_source(text), year=2021, warnings=warnings)
    rates = df[df.measure == "unemployment_rate"]
    assert sorted(rates.value) == [5.0, 5.5] and set(rates.period) == {"2021-12"}
    assert [w.code for w in warnings] == ["conflicting-figure"]


def test_registered_in_report(report_path):
    report = kslib.read_report(report_path)
    assert "labour_market" in report.table_names()
    assert len(report.labour_market) == len(EXPECTED_2020)


def test_a_boards_own_staff_leaving_is_no_labour_market_figure():
    """Intraservice 2025: "Av de totalt cirka 50 medarbetare som har avslutat sin anställning … ca 25 procent"
    is staff turnover, not exits from a labour-market unit: nothing is read (and Arbetsmarknad is skipped)."""
    from pathlib import Path

    report = kslib.read_report(Path(__file__).parent / "corpus" / "goteborg_namnden-for-intraservice_arsrapport_2025.txt")
    assert report.labour_market.empty
