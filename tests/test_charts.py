"""Charts: figures built without pyplot, Swedish ticks and labels, sorted deviations, any template rows."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kslib import read_report
from kslib.parse.tables.views import wide

charts = pytest.importorskip("kslib.present.charts")
REPORT = Path(__file__).resolve().parents[1] / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"


@pytest.fixture(scope="module")
def report():
    return read_report(REPORT)


def tick_texts(ax, axis="x"):
    ax.figure.canvas.draw()
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks]


def test_import_kslib_does_not_import_matplotlib():
    code = "import sys, kslib; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_deviation_chart_sorted_diverging(report):
    fig = charts.deviation_chart(wide(report.driftredovisning), year=2020)
    ax = fig.axes[0]
    assert ax.get_title() == "Avvikelse mot budget per programområde 2020"
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [b.get_width() for b in ax.patches]
    assert widths == sorted(widths, reverse=True)                # sorted, the largest deficit on top
    assert labels[-1] == "752 Ekonomiskt bistånd" and widths[-1] == -1478
    assert labels[0] == "136 Arbetsmarknad" and widths[0] == 2830
    assert "TOTALT" not in labels
    colours = {round(b.get_facecolor()[2], 2) for b in ax.patches}
    assert len(colours) == 2                                     # surplus and deficit differ
    ticks = tick_texts(ax)
    assert "\u22122\u202f000" in ticks and "1\u202f000" in ticks  # Swedish minus and thin-space groups
    assert charts.to_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def test_charts_on_modified_template():
    drift = pd.DataFrame({"row_code": ["1", "2", pd.NA], "row_label": ["Ny verksamhet", "Annan", "Summa"],
                          "kind": ["row", "row", "total"], "outcome_2021": [90.0, 1500.0, 1590.0],
                          "budget_2021": [100.0, 1200.0, 1300.0], "outcome_2020": [80.0, 1000.0, 1080.0],
                          "surplus_2021": [10.0, -300.0, -290.0]})
    fig = charts.deviation_chart(drift, year=2021)
    # bottom to top: the deficit the title names is the top bar
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["1 Ny verksamhet", "2 Annan"]
    only_surpluses = drift.assign(surplus_2021=[10.0, 300.0, 310.0])
    fig = charts.deviation_chart(only_surpluses, year=2021)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["1 Ny verksamhet", "2 Annan"]
    assert [b.get_width() for b in fig.axes[0].patches] == [10.0, 300.0]       # the largest surplus on top
    fig = charts.outcome_budget_chart(drift, year=2021)
    # the key sits below the axes (figure legend), never over the bars
    assert fig.axes[0].get_legend() is None
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["Utfall 2021", "Budget 2021", "Utfall 2020"]
    # costs printed as negative figures: the largest area is still the top bar
    negative = drift.assign(**{c: -drift[c] for c in drift.columns if c.startswith(("outcome_", "budget_"))})
    assert ([t.get_text() for t in charts.outcome_budget_chart(negative, year=2021).axes[0].get_yticklabels()]
            == [t.get_text() for t in fig.axes[0].get_yticklabels()])
    fig = charts.share_chart(drift, year=2021)
    assert "%" in " ".join(tick_texts(fig.axes[0]))


def test_key_figure_charts(report):
    fig = charts.key_figures_chart(report.nyckeltal)
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert len(titles) == report.nyckeltal["row_label"].nunique()
    fig = charts.composition_chart(report.nyckeltal, "fakturor$", title="Fakturor per typ")
    ax = fig.axes[0]
    assert len(ax.get_legend().get_texts()) == 3
    # the stacked shares of each year add up to 100 %
    tops = {}
    for bar in ax.patches:
        x = round(bar.get_x(), 3)
        tops[x] = max(tops.get(x, 0), bar.get_y() + bar.get_height())
    assert all(v == pytest.approx(100) for v in tops.values())


def test_labour_market_charts(report):
    lm = report.labour_market
    fig = charts.unemployment_comparison_chart(lm, period="2020-12")
    ax = fig.axes[0]
    assert ax.get_title() == "Arbetslöshet per grupp, december 2020"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Kommunen", "Länet", "Riket"]
    assert "6,6" in [t.get_text() for t in ax.texts]
    assert any(t.endswith("%") for t in tick_texts(ax, "y"))
    fig = charts.unemployment_change_chart(lm, period="2020-12", previous="2019-12")
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["december 2019", "december 2020"]


def test_goal_status_chart():
    goals = pd.DataFrame({"level": ["goal", "goal", "subgoal", "subgoal", "subgoal"],
                          "status": ["met", "partly_met", "later", None, "not_met"]})
    ax = charts.goal_status_chart(goals).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "Uppfylls", "Uppfylls delvis", "Uppfylls ej", "Följs upp senare", "Ej angiven i texten"]
    assert sum(b.get_width() for b in ax.patches) == 5


def test_key_figures_chart_of_several_units():
    kf = pd.DataFrame([{"row_label": r, "unit": u, "measure": "outcome", "year": y, "value": v}
                       for r, u in (("Antal tjänster", "st"), ("Tecknade kundavtal bolag", "%"))
                       for y, v in ((2024, 40.0), (2025, 44.0))])
    fig = charts.key_figures_chart(kf)
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert titles == ["Antal tjänster", "Tecknade kundavtal bolag (%)"]
    assert fig._suptitle.get_text() == "Verksamhetens nyckeltal över åren"


def test_a_key_figure_of_one_year_keeps_every_year_on_its_axis():
    kf = pd.DataFrame([{"row_label": "NKI", "unit": "%", "measure": "outcome", "year": y, "value": v}
                       for y, v in ((2023, None), (2024, 58.6), (2025, None))])
    ax = charts.key_figures_chart(kf).axes[0]
    lo, hi = ax.get_xlim()
    assert lo < 2023 and hi > 2025
