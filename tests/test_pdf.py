"""Reading a PDF: lines with pages and positions, furniture removed, tables placed by position, errors."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kslib.errors import PdfError
from kslib.read.pdf import BACKENDS, read_pdf_source
from kslib.parse.report import read_source
from kslib.parse.tables.views import wide
from readers import read_driftredovisning, read_nyckeltal, read_resultatrakning
from pdf_factory import PdfTable, ReportPdf, drift_table, encrypted_pdf, front_matter, scanned_pdf, small_report

NA = None


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory) -> Path:
    return small_report().save(tmp_path_factory.mktemp("pdf") / "rapport.pdf")


@pytest.fixture(scope="module")
def source(small_pdf):
    return read_pdf_source(small_pdf)


def test_lines_know_page_and_running_number(source):
    assert source.pages[0].number == 1 and len(source.pages) == 3
    heading = source[source.find(r"^Driftsredovisning$")]
    assert heading.page == 2
    numbers = [line.number for line in source.lines]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)


def test_running_headers_and_page_numbers_are_furniture(source):
    furniture = [line.text for line in source.furniture]
    assert "2025 ÅRSBOKSLUT  KOMMUNSTYRELSEN  SID 2 (3)" in furniture
    assert {"1", "2", "3"} <= set(furniture)
    assert not source.find_all(r"ÅRSBOKSLUT|^\d$")


def test_words_keep_positions_and_column_gaps_are_two_spaces(source):
    line = source[source.find(r"^Verksamhetens intäkter")]
    assert line.text == "Verksamhetens intäkter  31 204  29 000  2 204  26 767  4 437"
    texts = [w.text for w in line.words]
    assert texts[:3] == ["Verksamhetens", "intäkter", "31"]
    assert all(a.x1 <= b.x0 for a, b in zip(line.words, line.words[1:]))
    # the figure "31 204" is right-aligned at its column's right edge (300 - 2 points)
    assert line.words[3].text == "204" and abs(line.words[3].x1 - 298) < 1


def test_both_backends_read_the_same_lines(small_pdf):
    a, b = (read_pdf_source(small_pdf, backend=name) for name in BACKENDS)
    assert [x.text for x in a.lines] == [x.text for x in b.lines]
    assert [x.page for x in a.lines] == [x.page for x in b.lines]


def test_read_source_dispatches_pdf(small_pdf):
    assert read_source(small_pdf).find(r"^RESULTATRÄKNING") is not None


def test_tables_from_pdf_cell_by_cell(source):
    w = wide(read_resultatrakning(source, year=2021))
    assert w.columns[3:].tolist() == ["outcome_2021", "budget_2021", "deviation_2021", "outcome_2020", "change_2021",
                                      "surplus_2021"]
    budget = w.loc[w["row_label"] == "Budget"].iloc[0]
    assert (budget["outcome_2021"], budget["budget_2021"], budget["outcome_2020"], budget["change_2021"]) == \
        (73000, 73000, 72744, 256)
    assert pd.isna(budget["deviation_2021"])                 # blank cell: NA in its own column
    assert w.loc[1, "outcome_2021"] == -103512

    warnings = []
    d = wide(read_driftredovisning(source, year=2021, warnings=warnings))
    assert d["row_code"].tolist()[:4] == ["110", "120", "140", "150"]
    # the label wraps onto the next line (after the figures): joined to its row
    assert d.loc[1, "row_label"] == "Kansli och gemensam administration för hela kommunens förvaltningar"
    assert d.loc[1, ["outcome_2021", "budget_2021", "deviation_2021"]].tolist() == [40250, 41000, 750]
    assert d.loc[4, "kind"] == "total" and d.loc[4, "outcome_2021"] == 54550
    assert not warnings

    frame = read_driftredovisning(source, year=2021)
    assert set(frame["page"]) == {2}
    n = wide(read_nyckeltal(source, year=2021))
    assert pd.isna(n.loc[1, "outcome_2021"]) and n.loc[1, "outcome_2020"] == 1355
    assert n.loc[2, "outcome_2019"] == 644


def test_label_wrapping_before_the_figures_and_title_on_header_line(tmp_path):
    doc = front_matter(ReportPdf())
    doc.table(drift_table(numbers_on_last_label_line=True, title_on_header_line=True))
    source = read_pdf_source(doc.save(tmp_path / "r.pdf"))
    d = wide(read_driftredovisning(source, year=2021))
    assert d["row_label"].tolist()[1] == "Kansli och gemensam administration för hela kommunens förvaltningar"
    assert d["row_code"].tolist()[1] == "120" and d.loc[1, "outcome_2020"] == 39000
    assert d["row_label"].tolist()[-1] == "TOTALT"


def test_pdf_reports_read_end_to_end(small_pdf):
    import kslib

    report = kslib.read_report(small_pdf)
    assert report.meta.board == "Kommunstyrelse" and report.meta.net_cost_tkr == 54550
    drift = report.table("driftredovisning")
    assert drift.loc[drift.measure != "surplus", "value"].notna().sum() == 25


def test_scanned_pdf_asks_for_ocr(tmp_path):
    path = tmp_path / "skannad.pdf"
    path.write_bytes(scanned_pdf())
    with pytest.raises(PdfError, match=r"skannad\.pdf: has no text layer \(a scanned PDF\?\); run OCR first, e\.g\. ocrmypdf"):
        read_pdf_source(path)


def test_encrypted_pdf_is_a_clear_error(tmp_path):
    path = tmp_path / "last.pdf"
    path.write_bytes(encrypted_pdf())
    for backend in BACKENDS:
        with pytest.raises(PdfError, match=r"last\.pdf: is encrypted"):
            read_pdf_source(path, backend=backend)


@pytest.mark.parametrize("data", [b"not a pdf at all", b"%PDF-1.7\n garbage garbage\n%%EOF"])
def test_corrupt_pdf_is_a_clear_error(tmp_path, data):
    path = tmp_path / "trasig.pdf"
    path.write_bytes(data)
    for backend in BACKENDS:
        with pytest.raises(PdfError, match=r"trasig\.pdf: is not a valid PDF \(.+\)"):
            read_pdf_source(path, backend=backend)


def test_truncated_pdf_is_a_clear_error(tmp_path, small_pdf):
    path = tmp_path / "avbruten.pdf"
    path.write_bytes(small_pdf.read_bytes()[:900])
    with pytest.raises(PdfError, match=r"avbruten\.pdf: "):
        read_pdf_source(path)


def test_cli_refuses_a_scanned_pdf_and_writes_nothing(tmp_path, kslib_main):
    path = tmp_path / "skannad.pdf"
    path.write_bytes(scanned_pdf())
    out = tmp_path / "out"
    run = kslib_main("parse", path, "--out", out)
    assert run.returncode == 2
    assert "skannad.pdf: has no text layer" in run.stderr and "ocrmypdf" in run.stderr
    assert not out.exists() or not any(out.iterdir())


def test_repeated_footer_lines_are_furniture(tmp_path):
    doc = ReportPdf(running_header="Kommunstyrelsen – Verksamhetsberättelse", page_numbers=True)
    for k in range(3):
        doc.heading(f"Rubrik {k}")
        doc.paragraph("Text på sidan.")
        doc.new_page()
    doc.pages.pop()
    source = read_pdf_source(doc.save(tmp_path / "r.pdf"))
    assert [line.text for line in source.lines] == ["Rubrik 0", "Text på sidan.", "Rubrik 1", "Text på sidan.",
                                                    "Rubrik 2", "Text på sidan."]
    assert len(source.furniture) == 6


def test_a_modified_template_pdf_has_nothing_remembered(tmp_path):
    """Other rows, other figures, an added column order: the reader only follows the layout."""
    table = PdfTable(
        "DRIFTREDOVISNING, TKR",
        [["Budget", "2022"], ["Utfall", "2022"], ["Avvikelse", "mot budget"]],
        [("Fritid", ["2 000", "2 500", "-500"]),
         ("Kultur och bibliotek", ["3 000", "2 750", "250"]),
         ("Summa nämnden", ["5 000", "5 250", "-250"])],
        first_right=330.0, step=80.0, col_width=70.0)
    doc = front_matter(ReportPdf())
    doc.table(table)
    source = read_pdf_source(doc.save(tmp_path / "r.pdf"))
    warnings = []
    d = wide(read_driftredovisning(source, year=2022, warnings=warnings))
    assert d.columns[3:].tolist() == ["budget_2022", "outcome_2022", "deviation_2022", "surplus_2022"]
    assert d[["budget_2022", "outcome_2022", "deviation_2022"]].values.tolist() == [
        [2000, 2500, -500], [3000, 2750, 250], [5000, 5250, -250]]
    assert d["kind"].tolist() == ["row", "row", "total"] and not warnings


def test_real_report_text_drawn_as_pdf_parses_like_the_text(tmp_path):
    """The 2020 text layer drawn line by line into a PDF: its header words stand stacked at the left
    margin, not over their columns, so positions must not decide the columns; the financial tables
    come out exactly as from the text."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    import kslib

    raw = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
    lines = [line for line in raw.read_text(encoding="utf-8").split("\n") if line.strip()]
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    y = A4[1] - 50
    for line in lines:
        if y < 50:
            pdf.showPage()
            y = A4[1] - 50
        pdf.setFont("Helvetica", 9)
        pdf.drawString(40, y, line.rstrip())
        y -= 12
    pdf.showPage()
    pdf.save()
    path = tmp_path / "report.pdf"
    path.write_bytes(buf.getvalue())
    from_text, from_pdf = kslib.read_report(raw), kslib.read_report(path)
    assert from_pdf.meta == from_text.meta
    cols = ["row_code", "row_label", "measure", "year", "value", "unit", "kind"]
    for name in ("resultatrakning", "driftredovisning"):
        assert from_pdf.table(name)[cols].equals(from_text.table(name)[cols]), name
    assert from_pdf.driftredovisning["page"].notna().all()
