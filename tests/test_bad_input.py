"""Bad input fails loudly and cleanly: one line naming the file, exit code 2, nothing written.

Every case runs ``kslib parse`` into an output folder that already holds a
previous good run, and checks that not a byte (nor an mtime) of it changed.
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from conftest import render_args, snapshot
from kslib import errors
from kslib.parse.report import read_report
from kslib.parse.tables.views import wide


# --------------------------------------------------------------------------- helpers

@pytest.fixture(scope="module")
def good_outputs(tmp_path_factory, report_path) -> Path:
    """A previous successful run of the real report (made once, copied per test)."""
    from kslib.pipeline.contract import write_processed

    out = tmp_path_factory.mktemp("good") / "2020"
    write_processed(read_report(report_path), out)
    return out


@pytest.fixture
def out_dir(tmp_path, good_outputs) -> Path:
    """An output folder holding a previous good run."""
    out = tmp_path / "processed" / "2020"
    shutil.copytree(good_outputs, out)
    return out


def assert_clean_failure(run, *names: str, code: int = 2) -> None:
    """Exit ``code`` (2: bad input; 3: no report yet), one ``kslib: error:`` line on stderr naming every one of
    ``names``, no traceback."""
    assert run.returncode == code, (run.returncode, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("kslib: error: "), lines[0]
    for name in names:
        assert name in lines[0], (name, lines[0])
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _minimal_pdf() -> bytes:
    """A small but valid PDF with a text layer (made with reportlab, a test dependency)."""
    import io

    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Kommunstyrelse")
    c.drawString(72, 700, "Nettokostnad totalt: 1 000 tkr")
    c.showPage()
    c.save()
    return buf.getvalue()


# Each case: (id, build(tmp) -> path, words the one-line message must contain besides the file name).
def _missing(tmp: Path) -> Path:
    return tmp / "2020" / "no_such_report.txt"


def _empty(tmp: Path) -> Path:
    return _write(tmp / "empty.txt", b"")


def _blank(tmp: Path) -> Path:
    return _write(tmp / "blank.txt", b" \n\n \r\n\t\n")


def _garbage(tmp: Path) -> Path:
    return _write(tmp / "garbage.txt", random.Random(7).randbytes(8192))


def _garbage_without_nul(tmp: Path) -> Path:
    data = bytes(b for b in random.Random(8).randbytes(8192) if b)
    return _write(tmp / "garbage2.txt", data)


def _prose(tmp: Path) -> Path:
    text = ("Protokoll från styrelsemöte i bostadsrättsföreningen.\n\nNärvarande: fem ledamöter.\n"
            "Mötet beslutade att måla om tvättstugan under våren. Kostnaden beräknas till 12 000 kr.\n")
    return _write(tmp / "protokoll.txt", text.encode("utf-8"))


def _csv(tmp: Path) -> Path:
    return _write(tmp / "table.txt", b"a,b,c\n1,2,3\n4,5,6\n")


def _html(tmp: Path) -> Path:
    return _write(tmp / "page.txt", b"<!DOCTYPE html><html><head><title>x</title></head><body><p>1 2 3</p></body></html>\n")


def _protocol(tmp: Path) -> Path:
    """Minutes of the same board: front matter that looks right, but no table of an annual report."""
    text = ("Kommunstyrelsen\n\nProtokoll fört vid sammanträde 2021-02-03\n\nOrdförande: Anna Andersson (s)\n\n"
            "§ 1 Val av justerare\nTill justerare valdes Per Persson.\n")
    return _write(tmp / "protokoll_ks.txt", text.encode("utf-8"))


def _fake_pdf(tmp: Path) -> Path:
    return _write(tmp / "fake.pdf", b"%PDF-1.7\nthis is not a PDF at all, only its first line\n")


def _random_pdf(tmp: Path) -> Path:
    return _write(tmp / "noise.pdf", random.Random(9).randbytes(4096))


def _truncated_pdf(tmp: Path) -> Path:
    data = _minimal_pdf()
    return _write(tmp / "truncated.pdf", data[: len(data) // 2])


def _damaged_page_tree_pdf(tmp: Path) -> Path:
    """The page tree points at an object that is not a page (found by mutating PDF bytes)."""
    data = _minimal_pdf()
    assert b"/Kids [ 3 0 R ]" in data
    return _write(tmp / "damaged.pdf", data.replace(b"/Kids [ 3 0 R ]", b"/Kids [ 9 0 R ]"))


def _pdf_named_txt(tmp: Path) -> Path:
    return _write(tmp / "report.txt", _minimal_pdf())


def _directory(tmp: Path) -> Path:
    (tmp / "folder.txt").mkdir()
    return tmp / "folder.txt"


CASES = [
    ("missing", _missing, ["no such file"]),
    ("empty", _empty, ["empty"]),
    ("blank", _blank, ["empty"]),
    ("binary", _garbage, ["binary"]),
    ("binary-no-nul", _garbage_without_nul, ["binary"]),
    ("prose", _prose, ["no board annual report"]),
    ("csv", _csv, ["no board annual report"]),
    ("html", _html, ["no board annual report"]),
    ("minutes", _protocol, ["no table of a board's annual report", "nothing written"]),
    ("fake-pdf", _fake_pdf, []),
    ("random-pdf", _random_pdf, []),
    ("truncated-pdf", _truncated_pdf, []),
    ("damaged-page-tree-pdf", _damaged_page_tree_pdf, []),
    ("pdf-named-txt", _pdf_named_txt, ["PDF"]),
    ("directory", _directory, ["directory"]),
]


@pytest.mark.parametrize("build, words", [pytest.param(b, w, id=i) for i, b, w in CASES])
def test_bad_file_fails_cleanly_and_writes_nothing(tmp_path, out_dir, kslib_main, build, words):
    raw = build(tmp_path)
    before = snapshot(out_dir.parent)
    run = kslib_main("parse", raw, "--out", out_dir)
    assert_clean_failure(run, raw.name, *words)
    assert snapshot(out_dir.parent) == before


@pytest.mark.parametrize("build, words", [pytest.param(b, w, id=i) for i, b, w in CASES])
def test_bad_file_fails_cleanly_in_check(tmp_path, kslib_main, build, words):
    raw = build(tmp_path)
    before = snapshot(tmp_path)
    run = kslib_main("check", raw)
    assert_clean_failure(run, raw.name, *words)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("build", [_fake_pdf, _random_pdf, _truncated_pdf], ids=["fake", "random", "truncated"])
def test_corrupt_pdf_raises_pdf_error(tmp_path, build):
    """Once PDF input exists (kslib.read.pdf), a corrupt PDF is a PdfError naming the file."""
    pytest.importorskip("kslib.read.pdf", reason="PDF input (issue 6) has not landed")
    raw = build(tmp_path)
    with pytest.raises(errors.PdfError, match=raw.name):
        read_report(raw)


def test_bad_file_into_fresh_folder_creates_nothing(tmp_path, kslib_main):
    out = tmp_path / "processed" / "2020"
    run = kslib_main("parse", _garbage(tmp_path), "--out", out)
    assert run.returncode == 2
    assert not out.exists() and not out.parent.exists()


def test_no_year_and_no_out_is_an_error(tmp_path, report_text, kslib_main, monkeypatch):
    """Without a year (no running header, no 'Bokslut YYYY') there is no default output folder to guess."""
    lines = [line for line in report_text.split("\n") if "Ver ks am he ts" not in line]   # the running headers
    text = re.sub(r"\b(19|20)(\d\d)\b", r"\1 \2", "\n".join(lines))                     # every year
    raw = tmp_path / "undated.txt"
    raw.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = kslib_main("parse", raw)
    assert_clean_failure(run, raw.name, "year could not be found", "--out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["undated.txt"]


def test_traceback_only_with_debug(tmp_path, kslib_cmd):
    """A real process: one line without --debug; the traceback with it."""
    raw = _prose(tmp_path)
    plain = kslib_cmd("parse", raw, "--out", tmp_path / "out")
    assert_clean_failure(plain, raw.name)
    debug = kslib_cmd("--debug", "parse", raw, "--out", tmp_path / "out")
    assert debug.returncode == 2
    assert "Traceback" in debug.stderr and "NotAReportError" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1].startswith("kslib: error: ")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["file", "below-file"])
def test_unwritable_output_folder_is_a_clean_error(tmp_path, report_path, kslib_main, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder\n")
    out = blocker if where == "file" else blocker / "2020"
    run = kslib_main("parse", report_path, "--out", out)
    assert_clean_failure(run, str(out), "cannot write outputs")
    assert blocker.read_text() == "not a folder\n"


def test_missing_overrides_file_is_an_error(tmp_path, report_path, out_dir, kslib_main):
    before = snapshot(out_dir.parent)
    run = kslib_main("parse", report_path, "--out", out_dir, "--overrides", tmp_path / "status_overrides.csv")
    assert_clean_failure(run, "status_overrides.csv", "no such overrides file")
    assert snapshot(out_dir.parent) == before


# --------------------------------------------------------------------------- overrides with bad rows

@pytest.mark.parametrize("body, line", [
    ("goal_id,status\n1,met\nKF9.9.z,maybe\n", 3),          # an unknown status word
    ("goal_id,status\n1.1.a,\n9.9,met\n", 3),                     # an unknown goal (an empty status is no override)
    ("nonsense\n\x00\x01\x02\n", None),                        # not a CSV of overrides at all
], ids=["unknown-status", "unknown-goal", "garbage"])
def test_overrides_with_bad_rows(tmp_path, report_path, out_dir, kslib_main, body, line):
    overrides = tmp_path / "status_overrides.csv"
    overrides.write_text(body, encoding="utf-8")
    before = snapshot(out_dir.parent)
    run = kslib_main("parse", report_path, "--out", out_dir, "--overrides", overrides)
    assert_clean_failure(run, overrides.name)
    if line is not None:
        assert str(line) in run.stderr
    assert snapshot(out_dir.parent) == before


# --------------------------------------------------------------------------- truncated tables

def _cut_after(text: str, title: str, row_start: str, *, keep: str = "") -> str:
    """The report's text up to the line starting with ``row_start`` below ``title`` (plus ``keep``)."""
    lines = text.split("\n")
    t = next(i for i, s in enumerate(lines) if title in s)
    r = next(i for i in range(t, len(lines)) if lines[i].strip().startswith(row_start))
    return "\n".join(lines[: r + 1]) + ("\n" + keep if keep else "\n")


