"""The PDF reader on the real corpus PDFs (tests/corpus), against values read by hand.

The hand-read tables are in tests/corpus/expected/*.json (see its README): every figure of
the seven numeric tables must come out of the PDF line of its row, in order, split into cells
at the column gaps (two spaces in ``Line.text``); words are whole (no split by kerning or
letter-spacing); a two-column prose page reads one column after the other; tables stay
on their page (``pdf_page``).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from kslib.read.pdf import read_pdf_source

CORPUS = Path(__file__).resolve().parent / "corpus"
SR2022 = "goteborg_stadsrevisionen_arsredogorelse_2022"
SR2023 = "goteborg_stadsrevisionen_arsredogorelse_2023"
NACKA2017 = "nacka_valfard-skola_arsbokslut_2017"
NACKA2019 = "nacka_valfard-skola_arsbokslut_2019"
PDFS = sorted(p.stem for p in CORPUS.glob("*.pdf"))

pytestmark = pytest.mark.skipif(not PDFS, reason="corpus PDFs not present")


@lru_cache(maxsize=None)
def source(name: str, backend: str = "pypdfium2"):
    return read_pdf_source(CORPUS / f"{name}.pdf", backend=backend)


def expected(name: str) -> dict:
    return json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def page_lines(name: str, page: int, backend: str = "pypdfium2"):
    return [line for line in source(name, backend).lines if line.page == page]


def figures(cells: list[str]) -> list[float | int]:
    """Cells such as "-101 210" or "-7 73" as numbers; a trailing footnote mark ("Not 1") is dropped."""
    out: list[float | int] = []
    for cell in cells:
        cell = re.sub(r"\s*Not \d+$", "", cell).replace(" ", "").replace(",", ".")
        out.append(float(cell) if "." in cell else int(cell))
    return out


def row_line(lines, label: str):
    hits = [line for line in lines if line.text.startswith(label + "  ")]
    assert hits, f"no line starts with the row label {label!r}"
    return hits[0]


# ------------------------------------------------------------------------- tables

NUMERIC_TABLES = [(NACKA2017, 0), (NACKA2017, 1), (NACKA2019, 0), (SR2022, 0), (SR2022, 1), (SR2022, 2), (SR2023, 0)]


@pytest.mark.parametrize("name,index", NUMERIC_TABLES)
def test_table_rows_hold_the_hand_read_figures_in_order(name, index):
    table = expected(name)["tables"][index]
    lines = page_lines(name, table["pdf_page"])
    numbers = []
    for row in table["rows"]:
        if row.get("kind") == "category":
            continue
        line = row_line(lines, row["label"].strip())
        cells = line.text[len(row["label"].strip()):].strip().split("  ")
        assert figures(cells) == row["values"], (row["label"], line.text)
        numbers.append(line.number)
    assert numbers == sorted(numbers)                        # the rows come in the printed order


def test_stavsborgsskolan_row_words_and_column_gaps():
    line = row_line(page_lines(NACKA2017, 9), "911 Stavsborgsskolan")
    assert line.page == 9
    assert line.text == "911 Stavsborgsskolan  55 903  -54 826  1 078  -3 500  4 578  49 348  -52 667  -3 320"
    words = [w.text for w in line.words]
    assert words == ["911", "Stavsborgsskolan", "55", "903", "-54", "826", "1", "078", "-3", "500", "4", "578",
                     "49", "348", "-52", "667", "-3", "320"]
    assert all(a.x1 < b.x0 for a, b in zip(line.words, line.words[1:]))
    # each figure's columns stand where the header's do: the last figure right of all the others
    assert line.words[-1].x1 > 500


def test_figures_and_footnote_marks_are_separate_words():
    line = row_line(page_lines(NACKA2017, 9), "943 Orminge skola med förskolor")
    assert line.text.endswith("  900 Not 1")                 # pdfplumber's own words glue "900Not"
    total = row_line(page_lines(NACKA2017, 9), "Total")
    assert total.text == "Total  2 058 253  -2 048 917  9 336  9 200  136  1 998 393  -1 989 096  9 298"


def test_result_tables_titles_headers_and_pages():
    lines = page_lines(SR2022, 43)
    texts = [line.text for line in lines]
    k = texts.index("Utfall per 2022-12-31")
    assert texts[k + 1] == "tkr  Utfall 2022  Budget 2022  Utfall 2021"
    assert texts[k + 2] == "Förtroendevalda revisorer  -2 563  -2 970  -2 600"
    assert "*utbildning, lokaler med mera" in texts
    texts = [line.text for line in page_lines(SR2023, 37)]
    k = texts.index("Tabell 1Utfall per 2023-12-31")         # printed glued like that
    assert texts[k + 1] == "tkr  Utfall 2023  Budget 2023  Utfall 2022"
    assert "Övriga kostnader*  -7 638  -7 73  -8 178" in texts   # the malformed "-7 73" as printed


@pytest.mark.parametrize("name", [n for n in PDFS if (CORPUS / "expected" / f"{n}.json").exists()])
def test_every_table_title_is_on_its_pdf_page(name):
    src = source(name)
    for table in expected(name)["tables"]:
        title = " ".join((table.get("title_printed") or table["title"]).split()).lower()
        pages = {line.page for line in src.lines if title in " ".join(line.text.split()).lower()}
        assert table["pdf_page"] in pages, (table["title"], sorted(pages))


def test_antal_anstallda_row_on_a_slightly_lower_baseline_is_one_line():
    # the figures of the first row stand 3 pt above the label's baseline in the PDF
    line = row_line(page_lines(SR2022, 45), "Tillsvidareanställda på heltid")
    assert line.text == "Tillsvidareanställda på heltid  33  29  33"


# ------------------------------------------------------------------------- words

def test_words_are_whole_despite_kerning_and_letter_spacing():
    words = {w.text for name in (SR2022, SR2023) for line in source(name).lines for w in line.words}
    assert "Stadsrevisionen" in words
    assert not {"S", "tadsrevisionen", "St", "av", "sborgsskolan", "B", "V"} & words - {"av"}
    # letter-spaced headings in the two-column pages come out whole
    texts = [line.text for line in page_lines(SR2023, 10)]
    assert "Bedömning" in texts and "Förebyggande arbete genomfördes" in texts
    assert "Regelverket för hemvårdsbidrag var" in texts
    nacka = [w.text for line in source(NACKA2017).lines for w in line.words]
    assert nacka.count("Stavsborgsskolan") >= 2               # p. 7 and p. 9
    assert not {"Stav", "sborgsskolan", "Våraförskolor"} & set(nacka)


def test_hyphen_at_a_line_end_is_kept():
    texts = [line.text for line in page_lines(SR2023, 10)]
    assert "nämnden för funktionsstöd och äldre samt vård-" in texts
    assert "risken för felaktiga utbetalningar av hemvårds-" in texts


# ------------------------------------------------------------------------- columns

def test_two_column_page_reads_left_column_then_right():
    """Stadsrevisionen 2023, PDF p. 10 (printed 7), "Styrning, uppföljning och kontroll av
    hemvårdsbidrag": read by hand from the page, a heading over two columns of prose."""
    lines = page_lines(SR2023, 10)
    texts = [line.text for line in lines]
    in_order = [
        "Styrning, uppföljning och kontroll av hemvårdsbidrag",       # heading over both columns
        "Stadsrevisionen har granskat hemvårdsbidrag.",               # left column
        "Syftet med granskningen var att bedöma om",
        "nämnden för funktionsstöd och äldre samt vård-",
        "och omsorgsnämnden arbetade systematiskt med",
        "styrning, uppföljning och kontroll för att minska",
        "Förebyggande arbete genomfördes",
        "med hjälp av kontroller",
        "Både nämnderna använde sig av olika typer av",
        "kontroller i handläggningen av hemvårdsbidrag.",
        "Hemvårdsbidrag omprövades",
        "varje år",
        "viktig del av uppföljningen. Granskningen visade",           # right column, top
        "att omprövningen skedde årligen inom båda",
        "förvaltningarna.",
        "Bedömning",
        "Vi bedömde att arbetet med att minska felaktiga",
        "utbetalningar av hemvårdsbidrag i huvudsak ge-",
        "Mer om granskningen",
        "Läs mer om granskningen i revisionsrapporten",
    ]
    positions = [texts.index(t) for t in in_order]
    assert positions == sorted(positions)
    # apart from the heading, no line holds words from both columns (the gutter is at x 290-303)
    both = [ln.text for ln in lines if any(w.x1 < 295 for w in ln.words) and any(w.x0 > 300 for w in ln.words)]
    assert both == ["Styrning, uppföljning och kontroll av hemvårdsbidrag"]
    # the right column's lines follow the left column's: one switch of side only
    body = [ln for ln in lines if ln.text not in both and ln.page == 10 and len(ln.words) > 2]
    sides = [ln.words[0].x0 > 300 for ln in body]
    assert sides == sorted(sides)


