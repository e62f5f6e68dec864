"""Swedish commentary generated from the figures (never copied from the report's prose).

:func:`labour_market_commentary` reads the ``labour_market`` frame
(``measure,group,area,period,value,unit``) and :func:`financial_commentary`
the wide financial frames; each returns a list of Swedish sentences with
Swedish number formatting.  A figure that is not in the frame is simply not
mentioned.
"""
from __future__ import annotations

import re

import pandas as pd

from kslib import fmt
from kslib.present.labels import GROUP_LABELS_SV, group_label, period_label

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


# --------------------------------------------------------------------------- helpers

def _pct(value: float) -> str:
    """``6,6 procent`` (prose form; two decimals where the figure has them, ``3,43 procent``)."""
    decimals = 1 if abs(round(value, 1) - value) < 1e-9 else 2
    return f"{fmt.format_number(value, decimals=decimals)} procent"


def _pp(diff: float) -> str:
    return f"{fmt.format_number(abs(diff), decimals=1)} procentenheter"


def _tkr(value: float) -> str:
    return fmt.format_tkr(value)


def lm_value(lm: pd.DataFrame, measure: str, *, group: str = "all", area: str = "municipality",
             period: str) -> float | None:
    """One figure of the labour_market frame, or None."""
    hit = lm[(lm["measure"] == measure) & (lm["group"] == group) & (lm["area"] == area) & (lm["period"] == period)]
    hit = hit["value"].dropna()
    return float(hit.iloc[0]) if len(hit) else None


def latest_month(lm: pd.DataFrame) -> str | None:
    """The latest ``YYYY-MM`` period with a municipal unemployment rate (else any measure)."""
    for frame in (lm[lm["measure"] == "unemployment_rate"], lm):
        months = sorted(p for p in set(frame["period"].astype(str)) if _PERIOD.match(p))
        if months:
            return months[-1]
    return None


def year_before(period: str) -> str:
    m = _PERIOD.match(period)
    return f"{int(m.group(1)) - 1}-{m.group(2)}" if m else str(int(period) - 1)


def _month_name(period: str) -> str:
    return period_label(period).split(" ")[0]


def _change_pp(lm: pd.DataFrame, group: str, area: str, period: str) -> float | None:
    now = lm_value(lm, "unemployment_rate", group=group, area=area, period=period)
    before = lm_value(lm, "unemployment_rate", group=group, area=area, period=year_before(period))
    if now is not None and before is not None:
        return round(now - before, 10)
    return lm_value(lm, "unemployment_rate_change_pp", group=group, area=area, period=period)


def _compare_phrase(diff: float) -> str:
    if abs(diff) < 0.05:
        return "oförändrat jämfört med ett år tidigare"
    return f"{_pp(diff)} {'högre' if diff > 0 else 'lägre'} än ett år tidigare"


# --------------------------------------------------------------------------- labour market

def labour_market_commentary(lm: pd.DataFrame, *, period: str | None = None) -> list[str]:
    """Sentences on unemployment in the municipality, its groups, against county, country and last year."""
    if lm is None or lm.empty:
        return []
    period = period or latest_month(lm)
    if period is None:
        return []
    month, prev = _month_name(period), year_before(period)
    out: list[str] = []

    rate = lm_value(lm, "unemployment_rate", period=period)
    if rate is not None:
        s = f"Arbetslösheten i {month} var {_pct(rate)}"
        diff = _change_pp(lm, "all", "municipality", period)
        if diff is not None:
            s += f", {_compare_phrase(diff)}"
        out.append(s + ".")
        open_rate = lm_value(lm, "open_unemployment_rate", period=period)
        prog = lm_value(lm, "programme_rate", period=period)
        if open_rate is not None and prog is not None:
            out.append(f"Av dessa var {_pct(open_rate)} öppet arbetslösa och {_pct(prog)} deltagare i program.")
        county = lm_value(lm, "unemployment_rate", area="county", period=period)
        country = lm_value(lm, "unemployment_rate", area="country", period=period)
        parts = []
        if county is not None:
            parts.append(f"i länet {_pct(county)}")
        if country is not None:
            parts.append(f"i riket {_pct(country)}")
        if parts:
            s = "Samtidigt var arbetslösheten " + " och ".join(parts)
            if county is not None:
                rel = "under" if rate < county else "över" if rate > county else "i nivå med"
                s += f"; kommunen låg alltså {rel} länet"
            out.append(s + ".")

    persons = lm_value(lm, "unemployed_persons", period=period)
    if persons is not None:
        s = f"Antalet arbetslösa var {fmt.format_number(persons)} personer i {month}"
        before = lm_value(lm, "unemployed_persons", period=prev)
        if before is None and (change := lm_value(lm, "unemployed_change_persons", period=period)) is not None:
            before = persons - change
        if before is not None:
            d = persons - before
            s += (f", {fmt.format_number(abs(d))} {'fler' if d > 0 else 'färre'} än ett år tidigare"
                  f" ({fmt.format_number(before)})" if d else ", lika många som ett år tidigare")
        out.append(s + ".")

    for group in sorted({g for g in lm["group"].astype(str) if g != "all" and g in GROUP_LABELS_SV},
                        key=_group_order):
        sentence = _group_sentence(lm, group, period)
        if sentence:
            out.append(sentence)
    return out


