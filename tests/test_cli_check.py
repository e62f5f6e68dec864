"""``kslib check``: summary, exit codes, and ``checks.csv`` from ``kslib parse``."""
from __future__ import annotations

import pandas as pd

from kslib.audit import CHECK_COLUMNS


def test_check_prints_summary_and_exits_0(kslib_main, report_path):
    run = kslib_main("check", report_path)
    assert run.returncode == 0
    first = run.stdout.splitlines()[0]
    assert first.startswith("vaggeryd_ks_verksamhetsberattelse_2020.txt: ") and ": 1 fel, " in first
    assert "FEL: [budget_claim]" in run.stdout and "(rad 164)" in run.stdout
    assert "OK/INFO" not in run.stdout


def test_check_all_lists_passed_relations(kslib_main, report_path):
    run = kslib_main("check", report_path, "--all")
    assert run.returncode == 0 and "OK/INFO: [column_total]" in run.stdout


def test_strict_exits_1_on_errors_and_0_on_a_clean_report(kslib_main, report_path, report_text, tmp_path):
    assert kslib_main("check", report_path, "--strict").returncode == 1
    fixed = tmp_path / "2020" / "fixed.txt"
    fixed.parent.mkdir()
    fixed.write_text(report_text.replace("överskott med 2,6 mnkr", "överskott med 2,8 mnkr"), encoding="utf-8")
    run = kslib_main("check", fixed, "--strict")
    assert run.returncode == 0, run.stdout
    assert ": 0 fel, " in run.stdout.splitlines()[0]


def test_input_errors_exit_2(kslib_main, tmp_path):
    run = kslib_main("check", tmp_path / "missing.txt")
    assert run.returncode == 2
    assert run.stderr.startswith("kslib: error: ") and "missing.txt" in run.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert kslib_main("check", empty).returncode == 2


def test_parse_writes_checks_and_labour_market(kslib_main, report_path, tmp_path):
    out = tmp_path / "out"
    assert kslib_main("parse", report_path, "--out", out).returncode == 0
    checks = pd.read_csv(out / "checks.csv")
    assert list(checks.columns) == CHECK_COLUMNS
    assert (checks.severity == "error").sum() == 1
    labour = pd.read_csv(out / "labour_market.csv", dtype={"period": str})
    assert list(labour.columns)[:7] == ["measure", "group", "area", "period", "value", "unit", "source"]
    row = labour[(labour.measure == "unemployed_persons") & (labour.group == "all")].iloc[0]
    assert (row.period, row.value, row.area) == ("2020-12", 480, "municipality")
