"""The report's front matter: municipality, board, kind of report, year and period, chair, head,
net cost, FTEs, cost per inhabitant.

Nothing here knows a particular report.  The board, kind and year are found by structure and by the
vocabulary of Swedish municipal reporting:

* the *title block* is the first lines of the report (letter-spaced cover lines such as
  ``Å r s re d o g ö re l s e`` squeezed) and its running headers;
* the *kind* is the first report-kind word of the title block (``Årsbokslut``, ``Delårsrapport`` ...),
  matched even when the text layer breaks the word (``Sty rkort``);
* the *board* is the name the title gives with the kind (``Årsbokslut 2019 för X``,
  ``Årsbokslut X 2017``, ``Xs årsredogörelse``, ``Styrkort X``), else a title-block line that is a
  board's name by its form (``Nämnden för X``, ``X-nämnden``, ``X- och Y-nämnden``,
  ``Kommunstyrelse(n)``, ``X-revisionen``, ``X-kollegiet``).  A bare form such as
  ``Kommunstyrelse`` is given in the definite form the report itself uses (``Kommunstyrelsen``);
* the *year* is the one printed with the title, else the running headers', else the body's
  ``Bokslut/Utfall YYYY``, else ``fallback_year`` (the path's); a scorecard (an appendix) takes the year of
  the report it belongs to: its title's, else the year whose outcome its cards report, else its file's;
* the *period* is the one the title states (``januari–mars 2026``, ``per 31 augusti``,
  ``Tertialrapport 1``), else the kind's: a calendar year for annual kinds.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from kslib.diagnostics import ParseWarning
from kslib.parse.numbers import parse_numeral
from kslib.read.source import Source

_FIELDS = {
    "chair": re.compile(r"^\s*Ordförande\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
    "head": re.compile(r"^\s*(?:Förvaltningschef|Kommundirektör|Verksamhetschef|Sektorschef)\s*:?\s*(?P<v>.+?)\s*$",
                       re.IGNORECASE),
    "net_cost": re.compile(r"^\s*Nettokostnad(?:\s+totalt)?\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
    "fte": re.compile(r"^\s*Antal\s+årsarbetare\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
    "cost_per_inhabitant": re.compile(r"^\s*Kostnad\s+per\s+invånare\s*:?\s*(?P<v>.+?)\s*$", re.IGNORECASE),
}
_MUNICIPALITY = re.compile(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?s?) (kommun|[Ss]tad)\b")
_PARTY = re.compile(r"^(?P<name>.+?)\s*\((?P<party>[^)]{1,6})\)$")
_HEAD_LINES = 40   # the front matter sits on the first lines
_TITLE_FOLLOW = 3  # a title's year may be printed on the lines after the kind word

# ------------------------------------------------------------------ vocabulary of the field
# Report kinds, as the kind word is printed (longest first); synonyms map onto them.
REPORT_KINDS = ("verksamhetsberättelse", "årsredovisning", "årsredogörelse", "årsbokslut", "årsrapport",
                "delårsrapport", "tertialrapport", "månadsrapport", "bokslutsprognos", "styrkort")
_KIND_SYNONYMS = {"delårsbokslut": "delårsrapport", "delårsredovisning": "delårsrapport",
                  "tertialbokslut": "tertialrapport", "tertialuppföljning": "tertialrapport",
                  "månadsuppföljning": "månadsrapport", "månadsbokslut": "månadsrapport"}
ANNUAL_KINDS = frozenset({"verksamhetsberättelse", "årsredovisning", "årsredogörelse", "årsbokslut", "årsrapport",
                          "styrkort"})
MONTHS = {"januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
          "september": 9, "oktober": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
          "nov": 11, "dec": 12}
# Board names end in these (indefinite form -> definite ending)
_BOARD_NOUNS = {"nämnd": "en", "styrelse": "n", "revision": "en", "förvaltning": "en", "kollegium": None,
                "utskott": "et"}
_BOARD_WORD = re.compile(
    r"(?:nämnd(?:en)?|styrelse(?:n)?|revision(?:en)?|förvaltning(?:en)?|kollegiet|utskott(?:et)?)$", re.IGNORECASE)
_NOT_A_BOARD = re.compile(r"\b(?:kommun|stad|region|landsting|nämnder|styrelser|förvaltningar)\b", re.IGNORECASE)

_LETTER = r"[^\W\d_]"
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?!\d)(?!-\d\d-)")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_RANGE = re.compile(rf"(?<!{_LETTER})(?P<m1>{_MONTH})\.?\s*(?:[-–—]|till|t\.?\s*o\.?\s*m\.?)\s*"
                    rf"(?P<m2>{_MONTH})\.?(?!{_LETTER})(?:\s*(?P<y>(?:19|20)\d\d))?", re.IGNORECASE)
_PER_DATE = re.compile(rf"\bper\s+(?:den\s+)?(?P<d>\d{{1,2}})\s*(?P<m>{_MONTH})\.?(?!{_LETTER})"
                       rf"(?:\s*(?P<y>(?:19|20)\d\d))?", re.IGNORECASE)
_ISO = r"(?:19|20)\d\d-[01]\d-[0-3]\d"
_ISO_RANGE = re.compile(rf"(?P<a>{_ISO})\s*(?:[-–—]+|till)\s*(?P<b>{_ISO})")
_PER_ISO = re.compile(rf"\bper\s+(?P<b>{_ISO})", re.IGNORECASE)
_TERTIAL = re.compile(r"\b(?:tertial(?:rapport|bokslut|uppföljning)?|T)\s*(?P<n>[123])(?!\d)", re.IGNORECASE)
_TERTIAL_ORDINAL = re.compile(r"\b(?P<n>första|andra|tredje)\s+tertial", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^\s*(?P<m>{_MONTH})\.?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_BILAGA = re.compile(r"^\s*bilaga\s*\d*\s*[.:]?\s*", re.IGNORECASE)


def _fuzzy(word: str) -> str:
    """``word`` as a pattern that also matches it broken by the text layer (``Sty rkort``)."""
    return r"\s?".join(re.escape(ch) for ch in word)


_KIND = re.compile(
    rf"(?<!{_LETTER})(?P<kind>"
    + "|".join(f"(?P<k{i}>{_fuzzy(w)})" for i, w in enumerate((*REPORT_KINDS, *_KIND_SYNONYMS)))
    + rf")(?:en|et|n)?(?!{_LETTER})", re.IGNORECASE)
_KIND_WORDS = (*REPORT_KINDS, *_KIND_SYNONYMS)


@dataclass(frozen=True)
class Metadata:
    """Front matter of a board's report (None where the report does not say)."""

    municipality: str | None
    board: str | None
    year: int | None
    chair: str | None
    chair_party: str | None
    head: str | None
    net_cost_tkr: float | None
    fte: float | None
    cost_per_inhabitant_kr: float | None
    report_kind: str | None = None      # one of REPORT_KINDS
    period_start: str | None = None     # ISO date, e.g. "2025-01-01"
    period_end: str | None = None       # ISO date, e.g. "2025-12-31"

    def to_dict(self) -> dict:
        return asdict(self)


