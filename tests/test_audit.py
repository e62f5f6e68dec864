"""The audit on the real report (no false errors) and on copies with injected inconsistencies."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import kslib
from kslib.audit import CHECK_COLUMNS, run_checks, summarise
from kslib.audit.goals import check_goal_counts
from kslib.audit.percentages import check_labour_frame
from kslib.parse.tables.views import wide


@pytest.fixture(scope="module")
def checks(report_path):
    return run_checks(kslib.read_report(report_path))


def _modified(tmp_path: Path, report_text: str, *replacements: tuple[str, str]) -> pd.DataFrame:
    text = report_text
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "2020" / "report.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return run_checks(kslib.read_report(path))


def _errors(df: pd.DataFrame) -> pd.DataFrame:
    return df[df.severity == "error"]


def test_columns_and_severities(checks):
    assert list(checks.columns) == CHECK_COLUMNS
    assert set(checks.severity) <= {"error", "warning", "info"}
    assert checks.location.str.startswith("rad ").all()


def test_real_report_has_exactly_the_one_true_error(checks):
    # "Programområdet arbetsmarknad har överskott med 2,6 mnkr" (line 164) while the table shows 2 830 tkr
    errors = _errors(checks)
    assert len(errors) == 1
    e = errors.iloc[0]
    assert (e.check, e.table, e.row, e.expected, e.found, e.line) == (
        "budget_claim", "DRIFTREDOVISNING, TKR", "136 Arbetsmarknad", 2830, 2600, 164)
    assert "2,6 mnkr" in e.message and "2\u202f830 tkr" in e.message


def test_real_report_relations_verified(checks):
    info = checks[checks.severity == "info"]
    # every row identity of both tables, the five column totals, the income statement's subtotals
    assert len(info[info.check == "row_deviation"]) == 16
    assert len(info[info.check == "row_change"]) == 18
    assert len(info[info.check == "column_total"]) == 5
    assert len(info[info.check == "subtotal"]) == 14
    assert set(info[info.check.isin(["net_cost", "net_budget", "net_result"])].check) == {
        "net_cost", "net_budget", "net_result"}
    claims = info[info.check == "budget_claim"]
    assert len(claims) == 10 and "TOTALT" in set(claims.row)
    total = checks[(checks.check == "column_total") & checks.message.str.contains("kolumnen Bokslut 2020:")].iloc[0]
    assert total.message == ("Tabellen \u201dDRIFTREDOVISNING, TKR\u201d, raden TOTALT, kolumnen Bokslut 2020: tryckt "
                             "71\u202f994 stämmer med summan av 10 rader ovanför (71\u202f994)")


def test_real_report_labour_relations(checks):
    lab = checks[checks.check.str.startswith("labour_")]
    warn = lab[lab.severity == "warning"]
    # 11 women + 17 men of 80 is 35,0 %, the text says "totalt 36,3 %"
    assert len(warn) == 1 and warn.iloc[0].check == "labour_count_share" and warn.iloc[0].expected == 36.3
    assert len(lab[(lab.check == "labour_share_sum") & (lab.severity == "info")]) == 4


def test_summary(checks):
    text = summarise(checks, name="r.txt")
    first = text.splitlines()[0]
    n = len(checks)
    e = int((checks.severity == "error").sum())
    w = int((checks.severity == "warning").sum())
    tables = checks["table"].nunique()         # resultatrakning, driftredovisning, labour_market, goals …
    assert tables >= 4
    assert first == f"r.txt: {tables} tabeller granskade, {n} samband: {e} fel, {w} varningar, {n - e - w} info"
    assert len(text.splitlines()) == 1 + e + w
    assert "FEL: [budget_claim]" in text


def test_injected_row_value_is_found(tmp_path, report_text):
    df = _modified(tmp_path, report_text, ("430 Turism 502 686 184 507 -5", "430 Turism 502 686 194 507 -5"))
    # no reading of "502 686 194 507 -5" keeps deviation = budget − outcome: the row is flagged, and the
    # column totals (whatever reading was kept) no longer add up
    split = df[df.check == "row_split"]
    assert list(split.row) == ["430 Turism"] and split.iloc[0].line == 86 and split.iloc[0].severity == "warning"
    errors = _errors(df)
    assert len(errors[(errors.check == "column_total") & (errors.table == "DRIFTREDOVISNING, TKR")]) >= 1


def test_injected_deviation_that_splits_cleanly_is_found(tmp_path, report_text):
    # a deviation with a thousands group cannot merge with its neighbours: the identity itself fails
    df = _modified(tmp_path, report_text, ("131 Kommunledningskontor 39 264 38 382 -882 37 892 1 372",
                                           "131 Kommunledningskontor 39 264 38 382 -892 37 892 1 372"))
    dev = _errors(df)
    dev = dev[dev.check == "row_deviation"]
    assert list(dev.row) == ["131 Kommunledningskontor"]
    assert (dev.iloc[0].expected, dev.iloc[0].found, dev.iloc[0].line) == (-882, -892, 78)


def test_injected_subtotal_and_header_are_found(tmp_path, report_text):
    df = _modified(tmp_path, report_text,
                   ("Kapitalkostnader -965 -905 -60 -1 112 147", "Kapitalkostnader -865 -805 -60 -1 012 147"),
                   ("Nettokostnad totalt: 71 994 tkr", "Nettokostnad totalt: 72 094 tkr"))
    errors = _errors(df)
    sub = errors[errors.check == "subtotal"]
    assert set(sub.row) == {"Resultat efter avskrivningar"} and len(sub) == 3   # outcome, budget, 2019
    assert len(errors[errors.check == "net_cost"]) == 2


def test_injected_claims_are_found(tmp_path, report_text):
    df = _modified(tmp_path, report_text,
                   ("Programområdet får överskott på 184 tkr.", "Programområdet får underskott på 184 tkr."),
                   ("Programområdet får överskott på 1,3 mnkr", "Programområdet får överskott på 1,4 mnkr"),
                   ("överskott med 2,6 mnkr", "överskott med 2,8 mnkr"),
                   ("Integration har underskott med 758 tkr", "Integration har underskott med 785 tkr"))
    claims = df[df.check == "budget_claim"].set_index("row")
    assert claims.loc["430 Turism", "severity"] == "error" and "fel tecken" in claims.loc["430 Turism", "message"]
    assert claims.loc["170 Samhällsutveckling", "severity"] == "warning"       # 1 400 vs 1 308: beyond rounding
    assert claims.loc["758 Integration", "severity"] == "error"
    assert (claims.loc["136 Arbetsmarknad", "severity"] == "info").any()        # 2,8 mnkr now agrees
    assert len(_errors(df)) == 2


def test_renamed_and_recoded_rows_still_matched(tmp_path, report_text):
    df = _modified(tmp_path, report_text,
                   ("104 Projekt och samverkan 1 539", "105 Utveckling och samarbete 1 539"),
                   ("104 Projekt och samverkan \n", "105 Utveckling och samarbete \n"))
    claim = df[(df.check == "budget_claim") & (df.row == "105 Utveckling och samarbete")]
    assert len(claim) == 1 and claim.iloc[0].severity == "info"


def test_injected_labour_inconsistencies(tmp_path, report_text):
    df = _modified(tmp_path, report_text,
                   ("(öppet arbetslösa 3,7 %", "(öppet arbetslösa 3,9 %"),
                   ("Arbetslösheten i december i Vaggeryd låg på 6,6 procent",
                    "Arbetslösheten i december i Vaggeryd låg på 6,9 procent"))
    lab = df[df.check.str.startswith("labour_")]
    assert "labour_repeat" in set(_errors(df).check)
    sums = lab[(lab.check == "labour_share_sum") & (lab.severity == "warning")]
    assert len(sums) == 1 and sums.iloc[0].found == pytest.approx(6.8)


# ----------------------------------------------------------------------------- small frames

def _lm(*rows):
    cols = ["measure", "group", "area", "period", "value", "unit", "sex", "line"]
    df = pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)
    df["page"] = pd.NA
    return df


def test_labour_relations_on_small_frames():
    df = _lm(("unemployment_rate", "all", "municipality", "2021-12", 7.1, "%", "all", 1),
             ("open_unemployment_rate", "all", "municipality", "2021-12", 4.1, "%", "all", 1),
             ("programme_rate", "all", "municipality", "2021-12", 3.4, "%", "all", 1),
             ("unemployment_rate", "all", "municipality", "2020-12", 6.1, "%", "all", 2),
             ("unemployment_rate_change_pp", "all", "municipality", "2021-12", 1.0, "pp", "all", 3),
             ("unemployed_persons", "all", "municipality", "2021-12", 710, "persons", "all", 4),
             ("population", "age_16_64", "municipality", "2021-12", 10000, "persons", "all", 4),
             ("programme_employees", "x", "municipality", "2021", 20, "persons", "all", 5),
             ("programme_employees", "x", "municipality", "2021", 12, "persons", "female", 5),
             ("programme_employees", "x", "municipality", "2021", 9, "persons", "male", 5))
    found = {(f.check, f.severity) for f in check_labour_frame(df)}
    assert found == {("labour_share_sum", "warning"),        # 4,1 + 3,4 = 7,5, not 7,1
                     ("labour_change", "info"),              # 7,1 − 6,1 = +1,0
                     ("labour_count_share", "info"),         # 710 / 10 000 = 7,1 %
                     ("labour_sex_sum", "warning")}          # 12 + 9 = 21, not 20
    assert check_labour_frame(df.iloc[0:0]) == []


def test_goal_counts_on_small_frames():
    goals = pd.DataFrame({"goal_id": ["1", "2", "3", "4"], "level": "goal",
                          "status": ["met", "met", "partly_met", "unknown"]})
    counts = pd.DataFrame({"level": ["goal", "goal", "goal", "goal"],
                           "status": ["met", "partly_met", "not_met", "met"],
                           "count": [2, 2, 2, 3], "total": [4, pd.NA, pd.NA, 5],
                           "text": "", "line": [10, 10, 11, 12]})
    got = [(f.check, f.row, f.severity, f.expected, f.found) for f in check_goal_counts(counts, {"goal": goals})]
    assert got == [
        ("goal_count", "goal met", "info", 2, 2),
        ("goal_total", "goal total", "info", 4, 4),
        ("goal_count", "goal partly_met", "warning", 2, 1),   # the unknown one may be it
        ("goal_count", "goal not_met", "error", 2, 0),        # one unknown cannot make two
        ("goal_count", "goal met", "warning", 3, 2),          # 2 met + 1 unknown could make 3
        ("goal_total", "goal total", "error", 5, 4),
    ]
    assert check_goal_counts(counts, {}) == []            # no parsed goals for the level: nothing to say


def test_cut_off_report_is_an_error_in_the_audit(tmp_path):
    """A text that ends inside the driftredovisning: the audit says so, as an error."""
    raw = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
    text = raw.read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(text[: text.index("758 Integration")], encoding="utf-8")
    checks = run_checks(kslib.read_report(cut))
    found = checks[checks["check"] == "table_complete"]
    assert found["severity"].tolist() == ["error"]
    assert found["table"].tolist() == ["DRIFTREDOVISNING, TKR"] and "avklippt" in found["message"].item()
    full = run_checks(kslib.read_report(raw))
    assert not (full["check"] == "table_complete").any()


SUBTOTALLED = """\
Kommunstyrelse

