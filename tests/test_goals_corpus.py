"""Goals, assignments and indicator values of reports of other shapes (corpus, read by hand).

Expected values come from the documents themselves (the styrkort cells also from
``tests/corpus/expected/*.json``, which were read by hand from the PDFs).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from goal_templates import modified, real_source
from kslib.parse.records.goal_rows import GOAL_COLUMNS
from kslib.parse.records.goals import read_goals
from kslib.parse.records.indicator_values import COLUMNS, direction, read_indicator_values, split_cell
from kslib.read import read_source
from kslib.statuses import ALL_STATUSES, STATUSES, status_from_words

CORPUS = Path(__file__).resolve().parent / "corpus"
INTRASERVICE = CORPUS / "goteborg_namnden-for-intraservice_arsrapport_2025.txt"
STYRKORT_2017 = "nacka_valfard-skola_arsbokslut_2017_bilaga1-styrkort"
STYRKORT_2019 = "nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort"


@pytest.fixture(scope="module")
def intraservice():
    warnings = []
    return read_goals(read_source(INTRASERVICE), year=2025, warnings=warnings), warnings


@pytest.fixture(scope="module")
def cards():
    out = {}
    for name in (STYRKORT_2017, STYRKORT_2019):
        source = read_source(CORPUS / f"{name}.pdf")
        out[name] = (read_goals(source, warnings=[]), read_indicator_values(source))
    return out


# --------------------------------------------------------------------------- statuses

def test_work_statuses_in_words():
    assert status_from_words("Avslutad") == "done"
    assert status_from_words("Klar") == "done"
    assert status_from_words("Pågår") == "ongoing"
    assert status_from_words("Pågående") == "ongoing"
    assert status_from_words("Delvis uppfyllt") == "partly_met"
    assert status_from_words("Ej uppfyllt") == "not_met"
    assert status_from_words("Bra arbete") is None
    assert STATUSES == ("met", "partly_met", "not_met", "later", "unknown")     # the goal codes stay
    assert set(ALL_STATUSES) == set(STATUSES) | {"done", "ongoing"}


# --------------------------------------------------------------------------- Intraservice 2025

def test_intraservice_assignments_with_their_stated_status(intraservice):
    frame, _ = intraservice
    assert list(frame.columns) == GOAL_COLUMNS
    a = frame[frame.level == "assignment"].set_index("goal_id")
    assert len(a) == 13                                 # 4 from KF/KS (6.1), 9 of the board's own (6.2)
    assert a.title.iloc[0].startswith("Alla nämnder och bolagsstyrelser får i uppdrag att analysera sina inköp")
    assert a.title.iloc[0].endswith("Inköps- och upphandlingsnämnden ska stötta i detta arbete.")
    assert a.title.iloc[3] == ("Kommunstyrelsen och nämnden för Intraservice får i uppdrag att genomföra en "
                               "överföring av ansvaret för employer branding i enlighet med "
                               "stadsledningskontorets tjänsteutlåtande.")
    assert (a.status == "done").sum() == 12
    ongoing = a[a.status == "ongoing"]
    assert len(ongoing) == 1 and ongoing.title.iloc[0].startswith("Kommunstyrelsen får i uppdrag att i samverkan")
    assert set(a.basis) == {"text"}
    assert a.comment.iloc[0].startswith("Avslutad 2025-12-01: Uppdraget återrapporterades till nämnden")
    assert list(a.horizon).count("2023") == 1 and list(a.horizon).count("2025") == 12   # "Uppdragsår"
    assert list(a.page) == [35, 35, 36, 36, 36, 37, 37, 38, 38, 39, 39, 40, 40]
    # a page break inside the comment: the comment continues, no new assignment
    assert "Återrapportering gjordes på nämndsammanträdet i maj" in a.comment.iloc[10]


def test_intraservice_goals_without_a_stated_status(intraservice):
    frame, warnings = intraservice
    goals = frame[frame.level.isin(["goal", "subgoal"])].set_index("goal_id")
    assert list(goals.index[:7]) == [f"2.2.{n}" for n in range(1, 8)]
    assert goals.loc["2.2.1", "title"] == ("Göteborg ska vara en jämlik och trygg stad där alla invånare ges "
                                           "inflytande och möjlighet till delaktighet.")
    assert goals.loc["5.2.1.1", "title"] == ("Förbättra kundernas och användarnas upplevelse av nytta, kvalitet, "
                                             "service och samarbete")
    assert goals.loc["5.2.1.1", "parent_id"] == "5.2.1" and goals.loc["5.2.1.1", "level"] == "subgoal"
    assert goals.loc["5.2.3.1", "page"] == 34
    # the report says "måluppfyllelsen … är god" overall and describes work: no status in words per goal
    assert set(goals.status) == {"unknown"} and set(goals.basis) == {"none"}
    assert warnings == []


def test_assignment_without_status_words_is_unknown():
    text = ("6.1       Redovisning av uppdrag\n"
            "            Uppdrag från KF/KS                         Uppdragets status och kommentar\n"
            "            Nämnden får i uppdrag att se över          Arbetet har inletts och en\n"
            "            lokalerna.                                 rapport lämnas i mars.\n"
            "            Uppdragsår\n"
            "            2024\n"
            "            Nämnden får i uppdrag att införa           Klar\n"
            "            e-tjänster.                                Införd i maj.\n"
            "            Uppdragsår\n"
            "            2025\n")
    from goal_templates import source_from_text
    frame = read_goals(source_from_text(text), warnings=[])
    a = frame[frame.level == "assignment"]
    assert list(a.title) == ["Nämnden får i uppdrag att se över lokalerna.", "Nämnden får i uppdrag att införa e-tjänster."]
    assert list(a.status) == ["unknown", "done"]          # a comment's tone is no status
    assert list(a.basis) == ["none", "text"]
    assert list(a.horizon) == ["2024", "2025"]


def test_goal_section_states_status_in_words():
    from goal_templates import source_from_text
    text = ("3         Mål\n"
            "3.1       Nöjda invånare\n"
            "          Bedömning: Delvis uppfyllt\n"
            "          Arbetet har gått mycket bra under året.\n"
            "3.2       Låg sjukfrånvaro\n"
            "          Sjukfrånvaron har minskat tydligt.\n")
    frame = read_goals(source_from_text(text), warnings=[]).set_index("goal_id")
    assert frame.loc["3.1", "status"] == "partly_met" and frame.loc["3.1", "basis"] == "text"
    assert frame.loc["3.2", "status"] == "unknown"        # "minskat tydligt" is tone, not a status


# --------------------------------------------------------------------------- Nacka styrkort

def _value(frame, indicator, year, measure):
    rows = frame[(frame.indicator == indicator) & (frame.year == year) & (frame.measure == measure)]
    assert len(rows) == 1, (indicator, year, measure, len(rows))
    return rows.iloc[0]


def test_styrkort_2017_target_and_outcome_in_one_cell(cards):
    _, values = cards[STYRKORT_2017]
    assert list(values.columns) == COLUMNS
    name = "Gr: Andel elever i åk 9 som blir behöriga till gymnasiet."
    assert _value(values, name, 2017, "target").value == 96
    assert _value(values, name, 2017, "outcome").value == 93.7
    assert _value(values, name, 2016, "outcome").value == 94.3
    assert _value(values, name, 2019, "target").value == 97
    assert _value(values, name, 2017, "outcome").goal == "Alla barn och elever utvecklas maximalt"
    assert _value(values, name, 2017, "outcome").page == 1
    # words are kept as text, not figures
    budget = _value(values, "Avvikelse mot budget", 2018, "target")
    assert budget.value == 0 and budget.text == "0 eller bättre"
    rank = "Placering SKL:s Öppna jämförelse (Nacka kommun, kommunala grundskolor)"
    assert _value(values, rank, 2017, "target").text == "Topp 10"
    assert _value(values, rank, 2017, "outcome").text == "ej publicerat"
    assert _value(values, rank, 2016, "outcome").value == 8
    intro = "Gy: Andel elever på språkintroduktion som går vidare till nationellt program"
    assert _value(values, intro, 2017, "outcome").text == "redovisas ej pga. få elever"
    assert _value(values, intro, 2017, "target").value == 50
    survey = "Gy: Genomsnittlig bedömning"
    assert _value(values, survey, 2017, "outcome").text == "ingen observation"
    env = ("Andel förskolor/skolor utan kritik i extern granskning av miljö (granskningar från "
           "Arbetsmiljöverket och kommunens miljötillsyn)")
    assert _value(values, env, 2018, "target").text == "bestäms senare"


def test_styrkort_2017_assessed_only_with_a_stated_direction(cards):
    _, values = cards[STYRKORT_2017]
    assessed = values[values.assessment != ""]
    # "minst" in the name: higher is better; "0 eller bättre" has no 2017 outcome figure
    assert set(assessed.indicator) == {
        "Fsk: Andel förskolor med minst 20 procent förskollärare",
        "Gy: Andel skolor där andelen avgångselever med gymnasieexamen uppgår till minst 90 procent",
        "Gr: Andel legitimerade lärare (behörig i minst ett undervisningsämne)",
        "Gy: Andel legitimerade lärare (behörig i minst ett undervisningsämne)"}
    assert _value(values, "Gy: Andel skolor där andelen avgångselever med gymnasieexamen uppgår till minst 90 procent",
                  2017, "outcome").assessment == "not_met"       # 67 against 77
    assert _value(values, "Gr: Meritvärde åk 9", 2017, "outcome").assessment == ""


@pytest.mark.parametrize("name", [STYRKORT_2017, STYRKORT_2019])
def test_styrkort_cells_match_the_hand_read_document(cards, name):
    """Every figure of every row (columns of the hand-read truth) is in the long form, with its focus area."""
    _, values = cards[name]
    expected = json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    wrong_focus = []
    n_rows = 0
    for table in expected["tables"]:
        for row in table["rows"]:
            if row["kind"] != "row":
                continue
            n_rows += 1
            label = row.get("indicator") or row["label"]
            mine = values[values.indicator == label]
            assert len(mine), label
            for col, value in zip(table["columns"], row["values"]):
                if value is None:
                    continue
                got = mine[(mine.year == col["year"]) & (mine.measure == col["measure"])]
                assert list(got.value) == [pytest.approx(value)], (label, col)
            if set(mine.goal) != {row["focus_area"]}:
                wrong_focus.append(label)
    assert n_rows == (57 if name == STYRKORT_2017 else 59)
    assert wrong_focus == []


def test_styrkort_2017_focus_name_at_the_top_of_a_tall_cell(cards):
    """P. 2: "Våra förskolor och skolor är attraktiva …" is written at the top of its cell, beside
    Svarsfrekvens, Ledarskapsindex and Korttidssjukfrånvaro and the empty space below them (read on
    the page image); the name's centre falls below Ledarskapsindex, its first line beside Svarsfrekvens."""
    _, values = cards[STYRKORT_2017]
    staff = ("Våra förskolor och skolor är attraktiva arbetsplatser med professionella medarbetare som "
             "driver utveckling")
    quality = "Våra förskolor och skolor håller hög kvalitet"
    survey = _value(values, "Svarsfrekvens på medarbetarundersökning", 2017, "outcome")
    assert (survey.goal, survey.value, survey.page) == (staff, 90, 2)
    assert _value(values, "Korttidssjukfrånvaro (%)", 2017, "target").goal == staff
    assert _value(values, "Gy: Andel elever som rekommenderar sin skola till kompisar (år 2)", 2017,
                  "outcome").goal == quality


