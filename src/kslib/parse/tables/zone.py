"""The header zone above a table's rows: which lines are column headers, and the columns they name
(measure, year, group), read by position over the grid or, in a text without layout, in word order."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kslib.parse.tables.settings import current
from kslib.parse.tables.grid import nearest
from kslib.parse.tables.lines import Ln, short_text
from kslib.parse.tables.model import Column
from kslib.parse.tables.titles import LABEL_HEAD, is_label_head
from kslib.parse.tables.geometry import Pos
from kslib.vocab import measures as vm
from kslib.vocab.units import is_unit_word, unit_of


# --------------------------------------------------------------------------- header zone

def over(ln: Ln, region: float) -> bool:
    return any(w.x1 > region for w in ln.words)


def _over_vocab(ln: Ln, region: float | None) -> bool:
    """Are the words standing over the figures header words (vocabulary or broken fragments)?"""
    over = vm.rejoin([w.text for w in ln.words if region is None or w.x1 > region])     # "Bok- slut"
    # capitalised words beside the header words: broken header words over the figures, or a label head
    # ("Verksamhet") on a line that names a measure or year; a title with its unit ("Ekonomi, tkr") is no header
    broken = len(over) > 1 and (region is not None or any(vm.is_measure_word(t) or vm.YEAR.match(t)
                                                          or vm.norm(t) in vm.PLACES for t in over))
    # lower-case rests of header words hyphenated over lines ("Avvik-" / "else") beside two or more
    # measures or years
    strong = sum(1 for t in over if vm.is_measure_word(t) or vm.YEAR.match(t.strip(",.")))
    rests = strong >= 2 and 2 * sum(1 for t in over if vm.is_vocab(t)) >= len(over)
    return bool(over) and all(vm.is_vocab(t) or len(t) <= 3 or vm.is_measure_word(t) or t[:1].isupper() and
                              broken or rests and t.isalpha() and t.islower() and len(t) <= 6
                              or (i == 0 and t[:1].isupper() and t.lower().strip(",:") in LABEL_HEAD)
                              for i, t in enumerate(over)) and any(vm.is_vocab(t) or len(t) <= 3 for t in over)


@dataclass
class Zone:
    """A table's header zone: its lines (top first), the label lines between it and the rows (categories),
    and, where the zone's top line starts with the table's title ("RESULTATRÄKNING, TKR Bokslut"), that
    line's index and the word where the header starts."""

    lines: list[int]
    between: list[int]
    title_cut: tuple[int, int] | None = None

    def words(self, lns: Sequence[Ln]) -> list[Pos]:
        """The header's words in reading order (the title's words left out)."""
        out: list[Pos] = []
        for z in self.lines:
            ws = lns[z].words
            if self.title_cut is not None and z == self.title_cut[0]:
                ws = ws[self.title_cut[1]:]
            out.extend(ws)
        return out

    def lines_words(self, lns: Sequence[Ln]) -> list[list[str]]:
        """The header's words line by line (the title's words left out)."""
        out = []
        for z in self.lines:
            ws = lns[z].words
            if self.title_cut is not None and z == self.title_cut[0]:
                ws = ws[self.title_cut[1]:]
            out.append([w.text for w in ws])
        return [line for line in out if line]

    def title(self, lns: Sequence[Ln]) -> str:
        if self.title_cut is None:
            return ""
        k, cut = self.title_cut
        return " ".join(w.text for w in lns[k].words[:cut])




