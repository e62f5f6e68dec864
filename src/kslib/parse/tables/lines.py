"""Words to analysed lines: each line's label words, figure words and kind (header, data, figures, text),
its page furniture set aside; text layers that lost their gaps mended (a figure glued to the next heading,
figures printed one per line under their label)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kslib.parse.tables.settings import current
from kslib.parse.tables.cells import one_figure, runs_of
from kslib.parse.tables.geometry import Pos, is_numeric, unglue, words
from kslib.read.source import Line, Word
from kslib.vocab import measures as vm
from kslib.vocab.cells import NIL, is_approx, note_words
from kslib.vocab.furniture import FOOTER_AT_END, PAGE_OF_TOTAL



@dataclass
class Ln:
    line: Line
    words: list[Pos]
    label: list[Pos]
    nums: list[Pos]
    kind: str                         # header, data, nums, text
    stack: tuple[str, ...] = ()       # figures printed one per line under this label line

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.label + self.nums)




def analyse(line: Line) -> Ln:
    ws = unglue(words(line))
    footer = FOOTER_AT_END.search(line.text)
    if footer and _figures_before(line.text[:footer.start() + 1]):
        line = _cut_line(line, footer.start() + 1)             # a page footer glued to a row ("11 385   12 (36)")
    elif footer or _page_of_total(line.text):                  # a running footer: "… n (N)"
        return Ln(line, [], [], [], "furniture")
    ws = _without_page_number(ws)
    # a note reference glued or after the figures ("900Not 1", "900 Not 1") is not a figure
    if len(ws) >= 3 and ws[-2].text == "Not" and ws[-1].text.isdigit() and is_numeric(ws[-3].text):
        ws = ws[:-2]
    elif len(ws) >= 2 and ws[-1].text == "Not" and is_numeric(ws[-2].text):
        ws = ws[:-1]
    if ws and ws[-1].text.endswith("Not") and ws[-1].text[:-3][-1:].isdigit():
        w = ws[-1]
        ws = ws[:-1] + [Pos(w.text[:-3], w.x0, w.x1 - (w.x1 - w.x0) * 3 / len(w.text), w.wide)]
    ws = _text_cells(ws)
    texts = [w.text for w in ws]
    start = len(ws)
    while start > 0 and (is_numeric(ws[start - 1].text) or ws[start - 1].note):
        start -= 1
    label, nums = ws[:start], ws[start:]
    if nums and all(w.note for w in nums):
        label, nums = ws, []                                 # only text after the label: no figures
    if nums and all(w.text in "-–—+%" for w in nums):      # a lone dash is not a figure row
        label, nums = ws, []
    years_only = all(vm.YEAR.match(w.text) for w in nums)
    if years_only and (vm.is_strong_header(texts) or (nums and label and all(
            vm.is_vocab(t) for t in vm.rejoin([w.text for w in label])))):
        kind = "header"                                      # "Utfall 2024 Budget 2024", "Period  Helår 2022"
    elif nums and not (all(vm.YEAR.match(w.text) for w in nums) and not label):
        kind = "data" if label else "nums"
        if len(label) > current().label_words or (label and label[-1].text.endswith(".") and len(label) > 6):
            kind = "text"
    elif not label and nums:
        kind = "header"                                      # a line of years only
    else:
        kind = "text"
    return Ln(line, ws, label, nums, kind)


def _figures_before(text: str) -> bool:
    """Does the text before a page footer hold figures (no years): a table's row, not a running footer?"""
    return any(is_numeric(t) and not vm.YEAR.match(t) for t in text.split())


def _cut_line(line: Line, at: int) -> Line:
    """The line's text up to character ``at`` (its PDF words standing there too)."""
    text = line.text[:at].rstrip()
    return replace(line, text=text, words=line.words[:len(text.split())] if line.words else line.words)


def _page_of_total(text: str) -> bool:
    """A page number with its total alone on a line pushed to the right ("              17 (37)")."""
    m = PAGE_OF_TOTAL.match(text)
    return bool(m) and len(text) - len(text.lstrip()) >= 10 and m.group("a") is not None \
        and 0 < int(m.group("page")) <= int(m.group("a"))


