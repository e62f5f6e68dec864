"""The committee HTML in a real browser: headless Chromium, network blocked.

Each rendered page must show no console error, every chart image loaded and
visible, no code cell, no stray output, a title naming board and year, and load
nothing from outside the file.  A full-page screenshot of every report is kept
for a person to look at (``$KSLIB_SCREENSHOTS`` or ``reports/browser-screenshots/<year>/``,
git-ignored with the rest of ``reports/``).

The checker itself is tested on pages built here, so that a check that cannot
fail would be noticed.  Needs ``/usr/bin/chromium`` (``.ci/run`` installs it).
"""
from __future__ import annotations

import base64
import os
import tempfile
from pathlib import Path

import pytest

import browser
from conftest import SLUG_2020

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not browser.available(),
                                 reason=f"{browser.CHROMIUM} not installed (apt-get install -y chromium)")]

YEAR = 2020


def _png(width: int, height: int) -> bytes:
    """A solid red RGB PNG, built by hand so the test pages need nothing but this file."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = _png(2, 2)
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()


@pytest.fixture(scope="module")
def endpoint():
    with browser.chromium() as ep:
        yield ep


def _page(tmp_path: Path, body: str, *, title: str = "Ekonomi – Testnämnd, Provs kommun 2031",
          head: str = "") -> Path:
    path = tmp_path / "page.html"
    path.write_text(f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>{head}'
                    f"</head><body>{body}</body></html>", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the checker

def test_a_clean_page_has_no_problems(tmp_path, endpoint):
    page = _page(tmp_path, f'<div class="jp-Cell jp-MarkdownCell"><div class="jp-InputArea"><h1>Rubrik</h1>'
                           f'</div></div><div class="jp-Cell jp-CodeCell jp-mod-noInput"><div class="jp-OutputArea">'
                           f'<img src="{PNG_URI}" width="200" height="100"></div></div>')
    report = browser.inspect_page(page, endpoint=endpoint)
    assert report.problems() == []
    assert report.title == "Ekonomi – Testnämnd, Provs kommun 2031"
    assert [(i.natural_width, i.visible) for i in report.images] == [(2, True)]
    assert report.screenshot[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("body, head, expected", [
    ("<script>console.error('trasig graf')</script>", "", "console: trasig graf"),
    ("<script>no_such_function()</script>", "", "console: ReferenceError: no_such_function is not defined"),
    ('<img src="data:image/png;base64,AAAA">', "", "image not loaded: data:image/png;base64,AAAA"),
    (f'<div style="display:none"><img src="{PNG_URI}"></div>', "", "image not visible: data:image/png"),
    ('<div class="jp-Cell jp-CodeCell"><div class="jp-InputArea">import pandas</div></div>', "",
     "code cell shown: .jp-CodeCell .jp-InputArea: import pandas"),
    ("<pre>Traceback (most recent call last):\n  File x</pre>", "", "stray output shown: Traceback"),
    ("<pre>&lt;Figure size 640x480 with 1 Axes&gt;</pre>", "", "stray output shown: <Figure size 640x480"),
    ("<p>x</p>", '<link rel="stylesheet" href="https://cdn.example.org/style.css">',
     "loads from outside the file: https://cdn.example.org/style.css"),
    ('<img src="http://127.0.0.1:9/chart.png">', "", "loads from outside the file: http://127.0.0.1:9/chart.png"),
    ("<script>fetch('https://example.org/track')</script>", "", "loads from outside the file: https://example.org/track"),
    ('<script src="//cdn.example.org/require.js"></script>', "", "refers to another host: //cdn.example.org/require.js"),
], ids=["console-error", "exception", "broken-image", "hidden-image", "code-cell", "traceback", "figure-repr",
        "external-css", "localhost-image", "fetch", "protocol-relative-script"])
def test_checker_finds_each_problem(tmp_path, endpoint, body, head, expected):
    report = browser.inspect_page(_page(tmp_path, body, head=head), endpoint=endpoint, screenshot=False)
    assert any(p.startswith(expected) for p in report.problems()), report.problems()


def test_network_is_really_blocked(tmp_path, endpoint):
    """An outside image never arrives (the blocked request shows as an unloaded image)."""
    page = _page(tmp_path, '<img id="x" src="https://example.org/chart.png" width="10" height="10">')
    report = browser.inspect_page(page, endpoint=endpoint, screenshot=False)
    assert [i.loaded for i in report.images] == [False]


# --------------------------------------------------------------------------- the committee reports

def _screenshot_dir() -> Path:
    """``$KSLIB_SCREENSHOTS`` or a temp folder: tests never write into the project's published reports/."""
    return Path(os.environ.get("KSLIB_SCREENSHOTS", Path(tempfile.gettempdir()) / "kslib-screenshots")) / str(YEAR)


