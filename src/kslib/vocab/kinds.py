"""Words that tell what kind of table a table is (its title, rows and columns): the classification vocabulary."""
from __future__ import annotations

import re

# kinds of table a total or result row closes
CLOSED_KINDS = ("income_statement", "operating_by_area", "investments", "balance_sheet")
KINDS = ("income_statement", "operating_by_area", "investments", "balance_sheet", "key_figures", "indicators",
         "staff", "other")
INCOME_STATEMENT = re.compile(r"verksamhetens\s+(?:intäkter|kostnader)|årets\s+resultat|periodens\s+resultat"
                              r"|resultaträkning|resultatrapport|finansnetto|summa\s+(?:intäkter|kostnader)"
                              r"|totala\s+(?:intäkter|kostnader)", re.I)
INCOME_STATEMENT_TITLE = re.compile(r"resultaträkning|resultatrapport|resultatbudget", re.I)
OPERATING_TITLE = re.compile(r"drifts?redovisning|drifts?budget|driftsutfall|per\s+(?:verksamhet|enhet|område|"
                             r"avdelning|nämnd|verksamhetsområde|programområde)", re.I)
KEY_FIGURES_TITLE = re.compile(r"nyckeltal|sammandrag|i\s+siffror|flerårsöversikt|fem\s+år", re.I)
BALANCE = re.compile(r"tillgångar|skulder|eget\s+kapital|balansräkning", re.I)
INVESTMENTS = re.compile(r"investering", re.I)
STAFF = re.compile(r"personal|anställda|årsarbetare|sjukfrånvaro|medarbetare|chefer", re.I)
# a summary of results: rows of income, of costs and a result ("Intäkter", "Kostnader", "Resultat")
INCOME_ROW = re.compile(r"^(?:summa\s+|totala\s+|verksamhetens\s+)?intäkter\b", re.I)
COST_ROW = re.compile(r"^(?:summa\s+|totala\s+|verksamhetens\s+)?kostnader\b", re.I)
RESULT_ROW = re.compile(r"^(?:årets\s+|periodens\s+)?resultat\b", re.I)
