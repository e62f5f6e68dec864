"""Other municipalities' layouts: headers, totals, units, blanks, text cells, rounding — PDF and text."""
from __future__ import annotations

import pandas as pd
import pytest

from kslib.read.pdf import read_pdf_source
from kslib.read.source import Source, lines_from_text
from kslib.parse.tables.views import wide
from kslib.parse.tables.zone import sequential_columns
from readers import read_driftredovisning, read_nyckeltal, read_resultatrakning
from pdf_factory import PdfTable, ReportPdf, front_matter


def pdf_source(tmp_path, *tables: PdfTable, name: str = "r.pdf"):
    doc = front_matter(ReportPdf(running_header="2022 ÅRSBOKSLUT   KULTURNÄMNDEN   SID {page} ({pages})"))
    for t in tables:
        doc.table(t)
        doc.paragraph("Kommentar till tabellen ovan.")
    return read_pdf_source(doc.save(tmp_path / name))


def text_source(text: str) -> Source:
    content, furniture = lines_from_text(text.split("\n"))
    return Source("layout.txt", "0" * 64, content, None, furniture)


# --------------------------------------------------------------------------- headers

@pytest.mark.parametrize("words, keys", [
    ("Utfall 2022 Budget 2022 Budgetavvikelse", ["outcome_2022", "budget_2022", "deviation_2022"]),
    ("Budget 2022 Utfall 2022 Avvikelse mot budget", ["budget_2022", "outcome_2022", "deviation_2022"]),
    ("Budget 2022 Prognos 2022 Återstår", ["budget_2022", "forecast_2022", "deviation_2022"]),
    # bare years name no measure: the column holds a value (the nyckeltal view calls it the year's outcome)
    ("2016 2017 2018 2019 2020", [f"value_{y}" for y in range(2016, 2021)]),
    ("2020 2019 2018", ["value_2020", "value_2019", "value_2018"]),
    ("Bokslut 2022 Budget 2022 Avvikelse", ["outcome_2022", "budget_2022", "deviation_2022"]),
])
def test_header_vocabulary(words, keys):
    assert [c.key for c in sequential_columns([words.split()], None)] == keys


def test_budget_before_outcome_with_summa_nämnden_total_pdf(tmp_path):
    t = PdfTable("DRIFTREDOVISNING, TKR", [["Budget", "2022"], ["Utfall", "2022"], ["Avvikelse", "mot budget"]],
                 [("Bibliotek", ["4 100", "3 950", "150"]),
                  ("Museum", ["2 000", "2 300", "-300"]),
                  ("Summa nämnden", ["6 100", "6 250", "-150"])],
                 first_right=320, step=80, col_width=70)
    d = wide(read_driftredovisning(pdf_source(tmp_path, t), year=2022))
    assert d.columns[3:].tolist() == ["budget_2022", "outcome_2022", "deviation_2022", "surplus_2022"]
    assert d.loc[2, ["budget_2022", "outcome_2022", "deviation_2022"]].tolist() == [6100, 6250, -150]
    assert d["surplus_2022"].tolist() == [150, -300, -150]          # positive costs: budget − outcome
    assert d["kind"].tolist() == ["row", "row", "total"]


@pytest.mark.parametrize("total", ["TOTALT", "Totalt", "Summa", "Summa totalt", "Summa nämnden"])
def test_total_words_text(total):
    text = f"""DRIFTREDOVISNING, TKR Budget 2022 Utfall 2022 Avvikelse

Bibliotek 4 100 3 950 150

Museum 2 000 2 300 -300

{total} 6 100 6 250 -150

Efter tabellen kommer text.
"""
    d = wide(read_driftredovisning(text_source(text)))
    assert d["row_label"].tolist()[-1] == total and d["kind"].tolist() == ["row", "row", "total"]
    assert d.loc[2, "deviation_2022"] == -150


def test_years_as_columns_ascending_pdf_with_label_caption(tmp_path):
    years = ["2016", "2017", "2018", "2019", "2020"]
    t = PdfTable("NYCKELTAL", [[y] for y in years],
                 [("Besökare", ["ung 116 000", "118 200", "", "Stängt", "40 312"]),
                  ("Utlån", ["51 000", "50 212", "49 870", "38 004", "41 119"])],
                 first_right=290, step=62, label_header="Verksamhet")
    warnings = []
    n = read_nyckeltal(pdf_source(tmp_path, t), warnings=warnings)
    w = wide(n)
    assert w.columns[3:].tolist() == [f"outcome_{y}" for y in years]
    assert w.loc[1, [f"outcome_{y}" for y in years]].tolist() == [51000, 50212, 49870, 38004, 41119]
    besok = n[n["row_label"] == "Besökare"].set_index("year")
    assert pd.isna(besok.loc[2016, "value"]) and besok.loc[2016, "note"] == "ung 116 000"
    assert pd.isna(besok.loc[2019, "value"]) and besok.loc[2019, "note"] == "Stängt"
    assert pd.isna(besok.loc[2018, "value"]) and pd.isna(besok.loc[2018, "note"])     # a blank cell
    assert besok.loc[2020, "value"] == 40312
    assert not warnings


# --------------------------------------------------------------------------- units and signs