def test_styrkort_2019_marks_and_missing_outcomes(cards):
    _, values = cards[STYRKORT_2019]
    # the trailing source tag "UBN" is no part of the indicator's name
    meritvarde = values[values.indicator == "Gr: Meritvärde åk 9"]
    assert set(meritvarde.goal) == {"Våra barn och elever utvecklas maximalt"}
    assert _value(values, "Gr: Meritvärde åk 9", 2019, "outcome").value == 264
    assert _value(values, "Gy: Total frånvaro (%)", 2019, "outcome").text == "*"
    assert _value(values, "Gy: Total frånvaro (%)", 2019, "outcome").unit == "%"
    assert _value(values, "Avvikelse mot budget", 2019, "outcome").value == 10.4
    assert _value(values, "Avvikelse mot budget", 2019, "outcome").assessment == "met"   # "0 eller bättre"
    assert values[(values.year == 2020) & (values.measure == "outcome")].empty            # printed, empty


def test_styrkort_goals_and_focus_areas(cards):
    goals, _ = cards[STYRKORT_2017]
    assert list(goals[goals.level == "goal"].title) == [
        "Bästa utveckling för alla", "Attraktiva livsmiljöer i hela Nacka", "Stark och balanserad tillväxt",
        "Maximalt värde för skattepengarna"]
    sub = goals[goals.level == "subgoal"]
    assert len(sub) == 11
    assert sub.iloc[0].title == "Alla barn och elever utvecklas maximalt" and sub.iloc[0].parent_id == "S1"
    assert set(goals.status) == {"unknown"}               # a scorecard states no fulfilment in words


