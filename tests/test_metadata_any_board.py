"""Front matter of any board's report: municipality, board as the report names itself, kind, year, period.

The corpus truth is in ``tests/corpus/expected/*.json`` ("meta"), read by hand from each document;
the values were checked again against the documents' front pages (title block, running headers).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kslib.cli import main
from kslib.diagnostics import ParseWarning
from kslib.parse.metadata import REPORT_KINDS, Metadata, path_years, read_metadata
from kslib.read import read_source
from kslib.read.source import Source, lines_from_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
RAW_2020 = ROOT / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"
KEYS = ("municipality", "board", "report_kind", "year", "period_start", "period_end")
DOCUMENTS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".pdf", ".txt"))


def _expected(name: str) -> dict:
    meta = json.loads((CORPUS / "expected" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))["meta"]
    return {k: meta[k] for k in KEYS}


def _source(text: str, name: str = "synthetic.txt") -> Source:
    content, furniture = lines_from_text(text.split("\n"))
    return Source(name, "0" * 64, content, None, furniture)


# ------------------------------------------------------------------ the real corpus
def test_corpus_is_complete():
    assert len(DOCUMENTS) == 7
    assert all((CORPUS / "expected" / (Path(n).stem + ".json")).is_file() for n in DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_corpus_metadata(name):
    meta = read_metadata(read_source(CORPUS / name))
    assert {k: getattr(meta, k) for k in KEYS} == _expected(name)


# hand-read from the title block of each document (the JSON files say the same; this guards them)
@pytest.mark.parametrize("name, board, kind, year", [
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", "Nämnden för Intraservice", "årsrapport", 2025),
    ("goteborg_stadsrevisionen_arsredogorelse_2022.pdf", "Stadsrevisionen", "årsredogörelse", 2022),
    ("goteborg_stadsrevisionen_arsredogorelse_2023.pdf", "Stadsrevisionen", "årsredogörelse", 2023),
    ("nacka_valfard-skola_arsbokslut_2017.pdf", "Välfärd skola", "årsbokslut", 2017),
    ("nacka_valfard-skola_arsbokslut_2017_bilaga1-styrkort.pdf", "Välfärd skola", "styrkort", 2017),
    ("nacka_valfard-skola_arsbokslut_2019.pdf", "Välfärd skola", "årsbokslut", 2019),
    ("nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort.pdf", "Välfärd skola", "styrkort", 2019),
])
def test_corpus_hand_read(name, board, kind, year):
    assert _expected(name)["board"] == board and _expected(name)["report_kind"] == kind
    assert _expected(name)["year"] == year
    assert _expected(name)["period_start"] == f"{year}-01-01" and _expected(name)["period_end"] == f"{year}-12-31"
    assert _expected(name)["municipality"] == ("Göteborgs Stad" if name.startswith("goteborg") else "Nacka kommun")


def test_corpus_read_report_meta():
    """The same through read_report (what report.json is written from)."""
    from kslib import read_report

    name = "nacka_valfard-skola_arsbokslut_2019.pdf"
    assert {k: getattr(read_report(CORPUS / name).meta, k) for k in KEYS} == _expected(name)


def test_appendix_takes_the_municipality_of_its_report(tmp_path):
    """The 2019 styrkort never prints the municipality: it is its report's (the file it is an appendix of)."""
    name = "nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort.pdf"
    shutil.copy(CORPUS / name, tmp_path / name)
    assert read_metadata(read_source(tmp_path / name)).municipality is None     # alone
    shutil.copy(CORPUS / "nacka_valfard-skola_arsbokslut_2019.pdf", tmp_path)
    assert read_metadata(read_source(tmp_path / name)).municipality == "Nacka kommun"


def test_a_sibling_of_the_same_name_is_no_parent(tmp_path):
    """``report.pdf`` beside ``report.txt`` (its text layer) is not an appendix of it: no crash, no borrowing."""
    name = "nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort"
    shutil.copy(CORPUS / f"{name}.pdf", tmp_path / f"{name}.pdf")
    (tmp_path / f"{name}.txt").write_text("Nacka kommun\n", encoding="utf-8")
    assert read_metadata(read_source(tmp_path / f"{name}.pdf")).municipality is None


# ------------------------------------------------------------------ the 2020 report
def test_2020_report_names_itself_kommunstyrelsen():
    meta = read_metadata(read_source(RAW_2020))
    assert meta.board == "Kommunstyrelsen"     # the cover prints "Kommunstyrelse"; the text says "Kommunstyrelsen"
    assert (meta.municipality, meta.report_kind, meta.year) == ("Vaggeryds kommun", "verksamhetsberättelse", 2020)
    assert (meta.period_start, meta.period_end) == ("2020-01-01", "2020-12-31")
    assert (meta.chair, meta.chair_party, meta.head) == ("Gert Jonsson", "m", "Annika Hedvall")
    assert (meta.net_cost_tkr, meta.fte, meta.cost_per_inhabitant_kr) == (71994, 78, 4954)


