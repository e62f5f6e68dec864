"""Swedish sentences built from the frames: audit summary, goal and status summaries."""
from __future__ import annotations

import re

import pandas as pd

from kslib import fmt
from kslib.present.frames import findings
from kslib.present.labels import STATUS_ORDER, status_label
from kslib.statuses import STATUS_PHRASES_SV

# a status the text does not state is said as such, never as a finding
_STATUS_PHRASE = {**STATUS_PHRASES_SV, "unknown": "saknar status i rapportens text"}
_LEVEL_PLURAL = {"goal": "mål", "subgoal": "delmål", "assignment": "uppdrag", "action_plan": "aktiviteter"}


def checks_summary(checks: pd.DataFrame, *, tables: tuple[str, ...] | None = None) -> str:
    """One Swedish sentence: how many findings, by severity."""
    df = checks if tables is None else checks[checks["table"].isin(tables)]
    found = findings(df)
    passed = len(df) - len(found)
    head = f"Granskningen gjorde {fmt.format_number(len(df))} kontroller; {fmt.format_number(passed)} stämde"
    if found.empty:
        return head + " och inga avvikelser hittades."
    counts = found["severity"].astype(str).value_counts()
    parts = [f"{fmt.format_number(n)} {_SEVERITY_PLURAL.get(sev, sev)}" for sev, n in counts.items()]
    return head + ", och " + " och ".join(parts) + " behöver uppmärksamhet:"


_SEVERITY_PLURAL = {"error": "fel", "warning": "varningar"}




def goal_judgement(explanations: pd.DataFrame | None) -> str | None:
    """The board's own overall judgement of its goals, quoted with its page: 'Rapportens egen bedömning:
    ”Förvaltningen bedömer att måluppfyllelsen … är god.” (s. 4)'; None when the report gives none."""
    if explanations is None or explanations.empty or "kind" not in explanations.columns:
        return None
    hits = explanations[explanations["kind"] == "goal_judgement"]
    if hits.empty:
        return None
    return "Rapportens egen bedömning: " + quote(hits.iloc[0])


def goals_summary(goals: pd.DataFrame) -> str:
    """A Swedish sentence per level: 'Av 4 mål: 2 uppfylls, 2 uppfylls delvis.'"""
    status = goals["status"].astype("string").fillna("unknown")
    counted = [(int((goals["level"] == level).sum()), word) for level, word in (("goal", "mål"), ("subgoal", "delmål"))]
    counted = [f"{n} {word}" for n, word in counted if n]
    if counted and (status == "unknown").all():
        listing = " och ".join(counted)
        return f"Rapporten redovisar {listing} men anger inte i texten hur {'de' if len(goals) > 1 else 'det'} uppfylls."
    out = []
    for level, word in (("goal", "mål"), ("subgoal", "delmål")):
        mask = goals["level"] == level
        if not mask.any():
            continue
        shown = [*STATUS_ORDER, *(st for st in dict.fromkeys(status[mask]) if st not in STATUS_ORDER)]
        parts = [f"{int((status[mask] == st).sum())} {_STATUS_PHRASE.get(st, status_label(st).lower())}"
                 for st in shown if (status[mask] == st).any()]
        out.append(f"Av {int(mask.sum())} {word}: {', '.join(parts)}.")
    return " ".join(out)


def status_summary(frame: pd.DataFrame, *, what: str) -> str:
    """'Av 8 aktiviteter: 1 uppfylls ej, 7 saknar status i rapportens text.' for a frame with ``status``."""
    if "status" not in frame.columns:
        return f"{len(frame)} {what}."
    status = frame["status"].astype("string").fillna("unknown")
    counts = status.value_counts()
    order = [s for s in STATUS_ORDER if s in counts.index] + [s for s in counts.index if s not in STATUS_ORDER]
    parts = [f"{int(counts[s])} {_STATUS_PHRASE.get(s, status_label(s).lower())}" for s in order]
    return f"Av {len(frame)} {what}: {', '.join(parts)}."


