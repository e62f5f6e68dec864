"""Position-based column assignment, on lines built by hand (words at known x positions)."""
from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kslib.read.source import Line, Word
from kslib.parse.tables.positions import cell_figure, header_columns, line_cells, place_row

CHAR = 5.0   # width of one character in these hand-made lines


def make_line(cells: list[tuple[float, str, str]], number: int = 1) -> Line:
    """A line from (x, text, align) cells; align 'l' puts text from x, 'r' ends it at x, 'c' centres it."""
    words: list[Word] = []
    for x, text, align in cells:
        width = len(text) * CHAR
        start = {"l": x, "r": x - width, "c": x - width / 2}[align]
        pos = start
        for part in text.split(" "):
            words.append(Word(part, pos, pos + len(part) * CHAR))
            pos += (len(part) + 1) * CHAR
    words.sort(key=lambda w: w.x0)
    text = ""
    for k, w in enumerate(words):
        if k:
            text += "  " if w.x0 - words[k - 1].x1 > 1.5 * CHAR else " "
        text += w.text
    return Line(number, text, 1, tuple(words))


RIGHTS = [300.0, 370.0, 440.0, 510.0, 580.0]
CENTRES = [r - 30 for r in RIGHTS]
HEADER = [
    make_line([(c, w, "c") for c, w in zip(CENTRES, ["Bokslut", "Budget", "Avvikelse", "Bokslut", "Bokslut"])], 1),
    make_line([(c, w, "c") for c, w in zip(CENTRES, ["2021", "2021", "budget", "2020", "2021/2020"])], 2),
]


def columns():
    return header_columns([(line, 0) for line in HEADER], default_year=2021)


def test_stacked_header_cells_become_one_column_each():
    cols = columns()
    assert [c.key for c in cols] == ["outcome_2021", "budget_2021", "deviation_2021", "outcome_2020",
                                     "change_2021_2020"]
    assert all(c.x0 < c.centre < c.x1 for c in cols)


def test_header_spanning_several_year_columns_is_shared():
    top = make_line([(400.0, "Utfall", "c")], 1)
    years = make_line([(330.0, "2018", "c"), (400.0, "2019", "c"), (470.0, "2020", "c")], 2)
    # "Utfall" is narrower than the three year cells: it overlaps only the middle one
    cols = header_columns([(top, 0), (years, 0)])
    assert [c.key for c in cols] == ["outcome_2018", "outcome_2019", "outcome_2020"]
    wide_top = make_line([(400.0, "Utfall och bokslut över åren", "c")], 1)
    cols = header_columns([(wide_top, 0), (years, 0)])
    assert [c.key for c in cols] == ["outcome_2018", "outcome_2019", "outcome_2020"]


def test_avvikelse_mot_budget_on_one_line_is_one_column():
    line = make_line([(270.0, "Budget 2021", "c"), (340.0, "Utfall 2021", "c"), (450.0, "Avvikelse mot budget", "c")])
    cols = header_columns([(line, 0)])
    assert [c.key for c in cols] == ["budget_2021", "outcome_2021", "deviation_2021"]


def test_cells_split_at_column_gaps_only():
    line = make_line([(56.0, "Verksamhetens intäkter", "l"), (RIGHTS[0], "31 204", "r"), (RIGHTS[1], "-2 512", "r")])
    assert [c.text for c in line_cells(line)] == ["Verksamhetens intäkter", "31 204", "-2 512"]


def test_blank_cells_stay_in_their_column():
    line = make_line([(56.0, "Budget", "l"), (RIGHTS[0], "73 000", "r"), (RIGHTS[1], "73 000", "r"),
                      (RIGHTS[3], "72 744", "r"), (RIGHTS[4], "256", "r")])
    placement = place_row(line, columns())
    assert placement.ok and placement.label == "Budget"
    assert [None if c is None else c.text for c in placement.cells] == ["73 000", "73 000", None, "72 744", "256"]


def test_text_cell_is_placed_and_is_no_figure():
    line = make_line([(56.0, "Simhall", "l"), (RIGHTS[0], "Stängt", "r"), (RIGHTS[1], "1 200", "r")])
    placement = place_row(line, columns())
    assert placement.cells[0].text == "Stängt" and cell_figure(placement.cells[0]) is None
    assert cell_figure(placement.cells[1]).value == 1200


def test_two_cells_under_one_column_is_a_problem_not_a_guess():
    line = make_line([(56.0, "Rad", "l"), (CENTRES[0] + 10, "12", "r"), (CENTRES[0] + 30, "34", "r")])
    placement = place_row(line, columns())
    assert not placement.ok
    assert "both stand under" in placement.problems[0]


def test_cell_between_two_columns_is_a_problem():
    line = make_line([(56.0, "Rad", "l"), ((CENTRES[0] + CENTRES[1]) / 2, "5 000", "c")])
    placement = place_row(line, columns())
    assert not placement.ok and "between" in placement.problems[0]


def _fmt(v: int) -> str:
    s = f"{abs(v):,}".replace(",", " ")
    return ("-" if v < 0 else "") + s


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-9_999_999, 9_999_999)), min_size=5, max_size=5)
       .filter(lambda vs: any(v is not None for v in vs)),
       st.sampled_from(["r", "c"]))
def test_any_row_with_blanks_is_placed_exactly(values, align):
    cells = [(56.0, "Någon rad", "l")]
    for right, centre, v in zip(RIGHTS, CENTRES, values):
        if v is not None:
            cells.append((right if align == "r" else centre, _fmt(v), align))
    placement = place_row(make_line(cells), columns())
    assert placement.ok
    got = [None if c is None else cell_figure(c).value for c in placement.cells]
    assert got == [None if v is None else float(v) for v in values]
    assert not any(isinstance(g, float) and math.isnan(g) for g in got)
