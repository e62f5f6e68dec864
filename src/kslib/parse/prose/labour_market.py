"""Labour-market figures stated in the report's running text and its indicator table.

:func:`read_labour_market` returns the ``labour_market`` contract frame:
``measure,group,area,period,value,unit,source`` plus ``sex,line,page``.  Each
figure is read from a sentence (paragraph lines joined, so a figure survives a
line break anywhere) by its wording, never by its value: "480 personer (6,6 %
av den registrerade arbetskraften)", "öppet arbetslösa 3,7 %", "från 108
individer (1,5 %) i dec 2019 till 146 ...", "7,5 procent i hela länet", and
from the indicator table's unemployment rows ("5,2 % (L4,3 R4,6)").

Periods are explicit: a month stated next to the figure ("i dec 2020"), else
the reference month that the labour-market text states ("arbetslösa i dec
2020", "i december"); the start of a "från A till B" comparison is the same
month a year earlier unless stated.  Yearly figures (income support per
inhabitant, the labour-market unit's outcomes) take the report year.  A figure
whose measure or period cannot be placed (an approximate "drygt 30%", a
month's figure in the trend column) is left out with a ``ParseWarning``.
Measures, groups and units are documented in the README (processed-data contract).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import parse_number
from kslib.read.source import Line, Source
from kslib.parse.prose.paragraphs import Paragraph, Sentence, paragraphs

LABOUR_COLUMNS = ["measure", "group", "area", "period", "value", "unit", "source", "sex", "line", "page"]
TABLE = "labour_market"

_N = r"\d{1,3}(?: \d{3})+|\d+"
_D = r"\d+(?:,\d+)?"
_PCT = r"\s*(?:%|procent\b)"
_NB = r"(?<![\d,])"             # a figure starts at a number boundary
_PERSONS = r"(?:personer|individer|pers\.?|p\b|st\b)"
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "maj": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "okt": 10, "nov": 11, "dec": 12}
_MON = r"(?:jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)"
_MONTH = rf"(?P<mon>{_MON})[a-zåäö]*\.?"
_APPROX = re.compile(r"\b(?:drygt|nästan|knappt|cirka|ca\.?|omkring|ungefär|runt|närmare|över)\s*$", re.IGNORECASE)
# the board's own staff leaving ("medarbetare som har avslutat sin anställning") is no labour-market exit
_OWN_STAFF = re.compile(r"avslutat\s+sin\s+anställning|medarbetare\s+som\s+(?:har\s+)?avslutat", re.I)
_LABOUR = re.compile(r"arbetslös|arbetskraft|arbetssökande|inskrivna|avslut|per invånare|biståndshushåll|"
                     r"antal hushåll|arbetsmarknadspolitiska anställningar", re.IGNORECASE)
_GROUPS = [
    (re.compile(r"födda\s+utanför\s+europa|utomeuropeiskt?\s+födda", re.I), "born_outside_europe"),
    (re.compile(r"utrikes\s*födda", re.I), "foreign_born"),
    (re.compile(r"ungdom\w*|\bunga\b|18\s*[-–]\s*24\s*år", re.I), "youth_18_24"),
    (re.compile(r"(?:mer än|över|längre än|arbetslöshet)\s+(?P<m>\d+)\s+månader", re.I), "over_{m}_months"),
]
_AREAS = {"länet": "county", "länets": "county", "län": "county", "riket": "country", "rikets": "country",
          "landet": "country", "sverige": "country", "l": "county", "r": "country"}


def _num(text: str) -> float:
    return parse_number(text)


def _sex(word: str) -> str:
    """``kvinnor`` → ``female``, ``män`` → ``male``."""
    return "female" if word.lower() == "kvinnor" else "male"


@dataclass
class _Fig:
    measure: str
    group: str
    area: str
    period: str
    value: float
    unit: str
    line: Line
    quote: str
    sex: str = "all"
    origin: str = "text"
    row_key: int = 0          # table figures: the first line of their row


@dataclass
class _Ctx:
    """What a sentence inherits: the report year, the reference month and the paragraph's subject."""

    year: int
    ref: str | None                   # "2020-12"
    group: str = "all"
    destination: str | None = None
    households: bool = False          # the previous sentence spoke of households
    unemployment: bool = False        # the paragraph speaks of unemployment
    consumed: list[tuple[int, int]] = field(default_factory=list)


