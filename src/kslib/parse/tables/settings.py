"""Every tolerance of the table reader in one place (as pdfplumber's ``TableSettings``).

The reader looks them up at call time through :func:`current`, so an analyst trying a difficult report can
change one for a block of code without touching the rest::

    from kslib.parse.tables import settings
    with settings.using(pdf_column_edges=12.0):
        report = kslib.read_report(path)
        tables = report.found_tables()

Positions are PDF points (1/72 inch) for PDF words and characters for a text layer.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Iterator


@dataclass(frozen=True)
class TableSettings:
    """The table reader's tolerances; each field says what it decides."""

    # words → cells
    pdf_touch: float = 1.5              # PDF words closer than this (pt) are fragments of one word
    pdf_cell_gap: float = 4.0           # a gap wider than this (pt) parts two cells of a PDF line
    text_cell_gap: int = 2              # this many spaces or more part two cells of a text line
    # cells → columns
    pdf_column_edges: float = 9.0       # right edges of one column's figures lie this close (pt) …
    text_column_edges: float = 2.5      # … or this close (characters) in a text layer
    between_columns: float = 0.25       # a figure overlapping no column and this share of a column step from
    #                                     being equally near two is said to stand between them
    # header zone and rows
    header_lines: int = 7               # header lines read above the rows (with layout)
    header_words: int = 30              # header words read above the rows without layout (one per line)
    title_words: int = 10               # words a title before header words on their line may have
    label_words: int = 12               # words a row's label may have before the line reads as prose
    transposed_header_lines: int = 3    # lines naming a transposed table's columns (with layout)
    transposed_header_words: int = 40   # … its words without layout
    # deciding splits
    readings_kept: int = 12             # readings of a row's figures kept for the column sums to choose from
    sum_combinations: int = 4096        # most combinations of open rows the column sums try
    magnitude_margin: float = 1.0       # a reading decided by the columns' sizes fits this much better
    #                                     (orders of magnitude, summed) than the next
    series_smoother: float = 0.6        # a reading decided by the year-to-year series changes at most this
    #                                     share of the next reading's
    unit_digits: int = 3                # significant digits a figure needs to tell a table's unit


_ACTIVE = [TableSettings()]


def current() -> TableSettings:
    """The settings in force."""
    return _ACTIVE[-1]


@contextmanager
def using(**changes) -> Iterator[TableSettings]:
    """The settings with ``changes`` for the block (unknown names are an error)."""
    known = {f.name for f in fields(TableSettings)}
    unknown = set(changes) - known
    if unknown:
        raise TypeError(f"unknown table settings: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
    _ACTIVE.append(replace(current(), **changes))
    try:
        yield current()
    finally:
        _ACTIVE.pop()
