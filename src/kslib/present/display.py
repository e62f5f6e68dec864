"""Tables as committees read them: Swedish headings, Swedish number formatting, styled.

Every function takes a tidy frame of the processed-data contract and returns a
pandas ``Styler`` (figures formatted with :mod:`kslib.fmt`, index hidden,
numbers right-aligned, totals in bold); :func:`note` is a short Swedish
Markdown note shown where a section has nothing to show.  Labels live in
:mod:`kslib.present.labels`, derived frames in :mod:`kslib.present.frames`.
"""
from __future__ import annotations

import datetime
import hashlib
import html
import re
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

from kslib import fmt
from kslib._version import __version__
from kslib.present.frames import (area_names, estimated_inhabitants, goal_counts_comparison, key_figure_units,
                                  key_figures_wide, net_cost_shares, unknown_goals)
from kslib.present.labels import (AREA_LABELS_SV, ASSESSMENT_LABELS_SV, GROUP_LABELS_SV, LEVEL_LABELS_SV,
                                  NO_LEGEND_SV, SEVERITY_LABELS_SV, STATUS_COLOURS, STATUS_TEXT, basis_label,
                                  goal_status_label, group_label, period_label, status_label, symbol_label)
from kslib.vocab.units import UNIT_HEADERS_SV

_HEADER_CSS = [
    {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: 600; font-size: 1.05em;"
                                     " padding: 0 0 .4em 0; color: #1f2933;"},
    {"selector": "th", "props": "background: #e8edf3; color: #1f2933; font-weight: 600; text-align: left;"
                                " padding: .35em .6em; border-bottom: 2px solid #9aa5b1;"},
    {"selector": "td", "props": "padding: .3em .6em; border-bottom: 1px solid #d9dee5; vertical-align: top;"},
    {"selector": "tbody tr:nth-child(even)", "props": "background: #f7f9fb;"},
    {"selector": "", "props": "border-collapse: collapse; font-size: .92em; margin: .5em 0 1.2em 0;"},
]



# --------------------------------------------------------------------------- header and provenance


def source_line(report, *, on: datetime.date | None = None) -> str:
    """Where the page comes from, in Swedish: the raw file, its full SHA-256, the kslib version, the date.

    ``"Underlag: *rapport.txt* (SHA-256 `aa59…`), framtagen med kslib 0.1.0 den 2025-04-02."``
    (the date is today's unless ``on`` is given).
    """
    on = on or datetime.date.today()
    return (f"Underlag: *{report.name}* (SHA-256 `{report.sha256}`), "
            f"framtagen med kslib {__version__} den {on.isoformat()}.")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def plain_text(text: str) -> str:
    """Report-derived text made safe for Markdown: HTML entities for ``& < >`` and Markdown's
    special characters backslash-escaped, so a label such as ``"162 Näringsliv<script>…"`` shows
    literally and nothing in it is markup."""
    escaped = html.escape(str(text), quote=False)
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "<>" else m.group(1), escaped)


def header(ctx, *sentences: str, on: datetime.date | None = None):
    """A notebook's header block: the board and year in bold, any sentences; the analyst edition adds
    :func:`source_line` (file, SHA-256, version, date: nothing a committee page shows)."""
    parts = [f"**{plain_text(ctx.subtitle)}**"]
    if sentences:
        parts.append(" ".join(plain_text(s) for s in sentences if s))
    if ctx.for_analyst:
        parts.append(source_line(ctx.report, on=on))
    return markdown("\n\n".join(parts))


def source_name(meta) -> str:
    """``"Kommunstyrelsens verksamhetsberättelse 2020, Vaggeryds kommun"`` from the report's metadata."""
    kind = (meta.report_kind or "rapport").lower()
    board = meta.board or ""
    owner = (board if board.endswith("s") else f"{board}s") + " " if board else ""
    text = f"{owner}{kind} {meta.year or ''}".strip()
    text = text[:1].upper() + text[1:]
    return f"{text}, {meta.municipality}" if meta.municipality else text


