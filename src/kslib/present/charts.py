"""Charts for the notebooks: matplotlib figures readable on paper and on screen.

matplotlib is imported here only (``import kslib`` stays light).  Every
function returns a :class:`matplotlib.figure.Figure` built without pyplot, so
nothing is shown twice; in IPython a returned figure displays as inline SVG
(crisp when projected or printed, its text searchable) carrying its alt text as
``<title>`` and ``aria-label`` (see :func:`_register_svg_formatter`).  Axis ticks use :func:`kslib.fmt.tick_formatter`
(Swedish grouping and decimal comma); colours are distinguishable in grey print.
"""
from __future__ import annotations

import io

import pandas as pd
from matplotlib.figure import Figure

from kslib import fmt
from kslib.present.areas import NOT_AREAS
from kslib.present.frames import key_figure_units, key_figures_wide, net_cost_shares
from kslib.present.labels import (AREA_LABELS_SV, GROUP_LABELS_SV, LEVEL_LABELS_SV, STATUS_COLOURS, STATUS_ORDER,
                                  STATUS_TEXT, group_label, period_label, status_label)

SURPLUS = "#2166ac"     # blue: better than budget
DEFICIT = "#c0392b"     # red: worse than budget
# every colour at least 3:1 against the white page (WCAG AA for graphics), white labels on them 4.5:1
SERIES = ("#1f4e79", "#3a78b0", "#767676", "#a35f00", "#2e7d5b")
AREA_COLOURS = {"municipality": "#1f4e79", "county": "#3a78b0", "country": "#767676"}
UNKNOWN_HATCH = "///"   # "status not stated" is also a pattern, not only a colour
PNG_DPI = 110
SHORT_GROUP_LABELS = {"all": "Samtliga 16–64 år", "youth_18_24": "Unga 18–24 år", "foreign_born": "Utrikes födda",
                      "over_6_months": "Mer än 6 mån", "over_12_months": "Mer än 12 mån",
                      "over_24_months": "Mer än 24 mån"}

_RC = {"font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold", "axes.spines.top": False,
       "axes.spines.right": False, "axes.grid": True, "grid.color": "#dddddd", "grid.linewidth": 0.6,
       "axes.axisbelow": True, "figure.facecolor": "white", "axes.facecolor": "white"}


def _figure(width: float, height: float) -> tuple[Figure, object]:
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        ax = fig.add_subplot()
    _style(ax)
    return fig, ax


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_axisbelow(True)
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.title.set_fontweight("bold")


