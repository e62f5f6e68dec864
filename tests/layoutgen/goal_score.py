"""Read a generated goal document with kslib (in memory, once) and score the reading against its truth.

A truth goal is

* ``found``   — a goal of the same level and title (compared after normalising case, spaces and
  punctuation) with the printed id (where the document prints one), the right parent and the right status:
  the one stated in words; in a PDF with a legend of colours, for a goal shown only by a coloured symbol,
  the legend's status of its colour with basis ``symbol`` and the legend's page; else ``unknown`` — or a
  status the document's words force (its tally, basis ``count``) that is the goal's own;
* ``wrong``   — read, but with another id, level, parent or status, and no warning names it;
* ``warned``  — missing or different, but a warning names it (its title or id);
* ``missing`` — otherwise.

A status read for a goal that the document does not state (in words, by its legend or its tally) is an
*invented* status, whatever else is right.  In a PDF every goal's ``symbol`` must be the colour of the
symbol drawn for it (empty where none is, or where it is a black "●"); a text layer shows no colour.
Indicator values are found where the indicator, year and measure read carry the figure (or the words)
printed, with the focus area the indicator belongs to.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from .goal_model import GoalDoc, TruthGoal
from .score import key

FOUND, WRONG, WARNED, MISSING = "found", "wrong", "warned", "missing"


@dataclass
class GoalReading:
    """What kslib read of a document: goals (with recovered statuses), values, year, warnings, audit."""

    goals: pd.DataFrame
    values: pd.DataFrame
    year: int | None
    warnings: list
    findings: list
    error: str = ""


def source_of(doc: GoalDoc):
    """The document as kslib's :class:`~kslib.read.source.Source`, read in memory."""
    from kslib.read.source import Source, lines_from_text

    if isinstance(doc.data, bytes):
        from kslib.read.pdf import read_pdf_pages, source_from_pages

        return source_from_pages(read_pdf_pages(doc.data, name=doc.filename), name=doc.filename, data=doc.data)
    content, furniture = lines_from_text(doc.data.split("\n"))
    return Source(doc.filename, "0" * 64, content, None, furniture)


def read_goal_doc(doc: GoalDoc) -> GoalReading:
    """kslib's reading of ``doc``: what the goal page and the audit see."""
    from kslib.audit.goals import check_goal_counts
    from kslib.parse.metadata import read_metadata
    from kslib.parse.records.counts import read_goal_counts
    from kslib.parse.records.goals import read_goals
    from kslib.parse.records.indicator_values import read_indicator_values
    from kslib.parse.records.recovery import recover_statuses

    try:
        source = source_of(doc)
        meta = read_metadata(source)
        warnings: list = []
        goals = read_goals(source, year=meta.year, warnings=warnings)
        counts = read_goal_counts(source)
        goals = recover_statuses(goals, counts, source)
        values = read_indicator_values(source, year=meta.year, warnings=warnings)
        items = {str(level): part for level, part in goals.groupby("level")}
        findings = check_goal_counts(counts, items)
    except Exception as exc:                      # noqa: BLE001 — a crash is measured, not hidden
        import traceback
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return GoalReading(pd.DataFrame(), pd.DataFrame(), None, [], [],
                           error=f"{type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})")
    return GoalReading(goals, values, meta.year, warnings, findings)