def _drift_rows(report) -> pd.DataFrame:
    return wide(report.driftredovisning).set_index("row_code")


def test_report_cut_off_in_a_table_is_read_as_far_as_it_goes(tmp_path, report_text, kslib_main):
    raw = tmp_path / "2020" / "cut.txt"
    raw.parent.mkdir()
    raw.write_text(_cut_after(report_text, "DRIFTREDOVISNING", "136 "), encoding="utf-8")
    report = read_report(raw)
    drift = _drift_rows(report)
    assert list(drift.index) == ["100", "104", "131", "136"]
    # checked by hand on the report: "100 Politisk verksamhet 7 221 6 672 -549 8 141 -920"
    assert drift.loc["100", ["outcome_2020", "budget_2020", "deviation_2020", "outcome_2019", "change_2020"]].tolist() \
        == [7221, 6672, -549, 8141, -920]
    assert drift.loc["136", "budget_2020"] == 11157
    incomplete = [w for w in report.warnings if w.code == "table-incomplete"]
    assert [w.table for w in incomplete] == ["tables"] and "'DRIFTREDOVISNING, TKR'" in incomplete[0].message
    assert incomplete[0].line == 80          # the last line read: the row "136 Arbetsmarknad ..."
    # the CLI writes what was read and says so
    out = tmp_path / "out"
    run = kslib_main("parse", raw, "--out", out)
    assert run.returncode == 0, run.stderr
    assert "ends inside the table" in run.stderr
    assert (out / "driftredovisning.csv").exists()


