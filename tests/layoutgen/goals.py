"""Generated goal documents: goal tables in several levels, scorecards with varied headers, and assignment
lists that cross pages — as PDF (reportlab) or a layout text layer — with their truth
(:mod:`.goal_model`).

    from layoutgen.goals import generate_goal_doc, goal_fixed_set, goal_documents
    doc = generate_goal_doc("scorecard", {"sc_stacked", "pair_tight"}, "pdf", seed=7)

Kinds and their classes (a document shows its kind's classes; the rest are drawn at random):

* ``goal_table`` — how levels are printed: ``gt_ids`` ("1.2.1 Title"), ``gt_id_column`` (a "Nr" column),
  ``gt_level_words`` ("Verksamhetsmål: Title"), ``gt_level_rows`` (a row "Aktiviteter" over its rows),
  ``gt_indent`` (titles indented by level); statuses: ``st_blank`` (cells left empty), ``st_symbols``
  (coloured symbols only, no words: the hook for colour reading), ``st_legend`` (such symbols, and a
  legend explains their colours), ``st_glyph`` (a "●" printed, its colour lost); ``st_narrow`` (status words wrap);
* ``scorecard`` — its header: ``sc_oneline``, ``sc_years_below``, ``sc_stacked``, ``sc_groups`` (years over
  "Mål Utfall" pairs), ``sc_merged`` ("Mål/utfall" in one cell); its target/outcome pairs: ``pair_tight``
  ("88(86,5)"), ``pair_spaced`` ("88 ( 86,5 )"), ``pair_lost_close`` ("88 (86,5"), ``pair_lost_open`` ("88
  86,5)"); ``sc_appendix`` (an appendix without a year in its title: the year is its "Mål (utfall)"
  column's); ``sc_long`` (over a page break, the header repeated); ``sc_centred`` (a focus area's name
  vertically centred on its rows); ``sc_middle`` (a row's figures on the middle line of its wrapped name);
* ``assignments`` — ``as_three_col`` ("Uppdrag | Status | Kommentar"), ``as_meta`` ("Uppdragsår" under each
  title), ``as_dates`` (a date under the status), ``as_no_repeat`` (the header not repeated on a new page);
  every list is long enough to cross pages.
"""
from __future__ import annotations

import random
import re

from . import goal_vocab as gv
from .goal_layout import Block, Cell, TLine, row_lines, wrap
from .goal_model import GoalDoc, TruthGoal, TruthValue
from .goal_render import draw_pdf, draw_text
from .render_pdf import PdfReport
from .render_text import TextReport

KINDS = ("goal_table", "scorecard", "assignments")
GOAL_TABLE_CLASSES = ("gt_ids", "gt_id_column", "gt_level_words", "gt_level_rows", "gt_indent",
                      "st_blank", "st_symbols", "st_legend", "st_glyph", "st_narrow")
LEVEL_STYLES = ("gt_ids", "gt_id_column", "gt_level_words", "gt_level_rows", "gt_indent")
SCORECARD_CLASSES = ("sc_oneline", "sc_years_below", "sc_stacked", "sc_groups", "sc_merged",
                     "pair_tight", "pair_spaced", "pair_lost_close", "pair_lost_open", "sc_appendix", "sc_long",
                     "sc_centred", "sc_middle")
HEADER_STYLES = ("sc_oneline", "sc_years_below", "sc_stacked", "sc_groups", "sc_merged")
PAIR_STYLES = ("pair_tight", "pair_spaced", "pair_lost_close", "pair_lost_open")
ASSIGNMENT_CLASSES = ("as_three_col", "as_meta", "as_dates", "as_no_repeat")
CLASSES_OF = {"goal_table": GOAL_TABLE_CLASSES, "scorecard": SCORECARD_CLASSES, "assignments": ASSIGNMENT_CLASSES}
RENDERERS = ("pdf", "txt-layout")


# --------------------------------------------------------------------------- goal tables

