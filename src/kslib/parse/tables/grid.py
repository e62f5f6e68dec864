"""The grid: columns from the alignment of figures (clusters of the right edges of a block's figure runs)."""
from __future__ import annotations

from typing import Sequence

from kslib.parse.tables.cells import runs_of
from kslib.parse.tables.lines import Ln, short_text


# --------------------------------------------------------------------------- blocks

def blocks(lns: Sequence[Ln]) -> list[tuple[int, int]]:
    """(start, stop) of runs of figure lines, with the short label lines among them."""
    out = []
    i, n = 0, len(lns)
    while i < n:
        if lns[i].kind not in ("data", "nums"):
            i += 1
            continue
        j, last = i, i
        while j < n:
            k = lns[j].kind
            if k in ("data", "nums"):
                last = j
                j += 1
                continue
            if short_text(lns[j]) and j - last <= 3:
                j += 1
                continue
            break
        stop = last + 1
        # label lines that continue the last row ("förändringsinsatser")
        while stop < n and stop < last + 3 and short_text(lns[stop]) and lns[stop].line.text.strip()[:1].islower():
            if stop + 1 < n and lns[stop + 1].line.text.strip().startswith("*"):
                break       # the footnote's text, its mark on the next line
            stop += 1
        if sum(1 for k in range(i, stop) if lns[k].kind in ("data", "nums")) >= 2:
            out.append((i, stop))
        i = last + 1
    return out


def slots(lns: Sequence[Ln], tol: float) -> list[list[float]]:
    """Columns as [x0, x1] clusters of the runs' right edges."""
    edges: list[tuple[float, float]] = []
    for ln in lns:
        if ln.kind in ("data", "nums"):
            edges.extend((r.x0, r.x1) for r in runs_of(ln.nums))
    edges.sort(key=lambda e: e[1])
    clusters: list[list[tuple[float, float]]] = []
    for e in edges:
        if clusters and e[1] - clusters[-1][-1][1] <= tol:
            clusters[-1].append(e)
        else:
            clusters.append([e])
    rows = sum(1 for ln in lns if ln.kind in ("data", "nums"))
    keep = [c for c in clusters if len(c) >= 2 or rows < 3]
    return [[min(e[0] for e in c), max(e[1] for e in c)] for c in keep]



def nearest(x0: float, x1: float, slots: Sequence[Sequence[float]]) -> int:
    def key(k):
        s0, s1 = slots[k]
        overlap = min(x1, s1) - max(x0, s0)
        return (-overlap if overlap > 0 else 0.0, min(abs(x1 - s1), abs((x0 + x1) / 2 - (s0 + s1) / 2)))
    return min(range(len(slots)), key=key)



def laid_out(block: Sequence[Ln]) -> bool:
    """Do the block's lines place their cells by position?  Yes when most of its rows stand their figures apart
    from their label by a cell gap (a PDF table, a layout-preserving text); a text of single spaces — or one
    drawn into a PDF as it is — is read in word order, its blank cells told by the identities."""
    rows = [ln for ln in block if ln.kind == "data" and ln.label and ln.nums]
    if not rows:        # labels on lines of their own: figures apart from each other by cell gaps
        figures = [ln for ln in block if ln.kind == "nums" and len(ln.nums) >= 2 and not ln.stack]
        apart = sum(1 for ln in figures if any(w.wide and not w.glued for w in ln.nums[1:]))
        return bool(figures) and 2 * apart >= len(figures)
    apart = sum(1 for ln in rows if ln.nums[0].wide and not ln.nums[0].glued)
    return bool(rows) and 2 * apart >= len(rows)