def _amount(text: str, *, want_unit: str | None = None) -> float | None:
    """First figure in ``text`` (``"12 345 tkr"``, ``"78 årsarbetare"``), in ``want_unit`` if given."""
    m = re.search(r"-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?|\d+(?:,\d+)?", text)
    if not m:
        return None
    num = parse_numeral(m.group(0))
    rest = text[m.end():].strip().lower()
    value = num.value
    if want_unit == "tkr" and rest.startswith(("mnkr", "mkr")):
        value *= 1000
    return value


def read_metadata(source: Source, *, fallback_year: int | None = None, year: int | None = None,
                  warnings: list[ParseWarning] | None = None) -> Metadata:
    """Read the front matter from the first lines, the municipality and year from the whole text.

    ``year`` overrides the year the report prints (the period follows when it was derived from the
    year).  Into ``warnings`` goes a ``year-mismatch`` when the year disagrees with a year in the
    file's name or folders.
    """
    found: dict[str, str] = {}
    for line in source.lines[:_HEAD_LINES]:
        for key, rx in _FIELDS.items():
            if key not in found:
                m = rx.match(line.text)
                if m:
                    found[key] = m.group("v")
    chair = party = None
    if "chair" in found:
        m = _PARTY.match(found["chair"])
        chair, party = (m.group("name"), m.group("party")) if m else (found["chair"], None)

    # the running headers and footers name the board too ("Stadsrevisionen  7 (13)")
    body = _collapse("\n".join([source.text, *(line.text for line in source.furniture)]))
    title = _title_block(source)
    kind_at = _find_kind(title)
    kind = _kind_name(kind_at[1]) if kind_at else None
    board = _board(title, kind_at, body)
    if kind == "styrkort":            # an appendix takes the year of the report it belongs to
        read_year = _appendix_year(source, title, kind_at, fallback_year)
    else:
        read_year = (_title_year(title, kind_at) if kind_at else None) or _report_year(source)
    final_year = year if year is not None else (read_year or fallback_year)
    period = _period(title, kind_at, kind, final_year)
    if warnings is not None:
        _check_year(source.path, final_year, given=year is not None, warnings=warnings)
    return Metadata(
        municipality=_municipality(source, body),
        board=board,
        year=final_year,
        chair=chair,
        chair_party=party,
        head=found.get("head"),
        net_cost_tkr=_amount(found["net_cost"], want_unit="tkr") if "net_cost" in found else None,
        fte=_amount(found["fte"]) if "fte" in found else None,
        cost_per_inhabitant_kr=_amount(found["cost_per_inhabitant"]) if "cost_per_inhabitant" in found else None,
        report_kind=kind,
        period_start=period[0].isoformat() if period and period[0] else None,
        period_end=period[1].isoformat() if period and period[1] else None,
    )