def _goal_status(rng: random.Random, depth: int, classes: frozenset[str]) -> tuple[str, str]:
    """(how the status is shown, its code): shown ``words``, ``blank``, ``symbol`` or ``glyph``."""
    pool = gv.GOAL_STATUS_WORDS if depth < 3 else gv.ACTIVITY_STATUS_WORDS
    code = rng.choice(sorted(pool))
    shown = "words"
    r = rng.random()
    if ("st_symbols" in classes or "st_legend" in classes) and r < 0.45:
        shown = "symbol"
    elif "st_glyph" in classes and r < 0.3:
        shown = "glyph"
    elif "st_blank" in classes and r < 0.3:
        shown = "blank"
    return shown, code


def goal_table(rng: random.Random, classes: frozenset[str]) -> tuple[Block, list[TruthGoal], dict[str, str]]:
    """A goal table of board goals, operational goals and activities, with its truth and legend."""
    style = next((c for c in LEVEL_STYLES if c in classes), None) or rng.choice(LEVEL_STYLES)
    deep = rng.random() < 0.7
    trees = rng.sample(gv.GOAL_TREES, rng.randint(2, 4))
    goal_w, status_w, comment_w = rng.randint(34, 46), (10 if "st_narrow" in classes else rng.randint(15, 18)), \
        rng.randint(26, 36)
    heads = rng.choice(gv.GOAL_HEADERS)
    id_col = style == "gt_id_column"
    widths = ([4] if id_col else []) + [goal_w, status_w, comment_w]
    header_cells = (["Nr"] if id_col else []) + list(heads)
    header = [TLine({j: Cell(t) for j, t in enumerate(header_cells)}, bold=True)]
    g0 = 1 if id_col else 0                        # column of the goal's title
    lines: list[TLine] = []
    truth: list[TruthGoal] = []
    last_depth = 0
    n = 0

    def row(key: str, printed: str, depth: int, parent: str | None, title: str) -> None:
        nonlocal last_depth, n
        n += 1
        shown, code = _goal_status(rng, depth, classes)
        ended = rng.random() < 0.5
        text = title + ("." if ended else "")
        if style == "gt_ids":
            cell_text = f"{printed} {text}"
        elif style == "gt_level_words":
            cell_text = f"{gv.LEVEL_WORDS[depth - 1]}: {text}"
        else:
            cell_text = text
        indent = 2 * (depth - 1) if style == "gt_indent" else 0
        comment = rng.choice(gv.GOAL_COMMENTS) if (rng.random() < 0.75 or shown != "words") else ""
        if style in ("gt_indent", "gt_level_rows") and not comment and shown != "words" and not ended:
            comment = rng.choice(gv.GOAL_COMMENTS)    # a row must show where it starts
        if style == "gt_level_rows" and depth != last_depth:
            lines.append(TLine({g0: Cell(gv.LEVEL_HEADINGS[depth - 1])}, bold=True, row_start=True))
        status_text = rng.choice((gv.GOAL_STATUS_WORDS if depth < 3 else gv.ACTIVITY_STATUS_WORDS)[code])
        cols = ([[printed]] if id_col else []) + [wrap(cell_text, goal_w - indent),
                                                  wrap(status_text, status_w) if shown == "words" else [""],
                                                  wrap(comment, comment_w) if comment else [""]]
        block = row_lines(cols, indents=([0] if id_col else []) + [indent, 0, 0])
        if shown == "symbol":
            block[0].symbol = (g0 + 1, gv.COLOURS[code])
        elif shown == "glyph":
            block[0].glyph = (g0 + 1, "●")
        lines.extend(block)
        level = "goal" if depth == 1 else "subgoal"
        truth.append(TruthGoal(key, printed if style in ("gt_ids", "gt_id_column") else None, level, depth, parent,
                               text, code if shown == "words" else None,
                               status_text if shown == "words" else "",
                               gv.COLOURS[code] if shown == "symbol" else None, kind="goal_table",
                               actual=code))
        last_depth = depth

    for a, (goal, subs) in enumerate(trees, 1):
        row(f"g{a}", str(a), 1, None, goal)
        for b, (sub, acts) in enumerate(subs[:rng.randint(1, len(subs))], 1):
            row(f"g{a}.{b}", f"{a}.{b}", 2, f"g{a}", sub)
            if deep:
                for c, act in enumerate(acts[:rng.randint(1, len(acts))], 1):
                    row(f"g{a}.{b}.{c}", f"{a}.{b}.{c}", 3, f"g{a}.{b}", act)
    legend: dict[str, str] = {}
    b = Block(rng.choice(gv.GOAL_TABLE_TITLES), widths, header, lines, repeat_header=rng.random() < 0.8,
              intro=rng.choice(gv.PROSE))
    if "st_legend" in classes and any(t.colour for t in truth):
        b.legend_symbols = [("grön", "Uppfyllt"), ("gul", "Delvis uppfyllt"), ("röd", "Ej uppfyllt")]
        legend = {"grön": "met", "gul": "partly_met", "röd": "not_met"}
    return b, truth, legend