def header_suffix(ln: Ln) -> int | None:
    """Where a line's trailing header words start when the line opens with a title ("Fem år i sammandrag
    2019 2020 2021", "RESULTATRÄKNING, TKR Bokslut"): at the first measure word or year of a run of header
    words that ends the line; None when the line is no title followed by header words."""
    texts = [w.text for w in ln.words]
    if not texts or texts[-1].endswith(".") or len(texts) > current().title_words + 12:
        return None
    # a title, then a caption of the label column's unit ("Ekonomiskt resultat  Belopp i mnkr"): no header yet
    for j in range(max(1, len(texts) - 3), len(texts) - 1):
        if texts[j][:1].isupper() and is_label_head(" ".join(texts[j:])) and unit_of(" ".join(texts[j:])):
            return j
    # a title that ends in its unit after a comma ("Helårsprognos, mnkr  Budget"): the header starts after it
    unit = next((i for i in range(1, len(texts) - 1) if texts[i - 1].endswith(",") and is_unit_word(texts[i])),
                None)
    if unit is not None and (all(vm.is_vocab(t) for t in texts[unit + 1:])
                             or is_label_head(" ".join(texts[unit + 1:]))):      # "… , mnkr  Verksamhet"
        return unit + 1
    if all(vm.is_vocab(t) for t in vm.rejoin(texts)):
        return None             # header words only ("Bok- slut 2017")
    k = len(texts)
    while k > 0 and vm.is_vocab(texts[k - 1]):
        k -= 1
    while 0 < k < len(texts) and texts[k][:1].islower() and not vm.YEARISH.match(texts[k]):
        k += 1                  # lower-case words after the title's first words are its own ("Ekonomiskt resultat")
    first = next((i for i in range(k, len(texts)) if vm.is_measure_word(texts[i]) or vm.YEARISH.match(texts[i])
                  or vm.norm(texts[i]) in vm.PLACES or vm.norm(texts[i]) in _GROUP_WORDS
                  or vm.norm(texts[i]) in vm.NOTE_HEADS), None)
    if first is None or first == 0 or not 0 < k <= current().title_words or texts[k - 1].endswith((".", ":")):
        return None
    return first


def _is_title(words: list[str]) -> bool:
    """Words before a header on its line that name the table ("RESULTATRÄKNING, TKR", "Fem år i sammandrag"),
    not the label column ("Verksamhet", "Anläggning", "Belopp i tkr"): several words, capitals, or a name
    with its unit."""
    text = " ".join(words)
    named = [w for w in words if not vm.is_vocab(w)]
    titled_unit = len(words) >= 2 and words[-2].endswith(",") and is_unit_word(words[-1])
    return not is_label_head(text) and (titled_unit or bool(named) and (
        len(words) >= 2 or text.isupper() or unit_of(text) is not None))


def _caption(ln: Ln, region: float) -> bool:
    """A title whose last words (its unit: "Ekonomi per verksamhet, mnkr") reach over the figure columns:
    words at the left that name something, and over the figures nothing but units and fillers."""
    left = [w.text for w in ln.words if w.x1 <= region]
    over = [w.text for w in ln.words if w.x1 > region]
    texts = [w.text for w in ln.words]
    if (left and len(texts) >= 3 and texts[-2].endswith(",") and is_unit_word(texts[-1])
            and not any(w.wide for w in ln.words[1:])):
        return True                     # one phrase from the label column on, ending in its unit after a comma
    return (len(left) >= 2 and not is_label_head(" ".join(left)) and bool(over)
            and all(vm.is_vocab(t) and not vm.is_measure_word(t) and not vm.YEARISH.match(t) for t in over))


def _rests_under(ln: Ln, above: Ln | None, region: float) -> bool:
    """With layout: a line whose words over the figures that are no header words are lower-case rests of
    header words broken at the line above ("Intäk-" / "ter", "Kost-" / "nader"), each under its start."""
    if above is None or not ln.words:
        return False
    rests = [w for w in ln.words if w.x1 > region and not vm.is_vocab(w.text)]
    if len(above.words) > 8:
        return False            # prose above, no header
    return bool(rests) and all(w.text[:1].islower() and len(w.text) <= 8 and any(
        min(w.x1, b.x1) - max(w.x0, b.x0) > -2 and (vm.breaks(b.text) or len(b.text) <= 6
                                                     and vm.is_measure_word(b.text + w.text))
        for b in above.words) for w in rests)


