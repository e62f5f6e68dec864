"""Follow-up of internal control: the real table checked item by item, and a modified copy."""
from goal_templates import modified, real_source
from kslib.parse.records.internal_control import COLUMNS, read_internal_control


def test_real_items():
    warnings = []
    frame = read_internal_control(real_source(), year=2020, warnings=warnings)
    assert list(frame.columns) == COLUMNS
    got = [(r.item, r.owner, r.grade, r.assessment, r.line) for r in frame.itertuples()]
    assert got == [
        (1, "Kanslichef", "C", "Kvarstår till nästa år", 1636),
        (2, "Kanslichef", "A", "Godkänd, avslutas", 1638),
        (3, "Kanslichef", "C", "Kvarstår till nästa år", 1644),
        (4, "Arbetsmarknads-enhetschef", "A", "Godkänd, avslutas", 1646),
        (5, "Ekonomichef", "C", "Kvarstår till nästa år", 1658),
        (6, "IT-chef", "C", "Kvarstår till nästa år", 1660),
        (7, "Personalchef", "C", "Kvarstår till nästa år", 1662),
    ]
    assert frame.process[1] == "Rutin för hantering av avtal, bevakning av förnyelse/avslut av avtal."
    assert frame.process[3] == ("Skapande av rutin kring intern och extern fakturering. Arbetsledare daterar, "
                                "numrerar, och ID-sätter fakturaunderlaget. (AME)")
    assert frame.process[0] == "Hantering av personuppgifter"
    # comments are numbered 1, 1, 2, ..., 8 for items 1..7: attached by printed number, with warnings
    assert frame.comment[0].startswith("Mätetal 2020 består av") and "individperspektiv" in frame.comment[0]
    assert frame.comment[1] == "Arkivering av avtal görs enligt rutin."
    assert frame.comment_line[1] == 1678
    assert [w.code for w in warnings] == ["comment-numbering", "comment-unplaced"]


def test_modified_template_other_grades_and_an_added_item():
    source = modified(
        ("1 Hantering av personuppgifter Kanslichef C. Kvarstår till nästa år",
         "1 Hantering av personuppgifter och arkiv Kanslichef B. Delvis godkänd"),
        ("7 Årlig arbetsmiljökontroll enligt rutin Personalchef C. Kvarstår till nästa år",
         "7 Årlig arbetsmiljökontroll enligt rutin Personalchef A. Godkänd, avslutas \n\n"
         "8 Kontroll av attester i \n\nsystemet \n\nEkonomichef \n\nD. Ej godkänd"),
        ("\n1. Dagens mätning", "\n9. Dagens mätning"),
    )
    warnings = []
    frame = read_internal_control(source, year=2020, warnings=warnings).set_index("item")
    assert list(frame.index) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert (frame.loc[1, "process"], frame.loc[1, "grade"], frame.loc[1, "assessment"]) == \
        ("Hantering av personuppgifter och arkiv", "B", "Delvis godkänd")
    assert (frame.loc[7, "grade"], frame.loc[7, "assessment"]) == ("A", "Godkänd, avslutas")
    assert (frame.loc[8, "process"], frame.loc[8, "owner"], frame.loc[8, "grade"], frame.loc[8, "assessment"]) == \
        ("Kontroll av attester i systemet", "Ekonomichef", "D", "Ej godkänd")
    assert frame.loc[8, "comment"].startswith("På grund av en systemuppdatering")
    assert frame.loc[1, "comment"].startswith("Mätetal")


def test_missing_section_warns():
    warnings = []
    frame = read_internal_control(modified(("Uppföljning av internkontroll", "Något annat")), warnings=warnings)
    assert frame.empty and [w.code for w in warnings] == ["table-missing"]


def test_internal_control_under_other_words():
    """"Intern kontroll" with a "Kontrollmoment … Status" header: found; no grade is invented."""
    from goal_templates import source_from_text
    text = ("Intern kontroll\n"
            "Nr Kontrollmoment Ansvarig Status\n"
            "1 Attestrutiner följs Ekonomichef A. Godkänd, avslutas\n"
            "2 Avtalstrohet vid inköp Inköpschef\n"
            "Kommentar till uppföljningen av intern kontroll\n")
    warnings = []
    frame = read_internal_control(source_from_text(text), warnings=warnings)
    assert list(frame["item"]) == [1, 2]
    assert frame.iloc[0]["grade"] == "A" and frame.iloc[0]["owner"] == "Ekonomichef"
    assert frame.iloc[1]["grade"] == "" and frame.iloc[1]["assessment"] == ""
    assert [w.code for w in warnings] == ["grade-missing"]


