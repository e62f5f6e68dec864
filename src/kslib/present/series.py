"""The Flerårsöversikt: frames, Swedish sentences and charts over one board's reports.

Everything here reads plain frames of ``kslib series`` (``series``: one value per table kind, row,
measure and year with its source; ``restatements``; goal statuses per year) and knows nothing about
files or the project.  Money is in tkr.
"""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from kslib import fmt
from kslib.present.charts import DEFICIT, SERIES, SURPLUS
from kslib.present.labels import STATUS_COLOURS, STATUS_ORDER, status_label
from kslib.vocab.units import UNIT_HEADERS_SV

RESULT_MEASURES = ("outcome", "net")          # the year's figure: outcome, else the net of income and cost
KEY_FIGURE_KINDS = ("key_figures", "staff")
AREA_KIND = "operating_by_area"
RESULT_KINDS = ("income_statement", AREA_KIND)
_RC = {"font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold"}


# --------------------------------------------------------------------------- frames

def _rows_in_order(frame: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(frame["row_key"]))


def _sized(series: pd.DataFrame) -> pd.DataFrame:
    """``series`` with ``_size``: how many rows the table of each value has (per report, kind and title)."""
    keys = ["report_year", "table_kind", "table_title"]
    return series.join(series.groupby(keys)["row_key"].nunique().rename("_size"), on=keys)


def year_figures(rows: pd.DataFrame, measures: tuple[str, ...] = RESULT_MEASURES) -> pd.DataFrame:
    """One figure per row and year: the latest report's, from its main table of the kind (the one with the
    most rows, ``_size`` of :func:`_sized`; a report's short extract such as "the units with the largest
    deviations" may print the same row otherwise), in the first of ``measures`` that table gives for the
    year (outcome, else the net of income and cost).  The rows of ``rows`` so chosen."""
    pick = rows[rows["measure"].isin(measures)].copy()
    if pick.empty:
        return pick
    pick["_rank"] = pick["measure"].map({m: i for i, m in enumerate(measures)})
    pick = pick.sort_values(["report_year", "_size", "_rank"], ascending=[False, False, True], kind="stable")
    return pick.drop_duplicates(["row_key", "year"]).drop(columns=["_rank"])


def result_row(series: pd.DataFrame) -> tuple[str, str] | None:
    """``(table_kind, row_key)`` of the board's result: the last total row of the income statement (else its
    last row with an outcome and a budget), else the total of the operating statement."""
    for kind in RESULT_KINDS:
        rows = series[series["table_kind"] == kind]
        if rows.empty:
            continue
        totals = rows[rows["row_kind"] == "total"]
        if not totals.empty:
            return kind, _rows_in_order(totals)[-1] if kind == "income_statement" else _rows_in_order(totals)[-1]
        if kind == "income_statement":
            both = rows.groupby("row_key")["measure"].agg(set)
            keys = [k for k in _rows_in_order(rows) if {"budget"} <= both[k] and both[k] & set(RESULT_MEASURES)]
            if keys:
                return kind, keys[-1]
    return None


def result_by_year(series: pd.DataFrame) -> pd.DataFrame:
    """The result against budget per year: ``År, Rad, Utfall, Budget, Avvikelse mot budget`` (tkr; the
    deviation positive when better than budget: the report's ``surplus`` where it states one, else
    outcome − budget), with the report each figure is read from."""
    columns = ["År", "Rad", "Utfall", "Budget", "Avvikelse mot budget", "Källa"]
    found = result_row(series)
    if found is None:
        return pd.DataFrame(columns=columns)
    kind, key = found
    sized = _sized(series)
    rows = sized[(sized["table_kind"] == kind) & (sized["row_key"] == key)]
    figures = year_figures(rows).set_index("year")
    if figures.empty:
        return pd.DataFrame(columns=columns)
    budget = year_figures(rows, ("budget",)).set_index("year")["value"].reindex(figures.index)
    surplus = year_figures(rows, ("surplus",)).set_index("year")["value"].reindex(figures.index)
    out = pd.DataFrame({"År": figures.index.astype(int)})
    out["Rad"] = rows["row"].iloc[-1]
    out["Utfall"] = figures["value"].to_numpy()
    out["Budget"] = budget.to_numpy()
    out["Avvikelse mot budget"] = surplus.fillna(figures["value"] - budget).to_numpy()
    out["Källa"] = [f"rapporten {int(r)}" for r in figures["report_year"]]
    out = out.sort_values("År", ignore_index=True)
    out = out.dropna(subset=["Utfall"]).reset_index(drop=True)[columns]
    out["År"] = out["År"].astype(int).astype(str)          # a year is a label, not a figure to group
    return out


