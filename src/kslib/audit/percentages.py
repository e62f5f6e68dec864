"""Labour-market figures against each other: shares that add up, counts against shares, repeats.

Relations are read from the ``labour_market`` frame, not from the wording:

- ``labour_share_sum``: open unemployment + programme participants = unemployment rate (same group,
  area and period), and the labour-market unit's shares to work + to studies = to work or studies;
- ``labour_count_share``: persons against a share where the denominator is stated (the population
  16–64 for the unemployed; the unit's exits for those who left to work or studies);
- ``labour_denominator``: the labour force implied by each (persons, rate) pair of the same period
  should agree (``unemployed_persons`` / ``unemployment_rate`` for all and for the long-term groups);
- ``labour_sex_sum``: women + men = the stated total;
- ``labour_change``: a stated change against the two stated levels;
- ``labour_repeat``: the same figure stated twice with different values.

A failed prose relation is a ``warning`` (prose relations are interpreted, not printed as a table);
figures stated twice with different values are an ``error``.
"""
from __future__ import annotations

import pandas as pd

from kslib.fmt import format_number
from kslib.audit.findings import Finding, grade

_TABLE = "labour_market"
_LONG_TERM = ("all", "over_6_months", "over_12_months", "over_24_months")


def _half_unit(value: float) -> float:
    """Half a unit of the last printed decimal of a share (``6,6`` → 0.05, ``3,43`` → 0.005, ``12`` → 0.5)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** -decimals


def _pct(v: float) -> str:
    text = f"{v:.4f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return f"{format_number(v, decimals=decimals)} %"


def _n(v: float) -> str:
    return format_number(v, decimals=0 if float(v).is_integer() else 1)


def _loc(rows: list[pd.Series]) -> dict:
    r = rows[-1]
    line = None if pd.isna(r["line"]) else int(r["line"])
    page = None if ("page" not in r or pd.isna(r["page"])) else int(r["page"])
    return {"line": line, "page": page}


def _pick(df: pd.DataFrame, measure: str, **keys) -> pd.Series | None:
    sel = df[df["measure"] == measure]
    for k, v in keys.items():
        sel = sel[sel[k] == v]
    return sel.iloc[0] if len(sel) else None


def share_sums(df: pd.DataFrame) -> list[Finding]:
    out = []
    keys = ["group", "area", "period", "sex"]
    for key, part in df.groupby(keys, dropna=False):
        k = dict(zip(keys, key))
        pairs = [("unemployment_rate", ("open_unemployment_rate", "programme_rate"), "öppet arbetslösa + deltagare i program"),
                 ("unit_exits_to_work_or_studies_share", ("unit_exits_to_work_share", "unit_exits_to_studies_share"),
                  "andel till arbete + andel till studier")]
        for total_m, parts_m, words in pairs:
            total = _pick(part, total_m)
            parts = [_pick(part, m) for m in parts_m]
            if total is None or any(p is None for p in parts):
                continue
            s = sum(float(p["value"]) for p in parts)
            tol = sum(_half_unit(float(p["value"])) for p in parts) + _half_unit(float(total["value"]))
            sev = grade(s - float(total["value"]), tol, 2 * tol)
            sev = "warning" if sev == "error" else sev
            verdict = "stämmer med" if sev == "info" else "stämmer inte med"
            out.append(Finding("labour_share_sum", sev, _TABLE, f"{total_m} {k['group']} {k['area']} {k['period']}",
                               float(total["value"]), s,
                               f"{words} ({_pct(s)}) {verdict} angiven total {_pct(float(total['value']))} "
                               f"({k['group']}, {k['period']})", **_loc([*parts, total])))
    return out


def count_shares(df: pd.DataFrame) -> list[Finding]:
    out = []
    # the unemployed against the stated population 16-64 (the text gives them as persons "av" inhabitants)
    for _, pop in df[df["measure"] == "population"].iterrows():
        persons = _pick(df, "unemployed_persons", group="all", area=pop["area"], period=pop["period"])
        rate = _pick(df, "unemployment_rate", group="all", area=pop["area"], period=pop["period"])
        if persons is None or rate is None:
            continue
        share = 100 * float(persons["value"]) / float(pop["value"])
        out.append(_count_finding("labour_count_share", f"unemployment_rate all {pop['period']}", share,
                                  float(rate["value"]),
                                  f"{_n(persons['value'])} av {_n(pop['value'])} personer", [persons, pop, rate]))
    # the labour-market unit: those who left to work / studies against all who left
    for period, part in df[df["group"] == "labour_market_unit"].groupby("period"):
        exits = _pick(part, "unit_exits", sex="all")
        if exits is None:
            continue
        for dest, word in (("work", "arbete"), ("studies", "studier")):
            share = _pick(part, f"unit_exits_to_{dest}_share", sex="all")
            counts = part[(part["measure"] == f"unit_exits_to_{dest}")]
            by_sex = counts[counts["sex"] != "all"]
            total = _pick(part, f"unit_exits_to_{dest}", sex="all")
            n = float(total["value"]) if total is not None else (float(by_sex["value"].sum()) if len(by_sex) else None)
            if share is None or n is None:
                continue
            computed = 100 * n / float(exits["value"])
            out.append(_count_finding("labour_count_share", f"unit_exits_to_{dest}_share {period}", computed,
                                      float(share["value"]),
                                      f"{_n(n)} av {_n(exits['value'])} avslutade till {word}",
                                      [exits, share]))
    return out


def _count_finding(check, row, computed, stated, what, rows, *, slack: float = 0.0) -> Finding:
    tol = _half_unit(stated) + 1e-9 + slack
    sev = grade(computed - stated, tol, max(2 * tol, 0.01 * abs(stated)))
    sev = "warning" if sev == "error" else sev
    verdict = "stämmer med" if sev == "info" else "stämmer inte med"
    return Finding(check, sev, _TABLE, row, stated, round(computed, 4),
                   f"{what} är {_pct(round(computed, 2))}, vilket {verdict} angivna {_pct(stated)}", **_loc(rows))


def denominators(df: pd.DataFrame) -> list[Finding]:
    """(persons, rate) pairs of one period imply the same labour force, within the rates' rounding (+1 %)."""
    out = []
    muni = df[(df["area"] == "municipality") & (df["group"].isin(_LONG_TERM)) & (df["sex"] == "all")]
    for period, part in muni.groupby("period"):
        spans = []
        for g in _LONG_TERM:
            persons = _pick(part, "unemployed_persons", group=g)
            rate = _pick(part, "unemployment_rate", group=g)
            if persons is None or rate is None or float(rate["value"]) <= 0:
                continue
            r, h, n = float(rate["value"]), _half_unit(float(rate["value"])), float(persons["value"])
            spans.append((g, n * 100 / (r + h), n * 100 / max(r - h, 1e-9), persons, rate))
        if len(spans) < 2:
            continue
        lo = max(s[1] for s in spans)
        hi = min(s[2] for s in spans)
        low_g = max(spans, key=lambda s: s[1])
        high_g = min(spans, key=lambda s: s[2])
        names = ", ".join(s[0] for s in spans)
        if lo <= hi * 1.01:
            sev = "info"
            msg = (f"Antal och andel arbetslösa {period} ({names}) ger samma arbetskraft, omkring "
                   f"{_n(round((lo + hi) / 2))} personer" + ("" if lo <= hi else " (inom 1 %)"))
        else:
            sev = "warning"
            msg = (f"Antal och andel arbetslösa {period} ger olika arbetskraft: {low_g[0]} minst {_n(round(lo))}, "
                   f"{high_g[0]} högst {_n(round(hi))} personer")
        out.append(Finding("labour_denominator", sev, _TABLE, f"unemployment_rate {period}", round(hi), round(lo),
                           msg, **_loc([spans[-1][3], spans[-1][4]])))
    return out


