"""Bytes → lines: a report's text layer (``.txt``) or PDF as :class:`~kslib.read.source.Line` objects
that know their page, line number and (PDF) word positions; page furniture removed."""
from __future__ import annotations

from pathlib import Path

from kslib.read.source import Line, Source, Word, read_text_source

__all__ = ["Line", "Source", "Word", "read_source", "read_text_source"]


def read_source(path: str | Path) -> Source:
    """The report's lines from a ``.txt`` text layer or a ``.pdf``."""
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        from kslib.read.pdf import read_pdf_source

        return read_pdf_source(path)
    return read_text_source(path)