# --------------------------------------------------------------------------- scorecards

def _figure(rng: random.Random, kind: str) -> tuple[str, float]:
    if kind == "pct":
        v = round(rng.uniform(40, 98), 1)
        return (f"{v:.1f}".replace(".", ","), v) if rng.random() < 0.6 else (str(int(v)), float(int(v)))
    if kind == "index":
        v = rng.randint(55, 95)
        return str(v), float(v)
    if kind == "count":
        v = rng.randint(3, 4800)
        return (f"{v:,}".replace(",", " "), float(v))
    if kind == "rank":
        v = rng.randint(1, 40)
        return str(v), float(v)
    v = round(rng.uniform(-9, 9), 1)
    return f"{v:.1f}".replace(".", ",").replace("-", "-"), v


def expected(printed: str) -> tuple[float | None, str]:
    """What a cell states: a figure (value, ""), a figure with words ("0 eller bättre": 0, the words), or words."""
    t = " ".join(printed.split())
    if re.fullmatch(r"-?\d+(?: \d{3})*(?:,\d+)?", t):
        return float(t.replace(" ", "").replace(",", ".")), ""
    m = re.fullmatch(r"(-?\d+(?:,\d+)?) eller (?:bättre|mer|högre|fler|lägre|mindre|färre)", t)
    if m:
        return float(m.group(1).replace(",", ".")), t
    return None, t


def _pair(rng: random.Random, target: str, outcome: str, style: str | None) -> str:
    lost_open_fits = re.fullmatch(r"-?\d+(?:,\d+)?", outcome) and not re.search(r"\d \d", target)
    if style is None or rng.random() < 0.4 or style == "pair_lost_open" and not lost_open_fits:
        return f"{target} ({outcome})"      # (a lost opening bracket after words or grouped figures leaves no cut)
    return {"pair_tight": f"{target}({outcome})", "pair_spaced": f"{target} ( {outcome} )",
            "pair_lost_close": f"{target} ({outcome}", "pair_lost_open": f"{target} {outcome})"}[style]


def _columns(rng: random.Random, year: int, header: str) -> list[tuple[str, int, str | None]]:
    """(measure, year, paren measure) of the measure columns."""
    if header == "sc_groups":
        out = [("target", year, None), ("outcome", year, None), ("target", year + 1, None),
               ("outcome", year + 1, None)]
        return out + ([("target", year + 2, None)] if rng.random() < 0.5 else [])
    if rng.random() < 0.6 or header == "sc_merged":
        out = [("outcome", year - 1, None), ("target", year, "outcome"), ("target", year + 1, None)]
        return out + ([("target", year + 2, None)] if rng.random() < 0.6 else [])
    return [("target", year, None), ("outcome", year, None), ("target", year + 1, None), ("target", year + 2, None)]


_WORD = {"target": "Mål", "outcome": "Utfall"}


