"""A money table that states no unit gets one only where the report's own words tell it, with a warning."""
from __future__ import annotations

from pathlib import Path

import pytest

import kslib

CORPUS = Path(__file__).parent / "corpus"
TABLE = ("Utfall mot budget\n"
         "Verksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
         "Bibliotek                         4 104         3 950        -154\n"
         "Museum                            2 000         2 300         300\n"
         "Summa                             6 104         6 250         146\n")


def _read(tmp_path, text: str):
    path = tmp_path / "2024" / "rapport.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    report = kslib.read_report(path)
    return report, report.table("tables"), report.warnings_for("tables")


def test_unit_from_the_prose_stating_a_figure_of_the_table(tmp_path):
    text = "Nämnden redovisar ett överskott på 0,1 miljoner kronor.\nKostnaderna blev 6,1 miljoner\nkronor.\n\n" + TABLE
    _, cells, warnings = _read(tmp_path, text)
    assert set(cells["unit"]) == {"tkr"}
    [w] = [w for w in warnings if w.code == "unit-from-text"]
    assert "6,1 miljoner kronor" in w.message and "tkr" in w.message


def test_no_unit_is_guessed_without_a_basis(tmp_path):
    _, cells, warnings = _read(tmp_path, "Verksamheten gick bra.\n\n" + TABLE)
    assert cells["unit"].isna().all()
    assert [w.code for w in warnings if w.code.startswith("unit")] == ["unit-unknown"]


def test_two_readings_of_the_prose_decide_nothing(tmp_path):
    # 6 104 kronor and 6,1 miljoner kronor both match a figure: kr or tkr — no unit, a warning
    text = "Bidraget var 6 104 kronor. Kostnaderna blev 6,1 miljoner kronor.\n\n" + TABLE
    _, cells, warnings = _read(tmp_path, text)
    assert cells["unit"].isna().all()
    assert any(w.code == "unit-unknown" for w in warnings)


def test_a_stated_unit_is_kept(tmp_path):
    _, cells, warnings = _read(tmp_path, "Kostnaderna blev 6,1 miljoner kronor.\n\n"
                               + TABLE.replace("Utfall mot budget", "Utfall mot budget, mnkr"))
    assert set(cells["unit"]) == {"mnkr"}
    assert not [w for w in warnings if w.code.startswith("unit")]


def test_corpus_units_from_the_reports_own_words():
    # Nacka 2019 prints its per-unit table without a unit; the text's "+26,0 miljoner kronor" is its 25 985
    cells = kslib.read_report(CORPUS / "nacka_valfard-skola_arsbokslut_2019.pdf").table("tables")
    assert set(cells.loc[cells["title"] == "Utfall mot budget 2019", "unit"]) == {"tkr"}
    # Intraservice: "Tjänster" and the resultaträkning state none; the text says "53,7 miljoner" (Ekonomi)
    report = kslib.read_report(CORPUS / "goteborg_namnden-for-intraservice_arsrapport_2025.txt")
    cells = report.table("tables")
    for title in ("Tjänster", "Förändringsinsatser", "Resultaträkning"):
        assert set(cells.loc[cells["title"] == title, "unit"]) == {"mnkr"}, title
    inferred = [w for w in report.warnings_for("tables") if w.code == "unit-from-text"]
    assert inferred and all(w.evidence_page for w in inferred)


@pytest.mark.parametrize("title, kind", [("Resultatredovisning i sammandrag", "income_statement"),
                                         ("Tjänster", "operating_by_area"),
                                         ("Balansräkning", "balance_sheet")])
def test_intraservice_summary_of_results_is_an_income_statement(title, kind):
    cells = kslib.read_report(CORPUS / "goteborg_namnden-for-intraservice_arsrapport_2025.txt").table("tables")
    assert set(cells.loc[cells["title"] == title, "kind"]) == {kind}