@dataclass
class GoalScore:
    """Counts over one or more documents, and the problems found (described for a failing test)."""

    goals: int = 0
    goals_found: int = 0
    levels_right: int = 0
    statuses_right: int = 0
    statuses_in_words: int = 0
    values: int = 0
    values_found: int = 0
    invented: int = 0
    wrong: int = 0
    warned: int = 0
    missing: int = 0
    years_right: int = 0
    symbols: int = 0                # goals shown only by a coloured symbol, in PDFs
    symbols_read: int = 0           # ... whose colour was read (``symbol``)
    legend_symbols: int = 0         # ... of these, in PDFs with a legend of colours
    symbol_statuses: int = 0        # ... whose legend status was read, basis symbol, the legend's page cited
    docs: int = 0
    errors: int = 0
    audit_errors: int = 0
    problems: list[str] = field(default_factory=list)

    def __add__(self, other: "GoalScore") -> "GoalScore":
        out = GoalScore()
        for name in self.__dataclass_fields__:
            a, b = getattr(self, name), getattr(other, name)
            setattr(out, name, a + b)
        return out

    @classmethod
    def combine(cls, scores) -> "GoalScore":
        out = cls()
        for s in scores:
            out = out + s
        return out

    def summary(self) -> str:
        return (f"{self.docs} documents: {self.goals_found}/{self.goals} goals read (levels {self.levels_right}, "
                f"statuses {self.statuses_right}, of which {self.statuses_in_words} in words), "
                f"{self.values_found}/{self.values} indicator values, {self.years_right} years right, "
                f"{self.symbols_read}/{self.symbols} symbol colours, {self.symbol_statuses}/{self.legend_symbols} "
                f"statuses by the legend; "
                f"{self.invented} invented statuses, {self.wrong} wrong, {self.warned} warned, {self.missing} "
                f"missing, {self.errors} errors, {self.audit_errors} audit errors")


def _warned(warnings, *names: str) -> str:
    keys = [key(n) for n in names if n]
    for w in warnings:
        text = key(f"{w.row} {w.message}")
        if any(k and k in text for k in keys):
            return w.message
    return ""


def _by_legend(doc: GoalDoc, t: TruthGoal) -> str | None:
    """The status the legend gives ``t``'s symbol, where the PDF shows both in colour."""
    return doc.legend.get(t.colour) if doc.fmt == "pdf" and t.colour and doc.legend_page else None


def _legend_page(row) -> int | None:
    page = getattr(row, "legend_page", None)
    return None if page is None or pd.isna(page) else int(page)


def _status_ok(t: TruthGoal, row, doc: GoalDoc) -> tuple[bool, bool]:
    """(right, invented) of the status read for ``t``."""
    status, basis = str(row.status), str(row.basis)
    if t.status is not None:
        return status == t.status, status not in ("unknown", t.status) and basis != "text"
    legend = _by_legend(doc, t)
    if legend is not None:
        right = status == legend and basis == "symbol" and _legend_page(row) == doc.legend_page
        return right, status not in ("unknown", legend)
    if status == "unknown":
        return True, False
    if basis in ("count", "text") and status == t.actual and basis != "text":
        return True, False
    return False, True


