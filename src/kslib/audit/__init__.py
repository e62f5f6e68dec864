"""The audit: every arithmetic relation the report implies, checked.

``run_checks(report)`` returns the ``checks`` frame (columns
``check,severity,table,row,expected,found,message,location`` plus ``line`` and
``page``); ``summarise(frame)`` writes it for a terminal.  Checks:

- ``row_deviation``, ``row_change``, ``row_net``, ``column_total``, ``subtotal``, ``table_consistency``,
  ``row_split``: every table's own identities and sums, and the coded rows tables share (:mod:`.tables`);
- ``net_cost``, ``net_budget``, ``net_result``: the header's net cost and the tables against each other;
- ``budget_claim``: the prose's "överskott med 336 tkr" against the table row;
- ``labour_*``: labour-market figures (shares that add up, counts against shares, figures stated twice);
- ``table_complete``: a table the text ends inside, or a row left out as cut off (error);
- ``goal_count``: "två av målen uppfylls" against the parsed goals .
"""
from __future__ import annotations

import pandas as pd

from kslib.audit.claims import check_claims
from kslib.audit.completeness import check_completeness
from kslib.audit.financial import check_economy
from kslib.audit.findings import CHECK_COLUMNS, Finding, frame
from kslib.audit.goals import check_goals
from kslib.audit.percentages import check_labour_market
from kslib.audit.summary import summarise
from kslib.audit.tables import check_tables

__all__ = ["run_checks", "summarise", "CHECK_COLUMNS", "Finding"]


def run_checks(report) -> pd.DataFrame:
    """Audit a :class:`~kslib.parse.report.Report`; one row per relation checked."""
    findings: list[Finding] = []
    findings += check_completeness(report)
    findings += check_tables(report.found_tables())
    findings += check_economy(report)
    findings += check_claims(report)
    findings += check_labour_market(report)
    findings += check_goals(report)
    return frame(findings)