def _group_of(text: str) -> str | None:
    """The first group the text names (by position), e.g. ``over_6_months``."""
    best = None
    for rx, name in _GROUPS:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name.format(m=m.groupdict().get("m")) if "{m}" in name else name)
    return best[1] if best else None


def _prev_year(period: str | None) -> str | None:
    if not period:
        return None
    y, _, m = period.partition("-")
    return f"{int(y) - 1}-{m}" if m else str(int(y) - 1)


def _period(mon: str, year: str) -> str:
    return f"{int(year)}-{_MONTHS[mon[:3].lower()]:02d}"


def reference_month(paras: list[Paragraph], year: int | None) -> str | None:
    """The month the labour-market text reports ("arbetslösa i dec 2020", "i december"): the latest
    month stated for the report year."""
    found: list[str] = []
    for p in paras:
        for m in re.finditer(rf"(?<!sedan )\b(?:i\s+)?{_MONTH}\s+(?P<y>(?:19|20)\d\d)\b", p.text, re.I):
            if year is None or int(m.group("y")) == year:
                found.append(_period(m.group("mon"), m.group("y")))
        if year is not None and re.search(r"\bi\s+december\b(?!\s+(?:19|20)\d\d)", p.text, re.I):
            found.append(f"{year}-12")
    return max(found) if found else None


# --------------------------------------------------------------------------- the sentence reader

