"""Styled tables: Swedish headings and number formatting, totals, statuses, counts."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import REPORT_2020 as REPORT, plain
from kslib import read_report
from kslib.present import display as td
from kslib.present import frames, labels, sentences
from kslib.parse.tables.views import wide


@pytest.fixture(scope="module")
def report():
    return read_report(REPORT)


def test_financial_table(report):
    html = plain(td.financial_table(wide(report.driftredovisning), year=2020, caption="Driftredovisning").to_html())
    for text in ("Utfall 2020 (tkr)", "Budget 2020 (tkr)", "Avvikelse mot budget (tkr)", "Utfall 2019 (tkr)",
                 "Förändring 2020/2019 (tkr)", ">71 994<", ">72 744<", ">+750<", ">-1 478<", "136 Arbetsmarknad",
                 "Driftredovisning"):
        assert text in html, text
    assert " tkr<" not in html                 # the unit stands in the headers, not in every cell
    assert "font-weight: 600" in html          # the total row is bold
    assert "<th class=\"blank" not in html     # index hidden


def test_shares_and_cost_per_inhabitant(report):
    drift = wide(report.driftredovisning)
    shares = frames.net_cost_shares(drift, year=2020)
    assert shares["share"].sum() == pytest.approx(100.0)
    assert shares.iloc[0]["area"] == "131 Kommunledningskontor"
    assert shares.iloc[0]["share"] == pytest.approx(39264 / 71994 * 100)
    assert frames.estimated_inhabitants(71994, 4954) == pytest.approx(71994000 / 4954)
    html = plain(td.shares_table(drift, year=2020, net_cost_tkr=71994, cost_per_inhabitant_kr=4954).to_html())
    assert "Andel av nettokostnaden (%)" in html and ">54,5<" in html
    assert "Kostnad per invånare (kr)" in html and ">2 702<" in html
    assert "Kostnad per invånare" not in plain(td.shares_table(drift, year=2020).to_html())


def test_key_figures(report):
    wide_kf = frames.key_figures_wide(report.nyckeltal)
    assert list(wide_kf.columns) == [2016, 2017, 2018, 2019, 2020]
    html = plain(td.key_figures_table(report.nyckeltal).to_html())
    assert "Förändring 2016–2020" in html and "32 901" in html


def test_key_figures_modified_template():
    rows = [("A", 2019, 10.0), ("A", 2020, 15.0), ("Ny rad", 2019, 4.0), ("Ny rad", 2020, 2.0)]
    kf = pd.DataFrame([{"row_label": r, "measure": "outcome", "year": y, "value": v} for r, y, v in rows])
    html = plain(td.key_figures_table(kf).to_html())
    assert "Förändring 2019–2020 (%)" in html and ">+50<" in html and ">-50<" in html and "Ny rad" in html


def test_key_figures_of_several_units():
    """Intraservice p. 5 style: counts and per-cent figures in one table — each row's unit shown, a per-cent
    figure's change in procentenheter (40 % → 44 % is +4, not +10 %)."""
    rows = [("Antal tjänster", "st", 51.0, 56.0), ("Tecknade kundavtal bolag", "%", 40.0, 44.0),
            ("Konsolideringsgrad", "%", 35.0, 44.5)]
    kf = pd.DataFrame([{"row_label": r, "unit": u, "measure": "outcome", "year": y, "value": v}
                       for r, u, a, b in rows for y, v in ((2023, a), (2025, b))])
    data = td.key_figures_table(kf).data
    assert list(data.columns) == ["Nyckeltal", "Enhet", "2023", "2025", "Förändring 2023–2025"]
    assert list(data["Enhet"]) == ["antal", "%", "%"]
    assert [plain(c) for c in data["Förändring 2023–2025"]] == ["+10 %", "+4 procentenheter", "+9,5 procentenheter"]
    assert [plain(c) for c in data["2025"]] == ["56", "44", "44,5"]          # each figure as printed


def goals_frame():
    return pd.DataFrame([
        ("1", "goal", None, "Mål ett", "met", "text", 10),
        ("1.1", "subgoal", "1", "Delmål", "later", "horizon", 20),
        ("1.2", "subgoal", "1", "Annat delmål", "unknown", "none", 21),
        ("2", "goal", None, "Mål två", "partly_met", "override", 30),
    ], columns=["goal_id", "level", "parent_id", "title", "status", "basis", "line"])


def test_status_labels_complete():
    names = labels.status_labels()
    assert [names[s] for s in labels.STATUS_ORDER] == ["Uppfylls", "Uppfylls delvis", "Uppfylls ej",
                                                    "Följs upp senare", "Ej angiven i texten"]
    assert labels.status_label(None) == "Ej angiven i texten"     # never "Okänd": not a finding


