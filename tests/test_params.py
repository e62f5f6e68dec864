"""Notebook parameters: declared in the notebooks, checked before any kernel, raw reports found by year."""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest

from kslib.errors import ParameterError, ParseError
from kslib.pipeline.context import ensure_complete, open_processed
from kslib.pipeline.contract import ensure_processed
from kslib.pipeline.layout import find_project_root, find_raw_report, resolve_raw_path
from kslib.pipeline.parameters import (Parameter, check_parameters, coerce_cli_value, declared_parameters,
                                       load_params_file, parse_parameters_source)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
COMMON = {"year", "processed_dir", "municipality", "board", "audience"}


def open_report(*, year: int, raw_path: str, **labels):
    """What a notebook gets: the raw report parsed once into a scratch processed folder, then loaded."""
    folder = Path(tempfile.mkdtemp(prefix="kslib-processed-"))
    ensure_processed(raw_path, folder)
    return open_processed(year=year, processed_dir=str(folder), **labels)


def test_parse_parameters_cell():
    src = 'year = 2020  # the year\nraw_path = ""  # the file\nshare: float = 0.5\nflag = True\n'
    got = parse_parameters_source(src)
    assert got["year"] == Parameter("year", 2020, "the year")
    assert got["raw_path"].default == "" and got["raw_path"].comment == "the file"
    assert got["share"].type is float and got["flag"].default is True


@pytest.mark.parametrize("src, needle", [
    ("year = 2019 + 1\n", "literal"),
    ("import os\n", "only 'name = literal'"),
    ("year = (\n", "not valid Python"),
])
def test_bad_parameters_cell(src, needle):
    with pytest.raises(ParameterError, match=needle):
        parse_parameters_source(src)


@pytest.mark.parametrize("name", ["ekonomi", "arbetsmarknad", "maluppfyllelse"])
def test_every_notebook_declares_the_common_parameters(name):
    declared = declared_parameters(NOTEBOOKS / f"{name}.ipynb")
    assert COMMON <= set(declared)
    assert declared["year"].type is int and declared["audience"].default == "nämnd"
    assert all(p.comment for p in declared.values()), "every parameter has a comment"


def test_check_parameters():
    declared = {"year": Parameter("year", 2020), "share": Parameter("share", 0.5),
                "audience": Parameter("audience", "nämnd")}
    assert check_parameters({"year": 2019, "share": 1}, declared) == {"year": 2019, "share": 1.0}
    with pytest.raises(ParameterError, match=r"unknown parameter 'yaer' \(known: audience, share, year\)"):
        check_parameters({"yaer": 2020}, declared, where="ekonomi.ipynb")
    assert check_parameters({"year": "2020"}, declared)["year"] == 2020      # papermill -r year 2020 sends text
    with pytest.raises(ParameterError, match="'year' must be int, got str '20x0'"):
        check_parameters({"year": "20x0"}, declared)
    with pytest.raises(ParameterError, match="must be int, got bool"):
        check_parameters({"year": True}, declared)
    with pytest.raises(ParameterError, match="'audience' must be one of 'nämnd', 'analytiker'"):
        check_parameters({"audience": "alla"}, declared)


def test_coerce_cli_value():
    assert coerce_cli_value("2020") == 2020
    assert coerce_cli_value("analytiker") == "analytiker"
    assert coerce_cli_value("true") is True
    assert coerce_cli_value("") == ""
    assert coerce_cli_value("[1, 2]") == "[1, 2]"


def test_find_raw_report_real():
    assert find_raw_report(2020, raw_root=ROOT / "data" / "raw").name == "vaggeryd_ks_verksamhetsberattelse_2020.txt"


def test_find_raw_report_errors(tmp_path):
    raw = tmp_path / "data" / "raw"
    with pytest.raises(ParameterError, match=r"2019.*no raw report for 2019 \(folder does not exist\)"):
        find_raw_report(2019, raw_root=raw)
    (raw / "2019").mkdir(parents=True)
    (raw / "2019" / "status_overrides.csv").write_text("goal_id,status\n")
    with pytest.raises(ParameterError, match=r"no \.txt or \.pdf"):
        find_raw_report(2019, raw_root=raw)
    (raw / "2019" / "a.txt").write_text("x")
    assert find_raw_report(2019, raw_root=raw).name == "a.txt"
    (raw / "2019" / "a.pdf").write_bytes(b"%PDF")
    assert find_raw_report(2019, raw_root=raw).name == "a.pdf"      # same report: the PDF, as make parse does
    (raw / "2019" / "b.txt").write_text("y")
    with pytest.raises(ParameterError, match="several reports for 2019 .*a.pdf, a.txt, b.txt"):
        find_raw_report(2019, raw_root=raw)


def test_resolve_raw_path(tmp_path):
    with pytest.raises(ParameterError, match="raw report not found"):
        resolve_raw_path(2020, tmp_path / "missing.txt")
    assert resolve_raw_path(2020, root=ROOT).parent.name == "2020"


def test_project_root_found_from_notebooks_folder():
    assert find_project_root(NOTEBOOKS) == ROOT