class _Reader:
    def __init__(self, year: int, ref: str | None, warnings: list[ParseWarning]):
        self.year = year
        self.ref = ref
        self.warn = warnings
        self.figs: list[_Fig] = []

    # helpers ------------------------------------------------------------
    def _free(self, ctx: _Ctx, m: re.Match, group: str | int = 0) -> bool:
        a, b = m.span(group)
        return not any(a < e and s < b for s, e in ctx.consumed)

    def _take(self, ctx: _Ctx, m: re.Match, group: str | int = 0) -> None:
        ctx.consumed.append(m.span(group))

    def add(self, s: Sentence, at: int, measure: str, group: str, period: str | None, value: float, unit: str,
            *, area: str = "municipality", sex: str = "all") -> None:
        line = s.line_at(at)
        if period is None:
            self.warn.append(ParseWarning(
                "unplaced-figure", f"labour market: {value:g} {unit} ({measure}, {group}) has no stated period "
                f"and the text states no reference month; left out", table=TABLE, line=line.number, page=line.page))
            return
        self.figs.append(_Fig(measure, group, area, period, value, unit, line, s.text, sex))

    def _explicit_period(self, text: str) -> str | None:
        """A month and year stated for the figures (not "sedan dec 2019", which is the base)."""
        for m in re.finditer(rf"(?<!sedan )(?<!från )\b(?:i\s+)?{_MONTH}\s+(?P<y>(?:19|20)\d\d)\b", text, re.I):
            pre = text[max(0, m.start() - 7):m.start()].lower()
            if "sedan" in pre or "från" in pre:
                continue
            return _period(m.group("mon"), m.group("y"))
        if re.search(r"\bi\s+december\b(?!\s+(?:19|20)\d\d)", text, re.I):
            return f"{self.year}-12"
        return None

    def _base_period(self, text: str) -> str | None:
        m = re.search(rf"sedan\s+{_MONTH}\s+(?P<y>(?:19|20)\d\d)", text, re.I)
        return _period(m.group("mon"), m.group("y")) if m else None

    # rules --------------------------------------------------------------
    def sentence(self, s: Sentence, ctx: _Ctx, para_text: str) -> None:
        t = s.text
        ctx.consumed = []
        subject = re.split(r"\bvarav\b", t, maxsplit=1)[0]
        g = _group_of(subject)
        if g:
            ctx.group = g
        period = self._explicit_period(t) or ctx.ref
        ctx.unemployment = bool(re.search(r"arbetslös", para_text, re.I))
        if re.search(r"anställda\s+på\s+arbetsmarknadspolitiska", para_text, re.I):
            self._programme_employment(s, ctx)
        elif (re.search(r"\bavslut", para_text, re.I) and re.search(r"kvinnor|män\b|avslut|totalt", t, re.I)
              and not _OWN_STAFF.search(para_text)):
            self._unit_exits(s, ctx)
        if re.search(r"per\s+invånare", para_text, re.I):
            self._per_inhabitant(s, ctx)
        if re.search(r"hushåll", t, re.I) or ctx.households:
            self._households(s, ctx)
        ctx.households = bool(re.search(r"hushåll", t, re.I))
        self._from_to(s, ctx, period)
        self._rates(s, ctx, period)
        self._persons(s, ctx, period)
        self._unplaced(s, ctx)

    def _from_to(self, s: Sentence, ctx: _Ctx, period: str | None) -> None:
        t = s.text
        rx = re.compile(
            rf"från\s+{_NB}(?P<a>{_N})\s*(?P<ua>{_PERSONS})?\s*(?:\((?P<pa>{_D}){_PCT}\s*\))?\s*"
            rf"(?:i\s+(?P<ma>{_MON})\w*\.?\s+(?P<ya>\d{{4}}))?\s*"
            rf"till\s+(?P<b>{_N})\s*(?P<ub>{_PERSONS})\)?\s*(?:\((?P<pb>{_D}){_PCT}\s*\))?\s*"
            rf"(?:i\s+(?P<mb>{_MON})\w*\.?\s+(?P<yb>\d{{4}}))?", re.I)
        for m in rx.finditer(t):
            later = _period(m.group("mb"), m.group("yb")) if m.group("mb") else period
            earlier = (_period(m.group("ma"), m.group("ya")) if m.group("ma")
                       else self._base_period(t) or _prev_year(later))
            before = t[max(0, m.start() - 80):m.start()].lower()
            measure, group = "unemployed_persons", ctx.group
            if re.search(r"inskrivna", t, re.I) and not re.search(r"arbetslös", before):
                measure = "registered_persons"
                group = _registered_group(before)
                if group is None:
                    self.warn.append(ParseWarning(
                        "unplaced-figure", f"labour market: {m.group(0)!r}: registered persons of an unknown kind; "
                        "left out", table=TABLE, line=s.line_at(m.start()).number, page=s.line_at(m.start()).page))
                    self._take(ctx, m)
                    continue
            self.add(s, m.start("a"), measure, group, earlier, _num(m.group("a")), "persons")
            self.add(s, m.start("b"), measure, group, later, _num(m.group("b")), "persons")
            if m.group("pa"):
                self.add(s, m.start("pa"), "unemployment_rate", group, earlier, _num(m.group("pa")), "%")
            if m.group("pb"):
                self.add(s, m.start("pb"), "unemployment_rate", group, later, _num(m.group("pb")), "%")
            self._take(ctx, m)

    def _rates(self, s: Sentence, ctx: _Ctx, period: str | None) -> None:
        t = s.text
        g = ctx.group
        rules = [
            (rf"{_NB}(?P<p>{_D}){_PCT}\s+av\s+den\s+registrerade\s+arbetskraften", "unemployment_rate"),
            (rf"öppet\s+arbetslösa\s+(?P<p>{_D}){_PCT}", "open_unemployment_rate"),
            (rf"{_NB}(?P<p>{_D}){_PCT}\s+öppet\s+arbetslösa", "open_unemployment_rate"),
            (rf"(?:deltagare|sökande)\s+i\s+(?:\w+\s+)?program\w*\s+(?P<p>{_D}){_PCT}", "programme_rate"),
            (rf"{_NB}(?P<p>{_D}){_PCT}\s+(?:deltagare|sökande)\s+i\s+(?:\w+\s+)?program", "programme_rate"),
        ]
        for pattern, measure in rules:
            for m in re.finditer(pattern, t, re.I):
                if self._free(ctx, m, "p"):
                    self.add(s, m.start("p"), measure, g, period, _num(m.group("p")), "%")
                    self._take(ctx, m, "p")
        # percentage points: "(+1,5 procentenheter)"
        for m in re.finditer(rf"(?P<sign>[-+−])?\s*{_NB}(?P<p>{_D})\s*procentenheter", t, re.I):
            if not self._free(ctx, m, "p"):
                continue
            value = _num(m.group("p"))
            sign = m.group("sign")
            if sign in ("-", "−") or (not sign and re.search(r"minsk|sjunk|lägre", t, re.I)):
                value = -value
            self.add(s, m.start("p"), "unemployment_rate_change_pp", g, period, value, "pp")
            self._take(ctx, m, "p")
        # county / country: "7,5 procent i hela länet", "i riket 4,6 %"
        for pattern in (rf"{_NB}(?P<p>{_D}){_PCT}\s+i\s+(?:hela\s+)?(?P<a>länet|riket|landet|Sverige)\b",
                        rf"\bi\s+(?:hela\s+)?(?P<a>länet|riket|landet|Sverige)\s+(?:är\s+|var\s+|låg\s+på\s+)?"
                        rf"{_NB}(?P<p>{_D}){_PCT}"):
            for m in re.finditer(pattern, t, re.I):
                if self._free(ctx, m, "p") and ctx.unemployment:
                    self.add(s, m.start("p"), "unemployment_rate", g, period, _num(m.group("p")), "%",
                             area=_AREAS[m.group("a").lower()])
                    self._take(ctx, m, "p")
        # the rate itself: "arbetslösheten i dec 2020 16,7 %", "Ungdomsarbetslöshet 12 %"
        for m in re.finditer(rf"arbetslöshet\w*(?P<gap>[^%.;]{{0,50}}?){_NB}(?P<p>{_D}){_PCT}", t, re.I):
            if self._free(ctx, m, "p") and not _APPROX.search(t[:m.start("p")]):
                self.add(s, m.start("p"), "unemployment_rate", g, period, _num(m.group("p")), "%")
                self._take(ctx, m, "p")

    def _persons(self, s: Sentence, ctx: _Ctx, period: str | None) -> None:
        t = s.text
        g = ctx.group
        for m in re.finditer(rf"{_NB}(?P<n>{_N})\s+personer\s+av\s+(?P<m>{_N})\s+invånare\s+i\s+åldern\s+"
                             rf"(?P<a>\d+)\s*(?:till|-|–)\s*(?P<b>\d+)\s*år", t, re.I):
            self.add(s, m.start("m"), "population", f"age_{m.group('a')}_{m.group('b')}", period,
                     _num(m.group("m")), "persons")
            self._take(ctx, m, "m")
        for m in re.finditer(rf"ytterligare\s+(?P<n>{_N})\s+personer\s+inskrivna", t, re.I):
            self.add(s, m.start("n"), "registered_persons", "outside_unemployment_statistics", period,
                     _num(m.group("n")), "persons")
            self._take(ctx, m, "n")
        for m in re.finditer(rf"{_NB}(?P<n>{_N})\s+(?P<dir>fler|färre)\b", t, re.I):
            if self._free(ctx, m, "n") and re.search(r"arbetslös|arbetssökande|individer|personer", t, re.I):
                sign = 1 if m.group("dir").lower() == "fler" else -1
                self.add(s, m.start("n"), "unemployed_change_persons", g, period, sign * _num(m.group("n")), "persons")
                self._take(ctx, m, "n")
        if re.search(r"arbetslös|arbetssökande", t, re.I):
            for m in re.finditer(rf"{_NB}(?P<n>{_N})\s+(?:personer|individer)\b", t, re.I):
                if self._free(ctx, m, "n") and not _APPROX.search(t[:m.start("n")]):
                    self.add(s, m.start("n"), "unemployed_persons", g, period, _num(m.group("n")), "persons")
                    self._take(ctx, m, "n")
        m = re.search(r"\bvarav\b(?P<rest>.*)", t, re.I)
        if m:
            for part in re.finditer(rf"{_NB}(?P<n>{_N})\s+(?:är|var)\s+(?P<who>[^,.;]+)", m.group("rest"), re.I):
                sub = _group_of(part.group("who"))
                offset = m.start("rest") + part.start("n")
                if sub is None:
                    continue
                self.add(s, offset, "unemployed_persons", f"{g}_{sub}", period, _num(part.group("n")), "persons")
                ctx.consumed.append((offset, offset + len(part.group("n"))))

    def _per_inhabitant(self, s: Sentence, ctx: _Ctx) -> None:
        t = s.text
        year = str(self.year)
        # a paragraph that speaks of amounts per month gives monthly figures ("kr/månad"), never bare "kr"
        kr = "kr/månad" if re.search(r"per\s+månad", s.paragraph.text, re.I) else "kr"
        rx = re.compile(rf"från\s+(?P<a>{_N})\s*kr\s+(?:för\s+|år\s+)?(?P<ya>\d{{4}})\s+till\s+(?P<b>{_N})\s*kr\s+"
                        rf"(?:för\s+|år\s+)?(?P<yb>\d{{4}})", re.I)
        for m in rx.finditer(t):
            self.add(s, m.start("a"), "financial_assistance_per_inhabitant", "all", m.group("ya"), _num(m.group("a")), kr)
            self.add(s, m.start("b"), "financial_assistance_per_inhabitant", "all", m.group("yb"), _num(m.group("b")), kr)
            self._take(ctx, m)
        if not re.search(r"per\s+invånare", t, re.I) and not re.search(r"\bi\s+(?:länet|riket)\b", t, re.I):
            return
        for m in re.finditer(rf"\bi\s+(?P<w>[A-ZÅÄÖa-zåäö]+)\s+(?:är\s+)?(?:beloppet\s+per\s+invånare\s+)?"
                             rf"{_NB}(?P<v>{_N})\s*kr\b", t, re.I):
            if not self._free(ctx, m, "v"):
                continue
            area = _AREAS.get(m.group("w").lower(), "municipality")
            self.add(s, m.start("v"), "financial_assistance_per_inhabitant", "all", year, _num(m.group("v")), kr,
                     area=area)
            self._take(ctx, m, "v")

    def _households(self, s: Sentence, ctx: _Ctx) -> None:
        t = s.text
        if not re.search(r"ökning|ökade|minskning|minskade", t, re.I) or re.search(r"arbetslös", t, re.I):
            return
        for m in re.finditer(rf"{_NB}(?P<p>{_D}){_PCT}", t, re.I):
            if not self._free(ctx, m, "p") or _APPROX.search(t[:m.start("p")]):
                continue
            sign = -1 if re.search(r"minsk", t, re.I) else 1
            mm = re.search(rf"\bi\s+{_MONTH}\s+månad", t, re.I)
            if mm:
                period = _period(mm.group("mon"), str(self.year))
            elif re.search(rf"helår|mellan\s+\d{{4}}\s+(?:till|och)\s+{self.year}|{self.year}", t, re.I):
                period = str(self.year)
            else:
                period = None
            self.add(s, m.start("p"), "assistance_households_change_pct", "all", period, sign * _num(m.group("p")), "%")
            self._take(ctx, m, "p")

    def _unit_exits(self, s: Sentence, ctx: _Ctx) -> None:
        """The municipality's labour-market unit: exits in the year, to work and to studies, by sex."""
        t = s.text
        work = re.search(r"anställning|arbete", t, re.I)
        study = re.search(r"studera|studier", t, re.I)
        if work and study:
            ctx.destination = "work_or_studies"
        elif study:
            ctx.destination = "studies"
        elif work:
            ctx.destination = "work"
        dest = ctx.destination
        year = str(self.year)
        g = "labour_market_unit"
        for m in re.finditer(rf"(?:av\s+)?totalt\s+(?P<n>{_N})\s+avslutade", t, re.I):
            self.add(s, m.start("n"), "unit_exits", g, year, _num(m.group("n")), "persons")
            self._take(ctx, m, "n")
        if dest is None:
            return
        for pattern in (rf"{_NB}(?P<n>{_N})\s+(?P<sex>kvinnor|män)\b(?:\s*\((?P<p>{_D}){_PCT}\s*\))?",
                        rf"{_NB}(?P<n>{_N})\s*\((?P<p>{_D}){_PCT}\s*\)\s*(?P<sex>kvinnor|män)\b"):
            for m in re.finditer(pattern, t, re.I):
                if not self._free(ctx, m, "n"):
                    continue
                sex = _sex(m.group("sex"))
                if dest != "work_or_studies":
                    self.add(s, m.start("n"), f"unit_exits_to_{dest}", g, year, _num(m.group("n")), "persons", sex=sex)
                if m.group("p"):
                    self.add(s, m.start("p"), f"unit_exits_to_{dest}_share", g, year, _num(m.group("p")), "%", sex=sex)
                self._take(ctx, m)
        for m in re.finditer(rf"{_NB}(?P<p>{_D}){_PCT}", t, re.I):
            if self._free(ctx, m, "p") and re.search(r"totalt|antal\s+avslutade", t[:m.start()], re.I):
                self.add(s, m.start("p"), f"unit_exits_to_{dest}_share", g, year, _num(m.group("p")), "%")
                self._take(ctx, m, "p")

    def _programme_employment(self, s: Sentence, ctx: _Ctx) -> None:
        """People the municipality employed in labour-market policy jobs during the year."""
        t = s.text
        year = str(self.year)
        g = "municipal_programme_employment"
        for m in re.finditer(rf"{_NB}(?P<n>{_N})\s+personer\s+anställda", t, re.I):
            self.add(s, m.start("n"), "programme_employees", g, year, _num(m.group("n")), "persons")
            self._take(ctx, m, "n")
            for k in re.finditer(rf"{_NB}(?P<n>{_N})\s+(?P<sex>kvinnor|män)\b", t[m.end():], re.I):
                sex = _sex(k.group("sex"))
                self.add(s, m.end() + k.start("n"), "programme_employees", g, year, _num(k.group("n")), "persons",
                         sex=sex)
                ctx.consumed.append((m.end() + k.start("n"), m.end() + k.end("n")))
        for m in re.finditer(rf"{_NB}(?P<n>{_N})\s+avslutade(?:\s*,?\s*varav\s+(?P<w>{_N})\s+till\s+"
                             rf"(?:reguljär\s+)?(?:anställning|arbete))?", t, re.I):
            self.add(s, m.start("n"), "programme_employee_exits", g, year, _num(m.group("n")), "persons")
            if m.group("w"):
                self.add(s, m.start("w"), "programme_employee_exits_to_work", g, year, _num(m.group("w")), "persons")
            self._take(ctx, m)

    def _unplaced(self, s: Sentence, ctx: _Ctx) -> None:
        t = s.text
        for m in re.finditer(rf"{_NB}(?P<v>{_D})(?:{_PCT}|\s+(?:personer|individer)\b)", t, re.I):
            if not self._free(ctx, m, "v"):
                continue
            approx = _APPROX.search(t[:m.start()])
            why = f"approximate figure '{approx.group(0).strip()} {m.group(0)}'" if approx else f"figure {m.group(0)!r}"
            line = s.line_at(m.start())
            self.warn.append(ParseWarning("unplaced-figure", f"labour market: {why} could not be placed; left out",
                                          table=TABLE, line=line.number, page=line.page))