def test_two_column_pages_2022_read_column_by_column():
    """Stadsrevisionen 2022, PDF p. 7 (printed 5), "Bidragsgivning till föreningar"."""
    texts = [line.text for line in page_lines(SR2022, 7)]
    in_order = [
        "Bidragsgivning till föreningar",
        "Stadsrevisionen har granskat Göteborgs Stads",
        "bidragsgivning till föreningar. Granskningen",
        "syftade till att bedöma om idrotts- och fören-",
        "Bedömningsarbetet kunde bli mer",
        "transparent",
        "Riskmedvetenheten behövde öka",
        "Samtliga nämnder hade väl utvecklade rutiner för",
        "Bedömning",
        "Mer om granskningen",
    ]
    positions = [texts.index(t) for t in in_order]
    assert positions == sorted(positions)


def test_tables_are_not_split_into_columns():
    # a wide label column and eight figure columns: one line per row, label first
    lines = page_lines(NACKA2017, 9)
    assert sum(1 for ln in lines if re.match(r"^9\d\d ", ln.text) and ln.text.count("  ") >= 8) == 30
    # the scorecards: the indicator and its figures stay on one line
    texts = [line.text for line in source("nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort").lines]
    assert "Förskolan: Föräldrar nöjda med verksamheten UBN  95  94  95  95  95" in texts