def to_png(fig: Figure, *, dpi: int = PNG_DPI) -> bytes:
    """The figure as PNG bytes (for a bitmap copy; the pages use :func:`to_svg`)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def to_svg(fig: Figure, *, alt: str | None = None) -> str:
    """The figure as an SVG document: text kept as text, the same bytes for the same figure (no date,
    fixed ids), and ``alt`` (default :func:`alt_text`) as its accessible name."""
    import html

    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "kslib"}):
        fig.savefig(buf, format="svg", facecolor="white", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]                       # no XML prolog or DOCTYPE inside an HTML page
    label = html.escape(alt if alt is not None else alt_text(fig), quote=True)
    head_end = svg.index(">") + 1
    return (svg[:head_end - 1] + f' role="img" aria-label="{label}">' + f"<title>{label}</title>"
            + svg[head_end:])


def _area_names(frame: pd.DataFrame) -> pd.Series:
    code = frame["row_code"].astype("string").fillna("")
    return (code + " " + frame["row_label"].astype(str)).str.strip()


def _rows(wide: pd.DataFrame) -> pd.DataFrame:
    """The areas of a table: plain rows, not results, equity or sums."""
    rows = wide[wide["kind"] == "row"] if "kind" in wide.columns else wide
    return rows[~rows["row_label"].astype(str).str.contains(NOT_AREAS, case=False, regex=True)]


def _bar_labels(ax, bars, values, *, unit: str | None, horizontal: bool = True, sign: bool = False,
                decimals: int = 0) -> None:
    for bar, v in zip(bars, values):
        if pd.isna(v):
            continue
        text = fmt.format_number(v, sign=sign, decimals=decimals) + (f" {unit}" if unit else "")
        if horizontal:
            x = bar.get_width()
            ax.annotate(text, (x, bar.get_y() + bar.get_height() / 2), xytext=(4 if x >= 0 else -4, 0),
                        textcoords="offset points", va="center", ha="left" if x >= 0 else "right", fontsize=8.5)
        else:
            y = bar.get_height()
            ax.annotate(text, (bar.get_x() + bar.get_width() / 2, y), xytext=(0, 3 if y >= 0 else -10),
                        textcoords="offset points", ha="center", fontsize=8.5)


# --------------------------------------------------------------------------- finances

def deviation_chart(drift: pd.DataFrame, *, year: int, title: str | None = None, unit: str = "tkr") -> Figure:
    """Diverging bars: the surplus against budget per area, sorted; blue = surplus, red = deficit.
    ``title`` states the finding (:func:`kslib.present.sentences.deviation_title`)."""
    rows = _rows(drift)
    dev = pd.to_numeric(rows[f"surplus_{year}"], errors="coerce").astype(float)
    data = pd.DataFrame({"area": _area_names(rows).to_numpy(), "dev": dev.to_numpy()}).dropna()
    # the bar the title names comes first on screen (the top bar is the last drawn): the largest deficit
    # where there is one, else the largest surplus
    data = data.sort_values("dev", ascending=not (data["dev"] < 0).any(), ignore_index=True)
    fig, ax = _figure(8.5, 0.42 * len(data) + 1.6)
    bars = ax.barh(data["area"], data["dev"], color=[SURPLUS if v >= 0 else DEFICIT for v in data["dev"]])
    ax.axvline(0, color="#333333", linewidth=0.8)
    # figures printed with a decimal (mnkr) keep it: "+18,3", not "+18"
    decimals = 1 if unit == "mnkr" or bool((data["dev"].round(6) % 1 != 0).any()) else 0
    _bar_labels(ax, bars, data["dev"], unit=None, sign=True, decimals=decimals)
    ax.xaxis.set_major_formatter(fmt.tick_formatter())
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"{unit} (överskott +, underskott −)".strip())
    ax.set_title(_wrap(title, 64) if title else f"Avvikelse mot budget per programområde {year}")
    lo, hi = min(data["dev"].min(), 0), max(data["dev"].max(), 0)
    pad = (hi - lo) * 0.18 or 1
    ax.set_xlim(lo - pad, hi + pad)
    ax.text(0.99, 0.01, "Blått = överskott, rött = underskott", transform=ax.transAxes, ha="right",
            va="bottom", fontsize=8, color="#555555")
    return fig


def outcome_budget_chart(drift: pd.DataFrame, *, year: int, unit: str = "tkr") -> Figure:
    """Grouped bars per area: outcome, budget and last year's outcome."""
    rows = _rows(drift).copy()
    rows["_area"] = _area_names(rows).to_numpy()
    series = [(f"outcome_{year}", f"Utfall {year}"), (f"budget_{year}", f"Budget {year}"),
              (f"outcome_{year - 1}", f"Utfall {year - 1}")]
    series = [(c, l) for c, l in series if c in rows.columns]
    # the largest area on top, whichever sign the report prints its costs with
    rows = rows.sort_values(series[0][0], key=lambda v: pd.to_numeric(v, errors="coerce").abs(), ascending=True)
    n, k = len(rows), len(series)
    fig, ax = _figure(8.5, 0.55 * n + 1.6)
    height = 0.8 / k
    for i, (col, label) in enumerate(series):
        ys = [j + (k - 1 - i) * height - 0.4 + height / 2 for j in range(n)]
        ax.barh(ys, pd.to_numeric(rows[col], errors="coerce").astype(float), height=height, label=label,
                color=SERIES[i])
    ax.set_yticks(range(n), rows["_area"])
    ax.xaxis.set_major_formatter(fmt.tick_formatter())
    ax.set_xlabel(unit)
    ax.grid(axis="y", visible=False)
    ax.axvline(0, color="#333333", linewidth=0.8)
    fig.legend(loc="outside lower center", ncol=k, frameon=False)    # beside the bars, never over them
    ax.set_title(f"Utfall mot budget och mot föregående år {year}")
    return fig


def share_chart(drift: pd.DataFrame, *, year: int) -> Figure:
    """Each programme area's share of the total net cost (percent)."""
    shares = net_cost_shares(drift, year=year).sort_values("share", ignore_index=True)
    fig, ax = _figure(8.5, 0.42 * len(shares) + 1.6)
    bars = ax.barh(shares["area"], shares["share"], color=SERIES[0])
    for bar, v in zip(bars, shares["share"]):
        ax.annotate(fmt.format_percent(v), (max(bar.get_width(), 0), bar.get_y() + bar.get_height() / 2),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=8.5)
    ax.xaxis.set_major_formatter(fmt.tick_formatter("%"))
    ax.grid(axis="y", visible=False)
    ax.set_xlim(min(0, shares["share"].min() * 1.2), shares["share"].max() * 1.2)
    ax.set_title(f"Andel av nettokostnaden per programområde {year}")
    return fig