def _rest_of_word(lns: Sequence[Ln], k: int, region: float | None) -> bool:
    """A line of one lower-case word under a header word broken at a line's end ("Avvik-" / "else"), in a
    text without layout (with layout the rest stands in its column and is read there)."""
    texts = [w.text for w in lns[k].words]
    return (region is None and k > 0 and len(texts) == 1 and texts[0].isalpha() and texts[0].islower()
            and len(texts[0]) <= 9 and bool(lns[k - 1].words) and vm.breaks(lns[k - 1].words[-1].text))


def _title_phrase(texts: list[str]) -> bool:
    """A phrase that names a table: a capitalised word that names no column, then lower-case words only."""
    return (len(texts) >= 3 and texts[0][:1].isupper() and not vm.is_vocab(texts[0])
            and not is_label_head(texts[0]) and all(t[:1].islower() for t in texts[1:]))


def _group_word(t: str) -> bool:
    """A word that names a group of columns: a period, a place or a year."""
    w = vm.norm(t)
    return w in _GROUP_WORDS or w in vm.PLACES or bool(vm.YEARISH.match(w)) or (vm.month_of(w) >= 0
                                                                                 and not vm.is_measure_word(w))


def _names_only(texts: list[str]) -> bool:
    """A capitalised line that names no column: no measure, year, place, period or letter of a measure."""
    return bool(texts) and texts[0][:1].isupper() and not is_label_head(" ".join(texts)) and not any(
        vm.breaks(t) or is_unit_word(t) or vm.norm(t) in vm.NOTE_HEADS or vm.is_measure_word(t) or vm.YEARISH.match(t) or vm.norm(t) in vm.PLACES or vm.norm(t) in _GROUP_WORDS
        or vm.abbreviation(t) is not None or vm.month_of(t) >= 0 for t in texts)


def zone(lns: Sequence[Ln], start: int, region: float | None) -> Zone | None:
    """The header zone above the rows starting at ``start``, or None when no header stands there."""
    k = start - 1
    between: list[int] = []
    while k >= 0 and len(between) < 3 and short_text(lns[k]) and not _rest_of_word(lns, k, region) and (
            not over(lns[k], region) or lns[k + 1].kind == "nums" and lns[k].kind == "text"
            and not _over_vocab(lns[k], region) if region is not None else not _over_vocab(lns[k], None)):
        # (a label over its figures may reach under the first column)
        if lns[k].line.page != lns[start].line.page:
            break
        between.append(k)
        k -= 1
    zone: list[int] = []
    title_cut = None
    n_words = 0
    while k >= 0 and (len(zone) < current().header_lines if region is not None else n_words < current().header_words):
        ln = lns[k]
        texts = [w.text for w in ln.words]
        if region is not None and not over(ln, region):
            if zone and all(unit_of(t) or t.lower() in {"belopp", "i"} for t in texts):
                zone.append(k)      # a unit line above the header ("tkr")
                k -= 1
                continue
            break
        if region is not None and _caption(ln, region):
            break                       # the table's title with its unit reaching over the figures
        if _rest_of_word(lns, k, region):
            zone.append(k)              # the rest of a header word broken over lines ("Avvik-" / "else")
            n_words += 1
            k -= 1
            continue
        if region is None and zone and is_label_head(" ".join(texts)):
            zone.append(k)              # the label column's head among header words stacked one per line: only
            k -= 1                      # groups stand above it ("Period" / "Helår"), else a title does
            above = [w.text for w in lns[k].words] if k >= 0 else []
            cut = header_suffix(lns[k]) if k >= 0 else None
            if not above or not all(_group_word(t) for t in above[cut or 0:]):
                break
            n_words += 1
            continue
        cut = header_suffix(ln) if region is None else None
        if cut is not None and (_is_title(texts[:cut]) or zone and cut == 1 and texts[0][:1].isupper()
                                and not is_label_head(texts[0])):     # "Verksamhetsmått 2024" over "2025" …
            zone.append(k)              # the table's title, its header words after it on the line
            title_cut = (k, cut)
            break
        if region is None and zone and (_names_only(texts) or _title_phrase(texts)):
            break           # a title or the label column's name over stacked header words ("Nyckeltal",
            #                 "Jämförelse med länet och riket")
        strong = (ln.kind == "header" or vm.is_strong_header(texts)) and _over_vocab(ln, region)
        cells = [w for w in ln.words if region is None or w.x1 > region]      # the label column's head aside
        years_only = ln.kind == "data" and all(vm.YEARISH.match(w.text) for w in ln.nums)   # "ter  nader  2016"
        weak = (ln.kind in ("text", "header") or years_only) and len(cells) <= 8 and (
            _over_vocab(ln, region) or region is not None and _rests_under(ln, lns[k - 1] if k else None, region))
        if not (strong or weak) or (texts and texts[-1].endswith(".")):
            break
        seen_strong = any(sum(vm.is_measure_word(w.text) for w in lns[z].words) >= 2 for z in zone)
        if not strong and seen_strong and region is not None and not all(w.x1 > region for w in ln.words):
            break           # above the header only broken header words, not a caption with words at the left
        if region is None and len(texts) > 3 and len(zone) >= current().header_lines:
            break
        zone.append(k)
        n_words += len(texts)
        k -= 1
    found = Zone(sorted(zone), sorted(between), title_cut)
    head_words = [w.text for w in found.words(lns)]
    if not (any(lns[z].kind == "header" or vm.is_strong_header([w.text for w in lns[z].words]) for z in zone)
            or (len(zone) > 1 and vm.is_strong_header(head_words))):
        return None
    return found