def _registered_group(before: str) -> str | None:
    """Kinds of registered job seekers who are not counted as unemployed."""
    for rx, name in ((r"anställningsstöd|lönestöd|arbete\s+med\s+stöd", "employment_support"),
                     (r"timanställ", "hourly_employed"),
                     (r"deltid", "part_time")):
        matches = list(re.finditer(rx, before, re.I))
        if matches:
            last = max(m.end() for m in matches)
            best = (last, name)
            if name == "employment_support":
                # prefer the kind named closest to the figure
                others = [(m.end(), n) for r2, n in ((r"timanställ", "hourly_employed"), (r"deltid", "part_time"))
                          for m in re.finditer(r2, before, re.I)]
                best = max([best, *others])
            return best[1]
    return None


# --------------------------------------------------------------------------- the indicator table

_ROW_START = re.compile(r"^\s*\d{1,2}\s+[A-ZÅÄÖ]")
_TREND_PAREN = re.compile(rf"\([^()]*?\b{_MONTH}\s*{_D}\s*%[^()]*\)", re.I)
_TARGET = re.compile(rf"{_NB}{_D}\s*%\s*[<>≤≥]|(?:minst|högst|max|lägre än|högre än)\s+{_D}\s*%", re.I)
_VALUE = re.compile(rf"(?P<incl>inkl\.?\s+(?:i\s+)?program\w*:?\s*)?{_NB}(?P<v>{_D})\s*%\s*(?:\((?P<cmp>[^()]*)\))?", re.I)


