"""The tables' audit on the hand-read tables of the real corpus: it finds the documents' own errors and
nothing false.  The tables here are read by hand (tests/corpus/expected), so this tests the audit's
arithmetic apart from the table reader."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kslib.audit.tables import check_tables
from kslib.parse.tables.model import Column, Row, Table
from kslib.read.source import Line
from kslib.vocab.rows import split_code

EXPECTED = Path(__file__).parent / "corpus" / "expected"


def _table(title, page, unit, columns, rows, kind="other") -> Table:
    """A Table as the reader would give it; ``rows`` hold (label, kind, values, printed)."""
    cols = [Column(c["label"], c.get("group"), c.get("measure") or "value", c.get("year")) for c in columns]
    out = []
    for k, (label, row_kind, values, printed) in enumerate(rows, 1):
        code, rest = split_code(label)
        out.append(Row(rest, row_kind, list(values), Line(k, label, page), list(printed), code=code))
    return Table(title, unit, cols, out, Line(0, title, page), kind=kind)


def hand_read_tables(stem: str) -> list[Table]:
    """The expected JSON of a corpus document as the one table type (line = a running row number)."""
    data = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    tables = []
    for k, table in enumerate(data["tables"], 1):
        rows = []
        for row in table["rows"]:
            values = [v if isinstance(v, (int, float)) and not isinstance(v, bool) else None
                      for v in (row.get("values") or [None] * len(table["columns"]))]
            values = (values + [None] * len(table["columns"]))[:len(table["columns"])]
            printed = [None if v is None else (f"{v:.1f}".replace(".", ",") if isinstance(v, float) and v != int(v)
                                               else str(v)) for v in values]
            rows.append((row["label"], row["kind"] if row.get("values") else "category", values, printed))
        t = _table(table["title"], table.get("pdf_page") or table.get("page"), table.get("unit"), table["columns"],
                   rows)
        t.id = f"t{k}"
        tables.append(t)
    return tables


def errors(stem: str) -> list[tuple]:
    return sorted((f.table, f.row, f.found) for f in check_tables(hand_read_tables(stem)) if f.severity == "error")


def test_intraservice_forandringsinsatser_deviation_errors():
    assert errors("goteborg_namnden-for-intraservice_arsrapport_2025") == [
        ("Förändringsinsatser", "Digital infrastruktur", -0.5),
        ("Förändringsinsatser", "Summa förändringsinsatser", 2.4),
    ]


def test_intraservice_messages_name_table_page_row_column_and_both_figures():
    found = [f for f in check_tables(hand_read_tables("goteborg_namnden-for-intraservice_arsrapport_2025"))
             if f.severity == "error" and f.row == "Digital infrastruktur"]
    (f,) = found
    assert f.expected == pytest.approx(-0.3) and f.page == 19
    assert f.message.startswith("Tabellen \u201dFörändringsinsatser\u201d (s. 19), raden Digital infrastruktur, "
                                "kolumnen Avvikelse: tryckt \u22120,5 avviker från")


def test_stadsrevisionen_2022_staff_total():
    assert errors("goteborg_stadsrevisionen_arsredogorelse_2022") == [("Antal anställda", "Totalt antal anställda", 34)]


def test_stadsrevisionen_2023_misprinted_budget_breaks_the_column_sum():
    (found,) = [f for f in check_tables(hand_read_tables("goteborg_stadsrevisionen_arsredogorelse_2023"))
                if f.severity == "error"]
    assert found.check == "subtotal" and "Budget 2023" in found.message
    assert found.found - found.expected == pytest.approx(-45982 - (-45982 + 7738 - 773))


@pytest.mark.parametrize("stem", ["nacka_valfard-skola_arsbokslut_2017", "nacka_valfard-skola_arsbokslut_2019"])
def test_nacka_tables_hold_within_rounding(stem):
    findings = check_tables(hand_read_tables(stem))
    assert len(findings) > 30                                  # the identities were found and checked
    assert [f for f in findings if f.severity == "error" and f.check != "table_consistency"] == []


def test_nacka_2017_tables_contradict_each_other_for_two_units():
    """The p. 7 table of the largest deviations and the p. 9 table differ for 911 and 943."""
    found = {(f.row, f.found, f.expected) for f in check_tables(hand_read_tables("nacka_valfard-skola_arsbokslut_2017"))
             if f.check == "table_consistency"}
    assert {(row, value) for row, value, _ in found} >= {("911 Stavsborgsskolan", 4578.0),
                                                         ("943 Orminge skola med förskolor", -5593.0)}
    assert all(row.startswith(("911 ", "943 ")) for row, _, _ in found)


def test_rounding_only_difference_is_info_and_a_real_one_is_an_error():
    rows = [("A", "row", [10.2, 10.0, 0.2], ["10,2", "10,0", "0,2"]),
            ("B", "row", [5.1, 5.0, 0.2], ["5,1", "5,0", "0,2"]),
            ("C", "row", [1.0, 2.0, -1.3], ["1,0", "2,0", "-1,3"]),
            ("Summa", "total", [16.3, 17.0, -0.5], ["16,3", "17,0", "-0,5"])]
    cols = [{"label": "Utfall", "measure": "outcome", "year": 2025}, {"label": "Budget", "measure": "budget", "year": 2025},
            {"label": "Avvikelse", "measure": "deviation", "year": 2025}]
    by_row = {}
    for f in check_tables([_table("T", 3, "mnkr", cols, rows)]):
        by_row.setdefault((f.check, f.row), []).append(f.severity)
    assert by_row[("row_deviation", "A")] == ["info"]        # 10,2 − 10,0 = 0,2 exactly
    assert by_row[("row_deviation", "B")] == ["info"]        # 0,1 off: rounding
    assert by_row[("row_deviation", "C")] == ["error"]       # 0,3 off
    assert by_row[("column_total", "Summa")] == ["info", "info", "error"]   # the deviations add up to −0,9
