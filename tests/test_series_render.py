"""End to end: a fresh project with Stadsrevisionen 2022 and 2023 and a second board in 2023; each year's
render (as ``make report YEAR=…``) publishes its pages, and 2023 adds a Flerårsöversikt with the reports'
figures and the restated 2022 figure. The two boards of 2023 never touch each other's files. Slow."""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from conftest import REPORT_2020, ROOT, snapshot

CORPUS = Path(__file__).resolve().parent / "corpus"
SLUG = "goteborgs-stad-stadsrevisionen"
OTHER = "goteborgs-stad-revisorskollegiet-test"


def page_text(path: Path) -> str:
    body = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-").split())


@pytest.mark.slow
def test_two_years_and_a_flerarsoversikt(tmp_path, kslib_cmd):
    raw = tmp_path / "data" / "raw"
    (raw / "2022").mkdir(parents=True)
    (raw / "2023").mkdir(parents=True)
    shutil.copy(CORPUS / "goteborg_stadsrevisionen_arsredogorelse_2022.pdf", raw / "2022" / "Stadsrevisionen 2022.pdf")
    shutil.copy(CORPUS / "goteborg_stadsrevisionen_arsredogorelse_2023.pdf", raw / "2023")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    for year in (2022, 2023):
        run = kslib_cmd("render", "--year", year, "--root", tmp_path, "--quiet", cwd=tmp_path, timeout=900)
        assert run.returncode == 0, run.stderr
    pages22, pages23 = tmp_path / "reports" / "2022" / SLUG, tmp_path / "reports" / "2023" / SLUG
    # the Stadsrevisionen reports have no labour-market figures: that page is left out; their own goals
    # ("Revisorernas egna mål") are listed, unassessed
    assert sorted(p.name for p in pages22.glob("*.html")) == ["ekonomi.html", "maluppfyllelse.html"]
    assert sorted(p.name for p in pages23.glob("*.html")) == ["ekonomi.html", "flerar.html", "maluppfyllelse.html"]
    text = page_text(pages23 / "flerar.html")
    assert text.index("Sammanfattning") < text.index("Resultat mot budget per år")          # message first
    assert "Periodens resultat 2023 blev 740 tkr mot budgeterade -750 tkr" in text
    assert "2021: 739 tkr; 2022: -584 tkr" in text
    assert re.search(r"2021 Periodens resultat 739 .*2022 Periodens resultat -584 -500 .*2023 Periodens resultat 740",
                     text)
    assert "Övriga kostnader 2022: -8 177 tkr i rapporten 2022, -8 178 tkr i rapporten 2023." in text
    # what the reports do not give is named once, without empty sections
    # (an income statement and key figures, no table per area, no goal assessed)
    assert ("Rapporterna redovisar inga områden som kunde följas över åren och ingen bedömning av hur målen "
            "uppfylls; de avsnitten visas inte.") in text
    assert "De största områdena över åren" not in text and "Måluppfyllelse per år" not in text
    assert "Nyckeltal över tid" in text
    # each key figure with its own decimals: counts whole, årsarbetare with one (Antal anställda, p. 45/38)
    assert re.search(r"Totalt antal anställda antal 35 31 34 ", text) and "Arbetad tid (årsarbetare)" in text
    assert "Källa: Stadsrevisionens årsredogörelse 2022, Göteborgs Stad; Stadsrevisionens årsredogörelse 2023" in text
    for word in (".pdf", "sha256", "SHA-256", "kslib", "import ", "Traceback", "tables.csv"):
        assert word not in text, word
    assert "<svg" in (pages23 / "flerar.html").read_text(encoding="utf-8")

    # a second board's report arrives for 2023: rendered beside, nothing of the first board changes
    before = {p: snapshot(p) for p in (pages23, tmp_path / "data" / "processed" / "2023" / SLUG)}
    text = REPORT_2020.read_text(encoding="utf-8")
    (raw / "2023" / "andra nämnden.txt").write_text(text.replace(" Kommunstyrelse \n", " Tekniska nämnden \n", 1)
                                                    .replace("Kommunstyrelsen", "Tekniska nämnden"), encoding="utf-8")
    run = kslib_cmd("render", "--year", "2023", "--root", tmp_path, "--quiet", "-n", "maluppfyllelse",
                    "-p", "raw_path=data/raw/2023/andra nämnden.txt", cwd=tmp_path, timeout=900)
    # the text is a 2020 report: its notebooks fail in their own folder, the first board's are untouched
    assert run.returncode not in (0, 1) and "the report is for 2020, but year = 2023" in run.stderr
    other = tmp_path / "reports" / "2023" / "vaggeryds-kommun-tekniska-namnden"
    assert (other / "maluppfyllelse.failed.ipynb").is_file()
    assert {p: snapshot(p) for p in before} == before