def _group_order(group: str) -> tuple:
    order = ("youth_18_24", "foreign_born", "over_6_months", "over_12_months", "over_24_months")
    return (order.index(group) if group in order else len(order), group)


def _group_sentence(lm: pd.DataFrame, group: str, period: str) -> str | None:
    rate = lm_value(lm, "unemployment_rate", group=group, period=period)
    persons = lm_value(lm, "unemployed_persons", group=group, period=period)
    before_p = lm_value(lm, "unemployed_persons", group=group, period=year_before(period))
    if rate is None and persons is None:
        return None
    label = group_label(group)
    head = f"{label}: "
    bits = []
    if rate is not None:
        what = "andelen av arbetskraften" if group.startswith("over_") else "arbetslösheten"
        bits.append(f"{what} var {_pct(rate)}")
        diff = _change_pp(lm, group, "municipality", period)
        if diff is not None:
            bits[-1] += f" ({_compare_phrase(diff)})"
        comp = [f"{name} {_pct(v)}" for name, v in (
            ("länet", lm_value(lm, "unemployment_rate", group=group, area="county", period=period)),
            ("riket", lm_value(lm, "unemployment_rate", group=group, area="country", period=period)))
            if v is not None]
        if comp:
            bits.append("jämfört med " + " och ".join(comp))
    if persons is not None:
        p = f"{fmt.format_number(persons)} personer"
        if before_p is not None and before_p != persons:
            p += f", {'en ökning' if persons > before_p else 'en minskning'} från {fmt.format_number(before_p)}"
        bits.append(p)
    return head + "; ".join(bits) + "."


def assistance_commentary(lm: pd.DataFrame, *, year: int) -> list[str]:
    """Financial assistance per inhabitant (municipality, county, country, last year) and households."""
    if lm is None or lm.empty:
        return []
    out = []
    p, prev = str(year), str(year - 1)
    kr = {a: lm_value(lm, "financial_assistance_per_inhabitant", area=a, period=p)
          for a in ("municipality", "county", "country")}
    if kr["municipality"] is not None:
        units = lm.loc[lm["measure"] == "financial_assistance_per_inhabitant", "unit"].dropna()
        monthly = bool(len(units)) and str(units.iloc[0]) == "kr/månad"
        per = "per invånare och månad" if monthly else "per invånare"
        s = f"Utbetalt ekonomiskt bistånd {per} var {fmt.format_kr(kr['municipality'])} {year}"
        before = lm_value(lm, "financial_assistance_per_inhabitant", period=prev)
        if before is not None:
            d = kr["municipality"] - before
            s += (f", {'en ökning' if d > 0 else 'en minskning'} från {fmt.format_kr(before)} {year - 1}"
                  f" ({fmt.format_percent(abs(d) / before * 100, decimals=0)})" if d and before else "")
        comp = [f"{name} {fmt.format_kr(v)}" for name, v in (("länet", kr["county"]), ("riket", kr["country"]))
                if v is not None]
        if comp:
            s += "; i " + " och i ".join(comp)
        out.append(s + ".")
    households = lm_value(lm, "assistance_households_change_pct", period=p)
    if households is not None:
        word = "ökade" if households > 0 else "minskade"
        out.append(f"Antalet hushåll med ekonomiskt bistånd {word} med {fmt.format_percent(abs(households), decimals=0)}"
                   f" under {year} jämfört med {year - 1}.")
    return out


# --------------------------------------------------------------------------- finances

def _row(wide: pd.DataFrame, pattern: str) -> pd.Series | None:
    hit = wide[wide["row_label"].astype(str).str.contains(pattern, case=False, regex=True)]
    return hit.iloc[-1] if len(hit) else None


def _num(row: pd.Series | None, col: str) -> float | None:
    if row is None or col not in row.index or pd.isna(row[col]):
        return None
    return float(row[col])


def _abs(value) -> float | None:
    """The size of a figure (net costs may be printed negative), None for a missing one."""
    if value is None or pd.isna(value):
        return None
    return abs(float(value))


def _total(drift: pd.DataFrame) -> pd.Series | None:
    tot = drift[drift["kind"] == "total"] if "kind" in drift.columns else drift.iloc[0:0]
    return tot.iloc[-1] if len(tot) else None


