"""Row vocabulary: total, subtotal and result rows, and the row code printed before a label.

``row_kind("Summa kostnader", last=False)`` → ``"subtotal"``; ``split_code("910 Skolan")`` →
``("910", "Skolan")``.  Words of the field only, never a row name of one report.
"""
from __future__ import annotations

import re

# a row that sums the table (or, not last, a block of it)
_TOTAL = re.compile(r"^(?:total|totalt|summa|s:a|årets resultat|periodens resultat|resultat|netto)$", re.I)
_SUM = re.compile(r"^(?:summa|totalt|totala|delsumma|s:a)\b|^total$", re.I)
# the year's (or period's) result: the last line of an income statement
RESULT = re.compile(r"^(?:årets|periodens)\s+resultat$|^resultat$", re.I)
FINAL_RESULT = re.compile(r"(?:årets|periodens)\s+resultat", re.I)
# a running subtotal of an income statement: the previous one plus the rows since
RUNNING_SUBTOTAL = re.compile(r"nettokostnad|nettointäkt|resultat|^summa\b|^netto\b", re.I)
# rows of a summary that are no area or unit (results, equity, sums)
NOT_AREAS = r"resultat|eget kapital|^summa\b|^totalt?\b|^netto\b"
# a code before the label ("910 Sigfridsborgs skola", "4510 Hemtjänst"); not an age or a quantity ("80 år")
ROW_CODE = re.compile(r"^(?P<code>\d{1,6})\s+(?P<label>[A-Za-zÅÄÖåäöÉéÜü].*)$")
CODED = re.compile(r"^\d{2,6}\s+\S")
_QUANTITY = re.compile(r"^(?:år|års|st|kr|tkr|mnkr|procent|timmar|tim|dagar|dgr|veckor|månader|mån|personer|"
                       r"pers|elever|barn|invånare|kvm|m2|km|och|eller|till|av|per|jan|feb|mar|apr|maj|jun|jul|aug|"
                       r"sep|okt|nov|dec)\b", re.I)


def row_kind(label: str, last: bool) -> str:
    """``total`` (ends the table), ``subtotal`` (a sum inside it) or ``row``, from the label's words."""
    plain = re.sub(r"[*\s]+$", "", label)
    if RESULT.match(plain) or re.fullmatch(r"total|totalt", plain.replace(" ", ""), re.I):
        return "total"
    if _SUM.match(plain) or _TOTAL.match(plain):
        return "total" if last else "subtotal"
    return "row"


def is_sum_label(label: str) -> bool:
    """A label that names a sum or total ("Summa", "Totalt", "Årets resultat")."""
    return row_kind(label, last=True) != "row"


def split_code(label: str) -> tuple[str | None, str]:
    """``"910 Sigfridsborgs skola"`` → ``("910", "Sigfridsborgs skola")``; no code → ``(None, label)``."""
    m = ROW_CODE.match(label.strip())
    if not m or _QUANTITY.match(m.group("label")):
        return None, label.strip()
    return m.group("code"), m.group("label").strip()


def join_code(code: str | None, label: str) -> str:
    """The label as printed, its code before it."""
    return f"{code} {label}" if code else label