def key_figures_chart(nyckeltal: pd.DataFrame, *, ncols: int = 3) -> Figure:
    """Small multiples: one line per key figure over the years, each on its own scale."""
    import matplotlib

    wide = key_figures_wide(nyckeltal)
    n = max(len(wide), 1)
    nrows = -(-n // ncols)
    with matplotlib.rc_context(_RC):
        # fixed margins: a layout engine costs more than the whole drawing for a grid this size
        fig = Figure(figsize=(10, 2.3 * nrows + 0.6))
        axes = fig.subplots(nrows, ncols, squeeze=False)
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.04, top=1 - 0.8 / (2.3 * nrows + 0.6),
                            hspace=0.55, wspace=0.3)
    years = list(wide.columns)
    units = key_figure_units(nyckeltal, wide.index)
    mixed = units.eq("%").any()
    for ax, (label, values) in zip(axes.flat, wide.iterrows()):
        _style(ax)
        ax.plot(years, values.to_numpy(dtype=float), marker="o", color=SERIES[0], linewidth=2)
        # several units in one grid: each small chart names its own
        name = f"{label} (%)" if mixed and units.get(label) == "%" else str(label)
        ax.set_title(_wrap(name, 42), fontsize=9.5)       # a long name on two lines, never cut
        ax.yaxis.set_major_formatter(fmt.tick_formatter())
        ax.set_xticks(years, [str(y) for y in years], fontsize=8)
        if len(years) > 1:      # every year on the axis, also for a figure printed for one year only
            pad = (years[-1] - years[0]) * 0.06
            ax.set_xlim(years[0] - pad, years[-1] + pad)
        top = values.max(skipna=True)
        ax.set_ylim(0, float(top) * 1.15 if pd.notna(top) and top > 0 else None)
    for ax in list(axes.flat)[len(wide):]:
        ax.set_visible(False)
    fig.suptitle("Verksamhetens nyckeltal över åren" + ("" if mixed else " (antal)"), fontweight="bold")
    return fig


def composition_chart(nyckeltal: pd.DataFrame, pattern: str, *, title: str) -> Figure:
    """100 % stacked bars per year for the key figures whose label matches ``pattern``."""
    wide = key_figures_wide(nyckeltal)
    wide = wide[wide.index.to_series().str.contains(pattern, case=False, regex=True)]
    shares = wide / wide.sum(axis=0) * 100
    years = list(shares.columns)
    fig, ax = _figure(8.5, 4.2)
    bottom = pd.Series(0.0, index=years)
    for i, (label, row) in enumerate(shares.iterrows()):
        vals = row.fillna(0.0)
        bars = ax.bar([str(y) for y in years], vals, bottom=bottom, label=str(label), color=SERIES[i % len(SERIES)])
        for bar, v, b in zip(bars, vals, bottom):
            if v >= 6:
                ax.text(bar.get_x() + bar.get_width() / 2, b + v / 2, fmt.format_percent(v, decimals=0),
                        ha="center", va="center", fontsize=8.5,
                        color="white")
        bottom = bottom + vals
    ax.yaxis.set_major_formatter(fmt.tick_formatter("%"))
    ax.set_ylim(0, 100)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_title(title)
    return fig


# --------------------------------------------------------------------------- labour market

def unemployment_comparison_chart(lm: pd.DataFrame, *, period: str, measure: str = "unemployment_rate") -> Figure:
    """Grouped bars per group: municipality, county and country at ``period``."""
    df = lm[(lm["measure"] == measure) & (lm["period"] == period)]
    groups = [g for g in GROUP_LABELS_SV if g in set(df["group"])] + sorted(set(df["group"]) - set(GROUP_LABELS_SV))
    areas = [a for a in AREA_LABELS_SV if a in set(df["area"])]
    fig, ax = _figure(8.5, 4.4)
    width = 0.8 / max(len(areas), 1)
    for i, area in enumerate(areas):
        vals = [_value(df, g, area) for g in groups]
        xs = [j - 0.4 + width * (i + 0.5) for j in range(len(groups))]
        bars = ax.bar(xs, vals, width=width, label=AREA_LABELS_SV[area], color=AREA_COLOURS[area])
        _bar_labels(ax, bars, vals, unit=None, horizontal=False, decimals=1)
    _finish_group_axes(ax, groups, f"Arbetslöshet per grupp, {period_label(period)}")
    return fig