def _groups_columns(words: list[Pos], lower: list[set[int]], ln: Ln) -> bool:
    """Does a header line group the columns under it?  Its phrases are fewer than the columns one line below
    it names ("Kommunen" "Länet" over "2021 2022 2021 2022"; "Period" "Helår" over six measures) — not the
    first of a column's header words stacked over lines, one phrase per column ("Utfall" over "2025")."""
    gap = 8 * (1 if ln.line.words else 0.25)
    phrases = 0
    last = None
    for w in words:
        if last is None or w.x0 - last.x1 > gap or w.wide:
            phrases += 1
        last = w
    return 0 < phrases < max((len(line) for line in lower), default=0)


def _cell_measure(label: str, letters: dict[str, str] | None) -> str | None:
    """What a header cell's words name: a measure word, else a one-letter abbreviation when the header uses
    them (``letters``: the report's legend, or the usual letters)."""
    return vm.measure_of(label) or (vm.abbreviation(label, letters) if letters is not None else None)


def _letters(cells: list[list[str]], legend: dict[str, str]) -> dict[str, str] | None:
    """The letters the header's one-letter cells stand for: the report's legend; else the usual letters where
    two or more cells are one capital letter each; else None (no abbreviations)."""
    singles = sum(1 for w in cells if len(w) == 1 and vm.abbreviation(w[0]) is not None)
    if legend:
        return legend
    return vm.ABBREVIATIONS if singles >= 2 else None