def test_goals_table_and_summary():
    goals = goals_frame()
    html = td.goals_table(goals).to_html()
    for text in ("Uppfylls", "Följs upp senare", "Ej angiven i texten", "Uppfylls delvis", "analytikerns bedömning", "Delmål"):
        assert text in html
    assert "Okänd" not in html
    assert sentences.goals_summary(goals) == ("Av 2 mål: 1 uppfylls, 1 uppfylls delvis. "
                                       "Av 2 delmål: 1 följs upp senare, 1 saknar status i rapportens text.")
    assert list(frames.unknown_goals(goals)["goal_id"]) == ["1.2"]


def test_goals_table_shows_only_the_reports_own_numbers():
    """kslib's own ids (``numbered`` false: "L1", "1.3/2") are not printed; a table where no goal has a stated
    status has no basis column; the page of each goal is its source."""
    goals = goals_frame().assign(goal_id=["L1", "L1.1", "L1.2", "2"], numbered=[False, False, False, True],
                                 page=[2, 2, 3, 4])
    data = td.goals_table(goals).data
    assert list(data["Nr"]) == ["", "", "", "2"] and list(data["Källa"]) == ["s. 2", "s. 2", "s. 3", "s. 4"]
    assert list(data.columns) == ["Nr", "Nivå", "Mål", "Status", "Underlag", "Källa"]
    none = td.goals_table(goals.assign(numbered=False, status="unknown", basis="none")).data
    assert list(none.columns) == ["Nivå", "Mål", "Status", "Källa"]
    assert list(td.unknown_goals_table(goals).data["Nr"]) == ["L1.2"]    # the analyst's override key


def test_goals_and_assignments_without_any_stated_status():
    """Nothing stated: said once as such, not as "10 saknar status" counts that read like findings."""
    goals = goals_frame().assign(status="unknown")
    assert sentences.goals_summary(goals) == ("Rapporten redovisar 2 mål och 2 delmål men anger inte i texten hur de "
                                              "uppfylls.")
    assert sentences.goals_summary(goals.iloc[:1]) == "Rapporten redovisar 1 mål men anger inte i texten hur det uppfylls."
    tasks = pd.DataFrame({"level": "assignment", "status": ["unknown", "unknown"], "title": ["A", "B"]})
    assert sentences.assignments_summary(tasks) == "Rapporten redovisar 2 uppdrag men anger inte i texten deras status."
    tasks = tasks.assign(status=["done", "unknown"])
    assert sentences.assignments_summary(tasks) == "Av 2 uppdrag är 1 avslutade och 1 saknar status i rapportens text."


def test_goal_counts_comparison():
    goals = goals_frame()
    counts = pd.DataFrame([("goal", "met", 1, "ett mål uppfylls", 5), ("subgoal", "met", 3, "tre delmål uppfylls", 6),
                           ("action_plan", "not_met", 2, "2 aktiviteter uppfylls ej", 7)],
                          columns=["level", "status", "count", "text", "line"])
    cmp = frames.goal_counts_comparison(goals, counts)
    assert list(cmp["parsed"][:2]) == [1, 0] and pd.isna(cmp["parsed"][2])
    assert list(cmp["agrees"][:2]) == [True, False] and pd.isna(cmp["agrees"][2])
    plan = pd.DataFrame({"item": [1, 2, 3], "status": ["not_met", "not_met", "partly_met"]})
    cmp = frames.goal_counts_comparison(goals, counts, others={"action_plan": plan})
    assert cmp.iloc[2]["parsed"] == 2 and cmp.iloc[2]["agrees"]
    html = td.goal_counts_table(goals, counts).to_html()
    assert "Nej" in html and "Handlingsplan" in html


def test_checks_summary_and_findings(report):
    checks = pd.DataFrame([
        ("row_sum", "info", "driftredovisning", "Totalt", 1, 1, "ok", "rad 1"),
        ("budget_claim", "error", "driftredovisning", "136", 2830, 2600, "stämmer inte", "rad 164"),
        ("goal_count", "warning", "goals", "subgoal met", 6, 0, "oklart", "rad 354"),
    ], columns=["check", "severity", "table", "row", "expected", "found", "message", "location"])
    fin = ("resultatrakning", "driftredovisning", "nyckeltal")
    assert list(frames.findings(checks, tables=fin)["check"]) == ["budget_claim"]
    assert sentences.checks_summary(checks, tables=fin) == ("Granskningen gjorde 2 kontroller; 1 stämde, och 1 fel "
                                                     "behöver uppmärksamhet:")
    assert sentences.checks_summary(checks.iloc[:1], tables=fin) == ("Granskningen gjorde 1 kontroller; 1 stämde och "
                                                              "inga avvikelser hittades.")
    assert "Fel" in td.checks_table(frames.findings(checks)).to_html()


