"""A table's own row identities, from its columns: deviation = a − b of the same year (either sign),
income + cost = net."""
from __future__ import annotations

from typing import Sequence

from kslib.parse.numbers import Identity
from kslib.parse.tables.model import Column


# --------------------------------------------------------------------------- identities

def identities(cols: Sequence[Column], tol: float) -> list[Identity]:
    """The table's own relations: deviation = a − b (either sign); change = this year − the base year;
    income + cost = net."""
    out: list[Identity] = []
    base = {"outcome", "net", "budget", "forecast", "previous_forecast"}
    for d, c in enumerate(cols):
        if c.measure == "deviation":
            pairs = [(a, b) for a in range(d) for b in range(a + 1, d)
                     if cols[a].measure in base and cols[b].measure in base and cols[a].year == cols[b].year
                     and cols[a].measure != cols[b].measure]
            if pairs:
                out.append(Identity(f"deviation:{c.label}", _dev(d, pairs), tol))
        if c.measure == "change" and c.base_year is not None:
            a = next((i for i, o in enumerate(cols) if o.measure == "outcome" and o.year == c.year), None)
            b = next((i for i, o in enumerate(cols) if o.measure == "outcome" and o.year == c.base_year), None)
            if a is not None and b is not None:
                out.append(Identity(f"change:{c.label}", _net(b, d, a), tol))    # earlier + change = later
        if c.measure == "net":
            inc = next((i for i in range(d - 1, -1, -1) if cols[i].measure == "income" and cols[i].group == c.group), None)
            cost = next((i for i in range(d - 1, -1, -1) if cols[i].measure == "cost" and cols[i].group == c.group), None)
            if inc is not None and cost is not None:
                out.append(Identity(f"net:{c.label}", _net(inc, cost, d), tol))
    return out


def _dev(d, pairs):
    def residual(v):
        if v[d] is None:
            return None
        res = [min(abs(v[a] - v[b] - v[d]), abs(v[b] - v[a] - v[d])) for a, b in pairs
               if v[a] is not None and v[b] is not None]
        return min(res) if res else None
    return residual


def _net(i, c, n):
    def residual(v):
        if v[i] is None or v[c] is None or v[n] is None:
            return None
        return v[i] + v[c] - v[n]
    return residual



def is_series(cols: Sequence[Column]) -> bool:
    """One measure over several years (key figures): no identity, figures of like magnitude."""
    figures = [c for c in cols if not c.note]
    return len(figures) >= 2 and len({c.measure for c in figures}) == 1 and len({c.year for c in figures}) == len(figures)
