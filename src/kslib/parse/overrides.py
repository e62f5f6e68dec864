"""An analyst's status overrides: statuses only the PDF's coloured symbols show.

``data/raw/<year>/status_overrides.csv`` has the columns ``goal_id,status,comment``::

    goal_id,status,comment
    1.1.a,met,grön symbol i PDF s. 9
    2.1,Uppfylls delvis,gul symbol

``status`` is a code (``met``, ``partly_met``, ``not_met``, ``later``, ``unknown``)
or its Swedish label ("Uppfylls delvis").  Empty lines and lines starting with
``#`` are skipped, and so is a row whose status is empty.  A file saved by Swedish Excel (semicolons, Windows-1252) is read too;
``kslib overrides <raw file>`` prints a template to fill in.  Every error names the file and line (:class:`OverridesError`).

Applied, an override fills the status with basis ``override``.  An override that
contradicts what the text says is still applied (the analyst decides) but never
silently: a ``override-conflict`` warning names both, and the comment keeps
what the text said.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.errors import OverridesError
from kslib.statuses import STATUS_LABELS_SV, STATUSES, status_code

COLUMNS = ("goal_id", "status", "comment")


@dataclass(frozen=True)
class Override:
    goal_id: str
    status: str
    comment: str
    line: int


def normalise_goal_id(goal_id: str) -> str:
    """``" 1.2. "`` → ``"1.2"`` (ids as printed, without the trailing dot)."""
    return goal_id.strip().rstrip(".").strip()


def _status(raw: str) -> str | None:
    return status_code(" ".join(raw.split()))


def _delimiter(text: str) -> str:
    """``;`` when the header uses it (Swedish Excel saves CSV with semicolons), else ``,``."""
    header = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    return ";" if header.count(";") > header.count(",") else ","


def template(goals: pd.DataFrame, *, heading: str = "") -> str:
    """An overrides file to fill in: one row per goal whose status the text does not give.

    Statuses are left empty: a row whose status stays empty overrides nothing.
    """
    out = io.StringIO()
    if heading:
        out.write(f"# {heading}\n")
    out.write("# status: met, partly_met, not_met, later (eller Uppfylls, Uppfylls delvis, Uppfylls ej, "
              "Följs upp senare); en rad med tom status ändrar inget\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for rec in goals[goals["status"] == "unknown"].itertuples():
        out.write(f"# {rec.goal_id} {rec.title}\n")
        writer.writerow([rec.goal_id, "", ""])
    return out.getvalue()


def read_overrides(path: str | Path, *, known_ids: Iterable[str] | None = None) -> list[Override]:
    """Read and validate an overrides file; ``known_ids`` are the goal ids the report has."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise OverridesError(f"{path}: no such overrides file") from None
    except OSError as exc:
        raise OverridesError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:    # saved by Excel as "CSV (semikolonavgränsad)": Windows-1252
        text = data.decode("cp1252", errors="replace")
    known = None if known_ids is None else {str(i) for i in known_ids}
    rows = [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text), delimiter=_delimiter(text)), start=1)
            if row and any(c.strip() for c in row) and not row[0].lstrip().startswith("#")]
    if not rows:
        raise OverridesError(f"{path}: is empty (expected the header goal_id,status,comment)")
    header_line, header = rows[0]
    header = [h.strip().lower() for h in header]
    if header[:2] != ["goal_id", "status"] or len(header) > 3 or (len(header) == 3 and header[2] != "comment"):
        raise OverridesError(f"{path}:{header_line}: header must be 'goal_id,status,comment', "
                             f"found {','.join(header)!r}")
    overrides: list[Override] = []
    seen: dict[str, int] = {}
    for n, row in rows[1:]:
        if len(row) > len(header):
            raise OverridesError(f"{path}:{n}: {len(row)} fields, expected at most {len(header)} "
                                 f"(quote a comment that holds a comma)")
        goal_id = normalise_goal_id(row[0])
        raw_status = row[1].strip() if len(row) > 1 else ""
        comment = row[2].strip() if len(row) > 2 else ""
        if not goal_id:
            raise OverridesError(f"{path}:{n}: goal_id is empty")
        if known is not None and goal_id not in known:
            raise OverridesError(f"{path}:{n}: unknown goal id {goal_id!r} "
                                 f"(the report has {', '.join(sorted(known, key=_key)) or 'no goals'})")
        if not raw_status:
            continue              # a template row not filled in: no override for this goal
        status = _status(raw_status)
        if status is None:
            raise OverridesError(f"{path}:{n}: unknown status {raw_status!r} for goal {goal_id} "
                                 f"(use one of {', '.join(STATUSES)} or a Swedish label)")
        if goal_id in seen:
            raise OverridesError(f"{path}:{n}: goal {goal_id} is overridden twice (also line {seen[goal_id]})")
        seen[goal_id] = n
        overrides.append(Override(goal_id, status, comment, n))
    return overrides


def _key(goal_id: str):
    return [int(p) if p.isdigit() else p for p in goal_id.split(".")]


def apply_overrides(goals: pd.DataFrame, overrides: Iterable[Override], *,
                    warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """A copy of ``goals`` with the overrides applied (basis ``override``); conflicts become warnings."""
    out = goals.copy()
    index = {gid: i for i, gid in zip(out.index, out["goal_id"])}
    for o in overrides:
        if o.goal_id not in index:
            raise OverridesError(f"line {o.line}: unknown goal id {o.goal_id!r}")
        i = index[o.goal_id]
        old_status, old_basis, old_comment = out.at[i, "status"], out.at[i, "basis"], out.at[i, "comment"]
        if old_basis in ("text", "horizon") and old_status == o.status:
            continue        # the override agrees with the text: the text stays the basis
        note = o.comment
        if old_basis in ("text", "horizon"):
            said = f"{STATUS_LABELS_SV[old_status]} ({old_basis}: {old_comment})"
            if warnings is not None:
                warnings.append(ParseWarning(
                    "override-conflict", f"override line {o.line} sets goal {o.goal_id} to "
                    f"{STATUS_LABELS_SV[o.status]!r} but the report says {said}", "goals", o.goal_id,
                    int(out.at[i, "line"]) if pd.notna(out.at[i, "line"]) else None))
            note = f"{o.comment} [överskriver: {said}]".strip()
        out.at[i, "status"], out.at[i, "basis"], out.at[i, "comment"] = o.status, "override", note
    return out