def missing_statuses(frames: dict[str, pd.DataFrame]) -> str | None:
    """What a page's "Utkast" notice says, or None when every status is stated: ``{"subgoal": goals, …}``
    (a frame with ``level`` is counted per level, others as their key)."""
    parts = []
    coloured = 0                    # of them, shown by a coloured symbol the report does not explain
    for what, frame in frames.items():
        if frame is None or frame.empty or "status" not in frame:
            continue
        levels = frame.groupby("level") if "level" in frame else [(what, frame)]
        for level, part in levels:
            status = part["status"].astype("string").fillna("unknown")
            missing = int((status == "unknown").sum())
            if missing:
                parts.append(f"{missing} av {len(part)} {_LEVEL_PLURAL.get(str(level), str(level))}")
            if "symbol" in part:
                coloured += int(((status == "unknown") & part["symbol"].astype("string").fillna("").ne("")).sum())
    if not parts:
        return None
    listing = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    instead = (" (där rapporten markerar dem med en färgsymbol utan teckenförklaring visas i stället symbolens "
               "färg)") if coloured else ""
    return (f"Rapportens text anger inte status för {listing}. De visas som \u201dEj angiven i texten\u201d "
            f"tills de har bedömts{instead}; sammanställningen är därför inte fullständig.")


def symbols_note(goals: pd.DataFrame) -> str | None:
    """How many statuses a PDF's coloured symbols gave (by the report's legend, its pages cited), and how many
    goals show a colour no legend explains; None where no goal shows a symbol."""
    if goals.empty or "symbol" not in goals:
        return None
    symbol = goals["symbol"].astype("string").fillna("")
    basis = goals["basis"].astype("string").fillna("") if "basis" in goals else pd.Series("", index=goals.index)
    status = goals["status"].astype("string").fillna("unknown")
    levels = set(goals["level"].astype(str)) if "level" in goals else set()
    what = "uppdrag" if levels == {"assignment"} else "mål och uppdrag" if "assignment" in levels else "mål"
    out = []
    read = basis == "symbol"
    if read.any():
        pages = sorted({int(p) for p in goals.loc[read, "legend_page"].dropna()}) if "legend_page" in goals else []
        where = f" (s. {_listing([str(p) for p in pages])})" if pages else ""
        out.append(f"För {int(read.sum())} av {len(goals)} {what} bygger statusen på rapportens färgsymboler, "
                   f"tolkade med rapportens teckenförklaring{where}.")
    unexplained = (status == "unknown") & symbol.ne("")
    if unexplained.any():
        n = int(unexplained.sum())
        colours = _listing(list(dict.fromkeys(c.replace("/", " och ") for c in symbol[unexplained])))
        out.append(f"{n} {what} {'är markerat' if n == 1 else 'är markerade'} med en färgsymbol ({colours}) som "
                   f"rapporten inte förklarar; färgen visas men tolkas inte som en status.")
    return " ".join(out) or None


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


# --------------------------------------------------------------------------- economy, message first

_RESULT_ROW = r"(?:årets|periodens)\s+resultat|^resultat$"


def _decimals(value: float, unit: str) -> int:
    return 1 if unit == "mnkr" or not float(value).is_integer() else 0


def _amount(value: float, unit: str) -> str:
    text = fmt.format_number(abs(value), decimals=_decimals(value, unit))
    return f"{text} {unit}".strip() if unit else text


def _signed(value: float, unit: str) -> str:
    text = fmt.format_number(value, decimals=_decimals(value, unit))
    return f"{text} {unit}".strip() if unit else text


def quote(explanation) -> str:
    """The report's own words, marked as such, with its page where known: ``”…” (s. 4)``."""
    page = getattr(explanation, "page", None)
    where = f" (s. {int(page)})" if page is not None and not pd.isna(page) else ""
    return f"\u201d{explanation.sentence}\u201d{where}"