def score_goal_doc(doc: GoalDoc, r: GoalReading) -> GoalScore:
    s = GoalScore(docs=1)
    name = f"{doc.name} ({doc.renderer}, {'+'.join(sorted(doc.classes)) or 'plain'})"
    if r.error:
        s.errors = 1
        s.problems.append(f"{name}: {r.error}")
        s.goals, s.missing, s.values = len(doc.goals), len(doc.goals), len(doc.values)
        return s
    s.years_right = int(r.year == doc.year)
    if r.year != doc.year:
        s.problems.append(f"{name}: year {r.year} read, the report's year is {doc.year}")
    read = list(r.goals.itertuples(index=False)) if not r.goals.empty else []
    used: set[int] = set()
    matched: dict[str, object] = {}
    for t in doc.goals:
        cands = [k for k, g in enumerate(read) if k not in used and key(g.title) == key(t.title)
                 and g.level == t.level]
        if cands:
            used.add(cands[0])
            matched[t.key] = read[cands[0]]
    truth = doc.by_key()
    for t in doc.goals:
        s.goals += 1
        s.statuses_in_words += t.status is not None
        g = matched.get(t.key)
        if g is None:
            w = _warned(r.warnings, t.title, t.goal_id or "")
            if w:
                s.warned += 1
            else:
                s.missing += 1
                near = [x.title for x in read if key(x.title)[:12] == key(t.title)[:12]]
                s.problems.append(f"{name}: {t.level} {t.key} {t.title!r} not read"
                                  + (f" (read as {near[0]!r})" if near else ""))
            continue
        right, invented = _status_ok(t, g, doc)
        if not _symbol_ok(doc, t, g, s, name):
            right = False
        parent = truth[t.parent] if t.parent else None
        parent_id = getattr(matched.get(parent.key), "goal_id", None) if parent else ""
        level_ok = g.level == t.level and str(g.parent_id or "") == str(parent_id or "") \
            and (t.goal_id is None or str(g.goal_id) == t.goal_id)
        s.invented += invented
        s.levels_right += level_ok
        s.statuses_right += right
        if level_ok and right:
            s.goals_found += 1
            continue
        w = _warned(r.warnings, t.title, t.goal_id or "")
        if w and not invented:
            s.warned += 1
            continue
        s.wrong += 1
        s.problems.append(f"{name}: {t.level} {t.key} {t.title!r}: read id {g.goal_id!r} level {g.level} parent "
                          f"{g.parent_id!r} (want {t.goal_id or '-'!r}, {t.level}, parent {parent_id!r}), status "
                          f"{g.status}/{g.basis} (want {t.status or 'unknown'}; "
                          f"{'invented' if invented else 'wrong'})")
    for k, g in enumerate(read):
        if k not in used and str(g.status) != "unknown":
            s.invented += 1
            s.problems.append(f"{name}: a goal the document does not have, with a status: {g.title!r} {g.status}")
    _score_values(doc, r, s, name)
    errors = [f for f in r.findings if f.severity == "error"]
    s.audit_errors = len(errors)
    s.problems.extend(f"{name}: audit error {f.message}" for f in errors)
    return s


def _symbol_ok(doc: GoalDoc, t: TruthGoal, g, s: GoalScore, name: str) -> bool:
    """Count ``t``'s symbol (a PDF's colour, its legend status) and say whether the ``symbol`` read is right."""
    shown = t.colour if doc.fmt == "pdf" and t.status is None else None
    read = str(getattr(g, "symbol", "") or "")
    if shown:
        s.symbols += 1
        s.symbols_read += read == shown
        if _by_legend(doc, t) is not None:
            s.legend_symbols += 1
            s.symbol_statuses += str(g.status) == _by_legend(doc, t) and str(g.basis) == "symbol" \
                and _legend_page(g) == doc.legend_page
    if read == (shown or ""):
        return True
    s.problems.append(f"{name}: {t.level} {t.key} {t.title!r}: symbol {read!r} read, the document shows "
                      f"{shown or 'none'}")
    return False


def _score_values(doc: GoalDoc, r: GoalReading, s: GoalScore, name: str) -> None:
    values = r.values
    index: dict[tuple, list] = {}
    if not values.empty:
        for v in values.itertuples(index=False):
            index.setdefault((key(v.indicator), int(v.year) if not pd.isna(v.year) else None, v.measure), []).append(v)
    for t in doc.values:
        s.values += 1
        got = index.get((key(t.indicator), t.year, t.measure), [])
        if not got:
            if _warned(r.warnings, t.indicator):
                s.warned += 1
            else:
                s.missing += 1
                s.problems.append(f"{name}: value {t.indicator!r} {t.measure} {t.year} printed {t.printed!r} not read")
            continue
        v = got[0]
        value = None if pd.isna(v.value) else float(v.value)
        same = (value is None and t.value is None) or (value is not None and t.value is not None
                                                       and math.isclose(value, t.value, abs_tol=1e-6))
        same = same and key(v.text) == key(t.text) and key(v.goal) == key(t.focus)
        if same:
            s.values_found += 1
        else:
            s.wrong += 1
            s.problems.append(f"{name}: value {t.indicator!r} {t.measure} {t.year} printed {t.printed!r}: read "
                              f"{value} {v.text!r} under {v.goal!r} (want {t.value} {t.text!r} under {t.focus!r})")
