"""Board goals, sub-goals and the counts the prose reports (real report checked by hand, and modified)."""
from pathlib import Path

import pandas as pd
import pytest

from goal_templates import modified, real_source
from kslib.audit.goals import check_goal_counts
from kslib.parse.records.counts import read_goal_counts
from kslib.parse.records.goal_rows import GOAL_COLUMNS
from kslib.parse.records.goals import read_goals
from kslib.statuses import STATUS_LABELS_SV, status_from_words

LATER_2020 = {"1.1.b", "1.2", "2.3", "3.1", "3.2", "3.3"}


@pytest.fixture(scope="module")
def goals():
    warnings = []
    frame = read_goals(real_source(), year=2020, warnings=warnings)
    return frame, warnings


def test_columns_follow_the_contract(goals):
    frame, _ = goals
    assert list(frame.columns) == GOAL_COLUMNS


def test_board_goals_and_their_status_from_headings(goals):
    frame, _ = goals
    board = frame[frame.level == "goal"].set_index("goal_id")
    assert list(board.index) == ["1", "2", "3", "4"]
    assert list(board.kf_goal) == ["KF1", "KF2", "KF3", "KF4"]
    assert list(board.status) == ["met", "partly_met", "partly_met", "met"]
    assert set(board.basis) == {"text"}
    assert board.loc["2", "comment"] == "(Uppfylls delvis)"
    assert board.loc["1", "title"] == ("Vaggeryds kommun ska vara en plats med hållbar samhällsutveckling och "
                                       "tillväxt i hela kommunen")
    assert board.loc["1", "prose_title"].startswith("Tillsammans med de som bor lever och verkar i kommunen")
    assert board.loc["4", "title"].endswith("– med hög tolerans, delaktighet och möjlighet att påverka")
    assert list(board.line) == [250, 257, 264, 271]
    assert list(board.status_line) == [526, 609, 1087, 1103]
    assert set(board.horizon) == {"2020-2022"}


def test_sub_goals_as_printed(goals):
    frame, _ = goals
    sub = frame[frame.level == "subgoal"].set_index("goal_id")
    assert list(sub.index) == ["1.1.a", "1.1.b", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1", "2.2", "2.3", "2.4",
                               "3.1", "3.2", "3.3", "4.1", "4.2", "4.3", "4.4"]
    assert sub.loc["1.1.b", "kf_goal"] == "KF1"          # printed "KF 1"
    assert sub.loc["2.4", "parent_id"] == "2"
    assert sub.loc["1.2", "title"] == "Strategiska markförvärv"
    assert sub.loc["1.2", "horizon"] == "2021"
    assert sub.loc["3.1", "horizon"] == "2021-2022"
    assert sub.loc["2.3", "horizon"] == "mandatperiod"
    assert sub.loc["2.3", "title"] == "Delmål enligt näringslivsstrategi 6-10"
    assert sub.loc["4.2", "title"] == "Transparens"
    assert sub.loc["1.1.a", "line"] == 314


def test_sub_goal_statuses_from_horizon_and_prose(goals):
    frame, _ = goals
    sub = frame[frame.level == "subgoal"].set_index("goal_id")
    assert set(sub.index[sub.status == "later"]) == LATER_2020
    assert set(sub.basis[sub.status == "later"]) == {"horizon"}
    assert sub.loc["2.4", "status"] == "not_met"
    assert sub.loc["2.4", "basis"] == "text"
    assert "sysselsättning och försörjning" in sub.loc["2.4", "comment"]
    rest = sub.drop(index=[*LATER_2020, "2.4"])
    assert set(rest.status) == {"unknown"} and set(rest.basis) == {"none"}
    assert len(rest) == 11


def test_reported_counts():
    counts = read_goal_counts(real_source(), year=2020)
    got = [(r.level, r.status, r.count, None if pd.isna(r.total) else r.total, r.line, r.ids)
           for r in counts.itertuples()]
    assert got == [
        ("goal", "met", 2, None, 281, ""), ("goal", "partly_met", 2, None, 281, ""),
        ("subgoal", "met", 6, None, 354, ""), ("subgoal", "partly_met", 5, None, 354, ""),
        ("subgoal", "not_met", 1, None, 354, ""),
        ("goal", "met", 2, None, 491, "1,4"), ("goal", "partly_met", 2, None, 491, "2,3"),
        ("action_plan", "not_met", 2, 8, 687, ""), ("action_plan", "partly_met", 6, 8, 689, ""),
    ]
    assert counts.text[0] == "två av målen uppfylls"


def test_reconcile_real_counts(goals):
    frame, _ = goals
    counts = read_goal_counts(real_source(), year=2020)
    items = {level: part for level, part in frame.groupby("level")}
    found = {f.row: f for f in check_goal_counts(counts, items)}
    sub_met = found["subgoal met"]
    # 6 met reported; none parsed as met, 11 unknown: cannot be confirmed (a warning, not an error)
    assert (sub_met.expected, sub_met.found, sub_met.severity) == (6, 0, "warning")
    # 6 + 5 + 1 reported = the 12 sub-goals assessed this year
    assert counts[counts.level == "subgoal"]["count"].sum() == 12
    assert all(f.severity == "info" for row, f in found.items() if row.startswith("goal "))


def test_no_warnings_on_the_real_report(goals):
    assert goals[1] == []


