"""Statuses from coloured symbols: the colour of a row's status symbol, judged by the report's own legend.

The readers note the colours of the symbols in each row's status place (PDF only: the status cell, or
beside the title, :func:`beside_title`) with :meth:`~kslib.parse.records.goal_rows.Goal.mark`.
:func:`judge_symbols` then, once for all rows, by the legend of :func:`kslib.vocab.colours.legend`:

* a row whose status the report does not state in words takes the status the legend gives its colour,
  basis ``symbol``, the legend's page in ``legend_page`` and "grön symbol" before its comment (a status
  kslib inferred from a horizon gives way: the symbol is the report's own statement);
* without a legend for that colour the status stays ``unknown``: the colour is kept (``symbol``), no
  status is made of it;
* a row whose words state a status keeps it; a legend that says otherwise is a
  ``symbol-status-conflict`` warning naming the row, its page and the legend's page;
* symbols of two colours in one place (``symbol-ambiguous``) and a colour the legend explains with two
  statuses (``legend-ambiguous``) give no status.

Only chromatic colours are status colours, and achromatic ones the legend explains: a black "●" or a
grey lamp says nothing by itself.
"""
from __future__ import annotations

from kslib.diagnostics import ParseWarning
from kslib.parse.records.goal_rows import Goal
from kslib.read.source import Line
from kslib.read.symbols import Symbol
from kslib.statuses import STATUS_LABELS_SV
from kslib.vocab.colours import CHROMATIC, Legend

_STATED = ("text", "symbol")     # bases a legend's colour does not replace (a horizon is kslib's inference)


def judge_symbols(goals: list[Goal], key: Legend, warnings: list[ParseWarning]) -> None:
    """Set ``symbol``, and where the legend explains it the status (see the module doc), on ``goals``."""
    warned: set[str] = set()
    for g in goals:
        colours = [c for c in dict.fromkeys(g.marks) if c in CHROMATIC or c in key.mapping or c in key.ambiguous]
        if not colours:
            continue
        g.symbol = "/".join(colours)
        if len(colours) > 1:
            warnings.append(ParseWarning(
                "symbol-ambiguous", f"{_named(g)} shows symbols of {len(colours)} colours ({', '.join(colours)}) "
                "in one place; no status is read from them", "goals", g.goal_id, g.line, g.page))
            continue
        colour = colours[0]
        if colour in key.ambiguous:
            if colour not in warned:
                warned.add(colour)
                warnings.append(ParseWarning(
                    "legend-ambiguous", f"the legend explains {colour} with more than one status; the {colour} "
                    f"symbols ({_named(g)} first) give no status", "goals", g.goal_id, g.line, g.page))
            continue
        status = key.status(colour)
        if status is None:
            continue
        if g.basis not in _STATED:
            g.status, g.basis, g.legend_page = status, "symbol", key.page(colour)
            g.comment = f"{colour} symbol: {g.comment}" if g.comment else f"{colour} symbol"
        elif g.status == status:
            g.legend_page = key.page(colour) if g.basis == "symbol" else g.legend_page
        else:
            where = f" on page {key.page(colour)}" if key.page(colour) else ""
            words = g.basis == "text"
            warnings.append(ParseWarning(
                "symbol-status-conflict", f"{_named(g)} is {STATUS_LABELS_SV[g.status]!r} by its "
                f"{'words' if words else 'key to its symbols'} but its {colour} symbol means {STATUS_LABELS_SV[status]!r} by "
                f"the legend{where}; the {'words are' if words else 'status is'} kept", "goals", g.goal_id,
                g.line, g.page, evidence_page=key.page(colour)))


def beside_title(line: Line) -> list[Symbol]:
    """The symbols on a title's line that stand after its first word (a number, a bullet or the title's
    first word): one drawn before the text is a bullet or an ornament, not a status."""
    if not line.symbols or not line.words:
        return []
    return [s for s in line.symbols if s.x0 >= line.words[0].x1]


def _named(g: Goal) -> str:
    """``goal 1.2 'Title' (page 4)``, as a warning names a row."""
    title = g.title if len(g.title) <= 60 else g.title[:57] + "…"
    page = f" (page {g.page})" if g.page else ""
    return f"{g.level} {g.goal_id} {title!r}{page}"