def test_load_params_file(tmp_path):
    f = tmp_path / "run.yaml"
    f.write_text("years: [2019, 2020]\nnotebooks: [ekonomi]\nparameters:\n  audience: analytiker\n")
    run = load_params_file(f)
    assert run.years == [2019, 2020] and run.notebooks == ["ekonomi"]
    assert run.parameters == {"audience": "analytiker"}
    f.write_text("year: 2020\n")
    assert load_params_file(f).years == [2020]
    f.write_text("audience: analytiker\n")
    with pytest.raises(ParameterError, match="unknown key 'audience'.*under 'parameters:'"):
        load_params_file(f)
    f.write_text("years: [2020\nparameters: {}\n")
    with pytest.raises(ParameterError, match=r"run.yaml:\d+: not valid YAML"):
        load_params_file(f)
    f.write_text("years: twenty\n")
    with pytest.raises(ParameterError, match="'years' must be a year or a list of years"):
        load_params_file(f)
    with pytest.raises(ParameterError, match="parameter file not found"):
        load_params_file(tmp_path / "nope.yaml")


def test_open_report_labels_from_front_matter():
    ctx = open_report(year=2020, raw_path=str(ROOT / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"))
    assert ctx.municipality == "Vaggeryds kommun" and ctx.board == "Kommunstyrelsen"
    assert ctx.title("Ekonomisk analys") == "Ekonomisk analys – Kommunstyrelsen, Vaggeryds kommun 2020"
    ctx = open_report(year=2020, board="Kommunstyrelsen", audience="analytiker",
                      raw_path=str(ROOT / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"))
    assert ctx.board == "Kommunstyrelsen" and ctx.for_analyst


def test_open_report_year_must_match(tmp_path):
    raw = tmp_path / "data" / "raw" / "2019"
    raw.mkdir(parents=True)
    shutil.copy(ROOT / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt", raw / "report.txt")
    with pytest.raises(ParameterError, match="the report is for 2020, but year = 2019"):
        open_report(year=2019, raw_path=str(raw / "report.txt"))


# --------------------------------------------------------------------------- a report cut off inside a table

REPORT = ROOT / "data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt"


def cut_after(tmp_path: Path, title: str, row_start: str, *, figures: dict[str, str] | None = None) -> Path:
    """A copy of the real report that ends right after the first line starting with ``row_start`` below
    ``title`` (optionally with other figures), as ``data/raw/2020/cut.txt`` under ``tmp_path``."""
    text = REPORT.read_text(encoding="utf-8")
    start = text.index(title)
    row = text.index("\n" + row_start, start) + 1
    text = text[:text.index("\n", row) + 1]
    for old, new in (figures or {}).items():
        text = text.replace(old, new)
    path = tmp_path / "data" / "raw" / "2020" / "cut.txt"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_complete_tables_are_given(report_path):
    ctx = open_report(year=2020, raw_path=str(report_path))
    drift = ctx.table("driftredovisning", wide=True)
    assert drift.loc[drift["row_label"] == "TOTALT", "outcome_2020"].item() == 71994
    assert len(ctx.table("nyckeltal", required=False))
    ensure_complete(ctx.report, "resultatrakning")


def test_table_cut_off_in_the_text_is_an_error(tmp_path):
    """The text ends inside the driftredovisning (after the row on line 78): the notebook must not show it."""
    path = cut_after(tmp_path, "DRIFTREDOVISNING, TKR", "131 ")
    ctx = open_report(year=2020, raw_path=str(path))
    message = "cut.txt: driftredovisning ends at line 78 before its total row; the report looks cut off"
    for required in (True, False):
        with pytest.raises(ParseError, match=re.escape(message)):
            ctx.table("driftredovisning", wide=True, required=required)
    with pytest.raises(ParseError, match=re.escape(message)):
        ensure_complete(ctx.report, "driftredovisning")
    assert ctx.table("resultatrakning", wide=True)["outcome_2020"].notna().any()   # the table above is whole


def test_cut_off_modified_template(tmp_path):
    """Other figures and a renamed row in the cut-off copy: the line is still the last row read."""
    path = cut_after(tmp_path, "DRIFTREDOVISNING, TKR", "104 ",
                     figures={"Projekt och samverkan 1 539 1 875 336": "Samverkan och projekt 2 539 2 875 336"})
    ctx = open_report(year=2020, raw_path=str(path))
    with pytest.raises(ParseError, match=r"driftredovisning ends at line 76 before its total row"):
        ctx.table("driftredovisning")


def test_key_figures_cut_off(tmp_path):
    path = cut_after(tmp_path, "NYCKELTAL **", "Elektroniska fakturor")
    ctx = open_report(year=2020, raw_path=str(path))
    assert len(ctx.table("driftredovisning")) > 0                       # complete above the cut
    with pytest.raises(ParseError, match=r"cut\.txt: nyckeltal ends at line 1612 before the table ends; "
                                         r"the report looks cut off"):
        ctx.table("nyckeltal", required=False)


def test_missing_table_required_or_not(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    start = text.index("NYCKELTAL **")
    path = tmp_path / "data" / "raw" / "2020" / "no_key_figures.txt"
    path.parent.mkdir(parents=True)
    path.write_text(text[:start] + text[text.index("Uppföljning av internkontroll", start):], encoding="utf-8")
    ctx = open_report(year=2020, raw_path=str(path))
    assert ctx.table("nyckeltal", required=False).empty
    with pytest.raises(ParseError, match="no_key_figures.txt: no readable nyckeltal table"):
        ctx.table("nyckeltal")