def test_cell_words_and_direction():
    assert split_cell("93,7") == (93.7, "", "")
    assert split_cell("Topp 10") == (None, "Topp 10", "")
    assert split_cell("0 eller bättre") == (0.0, "0 eller bättre", "")
    assert direction("Minst 4.0 (bra)") == "higher"
    assert direction("Minska sjukfrånvaron") == "lower"
    assert direction("Meritvärde åk 9") is None


# --------------------------------------------------------------------------- 2020 template, any board

def test_renamed_board_still_reads_the_goal_table():
    warnings = []
    frame = read_goals(modified(("Kommunstyrelsen mål 2020-2022", "Tekniska nämndens mål 2020-2022")),
                       year=2020, warnings=warnings)
    board = frame[frame.level == "goal"]
    assert list(board.goal_id) == ["1", "2", "3", "4"]
    assert list(board.line) == [250, 257, 264, 271]       # from the table, not only the headings
    assert warnings == []


def test_goal_table_missing_with_goal_vocabulary_warns():
    warnings = []
    read_goals(modified(("Kommunstyrelsen mål 2020-2022", "Annat")), year=2020, warnings=warnings)
    assert [w.code for w in warnings] == ["goal-table-missing"]


def test_2020_goals_have_pages_and_no_extra_rows():
    from goal_templates import REPORT
    frame = read_goals(read_source(REPORT), year=2020, warnings=[])
    assert set(frame.level) == {"goal", "subgoal"} and len(frame) == 22
    assert frame.page.notna().sum() == (frame.line.map(
        {ln.number: ln.page for ln in read_source(REPORT).lines}).notna()).sum()