def footer(ctx):
    """The page's source, for readers: the report by board, kind and year (no file names or tools); where
    the page cites pages ("s. 37"), which pages they are (the PDF file's: an appended document's own
    printed page numbers may differ)."""
    text = f"Källa: {plain_text(source_name(ctx.report.meta))}."
    if _cites_pages(ctx.report):
        text += " Sidhänvisningarna (s.) avser sidorna i rapportens PDF-fil."
    return markdown(f"---\n\n*{text}*")


def _cites_pages(report) -> bool:
    for name in ("tables", "goals", "explanations", "indicator_values"):
        if name not in getattr(report, "schema", ()):
            continue
        frame = report.table(name)
        if "page" in frame.columns and frame["page"].notna().any():
            return True
    return False


class DraftNotice:
    """A visible "Utkast" notice for a page that still lacks something; the render reads its metadata
    (``kslib_draft``) and names the page a draft in its summary."""

    def __init__(self, missing: str):
        self.missing = missing

    def _repr_markdown_(self):
        text = f"> **Utkast.** {plain_text(self.missing)}"
        return text, {"kslib_draft": self.missing}


def draft_notice(missing: str | None):
    """The notice, or a blank line when nothing is missing."""
    return DraftNotice(missing) if missing else markdown("")


def note(text: str):
    """A short Swedish note (Markdown) shown where a section cannot be filled."""
    from IPython.display import Markdown

    return Markdown(f"> *{plain_text(text)}*")


def markdown(text: str):
    """Markdown for IPython display, as given: report-derived parts must pass :func:`plain_text` first."""
    from IPython.display import Markdown

    return Markdown(text)


def bullets(sentences: list[str], *, empty: str = "Inga uppgifter kunde läsas ur rapporten.") -> object:
    """Sentences as a Markdown bullet list (or a note when there are none)."""
    if not sentences:
        return note(empty)
    return markdown("\n".join(f"- {plain_text(s)}" for s in sentences))


def page_ref(page) -> str:
    """A page as a committee cites it: ``"s. 4"``; empty where the page is unknown."""
    return f"s. {int(page)}" if page is not None and pd.notna(page) else ""


def lacking_note(lacking: list[str], *, subject: str = "Rapporten"):
    """One neutral line for the sections a report gives nothing for ("inga uppdrag", "ingen resultaträkning"),
    or None when it lacks none: 'Rapporten redovisar inga uppdrag och inga indikatorer; de avsnitten visas
    inte.' (``subject="Rapporterna"`` for a page over several reports)."""
    if not lacking:
        return None
    listing = lacking[0] if len(lacking) == 1 else ", ".join(lacking[:-1]) + " och " + lacking[-1]
    which = "det avsnittet" if len(lacking) == 1 else "de avsnitten"
    return note(f"{subject} redovisar {listing}; {which} visas inte.")


def empty_note(what: str):
    return note(f"Rapporten innehåller ingen {what} som kunde läsas.")


# --------------------------------------------------------------------------- generic styling


def _has_fraction(values: pd.Series) -> bool:
    numbers = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    return bool(len(numbers)) and bool(((numbers * 10).round() % 10 != 0).any())


def _stable_id(frame: pd.DataFrame, caption: str | None) -> str:
    """The table's HTML id from its content: the same page has the same bytes on every render."""
    digest = hashlib.sha1(f"{caption}\n{list(frame.columns)}\n{frame.to_csv(index=False)}".encode("utf-8"))
    return "t" + digest.hexdigest()[:10]