# ------------------------------------------------------------------ text helpers
def _collapse(text: str) -> str:
    """Runs of spaces as one space (PDF text layers separate words by two)."""
    return re.sub(r"[ \t]+", " ", text)


def _clean(text: str) -> str:
    """One title-block line: letter-spaced text squeezed, spaces collapsed, ends stripped."""
    tokens = text.split()
    if len(tokens) >= 4 and sum(len(t) <= 2 for t in tokens) / len(tokens) >= 0.6:
        return "".join(tokens)
    return " ".join(tokens)


def _title_block(source: Source) -> list[str]:
    """The first lines of the report (a cover's own header among them), then its running headers, cleaned
    (blank ones dropped)."""
    head = list(source.lines[:_HEAD_LINES])
    last = head[-1].number if head else 0
    head = sorted([*head, *(f for f in source.furniture if f.number <= last)], key=lambda line: line.number)
    lines = [_clean(line.text) for line in head]
    seen: set[str] = set()
    for line in source.furniture:
        text = _clean(line.text)
        if text not in seen:
            seen.add(text)
            lines.append(text)
    return [line for line in lines if line]


def _find_kind(title: list[str]) -> tuple[int, re.Match[str]] | None:
    """Index of the title line with the report's kind word, and the match.

    A short line (a title, at most 8 words) wins over a kind word inside a sentence.
    """
    sentence: tuple[int, re.Match[str]] | None = None
    for i, line in enumerate(title):
        m = _KIND.search(line)
        if m is None:
            continue
        if len(line.split()) <= 8:
            return i, m
        if sentence is None:
            sentence = (i, m)
    return sentence