def unemployment_change_chart(lm: pd.DataFrame, *, period: str, previous: str,
                              measure: str = "unemployment_rate", area: str = "municipality") -> Figure:
    """Grouped bars per group: this period against the same month a year earlier (municipality)."""
    df = lm[(lm["measure"] == measure) & (lm["area"] == area)]
    groups = [g for g in GROUP_LABELS_SV if g in set(df["group"])] + sorted(set(df["group"]) - set(GROUP_LABELS_SV))
    fig, ax = _figure(8.5, 4.2)
    for i, (p, colour) in enumerate(((previous, SERIES[1]), (period, SERIES[0]))):
        vals = [_value(df[df["period"] == p], g, area) for g in groups]
        xs = [j - 0.2 + 0.4 * i for j in range(len(groups))]
        bars = ax.bar(xs, vals, width=0.4, label=period_label(p), color=colour)
        for bar, v in zip(bars, vals):
            if pd.notna(v):
                ax.annotate(fmt.format_number(v, decimals=1), (bar.get_x() + bar.get_width() / 2, v),
                            xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8.5)
    _finish_group_axes(ax, groups, f"{AREA_LABELS_SV.get(area, area)}: arbetslöshet nu och ett år tidigare")
    return fig


def _finish_group_axes(ax, groups: list[str], title: str) -> None:
    """Group labels under the bars, percent ticks Swedish-style, a legend and the title."""
    ax.set_xticks(range(len(groups)), [_wrap(SHORT_GROUP_LABELS.get(g, group_label(g))) for g in groups], fontsize=9)
    ax.yaxis.set_major_formatter(fmt.tick_formatter("%"))
    ax.grid(axis="x", visible=False)
    ax.legend(frameon=False)
    ax.set_title(title)


def _value(df: pd.DataFrame, group: str, area: str) -> float:
    hit = df[(df["group"] == group) & (df["area"] == area)]["value"].dropna()
    return float(hit.iloc[0]) if len(hit) else float("nan")


def _wrap(text: str, width: int = 16) -> str:
    words, lines, cur = text.split(), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return "\n".join([*lines, cur])


# --------------------------------------------------------------------------- goals

def goal_status_chart(goals: pd.DataFrame) -> Figure:
    """Horizontal stacked bars: number of goals and sub-goals per status."""
    levels = [lv for lv in ("goal", "subgoal") if (goals["level"] == lv).any()]
    fig, ax = _figure(8.5, 1.0 * len(levels) + 1.8)
    left = [0] * len(levels)
    status = goals["status"].astype("string").fillna("unknown")
    # an activity's status (done, ongoing) after the goal statuses
    for st in [*STATUS_ORDER, *(st for st in STATUS_COLOURS if st not in STATUS_ORDER)]:
        counts = [int(((goals["level"] == lv) & (status == st)).sum()) for lv in levels]
        if not any(counts):
            continue
        bars = ax.barh([LEVEL_LABELS_SV[lv] for lv in levels], counts, left=left, color=STATUS_COLOURS[st],
                       label=status_label(st), edgecolor="white",
                       hatch=UNKNOWN_HATCH if st == "unknown" else None)
        for bar, c in zip(bars, counts):
            if c:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(c),
                        ha="center", va="center", fontsize=10, fontweight="bold",
                        color=STATUS_TEXT)
        left = [a + b for a, b in zip(left, counts)]
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(fmt.tick_formatter())
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("antal")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=5, frameon=False, fontsize=9)
    ax.set_title("Måluppfyllelse: antal mål per status")
    return fig


# --------------------------------------------------------------------------- IPython display

def _register_svg_formatter() -> None:
    """Show a returned Figure as SVG in IPython (no pyplot, so no duplicate output)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    ip = get_ipython()
    if ip is None:
        return
    ip.display_formatter.formatters["image/svg+xml"].for_type(Figure, to_svg)


def alt_text(fig: Figure) -> str:
    """A description for readers who cannot see the chart: its title (suptitle or first axes title)."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text():
        return " ".join(sup.get_text().split())
    titles = [" ".join(ax.get_title().split()) for ax in fig.axes if ax.get_title()]
    return titles[0] if titles else "Diagram"


_register_svg_formatter()
