"""Page furniture: running headers and footers, page numbers ("7 (24)", "Sida 3 av 36", "SID 31(36)").

Furniture is removed before tables and records are read; these are the patterns every reader uses."""
from __future__ import annotations

import re

# a running header squeezed of its spaces: "Verksamhetsberättelse2020", "2025ÅRSBOKSLUT...SID31(36)"
RUNNING_HEADER = re.compile(
    r"^(?:(?:verksamhetsberättelse|årsbokslut|årsredovisning|delårsrapport|verksamhetsplan)\d{4}"
    r"|\d{4}(?:verksamhetsberättelse|årsbokslut|årsredovisning|delårsrapport).*"
    r"|.*sid\d+\(\d+\))$",
    re.IGNORECASE,
)
PAGE_OF = re.compile(r"sid\s*(\d+)\s*\(\s*\d+\s*\)", re.IGNORECASE)
# a line that is only a page number (text layers: after a running header)
BARE_PAGE_NUMBER = re.compile(r"^\s*(?:sid(?:an)?\.?\s*)?(\d{1,3})\s*$", re.IGNORECASE)
# a page number in a page's margin: "7", "- 7 -", "Sida 7 av 36", "7 (24)", "7/24"
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:sid(?:an|a)?\.?\s*)?\d{1,4}(?:\s*(?:\(\s*\d{1,4}\s*\)|(?:av|/)\s*\d{1,4}))?(?:\s*[-–])?\s*$",
    re.IGNORECASE,
)
# a running footer at a line's end: "Årsrapport 2025 … 35 (40)" (text after a wide gap)
FOOTER_AT_END = re.compile(r"\S\s{3,}\d{1,3}\s*\(\s*\d{1,3}\s*\)\s*$")
# a page footer glued to the end of a line: "… 1 234 7 (24)"
PAGE_OF_AT_END = re.compile(r"\s+(?P<page>\d{1,3})\s*\(\s*(?P<pages>\d{1,3})\s*\)\s*$")
# a date on a line of its own (a printout's footer)
DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d-\d\d-\d\d\s*$")


def is_running_header(text: str) -> bool:
    squeezed = re.sub(r"\s+", "", text)
    return bool(squeezed) and bool(RUNNING_HEADER.match(squeezed))


def is_footer_line(text: str) -> bool:
    """A running footer with its page number ("Årsrapport 2025      35 (40)") or a lone date."""
    return bool(FOOTER_AT_END.search(text) or DATE_LINE.match(text))


# ------------------------------------------------------------------ furniture among records (text layers)
# a page footer on a line of its own: text, a gap of two spaces or more, "7 (24)" ("Nämnden  4 (13)")
PAGE_FOOTER = re.compile(r"^\s*\S.*\s{2,}\d{1,4}\s*\(\s*\d{1,4}\s*\)\s*$")
# a page number with its total on a line of its own: "7 (24)", "Sida 3 av 36", "7/24" (never a bare number)
PAGE_OF_TOTAL = re.compile(
    r"^\s*(?:sid(?:an|a)?\.?\s*)?(?P<page>\d{1,4})\s*(?:\(\s*(?P<a>\d{1,4})\s*\)|(?:av|/)\s*(?P<b>\d{1,4}))\s*$",
    re.IGNORECASE)
# a running footer's last words: a page number with its total at a line's end ("… Tekniska nämnden 5 (12)")
PAGE_AT_END = re.compile(r"(?<![\d(,.])\s+(?P<page>\d{1,4})\s*\(\s*(?P<pages>\d{1,4})\s*\)\s*$")


def page_at_end(text: str) -> tuple[str, int, int] | None:
    """(text before, page, pages) when a line ends in a page number with its total, the page within the total."""
    m = PAGE_AT_END.search(text)
    if not m or int(m.group("page")) > int(m.group("pages")) or int(m.group("page")) == 0:
        return None
    return text[:m.start()].rstrip(), int(m.group("page")), int(m.group("pages"))
