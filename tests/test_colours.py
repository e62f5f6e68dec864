"""Colours people can tell apart and read: WCAG AA contrast for every palette the pages use."""
from __future__ import annotations

import pytest

from kslib.present import charts, labels

WHITE = "#ffffff"


def luminance(colour: str) -> float:
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_on_known_pairs():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#777777", WHITE) == pytest.approx(4.48, abs=0.01)     # the classic near-miss grey


@pytest.mark.parametrize("status", labels.STATUS_ORDER)
def test_status_colours_carry_white_text_and_stand_out_on_the_page(status):
    colour = labels.STATUS_COLOURS[status]
    assert contrast(colour, labels.STATUS_TEXT) >= 4.5          # the label on the coloured cell or bar
    assert contrast(colour, WHITE) >= 3.0                        # the bar against the page


@pytest.mark.parametrize("colour", [*charts.SERIES, *charts.AREA_COLOURS.values(), charts.SURPLUS, charts.DEFICIT])
def test_chart_colours(colour):
    assert contrast(colour, WHITE) >= 4.5                        # white bar labels and the page alike