def _text_cell(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return "–"
    return html.escape(str(v), quote=False)


UNIT_HEADERS = UNIT_HEADERS_SV


def _fmt_cell(unit: str | None, decimals: int | None, sign: bool) -> Callable[[Any], str]:
    """Cell text: the figure alone (its unit stands in the column header), Swedish-style."""
    if decimals is None:
        decimals = 1 if unit in ("%", "pe", "mnkr") else 0
    sign = sign or unit == "pe"

    def f(v):
        if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
            return "–"
        if isinstance(v, str):
            return html.escape(v, quote=False)
        return fmt.format_number(v, decimals=decimals, sign=sign)
    return f


def with_unit(column: str, unit: str | None) -> str:
    """``"Utfall 2020 (tkr)"``: the column's unit in its header."""
    label = UNIT_HEADERS.get(unit or "")
    return f"{column} ({label})" if label else column


def styled(frame: pd.DataFrame, *, units: Mapping[str, str | None] | None = None, caption: str | None = None,
           signed: tuple[str, ...] = (), decimals: Mapping[str, int] | None = None,
           bold_rows: pd.Series | None = None, colour_by: Mapping[str, pd.Series] | None = None):
    """A Styler: numbers Swedish-style, their unit (``units``: ``tkr``, ``%``, ``kr``, ``pe`` = procentenheter,
    None) once in the column header rather than in every cell.

    ``colour_by`` colours a column's cells by the sign of another series (e.g. the surplus: blue better
    than budget, red worse), whatever sign the column prints."""
    units = dict(units or {})
    decimals = dict(decimals or {})
    frame = frame.reset_index(drop=True)
    numeric = [c for c in frame.columns if c in units or pd.api.types.is_numeric_dtype(frame[c])]
    for c in numeric:       # figures printed with a decimal keep it ("6,9 mnkr", "-0,5")
        if c not in decimals and not units.get(c) and _has_fraction(frame[c]):
            decimals[c] = 1
    formats = {c: _fmt_cell(units.get(c), decimals.get(c), c in signed) if c in numeric else _text_cell
               for c in frame.columns}
    names = {c: with_unit(c, units.get(c)) if c in numeric else c for c in frame.columns}
    frame = frame.rename(columns=names)
    formats = {names[c]: f for c, f in formats.items()}
    numeric = [names[c] for c in numeric]
    colour_by = {names.get(c, c): by for c, by in (colour_by or {}).items()}
    # every cell, header and caption is escaped: report text is data, never markup
    styler = (frame.style.format(formats, na_rep="–").format_index(escape="html", axis=1)
              .hide(axis="index").set_table_styles(_HEADER_CSS)
              .set_uuid(_stable_id(frame, caption)))
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right", "white-space": "nowrap"})
    text = [c for c in frame.columns if c not in numeric]
    if text:  # the notebook CSS right-aligns every cell; text reads better from the left
        styler = styler.set_properties(subset=text, **{"text-align": "left"})
    if caption:
        styler = styler.set_caption(html.escape(caption))
    if bold_rows is not None and bool(bold_rows.any()):
        idx = frame.index[bold_rows.reset_index(drop=True).fillna(False).astype(bool)]
        styler = styler.set_properties(subset=pd.IndexSlice[idx, :], **{"font-weight": "600"})
    for col, by in (colour_by or {}).items():
        if col in frame.columns:
            colours = [_sign_colour(v) for v in pd.Series(by).reset_index(drop=True)]
            styler = styler.apply(lambda _s, c=colours: c, subset=[col], axis=0)
    return styler


def _sign_colour(v) -> str:
    try:
        v = float(v)
    except (TypeError, ValueError):
        return ""
    if pd.isna(v) or v == 0:
        return ""
    return "color: #1a5e9a;" if v > 0 else "color: #b2182b;"


# --------------------------------------------------------------------------- financial tables


def financial_table(wide: pd.DataFrame, *, year: int, caption: str | None = None, unit: str = "tkr"):
    """Outcome, budget, deviation (as printed, coloured by the surplus), forecast, last year and change,
    Swedish headings with the table's ``unit``, totals in bold.  ``wide`` is
    :func:`kslib.parse.tables.views.wide` of a tidy table or :func:`kslib.present.areas.catalog_wide`."""
    prev = year - 1
    cols = {f"outcome_{year}": f"Utfall {year}", f"budget_{year}": f"Budget {year}",
            f"deviation_{year}": "Avvikelse mot budget", f"forecast_{year}": f"Prognos {year}",
            f"outcome_{prev}": f"Utfall {prev}", f"change_{year}": f"Förändring {year}/{prev}"}
    out = pd.DataFrame({"": area_names(wide)})
    for src, dst in cols.items():
        if src in wide.columns:
            out[dst] = pd.to_numeric(wide[src], errors="coerce").astype(float)
    units = {c: unit or None for c in out.columns[1:]}
    signed = tuple(c for c in ("Avvikelse mot budget", f"Förändring {year}/{prev}") if c in out.columns)
    bold = wide["kind"].isin(["total", "subtotal"]).reset_index(drop=True) if "kind" in wide.columns else None
    surplus = wide.get(f"surplus_{year}")
    return styled(out, units=units, caption=caption, signed=signed, bold_rows=bold,
                  colour_by={"Avvikelse mot budget": surplus} if surplus is not None else None)


def shares_table(wide: pd.DataFrame, *, year: int, cost_per_inhabitant_kr: float | None = None,
                 net_cost_tkr: float | None = None, caption: str | None = None):
    """Share of net cost per area; with the report's cost per inhabitant, also kr per inhabitant per area."""
    shares = net_cost_shares(wide, year=year)
    out = pd.DataFrame({"Programområde": shares["area"], f"Nettokostnad {year}": shares["outcome"],
                        "Andel av nettokostnaden": shares["share"]})
    units = {f"Nettokostnad {year}": "tkr", "Andel av nettokostnaden": "%"}
    inhabitants = estimated_inhabitants(net_cost_tkr, cost_per_inhabitant_kr)
    if inhabitants:
        out["Kostnad per invånare"] = shares["outcome"] * 1000 / inhabitants
        units["Kostnad per invånare"] = "kr"
    return styled(out, units=units, caption=caption)




def key_figures_table(nyckeltal: pd.DataFrame, *, caption: str | None = None):
    """Key figures over the years, with the change from the first to the last year in percent; where some
    figures are per cent, each row's unit is shown and their change is in procentenheter."""
    wide = key_figures_wide(nyckeltal)
    years = list(wide.columns)
    units = key_figure_units(nyckeltal, wide.index)
    if units.eq("%").any():
        return _mixed_key_figures(wide, units, caption=caption)
    out = wide.reset_index().rename(columns={"row_label": "Nyckeltal"})
    out.columns = ["Nyckeltal", *[str(y) for y in years]]
    if len(years) >= 2:
        first, last = wide[years[0]], wide[years[-1]]
        out[f"Förändring {years[0]}–{years[-1]}"] = ((last - first) / first * 100).where(first != 0).to_numpy()
    units = {str(y): None for y in years}
    units[f"Förändring {years[0]}–{years[-1]}"] = "%" if len(years) >= 2 else None
    signed = (f"Förändring {years[0]}–{years[-1]}",) if len(years) >= 2 else ()
    return styled(out, units=units, caption=caption, signed=signed, decimals={f"Förändring {years[0]}–{years[-1]}": 0})


def _mixed_key_figures(wide: pd.DataFrame, units: pd.Series, *, caption: str | None):
    """Key figures of several units: an ``Enhet`` column; the change of a per-cent figure in procentenheter,
    of the others in per cent."""
    years = list(wide.columns)
    out = pd.DataFrame({"Nyckeltal": wide.index.astype(str),
                        "Enhet": [UNIT_HEADERS_SV.get(str(u), "") if pd.notna(u) else "" for u in units]})
    for y in years:
        out[str(y)] = wide[y].to_numpy()
    if len(years) >= 2:
        first, last = wide[years[0]].to_numpy(), wide[years[-1]].to_numpy()
        change = []
        for a, b, u in zip(first, last, units):
            if pd.isna(a) or pd.isna(b):
                change.append("")
            elif u == "%":
                change.append(fmt.format_points(b - a, decimals=1 if (b - a) % 1 else 0))
            else:
                change.append("" if a == 0 else fmt.format_percent((b - a) / a * 100, decimals=0, sign=True))
        out[f"Förändring {years[0]}–{years[-1]}"] = change
    return styled_as_printed(out, [str(y) for y in years], caption=caption)


def styled_as_printed(frame: pd.DataFrame, columns: Sequence[str], *, caption: str | None = None):
    """:func:`styled`, with each figure of ``columns`` shown with its own decimals (57, 58,6, 33,6): for a
    table whose rows are of different kinds (counts beside per cent or årsarbetare), not its column's."""
    out = frame.copy()
    for c in columns:
        out[c] = [fmt.format_value(v, None) for v in out[c]]
    return styled(out, caption=caption).set_properties(subset=list(columns), **{"text-align": "right"})


# --------------------------------------------------------------------------- audit


def checks_table(checks: pd.DataFrame, *, tables: tuple[str, ...] | None = None, caption: str | None = None,
                 lines: bool = False):
    """The audit's findings (optionally for some tables only), Swedish headings.  Where in the report:
    the page ("s. 4") for committees; with ``lines`` (analysts) the page and line as located."""
    df = checks if tables is None else checks[checks["table"].isin(tables)]
    if lines:
        where = df["location"].astype("string").fillna("")
    else:
        where = df["page"].map(page_ref) if "page" in df else ""
    out = pd.DataFrame({
        "Allvar": df["severity"].map(lambda s: SEVERITY_LABELS_SV.get(str(s), str(s))),
        "Tabell": df["table"].astype(str), "Rad": df["row"].astype("string").fillna(""),
        "Förväntat": df["expected"], "Funnet": df["found"],
        "Beskrivning": df["message"].astype(str), "Källa": where})
    if not lines and not out["Källa"].astype(bool).any():
        out = out.drop(columns=["Källa"])
    return styled(out, units={"Förväntat": None, "Funnet": None}, caption=caption)


def warnings_table(warnings: list | None, *, caption: str | None = None):
    """The parser's warnings (for analysts)."""
    if warnings is None:
        return note("Varningarna kan inte visas: alla tabeller läses inte av denna version av kslib.")
    rows = [{"Kod": w.code, "Tabell": w.table, "Rad": w.row, "Rad i filen": w.line, "Meddelande": w.message}
            for w in warnings]
    if not rows:
        return note("Inläsningen gav inga varningar.")
    return styled(pd.DataFrame(rows), units={"Rad i filen": None}, caption=caption)


def sources_table(frame: pd.DataFrame, *, caption: str | None = None):
    """Where each figure was read (the ``source`` column), for analysts."""
    cols = [c for c in ("measure", "group", "area", "period", "value", "unit", "source") if c in frame.columns]
    return styled(frame[cols], units={"value": None}, decimals={"value": 2}, caption=caption)


# --------------------------------------------------------------------------- goals


def goals_table(goals: pd.DataFrame, *, caption: str | None = None, statuses: bool = True):
    """Every goal and sub-goal with its Swedish status and where the status came from (``statuses=False``:
    the goals alone, for a report that follows its goals up through indicators rather than statuses)."""
    df = goals.reset_index(drop=True)
    level = df["level"].map(lambda v: LEVEL_LABELS_SV.get(str(v), str(v)))
    title = df["title"].astype(str)
    title = title.where(df["level"] != "subgoal", "\u2003" + title)   # indent sub-goals
    out = pd.DataFrame({"Nr": printed_ids(df), "Nivå": level, "Mål": title})
    if not out["Nr"].astype(bool).any():
        out = out.drop(columns="Nr")
    if "page" in df.columns and df["page"].notna().any():
        out["Källa"] = df["page"].map(page_ref)
    if not statuses:
        return styled(out, caption=caption, bold_rows=(df["level"] == "goal"))
    out.insert(len(out.columns) - ("Källa" in out.columns), "Status", goal_statuses(df))
    # where the status came from (a symbol: its colour and the legend's page), only when some goal has one
    if "basis" in df.columns and (df["basis"].astype(str) != "none").any():
        out.insert(out.columns.get_loc("Status") + 1, "Underlag",
                   [basis_label(b, symbol=s, legend_page=p) for b, s, p in zip(df["basis"], _col(df, "symbol"),
                                                                                _col(df, "legend_page"))])
    styler = styled(out, caption=caption, bold_rows=(df["level"] == "goal"))
    return styler.map(_status_cell, subset=["Status"])


def goal_statuses(goals: pd.DataFrame, *, cite: bool = False) -> list[str]:
    """Each goal's status as the page shows it (:func:`~kslib.present.labels.goal_status_label`): a coloured
    symbol no legend explains is named by its colour; ``cite`` adds the legend's page to a symbol's status."""
    return [goal_status_label(st, basis=b, symbol=s, legend_page=p, cite=cite)
            for st, b, s, p in zip(goals["status"], _col(goals, "basis"), _col(goals, "symbol"),
                                   _col(goals, "legend_page"))]


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or empty cells where the frame has none (processed data of an older kslib)."""
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index)


def printed_ids(goals: pd.DataFrame) -> pd.Series:
    """The goal numbers the report prints; empty where the id is kslib's own (``numbered`` false)."""
    ids = goals["goal_id"].astype(str)
    if "numbered" not in goals.columns:
        return ids
    return ids.where(goals["numbered"].astype("boolean").fillna(True).astype(bool), "")


def _status_cell(label: str) -> str:
    back = {status_label(k): v for k, v in STATUS_COLOURS.items()}
    colour = STATUS_COLOURS["unknown"] if label.endswith(NO_LEGEND_SV) else back.get(label.split(" (")[0])
    if not colour:
        return ""
    return f"background: {colour}; color: {STATUS_TEXT}; font-weight: 600;"


def goal_counts_table(goals: pd.DataFrame, goal_counts: pd.DataFrame, *,
                      others: Mapping[str, pd.DataFrame] | None = None, caption: str | None = None):
    cmp = goal_counts_comparison(goals, goal_counts, others=others)
    out = pd.DataFrame({"Nivå": cmp["level"].map(lambda v: LEVEL_LABELS_SV.get(v, v)),
                        "Status": cmp["status"].map(status_label),
                        "Enligt rapportens text": cmp["reported"],
                        "Enligt tabellen": pd.to_numeric(cmp["parsed"], errors="coerce"),
                        "Stämmer": cmp["agrees"].map(lambda a: "–" if a is None or pd.isna(a) else
                                                      ("Ja" if a else "Nej")),
                        "Rapportens formulering": cmp["text"].astype("string").fillna("")})
    styler = styled(out, units={"Enligt rapportens text": None, "Enligt tabellen": None}, caption=caption)
    return styler.map(lambda v: "color: #b2182b; font-weight: 600;" if v == "Nej" else "", subset=["Stämmer"])


def unknown_goals_table(goals: pd.DataFrame, *, caption: str | None = None):
    df = unknown_goals(goals)
    out = pd.DataFrame({"Nr": df["goal_id"].astype(str),      # the analyst's key in status_overrides.csv
                        "Nivå": df["level"].map(lambda v: LEVEL_LABELS_SV.get(str(v), str(v))),
                        "Mål": df["title"].astype(str),
                        "Rad i rapporten": df["line"] if "line" in df.columns else ""})
    symbols = [symbol_label(s) for s in _col(df, "symbol")]
    if any(symbols):                # what the PDF shows there, for the analyst's assessment
        out.insert(3, "Symbol i rapporten", symbols)
    return styled(out, units={"Rad i rapporten": None}, caption=caption)


def assignments_table(goals: pd.DataFrame, *, caption: str | None = None):
    """The council's assignments (level ``assignment``): what was asked, its status as the report states it."""
    df = goals[goals["level"] == "assignment"].reset_index(drop=True)
    out = pd.DataFrame({"Uppdrag": df["title"].astype(str), "Status": goal_statuses(df, cite=True)})
    if "page" in df.columns:
        out["Källa"] = df["page"].map(page_ref)
    styler = styled(out, caption=caption)
    return styler.map(_status_cell, subset=["Status"])


def indicator_values_table(values: pd.DataFrame, *, year: int, caption: str | None = None):
    """Each indicator's target and outcome for ``year`` (figures, or the report's words where it gives
    words), and the assessment where both are figures and the direction is stated."""
    df = values[values["year"] == year]
    rows = []
    for (goal, indicator), part in df.groupby(["goal", "indicator"], sort=False, dropna=False):
        cell = {}
        for measure in ("target", "outcome"):
            hit = part[part["measure"] == measure]
            if len(hit):
                rec = hit.iloc[0]
                cell[measure] = (fmt.format_number(rec["value"], decimals=0 if float(rec["value"]).is_integer() else 1)
                                 if pd.notna(rec["value"]) else "") + (f" {rec['text']}" if isinstance(rec["text"], str)
                                                                      and rec["text"] and pd.isna(rec["value"]) else "")
        assessed = part["assessment"].dropna().astype(str)
        assessed = next((a for a in assessed if a), "")
        rows.append({"Mål": "" if pd.isna(goal) else str(goal), "Indikator": str(indicator),
                     "Målvärde": cell.get("target", "").strip(), "Utfall": cell.get("outcome", "").strip(),
                     "Bedömning": ASSESSMENT_LABELS_SV.get(assessed, ""),
                     "Källa": page_ref(part["page"].dropna().min()) if "page" in part.columns else ""})
    out = pd.DataFrame(rows, columns=["Mål", "Indikator", "Målvärde", "Utfall", "Bedömning", "Källa"])
    # the goal named once, on the first of its indicators
    out["Mål"] = out["Mål"].where(out["Mål"] != out["Mål"].shift(), "")
    for column in ("Bedömning", "Källa"):
        if not out[column].astype(bool).any():
            out = out.drop(columns=[column])
    return styled(out, caption=caption)


def indicators_table(indicators: pd.DataFrame, *, caption: str | None = None):
    """Indicators: baseline → outcome against target, as printed."""
    cols = {"goal_id": "Mål", "indicator": "Indikator", "baseline": "Utgångsläge", "target": "Målvärde",
            "trend": "Utveckling", "comparison": "Jämförelse län/riket", "outcome": "Utfall"}
    present = [c for c in cols if c in indicators.columns]
    out = indicators[present].rename(columns=cols).astype("string").fillna("")
    return styled(out, caption=caption)


def internal_control_table(internal_control: pd.DataFrame, *, caption: str | None = None):
    cols = {"item": "Nr", "process": "Process/rutin", "owner": "Ansvarig", "grade": "Bedömning",
            "assessment": "Utvärdering"}
    present = [c for c in cols if c in internal_control.columns]
    out = internal_control[present].rename(columns=cols).astype("string").fillna("")
    return styled(out, caption=caption)


def action_plan_table(action_plan: pd.DataFrame, *, caption: str | None = None):
    cols = {"item": "Nr", "decision": "Beslut enligt handlingsplanen", "follow_up": "Uppföljning",
            "status": "Status"}
    present = [c for c in cols if c in action_plan.columns]
    out = action_plan[present].copy()
    if "status" in out.columns:
        out["status"] = out["status"].map(status_label)
    out = out.rename(columns=cols).astype("string").fillna("")
    styler = styled(out, caption=caption)
    return styler.map(_status_cell, subset=["Status"]) if "Status" in out.columns else styler


# --------------------------------------------------------------------------- labour market


def labour_market_table(lm: pd.DataFrame, *, measure: str = "unemployment_rate", periods: list[str] | None = None,
                        caption: str | None = None):
    """One row per group, one column per area and period: e.g. 'Kommunen december 2020'."""
    df = lm[lm["measure"] == measure]
    if periods is not None:
        df = df[df["period"].isin(periods)]
    unit = str(df["unit"].dropna().iloc[0]) if "unit" in df.columns and df["unit"].notna().any() else None
    groups = [g for g in GROUP_LABELS_SV if g in set(df["group"])] + sorted(set(df["group"]) - set(GROUP_LABELS_SV))
    cols = [(a, p) for p in sorted(set(df["period"]), reverse=True) for a in AREA_LABELS_SV if
            ((df["area"] == a) & (df["period"] == p)).any()]
    rows = []
    for g in groups:
        row: dict[str, Any] = {"Grupp": group_label(g)}
        for a, p in cols:
            hit = df[(df["group"] == g) & (df["area"] == a) & (df["period"] == p)]["value"]
            row[f"{AREA_LABELS_SV[a]} {period_label(p)}"] = float(hit.iloc[0]) if len(hit) else float("nan")
        rows.append(row)
    out = pd.DataFrame(rows)
    units = {c: ("%" if unit == "%" else None) for c in out.columns[1:]}
    return styled(out, units=units, caption=caption)


def table_caption(title: str, year: int, page: int | None = None) -> str:
    """``"Driftredovisning 2020 (s. 4)"``: the report's title (with the year when it lacks one) and page."""
    text = title if str(year) in str(title) else f"{title} {year}"
    return text + (f" (s. {page})" if page else "")
