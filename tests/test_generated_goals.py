"""kslib on goal sections it has never seen: generated goal tables, scorecards and assignment lists
(tests/layoutgen/goals.py) with a known truth.

For every generated document kslib must read every goal with its level, parent and the status the document
states in words (an assignment's too), and every scorecard value with its year, measure and focus area — or
name the goal or indicator in a warning — and must never invent a status: a goal whose status the document
shows only as a coloured symbol (or not at all) stays ``unknown`` unless its legend or its own tally says
otherwise.  In a PDF with a legend of colours every symbol-only goal takes the legend's status of its colour
(basis ``symbol``, the legend's page cited); without a legend only its colour is kept.  An appendix takes the
year of the report it belongs to.  The prose's tally of the goals is reconciled by the audit without an
error.  Over the fixed set of 120 documents, all of it is read.

Cost: ``KSLIB_HYPOTHESIS_EXAMPLES`` documents per property (default 30); each document is generated in memory
and read once (the properties draw the same documents and share the readings).
"""
from __future__ import annotations

import functools
import hashlib
import os

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from layoutgen.goal_score import GoalScore, read_goal_doc, score_goal_doc
from layoutgen.goals import CLASSES_OF, KINDS, RENDERERS, generate_goal_doc, goal_documents, goal_fixed_set

