"""Tables found by structure in the real corpus, checked against the hand-read cells in
tests/corpus/expected/ (values read from the documents, never from kslib's output)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kslib.parse.tables.discover import discover
from kslib.read import read_source

CORPUS = Path(__file__).parent / "corpus"


def _expected(stem: str, title: str) -> dict:
    data = json.loads((CORPUS / "expected" / f"{stem}.json").read_text(encoding="utf-8"))
    return next(t for t in data["tables"] if t["title"] == title)


@pytest.fixture(scope="module")
def found():
    cache: dict[str, list] = {}

    def get(name: str, year: int):
        if name not in cache:
            cache[name] = discover(read_source(CORPUS / name), year=year)
        return cache[name]
    return get


def _table(tables, title: str):
    matches = [t for t in tables if t.title == title]
    assert matches, f"no table {title!r}; found {[t.title for t in tables]}"
    return matches[0]


def _norm(label: str) -> str:
    return " ".join(label.replace("*", "").split())


CASES = [
    ("nacka_valfard-skola_arsbokslut_2017.pdf", 2017, "Utfall mot budget 2017", "Utfall mot budget 2017"),
    ("nacka_valfard-skola_arsbokslut_2017.pdf", 2017,
     "De enheter som har de största avvikelserna mot budget (tusentals kronor)",
     "De enheter som har de största avvikelserna mot budget (tusentals kronor)"),
    ("nacka_valfard-skola_arsbokslut_2019.pdf", 2019, "Utfall mot budget 2019", "Utfall mot budget 2019"),
    ("goteborg_stadsrevisionen_arsredogorelse_2022.pdf", 2022, "Utfall per 2022-12-31", "Utfall per 2022-12-31"),
    ("goteborg_stadsrevisionen_arsredogorelse_2023.pdf", 2023, "Tabell 1Utfall per 2023-12-31",
     "Utfall per 2023-12-31"),
    ("goteborg_stadsrevisionen_arsredogorelse_2022.pdf", 2022, "Antal anställda", "Antal anställda"),
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Resultatredovisning i sammandrag",
     "Resultatredovisning i sammandrag"),
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Förändringsinsatser", "Förändringsinsatser"),
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Tjänster", "Tjänster"),
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Resultaträkning", "Resultaträkning"),
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Balansräkning", "Balansräkning"),
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Återreglering till kund 2025",
     "Återreglering till kund 2025"),
    # a label wrapped after its figures ("… inom Service Level" / "Agreement snitt"), a lone figure under its
    # year (NKI), and the prose after the page break not taken for a row
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025, "Effektmått och övriga mått/nyckeltal",
     "Effektmått och övriga mått/nyckeltal"),
    # year columns whose measure only the label column's header states ("… jämfört med samma period
    # föregående år"): changes
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025,
     "Volymutveckling, personalvolymsutveckling samt nettokostnadsutveckling",
     "Volymutveckling, personalvolymsutveckling samt nettokostnadsutveckling"),
    # its title a numbered heading wrapped at a hyphen ("… ur ett HR-" / "perspektiv (nämnder)")
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025,
     "Mått/nyckeltal som beskriver utvecklingen ur ett HR-perspektiv (nämnder)",
     "Mått/nyckeltal som beskriver utvecklingen ur ett HR-perspektiv (nämnder)"),
]


@pytest.mark.parametrize("name,year,expected_title,title", CASES, ids=[c[3][:30] for c in CASES])
def test_hand_read_cells(found, name, year, expected_title, title):
    exp = _expected(Path(name).stem, expected_title)
    table = _table(found(name, year), title)
    assert [(c.measure, c.year) for c in table.columns] == [(c["measure"], c["year"]) for c in exp["columns"]] \
        or exp["columns"][0]["measure"] == "value"
    assert [_norm(r.name) for r in table.rows] == [_norm(r["label"]) for r in exp["rows"]]
    for r, row in zip(table.rows, exp["rows"]):
        if row["values"] is None:
            assert r.kind == "category", row["label"]
            continue
        assert r.values == pytest.approx(row["values"]), row["label"]
    assert len(table.rows) == len(exp["rows"])


def test_units_and_kinds(found):
    t = _table(found("nacka_valfard-skola_arsbokslut_2017.pdf", 2017), "Utfall mot budget 2017")
    assert t.unit == "tkr" and t.kind == "operating_by_area"
    assert [c.group for c in t.columns] == ["Utfall 2017"] * 3 + ["Budget 2017"] * 2 + ["Utfall 2016"] * 3
    assert [c.measure for c in t.columns][:5] == ["income", "cost", "net", "budget", "deviation"]
    assert t.rows[-1].kind == "total"
    t = _table(found("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025), "Resultatredovisning i sammandrag")
    assert t.unit == "mnkr" and [c.label for c in t.columns] == ["Utfall", "Budget", "Avvikelse", "Prognos aug",
                                                                  "Utfall fg år"]
    t = _table(found("goteborg_stadsrevisionen_arsredogorelse_2022.pdf", 2022), "Utfall per 2022-12-31")
    assert t.unit == "tkr" and [r.kind for r in t.rows][3] == "subtotal" and t.rows[7].kind == "total"
    t = _table(found("goteborg_namnden-for-intraservice_arsrapport_2025.txt", 2025), "Balansräkning")
    assert t.kind == "balance_sheet"


def test_malformed_figure_is_kept_as_printed_and_warned(found):
    tables = found("goteborg_stadsrevisionen_arsredogorelse_2023.pdf", 2023)
    t = _table(tables, "Utfall per 2023-12-31")
    row = next(r for r in t.rows if r.label.startswith("Övriga kostnader"))
    assert row.values[1] == -773
    assert any(w.code == "malformed-figure" and "-7 73" in w.message for w in t.warnings)


def test_a_key_figure_table_whole_in_the_catalog_and_its_view():
    """Intraservice p. 5: the key-figure table holds all seven hand-read rows, NKI among them (printed "58,6 %*"
    under 2024, a dash under 2023); per-cent rows in %, counts ("Antal …") in st; the nyckeltal view is the
    same reading."""
    import kslib

    report = kslib.read_report(CORPUS / "goteborg_namnden-for-intraservice_arsrapport_2025.txt")
    cells = report.table("tables")
    exp = _expected("goteborg_namnden-for-intraservice_arsrapport_2025", "Effektmått och övriga mått/nyckeltal")
    table = cells[cells["title"] == "Effektmått och övriga mått/nyckeltal"]
    assert list(dict.fromkeys(table["row"])) == [r["label"] for r in exp["rows"]]
    nki = table[table["row"] == "NKI"].set_index("year")
    assert nki.loc[2024, "value"] == 58.6 and nki["value"].isna().sum() == 2 and set(nki["unit"]) == {"%"}
    units = table.drop_duplicates("row").set_index("row")["unit"]
    assert units["Tecknade kundavtal bolag"] == "%" and units["Antal tjänster"] == "st"
    family = report.nyckeltal
    ids = set(family.loc[family["row_label"] == "NKI", "table"])
    assert ids == set(table["table"])
    view = family[family["table"].isin(ids)]
    assert list(dict.fromkeys(view["row_label"])) == [r["label"] for r in exp["rows"]]
    nki = view[(view["row_label"] == "NKI") & view["value"].notna()]
    assert nki[["year", "value", "unit"]].values.tolist() == [[2024, 58.6, "%"]]
    assert set(view.loc[view["row_label"] == "Antal Major Incidents", "unit"]) == {"st"}
