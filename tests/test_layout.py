"""The project layout: several boards per year side by side, stable slugs, another report's folder never
overwritten, a year folder parsed whole (names with spaces), and the Makefile without raw-file globbing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REPORT_2020, ROOT, SLUG_2020, sha256_tree, snapshot
from kslib.errors import OutputError, ParameterError
from kslib.pipeline.context import open_processed
from kslib.pipeline.layout import find_processed, find_raw_reports, report_slug, slugify
from kslib.pipeline.render import plan

SECOND = "vaggeryds-kommun-tekniska-namnden"


def second_board(text: str) -> str:
    """The 2020 report as another board's (its title block and self-references renamed)."""
    return text.replace(" Kommunstyrelse \n", " Tekniska nämnden \n", 1).replace("Kommunstyrelsen", "Tekniska nämnden")


@pytest.fixture
def two_boards(tmp_path):
    """A project whose 2020 folder holds two boards' reports (one file name with spaces)."""
    raw = tmp_path / "data" / "raw" / "2020"
    raw.mkdir(parents=True)
    shutil.copy(REPORT_2020, raw / "KS verksamhetsberättelse 2020.txt")
    (raw / "teknisk nämnd 2020.txt").write_text(second_board(REPORT_2020.read_text(encoding="utf-8")),
                                                encoding="utf-8")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    return tmp_path


def test_slugs():
    assert report_slug("Vaggeryds kommun", "Kommunstyrelsen") == SLUG_2020
    assert report_slug("Göteborgs Stad", "Nämnden för Intraservice") == "goteborgs-stad-namnden-for-intraservice"
    assert report_slug("Nacka kommun", "Välfärd skola") == "nacka-kommun-valfard-skola"
    assert report_slug(None, None, fallback="Min rapport 2020.pdf") == "min-rapport-2020"
    # a board's other reports of a year are series of their own, by kind (and an interim report's month)
    assert report_slug("Nacka kommun", "Välfärd skola", kind="årsbokslut") == "nacka-kommun-valfard-skola"
    assert report_slug("Nacka kommun", "Välfärd skola", kind="styrkort") == "nacka-kommun-valfard-skola-styrkort"
    assert report_slug("Lerums kommun", "Kommunstyrelsen", kind="delårsrapport", period_end="2026-03-31") == \
        "lerums-kommun-kommunstyrelsen-delarsrapport-mars"
    assert report_slug("Lerums kommun", "Kommunstyrelsen", kind="tertialrapport", period_end="2026-08-31") == \
        "lerums-kommun-kommunstyrelsen-tertialrapport-augusti"
    assert slugify("  Älvdalens  kommun ") == "alvdalens-kommun"


def test_two_boards_of_one_year_side_by_side(two_boards):
    assert [p.name for p in find_raw_reports(2020, raw_root=two_boards / "data" / "raw")] == \
        ["KS verksamhetsberättelse 2020.txt", "teknisk nämnd 2020.txt"]
    jobs = plan([2020], root=two_boards)
    processed = two_boards / "data" / "processed" / "2020"
    assert sorted(p.name for p in processed.iterdir()) == [SLUG_2020, SECOND]
    meta = {p.name: json.loads((p / "report.json").read_text(encoding="utf-8")) for p in processed.iterdir()}
    assert meta[SLUG_2020]["board"] == "Kommunstyrelsen" and meta[SECOND]["board"] == "Tekniska nämnden"
    assert meta[SLUG_2020]["slug"] == SLUG_2020 and meta[SECOND]["source_file"] == "teknisk nämnd 2020.txt"
    out = {j.slug: j.out_dir for j in jobs}
    assert out == {SLUG_2020: (two_boards / "reports" / "2020" / SLUG_2020).resolve(),
                   SECOND: (two_boards / "reports" / "2020" / SECOND).resolve()}
    labels = [j.label for j in jobs]
    assert len(set(labels)) == len(labels) == 6 and f"2020 {SECOND} ekonomi" in labels
    # a second plan parses nothing and touches neither folder
    before = snapshot(processed)
    plan([2020], root=two_boards)
    assert snapshot(processed) == before
    # a notebook opened without processed_dir chooses by board; without it, it says there are several
    with pytest.raises(ParameterError, match="several reports for 2020"):
        find_processed(2020, root=two_boards)
    assert find_processed(2020, root=two_boards, board="Tekniska nämnden").name == SECOND
    ctx = open_processed(year=2020, processed_dir=str(processed / SECOND))
    assert ctx.board == "Tekniska nämnden"


def test_processed_folder_of_another_report_is_not_overwritten(two_boards, kslib_main):
    raw = two_boards / "data" / "raw" / "2020"
    out = two_boards / "elsewhere"
    assert kslib_main("parse", raw / "KS verksamhetsberättelse 2020.txt", "--out", out).returncode == 0
    before = sha256_tree(out)
    run = kslib_main("parse", raw / "teknisk nämnd 2020.txt", "--out", out)
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"kslib: error: {out}: holds the processed data of another report "
                           f"(KS verksamhetsberättelse 2020.txt: Kommunstyrelsen, Vaggeryds kommun, 2020)")
    assert sha256_tree(out) == before
    # the same report again (or --force) replaces it
    assert kslib_main("parse", raw / "KS verksamhetsberättelse 2020.txt", "--out", out).returncode == 0
    assert kslib_main("parse", raw / "teknisk nämnd 2020.txt", "--out", out, "--force").returncode == 0
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["board"] == "Tekniska nämnden"


def test_two_reports_of_one_board_in_a_year_refused(tmp_path):
    raw = tmp_path / "data" / "raw" / "2020"
    raw.mkdir(parents=True)
    shutil.copy(REPORT_2020, raw / "a.txt")
    (raw / "b.txt").write_text(REPORT_2020.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    with pytest.raises(OutputError, match=rf"{SLUG_2020}: holds the processed data of another report \(a.txt"):
        plan([2020], root=tmp_path)
    assert not (tmp_path / "reports").exists()


def test_parse_a_year_folder(two_boards, kslib_main, monkeypatch):
    monkeypatch.chdir(two_boards)
    run = kslib_main("parse", two_boards / "data" / "raw" / "2020")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (two_boards / "data" / "processed" / "2020").iterdir()) == [SLUG_2020, SECOND]


def test_makefile_finds_reports_through_kslib():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "wildcard" not in text and "RAW_FILE" not in text
    assert '$(BIN)/kslib render --year "$(YEAR)"' in text and '$(BIN)/kslib parse "$(RAW_DIR)"' in text
