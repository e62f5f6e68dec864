"""Quality indicators: the real table checked row by row, a modified copy, and the figure parser."""
import pandas as pd
import pytest

from goal_templates import modified, real_source
from kslib.parse.records.indicators import read_indicators, parse_figures

CONTRACT = ["goal_id", "indicator", "baseline", "target", "trend", "comparison", "outcome", "outcome_value",
            "outcome_unit", "outcome_persons", "county_value", "country_value", "preliminary", "rank", "line"]


@pytest.fixture(scope="module")
def real():
    warnings = []
    return read_indicators(real_source(), year=2020, warnings=warnings), warnings


def _na(v):
    return None if pd.isna(v) else v


def test_contract_columns(real):
    assert set(CONTRACT) <= set(real[0].columns)


def test_real_rows_text(real):
    frame, _ = real
    assert list(frame.goal_id) == ["1", "1", "1", "2", "2", "2", "2", "2", "2", "2", "4", "4"]
    assert list(frame.indicator) == [
        "Övergripande fysisk planering", "Planeringsberedskap", "Hållbarhetsarbete", "Företagsklimat SN",
        "Företagsklimat SN", "Företagsklimat SKR", "Andel UF-företagare", "Ungdomsarbetslöshet",
        "Arbetslöshet 6 månader", "Arbetslöshet 12 månader", "Medborgardialoger", "Öka visningar KF-web"]
    assert list(frame.line) == [381, 393, 395, 403, 413, 415, 417, 443, 461, 463, 465, 473]
    r = frame.set_index("line")
    assert (r.loc[403, "baseline"], r.loc[403, "target"], r.loc[403, "comparison"], r.loc[403, "outcome"]) == \
        ("År 2019 4,09 (3,87 län)", "Minst 4.0 (bra)", "Högre än län", "2020 3,85 (3,75 län)")
    assert (r.loc[413, "baseline"], r.loc[413, "target"], r.loc[413, "outcome"]) == \
        ("3:e i länet", "1:a plats i länet", "2020 6:e i länet")
    assert (r.loc[415, "baseline"], r.loc[415, "target"], r.loc[415, "outcome"]) == ("", "75", "prel. 70")
    assert r.loc[417, "baseline"] == "Andel 27 % 30 p 2018/2019: 9 UF företag Nominerade i länsfinal: 0"
    assert r.loc[417, "target"] == "+ 5 % per år i snitt under mandatp. Minst 3 nom. i länsfinal"
    assert r.loc[417, "outcome"] == "Andel 34 % 43 p år 19/20 13 UF-företag Nom. i länsfinal: 0"
    assert r.loc[443, "baseline"] == "5,2 % (L4,3 R4,6) Inkl. i program: 9,7 % (L8,5 R9,2)"
    assert r.loc[443, "outcome"] == "5,4 % (L3,6, R4,8) Inkl. i program: 12 % (L9,6 R11,8)"
    assert (r.loc[461, "baseline"], r.loc[461, "outcome"]) == ("2,52 % (177p)", "3,43 % (249p)")
    assert (r.loc[465, "comparison"], r.loc[465, "outcome"]) == ("-", "6 st, varav sista 2 covid-anpassade")
    assert (r.loc[473, "baseline"], r.loc[473, "target"], r.loc[473, "outcome"]) == \
        ("1315 (618 unika visningar)", "Öka", "2137 (1259 unika visningar)")
    assert (r.loc[381, "outcome"], r.loc[393, "target"]) == ("ÖP nått framsteg med ändrad metod", "100 bostäder / år")


def test_real_rows_numbers(real):
    r = real[0].set_index("line")
    assert (r.loc[403, "outcome_value"], r.loc[403, "county_value"], r.loc[403, "baseline_value"],
            r.loc[403, "baseline_county_value"], r.loc[403, "target_value"]) == (3.85, 3.75, 4.09, 3.87, 4.0)
    assert (_na(r.loc[413, "rank"]), _na(r.loc[413, "baseline_rank"]), _na(r.loc[413, "outcome_value"])) == \
        (6, 3, None)
    assert (r.loc[415, "outcome_value"], bool(r.loc[415, "preliminary"])) == (70, True)
    assert (r.loc[443, "outcome_value"], r.loc[443, "outcome_unit"], r.loc[443, "county_value"],
            r.loc[443, "country_value"], r.loc[443, "baseline_county_value"], r.loc[443, "baseline_country_value"]) \
        == (5.4, "%", 3.6, 4.8, 4.3, 4.6)
    assert (r.loc[461, "outcome_value"], r.loc[461, "outcome_persons"], r.loc[461, "baseline_value"],
            r.loc[461, "baseline_persons"]) == (3.43, 249, 2.52, 177)
    assert (r.loc[463, "outcome_value"], r.loc[463, "outcome_persons"], r.loc[463, "baseline_persons"]) == \
        (2.0, 146, 108)
    assert (r.loc[465, "outcome_value"], r.loc[465, "outcome_unit"]) == (6, "st")
    assert (r.loc[473, "outcome_value"], r.loc[473, "baseline_value"]) == (2137, 1315)
    assert _na(r.loc[381, "outcome_value"]) is None


def test_real_warnings_name_the_uncertain_rows(real):
    assert [w.line for w in real[1]] == [395, 443, 461, 463]
    assert all(w.code == "indicator-placement" for w in real[1])


def test_modified_template():
    source = modified(
        ("2 Arbetslöshet 6 månader 2,52 % (177p)    3,43 % (249p)",
         "2 Arbetslöshet 6 månader 3,43 % (249p)    4,10 % (301p)"),
        ("2 Företagsklimat SKR    75      prel. 70", "2 Företagsklimat SKR    80      72"),
        ("4 Medborgardialoger", "3 Besök i simhallen 12 400   Öka   - 13 020 \n\n4 Medborgardialoger"),
    )
    frame = read_indicators(source, year=2021).set_index("indicator")
    assert len(frame) == 13
    assert (frame.loc["Arbetslöshet 6 månader", "outcome_value"],
            frame.loc["Arbetslöshet 6 månader", "outcome_persons"]) == (4.1, 301)
    skr = frame.loc["Företagsklimat SKR"]
    assert (skr.target, skr.outcome, skr.outcome_value, bool(skr.preliminary)) == ("80", "72", 72, False)
    new = frame.loc["Besök i simhallen"]
    assert (new.goal_id, new.baseline, new.target, new.comparison, new.outcome, new.outcome_value) == \
        ("3", "12 400", "Öka", "-", "13 020", 13020)
    assert new.baseline_value == 12400


@pytest.mark.parametrize("text, expected", [
    ("prel. 70", {"value": 70, "preliminary": True}),
    ("3,43 % (249p)", {"value": 3.43, "unit": "%", "persons": 249}),
    ("5,2 % (L4,3 R4,6)", {"value": 5.2, "county_value": 4.3, "country_value": 4.6}),
    ("2020 6:e i länet", {"value": None, "rank": 6}),
    ("År 2019 4,09 (3,87 län)", {"value": 4.09, "county_value": 3.87}),
    ("ÖP nått framsteg", {"value": None, "rank": None}),
    ("100 bostäder / år", {"value": 100, "unit": "bostäder"}),
])
def test_parse_figures(text, expected):
    got = parse_figures(text, 2020)
    for key, value in expected.items():
        assert got[key] == value, key
