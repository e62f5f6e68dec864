"""Paragraphs and sentences joined from wrapped lines, with offsets mapped back to lines."""
from __future__ import annotations

import kslib
from kslib.parse.prose.paragraphs import is_heading_text, paragraphs
from kslib.read.source import lines_from_text


def _lines(text: str):
    content, _ = lines_from_text(text.split("\n"))
    return content


def test_wrapped_sentence_is_joined_and_offsets_map_to_lines():
    lines = _lines("Programområdet får ett\n\növerskott på 1,3 mnkr vilket\n\nbror på lägre kostnader.")
    [p] = paragraphs(lines)
    assert p.text == "Programområdet får ett överskott på 1,3 mnkr vilket bror på lägre kostnader."
    assert p.line_at(p.text.index("1,3")).number == 3
    assert p.line_at(0).number == 1
    assert p.line_at(p.text.index("kostnader")).number == 5


def test_bullets_headings_and_code_headings_start_paragraphs():
    text = "\n".join([
        "Inledande text som slutar här.",
        "Arbetsmarknad",
        "Första stycket fortsätter",
        "på nästa rad.",
        "• En punkt med 12 %",
        "som fortsätter",
        "• En andra punkt",
        "en rad utan punkt",
        "162 Näringsliv",
        "Programområdet har ett överskott.",
    ])
    paras = paragraphs(_lines(text))
    kinds = [("H" if p.heading else "B" if p.bullet else "P", p.text) for p in paras]
    assert kinds == [
        ("P", "Inledande text som slutar här."),
        ("H", "Arbetsmarknad"),
        ("P", "Första stycket fortsätter på nästa rad."),
        ("B", "En punkt med 12 % som fortsätter"),
        ("B", "En andra punkt en rad utan punkt"),
        ("H", "162 Näringsliv"),
        ("P", "Programområdet har ett överskott."),
    ]
    assert paras[5].code_heading == ("162", "Näringsliv")
    assert paras[1].code_heading is None


def test_sentences_cut_at_full_stops_not_at_abbreviations():
    [p] = paragraphs(_lines("Det innebär totalt 36,3 %. 4 kvinnor har börjat studera. Det ger prel. 8 hus och "
                            "bl.a. om planer. Nästa mening."))
    assert [s.text for s in p.sentences] == [
        "Det innebär totalt 36,3 %.", "4 kvinnor har börjat studera.",
        "Det ger prel. 8 hus och bl.a. om planer.", "Nästa mening."]
    s = p.sentences[1]
    assert s.line_at(0).number == 1 and s.paragraph is p


def test_heading_text():
    assert is_heading_text("Ekonomisk analys programområden")
    assert not is_heading_text("Programområdet får överskott på 184 tkr.")
    assert not is_heading_text("feriepraktiken och sommarjobben")
    assert not is_heading_text("• punkt")


def test_real_report_bullet_keeps_its_lines(report_path):
    report = kslib.read_report(report_path)
    para = next(p for p in paragraphs(report.source) if "116 fler individer" in p.text)
    assert para.bullet and para.line.number == 645
    assert para.text.startswith("480 personer (6,6 % av den registrerade arbetskraften)")
    assert para.line_at(para.text.index("116 fler")).number == 647
    headings = [p.code_heading for p in paragraphs(report.source) if p.code_heading]
    # every programme heading of the commentary, including one after a line that lost its full stop
    assert ("162", "Näringslivsverksamheten") in headings and ("758", "Integration") in headings


def test_bullet_glyph_lost_in_reencoding_still_starts_a_paragraph():
    paras = paragraphs(_lines("? För arbetslöshet över 24 månader syns en ökning från 50 till 58 personer.\n"
                              "? Utöver statistiken finns ytterligare\n270 personer inskrivna."))
    assert [(p.bullet, p.text) for p in paras] == [
        (True, "För arbetslöshet över 24 månader syns en ökning från 50 till 58 personer."),
        (True, "Utöver statistiken finns ytterligare 270 personer inskrivna.")]
