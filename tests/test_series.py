"""Series across one board's reports: the corpus (Stadsrevisionen 2022–2023, Nacka Välfärd skola 2017 and 2019)
and generated years of the 2020 template (years shifted, a row renamed, a row added)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import kslib
from conftest import REPORT_2020
from kslib.errors import InputFileError, ParameterError
from kslib.pipeline.contract import write_processed
from kslib.pipeline.series import RESTATEMENT_COLUMNS, SERIES_COLUMNS, clean_label, collect, normalise_label
from kslib.parse.report import read_report
from kslib.present import series as flerar

CORPUS = Path(__file__).resolve().parent / "corpus"
SR = [CORPUS / f"goteborg_stadsrevisionen_arsredogorelse_{y}.pdf" for y in (2022, 2023)]
NACKA = [CORPUS / f"nacka_valfard-skola_arsbokslut_{y}.pdf" for y in (2017, 2019)]


def expected_rows(name: str, title_start: str) -> dict[str, list]:
    """The hand-written expected cells of a corpus table: ``{label: values}``."""
    data = json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    (table,) = [t for t in data["tables"] if t["title"].startswith(title_start)]
    return {r.get("label_clean", r["label"]): r["values"] for r in table["rows"]}


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    """The four corpus reports parsed once into processed folders."""
    root = tmp_path_factory.mktemp("series")
    out = {}
    for path in (*SR, *NACKA):
        folder = root / path.stem
        write_processed(read_report(path), folder)
        out[path.stem] = folder
    return out


@pytest.fixture(scope="module")
def stadsrevisionen(processed):
    return collect([processed[p.stem] for p in SR])


def value(series: pd.DataFrame, row: str, measure: str, year: int) -> float:
    hit = series[(series["row"] == row) & (series["measure"] == measure) & (series["year"] == year)]
    assert len(hit) == 1, (row, measure, year, hit)
    return float(hit["value"].iloc[0])


def test_stadsrevisionen_result_per_year_matches_the_documents(stadsrevisionen):
    # "Utfall per 2022-12-31" (PDF p. 43) and "Tabell 1 Utfall per 2023-12-31" (PDF p. 37)
    e22 = expected_rows("goteborg_stadsrevisionen_arsredogorelse_2022", "Utfall per 2022")
    e23 = expected_rows("goteborg_stadsrevisionen_arsredogorelse_2023", "Tabell 1")
    assert e22["Periodens resultat"] == [-584, -500, 739] and e23["Periodens resultat"] == [740, -750, -584]
    s = stadsrevisionen.series
    assert list(s.columns) == SERIES_COLUMNS
    assert value(s, "Periodens resultat", "outcome", 2021) == 739
    assert value(s, "Periodens resultat", "outcome", 2022) == -584
    assert value(s, "Periodens resultat", "outcome", 2023) == 740
    assert value(s, "Periodens resultat", "budget", 2022) == -500
    assert value(s, "Periodens resultat", "budget", 2023) == -750
    # each figure names the report it is read from: 2021 only the 2022 report prints; 2022 the latest (2023)
    row = s[(s["row"] == "Periodens resultat") & (s["measure"] == "outcome")].set_index("year")
    assert row.loc[2021, ["report_year", "page", "unit"]].tolist() == [2022, 43, "tkr"]
    assert row.loc[2022, ["report_year", "page"]].tolist() == [2023, 37]
    assert row.loc[2023, "source_file"] == SR[1].name
    assert set(s["board"]) == {"Stadsrevisionen"} and set(s["municipality"]) == {"Göteborgs Stad"}
    assert set(s["slug"]) == {"goteborgs-stad-stadsrevisionen"}


def test_stadsrevisionen_restated_other_costs(stadsrevisionen):
    e22 = expected_rows("goteborg_stadsrevisionen_arsredogorelse_2022", "Utfall per 2022")
    e23 = expected_rows("goteborg_stadsrevisionen_arsredogorelse_2023", "Tabell 1")
    assert e22["Övriga kostnader"][0] == -8177 and e23["Övriga kostnader"][2] == -8178
    r = stadsrevisionen.restatements
    assert list(r.columns) == RESTATEMENT_COLUMNS
    assert len(r) == 1                    # the sums agree: nothing else is printed differently
    hit = r.iloc[0]
    assert (hit["row"], hit["measure"], hit["year"]) == ("Övriga kostnader", "outcome", 2022)
    assert (hit["value_before"], hit["report_year_before"], hit["page_before"]) == (-8177, 2022, 43)
    assert (hit["value_after"], hit["report_year_after"], hit["page_after"]) == (-8178, 2023, 37)
    assert hit["source_file_before"] == SR[0].name and hit["source_file_after"] == SR[1].name
    s = stadsrevisionen.series
    assert value(s, "Övriga kostnader", "outcome", 2022) == -8178
    restated = s[s["restated"]]
    assert restated[["row", "year"]].values.tolist() == [["Övriga kostnader", 2022]]


def test_nacka_units_matched_by_code_over_four_years(processed):
    h = collect([processed[p.stem] for p in NACKA])
    s = h.series
    e17 = expected_rows("nacka_valfard-skola_arsbokslut_2017", "Utfall mot budget 2017")
    e19 = expected_rows("nacka_valfard-skola_arsbokslut_2019", "Utfall mot budget 2019")
    row = s[s["row_key"] == "910"]
    assert set(row["row"]) == {"Sigfridsborgs skola med fsk"}
    net = row[row["measure"] == "net"].set_index("year")["value"]
    outcome = row[row["measure"] == "outcome"].set_index("year")["value"]
    assert net[2016] == e17["910 Sigfridsborgs skola med fsk"][7] == 2054
    assert net[2017] == e17["910 Sigfridsborgs skola med fsk"][2] == 1988
    assert outcome[2018] == e19["910 Sigfridsborgs skola med fsk"][6] == 1618
    assert outcome[2019] == e19["910 Sigfridsborgs skola med fsk"][0] == 2423
    # one code on two rows (928 Samhälle and Natur & teknik) stays two rows, matched by code and label
    keys928 = sorted(k for k in s["row_key"].unique() if k.startswith("928"))
    assert keys928 == ["928 nacka gymnasium natur teknik", "928 nacka gymnasium samhälle"]
    samh = s[(s["row_key"] == keys928[1]) & (s["measure"].isin(["net", "outcome"]))].set_index("year")["value"]
    assert samh[2017] == 1105 and samh[2019] == 2078
    assert h.years == [2017, 2019] and h.restatements.empty       # no year printed twice
    total = s[(s["row"] == "Total") & (s["measure"] == "outcome")].set_index("year")["value"]
    assert total[2019] == 10391 and total[2018] == -15120


def test_nacka_overview_takes_each_year_from_the_main_table(processed):
    """2017 prints its units' "Utfall netto" (net, p. 9), 2019 their "Utfall" (outcome, p. 8): the overview
    shows all four years. The 2017 report also prints a short extract ("De enheter som har de största
    avvikelserna", p. 7) where Orminge reads -5 797; the main table's -5 793 is the year's figure."""
    h = collect([processed[p.stem] for p in NACKA])
    result = flerar.result_by_year(h.series)
    assert result["År"].tolist() == ["2016", "2017", "2018", "2019"]
    assert result["Utfall"].tolist() == [9298, 9336, -15120, 10391]
    assert result["Avvikelse mot budget"].tolist()[1::2] == [136, 91]
    areas = flerar.largest_areas(h.series).set_index("Område")
    assert areas.loc["943 Orminge skola med förskolor", "2017"] == -5793
    assert areas.loc["943 Orminge skola med förskolor", "2019"] == -4069


def test_several_boards_refused(processed):
    with pytest.raises(ParameterError, match="several boards"):
        collect([processed[SR[0].stem], processed[NACKA[0].stem]])


def test_public_api_and_raw_sources(processed):
    assert "series" in kslib.__all__
    frame = kslib.series(processed[SR[0].stem], SR[1])             # a processed folder and a raw PDF
    assert value(frame, "Periodens resultat", "outcome", 2023) == 740
    assert value(frame, "Periodens resultat", "outcome", 2021) == 739
    with pytest.raises(InputFileError, match="no such file or folder"):
        kslib.series(processed[SR[0].stem].parent / "missing")


def test_cli_series_writes_both_files(processed, tmp_path, kslib_main):
    out = tmp_path / "series"
    run = kslib_main("series", *(processed[p.stem] for p in SR), "--out", out)
    assert run.returncode == 0, run.stderr
    assert "2 reports" in run.stdout and "1 restated" in run.stdout
    s = pd.read_csv(out / "series.csv")
    r = pd.read_csv(out / "restatements.csv")
    assert list(s.columns) == SERIES_COLUMNS and list(r.columns) == RESTATEMENT_COLUMNS
    assert r[["row", "year", "value_before", "value_after"]].values.tolist() == [["Övriga kostnader", 2022, -8177, -8178]]
    run = kslib_main("series", processed[SR[0].stem], processed[NACKA[0].stem], "--out", tmp_path / "x")
    assert run.returncode == 2 and "several boards" in run.stderr and not (tmp_path / "x").exists()


def test_present_frames_and_sentences(stadsrevisionen):
    result = flerar.result_by_year(stadsrevisionen.series)
    assert result["År"].tolist() == ["2021", "2022", "2023"]
    assert result["Utfall"].tolist() == [739, -584, 740]
    assert result["Avvikelse mot budget"].tolist()[1:] == [-84, 1490]
    text = " ".join(flerar.summary(result, stadsrevisionen.restatements, years=stadsrevisionen.years))
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-")
    assert "Periodens resultat 2023 blev 740 tkr mot budgeterade -750 tkr, 1 490 tkr bättre än budget." in text
    assert "2021: 739 tkr; 2022: -584 tkr" in text
    table = flerar.restatement_table(stadsrevisionen.restatements)
    assert table.iloc[0][["Rad", "År", "Först redovisat", "Senare redovisat"]].tolist() == \
        ["Övriga kostnader", "2022", -8177, -8178]
    assert table.iloc[0]["Enligt"] == "rapporten 2022, s. 43"


def test_labels_normalised():
    assert clean_label("Övriga kostnader*") == "Övriga kostnader"
    assert normalise_label("ÅRETS  RESULTAT") == normalise_label("Årets resultat") == "årets resultat"
    assert normalise_label("Projekt – och samverkan") == normalise_label("Projekt - och samverkan")


# --------------------------------------------------------------------------- generated years of the template

def shifted(text: str, years: int) -> str:
    return re.sub(r"\b(20[0-3]\d)\b", lambda m: str(int(m.group(1)) + years), text)


@pytest.fixture(scope="module")
def template_years(tmp_path_factory):
    """The 2020 report and a 2021 report made from it: years +1, "131 Kommunledningskontor" renamed (same
    code), "Verksamhetens intäkter" renamed (no code), a key figure row added."""
    root = tmp_path_factory.mktemp("template")
    text = REPORT_2020.read_text(encoding="utf-8")
    later = shifted(text, 1)
    later = later.replace("131 Kommunledningskontor 39 264", "131 Kommunledningsförvaltning 39 264")
    later = later.replace("Verksamhetens intäkter 26 767", "Intäkter från verksamheten 26 767")
    line = next(l for l in later.splitlines() if l.startswith("Manuella leverantörsfakturor"))
    later = later.replace(line, line + "\nDigitala kvitton 10 20 30 40 50", 1)
    raw = root / "raw" / "2021"
    raw.mkdir(parents=True)
    (raw / "vaggeryd_ks_2021.txt").write_text(later, encoding="utf-8")
    folders = [root / "p2020", root / "p2021"]
    write_processed(read_report(REPORT_2020), folders[0])
    write_processed(read_report(raw / "vaggeryd_ks_2021.txt", year=2021), folders[1])   # as kslib parse --year
    return folders


def test_template_years_shifted(template_years):
    h = collect(template_years)
    s = h.series
    assert h.years == [2020, 2021]
    # the renamed coded row is one row (matched by its code 131), labelled as the latest report prints it
    area = s[(s["table_kind"] == "operating_by_area") & (s["row_key"] == "131")]
    assert set(area["row"]) == {"Kommunledningsförvaltning"}
    outcome = area[area["measure"] == "outcome"].set_index("year")["value"]
    assert outcome[2019] == 37892 and outcome[2021] == 39264
    assert outcome[2020] == 37892            # the 2021 report's prior-year column (the shifted 2019 figures)
    # ... which differs from what the 2020 report printed for 2020: a restatement, both sources named
    r = h.restatements
    hit = r[(r["row_key"] == "131") & (r["measure"] == "outcome") & (r["year"] == 2020)].iloc[0]
    assert (hit["value_before"], hit["value_after"]) == (39264, 37892)
    assert (hit["source_file_before"], hit["source_file_after"]) == (REPORT_2020.name, "vaggeryd_ks_2021.txt")
    # the uncoded renamed row is two rows without a renames file ...
    inc = s[(s["table_kind"] == "income_statement") & s["row"].isin(["Verksamhetens intäkter",
                                                                      "Intäkter från verksamheten"])]
    assert set(inc["row_key"]) == {"verksamhetens intäkter", "intäkter från verksamheten"}
    # ... the added key figure has only the later report's years
    added = s[(s["row"] == "Digitala kvitton")]
    assert sorted(added["year"]) == [2017, 2018, 2019, 2020, 2021]
    assert set(added["report_year"]) == {2021}


def test_template_renames_file(template_years, tmp_path):
    renames = tmp_path / "renames.csv"
    renames.write_text("from,to\nVerksamhetens intäkter,Intäkter från verksamheten\n", encoding="utf-8")
    s = collect(template_years, renames=renames).series
    inc = s[(s["table_kind"] == "income_statement") & (s["row_key"] == "intäkter från verksamheten")]
    assert set(inc["row"]) == {"Intäkter från verksamheten"}
    got = inc[inc["measure"] == "outcome"].set_index("year")["value"]
    assert got[2019] == 28398 and got[2021] == 26767
    bad = tmp_path / "bad.csv"
    bad.write_text("old,new\na,b\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="from,to"):
        collect(template_years, renames=bad)