def columns(lns: Sequence[Ln], zone: list[int], slots: list[list[float]], region: float | None,
            default_year: int | None, label_right: float | None = None,
            legend: dict[str, str] | None = None) -> tuple[list[Column], str]:
    """Columns from the header zone's words over the slots; also the label column's header text.  ``legend``
    is what the report's own legend says its one-letter column headers stand for."""
    n = len(slots)
    label_words: list[str] = []
    per_line: list[list[tuple[int, Pos]]] = []
    for z in zone:
        entries = []
        phrase: list[Pos] = []
        for w in lns[z].words + [None]:
            if phrase and (w is None or w.wide):
                if region is not None and phrase[-1].x1 <= region and (label_right is None
                                                                        or phrase[0].x0 < label_right):
                    label_words.extend(p.text for p in phrase)      # the label column's head
                else:
                    k = nearest(phrase[0].x0, phrase[-1].x1, slots)   # a phrase of close words is one cell
                    entries.extend((k, p) for p in phrase)
                phrase = []
            if w is not None:
                phrase.append(w)
        per_line.append(entries)
    covers = [{k for k, _ in e} for e in per_line]
    group_lines = []
    # header words broken over lines ("Intäk-" / "ter") are a column's words, not groups
    rests = {i for i, e in enumerate(per_line) if i and e and all(
        w.text[:1].islower() and w.text.isalpha() and not vm.is_vocab(w.text) for _, w in e)}
    broken = {i for i, e in enumerate(per_line) if any(w.text.endswith("-") for _, w in e)} | rests
    broken |= {i + 1 for i in broken if i + 1 < len(per_line) and i not in rests} | {i - 1 for i in rests}
    for i, c in enumerate(covers):
        below = set().union(*covers[i + 1:]) if covers[i + 1:] else set()
        above = sum(1 for j in range(i) if covers[j])          # a unit line over the label column covers none
        if (2 <= len(c) < len(below) and c < below and len(group_lines) == above and i not in broken
                and _groups_columns([w for _, w in per_line[i]], covers[i + 1:], lns[zone[i]])):
            group_lines.append(i)       # groups stand on the zone's top lines
    cell_words, span = _cells(per_line, group_lines, slots)
    letters = _letters(cell_words, legend or {})
    if group_lines:
        named = [(_cell_measure(" ".join(w), letters), vm.year_of(" ".join(w))) for w in cell_words]
        named = [m for m in named if any(m)]
        if len(set(named)) == len(named):      # the cells tell their columns apart by measure and year
            group_lines = []
            cell_words, span = _cells(per_line, group_lines, slots)
    phrases: list[tuple[str, float, float]] = []
    for i in group_lines:
        cur: list[Pos] = []
        for _, w in per_line[i] + [(None, None)]:
            if w is None or (cur and w.x0 - cur[-1].x1 > 8 * (1 if lns[zone[i]].line.words else 0.25)):
                if cur:
                    phrases.append((vm.join_words([c.text for c in cur]), cur[0].x0, cur[-1].x1))
                cur = []
            if w is not None:
                cur.append(w)
    groups: list[str | None] = []
    for k in range(n):
        if not phrases:
            groups.append(None)
            continue
        best = min(phrases, key=lambda p: (-(min(p[2], span[k][1]) - max(p[1], span[k][0])),
                                           abs((p[1] + p[2]) / 2 - (span[k][0] + span[k][1]) / 2)))
        groups.append(best[0])
    own = [_cell_measure(" ".join(w), letters) for w in cell_words]
    for g in set(groups) - {None}:
        members = [k for k in range(n) if groups[k] == g]
        if len(members) >= 2 and vm.measure_of(g) and any(own[k] is None for k in members):
            # a "group" that names the measure of a column with none of its own ("Utfall" over "2022"
            # beside "Budgetavvikelse"): header words stacked over their columns, no groups
            group_lines, groups = [], [None] * n
            cell_words, span = _cells(per_line, group_lines, slots)
            break
    cols = []
    years = [vm.year_of(" ".join(w)) for w in cell_words] + [vm.year_of(g or "") for g in groups]
    planned = [vm.year_of(" ".join(w)) for w in cell_words if vm.measure_of(" ".join(w)) in ("budget", "forecast")]
    base_year = next((y for y in planned if y), None) or default_year or next((y for y in years if y), None)
    for k in range(n):
        label = vm.join_words(cell_words[k])
        group = groups[k]
        measure = _cell_measure(label, letters)
        gmeasure = vm.measure_of(group) if group else None
        if gmeasure and (measure is None or (measure in ("net", "outcome") and gmeasure not in ("outcome",))):
            measure = gmeasure
        year = vm.year_of(label) or (vm.year_of(group) if group else None)
        if year is None and base_year:
            year = base_year - 1 if vm.PREVIOUS_YEAR.search(label) else base_year
        note = label.strip().lower() in vm.NOTE_HEADS
        pair = vm.year_pair(label)
        cols.append(Column(label, group, measure or "value", year, slots[k][0], slots[k][1], note,
                           base_year=pair[1] if pair else None))
    _previous_forecasts(cols)
    return cols, " ".join(label_words)