def _header_lines(cols: list[tuple[str, int, str | None]], header: str, labels: tuple[str, str],
                  rng: random.Random) -> list[TLine]:
    """The header lines: label cells and each measure column's words and year in the header's style."""
    def words(measure: str, paren: str | None) -> list[str]:
        if paren is None:
            return [_WORD[measure]]
        if header == "sc_merged":
            return [rng.choice(["Mål/utfall", "Mål Utfall"])]
        return ["Mål (utfall)"]

    parts: list[list[str]] = []
    for measure, year, paren in cols:
        w = words(measure, paren)
        if header == "sc_oneline":
            parts.append([f"{w[0]} {year}"])
        elif header == "sc_stacked":
            stacked = [t for word in w for t in (word.split(" ", 1) if "(" in word else [word])]
            parts.append(stacked + [str(year)])
        else:
            parts.append(w + [str(year)])
    if header == "sc_groups":
        years = sorted({y for _, y, _ in cols})
        top = TLine(bold=True)
        for y in years:
            idx = [k for k, (_, yy, _) in enumerate(cols) if yy == y]
            top.cells[2 + idx[0]] = Cell(str(y), align="centre", span=len(idx))    # a merged cell over the group
        low = TLine({0: Cell(labels[0]), 1: Cell(labels[1])}, bold=True)
        for k, (m, _, _) in enumerate(cols):
            low.cells[2 + k] = Cell(_WORD[m], align="centre")
        return [top, low]
    depth = max(len(p) for p in parts)
    bottom = rng.random() < 0.5
    lines = [TLine(bold=True) for _ in range(depth)]
    for k, p in enumerate(parts):
        off = depth - len(p) if bottom else 0
        for i, text in enumerate(p):
            lines[off + i].cells[2 + k] = Cell(text, align="centre")
    label_line = lines[-1] if rng.random() < 0.5 else lines[0]
    label_line.cells[0], label_line.cells[1] = Cell(labels[0]), Cell(labels[1])
    return lines


def scorecard(rng: random.Random, year: int, classes: frozenset[str], *,
              pdf: bool = True) -> tuple[list[Block], list[TruthGoal], list[TruthValue]]:
    """One or two scorecards (an overall goal each), with the truth of their goals and values."""
    header = next((c for c in HEADER_STYLES if c in classes), None) or rng.choice(HEADER_STYLES)
    pair_style = next((c for c in PAIR_STYLES if c in classes), None)
    cards = rng.sample(gv.SCORECARDS, 2 if "sc_long" in classes or rng.random() < 0.3 else 1)
    cols = _columns(rng, year, header)
    labels = (rng.choice(["Fokusområde", "Fokusområden", "Målområde"]),
              rng.choice(["Resultatindikator", "Indikator", "Resultatindikatorer", "Nyckeltal"]))
    focus_w, name_w = rng.randint(16, 22), rng.randint(30, 40)
    measure_w = 12 if any(p for _, _, p in cols) else 9
    widths = [focus_w, name_w] + [measure_w] * len(cols)
    blocks, goals, values = [], [], []
    for c, (title, areas) in enumerate(cards, 1):
        gkey = f"s{c}"
        goals.append(TruthGoal(gkey, None, "goal", 1, None, title, None, kind="scorecard", actual=None))
        groups: list[tuple[list[TLine], list[str]]] = []
        for a, (focus, indicators) in enumerate(areas, 1):
            fkey = f"{gkey}.{a}"
            goals.append(TruthGoal(fkey, None, "subgoal", 2, gkey, focus, None, kind="scorecard", actual=None))
            group: list[TLine] = []
            for name, kind in indicators:
                printed_cols: list[list[str]] = []
                for measure, y, paren in cols:
                    if measure == "outcome" and y > year:
                        printed_cols.append([""])                 # a future outcome: printed empty
                        continue
                    cell, stated = _cell(rng, kind, measure, paren, pair_style)
                    for m, text in stated:
                        v, t = expected(text)
                        values.append(TruthValue(name, focus, y, m, v, t, text))
                    printed_cols.append(_wrap_cell(cell, measure_w))
                name_lines = wrap(name, name_w)
                middle = (len(name_lines) - 1) // 2 if "sc_middle" in classes else 0
                row = row_lines([[""], name_lines] + printed_cols, aligns=["left", "left"] + ["centre"] * len(cols),
                                valign=[0, 0] + [middle] * len(cols))
                group.extend(row)
            fl = wrap(focus, focus_w)
            while len(group) < len(fl):
                group.append(TLine())
            groups.append((group, fl))
        # names centred on their rows: a PDF centres exactly (half a line where it falls so); a text layer
        # would snap a half line up or down, which no reader can tell, so it shows a centred card only where
        # every centre falls on a line (else the card's names stand at the top of their cells)
        centred = "sc_centred" in classes and (pdf or all((len(g) - len(f)) % 2 == 0 for g, f in groups))
        lines: list[TLine] = []
        for group, fl in groups:
            top, half = divmod(len(group) - len(fl), 2) if centred else (0, 0)
            for k, text in enumerate(fl):
                group[top + k].cells[0] = Cell(text, dy=half / 2)
            lines.extend(group)
        blocks.append(Block(title, widths, _header_lines(cols, header, labels, rng), lines,
                            repeat_header=True))
    return blocks, goals, values


