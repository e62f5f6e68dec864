"""One sign convention in the data: ``surplus`` (positive = better than budget) from each table's own
convention, so commentary, charts and colours never recompute it."""
from __future__ import annotations

import re

import pytest

import kslib
from conftest import REPORT_2020, plain
from kslib.parse.tables.views import wide
from kslib.present import charts
from kslib.present.commentary import area_commentary, financial_commentary
from kslib.present.display import financial_table

# the 2020 driftredovisning read by hand: outcome 2020, budget 2020, deviation, outcome 2019, change
HAND_READ = {
    "100 Politisk verksamhet": (7221, 6672, -549, 8141, -920),
    "104 Projekt och samverkan": (1539, 1875, 336, 1631, -92),
    "131 Kommunledningskontor": (39264, 38382, -882, 37892, 1372),
    "136 Arbetsmarknad": (8327, 11157, 2830, 9080, -753),
    "162 Näringslivsverksamhet": (1327, 1233, -94, 619, 708),
    "170 Samhällsutveckling": (1288, 2596, 1308, 1398, -110),
    "430 Turism": (502, 686, 184, 507, -5),
    "752 Ekonomiskt bistånd": (11493, 10015, -1478, 8197, 3296),
    "755 Myndighet vuxna": (147, 0, -147, -56, 203),
    "758 Integration": (886, 128, -758, -809, 1695),
    " TOTALT": (71994, 72744, 750, 66600, 5394),
}


def _n(v: int) -> str:
    return f"{v:,}".replace(",", " ")


def negative_costs(text: str) -> str:
    """The 2020 driftredovisning as many reports print it: net costs negative ("-7 221"), the deviation
    as outcome − budget (the same figure), last year negative, the change negated."""
    for label, (o, b, d, last, change) in HAND_READ.items():
        printed = f"{label} {_n(o)} {_n(b)} {_n(d)} {_n(last)} {_n(change)} "
        assert printed in text, printed
        text = text.replace(printed, f"{label} {_n(-o)} {_n(-b)} {_n(d)} {_n(-last)} {_n(-change)} ", 1)
    return text


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    text = REPORT_2020.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("neg") / "2020" / "negativa_kostnader.txt"
    path.parent.mkdir()
    path.write_text(negative_costs(text), encoding="utf-8")
    assert "100 Politisk verksamhet -7 221 -6 672 -549 -8 141 920" in path.read_text(encoding="utf-8")
    return wide(kslib.read_report(REPORT_2020).driftredovisning), wide(kslib.read_report(path).driftredovisning)


def test_surplus_is_the_same_in_both_conventions(both):
    positive, negative = both
    assert negative.loc[negative.row_label == "TOTALT", "outcome_2020"].item() == -71994
    for frame in both:
        by = dict(zip(frame.row_label, frame.surplus_2020))
        assert by["TOTALT"] == 750 and by["Arbetsmarknad"] == 2830 and by["Ekonomiskt bistånd"] == -1478


def test_commentary_says_surplus_for_negative_costs(both):
    for frame in both:
        got = [plain(s) for s in financial_commentary(frame, year=2020)]
        assert got[0] == ("Nettokostnaden 2020 blev 71 994 tkr mot en budget på 72 744 tkr, "
                          "ett överskott på 750 tkr (1,0 % av budgeten).")
        assert got[2] == "Störst överskott mot budget: 136 Arbetsmarknad (2 830 tkr) och 170 Samhällsutveckling (1 308 tkr)."
        assert got[3].startswith("Störst underskott mot budget: 752 Ekonomiskt bistånd (1 478 tkr)")
        assert plain(area_commentary(frame, "bistånd", year=2020)[0]).startswith(
            "752 Ekonomiskt bistånd: utfallet 2020 blev 11 493 tkr, 1 478 tkr mer än budget (10 015 tkr)")


def test_chart_and_colours_follow_the_surplus(both):
    for frame in both:
        fig = charts.deviation_chart(frame, year=2020)
        labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        # the largest deficit (the bar the title names) is the top bar, i.e. the last tick label
        assert labels[-1] == "752 Ekonomiskt bistånd" and labels[0] == "136 Arbetsmarknad"
        html = financial_table(frame, year=2020).to_html()
        cell = re.search(r'id="(T_\w+_row(\d+)_col3)"[^>]*>\+?750', html.replace("\u202f", " "))
        assert cell, "the total's deviation cell"
        rule = html[html.index(f"#{cell.group(1)}"):]
        assert rule[:rule.index("}")].count("color: #1a5e9a") == 1    # the total's surplus is blue
        assert "#b2182b" in html                                     # deficits red