def _indicator_rows(source: Source) -> tuple[list[tuple[str, list[Line]]], tuple[int, int] | None]:
    """(label, lines) of the indicator table's unemployment rows, and the table's (baseline, outcome) years."""
    title = source.find(re.compile(r"kvalitetsindikatorer|mätindikator", re.I))
    if title is None:
        return [], None
    header = " ".join(source[k].text for k in range(title, min(title + 20, len(source))))
    base = re.search(r"utgångs\W*läge\D{0,20}?((?:19|20)\d\d)", header, re.I)
    outc = re.search(r"utfall\D{0,5}((?:19|20)\d\d)", header, re.I)
    years = (int(base.group(1)), int(outc.group(1))) if base and outc else None
    rows: list[tuple[str, list[Line]]] = []
    k = title + 1
    current: list[Line] | None = None
    label = ""
    while k < len(source):
        text = source[k].text
        if re.match(r"^\s*(kommentar|sammanfattning)\b", text, re.I):
            break
        if _ROW_START.match(text):
            if current is not None:
                rows.append((label, current))
            current = None
            m = re.match(rf"^\s*\d{{1,2}}\s+(?P<label>[^%]*?)\s*(?:{_NB}{_D}\s*%|$)", text)
            if m and re.search(r"arbetslöshet", m.group("label"), re.I):
                current, label = [source[k]], m.group("label").strip()
        elif current is not None:
            current.append(source[k])
        k += 1
    if current is not None:
        rows.append((label, current))
    return rows, years


