"""Helpers for tests of the goal-section readers: the real report and modified copies of it."""
from __future__ import annotations

from pathlib import Path

from kslib.read.source import Source, lines_from_text, read_text_source

REPORT = Path(__file__).resolve().parents[1] / "data" / "raw" / "2020" / "vaggeryd_ks_verksamhetsberattelse_2020.txt"


def real_source() -> Source:
    return read_text_source(REPORT)


def raw_text() -> str:
    return REPORT.read_text(encoding="utf-8")


def source_from_text(text: str, name: str = "modified.txt") -> Source:
    content, furniture = lines_from_text(text.split("\n"))
    return Source(name, "0" * 64, content, None, furniture)


def modified(*replacements: tuple[str, str]) -> Source:
    """The real report with each ``(old, new)`` replaced once; fails if ``old`` is not there."""
    text = raw_text()
    for old, new in replacements:
        assert old in text, f"template text not found: {old!r}"
        text = text.replace(old, new, 1)
    return source_from_text(text)
