"""Records of a report that are not tables of figures: goals and sub-goals at any depth, scorecards,
assignments, indicators, internal control and action plans.

One machinery serves them all, each kind a small specification over it:

* :mod:`.section` — sections and the page furniture among their lines (removed before a record is read,
  across page breaks);
* :mod:`.columns` — the one column-table reader (columns from a header line's words and positions, the
  words of each line under their column, wrapped cells joined, rows started and ended by the
  specification's rules);
* :mod:`.status` — the one reading of a status cell over the status vocabulary (:mod:`kslib.statuses`);
* :mod:`.goal_rows` — the row of ``goals.csv``.

The readers: :mod:`.goals` (``goals.csv``: :mod:`.board_goals`, :mod:`.goal_tables`, :mod:`.goal_sections`,
:mod:`.scorecards`, :mod:`.assignments`; then :mod:`.recovery`), :mod:`.counts` (``goal_counts.csv``),
:mod:`.indicator_values` and :mod:`.indicators`, :mod:`.internal_control`, :mod:`.action_plan`.
"""
