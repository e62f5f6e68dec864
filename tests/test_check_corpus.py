"""``kslib check`` on the real corpus: the documents' own errors (tests/corpus/README_corpus.md and the
hand-read expected files) are reported, located, and nothing false is."""
from __future__ import annotations

from pathlib import Path

import pytest

import kslib

CORPUS = Path(__file__).parent / "corpus"

# document -> the errors it contains: (table title, row, printed figure)
KNOWN_ERRORS = {
    "goteborg_namnden-for-intraservice_arsrapport_2025.txt": {
        ("Förändringsinsatser", "Digital infrastruktur", -0.5),          # −22,7 − (−22,4) = −0,3
        ("Förändringsinsatser", "Summa förändringsinsatser", 2.4),      # −24,5 − (−27,1) = 2,6
    },
    "goteborg_stadsrevisionen_arsredogorelse_2022.pdf": {
        ("Antal anställda", "Totalt antal anställda", 34),              # 33 + 0 + 1 + 1 = 35
    },
    "goteborg_stadsrevisionen_arsredogorelse_2023.pdf": {
        ("Utfall per 2023-12-31", "Summa kostnader", -45982),          # "-7 73" for −7 738 in Övriga kostnader
    },
    # the p. 7 table of the largest deviations prints 4 703 and −5 597 where the p. 9 table has 4 578, −5 593
    "nacka_valfard-skola_arsbokslut_2017.pdf": {
        ("Utfall mot budget 2017", "911 Stavsborgsskolan", 4578),
        ("Utfall mot budget 2017", "943 Orminge skola med förskolor", -5593),
    },
    "nacka_valfard-skola_arsbokslut_2019.pdf": set(),
}


@pytest.fixture(scope="module", params=sorted(KNOWN_ERRORS))
def checked(request):
    report = kslib.read_report(CORPUS / request.param)
    return request.param, kslib.run_checks(report)


def test_the_documents_own_errors_and_nothing_false(checked):
    name, checks = checked
    errors = checks[checks.severity == "error"]
    found = {(title, row, found) for title, row, found in zip(errors.table, errors.row, errors.found)}
    assert found == KNOWN_ERRORS[name]
    assert (checks.severity == "warning").sum() == 0


def test_each_error_is_located_on_its_page(checked):
    name, checks = checked
    pages = {"Förändringsinsatser": 19, "Antal anställda": 45, "Utfall per 2023-12-31": 37,   # PDF pages
             "Utfall mot budget 2017": 9}
    for rec in checks[checks.severity == "error"].itertuples():
        assert rec.page == pages[rec.table], rec
        assert rec.message.startswith(f"Tabellen \u201d{rec.table}\u201d (s. {rec.page}), raden {rec.row}")


def test_the_identities_were_checked(checked):
    """A clean result means something only when the relations were found: each document's tables were
    read and their identities checked."""
    name, checks = checked
    identities = ("row_deviation", "row_change", "row_net", "column_total", "subtotal", "table_consistency")
    assert checks.check.isin(identities).sum() >= 9
