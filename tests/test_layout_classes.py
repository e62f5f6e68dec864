"""Layout classes seen in other municipalities' text layers, as synthetic fixtures (own figures whose
identities hold): the catalog reads each table's cells into the right columns."""
from __future__ import annotations

import pandas as pd
import pytest

import kslib

HEADER = "Verksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
CASES = {
    # a note-reference column between label and figures: "1" is note 1, not a figure
    "note_column": ("Resultaträkning\nBelopp i mnkr                      Not   Utfall 2024   Budget 2024   Avvikelse\n"
                    "Verksamhetens intäkter               1        421,3         400,0        21,3\n"
                    "Verksamhetens kostnader              2     -1 709,6      -1 700,0        -9,6\n"
                    "Verksamhetens nettokostnader                -1 288,3      -1 300,0        11,7\n",
                    {"Verksamhetens intäkter": (421.3, 400.0, 21.3),
                     "Verksamhetens kostnader": (-1709.6, -1700.0, -9.6)}),
    # plus signs on favourable deviations
    "plus_signs": ("Driftredovisning, tkr\n" + HEADER +
                   "Bibliotek                         4 100         3 950        -150\n"
                   "Museum                            2 000         2 300        +300\n"
                   "Summa                             6 100         6 250        +150\n",
                   {"Museum": (2000, 2300, 300), "Summa": (6100, 6250, 150)}),
    # label and figures on separate lines
    "separate_lines": ("Driftredovisning, tkr\n" + HEADER +
                       "Bibliotek\n                                  4 100         3 950        -150\n"
                       "Museum\n                                  2 000         2 300         300\n"
                       "Summa                             6 100         6 250         150\n",
                       {"Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300)}),
    # minus as an en dash followed by a space
    "en_dash": ("Driftredovisning, tkr\n" + HEADER +
                "Bibliotek                         4 100         3 950       – 150\n"
                "Museum                            2 000         2 300         300\n"
                "Summa                             6 100         6 250         150\n",
                {"Bibliotek": (4100, 3950, -150)}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_layout_class(tmp_path, name):
    text, expected = CASES[name]
    path = tmp_path / "2024" / f"{name}.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    cells = kslib.read_report(path).table("tables")
    for row, values in expected.items():
        got = tuple(cells[(cells.row == row) & (cells.measure == m)]["value"].item()
                    for m in ("outcome", "budget", "deviation"))
        assert got == pytest.approx(values), (row, got)


# --------------------------------------------------------------------------- text layers that lost their gaps

def _read(tmp_path, name: str, text: str):
    path = tmp_path / "2024" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return kslib.read_report(path)


def _cells(report, title: str) -> dict[str, tuple]:
    """{row: values in column order} of the catalog table titled ``title``."""
    t = report.table("tables")
    t = t[(t.title == title) & (t.measure != "surplus") & (t.row_kind != "category")]
    return {row: tuple(None if pd.isna(v) else v for v in g["value"]) for row, g in t.groupby("row", sort=False)}


def _codes(report, code: str) -> list:
    return [w for w in report.warnings if w.code == code]


TITLE = "Ekonomi per verksamhet, tkr"      # no family title: the table comes from structural discovery
STACKED = (TITLE + "\nVerksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
           "Bibliotek\n4 100\n3 950\n-150\n"
           "Museum\n2 000\n2 300\n300\n"
           "Fritid\n1 250\n1 000\n-250\n"
           "Summa\n7 350\n7 250\n-100\n"
           "Verksamheten har hållit budgeten under året, vilket kommenteras närmare i texten nedan.\n")


def test_one_figure_per_line(tmp_path):
    r = _read(tmp_path, "stacked.txt", STACKED)
    assert _cells(r, TITLE) == {"Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300),
                                "Fritid": (1250, 1000, -250), "Summa": (7350, 7250, -100)}
    t = r.table("tables")
    assert t[(t.row == "Summa") & (t.measure == "outcome")]["row_kind"].item() == "total"
    assert not _codes(r, "ambiguous-split") and not _codes(r, "split-by-sum")


def test_one_figure_per_line_with_a_blank_cell_and_a_stacked_header(tmp_path):
    # the header words one per line too; Museum prints no deviation: the column sums to Summa place its
    # two figures under Utfall and Budget (4 100 + 2 000 + 1 250 = 7 350; 3 950 + 2 300 + 1 000 = 7 250)
    text = (TITLE + "\nVerksamhet\nUtfall 2024\nBudget 2024\nAvvikelse\n"
            "Bibliotek\n4 100\n3 950\n-150\nMuseum\n2 000\n2 300\nFritid\n1 250\n1 000\n-250\n"
            "Summa\n7 350\n7 250\n-100\n")
    r = _read(tmp_path, "stacked_blank.txt", text)
    cells = _cells(r, TITLE)
    assert cells["Museum"] == (2000, 2300, None)
    assert cells["Summa"] == (7350, 7250, -100)
    warned = _codes(r, "split-by-sum")
    assert [w.row for w in warned] == ["Museum"] and "'Summa'" in warned[0].message


def test_one_figure_per_line_more_figures_than_columns_is_said(tmp_path):
    text = (TITLE + "\nVerksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
            "Bibliotek\n4 100\n3 950\n-150\n9 999\nMuseum\n2 000\n2 300\n300\n")
    r = _read(tmp_path, "stacked_extra.txt", text)
    assert _cells(r, TITLE)["Bibliotek"] == (4100, 3950, -150)
    assert [w.row for w in _codes(r, "stacked-figures")] == ["Bibliotek"]


GLUED = (TITLE + "\nNämnd Budget 2024 Utfall 2024 Avvikelse\n"
         "Kommunstyrelse-1844-1906-62\n"
         "Tekniska nämnden-2510-2380130\n"
         "Kultur- och fritidsnämnden-950-1020-70\n"
         "Summa-5304-5306-2\n")


def test_columns_glued_without_spaces(tmp_path):
    # label glued to the first figure, figures glued by their signs; "-2380130" is -2 380 and 130 by the
    # identity -2 510 − (-2 380) = -130 (sign either way), and that choice is a warning
    r = _read(tmp_path, "glued.txt", GLUED)
    assert _cells(r, TITLE) == {"Kommunstyrelse": (-1844, -1906, -62), "Tekniska nämnden": (-2510, -2380, 130),
                                "Kultur- och fritidsnämnden": (-950, -1020, -70), "Summa": (-5304, -5306, -2)}
    warned = _codes(r, "glued-figures")
    assert [w.row for w in warned] == ["Tekniska nämnden"] and "-2 380 | 130" in warned[0].message


def test_columns_glued_in_a_layout_text(tmp_path):
    text = (TITLE + "\n"
            "Verksamhet                      Utfall 2024   Budget 2024   Avvikelse\n"
            "Kommunstyrelsens förvaltningsenheter-12 440       -12 900         460\n"
            "Bibliotek                             4 100    3 950-150\n"
            "Museum                                2 000         2 300         300\n"
            "Summa                                -6 340        -6 650         610\n")
    r = _read(tmp_path, "glued_layout.txt", text)
    assert _cells(r, TITLE) == {"Kommunstyrelsens förvaltningsenheter": (-12440, -12900, 460),
                                "Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300),
                                "Summa": (-6340, -6650, 610)}


def test_header_words_glued(tmp_path):
    title = "Intäkter per verksamhet, tkr"
    text = (title + "\nVerksamhet        Intäkter 2023Intäkter 2024Förändring\n"
            "Bibliotek                 1 200        1 350       150\n"
            "Museum                      800          760       -40\n")
    r = _read(tmp_path, "glued_header.txt", text)
    t = r.table("tables")
    t = t[t.title == title]
    assert list(dict.fromkeys(zip(t.column, t.measure, t.year))) == [
        ("Intäkter 2023", "income", 2023), ("Intäkter 2024", "income", 2024), ("Förändring", "change", 2024)]
    assert _cells(r, title) == {"Bibliotek": (1200, 1350, 150), "Museum": (800, 760, -40)}


def test_glued_splits_read_by_the_identities():
    from kslib.parse.numbers import Identity, split_row, whole_token
    dev = Identity("deviation", lambda v: None if None in v else min(abs(v[0] - v[1] - v[2]), abs(v[1] - v[0] - v[2])))
    # "41003950" holds outcome and budget with no space: only 4 100 | 3 950 keeps 4 100 − 3 950 = 150
    rs = split_row([whole_token("41003950", glued=True), whole_token("-150", glued=True)], 3, identities=[dev])
    assert rs.best.values == (4100, 3950, -150) and rs.decided_by == "identity"
    # without an identity a cut is dearer than a blank: the glued digits stay one figure, and it is open
    rs = split_row([whole_token("41003950", glued=True), whole_token("-150", glued=True)], 3)
    assert rs.best.values[0] == 41003950 and rs.ambiguous


GLUED_HEADING = (TITLE + "\n"
                 "Verksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
                 "Bibliotek                         4 100         3 950        -150\n"
                 "Museum                            2 000         2 300         300\n"
                 "Summa                             6 100         6 250         150Kommentar till utfallet\n"
                 "Verksamheten har hållit budgeten under året, vilket kommenteras närmare nedan.\n")


def test_figure_glued_to_the_next_heading(tmp_path):
    r = _read(tmp_path, "glued_heading.txt", GLUED_HEADING)
    assert _cells(r, TITLE) == {"Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300),
                                "Summa": (6100, 6250, 150)}


PDF_HEADER = [["Utfall", "2024"], ["Budget", "2024"], ["Avvikelse"]]
PDF_ROWS = [("Bibliotek", ["4 100", "3 950", "-150"]), ("Museum", ["2 000", "2 300", "300"]),
            ("Summa", ["6 100", "6 250", "150"])]


def _pdf_with(tmp_path, name: str, draw):
    """A report PDF under "Ekonomi" whose tables ``draw(doc)`` puts on the page, read back."""
    from pdf_factory import ReportPdf
    doc = ReportPdf()
    doc.heading("Ekonomi")
    draw(doc)
    path = tmp_path / "2024" / name
    path.parent.mkdir()
    doc.save(path)
    return kslib.read_report(path)


def test_figure_glued_to_the_next_heading_in_a_pdf(tmp_path):
    from pdf_factory import BOLD, PdfTable, _Op

    def draw(doc):
        doc.table(PdfTable(TITLE, PDF_HEADER, PDF_ROWS[:2] + [("Summa", ["6 100", "6 250", ""])],
                           label_header="Verksamhet"))
        y, right = doc.y - 2 * 13.0, 300.0 + 2 * 62.0 - 2
        doc._put(_Op(right, y, "150", align="right"))
        doc._put(_Op(right, y, "Kommentar till utfallet", font=BOLD))      # the heading starts where 150 ends
        doc.paragraph("Verksamheten har hållit budgeten under året, vilket kommenteras närmare nedan.")
    r = _pdf_with(tmp_path, "glued_heading.pdf", draw)
    assert any(line.text.endswith("150Kommentar till utfallet") for line in r.source.lines)
    assert _cells(r, TITLE) == {"Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300),
                                "Summa": (6100, 6250, 150)}


MULTI = {
    "layout": (TITLE + "\n"
               "Verksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
               "Bibliotek                         4 100         3 950        -150\n"
               "Museum                            2 000         2 300         300\n"
               "Summa                             6 100         6 250         150\n"
               "Investeringar               Utfall 2024   Budget 2024   Avvikelse\n"
               "Konstgräsplan                     1 200         1 500         300\n"
               "Bibliotekslokaler                   800           700        -100\n"
               "Summa                             2 000         2 200         200\n"),
    "single_spaced": (TITLE + "\nVerksamhet Utfall 2024 Budget 2024 Avvikelse\n"
                      "Bibliotek 4 100 3 950 -150\nMuseum 2 000 2 300 300\nSumma 6 100 6 250 150\n"
                      "Investeringar Utfall 2024 Budget 2024 Avvikelse\n"
                      "Konstgräsplan 1 200 1 500 300\nBibliotekslokaler 800 700 -100\nSumma 2 000 2 200 200\n"),
}


INVESTMENTS = {"Konstgräsplan": (1200, 1500, 300), "Bibliotekslokaler": (800, 700, -100), "Summa": (2000, 2200, 200)}


@pytest.mark.parametrize("name", sorted(MULTI))
def test_two_tables_in_one_block(tmp_path, name):
    r = _read(tmp_path, f"multi_{name}.txt", MULTI[name])
    assert _cells(r, TITLE) == {"Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300),
                                "Summa": (6100, 6250, 150)}
    assert _cells(r, "Investeringar") == INVESTMENTS
    t = r.table("tables")
    assert t.groupby("title")["table"].nunique().to_dict() == {TITLE: 1, "Investeringar": 1}


def test_two_tables_in_one_block_in_a_pdf(tmp_path):
    from pdf_factory import PdfTable

    def draw(doc):
        doc.table(PdfTable(TITLE, PDF_HEADER, PDF_ROWS, label_header="Verksamhet"))
        doc.y -= 2 * 13.0          # the second header right under the first table's last row, no title between
        doc.table(PdfTable("", PDF_HEADER, [("Konstgräsplan", ["1 200", "1 500", "300"]),
                                            ("Bibliotekslokaler", ["800", "700", "-100"]),
                                            ("Summa", ["2 000", "2 200", "200"])], label_header="Investeringar"))
    r = _pdf_with(tmp_path, "multi.pdf", draw)
    assert _cells(r, TITLE)["Museum"] == (2000, 2300, 300)
    assert _cells(r, "Investeringar") == INVESTMENTS


# "Ishall 12 100 950" is 12 100 | 950 or 12 | 100 950: no row identity tells; the column sums do
SUMS = {
    "flat": ("Besökare per anläggning\nAnläggning 2024 2023\n"
             "Simhall 41 250 39 800\nIshall 12 100 950\nSporthall 8 400 8 150\nSumma 61 750 48 900\n"),
    "nested": ("Besökare per anläggning\nAnläggning 2024 2023\n"
               "Inomhus\nSimhall 41 250 39 800\nIshall 12 100 950\nSumma inomhus 53 350 40 750\n"
               "Utomhus\nFriluftsbad 9 800 10 200\nKonstgräsplan 4 300 4 100\nSumma utomhus 14 100 14 300\n"
               "Totalt 67 450 55 050\n"),
}


@pytest.mark.parametrize("name", sorted(SUMS))
def test_column_sums_decide_a_split(tmp_path, name):
    r = _read(tmp_path, f"sums_{name}.txt", SUMS[name])
    cells = _cells(r, "Besökare per anläggning")
    assert cells["Ishall"] == (12100, 950)
    warned = _codes(r, "split-by-sum")
    assert [w.row for w in warned] == ["Ishall"]
    assert "12 | 100 950" in warned[0].message
    if name == "nested":
        t = r.table("tables")
        kinds = dict(zip(t.row, t.row_kind))
        assert kinds["Summa inomhus"] == "subtotal" and kinds["Totalt"] == "total" and kinds["Inomhus"] == "category"
        assert "'Summa inomhus'" in warned[0].message


def test_column_sums_leave_an_undecided_split_a_warning(tmp_path):
    # without a total row nothing decides: the most plausible split is kept and said
    r = _read(tmp_path, "open.txt", "Besökare per anläggning\nAnläggning 2024 2023\n"
                                    "Simhall 41 250 39 800\nIshall 12 100 950\n")
    assert [w.row for w in _codes(r, "ambiguous-split")] == ["Ishall"]
    assert not _codes(r, "split-by-sum")