def _sentence(text: str) -> str:
    return text if text.rstrip().endswith((".", "!", "?", "\u201d", ")")) and text.rstrip()[-2:-1] in ".!?" \
        else text + "."


def explanation_for(explanations: pd.DataFrame | None, *, code, label: str, kind: str = "deviation"):
    """The report's first sentence of ``kind`` about an area (matched by code and label), or None."""
    if explanations is None or explanations.empty:
        return None
    name = f"{code} {label}" if isinstance(code, str) and code else str(label)
    hit = explanations[(explanations["kind"] == kind) & explanations["area"].isin([name, label])]
    return hit.iloc[0] if len(hit) else None


def result_row(view) -> pd.Series | None:
    """The row of a result table that is the year's result ("Årets resultat", "Periodens resultat")."""
    if view is None:
        return None
    rows = view.wide[view.wide["row_label"].astype(str).str.strip().str.contains(_RESULT_ROW, case=False,
                                                                                  regex=True)]
    return rows.iloc[-1] if len(rows) else None


# a whole-level sentence that states the year's outcome (not a budget target, not a forecast)
_OUTCOME_WORDS = re.compile(r"\b(?:blev|blir|uppgick|uppgår|landade|slutade|visar|redovisar|uppvisar)\b|"
                            r"\butfall(?:et)?\b|\bhar\b.*\bett\s+(?:samlat\s+)?(?:överskott|underskott)\s+(?:om|på)\b",
                            re.I)
_TARGET_WORDS = re.compile(r"prognos\w*|\w*mål(?:et)?\b", re.I)
_AGAINST_BUDGET = re.compile(r"mot\s+budget|budgeter\w*|avvikelse", re.I)
# rows of an income statement or summary: account lines, not areas (vocabulary of the field)
_LINE_ITEM = re.compile(r"intäkt|kostnad|bidrag|finansnetto|avskrivning|resultat|eget kapital", re.I)


def result_sentence(explanations: pd.DataFrame | None):
    """The report's own sentence about the whole year's outcome: a whole-level deviation sentence that
    says what the result became ("Årets resultat blev … mot budget"), not a budget target ("budgeterat
    överskottsmål") or a forecast; the first of those that also names the budget, else the first; None."""
    if explanations is None or explanations.empty:
        return None
    whole = explanations[(explanations["area"].isna() | (explanations["area"].astype("string") == ""))
                         & (explanations["kind"] == "deviation")]
    best, score = None, 0
    for row in whole.itertuples(index=False):
        text = str(row.sentence)
        if not _OUTCOME_WORDS.search(text) or _TARGET_WORDS.search(text):
            continue
        points = 2 + bool(_AGAINST_BUDGET.search(text))
        if points > score:
            best, score = row, points
    return best


def line_items(view) -> bool:
    """True when ``view``'s rows are income and cost lines (an income statement or a summary), not areas."""
    if view is None:
        return False
    if view.kind == "income_statement":
        return True
    rows = view.wide[view.wide["kind"] == "row"]["row_label"].astype(str)
    return bool(len(rows)) and rows.str.contains(_LINE_ITEM).mean() >= 0.5


def _name(name: str) -> str:
    """A row's name in a sentence: without a footnote mark."""
    return re.sub(r"\s*\*+$", "", str(name)).strip()


def _result_clause(row: pd.Series, surplus: float, *, year: int, unit: str, costs_positive: bool,
                   is_result: bool) -> str:
    """"ett överskott på 750 tkr mot budget" where the row's budget is nil or the figures are net costs,
    else the outcome beside its budget: "ett resultat på 740 tkr mot budgeterade −750 tkr, 1 490 tkr
    bättre än budget"."""
    outcome, budget = row.get(f"outcome_{year}"), row.get(f"budget_{year}")
    if costs_positive or budget is None or pd.isna(budget) or not budget or outcome is None or pd.isna(outcome):
        word = "ett överskott" if surplus > 0 else "ett underskott" if surplus < 0 else "ett utfall"
        return f"{word} på {_amount(surplus, unit)} mot budget" if surplus else f"{word} i nivå med budget"
    what = "ett resultat" if is_result else "ett utfall"
    side = "bättre än budget" if surplus > 0 else "sämre än budget"
    tail = f", {_amount(surplus, unit)} {side}" if surplus else ", i nivå med budget"
    return f"{what} på {_signed(outcome, unit)} mot budgeterade {_signed(budget, unit)}{tail}"