def test_cut_off_in_the_middle_of_a_row_warns(tmp_path, report_text):
    raw = tmp_path / "cut.txt"
    raw.write_text(_cut_after(report_text, "DRIFTREDOVISNING", "136 ", keep="752 Ekonomiskt bistånd 11 493 10"),
                   encoding="utf-8")
    report = read_report(raw)
    drift = _drift_rows(report)
    assert drift.loc["131", "outcome_2020"] == 39264
    codes = {(w.code, w.line) for w in report.warnings}
    assert ("table-incomplete", 81) in codes
    assert all(w.line is None or w.line <= 81 for w in report.warnings)


def test_truncated_modified_template(tmp_path, report_text):
    """Other rows and figures in the template: nothing about the 2020 rows is remembered."""
    text = _cut_after(report_text, "DRIFTREDOVISNING", "104 ")
    text = text.replace("100 Politisk verksamhet 7 221 6 672 -549 8 141 -920",
                        "210 Kulturell verksamhet 12 345 12 000 -345 11 000 1 345")
    text += "220 Ny samverkan 1 000 1 500 500 900 100\n"
    raw = tmp_path / "modified.txt"
    raw.write_text(text, encoding="utf-8")
    report = read_report(raw)
    drift = _drift_rows(report)
    assert list(drift.index) == ["210", "104", "220"]
    assert drift.loc["210", ["outcome_2020", "budget_2020", "deviation_2020", "outcome_2019", "change_2020"]].tolist() \
        == [12345, 12000, -345, 11000, 1345]
    assert drift.loc["220", "row_label"] == "Ny samverkan"
    assert drift.loc["220", "change_2020"] == 100
    assert [w.message.split(":")[0] for w in report.warnings if w.code == "table-incomplete"] == [
        "table 'DRIFTREDOVISNING, TKR'"]