def _wrap_cell(cell: str, width: int) -> list[str]:
    """A scorecard cell wrapped at spaces between words, never inside a figure ("3 525") or brackets."""
    breaks, depth = [], 0
    for k, ch in enumerate(cell):
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth <= 0 and not (k and cell[k - 1].isdigit() and re.match(r"\d{3}(?!\d)", cell[k + 1:])):
            breaks.append(k)
    lines, start, last = [], 0, None
    for k in breaks + [len(cell)]:
        if k - start > width and last is not None:
            lines.append(cell[start:last])
            start = last + 1
        last = k
    lines.append(cell[start:])
    return [ln.strip() for ln in lines if ln.strip()] or [""]


def _cell(rng: random.Random, kind: str, measure: str, paren: str | None,
          pair_style: str | None) -> tuple[str, list[tuple[str, str]]]:
    """The printed cell and what it states: (measure, printed text) for the target and, in a pair, the
    outcome."""
    target, _ = _figure(rng, kind)
    if kind == "rank" and measure == "target":
        target = rng.choice(["Topp 5", "Topp 10"])
    elif kind == "money" and measure == "target":
        target = "0 eller bättre"
    elif measure == "target" and rng.random() < 0.08:
        target = rng.choice(gv.WORD_TARGETS)
    if paren is None:
        if measure == "outcome":
            text = rng.choice(gv.WORD_OUTCOMES) if rng.random() < 0.05 else _figure(rng, kind)[0]
            return text, [(measure, text)]
        return target, [(measure, target)]
    outcome = _figure(rng, kind)[0] if rng.random() < 0.9 else rng.choice(gv.WORD_OUTCOMES)
    if rng.random() < 0.05:
        return target, [(measure, target)]                 # the outcome not given: the target alone
    return _pair(rng, target, outcome, pair_style), [(measure, target), (paren, outcome)]


# --------------------------------------------------------------------------- assignments

