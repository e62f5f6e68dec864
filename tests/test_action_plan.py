"""The labour-market action plan: the interleaved three-column text split into its cells."""
import textwrap

from goal_templates import real_source, source_from_text
from kslib.parse.records.action_plan import COLUMNS, read_action_plan


def test_real_plan_item_by_item():
    warnings = []
    frame = read_action_plan(real_source(), year=2020, warnings=warnings)
    assert list(frame.columns) == COLUMNS
    assert list(frame.item) == list(range(1, 9))
    assert list(frame.line) == [709, 739, 789, 818, 866, 926, 967, 1029]
    d, c, f = frame.decision, frame.clarification, frame.follow_up
    assert d[0] == "De kommunala förvaltningarna ska ta ett större ansvar för att ta emot praktikanter."
    assert d[1] == "Öka antalet arbetsmarknadsanställningar i form av s.k. välfärdsanställningar."
    assert c[1].startswith("Utökat antal välfärdsanställningar") and c[1].endswith("samt har arbetsmiljöansvar.")
    assert f[1].startswith("6 tillsatta efter sommaren.") and f[1].endswith("arbetsställen vilket nu saknas.")
    assert f[2] == "Arbetet ej påbörjat."
    assert c[2].endswith("personalenheten och fackliga parter.")
    assert d[3].endswith("samverkan mellan Arbetsmarknadsenheten och vuxenskolan.")
    assert f[4].startswith("Förslag har tagits fram") and f[4].endswith("LÖK arbetet med AF")
    assert c[5].endswith("underlag som för individen i")          # the cell is cut off in the PDF
    assert f[5].startswith("Upphandling av leverantörer har gjorts.")
    assert d[6].endswith("med Arbetsförmedling och Regionen.")
    assert c[6].endswith("separat för samtal med kommunledningen.")
    assert f[6].startswith("Dialog och möte har skett")
    assert d[7].endswith("kring praktikplatser och företagsförlagt lärande.")
    assert c[7].startswith("De kompetens- och utbildningsinsatser")
    assert f[7].startswith("Dialogmöten mellan näringsliv/utbildning/skola")
    # status: only item 3 says plainly that nothing was done; the rest is unknown (the report counts the plan)
    assert list(frame.status) == ["unknown", "unknown", "not_met"] + ["unknown"] * 5
    # items 1 and 4: the clarification/follow-up boundary is not decided by the layout, said so
    assert [(w.code, w.row) for w in warnings] == [("ambiguous-cell-boundary", "1"), ("ambiguous-cell-boundary", "4")]
    assert "731" in warnings[0].message


def _template(items):
    """A plan laid out like a text layer: each item's three cells wrapped at 28, 42 and 55 characters."""
    out = ["Uppföljning handlingsplan arbetsmarknadsinsatser beslutad mars 2021", "", "2021 BESLUT ENLIGT",
           "HANDLINGSPLANEN", "FÖRTYDLIGANDE TILL BESLUT  UPPFÖLJNING 2021", ""]
    for n, (decision, clarification, follow_up) in enumerate(items, start=1):
        lines = textwrap.wrap(f"{n} {decision}", 28) + textwrap.wrap(clarification, 42) + textwrap.wrap(follow_up, 55)
        out.extend(line for ln in lines for line in (ln, ""))
    out.append("Kommentar till uppföljningen")
    return source_from_text("\n".join(out))


ITEMS = [
    ("Kommunen ska erbjuda fler platser för sommarjobb åt unga.",
     "Sommarjobb ger unga en första erfarenhet av arbete. Förvaltningarna tar emot fler ungdomar än tidigare år "
     "och bolagen deltar.",
     "Fyrtio platser erbjöds under sommaren. Arbetet fortsätter nästa år med fler bolag och föreningar."),
    ("Starta en språkkurs med yrkesinriktning.",
     "Kursen riktar sig till nyanlända. Den ges i samverkan med vuxenutbildningen.",
     "Arbetet ej påbörjat."),
    ("Se över rutinerna för uppföljning av insatser inom arbetsmarknadsenheten.",
     "En enkel modell för uppföljning tas fram som gäller alla insatser.",
     "Modellen är framtagen och används sedan hösten. Resultaten redovisas i bokslutet."),
]


def test_modified_template_split_by_layout():
    warnings = []
    frame = read_action_plan(_template(ITEMS), year=2021, warnings=warnings)
    assert list(frame.item) == [1, 2, 3]
    for row, (decision, clarification, follow_up) in zip(frame.itertuples(), ITEMS):
        assert (row.decision, row.clarification, row.follow_up) == (decision, clarification, follow_up)
    assert list(frame.status) == ["unknown", "not_met", "unknown"]
    assert warnings == []


def test_missing_plan_warns():
    warnings = []
    frame = read_action_plan(source_from_text("Något helt annat\n"), warnings=warnings)
    assert frame.empty and [w.code for w in warnings] == ["table-missing"]


# --------------------------------------------------------------------------- plans in other words

PLAN = (
    "4.2       Handlingsplan för ökad närvaro\n"
    "          Åtgärd                          Ansvarig       Status            Kommentar\n"
    "          Kartlägga frånvaron per         Rektor         Genomförd         Kartläggningen\n"
    "          skola och årskurs                                                redovisades i maj.\n"
    "          Införa digital                  IT-chef        Pågår             Upphandling klar.\n"
    "          frånvaroanmälan\n"
    "          Utbilda mentorer                Rektor         Ej påbörjad       Flyttas till hösten.\n"
    "          Följa upp elever med            Elevhälsan                       Arbetet har gått\n"
    "          hög frånvaro                                                     mycket bra.\n"
    "          Samverka med                    Rektor         ✓                 Möten varje månad.\n"
    "          socialtjänsten\n"
    "          Status: ✓ Genomförd  ✗ Ej genomförd\n"
    "4.3       Ekonomi\n"
)


def test_plan_in_other_words_read_by_columns():
    warnings = []
    frame = read_action_plan(source_from_text(PLAN), warnings=warnings)
    assert list(frame.columns) == COLUMNS
    assert list(frame.item) == [1, 2, 3, 4, 5]
    assert list(frame.decision) == ["Kartlägga frånvaron per skola och årskurs", "Införa digital frånvaroanmälan",
                                    "Utbilda mentorer", "Följa upp elever med hög frånvaro",
                                    "Samverka med socialtjänsten"]
    assert frame.follow_up[0] == "Kartläggningen redovisades i maj."
    assert list(frame.status) == ["done", "ongoing", "not_met", "unknown", "done"]
    assert list(frame.basis) == ["text", "text", "text", "none", "symbol"]
    assert list(frame.line) == [3, 5, 7, 8, 10]
    assert warnings == []


def test_plan_comment_tone_is_no_status():
    """Item 4 has an empty Status cell; "Arbetet har gått mycket bra" in the comment says nothing of it."""
    frame = read_action_plan(source_from_text(PLAN), warnings=[])
    assert frame.follow_up[3] == "Arbetet har gått mycket bra."
    assert (frame.status[3], frame.basis[3], frame.comment[3]) == ("unknown", "none", "")


def test_plan_symbol_without_a_key_is_unknown():
    text = PLAN.replace("          Status: ✓ Genomförd  ✗ Ej genomförd\n", "")
    frame = read_action_plan(source_from_text(text), warnings=[])
    assert frame.status[4] == "unknown" and frame.status[0] == "done"
