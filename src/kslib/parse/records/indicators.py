"""Quality indicators linked to the goals (a table under "Kvalitetsindikatorer …").

Columns of the printed table: goal number, indicator, baseline (Utgångsläge),
target (Målvärde), trend (Utveckling/trend), county/country comparison (Jämfr
län/rike) and outcome (Utfall).  In a text layer a row starts with the goal
number; its cells follow one another and wrap over many lines, and empty cells
or cells holding only a lost symbol leave at most a run of spaces.  Cells are
told apart by what the layout shows:

* a run of two or more spaces, or a continuation line that starts with spaces,
  is a cell boundary (the cells between are empty or symbols);
* on the first line the indicator ends where a value starts (a figure with a
  decimal comma, ``%``, ``(`` or a rank such as ``3:e``, or "År 2021" / "Andel 31 %");
* a continuation line starts a new cell after a closed parenthesis when it starts
  a new value or a capitalised phrase, when it starts with a sign ("+ 4 %") or
  with a year followed by a value ("2022 2,71");
* a lone ``-`` is the comparison cell ("no comparison").

Cells are then placed: the first cell right after the indicator (no gap) is the
baseline; a comparison phrase ("Högre än län", "> L") is the comparison; the last
cell (or what follows the lone ``-``) is the outcome; the rest fill target and
trend in order.  A row whose placement is not determined by these cues gets a
ParseWarning.  Numbers are parsed from baseline, target and outcome: value and
unit, persons in parentheses ("(85p)"), county/country figures ("L5,1 R6,2",
"(2,94 län)"), preliminary marks ("prel. 64") and ranks ("4:e i länet").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.records.section import section
from kslib.read.source import Source
from kslib.text import squeeze
from kslib.vocab.goals import COMPARISON, FOLLOW_UP_START, QUALITY_END, QUALITY_HEADER_END, QUALITY_HEADING

TEXT_COLUMNS = ["goal_id", "indicator", "baseline", "target", "trend", "comparison", "outcome"]
NUMBER_FIELDS = ["value", "unit", "persons", "county_value", "country_value", "preliminary", "rank"]
COLUMNS = (TEXT_COLUMNS + ["outcome_value", "outcome_unit", "outcome_persons", "county_value", "country_value",
                           "preliminary", "rank", "line"]
           + [f"baseline_{f}" for f in NUMBER_FIELDS] + ["target_value", "target_unit"])

_ROW = re.compile(r"^\s*(\d)\s+([A-ZÅÄÖ].*)$")
_HEADER_LINES = 15          # the column header ends within this many lines of the heading
_GAP = re.compile(r"\s{2,}")
_YEAR_START = re.compile(r"^(?:19|20)\d\d\s+[-+]?\d")
_SIGN_START = re.compile(r"^[+±]\s*\d|^-\s+\d")


@dataclass
class _Cell:
    parts: list[str] = field(default_factory=list)
    gap_before: bool = False        # a run of spaces (empty or symbol cells) stood before it
    tight: bool = False             # followed the indicator on the same line after one space

    @property
    def text(self) -> str:
        out = ""
        for p in self.parts:
            if out and re.search(r"[a-zåäö]-$", out) and re.match(r"[a-zåäö]", p):
                out += p
            else:
                out = f"{out} {p}" if out else p
        return squeeze(out)


def read_indicators(source: Source, *, year: int | None = None,
                    warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """One row per quality indicator (see the module doc for columns and placement)."""
    warnings = [] if warnings is None else warnings
    sec = section(source, QUALITY_HEADING,
                  ends=lambda ln: bool(QUALITY_END.search(ln.text) or FOLLOW_UP_START.search(ln.text)))
    if sec is None:
        warnings.append(ParseWarning("table-missing", "no table 'Kvalitetsindikatorer …' found", "indicators"))
        return pd.DataFrame(columns=COLUMNS)
    header_end = next((k for k, ln in enumerate(sec.lines[:_HEADER_LINES]) if QUALITY_HEADER_END.search(ln.text)),
                      -1)
    rows: list[tuple[int, str, list[str]]] = []      # (line, goal, raw texts)
    last_goal = 0
    for line in sec.lines[header_end + 1:]:
        text = line.text
        m = _ROW.match(text)
        if m and int(m.group(1)) >= last_goal and _is_row_start(text, rows):
            last_goal = int(m.group(1))
            rows.append((line.number, m.group(1), [text.strip()[len(m.group(1)):].strip()]))
            continue
        if rows:
            rows[-1][2].append(text.rstrip())
    out = []
    for line, goal, texts in rows:
        cells = _cells(texts, year)
        out.append(_place(goal, line, cells, year, warnings))
    frame = pd.DataFrame(out, columns=COLUMNS)
    for col in ("line", "outcome_persons", "rank", "baseline_persons", "baseline_rank"):
        frame[col] = frame[col].astype("Int64")
    for col in ("preliminary", "baseline_preliminary"):
        frame[col] = frame[col].astype("boolean")
    return frame


def _is_row_start(text: str, rows) -> bool:
    """A goal number then a capitalised indicator name; not "7 företag" inside a wrapped cell."""
    if not rows:
        return True
    prev = rows[-1][2][-1].rstrip()
    # inside an open cell (after "…:" or an open parenthesis or a hyphen) a digit continues it
    return not _is_open(prev)


def _is_open(prev: str) -> bool:
    """A cell still open: after "…:", a word broken by a hyphen ("2021-") or an open parenthesis."""
    return prev.endswith(":") or bool(re.search(r"\S-$", prev)) or prev.count("(") > prev.count(")")


def _value_start(words: list[str]) -> int | None:
    """Index of the first word of a value on the first line (the indicator's end), if any."""
    for k in range(1, len(words)):
        w, nxt = words[k], (words[k + 1] if k + 1 < len(words) else "")
        if re.match(r"^\d+:(?:a|e)$", w):                        # 3:e, 1:a
            return k
        if re.match(r"^[-+]?\d", w):
            if ("," in w or "%" in w or w.endswith(")") or nxt.startswith(("%", "("))
                    or nxt == "" or re.match(r"^[-+]?\d", nxt)):
                return k
            continue
        if re.match(r"^[A-ZÅÄÖ][a-zåäö]{1,7}$", w) and re.match(r"^\d", nxt):   # "År 2021", "Andel 31 %"
            return k
    return None


def _split_line(text: str) -> list[tuple[str, bool]]:
    """Pieces of a line between runs of spaces, with a flag for a gap before each; a lone '-' is a piece."""
    pieces: list[tuple[str, bool]] = []
    lead = bool(re.match(r"^\s", text))
    for n, chunk in enumerate(_GAP.split(text.strip())):
        gap = lead if n == 0 else True
        m = re.match(r"^-\s+(\S.*)$", chunk)
        if m:
            pieces.append(("-", gap))
            pieces.append((m.group(1), True))
        else:
            pieces.append((chunk, gap))
    return pieces


def _cells(texts: list[str], year: int | None) -> list[_Cell]:
    first = _split_line(texts[0])
    words = first[0][0].split()
    k = _value_start(words)
    indicator = _Cell([" ".join(words[:k]) if k else first[0][0]])
    cells = [indicator]
    if k:
        cells.append(_Cell([" ".join(words[k:])], tight=True))
    for piece, gap in first[1:]:
        cells.append(_Cell([piece], gap_before=gap))
    for raw in texts[1:]:
        for n, (piece, gap) in enumerate(_split_line(raw)):
            current = cells[-1]
            prev = current.parts[-1]
            if n > 0 or gap or piece == "-" or prev == "-":
                cells.append(_Cell([piece], gap_before=gap or n > 0))
            elif _starts_cell(piece, prev, current is indicator, year):
                cells.append(_Cell([piece]))
            else:
                current.parts.append(piece)
    return [c for c in cells if c.text]


def _starts_cell(piece: str, prev: str, after_indicator: bool, year: int | None) -> bool:
    """Does a continuation line (no leading spaces) start a new cell?"""
    if _is_open(prev):
        return False
    if after_indicator:
        return not re.match(r"[a-zåäö(]", piece)      # an indicator wraps only in lower case
    if _SIGN_START.match(piece) or _YEAR_START.match(piece):
        return True
    if prev.endswith(")") and not piece.rstrip().endswith(":"):
        return bool(re.match(r"[A-ZÅÄÖ]|\d+(?:,\d+)?\s*%", piece))
    return False


def _place(goal: str, line: int, cells: list[_Cell], year: int | None,
           warnings: list[ParseWarning]) -> dict:
    indicator, rest = cells[0].text, cells[1:]
    slots = {"baseline": "", "target": "", "trend": "", "comparison": "", "outcome": ""}
    notes: list[str] = []
    if rest and not rest[0].gap_before:
        slots["baseline"] = rest.pop(0).text
    dash = next((n for n, c in enumerate(rest) if c.text == "-"), None)
    if dash is not None:
        slots["comparison"] = "-"
        slots["outcome"] = " ".join(c.text for c in rest[dash + 1:])
        middle = rest[:dash]
    elif len(rest) >= 2 or (rest and _YEAR_START.match(rest[-1].text)):
        slots["outcome"] = rest[-1].text
        middle = rest[:-1]
    else:
        middle = rest
        if rest:
            slots["outcome"], middle = rest[0].text, []
            notes.append("one cell after the baseline: placed as outcome, it may be the target")
    order = ["target", "trend", "comparison"]
    free_placed = 0
    for cell in middle:
        text = cell.text
        if COMPARISON.match(text) and not slots["comparison"]:
            slots["comparison"] = text
            continue
        cmp_inside = re.search(r"\s([<>]\s*[LR])\s+(?=[A-ZÅÄÖ])", text)
        if cmp_inside and not slots["comparison"] and not slots["trend"]:
            # "4,8 % > L Ökning (…)": value, comparison mark, trend words in one cell
            slots["target"] = slots["target"] or text[:cmp_inside.start()].strip()
            slots["comparison"] = cmp_inside.group(1)
            slots["trend"] = text[cmp_inside.end():].strip()
            notes.append(f"a comparison mark inside {text!r} split it into target, comparison and trend")
            continue
        free = next((s for s in order if not slots[s]), None)
        if free is None:
            slots["trend"] = f"{slots['trend']} {text}".strip()
            notes.append(f"more cells than columns: {text!r} added to the trend")
        else:
            slots[free] = text
            free_placed += 1
    if free_placed > 1:
        notes.append("several cells between baseline and outcome, placed in column order")
    for note in notes:
        warnings.append(ParseWarning("indicator-placement", f"indicator {indicator!r} (goal {goal}): {note}",
                                     "indicators", indicator, line))
    out = parse_figures(slots["outcome"], year)
    base = parse_figures(slots["baseline"], year)
    target = parse_figures(slots["target"], year)
    row = {"goal_id": goal, "indicator": indicator, **slots, "line": line,
           "outcome_value": out["value"], "outcome_unit": out["unit"], "outcome_persons": out["persons"],
           "county_value": out["county_value"], "country_value": out["country_value"],
           "preliminary": out["preliminary"], "rank": out["rank"],
           "target_value": target["value"], "target_unit": target["unit"]}
    row.update({f"baseline_{k}": base[k] for k in NUMBER_FIELDS})
    return row


_FIGURE = re.compile(r"(?<![\w,.:/])(prel\.?\s*)?([-+]?\d+(?:[ ]\d{3})*(?:[,.]\d+)?)(?![\d:/])\s*"
                     r"(%|st\b|tkr\b|kr\b|bostäder\b|p\b)?", re.I)


def parse_figures(text: str, year: int | None = None) -> dict:
    """Numbers in an indicator cell.

    >>> parse_figures("6,1 % (L4,2, R5,3) varav unga: 9 % (L7,7 R8,1)")["county_value"]
    4.2
    """
    res = {"value": None, "unit": None, "persons": None, "county_value": None, "country_value": None,
           "preliminary": None, "rank": None}
    if not text:
        return res
    t = squeeze(text)
    rank = re.search(r"\b(\d+):(?:a|e)\b", t)
    if rank:
        res["rank"] = int(rank.group(1))
    persons = re.search(r"\((\d+)\s*(?:p|pers(?:oner)?)\.?\)", t, re.I)
    if persons:
        res["persons"] = int(persons.group(1))
    county = re.search(r"\bL\s*(\d+(?:,\d+)?)", t) or re.search(r"(\d+(?:,\d+)?)\s*(?:%\s*)?län\b", t)
    country = re.search(r"\bR\s*(\d+(?:,\d+)?)", t) or re.search(r"(\d+(?:,\d+)?)\s*(?:%\s*)?riket?\b", t)
    if county:
        res["county_value"] = _num(county.group(1))
    if country:
        res["country_value"] = _num(country.group(1))
    res["preliminary"] = bool(re.search(r"\bprel\.?", t, re.I))
    body = re.sub(r"\([^()]*\)", " ", t)                 # comparisons and persons are not the value
    body = re.sub(r"^(?:År\s+)?(?:19|20)\d\d(?:/\d\d)?\s+(?=\S)", "", body)   # "2022 2,71", "År 2021 3,02"
    if res["rank"] is not None and re.match(r"^\s*\d+:(?:a|e)\b", body):
        return res
    m = _FIGURE.search(body)
    if m:
        res["value"] = _num(m.group(2))
        unit = (m.group(3) or "").lower()
        res["unit"] = {"p": "persons"}.get(unit, unit) or None
    return res


def _num(text: str) -> float | int:
    value = float(text.replace(" ", "").replace(",", "."))
    return int(value) if value.is_integer() and "," not in text and "." not in text else value