def read_indicator_rows(source: Source, *, year: int, warnings: list[ParseWarning]) -> list[_Fig]:
    """Unemployment rows of the indicator table: baseline and outcome with county (L) and country (R)."""
    rows, years = _indicator_rows(source)
    base_year, out_year = years or (year - 1, year)
    figs: list[_Fig] = []
    for label, lines in rows:
        group = _group_of(label) or "all"
        text = " ".join(l.text.strip() for l in lines)
        starts, pos = [], 0
        for l in lines:
            starts.append(pos)
            pos += len(l.text.strip()) + 1

        def line_of(offset: int) -> Line:
            idx = max(i for i, s0 in enumerate(starts) if s0 <= offset)
            return lines[idx]

        masked = text
        for m in list(_TREND_PAREN.finditer(text)):
            ln = line_of(m.start())
            warnings.append(ParseWarning("unplaced-figure", f"labour market: indicator {label!r}: month figure "
                                         f"{m.group(0)!r} in the trend column is not a year's figure; left out",
                                         table=TABLE, row=label, line=ln.number, page=ln.page))
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
        for m in list(_TARGET.finditer(masked)):
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
        open_vals, incl_vals = [], []
        for m in _VALUE.finditer(masked):
            (incl_vals if m.group("incl") else open_vals).append(m)
        has_incl = bool(incl_vals)
        for values, measure in ((open_vals, "open_unemployment_rate" if has_incl else "unemployment_rate"),
                                (incl_vals, "unemployment_rate")):
            if len(values) < 2:
                for m in values:
                    ln = line_of(m.start())
                    warnings.append(ParseWarning(
                        "unplaced-figure", f"labour market: indicator {label!r}: {m.group('v')} % stands alone; "
                        "its column (baseline or outcome) cannot be told; left out",
                        table=TABLE, row=label, line=ln.number, page=ln.page))
                continue
            for m in values[1:-1]:
                ln = line_of(m.start())
                warnings.append(ParseWarning("unplaced-figure", f"labour market: indicator {label!r}: "
                                             f"{m.group('v')} % between baseline and outcome; left out",
                                             table=TABLE, row=label, line=ln.number, page=ln.page))
            for m, y in ((values[0], base_year), (values[-1], out_year)):
                ln = line_of(m.start())
                quote = text
                figs.append(_Fig(measure, group, "municipality", str(y), _num(m.group("v")), "%", ln, quote,
                                 origin="table", row_key=lines[0].number))
                cmp = m.group("cmp") or ""
                for c in re.finditer(rf"\b(?P<a>[LR])\s*(?P<v>{_D})", cmp):
                    figs.append(_Fig(measure, group, _AREAS[c.group("a").lower()], str(y), _num(c.group("v")), "%",
                                     ln, quote, origin="table", row_key=lines[0].number))
                p = re.search(rf"(?P<n>{_N})\s*(?:p|pers|personer|st)\b", cmp)
                if p:
                    figs.append(_Fig("unemployed_persons", group, "municipality", str(y), _num(p.group("n")),
                                     "persons", ln, quote, origin="table", row_key=lines[0].number))
    return figs