@pytest.fixture(scope="module")
def rendered(rendered_2020) -> Path:
    """The folder of the 2020 committee pages (rendered once per session, see conftest)."""
    return rendered_2020.out / str(YEAR) / SLUG_2020


def _committee_pages() -> list[str]:
    from kslib.pipeline.render import NOTEBOOKS
    return list(NOTEBOOKS)


@pytest.fixture(scope="module")
def report_meta(report_path):
    from kslib.parse.report import read_report
    return read_report(report_path).meta


@pytest.mark.slow
@pytest.mark.parametrize("name", _committee_pages())
def test_committee_html_in_browser(rendered, endpoint, report_meta, name):
    from kslib.pipeline.atomic import atomic_write_bytes

    page = rendered / f"{name}.html"
    assert page.is_file(), sorted(p.name for p in rendered.iterdir())
    report = browser.inspect_page(page, endpoint=endpoint)
    atomic_write_bytes(_screenshot_dir() / f"{name}.png", report.screenshot)
    assert report.problems() == []
    assert report_meta.board and report_meta.board in report.title
    assert str(YEAR) in report.title
    assert report.lang == "sv"                            # Swedish text, read aloud as Swedish
    assert report_meta.board == "Kommunstyrelsen"        # the cover prints "Kommunstyrelse"; the text "Kommunstyrelsen"
    assert report.images, f"{name}: no chart"
    assert all(i.width >= 200 and i.height >= 100 for i in report.images), report.images
    assert all(i.src.startswith("inline-svg:") and len(i.src) > 20 for i in report.images)   # named SVG charts
    assert report.requests and not report.outside_requests
    # the first screen says what the page is about, and that it is a draft where statuses are missing
    first = report.first_screen.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2212", "-")
    assert FIRST_SCREEN[name] in first, first[:500]
    if name in ("maluppfyllelse", "arbetsmarknad"):
        assert "Utkast." in first


FIRST_SCREEN = {"ekonomi": "Kommunstyrelsen redovisar för 2020 ett överskott på 750 tkr mot budget",
                "arbetsmarknad": "Arbetslösheten i december var 6,6 procent",
                "maluppfyllelse": "Av 4 mål: 2 uppfylls, 2 uppfylls delvis."}


@pytest.mark.slow
def test_report_text_with_markup_shows_literally_in_the_browser(tmp_path, endpoint, kslib_cmd):
    """Labels and prose carrying markup: no script runs, no handler fires, the text shows as written."""
    from conftest import REPORT_2020

    markup = "<script>document.title='HACKED'</script><img src=x onerror=\"document.title='HACKED'\">"
    text = REPORT_2020.read_text(encoding="utf-8").replace("162 Näringslivsverksamhet 1 327",
                                                            f"162 Näringsliv{markup} 1 327")
    raw = tmp_path / "data" / "raw" / str(YEAR) / "markup.txt"
    raw.parent.mkdir(parents=True)
    raw.write_text(text, encoding="utf-8")
    run = kslib_cmd("render", "--year", str(YEAR), "--root", tmp_path, "-n", "ekonomi", "--quiet", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = browser.inspect_page(tmp_path / "reports" / str(YEAR) / SLUG_2020 / "ekonomi.html", endpoint=endpoint)
    assert report.title != "HACKED" and "HACKED" not in report.title
    assert report.problems() == []
    page = (tmp_path / "reports" / str(YEAR) / SLUG_2020 / "ekonomi.html").read_text(encoding="utf-8")
    assert "Näringsliv&lt;script&gt;" in page and "<script>document.title" not in page