# --------------------------------------------------------------------------- encodings

@pytest.fixture(scope="module")
def utf8_report(report_path):
    return read_report(report_path)


# What an editor saving in a legacy encoding does to characters it lacks (the Word bullet U+F0B7 is "•"
# in cp1252; latin-1 has neither the bullet, the en dash nor curly quotes).
_LEGACY = {"cp1252": {"\uf0b7": "•"},
           "latin-1": {"\uf0b7": "·", "•": "·", "–": "-", "”": '"', "“": '"', "’": "'"}}


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-8-sig", "utf-16"])
def test_other_encodings_read_like_utf8(tmp_path, report_text, utf8_report, encoding):
    text = report_text.translate(str.maketrans(_LEGACY.get(encoding, {})))
    raw = tmp_path / "2020" / f"report_{encoding}.txt"
    raw.parent.mkdir()
    raw.write_bytes(text.encode(encoding))
    report = read_report(raw)
    assert report.meta == utf8_report.meta
    assert report.meta.chair == "Gert Jonsson" and report.meta.municipality == "Vaggeryds kommun"
    # the text is the same after normalisation except where latin-1 had to lose characters
    lossless = encoding != "latin-1"
    names = report.table_names() if lossless else ["resultatrakning", "driftredovisning", "nyckeltal"]
    for name in names:
        pd.testing.assert_frame_equal(report.table(name).reset_index(drop=True),
                                      utf8_report.table(name).reset_index(drop=True), obj=name)
    if lossless:
        assert [line.text for line in report.source] == [line.text for line in utf8_report.source]


def test_cp1252_lines_inside_a_utf8_file(tmp_path, report_text, utf8_report):
    """An old editor saved a few lines as cp1252: the UTF-8 lines stay intact."""
    data = report_text.encode("utf-8").replace("Förvaltningschef".encode(), "Förvaltningschef".encode("cp1252"))
    raw = tmp_path / "mixed.txt"
    raw.write_bytes(data)
    report = read_report(raw)
    assert report.meta.head == utf8_report.meta.head == "Annika Hedvall"
    assert report.meta.chair == "Gert Jonsson"     # "Ordförande" stays UTF-8 and is still found
    assert report.meta.municipality == "Vaggeryds kommun"


# --------------------------------------------------------------------------- render inputs

def test_year_with_no_raw_report(tmp_path, raw_copy, kslib_main):
    out = tmp_path / "reports"
    run = kslib_main(*render_args(raw_copy.parents[1], out, year=1999))
    assert_clean_failure(run, str(raw_copy / "1999"), "no raw report for 1999", code=3)
    assert not out.exists()


def test_year_folder_without_a_report(tmp_path, raw_copy, kslib_main):
    (raw_copy / "2021").mkdir()
    (raw_copy / "2021" / "notes.md").write_text("kommer i mars\n")
    out = tmp_path / "reports"
    run = kslib_main(*render_args(raw_copy.parents[1], out, year=2021))
    assert_clean_failure(run, str(raw_copy / "2021"), "no raw report for 2021", code=3)
    assert not out.exists()


@pytest.mark.parametrize("param, words", [
    ("no_such_parameter=1", ["unknown parameter 'no_such_parameter'"]),
    ("audience=publik", ["audience", "publik"]),
    ("year=2019", ["year"]),
    ("novalue", ["novalue", "NAME=VALUE"]),
], ids=["unknown", "bad-choice", "year-as-parameter", "no-equals"])
def test_bad_notebook_parameter(tmp_path, raw_copy, kslib_main, param, words):
    out = tmp_path / "reports"
    run = kslib_main(*render_args(raw_copy.parents[1], out, year=2020), "-p", param)
    assert_clean_failure(run, *words)
    assert not out.exists()