def _table_months(table_figs: list[_Fig], text_figs: list[_Fig]) -> None:
    """A table row's year figures take the month the text states for the same figure (e.g. December)."""
    stated = {(f.measure, f.group, f.area, f.period[:4], f.value): f.period for f in text_figs if len(f.period) == 7}
    by_row: dict[int, list[_Fig]] = {}
    for f in table_figs:
        by_row.setdefault(f.row_key, []).append(f)
    for figs in by_row.values():
        months = {stated[(f.measure, f.group, f.area, f.period, f.value)][5:]
                  for f in figs if (f.measure, f.group, f.area, f.period, f.value) in stated}
        if len(months) == 1:
            month = months.pop()
            for f in figs:
                f.period = f"{f.period}-{month}"


# --------------------------------------------------------------------------- the reader

def labour_figures(source: Source, *, year: int | None, warnings: list[ParseWarning] | None = None) -> list[_Fig]:
    """Every labour-market figure stated, in reading order (duplicates kept)."""
    warn = warnings if warnings is not None else []
    if year is None:
        warn.append(ParseWarning("no-year", "labour market: the report year is unknown; figures left out", table=TABLE))
        return []
    rows, _ = _indicator_rows(source)
    table_lines = {l.number for _, lines in rows for l in lines}
    paras = [p for p in paragraphs(source)
             if _LABOUR.search(p.text) and not any(l.number in table_lines for l in p.lines)]
    ref = reference_month(paras, year)
    reader = _Reader(year, ref, warn)
    for p in paras:
        ctx = _Ctx(year, ref)
        for s in p.sentences:
            reader.sentence(s, ctx, p.text)
    table_figs = read_indicator_rows(source, year=year, warnings=warn)
    _table_months(table_figs, reader.figs)
    return reader.figs + table_figs


