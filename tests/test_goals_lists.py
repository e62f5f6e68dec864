"""Goals stated as bullet lists (synthetic text layers in the shape ``pdftotext -layout`` gives)."""
from __future__ import annotations

from goal_templates import source_from_text
from kslib.parse.records.goals import read_goals

SECTION = (
    "2         Mål och inriktning\n"
    "2.1       Nämndens mål\n"
    "          Nämnden har beslutat om följande mål för perioden 2024-2026:\n"
    "             •   Invånarna ska få svar inom två dagar. (Uppfyllt)\n"
    "             •   Sjukfrånvaron ska minska till under sex procent\n"
    "                 bland alla anställda – Delvis uppfyllt\n"
    "             •   Alla chefer ska ha genomgått\n"
    "                 ledarskapsutbildning.\n"
    "                 Bedömning: Ej uppfyllt\n"
    "             •   Nämnden får i uppdrag att införa e-arkiv.\n"
    "                 Avslutad\n"
    "             •   Kostnaderna ska hållas inom budget.\n"
    "          Arbetet med kostnaderna har gått mycket bra och målet känns nära.\n"
    "2.2       Ekonomi\n"
)


def test_bullet_goals_with_statuses_in_words():
    frame = read_goals(source_from_text(SECTION), year=2024, warnings=[]).set_index("goal_id")
    assert list(frame.index) == ["2.1/1", "2.1/2", "2.1/3", "2.1/4", "2.1/5"]
    assert list(frame.level) == ["goal", "goal", "goal", "assignment", "goal"]
    assert frame.loc["2.1/1", "title"] == "Invånarna ska få svar inom två dagar."
    assert frame.loc["2.1/2", "title"] == "Sjukfrånvaron ska minska till under sex procent bland alla anställda"
    assert frame.loc["2.1/3", "title"] == "Alla chefer ska ha genomgått ledarskapsutbildning."
    assert list(frame.status) == ["met", "partly_met", "not_met", "done", "unknown"]
    assert list(frame.basis) == ["text", "text", "text", "text", "none"]
    assert frame.loc["2.1/3", "comment"] == "Bedömning: Ej uppfyllt"
    assert frame.loc["2.1/3", "status_line"] == 9
    assert set(frame.horizon) == {"2024-2026"}


def test_tone_after_the_list_is_no_status():
    """"har gått mycket bra och målet känns nära" is tone: the last goal stays unknown."""
    frame = read_goals(source_from_text(SECTION), warnings=[]).set_index("goal_id")
    assert (frame.loc["2.1/5", "status"], frame.loc["2.1/5", "basis"]) == ("unknown", "none")


def test_a_list_not_introduced_as_goals_is_not_read():
    text = ("3         Verksamhetens mål\n"
            "          Under året har nämnden arbetat med:\n"
            "             •   Nya lokaler för förskolan. Uppfyllt\n"
            "             •   Rekrytering av lärare\n")
    frame = read_goals(source_from_text(text), warnings=[])
    assert frame.empty


def test_a_goal_statement_not_in_a_goal_section_is_not_read():
    text = ("4         Personal\n"
            "          Ett av våra delmål är att alla ska ha en utvecklingsplan.\n"
            "          Nämnden har följande mål:\n"
            "             •   Låg personalomsättning\n")
    assert read_goals(source_from_text(text), warnings=[]).empty


def test_labelled_goal_with_focus_areas():
    text = ("Övergripande mål ”Trygg uppväxt”:\n"
            "   •   Alla barn går i förskola\n"
            "   •   Skolan är trygg för alla\n"
            "       elever (Delvis uppfyllt)\n"
            "Fokusområde:\n"
            "   •   Alla barn går i förskola\n")
    frame = read_goals(source_from_text(text), warnings=[])
    assert list(frame.goal_id) == ["L1", "L1.1", "L1.2"]
    assert list(frame.title) == ["Trygg uppväxt", "Alla barn går i förskola", "Skolan är trygg för alla elever"]
    assert list(frame.status) == ["unknown", "unknown", "partly_met"]
    assert list(frame.parent_id) == ["", "L1", "L1"]


# --------------------------------------------------------------------------- statuses shown as symbols

SYMBOL_GOALS = (
    "{legend}\n"
    "5         Nämndens mål\n"
    "5.1       Nöjda invånare 🟢\n"
    "          Invånarna är nöjda med servicen.\n"
    "5.2       Låg sjukfrånvaro\n"
    "          Bedömning: 🟡\n"
    "5.3       Hållbar ekonomi\n"
    "          ●\n"
    "5.4       Trygga skolor (grön)\n"
)


def _symbol_goals(legend: str):
    frame = read_goals(source_from_text(SYMBOL_GOALS.format(legend=legend)), warnings=[])
    return frame.set_index("goal_id")


def test_symbols_mapped_by_the_reports_key():
    frame = _symbol_goals("Måluppfyllelse: 🟢 Uppfyllt  🟡 Delvis uppfyllt  🔴 Ej uppfyllt")
    assert list(frame.index) == ["5.1", "5.2", "5.3", "5.4"]
    assert frame.loc["5.1", "title"] == "Nöjda invånare"
    assert list(frame.status) == ["met", "partly_met", "unknown", "unknown"]   # "●" and "(grön)": not in the key
    assert list(frame.basis) == ["symbol", "symbol", "none", "none"]
    assert frame.loc["5.2", "comment"] == "Bedömning: 🟡"
    assert frame.loc["5.4", "title"] == "Trygga skolor (grön)"                 # unexplained: kept as printed


def test_colour_words_by_a_key_in_words():
    frame = _symbol_goals("Grön = Uppfyllt, Gul = Delvis uppfyllt, Röd = Ej uppfyllt")
    assert (frame.loc["5.4", "status"], frame.loc["5.4", "title"]) == ("met", "Trygga skolor")
    assert frame.loc["5.1", "status"] == "unknown"                 # "🟢" is not what this key explains


def test_symbols_without_a_key_or_with_colourless_key_stay_unknown():
    for legend in ("Uppföljning av nämndens mål", "● Uppfyllt ● Delvis uppfyllt ● Ej uppfyllt"):
        frame = _symbol_goals(legend)
        assert set(frame.status) == {"unknown"}, legend
        assert frame.loc["5.1", "title"] == "Nöjda invånare 🟢", legend


ASSIGNMENTS = (
    "{legend}\n"
    "6.1       Redovisning av uppdrag\n"
    "            Uppdrag från KF/KS                         Uppdragets status och kommentar\n"
    "            Nämnden får i uppdrag att se över          ✓ Rapport lämnad i mars.\n"
    "            lokalerna.\n"
    "            Uppdragsår\n"
    "            2024\n"
    "            Nämnden får i uppdrag att införa           ✗ Upphandlingen överklagades.\n"
    "            e-tjänster.\n"
    "            Uppdragsår\n"
    "            2025\n"
)


def test_assignment_symbols_by_the_key_only():
    keyed = read_goals(source_from_text(ASSIGNMENTS.format(legend="✓ Avslutad  ✗ Pågår")), warnings=[])
    assert list(keyed.status) == ["done", "ongoing"] and list(keyed.basis) == ["symbol", "symbol"]
    assert keyed.comment.iloc[0] == "✓: Rapport lämnad i mars."
    bare = read_goals(source_from_text(ASSIGNMENTS.format(legend="Uppdrag 2024")), warnings=[])
    assert list(bare.status) == ["unknown", "unknown"] and list(bare.basis) == ["none", "none"]
