"""Report text is data, never markup: labels and prose with HTML or Markdown show literally."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import REPORT_2020
from kslib.present import display as td

MARKUP = "<script>alert(1)</script>"


def test_styled_tables_escape_cells_headers_and_captions():
    frame = pd.DataFrame({f"Område <i>x</i>": [f"162 Näringsliv{MARKUP}", None], "Utfall": [1.0, "<b>not</b>"]})
    page = td.styled(frame, units={"Utfall": "tkr"}, caption="Tabell <b>1</b>").to_html()
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;1&lt;/b&gt;" in page


def test_markdown_from_report_text_is_plain():
    bullets = td.bullets([f"Störst överskott: 162 Näringsliv{MARKUP} *fet* [länk](http://x)"]).data
    assert "<script>" not in bullets and "&lt;script&gt;" in bullets
    assert r"\*fet\*" in bullets and r"\[länk\]\(http://x\)" in bullets
    assert "<" not in td.note("Tabell <b>").data


@pytest.mark.slow
def test_rendered_page_shows_a_label_with_markup_literally(tmp_path, kslib_cmd):
    text = REPORT_2020.read_text(encoding="utf-8").replace("162 Näringslivsverksamhet 1 327",
                                                            f"162 Näringsliv{MARKUP} 1 327")
    raw = tmp_path / "data" / "raw" / "2020" / "markup.txt"
    raw.parent.mkdir(parents=True)
    raw.write_text(text, encoding="utf-8")
    run = kslib_cmd("render", "--year", "2020", "--root", tmp_path, "-n", "ekonomi", "--quiet", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    (path,) = (tmp_path / "reports" / "2020").rglob("ekonomi.html")      # reports/<year>[/<report>]/
    page = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "Näringsliv&lt;script&gt;alert(1)&lt;/script&gt;" in page