def test_modified_template_other_statuses_and_an_added_goal():
    source = modified(
        ("hållbar tillväxt i hela kommunen (Uppfylls)", "hållbar tillväxt i hela kommunen (Uppfylls delvis)"),
        ("fritids-och kulturaktiviteter (Uppfylls delvis)", "fritids-och kulturaktiviteter (Uppfylls ej)"),
        ("hög tolerans, delaktighet och möjlighet att påverka \n",
         "hög tolerans, delaktighet och möjlighet att påverka \n\nKF5 \n5. Ett nytt mål om digital service \n"
         "\nför alla invånare \n"),
        ("KF4 4 4.4 Inkluderande mötesplatser", "KF4 4 4.4 Inkluderande mötesplatser \n\n"
                                               "KF5 5 5.1 Digitala tjänster (2022)"),
        ("1.2. Strategiska markförvärv (2021)", "1.2. Strategiska markförvärv (2020)"),
        ("det som handlar om sysselsättning och försörjning", "det som handlar om kollektivtrafik"),
        ("sex av delmålen", "sju av delmålen"),
        ("Kommunstyrelsens bidrag till KF mål 4/nämndmål",
         "Kommunstyrelsens bidrag till KF mål 5/nämndmål 2020-2022: 5. Ett nytt mål om digital service för alla "
         "invånare (Uppfylls) \n\nText.\n\nKommunstyrelsens bidrag till KF mål 4/nämndmål"),
    )
    warnings = []
    frame = read_goals(source, year=2020, warnings=warnings).set_index("goal_id")
    board = frame[frame.level == "goal"]
    assert list(board.index) == ["1", "2", "3", "4", "5"]
    assert list(board.status) == ["partly_met", "partly_met", "not_met", "met", "met"]
    assert board.loc["5", "title"] == "Ett nytt mål om digital service för alla invånare"
    assert board.loc["5", "kf_goal"] == "KF5"
    assert frame.loc["5.1", "status"] == "later" and frame.loc["5.1", "parent_id"] == "5"
    assert frame.loc["1.2", "status"] == "unknown"      # horizon is the report year: not "later"
    assert frame.loc["1.6", "status"] == "not_met"
    assert frame.loc["2.4", "status"] == "unknown"
    counts = read_goal_counts(source, year=2020)
    assert counts[(counts.level == "subgoal") & (counts.status == "met")]["count"].tolist() == [7]
    # the summary still names goals 1,4 as met and 2,3 as partly met: goals 1 and 3 now conflict, reported
    assert [w.code for w in warnings] == ["goal-status-conflict", "goal-status-conflict"]
    assert "goal 1 " in warnings[0].message and "goal 3 " in warnings[1].message


def test_horizon_depends_on_the_report_year():
    frame = read_goals(real_source(), year=2021).set_index("goal_id")
    assert frame.loc["1.2", "status"] == "unknown"           # (2021) is due in 2021
    assert frame.loc["1.1.b", "status"] == "unknown"         # (2021-2022) has started
    assert frame.loc["2.3", "status"] == "later"             # mandate period ends 2022
    final = read_goals(real_source(), year=2022).set_index("goal_id")
    assert final.loc["2.3", "status"] == "unknown"


def test_unplaced_description_warns():
    source = modified(("det som handlar om sysselsättning och försörjning", "det som handlar om rymdfart"))
    warnings = []
    frame = read_goals(source, year=2020, warnings=warnings).set_index("goal_id")
    assert frame.loc["2.4", "status"] == "unknown"
    assert [w.code for w in warnings] == ["subgoal-unplaced"]
    assert "rymdfart" in warnings[0].message


def test_no_goal_section():
    warnings = []
    frame = read_goals(modified(("Kommunstyrelsen mål 2020-2022", "Annat")), year=2020, warnings=warnings)
    assert len(frame[frame.level == "goal"]) == 4       # the headings still name the four goals
    assert frame[frame.level == "goal"].title.str.startswith("Tillsammans").all()


def test_status_words_and_labels():
    assert status_from_words("Uppfylls delvis") == "partly_met"
    assert status_from_words("uppfylls  ej") == "not_met"
    assert status_from_words("Uppfylls") == "met"
    assert status_from_words("Delvis uppfyllt") == "partly_met"
    assert status_from_words("Bra") is None
    assert STATUS_LABELS_SV == {"met": "Uppfylls", "partly_met": "Uppfylls delvis", "not_met": "Uppfylls ej",
                                "later": "Följs upp senare", "unknown": "Okänd", "done": "Avslutad",
                                "ongoing": "Pågår"}


def test_text_ending_inside_the_subgoal_table_is_incomplete(tmp_path):
    """A report cut off inside the sub-goal table: read as far as it goes, said to be incomplete,
    an error in the audit, and a notebook that reads the goals refuses them."""
    import kslib
    from kslib.audit import run_checks
    from kslib.errors import ParseError
    from kslib.pipeline.context import ensure_complete

    raw = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
    text = raw.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("KF3 3 3.1 ")], encoding="utf-8")
    report = kslib.read_report(cut)
    sub = report.goals[report.goals["level"] == "subgoal"]
    assert sub["goal_id"].tolist()[-1] == "2.4" and len(sub) == 11
    assert [w.code for w in report.warnings_for("goals")].count("table-incomplete") == 1
    assert "goals" in run_checks(report).query("check == 'table_complete'")["table"].tolist()
    with pytest.raises(ParseError, match="goals"):
        ensure_complete(report, "goals")
    full = kslib.read_report(raw)
    assert "table-incomplete" not in [w.code for w in full.warnings_for("goals")]