def economy_summary(view, *, year: int, who: str, explanations: pd.DataFrame | None = None,
                    result=None, notes: list[str] | None = None) -> list[str]:
    """Three to five sentences saying what happened and why: the result against budget, the largest
    deviations with the report's own explanation of each (quoted, with page), budget changes the report
    names, and the year's result.  ``view`` (per area) and ``result`` (income statement):
    :class:`kslib.present.areas.FinancialView`, either may be None.  ``notes`` (e.g. a misprinted figure
    replaced by the value the table's sums imply) close the list, never cut."""
    from kslib.present.areas import largest, total_row

    out: list[str] = []
    main = view if view is not None else result
    # 1. the result against budget: the income statement's result row, else the area table's total
    source, row = (result, result_row(result)) if result_row(result) is not None else (view, None)
    if row is None and view is not None:
        row = total_row(view)
    surplus = None if row is None else row.get(f"surplus_{year}")
    said_result = False
    if surplus is not None and not pd.isna(surplus):
        unit = source.unit or (main.unit if main is not None else "")
        s = f"{who} redovisar för {year} " + _result_clause(row, surplus, year=year, unit=unit,
                                                             costs_positive=source.costs_positive,
                                                             is_result=source is result)
        total = total_row(view) if view is not None else None
        budget = None if total is None else total.get(f"budget_{year}")
        if surplus and total is not None and view.costs_positive and budget:
            s += f" ({fmt.format_percent(abs(surplus) / abs(budget) * 100)} av budgeten)"
        s += "."
        said = result_sentence(explanations)
        if said is not None:
            s += f" Rapporten: {quote(said)}."
        out.append(s)
        said_result = source is result
    # 2–3. the largest deficits and surpluses, each with the report's own explanation
    if main is not None:
        plus, minus = largest(main, year, n=2)
        items_not_areas = line_items(main)
        for frame, word in ((minus, "underskott"), (plus, "överskott")):
            if frame.empty:
                continue
            items = [f"{_name(r.name)} ({_amount(r.surplus, main.unit)})" for r in frame.itertuples(index=False)]
            listing = items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
            if items_not_areas:
                s = f"{'Sämre' if word == 'underskott' else 'Bättre'} än budget: {listing}."
            else:
                s = f"Störst {word} mot budget: {listing}."
            first = frame.iloc[0]
            said = explanation_for(explanations, code=first["code"], label=first["label"])
            said = said if said is not None else explanation_for(explanations, code=first["code"],
                                                                 label=first["label"], kind="budget_change")
            if said is not None:
                s += f" Rapporten: {quote(said)}."
            out.append(s)
    # 4. budget changes the report names for the whole
    if explanations is not None and not explanations.empty:
        whole = explanations["area"].isna() | (explanations["area"].astype("string") == "")
        changes = explanations[(explanations["kind"] == "budget_change") & whole]
        if len(changes):
            out.append(f"Budgeten ändrades under året: {quote(changes.iloc[0])}.")
    # 5. the year's result, where the first sentence did not already say it
    row = result_row(result)
    if row is not None and not said_result:
        outcome = row.get(f"outcome_{year}")
        if outcome is not None and not pd.isna(outcome):
            s = f"{_name(str(row['row_label']).strip()).capitalize()} blev {_signed(outcome, result.unit)}"
            budget = row.get(f"budget_{year}")
            if budget is not None and not pd.isna(budget):
                s += f" mot budgeterade {_signed(budget, result.unit)}"
            out.append(s + ".")
    notes = [f"Obs: {n}" for n in (notes or [])]
    out = out[:max(5 - len(notes), 1)] + notes
    return [s.replace("\u201d.", "\u201d").replace(".\u201d.", ".\u201d") for s in out]


