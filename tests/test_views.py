"""The views (driftredovisning, resultatrakning) are the catalogued tables of their kind, whatever their title:
values read by hand from the corpus documents."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

import kslib

CORPUS = Path(__file__).parent / "corpus"


@lru_cache(maxsize=None)
def _report(name: str):
    return kslib.read_report(CORPUS / name)


def _value(frame, label: str, measure: str, year: int) -> float:
    cells = frame[(frame["row_label"] == label) & (frame["measure"] == measure) & (frame["year"] == year)]
    assert len(cells) == 1, (label, measure, year, len(cells))
    return float(cells["value"].iloc[0])


def test_nacka_2017_units_table_is_the_driftredovisning():
    # "Utfall mot budget 2017", p. 9: 910 Sigfridsborgs skola med fsk  103 198  -101 210  1 988  0  1 988
    drift = _report("nacka_valfard-skola_arsbokslut_2017.pdf").table("driftredovisning")
    row = drift[drift["row_code"] == "910"]
    assert set(row["row_label"]) == {"Sigfridsborgs skola med fsk"}
    assert _value(drift, "Sigfridsborgs skola med fsk", "income", 2017) == 103198
    assert _value(drift, "Sigfridsborgs skola med fsk", "cost", 2017) == -101210
    assert _value(drift, "Sigfridsborgs skola med fsk", "outcome", 2017) == 1988
    assert set(drift["unit"]) == {"tkr"} and set(drift["page"]) == {9}
    assert "total" in set(drift["kind"])


def test_nacka_2019_keeps_the_year_to_date_budget_not_the_full_year_one():
    # p. 8: Total  10 391 | 10 300 | 91 | … ; the table states no unit, the text's "+26,0 miljoner kronor" tells tkr
    drift = _report("nacka_valfard-skola_arsbokslut_2019.pdf").table("driftredovisning")
    assert _value(drift, "Total", "outcome", 2019) == 10391
    assert _value(drift, "Total", "budget", 2019) == 10300
    assert _value(drift, "Total", "deviation", 2019) == 91
    assert set(drift["unit"]) == {"tkr"}


def test_intraservice_resultatrakning_in_mnkr():
    # "3.2 Resultaträkning", p. 22: Digital infrastruktur, förvaltning  776,9  789,3  -12,4 …
    report = _report("goteborg_namnden-for-intraservice_arsrapport_2025.txt")
    result = report.table("resultatrakning")
    assert _value(result, "Digital infrastruktur, förvaltning", "outcome", 2025) == pytest.approx(776.9)
    assert _value(result, "Digital infrastruktur, förvaltning", "budget", 2025) == pytest.approx(789.3)
    assert set(result["unit"]) == {"mnkr"}
    assert set(result["page"]) <= {22, 23}


@pytest.mark.parametrize("name", ["goteborg_stadsrevisionen_arsredogorelse_2022.pdf",
                                  "goteborg_stadsrevisionen_arsredogorelse_2023.pdf"])
def test_stadsrevisionen_utfall_table_is_the_resultatrakning(name):
    result = _report(name).table("resultatrakning")
    assert not result.empty and set(result["unit"]) == {"tkr"}
    assert _report(name).table("driftredovisning").empty       # no table per area or unit


def test_stadsrevisionen_2022_figures():
    # p. 43 "Utfall per 2022-12-31" (tkr): Summa kostnader -44 150 | -43 962 | -40 719; Periodens resultat -584
    result = _report("goteborg_stadsrevisionen_arsredogorelse_2022.pdf").table("resultatrakning")
    assert _value(result, "Summa kostnader", "outcome", 2022) == -44150
    assert _value(result, "Summa kostnader", "budget", 2022) == -43962
    assert _value(result, "Summa kostnader", "outcome", 2021) == -40719
    assert _value(result, "Periodens resultat", "outcome", 2022) == -584


def test_the_2020_views_are_projections_of_the_catalog():
    report = kslib.read_report(Path(__file__).parents[1] / "data" / "raw" / "2020"
                               / "vaggeryd_ks_verksamhetsberattelse_2020.txt")
    drift, cells = report.table("driftredovisning"), report.table("tables")
    assert _value(drift, "Politisk verksamhet", "outcome", 2020) == 7221
    (table,) = set(drift["table"])
    catalogued = cells[(cells["table"] == table) & (cells["measure"] != "surplus")]
    assert catalogued["title"].iloc[0] == "DRIFTREDOVISNING, TKR"
    assert sorted(catalogued["value"].dropna()) == sorted(drift.loc[drift["measure"] != "surplus", "value"].dropna())


def test_table_settings_change_for_a_block_only():
    from kslib.parse.tables import settings
    base = settings.current()
    with settings.using(pdf_column_edges=12.0, header_lines=3) as s:
        assert s.pdf_column_edges == 12.0 and settings.current().header_lines == 3
    assert settings.current() == base and base.pdf_column_edges == 9.0
    with pytest.raises(TypeError, match="unknown table settings: column_gap"):
        with settings.using(column_gap=3):
            pass