Ordförande: Eva Exempel (s)

DRIFTREDOVISNING, TKR Utfall 2021 Budget 2021 Avvikelse

Avgifter -1 000 -900 100

Bidrag -500 -500 0

Summa intäkter -1 500 -1 400 100

Personal 3 000 3 200 200

Lokaler 2 000 1 900 -100

Summa kostnader {costs} 5 100 100

Totalt 3 500 3 700 200

Kommentar efter tabellen.
"""


@pytest.mark.parametrize("costs, wrong", [("5 000", False), ("5 010", True)])
def test_block_subtotals_are_read_and_checked(tmp_path, costs, wrong):
    """'Summa intäkter/kostnader' blocks: read as subtotals, left out of the column total, checked
    against their own rows."""
    raw = tmp_path / "sub.txt"
    raw.write_text(SUBTOTALLED.format(costs=costs), encoding="utf-8")
    report = kslib.read_report(raw)
    kinds = wide(report.driftredovisning)[["row_label", "kind"]].values.tolist()
    assert kinds == [["Avgifter", "row"], ["Bidrag", "row"], ["Summa intäkter", "subtotal"], ["Personal", "row"],
                     ["Lokaler", "row"], ["Summa kostnader", "subtotal"], ["Totalt", "total"]]
    checks = run_checks(report)
    subs = checks[checks["check"] == "subtotal"]
    assert set(subs["row"]) == {"Summa intäkter", "Summa kostnader"}
    assert (checks.loc[checks["check"] == "column_total", "severity"] == "info").all()
    bad = checks[checks["severity"] == "error"]
    assert set(bad["row"]) == ({"Summa kostnader"} if wrong else set())
    if wrong:   # the outcome column's block sum is the finding (the row's own deviation no longer fits either)
        assert 5000 in bad["expected"].tolist() and 5010 in bad["found"].tolist()