EXAMPLES = max(1, int(os.environ.get("KSLIB_HYPOTHESIS_EXAMPLES", "30")))
SHRINK = os.environ.get("KSLIB_HYPOTHESIS_SHRINK") == "1"
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    phases=tuple(Phase) if SHRINK else (Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEED = 20260101
FIXED = 120
_SCORES: dict[str, GoalScore] = {}


def _scored(doc) -> GoalScore:
    """kslib's reading of ``doc``, scored; each document is read once per session."""
    data = doc.data if isinstance(doc.data, bytes) else doc.data.encode("utf-8")
    k = f"{doc.name}:{hashlib.sha256(data).hexdigest()}"
    if k not in _SCORES:
        _SCORES[k] = score_goal_doc(doc, read_goal_doc(doc))
    return _SCORES[k]


@functools.lru_cache(maxsize=1)
def _fixed_set():
    return tuple(goal_fixed_set(FIXED))


def _listing(s: GoalScore, limit: int = 10) -> str:
    return "\n".join(f"  {p}" for p in s.problems[:limit])


# --------------------------------------------------------------------------- properties over goal_documents()

@seed(SEED)
@PROPERTY
@given(goal_documents())
def test_every_goal_and_value_is_read_or_warned_about(doc):
    s = _scored(doc)
    if s.missing or s.errors:
        pytest.fail(f"{doc!r}: {s.summary()}\n{_listing(s)}")


@seed(SEED)
@PROPERTY
@given(goal_documents())
def test_no_status_is_invented(doc):
    s = _scored(doc)
    if s.invented:
        pytest.fail(f"{doc!r}: {s.invented} invented statuses\n{_listing(s)}")


@seed(SEED)
@PROPERTY
@given(goal_documents())
def test_nothing_is_read_wrong_in_silence(doc):
    s = _scored(doc)
    if s.wrong or s.years_right != 1 or s.audit_errors:
        pytest.fail(f"{doc!r}: {s.summary()}\n{_listing(s)}")


# --------------------------------------------------------------------------- the fixed set

@pytest.fixture(scope="module")
def fixed() -> GoalScore:
    return GoalScore.combine(_scored(d) for d in _fixed_set())


def test_fixed_set_reads_every_goal_level_status_and_value(fixed):
    done = (fixed.goals_found == fixed.goals and fixed.levels_right == fixed.goals
            and fixed.statuses_right == fixed.goals and fixed.values_found == fixed.values
            and fixed.years_right == fixed.docs)
    if not done or fixed.errors:
        pytest.fail(f"{fixed.summary()}\n{_listing(fixed)}")


def test_fixed_set_invents_no_status(fixed):
    if fixed.invented:
        pytest.fail(f"{fixed.summary()}\n{_listing(fixed)}")


def test_fixed_set_reads_statuses_from_colours_by_the_legend_only(fixed):
    # every symbol-only goal of a PDF: its colour; with a legend, the legend's status and page (basis symbol);
    # without one, no status (an invented one would count above)
    assert fixed.symbols_read == fixed.symbols >= 30, fixed.summary()
    assert fixed.symbol_statuses == fixed.legend_symbols >= 8, fixed.summary()
    assert fixed.symbols - fixed.legend_symbols >= 20 and fixed.invented == 0, fixed.summary()


def test_fixed_set_tallies_reconcile(fixed):
    if fixed.audit_errors:
        pytest.fail(f"{fixed.summary()}\n{_listing(fixed)}")


# --------------------------------------------------------------------------- the generator and the scorer

def test_fixed_set_covers_every_kind_class_and_renderer():
    docs = _fixed_set()
    assert len(docs) == FIXED and len({d.name for d in docs}) == FIXED
    for kind in KINDS:
        for c in CLASSES_OF[kind]:
            with_c = [d for d in docs if c in d.classes]
            assert {d.renderer for d in with_c} == set(RENDERERS), c
    assert sum(1 for d in docs if d.values) >= 20 and sum(1 for d in docs if d.goals) == FIXED
    # the hook for colour: documents with symbol-only statuses, with and without a legend
    coloured = [d for d in docs if any(g.colour for g in d.goals)]
    assert any(d.legend for d in coloured) and any(not d.legend for d in coloured)
    assert all(g.status is None for d in coloured for g in d.goals if g.colour)


def test_the_generator_is_deterministic():
    a = generate_goal_doc("scorecard", {"sc_stacked", "pair_tight"}, "pdf", 7)
    b = generate_goal_doc("scorecard", {"sc_stacked", "pair_tight"}, "pdf", 7)
    assert a.data == b.data and a.values == b.values
    assert [d.name for d in goal_fixed_set(6)] == [d.name for d in _fixed_set()[:6]]


def test_the_scorer_catches_an_invented_status_and_a_wrong_value():
    doc = generate_goal_doc("goal_table", {"st_symbols"}, "txt-layout", 11)
    reading = read_goal_doc(doc)
    assert score_goal_doc(doc, reading).invented == 0
    symbol = next(g for g in doc.goals if g.colour)
    goals = reading.goals.copy()
    hit = goals.title.str.replace(r"\W", "", regex=True).str.lower() == \
        "".join(ch for ch in symbol.title.lower() if ch.isalnum())
    assert hit.sum() == 1
    goals.loc[hit, ["status", "basis"]] = ["met", "text"]
    assert score_goal_doc(doc, reading.__class__(goals, reading.values, reading.year, [], [])).invented == 1
    # in a PDF with a legend: a symbol status without its legend page, and a colour read where none is drawn
    pdf = generate_goal_doc("goal_table", {"st_legend"}, "pdf", 4)
    assert pdf.legend_page and any(g.colour for g in pdf.goals)
    read = read_goal_doc(pdf)
    good = score_goal_doc(pdf, read)
    assert good.symbol_statuses == good.legend_symbols > 0 and not good.problems
    goals = read.goals.copy()
    first = goals.index[goals["basis"] == "symbol"][0]
    goals.loc[first, "legend_page"] = pd.NA
    worded = goals.index[goals["basis"] == "text"][0]
    goals.loc[worded, "symbol"] = "grön"
    bad = score_goal_doc(pdf, read.__class__(goals, read.values, read.year, [], []))
    assert bad.symbol_statuses == good.symbol_statuses - 1 and bad.wrong == 2
    card = generate_goal_doc("scorecard", set(), "pdf", 5)
    read = read_goal_doc(card)
    values = read.values.copy()
    values.loc[values.index[0], "value"] = (values.value.iloc[0] or 0) + 1
    assert score_goal_doc(card, read.__class__(read.goals, values, read.year, [], [])).wrong == 1