def largest_areas(series: pd.DataFrame, *, n: int = 6) -> pd.DataFrame:
    """The ``n`` largest areas of the operating statement (by the latest year's absolute figure), one row
    each, one column per year (tkr)."""
    sized = _sized(series)
    rows = sized[(sized["table_kind"] == AREA_KIND) & (sized["row_kind"] == "row")]
    if rows.empty:
        return pd.DataFrame()
    rows = year_figures(rows)            # the latest report first: its label and code name the row
    if rows.empty:
        return pd.DataFrame()
    label = rows.groupby("row_key")["row"].first()
    code = rows.groupby("row_key")["row_code"].first()
    wide = rows.pivot_table(index="row_key", columns="year", values="value", aggfunc="last")
    latest = wide.columns.max()
    wide = wide.reindex(wide[latest].abs().sort_values(ascending=False).index).head(n)
    names = [f"{code[k]} {label[k]}".strip() for k in wide.index]
    out = wide.reset_index(drop=True)
    out.columns = [str(int(c)) for c in out.columns]
    out.insert(0, "Område", names)
    return out


def key_figures(series: pd.DataFrame) -> pd.DataFrame:
    """Key figures over time: ``Nyckeltal, Enhet`` and one column per year (rows in the reports' order)."""
    rows = series[series["table_kind"].isin(KEY_FIGURE_KINDS)]
    rows = rows[rows["measure"].isin(("outcome", "value"))]
    if rows.empty:
        return pd.DataFrame()
    order = _rows_in_order(rows)
    wide = rows.pivot_table(index=["table_kind", "row_key"], columns="year", values="value", aggfunc="last")
    label = rows.groupby(["table_kind", "row_key"])["row"].last()
    unit = rows.groupby(["table_kind", "row_key"])["unit"].last()
    wide = wide.reindex(sorted(wide.index, key=lambda k: order.index(k[1])))
    out = wide.reset_index(drop=True)
    out.columns = [str(int(c)) for c in out.columns]
    out.insert(0, "Enhet", [UNIT_HEADERS_SV.get(unit[k] or "", unit[k] or "") for k in wide.index])
    out.insert(0, "Nyckeltal", [label[k] for k in wide.index])
    return out


def goals_by_year(goals: pd.DataFrame) -> pd.DataFrame:
    """Goal statuses per year: ``År`` and one column per status (Swedish), counts."""
    if goals is None or goals.empty:
        return pd.DataFrame()
    wide = goals.pivot_table(index="year", columns="status", values="goals", aggfunc="sum", fill_value=0)
    statuses = [s for s in STATUS_ORDER if s in wide.columns] + [s for s in wide.columns if s not in STATUS_ORDER]
    wide = wide[statuses]
    out = wide.reset_index().rename(columns={"year": "År"})
    out.columns = ["År", *[status_label(s) for s in statuses]]
    out["År"] = out["År"].astype(int).astype(str)
    return out


def assessed_goals(goals: pd.DataFrame) -> pd.DataFrame:
    """Only the years where at least one goal has a stated status (not ``unknown``)."""
    if goals is None or goals.empty:
        return pd.DataFrame(columns=["report_year", "year", "status", "goals"])
    known = goals[goals["status"] != "unknown"].groupby("year")["goals"].sum()
    return goals[goals["year"].isin(known[known > 0].index)]


def restatement_table(restatements: pd.DataFrame) -> pd.DataFrame:
    """The restated figures as readers see them: row, year, both values with the report and page."""
    columns = ["Rad", "År", "Först redovisat", "Enligt", "Senare redovisat", "Enligt ", "Skillnad"]
    if restatements is None or restatements.empty:
        return pd.DataFrame(columns=columns)
    r = restatements
    return pd.DataFrame({
        "Rad": [f"{c} {row}".strip() for c, row in zip(r["row_code"].fillna(""), r["row"])],
        "År": r["year"].astype(int).astype(str),
        "Först redovisat": r["value_before"].astype(float),
        "Enligt": [_where(y, p) for y, p in zip(r["report_year_before"], r["page_before"])],
        "Senare redovisat": r["value_after"].astype(float),
        "Enligt ": [_where(y, p) for y, p in zip(r["report_year_after"], r["page_after"])],
        "Skillnad": r["difference"].astype(float),
    })[columns]


def _where(report_year, page) -> str:
    text = f"rapporten {int(report_year)}" if pd.notna(report_year) else "rapporten"
    return f"{text}, s. {int(page)}" if pd.notna(page) else text


def restatement_units(restatements: pd.DataFrame) -> str | None:
    units = set(restatements["unit"].dropna()) if restatements is not None and len(restatements) else set()
    return units.pop() if len(units) == 1 else None


# --------------------------------------------------------------------------- sentences

