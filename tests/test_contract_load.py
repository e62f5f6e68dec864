"""``kslib.load(processed_dir)`` gives back what ``read_report`` read: tables, metadata, warnings, findings."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import kslib
from kslib.errors import InputFileError
from kslib.pipeline.contract import write_processed


@pytest.fixture(scope="module")
def both(report_path, tmp_path_factory):
    report = kslib.read_report(report_path)
    out = tmp_path_factory.mktemp("processed")
    write_processed(report, out)
    return report, kslib.load(out), out


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Equal cell by cell; an empty text cell may come back as '' where it was None (CSV has one empty)."""
    assert list(a.columns) == list(b.columns)
    assert list(a.dtypes.astype(str)) == list(b.dtypes.astype(str))
    a = a.astype(object).where(a.notna(), None).replace({"": None})
    b = b.astype(object).where(b.notna(), None).replace({"": None})
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


def test_every_table_round_trips(both):
    report, loaded, _ = both
    assert loaded.table_names() == report.table_names()
    for name in report.table_names():
        _same(report.table(name), loaded.table(name))


def test_values_and_codes_keep_their_types(both):
    _, loaded, _ = both
    drift = loaded.driftredovisning
    total = drift[(drift.row_label == "TOTALT") & (drift.measure == "outcome") & (drift.year == 2020)]
    assert total["value"].item() == 71994
    assert set(drift["row_code"].dropna()) >= {"100", "136"}        # codes stay text


def test_metadata_warnings_and_findings(both):
    report, loaded, _ = both
    assert loaded.meta == report.meta
    assert loaded.sha256 == report.sha256 and loaded.name == report.name
    assert loaded.warnings == report.warnings
    checks = kslib.run_checks(report)
    _same(checks, loaded.checks)
    errors = loaded.checks[loaded.checks.severity == "error"]
    assert errors["check"].tolist() == ["budget_claim"]              # "överskott med 2,6 mnkr" vs 2 830 tkr


def test_a_folder_without_report_json_is_one_clear_error(tmp_path):
    with pytest.raises(InputFileError, match=r"report\.json: no processed report here"):
        kslib.load(tmp_path)


def test_a_report_json_without_schema_asks_for_a_new_parse(both, tmp_path):
    _, _, out = both
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    del data["tables"]
    (tmp_path / "report.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputFileError, match="parse again"):
        kslib.load(tmp_path)