def test_2020_quality_indicators_in_long_form():
    values = read_indicator_values(real_source(), year=2020)
    sn = values[(values.indicator == "Företagsklimat SN") & (values.line == values[
        values.indicator == "Företagsklimat SN"].line.min())]
    by = {m: r for m, r in zip(sn.measure, sn.itertuples())}
    assert by["baseline"].value == 4.09 and by["baseline"].year == 2019
    assert by["target"].value == 4.0 and by["target"].text == "Minst 4.0 (bra)"
    assert by["outcome"].value == 3.85 and by["outcome"].year == 2020
    assert by["county"].value == 3.75
    assert by["outcome"].assessment == "not_met"          # "Minst 4.0": 3,85 is below
    youth = values[(values.indicator == "Ungdomsarbetslöshet") & (values.measure == "outcome")].iloc[0]
    assert youth.value == 5.4 and youth.assessment == ""  # no direction stated
    assert set(values.goal) <= {"1", "2", "3", "4"}


# --------------------------------------------------------------------------- goals as bullet lists

SR = "goteborg_stadsrevisionen_arsredogorelse_{}.pdf"


@pytest.fixture(scope="module")
def stadsrevisionen():
    out = {}
    for year in (2022, 2023):
        warnings = []
        out[year] = read_goals(read_source(CORPUS / SR.format(year)), year=year, warnings=warnings), warnings
    return out


