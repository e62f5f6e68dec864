"""Table discovery on synthetic fixtures of each layout class (own figures; identities hold)."""
from __future__ import annotations

import hashlib

from kslib.parse.tables.discover import discover
from kslib.read.source import Source, lines_from_text


def _source(text: str) -> Source:
    content, furniture = lines_from_text(text.split("\n"))
    return Source("fixture.txt", hashlib.sha256(text.encode()).hexdigest(), content, None, furniture)


def _one(text: str, year: int = 2024):
    warnings = []
    tables = discover(_source(text), year=year, warnings=warnings)
    assert len(tables) == 1, [t.title for t in tables]
    return tables[0], warnings


LAYOUT = """Ekonomiskt utfall
Driftredovisning per område, tkr
                         Utfall 2024     Budget 2024     Avvikelse     Utfall 2023
Område norr                   12 500          13 000           500          11 900
Område söder                  -3 200          – 2 800          -400          -3 000
Område väst                        0               –             0             150
Summa                          9 300          10 200           100           9 050
Texten fortsätter här med en förklaring av utfallet som är lång nog att vara prosa.
"""


def test_layout_text_blank_dash_and_spaced_minus():
    t, _ = _one(LAYOUT)
    assert t.title == "Driftredovisning per område, tkr" and t.unit == "tkr"
    assert [(c.measure, c.year) for c in t.columns] == [("outcome", 2024), ("budget", 2024), ("deviation", 2024),
                                                         ("outcome", 2023)]
    assert [r.label for r in t.rows] == ["Område norr", "Område söder", "Område väst", "Summa"]
    assert t.rows[1].values == [-3200, -2800, -400, -3000]
    assert t.rows[2].values == [0, None, 0, 150]          # the dash is NA in its own column
    assert t.rows[3].kind == "total"


GLUED = """Resultat per verksamhet
Verksamhet Utfall 2024 Budget 2024 Avvikelse
Skola 26 767 25 841 926
Omsorg 1 500 1 200 300
"""


def test_single_spaced_row_split_by_identity():
    t, warnings = _one(GLUED)
    assert t.rows[0].values == [26767, 25841, 926]
    assert t.rows[1].values == [1500, 1200, 300]


LABEL_NUMBERS = """Nyckeltal för verksamheten
                                        2024        2023        2022
Antal barn/10 000 inv. 0-18 år           152         148         140
Andel behöriga lärare                   81,5        80,2        79,9
"""


def test_labels_containing_numbers():
    t, _ = _one(LABEL_NUMBERS)
    assert [r.label for r in t.rows] == ["Antal barn/10 000 inv. 0-18 år", "Andel behöriga lärare"]
    assert t.rows[0].values == [152, 148, 140]
    assert t.rows[1].values == [81.5, 80.2, 79.9]
    assert t.kind == "key_figures"


WRAPPED = """Sammanställning
                          Utfall      Budget      Avvikelse
Belopp i mnkr
Intäkter                   120,5       118,0            2,5
Kommungemensamma
                             4,0         4,0              0
kostnader
Resultat                   124,5       122,0            2,5
"""


def test_label_wrapped_around_its_figures():
    t, _ = _one(WRAPPED)
    assert t.unit == "mnkr"
    assert [r.label for r in t.rows] == ["Intäkter", "Kommungemensamma kostnader", "Resultat"]
    assert t.rows[1].values == [4.0, 4.0, 0.0]
    assert t.rows[2].kind == "total"


NESTED = """Besökare per anläggning
Anläggning 2024 2023
Inomhus
Simhall 41 250 39 800
Ishall 12 100 950
Summa inomhus 53 350 40 750
Utomhus
Friluftsbad 9 800 10 200
Konstgräsplan 4 300 4 100
Summa utomhus 14 100 14 300
Totalt 67 450 55 050
"""


def test_sum_groups_nested_sections():
    from kslib.parse.tables.sums import sum_groups
    t, warnings = _one(NESTED)
    labels = [r.label for r in t.rows]
    groups = {labels[k]: [[labels[m] for m in alt] for alt in alts] for k, alts in sum_groups(t.rows)}
    assert groups == {"Summa inomhus": [["Simhall", "Ishall"]],
                      "Summa utomhus": [["Friluftsbad", "Konstgräsplan"]],
                      "Totalt": [["Summa inomhus", "Summa utomhus"],
                                 ["Simhall", "Ishall", "Friluftsbad", "Konstgräsplan"]]}
    assert t.rows[2].values == [12100, 950]          # "12 100 950": only this reading keeps Summa inomhus
    assert [w.code for w in warnings] == ["split-by-sum"]
