"""The audit: every arithmetic relation the report implies, checked.

``run_checks(report)`` returns the ``checks`` frame (columns
``check,severity,table,row,expected,found,message,location`` plus ``line`` and
``page``); ``summarise(frame)`` writes it for a terminal.  Checks:

- ``row_deviation``, ``row_change``: a financial table row's deviation and change columns;
- ``column_total``: the total row against the sum of the rows;
- ``subtotal``: income-statement subtotals (previous subtotal + rows since);
- ``net_cost``, ``net_budget``, ``net_result``: the header's net cost and the tables against each other;
- ``table_deviation``, ``table_net``, ``table_total``: every other table of the catalog (``tables``), from
  its own columns and row kinds (:mod:`kslib.audit.catalog`);
- ``budget_claim``: the prose's "överskott med 336 tkr" against the table row;
- ``labour_*``: labour-market figures (shares that add up, counts against shares, figures stated twice);
- ``table_complete``: a table the text ends inside, or a row left out as cut off (error);
- ``goal_count``: "två av målen uppfylls" against the parsed goals .
"""
from __future__ import annotations

import pandas as pd

from kslib.audit.catalog import check_catalog
from kslib.audit.claims import check_claims
from kslib.audit.completeness import check_completeness
from kslib.audit.financial import check_financial, tables_of
from kslib.audit.findings import CHECK_COLUMNS, Finding, frame
from kslib.audit.goals import check_goals
from kslib.audit.percentages import check_labour_market
from kslib.audit.summary import summarise

__all__ = ["run_checks", "summarise", "CHECK_COLUMNS", "Finding"]


def run_checks(report) -> pd.DataFrame:
    """Audit a :class:`~kslib.parse.report.Report`; one row per relation checked."""
    findings: list[Finding] = []
    findings += check_completeness(report)
    findings += check_financial(report)
    rr, dr = tables_of(report)
    audited = {line.number for table in (rr, dr) if table is not None for row in table.rows for line in row.lines}
    findings += check_catalog(report.table("tables"), skip_lines=audited)
    findings += check_claims(report, dr)
    findings += check_labour_market(report)
    findings += check_goals(report)
    return frame(findings)