def test_metadata_fields_stay_compatible():
    positional = Metadata("Åby kommun", "Kommunstyrelsen", 2020, None, None, None, None, None, None)
    assert positional.report_kind is None and positional.period_start is None and positional.period_end is None
    assert list(positional.to_dict())[-3:] == ["report_kind", "period_start", "period_end"]
    assert Metadata(**positional.to_dict()) == positional
    assert "delårsrapport" in REPORT_KINDS and "styrkort" in REPORT_KINDS


# ------------------------------------------------------------------ synthetic reports
DELAR = """Lilla kommun
Delårsrapport januari–mars 2026
Kultur- och fritidsnämnden

Kultur- och fritidsnämnden redovisar periodens utfall. Bokslut 2025 var 12 mnkr.
Utfall 2025 jämförs med utfall perioden. Lilla kommun växer.
"""


def test_delarsrapport_january_to_march():
    meta = read_metadata(_source(DELAR))
    assert (meta.municipality, meta.board, meta.report_kind) == ("Lilla kommun", "Kultur- och fritidsnämnden",
                                                                 "delårsrapport")
    assert (meta.year, meta.period_start, meta.period_end) == (2026, "2026-01-01", "2026-03-31")


def test_delarsrapport_with_a_running_header_of_the_year_before():
    """The title's year wins over other years in the text."""
    text = DELAR + "\nBokslut 2025 Utfall 2025 Måluppfyllelse 2025\n"
    assert read_metadata(_source(text)).year == 2026


@pytest.mark.parametrize("title, start, end", [
    ("Tertialrapport 1 2024", "2024-01-01", "2024-04-30"),
    ("Tertialrapport 2, 2024", "2024-01-01", "2024-08-31"),
    ("Delårsrapport per 31 augusti 2024", "2024-01-01", "2024-08-31"),
    ("Delårsrapport 2024-01-01 -- 2024-06-30", "2024-01-01", "2024-06-30"),
    ("Månadsrapport mars 2024", "2024-01-01", "2024-03-31"),
    ("Årsredovisning 2024", "2024-01-01", "2024-12-31"),
])
def test_periods(title, start, end):
    text = f"{title}\nSocialnämnden\n\nSocialnämnden i Storby kommun redovisar. Bokslut 2023 jämförs.\n"
    meta = read_metadata(_source(text))
    assert (meta.board, meta.year, meta.period_start, meta.period_end) == ("Socialnämnden", 2024, start, end)
    assert meta.report_kind == title.split()[0].lower()


def test_per_date_without_year_takes_the_reports_year():
    text = "Delårsrapport för 2024\nper 31 augusti\nTekniska nämnden\nTekniska nämnden i Åby kommun.\n"
    meta = read_metadata(_source(text))
    assert (meta.board, meta.report_kind, meta.year) == ("Tekniska nämnden", "delårsrapport", 2024)
    assert (meta.period_start, meta.period_end) == ("2024-01-01", "2024-08-31")


def test_kultur_och_fritidsnamnden_cover():
    text = ("Kultur- och fritidsnämnden\nÅrsredovisning 2023\n\nOrdförande: Anna Svensson (s)\n"
            "Förvaltningschef: Per Persson\nKultur- och fritidsnämnden i Exempelby kommun.\n")
    meta = read_metadata(_source(text))
    assert (meta.board, meta.municipality, meta.report_kind, meta.year) == (
        "Kultur- och fritidsnämnden", "Exempelby kommun", "årsredovisning", 2023)
    assert (meta.chair, meta.chair_party, meta.head) == ("Anna Svensson", "s", "Per Persson")


def test_title_board_wins_over_the_addressee():
    """A tjänsteskrivelse addressed to Kommunstyrelsen is the other board's report."""
    text = ("2020-03-04\nTjänsteskrivelse\nKommunstyrelsen\nÅrsbokslut 2019 för Miljö- och byggnadsnämnden\n"
            "Miljö- och byggnadsnämnden redovisar. Kommunstyrelsen noterar. Åby kommun\n")
    meta = read_metadata(_source(text))
    assert (meta.board, meta.report_kind, meta.year) == ("Miljö- och byggnadsnämnden", "årsbokslut", 2019)


def test_genitive_title_and_upper_case_title():
    assert read_metadata(_source("Överförmyndarnämndens årsredovisning 2022\n"
                                 "Överförmyndarnämnden i Åby kommun.\n")).board == "Överförmyndarnämnden"
    meta = read_metadata(_source("STYRKORT PRODUKTION SKOLA 2021-2023\nMål för Produktion skola.\n"
                                 "Produktion skola i Åby kommun.\n"))
    assert (meta.board, meta.report_kind, meta.year) == ("Produktion skola", "styrkort", 2021)