def _kind_name(m: re.Match[str]) -> str:
    for i, word in enumerate(_KIND_WORDS):
        if m.group(f"k{i}") is not None:
            return _KIND_SYNONYMS.get(word, word)
    raise AssertionError("unreachable")  # pragma: no cover


# ------------------------------------------------------------------ board
def _board(title: list[str], kind_at: tuple[int, re.Match[str]] | None, body: str) -> str | None:
    """The board's name: from the title with the kind word, else a title-block line naming a board."""
    if kind_at is not None:
        i, m = kind_at
        line = title[i]
        before = _BILAGA.sub("", line[:m.start()]).strip(" .,:–-")
        after = line[m.end():]
        candidates = []
        if before:
            candidates.append(_genitive_base(before, body))
        candidates.append(_strip_period(after))
        for cand in candidates:
            name = _valid_name(cand, body)
            if name:
                return _definite(name, body)
    for line in title[:_HEAD_LINES]:
        name = _board_line(line)
        if name:
            return _definite(name, body)
    return None


_NAMNDEN_FOR = re.compile(r"^(?P<v>(?:Nämnden|Styrelsen|Förvaltningen|Kommittén)\s+för\s+\S.{0,60}?)\s*$",
                          re.IGNORECASE)


def _board_line(line: str) -> str | None:
    """``line`` when it is a board's name by its form (``Nämnden för X``, ``X- och Ynämnden``)."""
    line = _YEAR.sub("", line).strip(" .,:–-")
    line = re.sub(r"^för\s+", "", line)   # a title's second line: "för X- och Ynämnden"
    if not line or not line[0].isupper():
        return None
    m = _NAMNDEN_FOR.match(line)
    if m and len(line.split()) <= 7:
        return m.group("v")
    words = line.split()
    if len(words) > 6 or not _BOARD_WORD.search(words[-1]):
        return None
    for w in words[:-1]:   # "X- och", "Tekniska", "Östra" -- not "Förslag till"
        if not (w[0].isupper() or w.endswith("-") or w in ("och", "&")):
            return None
    if _NOT_A_BOARD.search(line):
        return None
    return line


def _genitive_base(text: str, body: str) -> str:
    """``X-revisionens`` → ``X-revisionen`` when the report uses that form, else ``text``."""
    if text.endswith("s") and re.search(rf"(?<!{_LETTER}){re.escape(text[:-1])}(?!{_LETTER})", body):
        return text[:-1]
    return text