def test_stadsrevisionen_2023_goals_and_assignments_from_bullet_lists(stadsrevisionen):
    """Årsrapport 2023 (PDF pp. 33–34): "1.3 Revisorernas egna mål" lists three goals for 2023–2025,
    "1.4 Kommunfullmäktiges mål" four of the council's goals and assignments; the follow-up under
    "1.3.1/1.4.1 Uppföljning" is prose without a status in words, so every status is unknown."""
    frame, warnings = stadsrevisionen[2023]
    rows = [(r.goal_id, r.level, r.title, r.horizon, r.page) for r in frame.itertuples()]
    assert rows == [
        ("1.3/1", "goal", "Stadsrevisionen ska vara oberoende, publik och tydlig.", "2023-2025", 33),
        ("1.3/2", "goal", "Stadsrevisionen ska ha hög trovärdighet och skapa högt förtroende för revisionens "
                          "iakttagelser.", "2023-2025", 33),
        ("1.3/3", "goal", "Stadsrevisionen ska arbeta stödjande genom att i sin granskning bidra till en "
                          "ändamålsenlig verksamheten.", "2023-2025", 33),
        ("1.3/4", "subgoal", "Mer än hälften av stadsrevisionens yrkesrevisorer ska vara certifierade", "", 33),
        ("1.4/1", "goal", "Arbetsmiljön och arbetsvillkoren för Göteborgs Stads anställda ska förbättras. "
                          "Sjukfrånvaron ska minska och den arbetsrelaterade ohälsan med sjukskrivningar ska "
                          "förebyggas.", "2023", 34),
        ("1.4/2", "assignment", "Alla nämnder och styrelser får i uppdrag att arbeta för att andelen arbetade "
                                "timmar som utförs av timanställda inte överstiger fem procent.", "2023", 34),
        ("1.4/3", "assignment", "Samtliga nämnder och styrelser får i uppdrag att stärka de organisatoriska "
                                "förutsättningarna för första linjens chefer och genomföra utbildningar om "
                                "tillitsbaserat ledarskap.", "2023", 34),
        ("1.4/4", "goal", "Verksamheterna ska vara återhållsamma när det gäller tillväxten av det administrativa "
                          "och kommunikativa arbetet.", "2023", 34),
    ]
    # "Samtliga chefer har under 2023 genomgått de utbildningar …" describes work: no status in words
    assert set(frame.status) == {"unknown"} and set(frame.basis) == {"none"}
    # the legal assignment's bullets ("… kan bedöma att:") under "1.2 Det lagstadgade uppdraget" are no goals
    assert not frame.title.str.contains("ändamålsenlig och ekonomiskt tillfredsställande").any()
    assert warnings == []


def test_stadsrevisionen_2022_list_across_a_page_break(stadsrevisionen):
    """Årsrapport 2022 (PDF pp. 38–39): the introduction of "1.3 Kommunfullmäktiges mål" runs over the
    page footer ("Stadsrevisionen 4 (13)", "2023-03-14"); three goals and one assignment follow."""
    frame, warnings = stadsrevisionen[2022]
    assert list(frame.goal_id) == ["1.2/1", "1.2/2", "1.2/3", "1.2/4", "1.3/1", "1.3/2", "1.3/3", "1.3/4"]
    assert list(frame.level) == ["goal"] * 3 + ["subgoal"] + ["goal"] * 3 + ["assignment"]
    assert frame.title[2] == ("Stadsrevisionen ska arbeta stödjande genom att i sin granskning bidra till "
                              "förbättringar i verksamheten.")
    assert frame.title[4] == ("Göteborg präglas av en god samverkan mellan stad, akademi, civilsamhälle "
                              "och näringsliv")
    assert frame.title[7] == ("Samtliga nämnder och styrelser får i uppdrag att bedriva ett digitalt "
                              "effektiviseringsarbete under hela planperioden.")
    assert list(frame.horizon) == ["2022-2024"] * 3 + [""] + ["2022"] * 4
    assert list(frame.page) == [38, 38, 38, 38, 39, 39, 39, 39]
    assert set(frame.status) == {"unknown"}
    assert warnings == []


@pytest.mark.parametrize("year, line", [(2017, 52), (2019, 54)])
def test_nacka_arsbokslut_labelled_goal_lists(year, line):
    """P. 2: "Övergripande mål ”Bäst utveckling för alla”:" then the focus areas as bullets."""
    frame = read_goals(read_source(CORPUS / f"nacka_valfard-skola_arsbokslut_{year}.pdf"), year=year, warnings=[])
    goals = frame[frame.level == "goal"]
    assert list(goals.title) == ["Bäst utveckling för alla", "Attraktiva livsmiljöer i hela Nacka",
                                 "Stark och balanserad tillväxt", "Maximalt värde för skattepengarna"]
    assert goals.line.iloc[0] == line
    sub = frame[frame.level == "subgoal"]
    assert list(sub.parent_id) == ["L1", "L2", "L2", "L3", "L4"]
    assert sub.title.iloc[2] == ("Våra förskolor och skolor är attraktiva arbetsplatser med professionella "
                                 "medarbetare som driver utveckling")
    assert sub.title.iloc[4] == ("Våra förskolor och skolor har en väl fungerande ekonomistyrning som bygger på "
                                 "medvetet och effektivt resursutnyttjande")
    assert set(frame.status) == {"unknown"} and set(frame.page) == {2}
