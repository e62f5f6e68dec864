"""Swedish labels of the data's codes: statuses, levels, bases, severities, labour-market groups, periods."""
from __future__ import annotations

import re
from typing import Any

import pandas as pd

from kslib.statuses import STATUS_LABELS_SV, STATUSES

STATUS_ORDER = STATUSES


# WCAG AA: white text on each is at least 4.5:1, and each against the white page at least 3:1
STATUS_COLOURS = {"met": "#1a7f4b", "partly_met": "#9a6700", "not_met": "#b2182b",
                  "later": "#4f5d75", "unknown": "#757575", "done": "#2e7d5b", "ongoing": "#3a78b0"}
STATUS_TEXT = "#ffffff"


LEVEL_LABELS_SV = {"goal": "Mål", "subgoal": "Delmål", "assignment": "Uppdrag", "action_plan": "Handlingsplan"}
ASSESSMENT_LABELS_SV = {"met": "Målet nått", "not_met": "Målet ej nått"}
MEASURE_LABELS_SV = {"target": "Målvärde", "outcome": "Utfall", "baseline": "Utgångsläge", "county": "Länet",
                     "country": "Riket"}


BASIS_LABELS_SV = {"text": "rapportens text", "horizon": "tidsangivelse i målet", "override": "analytikerns bedömning",
                   "count": "rapportens sammanräkning", "symbol": "symbol i rapporten", "unknown": "saknas", "none": "saknas", "": "saknas"}


SEVERITY_LABELS_SV = {"error": "Fel", "warning": "Varning", "info": "Information"}


# On a page a missing status is never shown as a finding ("Okänd" reads as "the board does not know"):
# it is what it is, a status the report's text does not state.
UNSTATED_SV = "Ej angiven i texten"


def status_labels() -> dict[str, str]:
    """Status code → Swedish label as pages show it."""
    return {**STATUS_LABELS_SV, "unknown": UNSTATED_SV}


def status_label(status: Any) -> str:
    if _missing(status):
        status = "unknown"
    return status_labels().get(str(status), str(status))


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value))


# A coloured status symbol (PDF) whose colour the report's legend explains, or does not
NO_LEGEND_SV = "ingen teckenförklaring"


def symbol_label(symbol: Any) -> str:
    """``"grön"`` → ``"grön symbol"``; ``"grön/röd"`` → ``"grön och röd symbol"``; ``""`` for none."""
    if _missing(symbol) or not str(symbol):
        return ""
    return " och ".join(str(symbol).split("/")) + " symbol"


def legend_ref(legend_page: Any) -> str:
    """``"teckenförklaring s. 2"`` (the page the report explains its colours on), ``"teckenförklaring"``."""
    return "teckenförklaring" if _missing(legend_page) else f"teckenförklaring s. {int(legend_page)}"


def goal_status_label(status: Any, *, basis: Any = "", symbol: Any = "", legend_page: Any = None,
                      cite: bool = False) -> str:
    """A goal's status as a page shows it: its Swedish label; a status the report states only by a coloured
    symbol its legend does not explain: ``"grön symbol – ingen teckenförklaring"`` (never "Ej angiven i
    texten": the report shows something); with ``cite``, a status read from a symbol by the legend:
    ``"Uppfylls (enligt färgsymbol, teckenförklaring s. 2)"``."""
    shown = symbol_label(symbol)
    if (_missing(status) or str(status) == "unknown") and shown:
        return f"{shown[:1].upper()}{shown[1:]} – {NO_LEGEND_SV}"
    label = status_label(status)
    if cite and str(basis) == "symbol":
        return f"{label} (enligt {'färgsymbol' if shown else 'symbol'}, {legend_ref(legend_page)})"
    return label


def basis_label(basis: Any, *, symbol: Any = "", legend_page: Any = None) -> str:
    """Where a status came from: ``"rapportens text"``; a symbol: ``"grön symbol enligt teckenförklaringen
    s. 2"``."""
    if _missing(basis):
        return ""
    if str(basis) == "symbol" and (symbol_label(symbol) or not _missing(legend_page)):
        page = "" if _missing(legend_page) else f" s. {int(legend_page)}"
        return f"{symbol_label(symbol) or 'symbol'} enligt teckenförklaringen{page}"
    return BASIS_LABELS_SV.get(str(basis), str(basis))


GROUP_LABELS_SV = {"all": "Samtliga 16–64 år", "youth_18_24": "Unga 18–24 år", "foreign_born": "Utrikes födda",
                   "over_6_months": "Arbetslösa mer än 6 månader", "over_12_months": "Arbetslösa mer än 12 månader",
                   "over_24_months": "Arbetslösa mer än 24 månader",
                   "over_6_months_youth_18_24": "Arbetslösa mer än 6 månader, 18–24 år",
                   "over_6_months_born_outside_europe": "Arbetslösa mer än 6 månader, födda utanför Europa"}


AREA_LABELS_SV = {"municipality": "Kommunen", "county": "Länet", "country": "Riket"}


_MONTHS_SV = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
              "oktober", "november", "december")


def group_label(group: str) -> str:
    return GROUP_LABELS_SV.get(group, group.replace("_", " "))


def period_label(period: str) -> str:
    """``2020-12`` → ``december 2020``; ``2020`` stays."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(period))
    return f"{_MONTHS_SV[int(m.group(2)) - 1]} {m.group(1)}" if m else str(period)