def assignments(rng: random.Random, year: int, classes: frozenset[str]) -> tuple[Block, list[TruthGoal]]:
    """A list of the council's assignments long enough to cross pages."""
    three = "as_three_col" in classes
    heads = rng.choice([h for h in gv.ASSIGNMENT_HEADERS if (len(h) == 3) == three])
    left_w, right_w = rng.randint(34, 44), rng.randint(32, 40)
    widths = [left_w, 14, right_w] if three else [left_w, right_w]
    header = [TLine({j: Cell(t) for j, t in enumerate(heads)}, bold=True)]
    items = rng.sample(gv.ASSIGNMENTS, rng.randint(9, 14))
    lines: list[TLine] = []
    truth: list[TruthGoal] = []
    for n, (title, comment) in enumerate(items, 1):
        shown = rng.random() < 0.75
        code = rng.choice(sorted(gv.ASSIGNMENT_STATUS_WORDS))
        words = rng.choice(gv.ASSIGNMENT_STATUS_WORDS[code]) if shown else ""
        left = wrap(title, left_w)
        if "as_meta" in classes:
            left += ["Uppdragsår", str(year - rng.randint(0, 1))]
        if three:
            cols = [left, [words] if words else [""], wrap(comment, right_w)]
        else:
            right = ([words] if words else []) + (
                [f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"] if "as_dates" in classes and words
                else []) + wrap(comment, right_w)
            cols = [left, right]
        lines.extend(row_lines(cols))
        truth.append(TruthGoal(f"u{n}", None, "assignment", 1, None, title, code if shown else None, words,
                               kind="assignments", actual=code))
    b = Block(rng.choice(gv.ASSIGNMENT_TITLES), widths, header, lines,
              repeat_header="as_no_repeat" not in classes, intro=rng.choice(gv.PROSE))
    return b, truth


# --------------------------------------------------------------------------- documents

def _front(rng: random.Random, kind: str, year: int, board: str, muni: str, appendix: bool) -> list[str]:
    if appendix:
        return [f"Bilaga {rng.randint(1, 3)}. Styrkort {board}", f"{muni} kommun"]
    report = {"assignments": rng.choice([f"Delårsrapport augusti {year}", f"Årsredovisning {year}"]),
              "scorecard": f"Styrkort {year}", "goal_table": rng.choice([f"Årsredovisning {year}",
                                                                         f"Verksamhetsberättelse {year}"])}[kind]
    return [board, report, f"{muni} kommun"]


def _summary(truth: list[TruthGoal]) -> tuple[str, list[tuple[str, str, int]]]:
    """A sentence stating the goals' tally (their true statuses), and the counts it states."""
    top = [g.actual for g in truth if g.level == "goal" and g.depth == 1 and g.kind == "goal_table"]
    n = {s: top.count(s) for s in ("met", "partly_met", "not_met")}
    if not top or sum(n.values()) != len(top):
        return "", []
    words = {1: "ett", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 0: "inget"}
    parts = []
    if n["met"]:
        parts.append(f"{words[n['met']]} av målen uppfylls")
    if n["partly_met"]:
        parts.append(f"{words[n['partly_met']]} uppfylls delvis")
    if n["not_met"]:
        parts.append(f"{words[n['not_met']]} uppfylls ej")
    if not parts or not n["met"]:
        return "", []
    text = ", ".join(parts[:-1]) + (" och " if len(parts) > 1 else "") + parts[-1]
    text = text[0].upper() + text[1:] + "."
    return f"Nämnden bedömer sina mål för året. {text}", [("goal", s, c) for s, c in n.items() if c]


def _filled(kind: str, classes: frozenset[str], rng: random.Random) -> bool:
    """Prose before a block, so that it starts low on its page: assignment lists and long scorecards always
    cross pages, goal tables often."""
    return kind == "assignments" or "sc_long" in classes or kind == "goal_table" and rng.random() < 0.5


def generate_goal_doc(kind: str, classes=frozenset(), renderer: str = "pdf", seed: int = 0, *,
                      year: int | None = None, name: str | None = None) -> GoalDoc:
    """One document of ``kind`` showing ``classes``, drawn by ``renderer``; deterministic in its arguments."""
    classes = frozenset(classes)
    if kind not in KINDS or renderer not in RENDERERS or classes - set(CLASSES_OF[kind]):
        raise ValueError(f"unknown kind {kind!r}, renderer {renderer!r} or classes {sorted(classes)}")
    rng = random.Random(f"{seed}|{kind}|{renderer}|{','.join(sorted(classes))}|{year}")
    year = year or rng.randint(2018, 2026)
    board, muni = rng.choice(gv.BOARDS), rng.choice(gv.MUNICIPALITIES)
    appendix = "sc_appendix" in classes
    blocks: list[Block] = []
    truth: list[TruthGoal] = []
    values: list[TruthValue] = []
    legend: dict[str, str] = {}
    counts: list[tuple[str, str, int]] = []
    summary = ""
    if kind == "goal_table":
        b, truth, legend = goal_table(rng, classes)
        blocks.append(b)
        summary, counts = _summary(truth)
        if rng.random() < 0.3:                      # an annual report accounts for its assignments too
            a, more = assignments(rng, year, frozenset(c for c in ("as_meta",) if rng.random() < 0.5))
            blocks.append(a)
            truth = truth + more
    elif kind == "scorecard":
        blocks, truth, values = scorecard(rng, year, classes, pdf=renderer == "pdf")
    else:
        b, truth = assignments(rng, year, classes)
        blocks.append(b)
    front = _front(rng, kind, year, board, muni, appendix)
    prose = [" ".join(rng.sample(gv.PROSE, 2))]
    if summary:
        prose.append(summary)
    if renderer == "pdf":
        doc = PdfReport(rng, size=9.0, first_page=rng.randint(2, 30), total_pages=None,
                        running_header=None if appendix or rng.random() < 0.5 else f"{front[1]} – {board}")
        for k, text in enumerate(front):
            doc.line(text, bold=k == 0, size=15 if k == 0 else 11)
        doc.y += 10
        if not appendix:
            doc.heading(rng.choice(["Måluppfyllelse", "Uppföljning", "Verksamhetens resultat"]))
        doc.prose(prose)
        for b in blocks:
            if _filled(kind, classes, rng):            # the block starts low on its page: it runs over the break
                doc.prose([" ".join(rng.sample(gv.PROSE, 4)) for _ in range(rng.randint(2, 4))])
            if kind == "scorecard":
                doc._room(60)
            draw_pdf(doc, b, size=8.0 if kind == "scorecard" else 8.5)
            doc.prose([rng.choice(gv.PROSE)])
        data: bytes | str = doc.to_bytes()
        fmt = "pdf"
        legend_page = next((b.legend_page for b in blocks if b.legend_page), None)
    else:
        doc = TextReport(rng, "layout", first_page=rng.randint(2, 30), total_pages=None,
                         running_footer="" if rng.random() < 0.4 else f"{front[1]} {board}")
        doc.indent = rng.choice([0, 2, 4, 8])
        doc.width = rng.randint(110, 140)
        for text in front:
            doc.line(text)
        if not appendix:
            doc.heading(rng.choice(["Måluppfyllelse", "Uppföljning", "Verksamhetens resultat"]))
        doc.prose(prose)
        for b in blocks:
            if _filled(kind, classes, rng):
                doc.prose([" ".join(rng.sample(gv.PROSE, 4)) for _ in range(rng.randint(2, 4))])
            draw_text(doc, b)
            doc.prose([rng.choice(gv.PROSE)])
        data = doc.to_text()
        fmt = "txt"
        legend_page = None
    name = name or f"goal-{kind}-{seed % 10 ** 6:06d}-{renderer}-{year}"
    return GoalDoc(name, fmt, data, year, renderer, seed, classes, truth, values, legend, counts, legend_page)


def goal_fixed_set(n: int = 120, seed: int = 2026) -> list[GoalDoc]:
    """A deterministic set: every class of every kind alone with each renderer, then combinations."""
    rng = random.Random(seed)
    plan: list[tuple[str, frozenset[str], str]] = []
    r = 0
    while len(plan) < n:
        for kind in KINDS:
            plan.append((kind, frozenset(), RENDERERS[r % 2]))
            for i, c in enumerate(CLASSES_OF[kind]):
                plan.append((kind, frozenset({c}), RENDERERS[(i + r) % 2]))
            for j in range(3):
                pool = CLASSES_OF[kind]
                combo = frozenset(rng.sample(pool, rng.choice([2, 3])))
                plan.append((kind, _consistent(kind, combo), RENDERERS[(j + r + 1) % 2]))
        r += 1
    docs = []
    for k, (kind, classes, renderer) in enumerate(plan[:n]):
        doc_seed = random.Random(f"{seed}/{k}").randrange(2 ** 31)
        tag = "+".join(sorted(classes)) or "plain"
        docs.append(generate_goal_doc(kind, classes, renderer, doc_seed, name=f"gg{k:03d}-{kind}-{renderer}-{tag}"))
    return docs


def _consistent(kind: str, classes: frozenset[str]) -> frozenset[str]:
    """At most one level style, header style and pair style."""
    out = set(classes)
    for group in (LEVEL_STYLES, HEADER_STYLES, PAIR_STYLES):
        chosen = sorted(c for c in out if c in group)
        out -= set(chosen[1:])
    return frozenset(out)


def goal_documents(*, kinds=KINDS, renderers=RENDERERS):
    """Hypothesis strategy for generated goal documents over the same space as :func:`goal_fixed_set`."""
    from hypothesis import strategies as st

    def build(kind: str, picks: list[int], renderer: str, seed: int, year: int) -> GoalDoc:
        pool = CLASSES_OF[kind]
        classes = _consistent(kind, frozenset(pool[p % len(pool)] for p in picks))
        return generate_goal_doc(kind, classes, renderer, seed, year=year)

    return st.builds(build, kind=st.sampled_from(tuple(kinds)), picks=st.lists(st.integers(0, 99), max_size=3),
                     renderer=st.sampled_from(tuple(renderers)), seed=st.integers(0, 2 ** 31 - 1),
                     year=st.integers(2018, 2026))
