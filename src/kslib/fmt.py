"""Swedish display formatting, in one place, for tables, prose and chart ticks.

``format_number(12345)`` → ``"12 345"`` (narrow no-break space between groups),
``format_tkr(12345)`` → ``"12 345 tkr"``, ``format_percent(6.6)`` → ``"6,6 %"``.
No OS locale is needed.  ``plain_spaces=True`` gives ordinary spaces (for tests
or plain-text output).
"""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"          # between a figure and its unit
THIN = "\u202f"          # narrow no-break space between thousands groups
MINUS = "\u2212"         # typographic minus


def _is_missing(value) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def _half_up(value: float, decimals: int) -> Decimal:
    """Rounded half up as people do (32,5 % → 33 %), from the figure as written (``repr``), not its binary
    approximation (Python's own formatting rounds half to even: 32.5 → 32)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value, *, decimals: int = 0, sign: bool = False, group: str = THIN,
                  minus: str = MINUS, missing: str = "–") -> str:
    """A figure Swedish-style: thousands groups, decimal comma, real minus sign."""
    if _is_missing(value):
        return missing
    value = float(value)
    text = f"{_half_up(abs(value), decimals):,.{decimals}f}"
    if text.strip("0.,") == "":  # -0.0 and rounding to zero print without a sign
        value = 0.0
    text = text.replace(",", group).replace(".", ",")
    if value < 0:
        return minus + text
    return ("+" + text) if sign and value > 0 else text


def format_tkr(value, *, decimals: int = 0, sign: bool = False) -> str:
    """``12 345 tkr``"""
    return _with_unit(format_number(value, decimals=decimals, sign=sign), "tkr", value)


def format_mnkr(value_tkr, *, decimals: int = 1, sign: bool = False) -> str:
    """Thousands of kronor shown as millions: ``2 600`` → ``2,6 mnkr``."""
    v = None if _is_missing(value_tkr) else float(value_tkr) / 1000
    return _with_unit(format_number(v, decimals=decimals, sign=sign), "mnkr", v)


def format_kr(value, *, decimals: int = 0, sign: bool = False) -> str:
    """``4 954 kr``"""
    return _with_unit(format_number(value, decimals=decimals, sign=sign), "kr", value)


def format_percent(value, *, decimals: int = 1, sign: bool = False) -> str:
    """``6,6 %`` (value already in percent)."""
    return _with_unit(format_number(value, decimals=decimals, sign=sign), "%", value)


def format_points(value, *, decimals: int = 1, sign: bool = True) -> str:
    """Percentage points: ``+1,5 procentenheter``."""
    return _with_unit(format_number(value, decimals=decimals, sign=sign), "procentenheter", value)


def format_value(value, unit: str | None, *, decimals: int | None = None) -> str:
    """Format by unit: ``tkr``, ``mnkr``, ``kr``, ``%``, ``st`` or none."""
    if decimals is None:
        decimals = 1 if unit in ("%", "mnkr") else 0
        if unit not in ("%", "mnkr") and not _is_missing(value) and not float(value).is_integer():
            decimals = 1
    text = format_number(value, decimals=decimals)
    return _with_unit(text, unit, value) if unit and unit != "st" else text


def _with_unit(text: str, unit: str, value) -> str:
    return text if _is_missing(value) else f"{text}{NBSP}{unit}"


def tick_formatter(unit: str | None = None, *, decimals: int = 0):
    """A matplotlib ``FuncFormatter`` writing ticks Swedish-style (imports matplotlib lazily)."""
    from matplotlib.ticker import FuncFormatter

    def _fmt(x, _pos=None):
        text = format_number(x, decimals=decimals)
        return f"{text} {unit}" if unit else text

    return FuncFormatter(_fmt)
