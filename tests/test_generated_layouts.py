"""kslib on table layouts it has never seen: generated reports (tests/layoutgen) with a known truth.

For every generated document kslib must not refuse it, must read every truth cell with its measure and
year or name the table, row and candidate readings in a warning, and must never read a value wrong in
silence.  Over the fixed set of 200 documents, at least 99 % of the cells are read and none is wrong.

Cost: ``KSLIB_HYPOTHESIS_EXAMPLES`` documents per property (default 300, about 30 s; a fuzzing session
may set more); shrinking only with ``KSLIB_HYPOTHESIS_SHRINK=1``.  Each document is parsed once: the three
properties draw the same documents (same seed) and share the readings.  ``python benchmarks/generated.py``
prints the same measurement per layout class and renderer.
"""
from __future__ import annotations

import functools
import hashlib
import math
import os
import re
import tempfile

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from kslib.diagnostics import ParseWarning
from layoutgen import (CLASSES, FOUND, MISSING, RENDERERS, WARNED, GeneratedDoc, Score, documents, fixed_set,
                       generate, read, score)

EXAMPLES = max(1, int(os.environ.get("KSLIB_HYPOTHESIS_EXAMPLES", "300")))
SHRINK = os.environ.get("KSLIB_HYPOTHESIS_SHRINK") == "1"
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    phases=tuple(Phase) if SHRINK else (Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEED = 20250101
FIXED = 200

_TMP = tempfile.TemporaryDirectory(prefix="kslib-layoutgen-")
_SCORES: dict[str, Score] = {}


def _scored(doc: GeneratedDoc) -> Score:
    """kslib's reading of ``doc``, scored; each document is parsed once per session."""
    data = doc.data if isinstance(doc.data, bytes) else doc.data.encode("utf-8")
    k = f"{doc.name}:{hashlib.sha256(data).hexdigest()}"
    if k not in _SCORES:
        r = read(doc, _TMP.name)
        _SCORES[k] = score(doc, r.catalog, r.warnings, refused=r.refused, error=r.error)
    return _SCORES[k]


@functools.lru_cache(maxsize=1)
def _fixed_set() -> tuple[GeneratedDoc, ...]:
    return tuple(fixed_set(FIXED))


def _listing(results, limit: int = 8) -> str:
    return "\n".join(f"  {r.status}: {r.describe()}" for r in results[:limit])


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _has_candidates(r) -> bool:
    """A warned cell's warning offers the right reading among its candidates: one of the readings it lists
    (pieces between "|", ";", " or ", brackets) is the printed figure."""
    d = _digits(r.cell.printed)
    if not d:
        return True
    pieces = re.split(r"\||;| or |\[|\]|: |, (?=\D)|\(blank\)", r.warning)
    return any(_digits(p) == d for p in pieces)


# --------------------------------------------------------------------------- properties over documents()

@seed(SEED)
@PROPERTY
@given(documents())
def test_a_generated_report_is_not_refused(doc):
    s = _scored(doc)
    if s.refused or s.errors:
        pytest.fail(f"{doc!r}\n" + "\n".join(s.problems))


@seed(SEED)
@PROPERTY
@given(documents())
def test_every_cell_is_read_or_warned_about(doc):
    s = _scored(doc)
    unread = [r for r in s.results if r.status == MISSING]
    vague = [r for r in s.results if r.status == WARNED and not _has_candidates(r)]
    if unread or vague:
        pytest.fail(f"{doc!r}: {len(unread)} of {s.total} cells neither read nor warned about, {len(vague)} warned "
                    f"without the reading among the candidates\n{_listing(unread + vague)}")


@seed(SEED)
@PROPERTY
@given(documents())
def test_no_value_is_read_wrong_in_silence(doc):
    s = _scored(doc)
    if s.wrong:
        pytest.fail(f"{doc!r}: {s.wrong} silent wrong values\n{_listing(s.wrong_cells)}")


# --------------------------------------------------------------------------- the fixed set

@pytest.fixture(scope="module")
def fixed() -> Score:
    return Score.combine(_scored(d) for d in _fixed_set())


def test_fixed_set_cells_are_read_with_measure_and_year(fixed):
    if fixed.share(FOUND) < 0.99:
        pytest.fail(f"{fixed.summary()}\n{_listing(fixed.missing_cells, 10)}")


def test_fixed_set_has_no_silent_wrong_values(fixed):
    if fixed.wrong:
        pytest.fail(f"{fixed.summary()}\n{_listing(fixed.wrong_cells, 10)}")


def test_fixed_set_is_never_refused(fixed):
    if fixed.refused or fixed.errors:
        pytest.fail(f"{fixed.refused} refused, {fixed.errors} failed\n" + "\n".join(fixed.problems))


# --------------------------------------------------------------------------- the generator and the scorer

def test_fixed_set_covers_every_class_and_renderer():
    docs = _fixed_set()
    assert len(docs) == FIXED and len({d.name for d in docs}) == FIXED
    for c in CLASSES:
        with_c = [d for d in docs if c in d.classes]
        assert {d.renderer for d in with_c} == set(RENDERERS), c
        assert any(d.classes == frozenset({c}) for d in docs), f"{c} never alone"
        assert any(len(d.classes) >= 2 for d in with_c), f"{c} never combined"
    assert all(d.cells() for d in docs)


def test_the_generator_is_deterministic():
    a, b = fixed_set(12), fixed_set(12)
    assert [d.data for d in a] == [d.data for d in b]
    assert [d.name for d in a] == [d.name for d in fixed_set(20)[:12]]


def _perfect_catalog(doc: GeneratedDoc, *, split: bool) -> pd.DataFrame:
    """The catalog a perfect reader would return for ``doc`` (rows with code, or code and label apart)."""
    recs = []
    for k, t in enumerate(doc.tables):
        for c in t.cells(table=k):
            row = f"{c.row_code} {c.row_label}" if c.row_code else c.row_label
            rec = {"table": f"t{k + 1}", "title": t.title, "row": row, "row_kind": c.row_kind, "column": c.column,
                   "group": c.group, "measure": c.measure, "year": c.year,
                   "value": math.nan if c.value is None else c.value}
            if split:
                rec.update(row_code=c.row_code or "", row_label=c.row_label)
            recs.append(rec)
            recs.append({**rec, "measure": "surplus", "value": 12345.0})     # derived: ignored
    return pd.DataFrame(recs)


@pytest.mark.parametrize("split", [False, True])
def test_the_scorer_finds_a_perfect_reading(split):
    doc = generate(frozenset({"nil_dash", "hdr_groups"}), "txt-layout", 7)
    s = score(doc, _perfect_catalog(doc, split=split), [])
    assert s.total == len(doc.cells()) > 0 and s.found == s.total


def test_the_scorer_tells_wrong_from_warned():
    doc = generate(frozenset(), "txt-layout", 3, n_tables=1)
    cat = _perfect_catalog(doc, split=False)
    target = doc.cells()[0]
    row = f"{target.row_code} {target.row_label}" if target.row_code else target.row_label
    hit = (cat["row"] == row) & (cat["measure"] == target.measure) & (cat["year"] == target.year)
    cat.loc[hit, "value"] = cat.loc[hit, "value"] + 1
    s = score(doc, cat, [])
    assert (s.wrong, s.found) == (1, s.total - 1)
    w = ParseWarning("ambiguous-split", f"table {doc.tables[0].title!r}, row {row!r}: the figures could be read as "
                                        f"{target.printed} or something else", table="tables", row=row)
    s = score(doc, cat, [w])
    assert (s.wrong, s.warned) == (0, 1) and _has_candidates(s.warned_cells[0])
    assert score(doc, None, [], refused=True).refused == 1
