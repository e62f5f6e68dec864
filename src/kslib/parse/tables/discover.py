"""Find tables by their structure, not their titles.

A table is a run of rows (a label and figures) under a header zone (lines of column words, years and
groups, possibly wrapped).  :func:`discover` scans the source once: words become analysed lines
(:mod:`.lines`), runs of figure lines become blocks whose columns come from where the figures stand
(:mod:`.grid`), the header words above them name the columns (:mod:`.zone`), the rows are read and their
figures placed (:mod:`.rows`, :mod:`.cells`), and the table is named after the nearest heading above
(:mod:`.titles`).  Text without layout (single spaces) falls back to the header's word order and the
identity splitter.  Where a row's own identities leave its split open, the table's column sums
(:mod:`.sums`) decide; every such choice is a warning.
"""
from __future__ import annotations

from kslib.diagnostics import ParseWarning
from kslib.parse.tables.cells import runs_of
from kslib.parse.tables.classify import classify
from kslib.parse.tables.geometry import tolerance
from kslib.parse.tables.grid import laid_out
from kslib.parse.tables.grid import blocks, slots as slots_of
from kslib.parse.tables.lines import analyse, fold_stacked, fold_year_rows, short_text, unglue_heading
from kslib.parse.tables.model import Column, Row, Table
from kslib.parse.tables.passes import settle
from kslib.parse.tables.rows import read_rows
from kslib.parse.tables.transposed import read_transposed, year_rows
from kslib.parse.tables.titles import (LABEL_HEAD, clean_title, find_title, head_title, is_label_head,
                                       label_head_measure)
from kslib.parse.tables.zone import columns as placed_columns, over, sequential_columns, zone as find_zone
from kslib.read.source import Source
from kslib.vocab import measures as vm
from kslib.vocab.units import unit_of

__all__ = ["discover", "Table", "Column", "Row", "clean_title"]


# --------------------------------------------------------------------------- entry point

def discover(source: Source, *, year: int | None = None,
             warnings: list[ParseWarning] | None = None) -> list[Table]:
    """Every table of the source found by its structure, in document order."""
    warnings = warnings if warnings is not None else []
    lines = [part for line in source.lines for part in unglue_heading(line)]
    lns = fold_stacked(fold_year_rows([ln for ln in (analyse(line) for line in lines) if ln.kind != "furniture"]))
    tables: list[Table] = []
    for start, stop in blocks(lns):
        block = lns[start:stop]
        pos = laid_out(block) and not any(ln.stack for ln in block)
        slots = slots_of(block, tolerance(block[0].line)) if pos else []
        multi = pos and max((len(runs_of(ln.nums)) for ln in block if ln.nums), default=0) >= 2
        region = (min(s[0] for s in slots) - (6 if block[0].line.words else 1)) if multi and slots else None
        if year_rows(block):
            table = read_transposed(lns, start, stop, warnings)
            if table is not None:
                table.kind = classify(table)
                settle(table, ends_text=False)
                tables.append(table)
                warnings.extend(table.warnings)
            continue
        found = find_zone(lns, start, region)
        if found is None:
            continue
        zone, between = found.lines, found.between
        if multi and slots:
            slots, region = _note_slot(lns, zone, slots, region)
            label_right = max((ln.label[-1].x1 for ln in block if ln.kind == "data" and ln.label), default=None)
            cols, label_head = placed_columns(lns, zone, slots, region, year, label_right,
                                              _legend(lns, zone[0], stop))
            if sum(1 for c in cols if c.label) < max(1, len(cols) // 2):
                continue
        else:
            cols = sequential_columns(found.lines_words(lns), year, _legend(lns, zone[0], stop))
            label_head = ""
            slots = [[float(k), float(k)] for k in range(len(cols))]
            pos = False
        if not cols:
            continue
        # a label-head line ("Resultatenhetens namn") between zone and rows belongs to the header
        # (not the label of figures printed on the line under it, nor a row named after a label-head word
        # when the header has its label head: "Nämnd och förvaltning" under "Verksamhet")
        if between and lns[start].kind != "nums" and (
                is_label_head(lns[between[-1]].line.text) or not label_head and any(
                    w.lower().strip(",") in LABEL_HEAD for w in lns[between[-1]].line.text.split())):
            label_head = f"{label_head} {lns[between[-1]].line.text.strip()}".strip()
            between = between[:-1]
        top = zone[0]
        if between and lns[between[0]].line.text.strip()[:1].islower() and top > 0 and short_text(lns[top - 1]) \
                and region is not None and not over(lns[top - 1], region):
            label_head = f"{lns[top - 1].line.text.strip()} {label_head} {lns[between[0]].line.text.strip()}".strip()
            between = between[1:]
            top -= 1
        while top > 0 and lns[top - 1].kind == "text" and is_label_head(lns[top - 1].line.text):
            label_head = f"{lns[top - 1].line.text.strip()} {label_head}".strip()   # "Verksamhet" over its column
            top -= 1
        label_head_measure(cols, label_head)
        title, tk = (found.title(lns), top) if found.title_cut else find_title(lns, top)
        if not title:
            title = head_title(lns[zone[0]], label_head)   # the words over the label column on the header line
        unit = (unit_of(label_head) or unit_of(" ".join(lns[z].line.text for z in zone))
                or unit_of(title) or next((unit_of(lns[k].line.text) for k in range(tk + 1, zone[0])
                                              if unit_of(lns[k].line.text)), None))
        table_warnings: list[ParseWarning] = []
        rows = read_rows(lns, between + list(range(start, stop)), cols, slots, pos, clean_title(title), table_warnings)
        table = Table(clean_title(title), unit, cols, rows, lns[zone[0]].line, warnings=table_warnings)
        table.kind = classify(table)
        settle(table, ends_text=stop >= len(lns) and not lns[-1].line.words)
        _drop_note_columns(table)
        tables.append(table)
        warnings.extend(table.warnings)
    for n, t in enumerate(tables, 1):
        t.id = f"t{n}"
    return tables


def _note_slot(lns, zone: list[int], slots: list[list[float]], region: float | None):
    """The header's note column ("Not") as a slot of its own where the figures left it none (a note on a few
    rows only, left of the figures): its references are then notes, not words of the row's label."""
    for z in zone:
        for w in lns[z].words:
            if vm.norm(w.text) in vm.NOTE_HEADS and not any(min(w.x1, b) - max(w.x0, a) > 0 for a, b in slots) \
                    and w.x1 < slots[0][0]:
                slots = [[w.x0, w.x1]] + [list(s) for s in slots]
                return slots, (w.x0 - (6 if lns[z].line.words else 1)) if region is not None else None
    return slots, region


def _drop_note_columns(table: Table) -> None:
    """A note-reference column ("Not 1") holds no figure of the table: left out once the rows are settled."""
    keep = [k for k, c in enumerate(table.columns) if not c.note]
    if len(keep) == len(table.columns):
        return
    table.columns = [table.columns[k] for k in keep]
    for r in table.rows:
        r.values = [r.values[k] for k in keep]
        r.printed = [r.printed[k] for k in keep] if r.printed else r.printed
        r.choices = [c for c in r.choices if all(k in keep for k in range(c.lo, c.hi))]


def _legend(lns, top: int, stop: int) -> dict[str, str]:
    """What the letters of a table's header stand for, by a legend line just above or below it
    ("U = utfall, B = budget, A = avvikelse")."""
    for k in [*range(stop, min(stop + 3, len(lns))), *range(max(0, top - 2), top)]:
        found = vm.legend(lns[k].line.text)
        if found:
            return found
    return {}