def financial_commentary(drift: pd.DataFrame, *, year: int, resultat: pd.DataFrame | None = None,
                         top: int = 2) -> list[str]:
    """Net cost against budget and last year, the largest surpluses and deficits, the year's result.

    ``drift`` and ``resultat`` are wide frames (:func:`kslib.parse.tables.views.wide`).
    """
    out: list[str] = []
    prev = year - 1
    total = _total(drift)
    # net costs as the report prints them may be negative ("-71 994"): the sentences speak of their size,
    # and whether it is a surplus comes from the table's own convention (surplus_<year>)
    outcome, budget = _abs(_num(total, f"outcome_{year}")), _abs(_num(total, f"budget_{year}"))
    surplus = _num(total, f"surplus_{year}")
    if outcome is not None and budget is not None and surplus is not None:
        word = "ett överskott" if surplus > 0 else "ett underskott" if surplus < 0 else "ingen avvikelse"
        s = f"Nettokostnaden {year} blev {_tkr(outcome)} mot en budget på {_tkr(budget)}, {word}"
        if surplus:
            s += f" på {_tkr(abs(surplus))}"
            if budget:
                s += f" ({fmt.format_percent(abs(surplus) / budget * 100)} av budgeten)"
        out.append(s + ".")
    last = _abs(_num(total, f"outcome_{prev}"))
    if outcome is not None and last:
        d = outcome - last
        out.append(f"Jämfört med {prev} {'ökade' if d > 0 else 'minskade'} nettokostnaden med {_tkr(abs(d))} "
                   f"({fmt.format_percent(abs(d) / last * 100)}).")
    rows = drift[drift["kind"] == "row"] if "kind" in drift.columns else drift
    if f"surplus_{year}" in rows.columns:
        dev = pd.to_numeric(rows[f"surplus_{year}"], errors="coerce").astype(float)
        names = (rows["row_code"].astype("string").fillna("") + " " + rows["row_label"].astype(str)).str.strip()
        ranked = pd.DataFrame({"name": names.to_numpy(), "dev": dev.to_numpy()}).dropna()
        plus = ranked[ranked["dev"] > 0].nlargest(top, "dev")
        minus = ranked[ranked["dev"] < 0].nsmallest(top, "dev")
        if len(plus):
            out.append("Störst överskott mot budget: " + _listing(plus, sign=False) + ".")
        if len(minus):
            out.append("Störst underskott mot budget: " + _listing(minus, sign=False) + ".")
    if resultat is not None and len(resultat):
        row = _row(resultat, r"årets\s+resultat")
        r, rb, rl = _num(row, f"outcome_{year}"), _num(row, f"budget_{year}"), _num(row, f"outcome_{prev}")
        if r is not None:
            s = f"Årets resultat blev {_tkr(r)}"
            extra = []
            if rb is not None:
                extra.append(f"budget {_tkr(rb)}")
            if rl is not None:
                extra.append(f"{prev}: {_tkr(rl)}")
            out.append(s + (f" ({', '.join(extra)})" if extra else "") + ".")
    return out


def _listing(frame: pd.DataFrame, *, sign: bool) -> str:
    items = [f"{r.name} ({_tkr(abs(r.dev))})" for r in frame.itertuples(index=False)]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def area_commentary(drift: pd.DataFrame, pattern: str, *, year: int) -> list[str]:
    """Outcome against budget and last year for the programme areas whose label matches ``pattern``."""
    out = []
    prev = year - 1
    rows = drift[(drift.get("kind", "row") == "row")
                 & drift["row_label"].astype(str).str.contains(pattern, case=False, regex=True)]
    for rec in rows.to_dict("records"):
        name = f"{rec.get('row_code') or ''} {rec['row_label']}".strip() if pd.notna(rec.get("row_code")) \
            else str(rec["row_label"])
        o, b, l = (_abs(rec.get(f"outcome_{year}")), _abs(rec.get(f"budget_{year}")),
                   _abs(rec.get(f"outcome_{prev}")))
        surplus = rec.get(f"surplus_{year}")
        if o is None:
            continue
        s = f"{name}: utfallet {year} blev {_tkr(o)}"
        if b is not None and surplus is not None and pd.notna(surplus):
            s += (f", {_tkr(abs(surplus))} {'mer' if surplus < 0 else 'mindre'} än budget ({_tkr(b)})" if surplus
                  else ", i nivå med budget")
        if l is not None and pd.notna(l) and float(l):
            d = float(o) - float(l)
            s += (f"; jämfört med {prev} en {'ökning' if d > 0 else 'minskning'} med {_tkr(abs(d))}"
                  f" ({fmt.format_percent(abs(d) / abs(float(l)) * 100)})")
        out.append(s + ".")
    return out