def _positive_costs(row: pd.Series, year: int) -> bool:
    """A total of net costs printed as positive figures (a share of its budget makes sense)."""
    values = [row.get(f"outcome_{year}"), row.get(f"budget_{year}")]
    return all(v is not None and not pd.isna(v) and v > 0 for v in values)


def deviation_title(view, *, year: int, explanations: pd.DataFrame | None = None) -> str:
    """A chart title that states the finding: the largest deficit (and a budget strengthened in vain),
    else the largest surplus."""
    from kslib.present.areas import largest

    plus, minus = largest(view, year, n=1)
    items = line_items(view)
    if not minus.empty:
        r = minus.iloc[0]
        if items:
            return f"Störst avvikelse till det sämre: {_name(r['name'])}, {_amount(r['surplus'], view.unit)} sämre än budget"
        title = f"Störst underskott: {_name(r['name'])}, {_amount(r['surplus'], view.unit)} sämre än budget"
        change = explanation_for(explanations, code=r["code"], label=r["label"], kind="budget_change")
        return title + (" trots förstärkt budget" if change is not None and
                        "förstärk" in str(change.sentence).lower() else "")
    if not plus.empty:
        r = plus.iloc[0]
        what = "Alla poster i nivå med eller bättre än budget" if items else "Alla inom budget"
        return f"{what}; störst överskott: {_name(r['name'])}, {_amount(r['surplus'], view.unit)}"
    return f"Avvikelse mot budget {year}"


# --------------------------------------------------------------------------- goals, message first

def assignments_summary(goals: pd.DataFrame) -> str | None:
    """``"Av 13 uppdrag är 12 avslutade och 1 pågår."`` (statuses as the report states them)."""
    df = goals[goals["level"] == "assignment"] if "level" in goals else goals.iloc[0:0]
    if df.empty:
        return None
    counts = df["status"].astype("string").fillna("unknown").value_counts()
    if set(counts.index) == {"unknown"}:
        return (f"Rapporten redovisar {len(df)} uppdrag men anger inte i texten "
                f"{'deras' if len(df) > 1 else 'dess'} status.")
    words = {"done": "avslutade", "ongoing": "pågår", "unknown": "saknar status i rapportens text"}
    order = ["done", "ongoing", *[s for s in counts.index if s not in ("done", "ongoing")]]
    parts = [f"{int(counts[s])} {words.get(s, status_label(s).lower())}" for s in order if s in counts]
    listing = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]
    verb = "är " if order[0] == "done" and "done" in counts else ""
    return f"Av {len(df)} uppdrag {verb}{listing}."


def indicator_summary(values: pd.DataFrame, *, year: int) -> str | None:
    """How many indicators have an outcome for ``year``, how many also a target, how many reached it."""
    df = values[values["year"] == year] if not values.empty else values
    if df.empty:
        return None
    with_outcome = df[(df["measure"] == "outcome") & df["value"].notna()]["indicator"].nunique()
    with_target = df[(df["measure"] == "target") & (df["value"].notna() | df["text"].astype("string").fillna("").ne(""))][
        "indicator"].nunique()
    assessed = df[df["assessment"].astype("string").fillna("").ne("")].drop_duplicates("indicator")
    met = int((assessed["assessment"] == "met").sum())
    s = f"För {year} redovisar rapporten utfall för {with_outcome} indikatorer och målvärden för {with_target}."
    if len(assessed):
        s += (f" Där både mål och utfall är siffror och målets riktning framgår nådde {met} av {len(assessed)} "
              f"indikatorer målet.")
    return s