def test_labour_market_table():
    lm = pd.DataFrame([("unemployment_rate", "all", "municipality", "2020-12", 6.6, "%"),
                       ("unemployment_rate", "all", "county", "2020-12", 7.5, "%"),
                       ("unemployment_rate", "youth_18_24", "municipality", "2020-12", 12.0, "%")],
                      columns=["measure", "group", "area", "period", "value", "unit"])
    html = plain(td.labour_market_table(lm).to_html())
    assert "Kommunen december 2020" in html and "Länet december 2020" in html
    assert "Kommunen december 2020 (%)" in html and ">6,6<" in html and ">12,0<" in html and "Unga 18–24 år" in html


def test_source_line_names_file_sha256_version_and_date(report):
    import datetime
    import hashlib

    import kslib

    line = td.source_line(report, on=datetime.date(2021, 3, 15))
    sha = hashlib.sha256(REPORT.read_bytes()).hexdigest()
    assert sha == "aa59af44be10694b75375fb1d99c2f77d80b07f097610db538982c9133331962"
    assert line == (f"Underlag: *vaggeryd_ks_verksamhetsberattelse_2020.txt* (SHA-256 `{sha}`), "
                    f"framtagen med kslib {kslib.__version__} den 2021-03-15.")
    assert re.search(r"kslib \d+\.\d+\.\d+", line)
    assert str(datetime.date.today()) in td.source_line(report)


def test_source_line_of_a_modified_copy(tmp_path):
    """Another file with one figure changed: its own name and hash, not the real report's."""
    import hashlib

    text = REPORT.read_text(encoding="utf-8").replace("TOTALT 71 994", "TOTALT 71 995")
    path = tmp_path / "2020" / "andra_rapporten.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    line = td.source_line(read_report(path))
    assert "*andra_rapporten.txt*" in line and hashlib.sha256(path.read_bytes()).hexdigest() in line
    assert "aa59af44be10694b" not in line


def test_header_block(report):
    import datetime

    from kslib.pipeline.context import NotebookContext

    ctx = NotebookContext(report=report, year=2020, municipality="Vaggeryds kommun", board="Kommunstyrelsen",
                          audience="analytiker")
    text = td.header(ctx, "Nettokostnad totalt 1 tkr.", on=datetime.date(2021, 3, 15)).data
    parts = text.split("\n\n")
    assert parts[0] == "**Kommunstyrelsen, Vaggeryds kommun 2020**"
    assert parts[1] == "Nettokostnad totalt 1 tkr."
    assert parts[2] == td.source_line(report, on=datetime.date(2021, 3, 15))
    assert td.header(ctx).data.split("\n\n")[1].startswith("Underlag: ")
    # the committee edition names no file, hash, tool or date; its footer names the report
    ctx.audience = "nämnd"
    committee = td.header(ctx, on=datetime.date(2021, 3, 15)).data
    assert committee == "**Kommunstyrelsen, Vaggeryds kommun 2020**"
    footer = td.footer(ctx).data
    assert "Källa:" in footer and "2020" in footer and "Vaggeryds kommun" in footer
    assert ".txt" not in footer and "kslib" not in footer and "SHA" not in footer


def test_status_summary_reads_as_a_sentence():
    plan = pd.DataFrame({"status": ["not_met", "unknown", "unknown"]})
    assert sentences.status_summary(plan, what="aktiviteter") == "Av 3 aktiviteter: 1 uppfylls ej, 2 saknar status i rapportens text."


def test_indicator_values_name_each_goal_once_with_pages():
    values = pd.DataFrame([
        ("Mål A", "Ind 1", 2019, "target", 95.0, None, 2), ("Mål A", "Ind 1", 2019, "outcome", 96.0, None, 2),
        ("Mål A", "Ind 2", 2019, "target", None, "Topp 3", 2), ("Mål B", "Ind 3", 2019, "outcome", 4.0, None, 3)],
        columns=["goal", "indicator", "year", "measure", "value", "text", "page"]).assign(assessment=None)
    data = td.indicator_values_table(values, year=2019).data
    assert list(data["Mål"]) == ["Mål A", "", "Mål B"]
    assert list(data["Målvärde"]) == ["95", "Topp 3", ""] and list(data["Källa"]) == ["s. 2", "s. 2", "s. 3"]
    assert "Bedömning" not in data.columns