def test_not_a_board_names():
    """The municipality, or a generic plural, is not a board."""
    assert read_metadata(_source("Årsredovisning 2023 Åby kommun\nÅby kommun redovisar.\n")).board is None
    assert read_metadata(_source("Årsrapport nämnder och\nstyrelser 2025\n")).board is None
    assert read_metadata(_source("Förslag till styrelsen\nÅby kommun\n")).board is None


# ------------------------------------------------------------------ year override and mismatch
def test_year_override_moves_the_derived_period():
    w: list[ParseWarning] = []
    meta = read_metadata(read_source(RAW_2020), year=2021, warnings=w)
    assert (meta.year, meta.period_start, meta.period_end) == (2021, "2021-01-01", "2021-12-31")
    assert [x.code for x in w] == ["year-mismatch"] and "2020" in w[0].message


def test_year_override_keeps_a_stated_period():
    meta = read_metadata(_source(DELAR), year=2027)
    assert (meta.year, meta.period_start, meta.period_end) == (2027, "2026-01-01", "2026-03-31")


def test_no_warning_without_a_list_or_when_the_path_agrees():
    assert read_metadata(read_source(RAW_2020), fallback_year=2020).year == 2020   # the old signature works
    w: list[ParseWarning] = []
    read_metadata(read_source(RAW_2020), warnings=w)
    assert w == []


def test_path_years():
    assert path_years(Path("data/raw/2020/vaggeryd_ks_verksamhetsberattelse_2020.txt")) == [2020]
    assert path_years(Path("data/raw/2019/report_2020.pdf")) == [2019, 2020]
    assert path_years(Path("x/version191202.pdf")) == []
    assert path_years(None) == []


def _copy_2020(folder: Path, name: str = RAW_2020.name) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(RAW_2020, folder / name))


def test_cli_year_override_and_warning(tmp_path, capsys):
    raw = _copy_2020(tmp_path / "raw" / "2020")
    out = tmp_path / "out"
    assert main(["parse", str(raw), "--out", str(out), "--year", "2021"]) == 0
    captured = capsys.readouterr()
    meta = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (meta["year"], meta["period_start"], meta["period_end"]) == (2021, "2021-01-01", "2021-12-31")
    assert (meta["board"], meta["report_kind"]) == ("Kommunstyrelsen", "verksamhetsberättelse")
    assert "Kommunstyrelsen, Vaggeryds kommun" in captured.out and "2021" in captured.out
    assert "warning:" in captured.err and "2021 (given by --year) disagrees with the year 2020" in captured.err


def test_cli_year_read_disagrees_with_folder(tmp_path, capsys):
    raw = _copy_2020(tmp_path / "raw" / "2019", "vaggeryd_ks.txt")
    out = tmp_path / "out"
    assert main(["parse", str(raw), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2020 (read from the report) disagrees with the year 2019" in err
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["year"] == 2020


def test_cli_no_warning_when_the_year_agrees(tmp_path, capsys):
    raw = _copy_2020(tmp_path / "raw" / "2020")
    assert main(["parse", str(raw), "--out", str(tmp_path / "out"), "--year", "2020"]) == 0
    assert "disagrees" not in capsys.readouterr().err


def test_cli_year_names_the_default_folder(tmp_path, monkeypatch, capsys):
    raw = _copy_2020(tmp_path / "raw", "report.txt")
    monkeypatch.chdir(tmp_path)
    assert main(["parse", str(raw), "--year", "2021"]) == 0
    folder = tmp_path / "data" / "processed" / "2021" / "vaggeryds-kommun-kommunstyrelsen"   # <year>/<slug>/
    meta = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    assert meta["year"] == 2021
    assert "disagrees" not in capsys.readouterr().err     # no year in this path


def test_a_report_without_front_matter_is_read_when_it_has_a_table(tmp_path):
    """Never refused for its layout: no board, no net cost, no known title — a table of figures is enough."""
    import kslib

    text = ("Uppföljning per verksamhet\n\n"
            "Belopp i tkr            Utfall 2024   Budget 2024   Avvikelse\n"
            "Bibliotek                     4 100         3 950        -150\n"
            "Museum                        2 000         2 300         300\n"
            "Summa                         6 100         6 250         150\n")
    path = tmp_path / "2024" / "bilaga.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    report = kslib.read_report(path)
    cells = report.table("tables")
    assert set(cells["row"]) >= {"Bibliotek", "Museum", "Summa"}
    museum = cells[(cells.row == "Museum") & (cells.measure == "budget")]["value"].tolist()
    assert museum == [2300]