def sex_sums(df: pd.DataFrame) -> list[Finding]:
    out = []
    keys = ["measure", "group", "area", "period"]
    for key, part in df[df["unit"] == "persons"].groupby(keys):
        total = part[part["sex"] == "all"]
        f, m = part[part["sex"] == "female"], part[part["sex"] == "male"]
        if len(total) != 1 or len(f) != 1 or len(m) != 1:
            continue
        s = float(f["value"].iloc[0]) + float(m["value"].iloc[0])
        t = float(total["value"].iloc[0])
        sev = "info" if abs(s - t) < 0.5 else "warning"
        verdict = "stämmer med" if sev == "info" else "stämmer inte med"
        out.append(Finding("labour_sex_sum", sev, _TABLE, f"{key[0]} {key[1]} {key[3]}", t, s,
                           f"Kvinnor + män ({_n(s)}) {verdict} totalt {_n(t)} ({key[0]}, {key[3]})",
                           **_loc([total.iloc[0]])))
    return out


def changes(df: pd.DataFrame) -> list[Finding]:
    out = []
    for change_m, level_m, unit in (("unemployed_change_persons", "unemployed_persons", "personer"),
                                    ("unemployment_rate_change_pp", "unemployment_rate", "procentenheter")):
        for _, ch in df[df["measure"] == change_m].iterrows():
            p = str(ch["period"])
            y, _, mth = p.partition("-")
            before = f"{int(y) - 1}-{mth}" if mth else str(int(y) - 1)
            a = _pick(df, level_m, group=ch["group"], area=ch["area"], period=before)
            b = _pick(df, level_m, group=ch["group"], area=ch["area"], period=p)
            if a is None or b is None:
                continue
            diff = float(b["value"]) - float(a["value"])
            tol = 0.5 if unit == "personer" else _half_unit(float(a["value"])) + _half_unit(float(b["value"]))
            sev = grade(diff - float(ch["value"]), tol, 2 * tol)
            sev = "warning" if sev == "error" else sev
            verdict = "stämmer med" if sev == "info" else "stämmer inte med"
            out.append(Finding("labour_change", sev, _TABLE, f"{change_m} {ch['group']} {p}", diff, float(ch["value"]),
                               f"Angiven förändring {_n(ch['value'])} {unit} {verdict} {_n(b['value'])} − "
                               f"{_n(a['value'])} = {_n(round(diff, 2))} ({ch['group']}, {before}–{p})",
                               **_loc([ch])))
    return out


def repeats(df: pd.DataFrame) -> list[Finding]:
    out = []
    keys = ["measure", "group", "area", "period", "sex"]
    for key, part in df.groupby(keys, dropna=False):
        if part["value"].nunique() > 1:
            vals = [float(v) for v in part["value"]]
            out.append(Finding("labour_repeat", "error", _TABLE, " ".join(map(str, key[:4])), vals[0], vals[1],
                               f"{key[0]} ({key[1]}, {key[2]}, {key[3]}) anges med olika värden: "
                               + ", ".join(f"{_n(v)} (rad {int(l)})" for v, l in zip(vals, part["line"])),
                               **_loc([part.iloc[-1]])))
    return out


def check_labour_frame(df: pd.DataFrame) -> list[Finding]:
    """Every relation between the stated labour-market figures."""
    if df is None or df.empty:
        return []
    return share_sums(df) + count_shares(df) + denominators(df) + sex_sums(df) + changes(df) + repeats(df)


def check_labour_market(report) -> list[Finding]:
    """The labour-market relations of a report."""
    return check_labour_frame(report.table("labour_market"))