def test_mnkr_with_decimal_comma_and_spaced_dashes_pdf(tmp_path):
    t = PdfTable("RESULTATRÄKNING, MNKR", [["Utfall", "2022"], ["Budget", "2022"], ["Avvikelse", ""]],
                 [("Intäkter", ["12,4", "11,0", "1,4"]),
                  ("Kostnader", ["– 58,2", "– 50,0", "– 8,2"]),          # en dash and a space
                  ("Nettokostnad", ["\u221245,8", "\u221239,0", "\u22126,8"]),  # U+2212 minus
                  ("Summa", ["−45,8", "−39,0", "−6,8"])],
                 first_right=320, step=80, col_width=70)
    frame = read_resultatrakning(pdf_source(tmp_path, t), year=2022)
    assert set(frame["unit"]) == {"mnkr"}
    w = wide(frame)
    assert w.loc[1, ["outcome_2022", "budget_2022", "deviation_2022"]].tolist() == [-58.2, -50.0, -8.2]
    assert w.loc[2, ["outcome_2022", "budget_2022", "deviation_2022"]].tolist() == [-45.8, -39.0, -6.8]


def test_mnkr_text_layer_with_en_dash_and_space():
    text = """RESULTATRÄKNING, MNKR Utfall 2022 Budget 2022 Avvikelse

Intäkter 12,4 11,0 1,4

Kostnader – 58,2 – 50,0 – 8,2

Summa – 45,8 – 39,0 – 6,8
"""
    frame = read_resultatrakning(text_source(text))
    w = wide(frame)
    assert set(frame["unit"]) == {"mnkr"}
    assert w.loc[1, ["outcome_2022", "budget_2022", "deviation_2022"]].tolist() == [-58.2, -50.0, -8.2]


# --------------------------------------------------------------------------- text cells and blanks (text layer)

def test_text_cells_are_cells_of_their_own():
    from kslib.parse.tables.lines import analyse
    from kslib.read.source import Line

    def cells(text):
        ln = analyse(Line(1, text))
        return " ".join(w.text for w in ln.label), [(w.text, w.note) for w in ln.nums]
    assert cells("Simhall 1 200 Stängt 300") == ("Simhall", [("1", False), ("200", False), ("Stängt", True),
                                                            ("300", False)])
    label, nums = cells("Besökare ung 116 000 98 000")
    assert label == "Besökare" and nums[0] == ("ung 116 000", True)
    label, nums = cells("Fritidsgård Ej aktuellt 2 000")
    assert label == "Fritidsgård" and nums[0] == ("Ej aktuellt", True)


def test_text_cells_in_a_text_layer_table():
    text = """DRIFTREDOVISNING, TKR Budget 2022 Utfall 2022 Avvikelse

Simhall 1 500 Stängt 1 500

Bibliotek 4 100 3 950 150

Totalt 5 600 3 950 1 650
"""
    frame = read_driftredovisning(text_source(text))
    sim = frame[frame["row_label"] == "Simhall"].set_index("measure")
    assert sim.loc["budget", "value"] == 1500 and sim.loc["deviation", "value"] == 1500
    assert pd.isna(sim.loc["outcome", "value"]) and sim.loc["outcome", "note"] == "Stängt"


# --------------------------------------------------------------------------- rounding and trouble

def test_total_off_by_rounding_is_read_not_refused(tmp_path):
    t = PdfTable("DRIFTREDOVISNING, TKR", [["Utfall", "2022"], ["Budget", "2022"], ["Avvikelse", ""]],
                 [("Stab", ["10 001", "10 000", "-1"]),
                  ("Ekonomi", ["5 001", "5 000", "-1"]),
                  ("IT", ["2 001", "2 000", "-1"]),
                  ("Totalt", ["17 000", "17 000", "0"])],          # rows sum to 17 003: rounding in the source
                 first_right=320, step=80, col_width=70)
    warnings = []
    w = wide(read_driftredovisning(pdf_source(tmp_path, t), year=2022, warnings=warnings))
    assert w["outcome_2022"].tolist() == [10001, 5001, 2001, 17000]
    assert not warnings   # the sum check is the audit's finding, not a parse failure


def test_a_row_positions_cannot_place_is_warned_with_page_and_line(tmp_path):
    # the last column's figures stand half-way between two header cells
    t = PdfTable("DRIFTREDOVISNING, TKR", [["Utfall", "2022"], ["Budget", "2022"], ["Avvikelse", ""]],
                 [("Stab", ["10 100", "10 000", "-100"]),
                  ("Ekonomi", ["5 200", "5 000", "-200"]),
                  ("Totalt", ["15 300", "15 000", "-300"])],
                 first_right=320, step=80, col_width=70)
    source = pdf_source(tmp_path, t)
    # move the "Ekonomi" row's middle figure between the columns by editing its words
    from dataclasses import replace

    from kslib.read.source import Word
    lines = list(source.lines)
    k = source.find(r"^Ekonomi")
    words = list(lines[k].words)
    words[3:5] = [Word(w.text, w.x0 + 40, w.x1 + 40) for w in words[3:5]]
    lines[k] = replace(lines[k], words=tuple(words))
    moved = replace(source, lines=tuple(lines))
    warnings = []
    w = wide(read_driftredovisning(moved, year=2022, warnings=warnings))
    assert w.loc[1, ["outcome_2022", "budget_2022", "deviation_2022"]].tolist() == [5200, 5000, -200]
    (warning,) = warnings
    assert warning.code == "position-unplaced" and warning.row == "Ekonomi"
    assert warning.page == 1 and warning.line == lines[k].number