# ------------------------------------------------------------------------- numbering

@pytest.mark.parametrize("name", PDFS)
def test_line_numbers_run_and_pages_are_exact(name):
    src = source(name)
    every = sorted([*src.lines, *src.furniture], key=lambda line: line.number)
    assert [line.number for line in every] == list(range(1, len(every) + 1))
    pages = [line.page for line in every]
    assert pages == sorted(pages) and set(pages) <= {p.number for p in src.pages}


@pytest.mark.slow
@pytest.mark.parametrize("name", [NACKA2017, SR2023])
def test_pdfplumber_backend_reads_the_same_table_lines(name):
    table = expected(name)["tables"][-1]
    a = [line.text for line in page_lines(name, table["pdf_page"])]
    b = [line.text for line in page_lines(name, table["pdf_page"], "pdfplumber")]
    assert a == b


@pytest.mark.parametrize("stem, footers, kept", [
    # left and right pages print the page number on alternate sides; the appended letter's footer is a date
    (SR2022, [r"^\d+\s+Stadsrevisionens årsredogörelse 2022$", r"^Stadsrevisionens årsredogörelse 2022\s+\d+$",
              r"^Stadsrevisionen\s+\d+ \(13\)$"], "Utfall per 2022-12-31"),
    (SR2023, [r"^\d+\s+Stadsrevisionens årsredogörelse 2023$", r"^Årsrapport för 2023\s+\d+ \(10\)$"],
     "Utfall per 2023-12-31"),
])
def test_running_footers_are_furniture(stem, footers, kept):
    src = source(stem)
    content = [line.text for line in src.lines]
    for pattern in footers:
        assert not [t for t in content if re.match(pattern, t)], pattern
        assert [f for f in src.furniture if re.match(pattern, f.text)], pattern
    assert any(kept in t for t in content)


def test_a_date_footer_of_an_appended_letter_is_furniture_but_its_dateline_is_not():
    src = source(SR2022)
    assert [line.page for line in src.lines if line.text == "2023-03-14"] == [35]     # the letter's date
    assert [line.page for line in src.furniture if line.text == "2023-03-14"] == list(range(36, 47))
