"""Layout classes seen in other municipalities' text layers, as synthetic fixtures (own figures whose
identities hold): the catalog reads each table's cells into the right columns."""
from __future__ import annotations

import pytest

import kslib

HEADER = "Verksamhet                  Utfall 2024   Budget 2024   Avvikelse\n"
CASES = {
    # a note-reference column between label and figures: "1" is note 1, not a figure
    "note_column": ("Resultaträkning\nBelopp i mnkr                      Not   Utfall 2024   Budget 2024   Avvikelse\n"
                    "Verksamhetens intäkter               1        421,3         400,0        21,3\n"
                    "Verksamhetens kostnader              2     -1 709,6      -1 700,0        -9,6\n"
                    "Verksamhetens nettokostnader                -1 288,3      -1 300,0        11,7\n",
                    {"Verksamhetens intäkter": (421.3, 400.0, 21.3),
                     "Verksamhetens kostnader": (-1709.6, -1700.0, -9.6)}),
    # plus signs on favourable deviations
    "plus_signs": ("Driftredovisning, tkr\n" + HEADER +
                   "Bibliotek                         4 100         3 950        -150\n"
                   "Museum                            2 000         2 300        +300\n"
                   "Summa                             6 100         6 250        +150\n",
                   {"Museum": (2000, 2300, 300), "Summa": (6100, 6250, 150)}),
    # label and figures on separate lines
    "separate_lines": ("Driftredovisning, tkr\n" + HEADER +
                       "Bibliotek\n                                  4 100         3 950        -150\n"
                       "Museum\n                                  2 000         2 300         300\n"
                       "Summa                             6 100         6 250         150\n",
                       {"Bibliotek": (4100, 3950, -150), "Museum": (2000, 2300, 300)}),
    # minus as an en dash followed by a space
    "en_dash": ("Driftredovisning, tkr\n" + HEADER +
                "Bibliotek                         4 100         3 950       – 150\n"
                "Museum                            2 000         2 300         300\n"
                "Summa                             6 100         6 250         150\n",
                {"Bibliotek": (4100, 3950, -150)}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_layout_class(tmp_path, name):
    text, expected = CASES[name]
    path = tmp_path / "2024" / f"{name}.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    cells = kslib.read_report(path).table("tables")
    for row, values in expected.items():
        got = tuple(cells[(cells.row == row) & (cells.measure == m)]["value"].item()
                    for m in ("outcome", "budget", "deviation"))
        assert got == pytest.approx(values), (row, got)
