"""Layout generator: synthetic board reports with known tables, to measure kslib's table reading.

    from layoutgen import fixed_set, documents, generate, score, read
    docs = fixed_set(200)                      # deterministic, every layout class alone and combined
    s = read_and_score(docs[0], tmp_folder)    # parse once with kslib, compare with the truth

Tests and benchmarks put ``tests/`` on ``sys.path`` (pytest does it for the test modules, as for
``pdf_factory``).  The truth of every document is in ``doc.tables`` (:class:`TruthTable`) and
``doc.cells()`` (:class:`TruthCell`); ``doc.classes`` are the layout classes it shows.

Goal documents (goal tables, scorecards, assignment lists) come from :mod:`layoutgen.goals` with their truth
in :mod:`layoutgen.goal_model`, and are read and scored by :mod:`layoutgen.goal_score`.
"""
from .docs import CLASSES, DOC_CLASSES, RENDERERS, TABLE_CLASSES, documents, fixed_set, generate
from .model import GeneratedDoc, TruthCell, TruthColumn, TruthRow, TruthTable
from .score import (FOUND, MISSING, STATUSES, WARNED, WRONG, CellResult, Reading, Score, key, read,
                    read_and_score, score)

__all__ = ["CLASSES", "DOC_CLASSES", "RENDERERS", "TABLE_CLASSES", "documents", "fixed_set", "generate",
           "GeneratedDoc", "TruthCell", "TruthColumn", "TruthRow", "TruthTable", "FOUND", "MISSING", "STATUSES",
           "WARNED", "WRONG", "CellResult", "Reading", "Score", "key", "read", "read_and_score", "score"]
