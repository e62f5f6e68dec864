"""Column sums decide a row's split: where a row's own identities leave the reading of its figures open
(several splits of a glued or stacked run), the reading under which most column sums hold (subtotal and
total rows = the rows above them, nested) is kept."""
from __future__ import annotations

import itertools
from typing import Protocol, Sequence

from kslib.parse.tables.settings import current
from kslib.parse.tables.cells import Choice


class Row(Protocol):
    """A row of a discovered table (:class:`kslib.parse.tables.discover.Row`), as the sums see it."""

    label: str
    kind: str
    values: list
    printed: list
    choices: list[Choice]


def sum_groups(rows: Sequence[Row]) -> list[tuple[int, list[list[int]]]]:
    """Each subtotal and total row with the rows it may add up (alternatives), nested.

    A subtotal adds the plain rows since the last category, subtotal or total; a total adds the
    subtotals and the rows no subtotal took, or else every plain row since the last total."""
    out: list[tuple[int, list[list[int]]]] = []
    plain: list[int] = []       # rows of the open section
    loose: list[int] = []       # rows of closed sections that no subtotal took
    subs: list[int] = []
    every: list[int] = []
    for k, r in enumerate(rows):
        if r.kind == "category":
            loose, plain = loose + plain, []
        elif r.kind == "row":
            plain.append(k)
            every.append(k)
        elif r.kind == "subtotal":
            if plain:
                out.append((k, [plain]))
            subs.append(k)
            plain = []
        elif r.kind == "total":
            alts = [sorted(loose + plain + subs)]
            if subs and every:
                alts.append(list(every))
            if alts[0]:
                out.append((k, alts))
            plain, loose, subs, every = [], [], [], []
    return out


def _sums_held(rows: Sequence[Row], groups, unit: float) -> int:
    """How many (total row, column) sums hold (within rounding: one unit of the last digit per term)."""
    held = 0
    for t, alts in groups:
        for c, total in enumerate(rows[t].values):
            if total is None:
                continue
            for members in alts:
                vals = [rows[m].values[c] for m in members]
                if all(v is None for v in vals):
                    continue
                if abs(sum(v or 0.0 for v in vals) - total) <= unit * len(members) + 1e-9:
                    held += 1
                    break
    return held


def _apply(row: Row, choice: Choice, split) -> None:
    for i, fig in enumerate(split.figures):
        k = choice.lo + i
        row.values[k] = None if fig is None or fig.note else fig.value
        row.printed[k] = None if fig is None else str(fig)




def decide_by_sums(rows: list[Row], unit: float) -> dict[int, tuple[int, str]]:
    """Splits their row's own identities left open, chosen so that most column sums hold.

    Returns, by ``id`` of the choice, (reading chosen, total row label) for those the sums decided."""
    groups = sum_groups(rows)
    open_ = [(k, c) for k, r in enumerate(rows) for c in r.choices if c.split.decided_by == "plausibility"]
    if not groups or not open_:
        return {}
    options = [[k for k, s in enumerate(c.readings()) if not s.violated] or [0] for _, c in open_]
    count = 1
    for o in options:
        count *= len(o)
    if count > current().sum_combinations:
        return {}
    scored = []
    for combo in itertools.product(*options):
        for (r, c), k in zip(open_, combo):
            _apply(rows[r], c, c.readings()[k])
        scored.append((_sums_held(rows, groups, unit), combo))
    best_held = max(h for h, _ in scored)
    chosen = next(combo for h, combo in scored if h == best_held)     # ties keep the plausible reading
    for (r, c), k in zip(open_, chosen):
        _apply(rows[r], c, c.readings()[k])
    decided = {}
    for j, ((r, c), k) in enumerate(zip(open_, chosen)):
        rivals = {combo[j] for h, combo in scored if h == best_held}
        if len(rivals) == 1 and any(combo[j] != k for _, combo in scored):
            total = next((rows[t].label for t, alts in groups if any(r in m for m in alts)), "")
            decided[id(c)] = (k, total)
    return decided