# --------------------------------------------------------------------------- column tables in other words

COLUMN_TABLE = (
    "3.4       Intern kontroll 2024\n"
    "          Kontrollmoment                  Ansvarig        Status              Kommentar\n"
    "          Attestering av leverantörs-     Ekonomichef     Godkänd             Stickprov på 40\n"
    "          fakturor                                                            fakturor.\n"
    "          Avtalstrohet vid inköp          Inköpschef      Ej genomförd        Flyttas till 2025.\n"
    "          Behörigheter i                  IT-chef         Delvis godkänd.     Två konton\n"
    "          ekonomisystemet                                 Två avvikelser      saknade beslut.\n"
    "          Hantering av                    Kanslichef                          Inga avvikelser.\n"
    "          allmänna handlingar                                                 Arbetet har gått bra.\n"
    "          Registrering av bisysslor       HR-chef         Se kommentar        Inga brister hittades.\n"
    "3.5       Ekonomi\n"
)


def test_control_table_in_other_words_read_by_columns():
    from goal_templates import source_from_text
    warnings = []
    frame = read_internal_control(source_from_text(COLUMN_TABLE), warnings=warnings)
    assert list(frame.columns) == COLUMNS
    assert list(frame["item"]) == [1, 2, 3, 4, 5]
    assert list(frame.process) == ["Attestering av leverantörs-fakturor", "Avtalstrohet vid inköp",
                                   "Behörigheter i ekonomisystemet", "Hantering av allmänna handlingar",
                                   "Registrering av bisysslor"]
    assert list(frame.owner) == ["Ekonomichef", "Inköpschef", "IT-chef", "Kanslichef", "HR-chef"]
    assert frame.assessment[2] == "Delvis godkänd. Två avvikelser"
    assert frame.comment[0] == "Stickprov på 40 fakturor."
    assert list(frame.status) == ["met", "not_met", "partly_met", "unknown", "unknown"]
    assert list(frame.basis) == ["text", "text", "text", "none", "none"]
    assert list(frame.line) == [3, 5, 6, 8, 10]
    assert warnings == []


def test_comment_words_never_give_a_status():
    """"Inga avvikelser." and "Inga brister hittades." stand in the comment column, not the status column."""
    from goal_templates import source_from_text
    frame = read_internal_control(source_from_text(COLUMN_TABLE), warnings=[]).set_index("process")
    assert frame.loc["Hantering av allmänna handlingar", "comment"] == "Inga avvikelser. Arbetet har gått bra."
    assert frame.loc["Hantering av allmänna handlingar", "status"] == "unknown"
    assert frame.loc["Registrering av bisysslor", "status"] == "unknown"       # "Se kommentar" is no status


SYMBOL_TABLE = (
    "Internkontrollplan\n"
    "{legend}\n"
    "    Kontroll                 Ansvarig       Status\n"
    "    Attester                 Ekonomichef    🟢\n"
    "    Lönerutiner              HR-chef        🔴\n"
    "    Arkivering               Kanslichef     ●\n"
    "Kommentar till uppföljningen av intern kontroll\n"
)


def test_symbols_mapped_by_the_reports_key():
    from goal_templates import source_from_text
    text = SYMBOL_TABLE.format(legend="Teckenförklaring: 🟢 Genomförd  🟡 Delvis genomförd  🔴 Ej genomförd")
    frame = read_internal_control(source_from_text(text), warnings=[])
    assert list(frame.process) == ["Attester", "Lönerutiner", "Arkivering"]
    assert list(frame.status) == ["done", "not_met", "unknown"]          # "●" is not in the key
    assert list(frame.basis) == ["symbol", "symbol", "none"]


def test_symbols_without_a_key_or_with_a_colourless_key_are_unknown():
    from goal_templates import source_from_text
    for legend in ("Status per kontroll", "● Uppfyllt ● Delvis uppfyllt ● Ej uppfyllt"):
        frame = read_internal_control(source_from_text(SYMBOL_TABLE.format(legend=legend)), warnings=[])
        assert list(frame.process) == ["Attester", "Lönerutiner", "Arkivering"], legend
        assert set(frame.status) == {"unknown"}, legend


def test_real_items_status_only_from_the_grade_words():
    frame = read_internal_control(real_source(), year=2020, warnings=[])
    # "A. Godkänd, avslutas" states approval; "C. Kvarstår till nästa år" states no fulfilment
    assert list(frame.status) == ["unknown", "met", "unknown", "met", "unknown", "unknown", "unknown"]