def _without_page_number(ws: list[Pos]) -> list[Pos]:
    """A row with the page's footer glued to its end ("… 516  569 17 (46)"): the page number left out."""
    if len(ws) >= 3:
        m = re.fullmatch(r"\((\d{1,3})\)", ws[-1].text)
        group = len(ws[-2].text) == 3 and not ws[-2].wide      # "18 684 (880)": a thousands group, no page
        if m and ws[-2].text.isdigit() and int(ws[-2].text) <= int(m.group(1)) and is_numeric(ws[-3].text) \
                and not group:
            return ws[:-2]
        # the page number glued to the last thousands group ("6 93820 (37)"): the group's three digits kept
        if m and re.fullmatch(r"\d{4,6}", ws[-2].text) and not ws[-2].wide and re.fullmatch(r"[-–−]?\d{1,3}", ws[-3].text) \
                and 0 < int(ws[-2].text[3:]) <= int(m.group(1)):
            w = ws[-2]
            return ws[:-2] + [Pos(w.text[:3], w.x0, w.x0 + (w.x1 - w.x0) * 3 / len(w.text), w.wide)]
        # … or to a figure's decimals, one more than the row's other figures print ("1 314,2  162,58 (21)")
        d = re.fullmatch(r"([-–−]?\d+,)(\d+)", ws[-2].text)
        others = {len(w.text.split(",")[1]) for w in ws[:-2] if re.fullmatch(r"[-–−]?\d+,\d+", w.text)}
        if m and d and len(others) == 1 and len(d.group(2)) > (k := others.pop()) \
                and 0 < int(d.group(2)[k:]) <= int(m.group(1)):
            w, keep = ws[-2], d.group(1) + d.group(2)[:k]
            return ws[:-2] + [Pos(keep, w.x0, w.x0 + (w.x1 - w.x0) * len(keep) / len(w.text), w.wide)]
    return ws


def _text_cells(ws: list[Pos]) -> list[Pos]:
    """Texts among a row's figures as cells of their own: a note phrase ("Stängt", "Ej aktuellt") after which
    a figure follows or before which one stands, and an approximate figure ("ung 116 000") — each one word
    marked ``note``."""
    out = list(ws)
    k = len(out)
    seen_figure = False
    while k > 0:
        w = out[k - 1]
        if is_numeric(w.text) or w.note:
            seen_figure = True
            k -= 1
            continue
        n = note_words([v.text for v in out[:k]])
        if n and (seen_figure or k - n > 0 and is_numeric(out[k - n - 1].text)):
            out[k - n:k] = [_merged(out[k - n:k])]
            k -= n
            continue
        if is_approx(w.text) and k < len(out) and is_numeric(out[k].text) and not out[k].wide:
            m = k + 1               # the approximate figure's digits: thousands groups, no cell gap
            while m < len(out) and re.fullmatch(r"\d{3}", out[m].text) and not out[m].wide and m - k < 4:
                m += 1
            if m - k >= 3 and len(out[k].text) <= 3 and not out[m - 1].wide:
                m -= 1              # several groups follow: the shortest reading, the next figure keeps one
            out[k - 1:m] = [_merged(out[k - 1:m])]
            k -= 1
            seen_figure = True
            continue
        break
    return out


def _merged(ws: list[Pos]) -> Pos:
    return Pos(" ".join(w.text for w in ws), ws[0].x0, ws[-1].x1, ws[0].wide, note=True)


def short_text(ln: Ln) -> bool:
    t = ln.line.text.strip()
    return ln.kind == "text" and len(ln.words) <= 8 and not t.endswith((".", ":"))


# --------------------------------------------------------------------------- lines that lost their gaps

_GLUED_HEADING = re.compile(r"(?<=\d)(?=[A-ZÅÄÖ][a-zåäö]{2,})")
_NOT_HEADING = re.compile(r"^(?:Not|Noter|Tkr|Mnkr|Mkr|Kr)\b")


def unglue_heading(line: Line) -> list[Line]:
    """A row whose last figure runs into the next heading ("Summa 6 100 6 250 150Kommentar") as two lines."""
    for m in _GLUED_HEADING.finditer(line.text):
        head, tail = line.text[:m.start()], line.text[m.start():]
        if _NOT_HEADING.match(tail) or " " in head.rstrip()[-1:]:
            continue
        probe = analyse(Line(line.number, head, line.page))
        if probe.kind != "data" or any(vm.YEAR.match(w.text) for w in probe.nums[-1:]):
            continue
        if line.words is None:
            return [Line(line.number, head, line.page), Line(line.number, tail, line.page)]
        return _split_words(line, len(head))
    return [line]


def _split_words(line: Line, at: int) -> list[Line]:
    """A PDF line cut after its first ``at`` characters (the cut word's box shared out by characters)."""
    head: list[Word] = []
    tail: list[Word] = []
    seen = 0
    for w in line.words or ():
        start = line.text.find(w.text, seen)
        seen = start + len(w.text) if start >= 0 else seen
        if start < 0 or seen <= at:
            head.append(w)
        elif start >= at:
            tail.append(w)
        else:
            k = at - start
            x = w.x0 + (w.x1 - w.x0) * k / len(w.text)
            head.append(Word(w.text[:k], w.x0, x))
            tail.append(Word(w.text[k:], x, w.x1))
    return [Line(line.number, line.text[:at], line.page, tuple(head)),
            Line(line.number, line.text[at:].strip(), line.page, tuple(tail))]


