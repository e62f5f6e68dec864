"""Statuses lost with the PDF's symbols, recovered only where the report's own words force them.

Two sources, each recorded as the status's ``basis`` with the forcing words in ``comment``:

- ``count``: the report's own tally ("fyra av delmålen uppfylls, tre uppfylls delvis och ett uppfylls ej").
  When, for one level, what the tally leaves unexplained after the statuses already read belongs to a single
  status and accounts for exactly the goals still unknown, each of them has that status.  (Four met and three
  partly met among seven unknown forces nothing: which is which, the words do not say.)
- ``text``: a goal-level statement under a goal's status heading ("Delmålen uppnås", "Samtliga delmål är
  uppfyllda") gives that goal's unknown sub-goals the stated status.

Never from a comment's tone, never a guess between two readings.
"""
from __future__ import annotations

import pandas as pd

from kslib.read.source import Source
from kslib.statuses import status_from_words
from kslib.vocab.goals import ALL_SUBGOALS

_PAST_TO_PRESENT = {"uppnåtts": "uppnås", "uppnådda": "uppnås", "uppfyllts": "uppfylls", "uppfyllda": "uppfylls"}


def _status_of(words: str) -> str | None:
    words = " ".join(_PAST_TO_PRESENT.get(w.lower(), w) for w in words.split())
    return status_from_words(words)


def _by_count(goals: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    for level, tally in counts.groupby("level"):
        mask = (goals["level"] == level)
        unknown = mask & (goals["status"] == "unknown")
        if not unknown.any():
            continue
        left = {}
        for rec in tally.itertuples(index=False):
            if pd.isna(rec.count):
                continue
            parsed = int((mask & (goals["status"] == rec.status)).sum())
            left[rec.status] = left.get(rec.status, 0) + int(rec.count) - parsed
        positive = {s: n for s, n in left.items() if n > 0}
        if len(positive) == 1 and sum(positive.values()) == int(unknown.sum()) and not any(n < 0 for n in left.values()):
            (status,) = positive
            said = "; ".join(dict.fromkeys(str(t) for t in tally["text"].dropna()))
            goals.loc[unknown, ["status", "basis", "comment"]] = [status, "count", said]
    return goals


def _by_statement(goals: pd.DataFrame, source: Source) -> pd.DataFrame:
    heads = goals[(goals["level"] == "goal") & goals["status_line"].notna()].sort_values("status_line")
    if heads.empty:
        return goals
    starts = [int(x) for x in heads["status_line"]]
    for k, (goal_id, start) in enumerate(zip(heads["goal_id"], starts)):
        stop = starts[k + 1] if k + 1 < len(starts) else None
        text = " ".join(line.text for line in source.lines if line.number > start and (stop is None or line.number < stop))
        m = ALL_SUBGOALS.search(text)
        status = _status_of(m.group("words")) if m else None
        if status is None:
            continue
        mine = (goals["level"] == "subgoal") & (goals["parent_id"].astype(str) == str(goal_id)) \
            & (goals["status"] == "unknown")
        goals.loc[mine, ["status", "basis", "comment"]] = [status, "text", " ".join(m.group(0).split())]
    return goals


def recover_statuses(goals: pd.DataFrame, counts: pd.DataFrame, source: Source) -> pd.DataFrame:
    """``goals`` with the unknown statuses the report's words force filled in (a new frame)."""
    if goals.empty or not (goals["status"] == "unknown").any():
        return goals
    out = goals.copy()
    if "status_line" in out.columns:
        out = _by_statement(out, source)
    if counts is not None and not counts.empty:
        out = _by_count(out, counts)
    return out
