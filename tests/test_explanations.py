"""The report's own explanations of its deviations, and the surplus of every catalogued table."""
from __future__ import annotations

from pathlib import Path

import pytest

import kslib
from conftest import REPORT_2020

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def vaggeryd():
    return kslib.read_report(REPORT_2020)


def test_explanations_of_2020_name_their_area(vaggeryd):
    e = vaggeryd.explanations
    by_area = {a: list(part.sentence) for a, part in e.groupby("area")}
    assert by_area["752 Ekonomiskt bistånd"] == [
        "Ekonomiskt bistånd överskrider med 1,5 mnkr, trots budgetförstärkning med 2 000 tkr."]
    assert "Integration har underskott med 758 tkr vilket beror på att det numera bokförs kostnader för " \
           "försörjningsstöd på programområdet, vilket inte är budgeterat." in by_area["758 Integration"]
    # under the heading "162 Näringslivsverksamheten": the definite form names the area
    assert by_area["162 Näringslivsverksamhet"] == [
        "Programområdet har ett mindre överskridande jämfört med budget på 94 tkr."]
    change = e[e.kind == "budget_change"]
    assert "Budgeten har under året förstärkts med 2 000 tkr för försörjningsstöd och 1 340 tkr för " \
           "arbetsmarknadsåtgärder." in set(change.sentence)
    assert e.line.notna().all() and not e.sentence.str.contains("TOTALT").any()    # prose, not tables


def _judgements(report) -> list[tuple[str, int]]:
    e = report.explanations
    return [(r.sentence, r.page) for r in e[e.kind == "goal_judgement"].itertuples()]


def test_the_boards_own_judgement_of_its_goals():
    # Intraservice p. 4 (Sammanfattning): the only sentence where the board judges its goals
    got = _judgements(kslib.read_report(CORPUS / "goteborg_namnden-for-intraservice_arsrapport_2025.txt"))
    assert got == [("Förvaltningen bedömer att måluppfyllelsen av kommunfullmäktiges mål är god.", 4)]
    # Stadsrevisionen 2022 p. 27/29: the auditors on the city's goals ("Kommunstyrelsens bedömer att de tre
    # övergripande målen delvis uppnås", "Vi bedömer att de mål … delvis uppfylls") are not the board's own
    assert _judgements(kslib.read_report(CORPUS / "goteborg_stadsrevisionen_arsredogorelse_2022.pdf")) == []


def test_a_judgement_by_name_but_not_by_another_body(tmp_path):
    path = tmp_path / "2024" / "kulturnamnden_arsrapport_2024.txt"
    path.parent.mkdir()
    path.write_text("Kulturnämnden\nÅrsrapport 2024\n\nMåluppfyllelse\n"
                    "Kulturnämnden bedömer att nämndens mål delvis har uppnåtts under året.\n"
                    "Revisorerna bedömer att målen uppfylls.\n"
                    "Nämnden bedömer att arbetet med att nå målen har fortsatt.\n", encoding="utf-8")
    report = kslib.read_report(path)
    assert report.meta.board == "Kulturnämnden"
    # the auditors' judgement is another body's; "arbetet med att nå målen har fortsatt" judges no fulfilment
    assert [s for s, _ in _judgements(report)] == [
        "Kulturnämnden bedömer att nämndens mål delvis har uppnåtts under året."]


def test_explanations_of_a_pdf_carry_pages():
    e = kslib.read_report(CORPUS / "nacka_valfard-skola_arsbokslut_2019.pdf").explanations
    row = e[e.sentence.str.startswith("Årets resultat blev +10,4 miljoner kronor")].iloc[0]
    assert row.page == 1 and row.kind == "deviation"
    assert (e[e.sentence.str.contains("elevhälsan")].area == "983 Elevhälsan").all()


@pytest.mark.parametrize("name, table, row, surplus", [
    # a printed deviation is the surplus as printed (positive = favourable)
    ("nacka_valfard-skola_arsbokslut_2017.pdf", "Utfall mot budget 2017", "Total", 136),
    ("nacka_valfard-skola_arsbokslut_2019.pdf", "Utfall mot budget 2019", "923 Condorens förskolor", 75),
    # no deviation column, costs printed negative: outcome − budget (incomes and costs alike)
    ("goteborg_stadsrevisionen_arsredogorelse_2022.pdf", "Utfall per 2022-12-31", "Periodens resultat", None),
])
def test_catalog_surplus(name, table, row, surplus):
    cells = kslib.read_report(CORPUS / name).table("tables")
    hit = cells[(cells.title == table) & (cells.row == row) & (cells.measure == "surplus")]
    if surplus is None:
        outcome = cells[(cells.title == table) & (cells.row == row) & (cells.measure == "outcome")
                        & (cells.year == 2022)]["value"].item()
        budget = cells[(cells.title == table) & (cells.row == row) & (cells.measure == "budget")]["value"].item()
        assert (outcome, budget) == (-584, -500)                 # read by hand: p. 43
        surplus = -84                                              # 84 tkr worse than budget
    assert hit["value"].tolist() == [surplus]


def test_a_headline_word_is_no_area():
    """Intraservice 2025 has rows "Intäkter" and "Kostnader" (p. 16): a sentence about "Totala kostnader för
    utveckling inom befintlig tjänst" (p. 19) is not the report's explanation of the row "Kostnader"."""
    e = kslib.read_report(CORPUS / "goteborg_namnden-for-intraservice_arsrapport_2025.txt").explanations
    row = e[e.sentence.str.startswith("Totala kostnader för utveckling inom befintlig tjänst")]
    assert len(row) == 1 and row.page.item() == 19
    assert row.area.item() not in ("Kostnader", "Intäkter")
    assert not e.area.isin(["Kostnader", "Intäkter", "Summa kostnader", "Totala intäkter"]).any()


def test_the_goals_page_quotes_the_judgement_with_its_page():
    import pandas as pd

    from kslib.present import sentences

    e = pd.DataFrame({"area": ["", ""], "kind": ["deviation", "goal_judgement"],
                      "sentence": ["Årets resultat blev 2 mnkr.", "Nämnden bedömer att målen är uppfyllda."],
                      "page": pd.array([3, 5], dtype="Int64"), "line": pd.array([30, 50], dtype="Int64")})
    assert sentences.goal_judgement(e) == "Rapportens egen bedömning: \u201dNämnden bedömer att målen är uppfyllda.\u201d (s. 5)"
    assert sentences.goal_judgement(e.iloc[:1]) is None and sentences.goal_judgement(None) is None