def _cells(per_line, group_lines, slots):
    cell_words: list[list[str]] = [[] for _ in slots]
    span = [list(s) for s in slots]
    for i, entries in enumerate(per_line):
        if i in group_lines:
            continue
        for k, w in entries:
            cell_words[k].append(w.text)
            span[k][0], span[k][1] = min(span[k][0], w.x0), max(span[k][1], w.x1)
    return cell_words, span


def _previous_forecasts(cols: list[Column]) -> None:
    """Of two forecasts of one year, the one of the earlier month is the previous forecast."""
    fc = [c for c in cols if c.measure == "forecast"]
    if len(fc) < 2:
        return
    def month(c: Column) -> int:
        return vm.month_of(f"{c.label} {c.group or ''}")
    ordered = sorted(fc, key=month)
    if month(ordered[0]) >= 0 and month(ordered[0]) < month(ordered[-1]):
        for c in ordered[:-1]:
            c.measure = "previous_forecast"



def _sequential_cells(words: Sequence[str], legend: dict[str, str] | None, *, group_years: bool = True) -> list[dict]:
    """The cells a header's words in reading order name (see :func:`sequential_columns`); ``group_years``: a
    year after a place or period belongs to it ("Helår 2022"), else it starts a column of its own."""
    words = vm.rejoin(list(words))
    letters = legend or (vm.ABBREVIATIONS if sum(1 for w in words if vm.abbreviation(w)) >= 2 else None)
    cells: list[dict] = []
    for raw in words:
        w = vm.norm(raw)
        pair = vm.year_pair(w)
        cur = cells[-1] if cells else None
        letter = vm.abbreviation(raw, letters) if letters is not None else None
        if w in vm.NOTE_HEADS:
            cells.append({"words": [raw], "measure": "value", "year": None, "base": None, "note": True})
        elif pair:
            if cur is not None and cur["year"] is None and not cur["note"]:
                cur.update(words=cur["words"] + [raw], measure="change", year=pair[0], base=pair[1])
            else:
                cells.append({"words": [raw], "measure": "change", "year": pair[0], "base": pair[1], "note": False})
        elif vm.YEAR.match(w) or vm.DATE.match(w):
            year = vm.year_of(w)
            if cur is not None and cur["year"] is None and not cur["note"] and (group_years or not cur.get("place")):
                cur.update(words=cur["words"] + [raw], year=year)
            else:       # years as columns: "Bokslut 2020 2019 2018", or bare years
                measure = cur["measure"] if cur is not None and not cur["note"] else "value"
                cells.append({"words": [raw], "measure": measure, "year": year, "base": None, "note": False})
        elif letter is not None or w in vm.PLACES or w in _GROUP_WORDS or (
                raw[:1].isupper() and vm.month_of(w) >= 0 and (cur is None or cur.get("place"))):
            # a period ("Jan–aug") that opens the header or follows another: a group over the columns
            cells.append({"words": [raw], "measure": letter or "value", "year": None, "base": None, "note": False,
                          "place": letter is None})
        elif vm.is_measure_word(raw):
            measure = vm.measure_of(raw) or "value"
            if cur is not None and cur["year"] is None and not cur["note"] and (
                    (cur["measure"] == "deviation" and measure == "budget" and raw[:1].islower())
                    or (measure == "net" and cur["measure"] in ("outcome", "budget", "forecast"))):
                cur["words"].append(raw)      # "Avvikelse mot budget", "Utfall netto"
                continue
            cells.append({"words": [raw], "measure": measure, "year": None, "base": None, "note": False})
        elif cur is not None and w in vm.FILLER:
            cur["words"].append(raw)
    return _years_below(cells)


def _years_below(cells: list[dict]) -> list[dict]:
    """A run of bare years after as many columns without a year: a two-line header read line by line
    ("Utfall  Budget" over "2019  2019") — each year is its column's."""
    bare = [k for k, c in enumerate(cells) if c["year"] is not None and len(c["words"]) == 1
            and vm.YEAR.match(vm.norm(c["words"][0])) and not c["note"]]
    if not bare:
        return cells
    run = [bare[0]]
    for k in bare[1:]:
        if k != run[-1] + 1:
            break
        run.append(k)
    before = [k for k in range(run[0]) if not cells[k]["note"]]
    open_ = [k for k in before if cells[k]["year"] is None and cells[k]["measure"] != "value"]
    if len(run) < 2 or before[-len(run):] != open_[-len(run):] or len(open_) < len(run):
        return cells
    for k, y in zip(open_[-len(run):], run):
        cells[k]["words"].append(cells[y]["words"][0])
        cells[k]["year"] = cells[y]["year"]
    return [c for k, c in enumerate(cells) if k not in set(run)]


