"""The committee pages of every corpus document, rendered once and read in headless Chromium.

Each page must hold up for a committee member: no console error, no code, nothing loaded from outside,
no technical detail (hashes, file names, line numbers, tool names, CSV files); its first screen (the top
1280 × 900 pixels) says the year's message as read by hand from the report; and it carries an "Utkast"
notice on that screen exactly where it shows statuses the report's text does not state.  A full-page
screenshot of every page is kept (``$KSLIB_SCREENSHOTS/corpus`` or ``<tmp>/kslib-screenshots/corpus``).

Every document is rendered in one scratch project by one ``kslib render`` call, as a user would: a board's
årsbokslut and its styrkort of the same year are two reports of one board, kept apart by the report's kind
(``reports/<year>/<board>/`` and ``reports/<year>/<board>-styrkort/``).
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

import browser

pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not browser.available(),
                                 reason=f"{browser.CHROMIUM} not installed (apt-get install -y chromium)")]

CORPUS = Path(__file__).parent / "corpus"
DOCUMENTS = {"nacka_valfard-skola_arsbokslut_2017.pdf": 2017, "nacka_valfard-skola_arsbokslut_2019.pdf": 2019,
             "goteborg_stadsrevisionen_arsredogorelse_2022.pdf": 2022,
             "goteborg_stadsrevisionen_arsredogorelse_2023.pdf": 2023,
             "goteborg_namnden-for-intraservice_arsrapport_2025.txt": 2025,
             "nacka_valfard-skola_arsbokslut_2017_bilaga1-styrkort.pdf": 2017,
             "nacka_valfard-skola_arsbokslut_2019_bilaga1-styrkort.pdf": 2019}


def _plain(text: str) -> str:
    """Swedish typography as plain text: thin and no-break spaces as spaces, the minus sign as '-'."""
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-")


def _screenshot_dir() -> Path:
    return Path(os.environ.get("KSLIB_SCREENSHOTS", Path(tempfile.gettempdir()) / "kslib-screenshots")) / "corpus"


@pytest.fixture(scope="module")
def pages(tmp_path_factory, kslib_cmd) -> dict[str, dict[str, browser.PageReport]]:
    """document name → {notebook name → what Chromium saw on its committee page}."""
    from kslib.pipeline.atomic import atomic_write_bytes

    seen: dict[str, dict[str, browser.PageReport]] = {}
    root = tmp_path_factory.mktemp("rapporter")
    for name, year in DOCUMENTS.items():
        (root / "data" / "raw" / str(year)).mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / name, root / "data" / "raw" / str(year) / name)
    years = sorted(set(map(str, DOCUMENTS.values())))
    run = kslib_cmd("render", "--years", *years, "--root", root, "--quiet", cwd=root, timeout=900)
    assert run.returncode == 0, run.stderr
    with browser.chromium() as endpoint:
        for name, year in DOCUMENTS.items():
            # a styrkort's pages are in its own folder, apart from the annual report of its board and year
            folders = [d for d in sorted((root / "reports" / str(year)).iterdir())
                       if d.is_dir() and d.name.endswith("-styrkort") == ("styrkort" in name)]
            assert len(folders) == 1, (name, [d.name for d in folders])
            seen[name] = {}
            for page in sorted(folders[0].glob("*.html")):
                if page.name.endswith(".analytiker.html"):
                    continue
                report = browser.inspect_page(page, endpoint=endpoint, width=1280)
                atomic_write_bytes(_screenshot_dir() / f"{Path(name).stem}_{page.stem}.png", report.screenshot)
                seen[name][page.stem] = report
    return seen


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_page_is_clean_and_honest(pages, name):
    assert "ekonomi" in pages[name] or "styrkort" in name, sorted(pages[name])
    digest = hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
    year = re.search(r"_(\d{4})(?:_|\.)", name).group(1)
    for notebook, report in pages[name].items():
        where = f"{name}: {notebook}"
        assert report.problems() == [], where
        assert report.lang == "sv" and year in report.title, where
        text = _plain(report.text)
        # nothing technical: no hash, file name, line number, tool, data file or traceback
        assert digest not in text and not re.search(r"\b[0-9a-f]{64}\b", text), where
        assert name not in text and Path(name).stem not in text, where
        assert not re.search(r"\brad \d", text) and "kslib" not in text.lower() and ".csv" not in text, where
        assert "Traceback" not in text and "Underlag:" not in text, where
        assert "Okänd" not in text, where        # a status the text does not state is never shown as a finding
        # an "Utkast" notice on the first screen exactly where the page shows statuses the text does not state
        unstated = "Ej angiven i texten" in text
        assert ("Utkast." in report.first_screen) == unstated, (where, report.first_screen[:600])
        # a page that cites pages says which: the PDF file's (Stadsrevisionen's p. 37 prints "8")
        if notebook != "flerar":
            cites = bool(re.search(r"\bs\. \d+", text))
            assert cites == ("Sidhänvisningarna (s.) avser sidorna i rapportens PDF-fil." in text), where


# --------------------------------------------------------------------------- the message, read by hand


FIRST_SCREEN = [
    # p. 9 "Utfall mot budget 2017", Total: Utfall netto 9 336, Budget 9 200, Budgetavvikelse 136 (tkr);
    # p. 1: "ett överskott om 9,3 miljoner kronor, … positiv avvikelse … om 0,1 miljoner kronor"
    ("nacka_valfard-skola_arsbokslut_2017.pdf", "ekonomi",
     ["Välfärd skola redovisar för 2017 ett utfall på 9 336 tkr mot budgeterade 9 200 tkr, 136 tkr bättre än budget.",
      "Rapporten: ”Välfärd skola omsätter 1,9 miljarder kronor och har för år 2017 ett överskott om 9,3 miljoner",
      "Störst underskott mot budget: 943 Orminge skola med förskolor (5 593 tkr)"]),
    # p. 8 "Utfall mot budget 2019" (no unit printed), Total: 10 391 against 10 300, deviation 91; p. 1 quotes the
    # outcome ("Årets resultat blev +10,4 miljoner kronor"), not the budgeted target ("budgeterat överskottsmål")
    ("nacka_valfard-skola_arsbokslut_2019.pdf", "ekonomi",
     ["Tabellen ”Utfall mot budget 2019” (s. 8) anger ingen enhet; av rapportens text (s. 1) framgår att "
      "beloppen är tusen kronor (tkr).",
      "Välfärd skola redovisar för 2019 ett utfall på 10 391 tkr mot budgeterade 10 300 tkr, 91 tkr bättre än budget.",
      "Rapporten: ”Årets resultat blev +10,4 miljoner kronor vilket är en positiv avvikelse på +0,1 miljoner kronor "
      "mot budget.” (s. 1)."]),
    # PDF p. 43 "Utfall per 2022-12-31": Periodens resultat −584 against −500; Övriga kostnader −8 177 against −7 565
    ("goteborg_stadsrevisionen_arsredogorelse_2022.pdf", "ekonomi",
     ["Stadsrevisionen redovisar för 2022 ett resultat på -584 tkr mot budgeterade -500 tkr, 84 tkr sämre än budget.",
      "Sämre än budget: Övriga kostnader (612 tkr)."]),
    # PDF p. 37 "Tabell 1Utfall per 2023-12-31": Periodens resultat 740 against −750; Budget of Övriga kostnader
    # printed "-7 73", the column sum −45 982 implies −7 738 (so costs 100 tkr below budget, no 6 865 deficit)
    ("goteborg_stadsrevisionen_arsredogorelse_2023.pdf", "ekonomi",
     ["Stadsrevisionen redovisar för 2023 ett resultat på 740 tkr mot budgeterade -750 tkr, 1 490 tkr bättre än budget.",
      "Bättre än budget: Sakkunnigt biträde (1 322 tkr) och Övriga kostnader (100 tkr).",
      "Budget 2023 för Övriga kostnader är tryckt som -7 73 i rapporten (s. 37); kolumnens summa ger -7 738."]),
    # p. 22 "Resultaträkning" (no unit printed; mnkr by the text): Årets resultat 6,9 against a budget of 0,0
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", "ekonomi",
     ["Nämnden för Intraservice redovisar för 2025 ett överskott på 6,9 mnkr mot budget.",
      "framgår att beloppen är miljoner kronor (mnkr)"]),
    # pp. 35–37 "Uppdrag från KF/KS": twelve "Avslutad", one "Pågående"; the goals carry no status in the text,
    # but the summary (p. 4) judges them as a whole
    ("goteborg_namnden-for-intraservice_arsrapport_2025.txt", "maluppfyllelse",
     ["Utkast.", "Av 13 uppdrag är 12 avslutade och 1 pågår.",
      "Rapportens egen bedömning: ”Förvaltningen bedömer att måluppfyllelsen av kommunfullmäktiges mål är god.” (s. 4)"]),
]


@pytest.mark.parametrize("name, notebook, expected", FIRST_SCREEN,
                         ids=[f"{Path(n).stem[:30]}-{nb}" for n, nb, _ in FIRST_SCREEN])
def test_first_screen_says_the_reports_message(pages, name, notebook, expected):
    first = _plain(pages[name][notebook].first_screen)
    for sentence in expected:
        assert sentence in first, (sentence, first[:1500])


def test_a_misprinted_budget_does_not_drive_the_summary(pages):
    """Stadsrevisionen 2023 prints the budget of "Övriga kostnader" as "-7 73": no 6 865 tkr deficit (−7 638 −
    (−773)) anywhere, the printed figure stays in the table with the implied one beside it."""
    page = pages["goteborg_stadsrevisionen_arsredogorelse_2023.pdf"]["ekonomi"]
    text = _plain(page.text)
    assert "6 865" not in text
    assert "-773" in text and "Tabellen visas som den är tryckt." in text
    first = _plain(page.first_screen)
    assert "överskottsmål" not in first


def test_the_budget_target_is_not_quoted_as_the_outcome(pages):
    first = _plain(pages["nacka_valfard-skola_arsbokslut_2019.pdf"]["ekonomi"].first_screen)
    assert "budgeterat överskottsmål" not in first