def _strip_period(text: str) -> str:
    """The text after a kind word without years, periods, tertial numbers and ``för``/``och``."""
    text = _RANGE.sub(" ", text)
    text = _PER_DATE.sub(" ", text)
    text = _ISO_RANGE.sub(" ", text)
    text = re.sub(rf"{_ISO}", " ", text)
    text = re.sub(r"(?<!\d)(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?(?!\d)", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .,:;–-_")
    text = re.sub(r"^(?:för|och|avseende|över)\s+", "", text, flags=re.IGNORECASE)
    return text.strip(" .,:;–-_")


def _valid_name(text: str, body: str) -> str | None:
    """``text`` as a board's name: capitalised, a few words, not the municipality, used in the body too."""
    if not text or not text[0].isupper() or len(text.split()) > 6:
        return None
    if not re.fullmatch(r"[\w&,.\- ]+", text) or re.search(r"\d", text):
        return None
    if _NOT_A_BOARD.search(text) or _KIND.search(text) or _RANGE.search(text):
        return None
    pattern = r"\s+".join(re.escape(w) for w in text.split())
    forms = Counter(m.group(1) for m in re.finditer(   # also in the genitive: "Xs årsredovisning"
        rf"(?<!{_LETTER})({pattern})s?(?!{_LETTER})", body, re.IGNORECASE))
    if sum(forms.values()) < 2:
        return None
    if text.isupper():   # an upper-case title -> the form the body prints
        mixed = [(n, f) for f, n in forms.items() if not f.isupper()]
        if mixed:
            return re.sub(r"\s+", " ", max(mixed)[1])
        return text
    return text


def _definite(name: str, body: str) -> str:
    """``Kommunstyrelse`` → ``Kommunstyrelsen`` when the report uses the definite form."""
    for noun, ending in _BOARD_NOUNS.items():
        if ending and name.lower().endswith(noun):
            definite = name + ending
            if re.search(rf"(?<!{_LETTER}){re.escape(definite)}(?!{_LETTER})", body):
                return definite
    return name


# ------------------------------------------------------------------ municipality
def _municipality(source: Source, body: str) -> str | None:
    """The most frequent ``X kommun`` / ``X stad`` of the text, its running headers, or a parent document's."""
    counts = Counter(f"{m.group(1)} {m.group(2)}" for m in _MUNICIPALITY.finditer(body))
    if not counts:   # running headers broken by the text layer: "Nac ka  kommu n"
        for line in source.furniture:
            chunks = re.split(r"\s{2,}", line.text.strip())
            squeezed = " ".join(c.replace(" ", "") for c in chunks)
            counts.update(f"{m.group(1)} {m.group(2)}" for m in _MUNICIPALITY.finditer(squeezed))
    if counts:
        return counts.most_common(1)[0][0]
    return _parent_municipality(source.path)


def _parent_municipality(path: Path | None) -> str | None:
    """An appendix (``<report>_bilaga1-styrkort.pdf``) takes the municipality of its report beside it."""
    if path is None or not path.parent.is_dir():
        return None
    stem = path.stem
    parents = sorted((p for p in path.parent.iterdir()
                      if p.is_file() and p != path and p.suffix.lower() in (".pdf", ".txt")
                      and 4 <= len(p.stem) < len(stem) and stem.startswith(p.stem)
                      and stem[len(p.stem)] in "_-. "),
                     key=lambda p: -len(p.stem))
    from kslib.read import read_source

    for parent in parents[:1]:
        try:
            src = read_source(parent)
        except Exception:   # an unreadable neighbour is no reason to fail this report
            return None
        counts = Counter(f"{m.group(1)} {m.group(2)}" for m in _MUNICIPALITY.finditer(_collapse(src.text)))
        if counts:
            return counts.most_common(1)[0][0]
    return None


# ------------------------------------------------------------------ year and period
def _title_year(title: list[str], kind_at: tuple[int, re.Match[str]]) -> int | None:
    """The year printed with the title: on the kind's line, else on the next lines."""
    i, m = kind_at
    line = title[i]
    for text in (line[m.end():], line[:m.start()]):
        y = _first_year(text)
        if y:
            return y
    iso = _ISO_RANGE.search(line[m.end():]) or _PER_ISO.search(line[m.end():])   # "... 2024-01-01 -- 2024-06-30"
    if iso:
        return date.fromisoformat(iso.group("b")).year
    limit = len(title) if i >= _HEAD_LINES else min(len(title), _HEAD_LINES)
    for text in title[i + 1:min(limit, i + 1 + _TITLE_FOLLOW)]:
        y = _first_year(text)
        if y:
            return y
    return None


def _appendix_year(source: Source, title: list[str], kind_at: tuple[int, re.Match[str]],
                   fallback_year: int | None) -> int | None:
    """A scorecard's year: the one printed with its title, else the year whose outcome its cards report
    ("Mål (utfall) 2024", "Utfall 2024"), else its file's, else a year after the title — never its first year
    column's."""
    from kslib.parse.records.scorecards import outcome_year

    i, m = kind_at
    line = title[i]
    own = _first_year(line[m.end():]) or _first_year(line[:m.start()])
    return own or outcome_year(source) or fallback_year or _title_year(title, kind_at)


def _first_year(text: str) -> int | None:
    rng = _RANGE.search(text)
    if rng and rng.group("y"):
        return int(rng.group("y"))
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _report_year(source: Source) -> int | None:
    """The year named by the running headers, else the most frequent 'Bokslut/Utfall YYYY'."""
    years = Counter()
    for line in source.furniture:
        m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", line.text.replace(" ", ""))
        if m:
            years[int(m.group(1))] += 1
    if years:
        return years.most_common(1)[0][0]
    words = re.findall(r"(?:Bokslut|Utfall|Måluppfyllelse|Verksamhetsberättelse|Årsbokslut)\s*\n?\s*((?:19|20)\d\d)\b",
                       source.text, flags=re.IGNORECASE)
    if words:
        return max(int(y) for y in words)
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _period(title: list[str], kind_at: tuple[int, re.Match[str]] | None, kind: str | None,
            year: int | None) -> tuple[date | None, date | None] | None:
    """The period the title states, else the one the kind implies for ``year``."""
    if kind_at is not None:
        i, m = kind_at
        after = title[i][m.end():]
        texts = [after, title[i], *title[i + 1:i + 1 + _TITLE_FOLLOW]]
        for text in texts:
            stated = _stated_period(text, year)
            if stated:
                return stated
        if kind in ("månadsrapport", "delårsrapport", "bokslutsprognos") and year is not None:
            mm = _MONTH_YEAR.match(after)   # "Månadsrapport mars 2024": January to the end of March
            if mm and int(mm.group("y")) == year:
                return date(year, 1, 1), _month_end(year, MONTHS[mm.group("m").lower()])
    if year is None or kind is None:
        return None
    if kind in ANNUAL_KINDS:
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, 1, 1), None   # a part of the year whose end the title does not say