def read_labour_market(source: Source, *, year: int | None = None,
                       warnings: list[ParseWarning] | None = None) -> pd.DataFrame:
    """The labour-market figures as the ``labour_market`` contract frame (one row per figure and period;
    a figure stated twice with the same value is kept once, with different values both rows stay and a
    ``conflicting-figure`` warning is raised)."""
    warn = warnings if warnings is not None else []
    figs = labour_figures(source, year=year, warnings=warn)
    records, seen = [], {}
    for f in figs:
        key = (f.measure, f.group, f.area, f.period, f.sex)
        if key in seen:
            if abs(seen[key].value - f.value) < 1e-9:
                continue
            warn.append(ParseWarning("conflicting-figure", f"labour market: {f.measure} ({f.group}, {f.area}, "
                                     f"{f.period}) is stated as {seen[key].value:g} (line {seen[key].line.number}) "
                                     f"and {f.value:g}", table=TABLE, line=f.line.number, page=f.line.page))
        else:
            seen[key] = f
        records.append({
            "measure": f.measure, "group": f.group, "area": f.area, "period": f.period, "value": f.value,
            "unit": f.unit, "source": f"{f.line.location}: {_quote(f.quote)}", "sex": f.sex,
            "line": f.line.number, "page": f.line.page,
        })
    df = pd.DataFrame.from_records(records, columns=LABOUR_COLUMNS)
    if not df.empty:
        df["value"] = df["value"].astype("Float64")
        df["line"] = df["line"].astype("Int64")
        df["page"] = df["page"].astype("Int64")
    return df


def _quote(text: str, limit: int = 240) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"