def stack_figure(ln: Ln) -> str | None:
    """The one figure a line holds that is nothing but one figure (a lone nil dash counts: "-")."""
    if len(ln.words) == 1 and ln.words[0].text in NIL:
        return ln.words[0].text
    if ln.kind != "nums" or any(w.glued for w in ln.nums):
        return None
    runs = runs_of(ln.nums)
    return runs[0].text if len(runs) == 1 and one_figure(runs[0]) is not None else None


def page_glued(ln: Ln) -> bool:
    """A label whose only figures are a page number with its total ("13 (30)") glued on by a page footer, with
    figures printed one per line after it (then the label is a stacked row's)."""
    if len(ln.nums) != 2 or not ln.label:
        return False
    m = re.fullmatch(r"\((\d{1,3})\)", ln.nums[1].text)
    return bool(m) and ln.nums[0].text.isdigit() and 0 < int(ln.nums[0].text) <= int(m.group(1))


def fold_stacked(lns: list[Ln]) -> list[Ln]:
    """Figures printed one per line under their label ("Bibliotek", "4 100", "3 950", "-150") as one row.

    A label line followed by two or more lines of one figure each is a stacked row; a label with a single
    figure line next to stacked rows is one too.  The row keeps its label line (number, page)."""
    groups: list[tuple[int, int]] = []       # (label index, figure lines after it)
    i, n = 0, len(lns)
    while i < n:
        m = 0
        if lns[i].kind == "data" and page_glued(lns[i]) and i + 2 < n and stack_figure(lns[i + 1]) is not None \
                and stack_figure(lns[i + 2]) is not None:
            lns[i] = Ln(lns[i].line, lns[i].label, lns[i].label, [], "text")   # "Summa nämnden  13 (30)"
        if lns[i].kind == "text" and short_text(lns[i]):
            while i + 1 + m < n and stack_figure(lns[i + 1 + m]) is not None:
                m += 1
        if m:
            groups.append((i, m))
            i += 1 + m
        else:
            i += 1
    stacked = set()
    for k, (i, m) in enumerate(groups):
        near = [groups[j] for j in (k - 1, k + 1) if 0 <= j < len(groups)]
        if m >= 2 or any(g[1] >= 2 and abs(g[0] - i) <= 1 + max(g[1], m) for g in near):
            stacked.add(i)
    if not stacked:
        return lns
    out: list[Ln] = []
    skip = 0
    for i, ln in enumerate(lns):
        if skip:
            skip -= 1
            continue
        if i in stacked:
            m = dict(groups)[i]
            figs = [lns[i + 1 + k] for k in range(m)]
            nums = [Pos(stack_figure(f) or "", (f.nums or f.words)[0].x0, (f.nums or f.words)[-1].x1) for f in figs]
            out.append(Ln(ln.line, ln.words, ln.words, nums, "data", tuple(p.text for p in nums)))
            skip = m
            continue
        out.append(ln)
    return out



def fold_year_rows(lns: list[Ln]) -> list[Ln]:
    """A transposed table printed one cell per line ("2015", "364", "230", "2016", "397", …): each year with the
    figures after it up to the next year as one figure line, when every year has the same number of them."""
    out: list[Ln] = []
    i, n = 0, len(lns)
    while i < n:
        run = _year_run(lns, i)
        if run is None:
            out.append(lns[i])
            i += 1
            continue
        count, width = run
        for r in range(count):
            year = lns[i + r * (width + 1)]
            figs = [lns[i + r * (width + 1) + 1 + k] for k in range(width)]
            nums = [Pos(year.nums[0].text, year.nums[0].x0, year.nums[0].x1)] + [
                Pos(stack_figure(f) or "", (f.nums or f.words)[0].x0, (f.nums or f.words)[-1].x1) for f in figs]
            out.append(Ln(year.line, nums, [], nums, "nums", tuple(p.text for p in nums)))
        i += count * (width + 1)
    return out


def _lone_year(ln: Ln) -> str | None:
    return ln.nums[0].text if not ln.label and len(ln.nums) == 1 and vm.YEAR.match(ln.nums[0].text) else None


def _year_run(lns: list[Ln], i: int) -> tuple[int, int] | None:
    """(years, figures per year) of a run of lone years each followed by the same number of lone figures."""
    if _lone_year(lns[i]) is None:
        return None
    width = 0
    while i + 1 + width < len(lns) and _lone_year(lns[i + 1 + width]) is None \
            and stack_figure(lns[i + 1 + width]) is not None:
        width += 1
    if not width:
        return None
    years: list[str] = []
    k = i
    while k + width < len(lns) and _lone_year(lns[k]) is not None and all(
            _lone_year(lns[k + 1 + j]) is None and stack_figure(lns[k + 1 + j]) is not None for j in range(width)) \
            and (k + width + 1 >= len(lns) or stack_figure(lns[k + width + 1]) is None
                 or _lone_year(lns[k + width + 1]) is not None):
        years.append(_lone_year(lns[k]) or "")
        k += width + 1
    return (len(years), width) if len(years) >= 2 and len(set(years)) == len(years) else None