def _stated_period(text: str, year: int | None) -> tuple[date, date] | None:
    m = _ISO_RANGE.search(text)
    if m:
        return date.fromisoformat(m.group("a")), date.fromisoformat(m.group("b"))
    m = _RANGE.search(text)
    if m and (m.group("y") or year):
        y = int(m.group("y")) if m.group("y") else year
        m1, m2 = MONTHS[m.group("m1").lower()], MONTHS[m.group("m2").lower()]
        if m1 <= m2:
            return date(y, m1, 1), _month_end(y, m2)
    m = _PER_DATE.search(text)
    if m and (m.group("y") or year):
        y = int(m.group("y")) if m.group("y") else year
        try:
            return date(y, 1, 1), date(y, MONTHS[m.group("m").lower()], int(m.group("d")))
        except ValueError:
            return None
    m = _PER_ISO.search(text)
    if m:
        end = date.fromisoformat(m.group("b"))
        return date(end.year, 1, 1), end
    if year is not None:
        m = _TERTIAL.search(text)
        n = int(m.group("n")) if m else None
        if n is None:
            o = _TERTIAL_ORDINAL.search(text)
            n = {"första": 1, "andra": 2, "tredje": 3}[o.group("n").lower()] if o else None
        if n:   # tertials are reported from the start of the year
            return date(year, 1, 1), _month_end(year, 4 * n)
    return None


# ------------------------------------------------------------------ year in the path
def path_years(path: Path | None) -> list[int]:
    """Years the path names: 4-digit folder names (``data/raw/2020/``), then years in the file name."""
    if path is None:
        return []
    years = [int(p) for p in reversed(Path(path).parent.parts) if p.isdigit() and len(p) == 4]
    years += [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", Path(path).name)]
    return list(dict.fromkeys(years))


def _check_year(path: Path | None, year: int | None, *, given: bool, warnings: list[ParseWarning]) -> None:
    named = path_years(path)
    if year is None or not named or year in named:
        return
    how = "given by --year" if given else "read from the report"
    warnings.append(ParseWarning(
        "year-mismatch",
        f"the year {year} ({how}) disagrees with the year {', '.join(map(str, named))} "
        f"in the file's name or folder ({path})"))
