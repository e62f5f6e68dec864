"""Goal statuses from a PDF's coloured symbols (kslib.parse.records.symbol_status): a symbol in a goal's status
cell, beside its heading or after "Bedömning:", takes the status the report's own legend gives its colour
(basis ``symbol``, the legend's page cited); without a legend only the colour is kept; a status stated in words
wins and a legend that says otherwise is a warning.  Small PDFs drawn with reportlab, read as kslib reads
any report; the goal page and the audit use what is read."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from kslib.audit.goals import check_goal_counts
from kslib.parse.records.counts import read_goal_counts
from kslib.parse.records.goals import read_goals
from kslib.parse.records.recovery import recover_statuses
from kslib.read.pdf import BACKENDS, read_pdf_pages, source_from_pages
from kslib.read.source import Line, Word
from kslib.read.symbols import Symbol
from pdf_factory import FONT

HEIGHT = A4[1]
GREEN, YELLOW, RED = "#00A000", "#FFC000", "#C00000"
COL_GOAL, COL_STATUS, COL_COMMENT = 56.0, 300.0, 380.0


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


class Pdf:
    """Pages drawn with reportlab; ``y`` is a text's baseline, points from the page's top."""

    def __init__(self) -> None:
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, invariant=1)
        self.c.setFont(FONT, 10)

    def text(self, x: float, y: float, text: str, colour: str = "#000000") -> float:
        self.c.setFillColorRGB(*_rgb(colour))
        self.c.setFont(FONT, 10)
        self.c.drawString(x, HEIGHT - y, text)
        self.c.setFillColorRGB(0, 0, 0)
        return x + pdfmetrics.stringWidth(text, FONT, 10)

    def disc(self, x: float, y: float, colour: str) -> None:
        """A filled circle of radius 4 centred on the line whose baseline is ``y``."""
        self.c.setFillColorRGB(*_rgb(colour))
        self.c.circle(x, HEIGHT - y + 3.5, 4, stroke=0, fill=1)
        self.c.setFillColorRGB(0, 0, 0)

    def legend(self, y: float) -> None:
        x = self.text(COL_GOAL, y, "Teckenförklaring:") + 14
        for colour, words in ((GREEN, "Uppfyllt"), (YELLOW, "Delvis uppfyllt"), (RED, "Ej uppfyllt")):
            self.disc(x, y, colour)
            x = self.text(x + 8, y, words) + 16

    def page(self) -> None:
        self.c.showPage()

    def source(self, backend: str = "pypdfium2"):
        self.c.save()
        data = self.buf.getvalue()
        return source_from_pages(read_pdf_pages(data, name="mal.pdf", backend=backend), name="mal.pdf", data=data)


# --------------------------------------------------------------------------- a goal table with symbols

ROWS = [  # title, status words, symbol colour ("●": a black glyph), comment
    ("1. Fler besök i biblioteken", "", GREEN, "Besöken ökade med tolv procent."),
    ("2. Ökad föreningsaktivitet", "", YELLOW, "Två nya föreningar bildades."),
    ("3. Minskad energiförbrukning", "", RED, "Elpriset steg under hösten."),
    ("4. Nöjda besökare", "Uppfyllt", GREEN, "Enkäten visar högre betyg."),
    ("5. Budget i balans", "Ej uppfyllt", GREEN, "Underskott i fritidsgårdarna."),
    ("6. Trygga mötesplatser", "", "●", "Arbetet fortsätter."),
]


def goal_table_pdf(*, with_legend: bool) -> Pdf:
    pdf = Pdf()
    pdf.text(COL_GOAL, 60, "Verksamhetsberättelse 2024")
    pdf.text(COL_GOAL, 80, "Kultur- och fritidsnämnden")
    pdf.text(COL_GOAL, 110, "Måluppfyllelse")
    pdf.text(COL_GOAL, 130, "Två av målen uppfylls, ett uppfylls delvis och två uppfylls ej.")
    y = 160.0
    for x, word in ((COL_GOAL, "Mål"), (COL_STATUS, "Status"), (COL_COMMENT, "Kommentar")):
        pdf.text(x, y, word)
    for title, words, colour, comment in ROWS:
        y += 18
        pdf.text(COL_GOAL, y, title)
        if colour == "●":
            pdf.text(COL_STATUS, y, "●")
        else:
            pdf.disc(COL_STATUS + 5, y, colour)
        if words:
            pdf.text(COL_STATUS + 14, y, words)
        pdf.text(COL_COMMENT, y, comment)
    pdf.text(COL_GOAL, y + 40, "Nämnden fortsätter arbetet med målen nästa år och följer upp dem i delåret.")
    if with_legend:
        pdf.page()
        pdf.text(COL_GOAL, 60, "Bilaga: målen i detalj")
        pdf.legend(80)
    return pdf


def _read(source):
    warnings: list = []
    goals = read_goals(source, year=2024, warnings=warnings)
    return goals.set_index("goal_id"), warnings


@pytest.fixture(scope="module", params=BACKENDS)
def with_legend(request):
    return _read(goal_table_pdf(with_legend=True).source(request.param))


@pytest.fixture(scope="module")
def without_legend():
    return _read(goal_table_pdf(with_legend=False).source())


def test_a_symbol_only_goal_takes_the_legend_status_of_its_colour(with_legend):
    goals, _ = with_legend
    got = goals.loc[["1", "2", "3"], ["status", "basis", "symbol", "legend_page", "page"]]
    assert got.to_dict("index") == {
        "1": {"status": "met", "basis": "symbol", "symbol": "grön", "legend_page": 2, "page": 1},
        "2": {"status": "partly_met", "basis": "symbol", "symbol": "gul", "legend_page": 2, "page": 1},
        "3": {"status": "not_met", "basis": "symbol", "symbol": "röd", "legend_page": 2, "page": 1},
    }
    assert goals.loc["1", "comment"] == "grön symbol: Besöken ökade med tolv procent."


def test_words_win_over_a_symbol_and_a_conflict_is_a_warning(with_legend):
    goals, warnings = with_legend
    assert goals.loc["4", ["status", "basis", "symbol"]].tolist() == ["met", "text", "grön"]
    assert goals.loc["5", ["status", "basis", "symbol"]].tolist() == ["not_met", "text", "grön"]
    assert pd.isna(goals.loc["4", "legend_page"]) and pd.isna(goals.loc["5", "legend_page"])
    conflicts = [w for w in warnings if w.code == "symbol-status-conflict"]
    assert [(w.row, w.page, w.evidence_page) for w in conflicts] == [("5", 1, 2)]
    assert "'Budget i balans'" in conflicts[0].message and "'Uppfylls ej' by its words" in conflicts[0].message
    assert "means 'Uppfylls' by the legend on page 2" in conflicts[0].message


def test_a_black_glyph_is_no_status_colour(with_legend):
    goals, _ = with_legend
    assert goals.loc["6", ["status", "basis", "symbol"]].tolist() == ["unknown", "none", ""]


def test_without_a_legend_the_colour_is_kept_and_no_status_made(without_legend):
    goals, warnings = without_legend
    assert goals["symbol"].tolist() == ["grön", "gul", "röd", "grön", "grön", ""]
    assert goals["status"].tolist() == ["unknown", "unknown", "unknown", "met", "not_met", "unknown"]
    assert not (goals["basis"] == "symbol").any() and goals["legend_page"].isna().all()
    assert not [w for w in warnings if w.code.startswith("symbol")]


def test_the_audit_counts_statuses_from_colours():
    source = goal_table_pdf(with_legend=True).source()
    goals = read_goals(source, year=2024, warnings=[])
    counts = read_goal_counts(source)
    assert counts[["level", "status", "count"]].values.tolist() == [
        ["goal", "met", 2], ["goal", "partly_met", 1], ["goal", "not_met", 2]]
    found = check_goal_counts(counts, {"goal": recover_statuses(goals, counts, source)})
    assert [(f.check, f.severity, f.found) for f in found] == [
        ("goal_count", "info", 2), ("goal_count", "info", 1), ("goal_count", "info", 2)]
    assert found[0].message.endswith("det stämmer med de tolkade mål (2, varav 1 enligt färgsymbol)")
    # without the legend the colours prove nothing: the counts cannot be confirmed
    source = goal_table_pdf(with_legend=False).source()
    goals = read_goals(source, year=2024, warnings=[])
    found = check_goal_counts(counts, {"goal": goals})
    assert [(f.severity, f.found) for f in found] == [("warning", 1), ("warning", 0), ("warning", 1)]


# --------------------------------------------------------------------------- symbols beside a goal's heading

def goal_sections_pdf() -> Pdf:
    pdf = Pdf()
    pdf.text(COL_GOAL, 60, "Verksamhetsberättelse 2024")
    pdf.text(COL_GOAL, 90, "Teckenförklaring: grön = uppfyllt, gul = delvis uppfyllt, röd = ej uppfyllt")
    pdf.text(COL_GOAL, 120, "2 Nämndens mål")
    y = 150.0
    for number, title, colour in (("2.1", "Fler unga deltar i kulturskolan", GREEN),
                                  ("2.2", "Ökat utbud för äldre", RED)):
        end = pdf.text(COL_GOAL, y, f"{number} {title}")
        pdf.disc(end + 10, y, colour)
        pdf.text(COL_GOAL, y + 16, "Verksamheten har arbetat med frågan under hela året.")
        y += 50
    pdf.text(COL_GOAL, y, "2.3 Trygga mötesplatser")
    end = pdf.text(COL_GOAL, y + 16, "Bedömning:")
    pdf.disc(end + 10, y + 16, YELLOW)
    # a bullet drawn in colour before a title is no status
    pdf.text(COL_GOAL, y + 50, "2.4 Digitala tjänster")
    pdf.disc(COL_GOAL - 8, y + 50, GREEN)
    return pdf


def test_a_symbol_beside_a_heading_or_after_bedomning_takes_the_legend_status():
    goals, _ = _read(goal_sections_pdf().source())
    got = goals[["title", "status", "basis", "symbol", "legend_page"]].astype(object)
    got = got.where(got.notna(), None)
    assert got.to_dict("index") == {
        "2.1": {"title": "Fler unga deltar i kulturskolan", "status": "met", "basis": "symbol", "symbol": "grön",
                "legend_page": 1},
        "2.2": {"title": "Ökat utbud för äldre", "status": "not_met", "basis": "symbol", "symbol": "röd",
                "legend_page": 1},
        "2.3": {"title": "Trygga mötesplatser", "status": "partly_met", "basis": "symbol", "symbol": "gul",
                "legend_page": 1},
        "2.4": {"title": "Digitala tjänster", "status": "unknown", "basis": "none", "symbol": "",
                "legend_page": None},
    }


# --------------------------------------------------------------------------- the judgement alone

def test_two_colours_in_one_place_and_a_legend_of_two_meanings_give_no_status():
    from kslib.parse.records.goal_rows import Goal
    from kslib.parse.records.symbol_status import judge_symbols
    from kslib.vocab.colours import legend

    lines = [Line(1, "Grön = uppfyllt, röd = ej uppfyllt", 3), Line(2, "Röd = delvis uppfyllt", 4)]
    key = legend(lines)
    assert key.mapping == {"grön": "met"} and key.ambiguous == {"röd"}
    goals = [Goal("1", title="Två färger", page=5, marks=("grön", "röd")),
             Goal("2", title="Röd först", page=5, marks=("röd",)),
             Goal("3", title="Röd igen", page=6, marks=("röd",)),
             Goal("4", title="Grå lampa och grön", page=6, marks=("grå", "grön"))]
    warnings: list = []
    judge_symbols(goals, key, warnings)
    assert [(g.status, g.basis, g.symbol, g.legend_page) for g in goals] == [
        ("unknown", "none", "grön/röd", None), ("unknown", "none", "röd", None), ("unknown", "none", "röd", None),
        ("met", "symbol", "grön", 3)]
    assert [(w.code, w.row) for w in warnings] == [("symbol-ambiguous", "1"), ("legend-ambiguous", "2")]


def test_beside_title_leaves_a_bullet_before_the_text():
    from kslib.parse.records.symbol_status import beside_title

    bullet, status = Symbol("grön", 48.0, 54.0, 100.0, 106.0), Symbol("röd", 200.0, 206.0, 100.0, 106.0)
    line = Line(1, "2.1 Titel", 1, (Word("2.1", 56.0, 70.0), Word("Titel", 74.0, 100.0)), (bullet, status))
    assert beside_title(line) == [status]


# --------------------------------------------------------------------------- the contract and the goal page

@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """Both goal tables parsed by ``kslib.read_report``, written as the contract and loaded again."""
    from kslib import load, read_report
    from kslib.pipeline.contract import write_processed

    out = {}
    for name, with_legend in (("legend", True), ("none", False)):
        folder = tmp_path_factory.mktemp(name)
        pdf = goal_table_pdf(with_legend=with_legend)
        pdf.c.save()
        raw = folder / "kultur_verksamhetsberattelse_2024.pdf"
        raw.write_bytes(pdf.buf.getvalue())
        write_processed(read_report(raw), folder / "processed")
        out[name] = load(folder / "processed").table("goals")
    return out


def test_goals_csv_carries_the_symbol_and_the_legend_page(processed):
    goals = processed["legend"]
    assert str(goals["legend_page"].dtype) == "Int64"
    assert goals[["goal_id", "status", "basis", "symbol"]].fillna("").values.tolist() == [
        ["1", "met", "symbol", "grön"], ["2", "partly_met", "symbol", "gul"], ["3", "not_met", "symbol", "röd"],
        ["4", "met", "text", "grön"], ["5", "not_met", "text", "grön"], ["6", "unknown", "none", ""]]
    assert goals["legend_page"].tolist()[:3] == [2, 2, 2]


def test_the_goal_page_cites_the_legend_and_names_an_unexplained_colour(processed):
    from kslib.present import display as td
    from kslib.present import sentences

    shown = td.goals_table(processed["legend"]).data
    assert shown["Status"].tolist() == ["Uppfylls", "Uppfylls delvis", "Uppfylls ej", "Uppfylls", "Uppfylls ej",
                                        "Ej angiven i texten"]
    assert shown["Underlag"].tolist()[:4] == ["grön symbol enligt teckenförklaringen s. 2",
                                              "gul symbol enligt teckenförklaringen s. 2",
                                              "röd symbol enligt teckenförklaringen s. 2", "rapportens text"]
    assert sentences.symbols_note(processed["legend"]) == (
        "För 3 av 6 mål bygger statusen på rapportens färgsymboler, tolkade med rapportens "
        "teckenförklaring (s. 2).")
    as_assignments = processed["legend"].assign(level="assignment")
    assert td.assignments_table(as_assignments).data["Status"].tolist()[:2] == [
        "Uppfylls (enligt färgsymbol, teckenförklaring s. 2)",
        "Uppfylls delvis (enligt färgsymbol, teckenförklaring s. 2)"]
    # without a legend: the colour instead of "Ej angiven i texten", and the draft notice says so
    none = processed["none"]
    assert td.goals_table(none).data["Status"].tolist() == [
        "Grön symbol – ingen teckenförklaring", "Gul symbol – ingen teckenförklaring",
        "Röd symbol – ingen teckenförklaring", "Uppfylls", "Uppfylls ej", "Ej angiven i texten"]
    assert sentences.symbols_note(none) == ("3 mål är markerade med en färgsymbol (grön, gul och röd) som "
                                            "rapporten inte förklarar; färgen visas men tolkas inte som en status.")
    assert sentences.missing_statuses({"goals": none}) == (
        "Rapportens text anger inte status för 4 av 6 mål. De visas som ”Ej angiven i texten” tills de har "
        "bedömts (där rapporten markerar dem med en färgsymbol utan teckenförklaring visas i stället symbolens "
        "färg); sammanställningen är därför inte fullständig.")
    analyst = td.unknown_goals_table(none).data
    assert analyst["Symbol i rapporten"].tolist() == ["grön symbol", "gul symbol", "röd symbol", ""]
