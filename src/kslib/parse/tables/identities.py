"""A table's own row identities, from its columns: deviation = a − b of the same year (either sign),
income + cost = net."""
from __future__ import annotations

from typing import Sequence

from kslib.parse.numbers import Identity
from kslib.parse.tables.model import Column
from kslib.vocab import measures as vm


# --------------------------------------------------------------------------- identities

def identities(cols: Sequence[Column], tol: float) -> list[Identity]:
    """The table's own relations: deviation = a − b of what it compares (either sign); change = this year −
    the base year; income and cost make the net (either sign convention)."""
    out: list[Identity] = []
    for d, a, b in deviation_pairs(cols):
        out.append(Identity(f"deviation:{cols[d].label}", _dev(d, [(a, b)]), tol))
    for d, c in enumerate(cols):
        if c.measure == "change" and c.base_year is not None:
            a = next((i for i, o in enumerate(cols) if o.measure == "outcome" and o.year == c.year), None)
            b = next((i for i, o in enumerate(cols) if o.measure == "outcome" and o.year == c.base_year), None)
            if a is not None and b is not None:
                out.append(Identity(f"change:{c.label}", _net(b, d, a), tol))    # earlier + change = later
        if c.measure == "net":
            inc = next((i for i in range(d - 1, -1, -1) if cols[i].measure == "income" and cols[i].group == c.group), None)
            cost = next((i for i in range(d - 1, -1, -1) if cols[i].measure == "cost" and cols[i].group == c.group), None)
            if inc is not None and cost is not None:
                out.append(Identity(f"net:{c.label}", _income_cost(inc, cost, d), tol))
    return out


def _dev(d, pairs):
    def residual(v):
        if v[d] is None:
            return None
        res = [min(abs(v[a] - v[b] - v[d]), abs(v[b] - v[a] - v[d])) for a, b in pairs
               if v[a] is not None and v[b] is not None]
        return min(res) if res else None
    return residual


def _income_cost(i, c, n):
    """income + cost = net with costs printed negative; income − cost (a result) or cost − income (a net
    cost) with costs printed positive."""
    def residual(v):
        if v[i] is None or v[c] is None or v[n] is None:
            return None
        return min((v[i] + v[c] - v[n], v[i] - v[c] - v[n], v[c] - v[i] - v[n]), key=abs)
    return residual


def _net(i, c, n):
    def residual(v):
        if v[i] is None or v[c] is None or v[n] is None:
            return None
        return v[i] + v[c] - v[n]
    return residual



def is_series(cols: Sequence[Column]) -> bool:
    """One measure over several years or places (key figures): no identity, figures of like magnitude."""
    figures = [c for c in cols if not c.note]
    return (len(figures) >= 2 and len({c.measure for c in figures}) == 1
            and len({(c.group, c.year) for c in figures}) == len(figures))


_SUBJECTS = (("outcome", "net"), ("forecast",))
_PLANS = ("budget", "forecast", "previous_forecast")


def deviation_pairs(cols: Sequence[Column]) -> list[tuple[int, int, int]]:
    """(deviation, subject, reference) column indices: what each deviation column compares.

    The subject is the year's outcome (or net) nearest before the deviation in its column group, else its
    forecast, else the outcome of the year anywhere; the reference is the plan the deviation's words name
    ("Avvikelse mot budget", "Prognosavvikelse"), else the nearest plan (budget or forecast) before it."""
    out = []
    for d, c in enumerate(cols):
        if c.measure != "deviation":
            continue
        before = [k for k in range(d - 1, -1, -1) if cols[k].year == c.year and cols[k].measure != "deviation"]
        subject = None
        for measures in _SUBJECTS:
            subject = next((k for k in before if cols[k].group == c.group and cols[k].measure in measures), None)
            if subject is not None:
                break
        if subject is None:
            subject = next((k for k in before if cols[k].measure in ("outcome", "net")), None)
        named = next((m for m in ("budget", "forecast") if m in vm.measures_named(c.label)), None)
        # a forecast's deviation is from the budget ("Budget | Prognos T1 | Prognos T2 | Avvikelse")
        plans = (named,) if named else ("budget",) if subject is not None and cols[subject].measure == "forecast" \
            else _PLANS
        reference = next((k for k in before if k != subject and cols[k].measure in plans), None)
        if subject is not None and reference is not None:
            out.append((d, subject, reference))
    return out