def summary(result: pd.DataFrame, restatements: pd.DataFrame, *, years: list[int]) -> list[str]:
    """The page's message in three to five Swedish sentences."""
    out = []
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "")
    if not result.empty:
        label = str(result["Rad"].iloc[0])
        last = result.iloc[-1]
        out.append(f"{label} {last['År']} blev {fmt.format_tkr(last['Utfall'])}"
                   + (_against_budget(last) if pd.notna(last["Budget"]) else "") + ".")
        earlier = result.iloc[:-1]
        if len(earlier):
            parts = [f"{r['År']}: {fmt.format_tkr(r['Utfall'])}" for _, r in earlier.iterrows()]
            out.append(f"Tidigare år: {'; '.join(parts)}.")
        judged = result.dropna(subset=["Avvikelse mot budget"])
        if len(judged) > 1:
            better = int((judged["Avvikelse mot budget"] > 0).sum())
            out.append(f"Resultatet var bättre än budget {better} av {len(judged)} år med budget under {span}.")
    else:
        out.append(f"Rapporterna {span} redovisar inget resultat som kunde jämföras mellan åren.")
    if restatements is not None and len(restatements):
        n = len(restatements)
        out.append(f"{n} {'siffra' if n == 1 else 'siffror'} för tidigare år redovisas annorlunda i en senare rapport "
                   f"(se Ändrade uppgifter).")
    else:
        out.append("Ingen siffra för ett tidigare år redovisas annorlunda i en senare rapport.")
    return out[:5]


def _against_budget(row) -> str:
    dev = row["Avvikelse mot budget"]
    budget = f" mot budgeterade {fmt.format_tkr(row['Budget'])}"
    if pd.isna(dev) or dev == 0:
        return budget
    word = "bättre" if dev > 0 else "sämre"
    return f"{budget}, {fmt.format_tkr(abs(dev))} {word} än budget"


def restatement_sentences(restatements: pd.DataFrame) -> list[str]:
    """One sentence per restated figure (at most five, largest difference first)."""
    if restatements is None or restatements.empty:
        return []
    r = restatements.reindex(restatements["difference"].abs().sort_values(ascending=False).index).head(5)
    return [f"{row['row']} {int(row['year'])}: {fmt.format_value(row['value_before'], row['unit'] or None)} i "
            f"rapporten {int(row['report_year_before'])}, {fmt.format_value(row['value_after'], row['unit'] or None)} "
            f"i rapporten {int(row['report_year_after'])}." for _, row in r.iterrows()]


# --------------------------------------------------------------------------- charts

def _figure(width: float, height: float):
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
    return fig, ax


def result_chart(result: pd.DataFrame) -> Figure:
    """Outcome and budget per year (bars; the outcome blue when better than budget, red when worse)."""
    fig, ax = _figure(8, 3.6)
    years = [str(y) for y in result["År"]]
    x = list(range(len(years)))
    colours = [SURPLUS if not pd.notna(d) or d >= 0 else DEFICIT for d in result["Avvikelse mot budget"]]
    ax.bar([i - 0.2 for i in x], result["Utfall"], width=0.4, color=colours, label="Utfall")
    if result["Budget"].notna().any():
        ax.bar([i + 0.2 for i in x], result["Budget"], width=0.4, color="#bbbbbb", label="Budget",
               hatch="//", edgecolor="#767676")
    ax.axhline(0, color="#333333", linewidth=0.8)
    ax.set_xticks(x, years)
    ax.yaxis.set_major_formatter(fmt.tick_formatter())
    ax.set_ylabel("tkr")
    label = str(result["Rad"].iloc[0]) if len(result) else "Resultat"
    ax.set_title(f"{label} per år mot budget")
    ax.legend(frameon=False, loc="best")
    return fig


def areas_chart(areas: pd.DataFrame) -> Figure:
    """The largest areas over the years (one line each)."""
    fig, ax = _figure(8, 4)
    years = [c for c in areas.columns if c != "Område"]
    for i, (_, row) in enumerate(areas.iterrows()):
        ax.plot(years, [row[y] for y in years], marker="o", color=SERIES[i % len(SERIES)],
                linestyle=("-", "--", ":", "-.")[i // len(SERIES) % 4], label=str(row["Område"])[:40])
    ax.yaxis.set_major_formatter(fmt.tick_formatter())
    ax.set_ylabel("tkr")
    ax.set_title("De största områdena över åren")
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig


def goals_chart(goals_wide: pd.DataFrame) -> Figure:
    """Goal statuses per year (stacked bars)."""
    fig, ax = _figure(8, 3.4)
    years = [str(y) for y in goals_wide["År"]]
    bottom = [0.0] * len(years)
    labels = {status_label(s): s for s in STATUS_ORDER}
    for col in goals_wide.columns[1:]:
        values = goals_wide[col].astype(float).tolist()
        colour = STATUS_COLOURS.get(labels.get(col, ""), "#767676")
        ax.bar(years, values, bottom=bottom, color=colour, label=col)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel("antal mål")
    ax.set_title("Måluppfyllelse per år")
    ax.legend(frameon=False, fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    return fig


def sources_footer(names: list[str]) -> str:
    """The page's ``Källa`` line naming the reports (Markdown, report text escaped)."""
    from kslib.present.display import plain_text

    listed = "; ".join(plain_text(n) for n in names)
    return f"---\n\n*Källa: {listed}.*"