_GROUP_WORDS = {"period", "perioden", "helår", "helåret", "ackumulerat", "året", "delår", "delåret"}


def _grouplike(cell: dict) -> bool:
    """A cell that can name a column group: a period, a place, or (with a measure or alone) a year."""
    ws = [vm.norm(w) for w in cell["words"]]
    return (any(w in _GROUP_WORDS or w in vm.PLACES or vm.month_of(w) >= 0 and not vm.is_measure_word(w)
                for w in ws) or cell["year"] is not None) and not cell["note"]


def _grouped(cells: list[dict]) -> list[dict]:
    """Cells read in word order whose first ``k`` name groups over the rest in equal shares ("Period  Helår
    2022" over six measures; "Kommunen  Riket" over "2024 2025 2024 2025"; "Bokslut 2025  Bokslut 2026" over
    "I K N I K N"): the rest, each with its group; else the cells as they are."""
    n = len(cells)
    for k in range(2, n // 2 + 1):
        head, rest = cells[:k], cells[k:]
        figures = [c for c in rest if not c["note"]]          # a note column ("Not") belongs to no group
        if len(figures) <= k or len(figures) % k or not all(_grouplike(c) for c in head):
            continue
        if any(any(vm.norm(w) in _GROUP_WORDS or vm.norm(w) in vm.PLACES for w in c["words"]) for c in rest):
            continue
        share = len(figures) // k
        for j, c in enumerate(figures):
            group = head[j // share]
            c["group"] = " ".join(group["words"])
            if c["year"] is None:
                c["year"] = group["year"]
            if c["measure"] == "value" and group["measure"] != "value":
                c["measure"] = group["measure"]
        return rest
    return cells


def sequential_columns(lines: Sequence[Sequence[str]], default_year: int | None,
                       legend: dict[str, str] | None = None) -> list[Column]:
    """Columns from a header's words in reading order (a text without layout: the header may stand one word
    per line), ``lines`` the header's words line by line.  A measure word starts a column, a year or a year
    pair completes it ("Bokslut" "2020/2019" is the change 2020 over 2019), a year after a complete column
    starts one of the same measure ("Bokslut 2020 2019"), "budget" after a deviation belongs to it ("Avvikelse
    mot budget"); fillers ("mot", "fg", "aug") stay with the column they follow; a place ("Kommunen"), a period
    ("Helår") and, by the report's legend or as usual, a one-letter abbreviation ("U", "B") name a column;
    other words (the label column's header) start none.  Leading cells that name groups over the rest in equal
    shares are their groups."""
    words = [w for line in lines for w in line]
    cells = _grouped(_sequential_cells(words, legend))
    if not any("group" in c for c in cells):      # "Kommunen  Riket" over years: the years are the columns'
        apart = _grouped(_sequential_cells(words, legend, group_years=False))
        cells = apart if any("group" in c for c in apart) else cells
    years = [c["year"] for c in cells if c["year"]]
    planned = [c["year"] for c in cells if c["year"] and c["measure"] in ("budget", "forecast")]
    outcome = [c["year"] for c in cells if c["year"] and c["measure"] == "outcome"]
    base = next(iter(planned + outcome), None) or default_year or next(iter(years), None)
    out = []
    for c in cells:
        label = " ".join(c["words"])
        year = c["year"]
        if year is None and base:
            year = base - 1 if vm.PREVIOUS_YEAR.search(label) else base
        out.append(Column(label, c.get("group"), c["measure"], year, note=c["note"], base_year=c["base"]))
    _previous_forecasts(out)
    return out
