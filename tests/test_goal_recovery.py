"""Lost statuses recovered only where the report's own words force them."""
from __future__ import annotations

import kslib
from conftest import REPORT_2020


def _copy(tmp_path, text):
    path = tmp_path / "2020" / "rapport.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return kslib.read_report(path)


def test_2020_tally_forces_nothing():
    """Six met and five partly met among eleven unknown: which is which, the words do not say."""
    goals = kslib.read_report(REPORT_2020).goals
    sub = goals[goals.level == "subgoal"]
    assert (sub.status == "unknown").sum() == 11
    assert not (goals.basis == "count").any()


def test_a_tally_that_leaves_one_status_forces_it(tmp_path):
    """The tally says all twelve assessed sub-goals but the one not met are met: the eleven unknown are met."""
    text = REPORT_2020.read_text(encoding="utf-8").replace(
        "sex av delmålen uppfylls för året, fem uppfylls delvis och ett",
        "elva av delmålen uppfylls för året och ett")
    goals = _copy(tmp_path, text).goals
    sub = goals[goals.level == "subgoal"]
    assert (sub.status == "unknown").sum() == 0
    recovered = sub[sub.basis == "count"]
    assert len(recovered) == 11 and set(recovered.status) == {"met"}
    assert (sub.status == "not_met").sum() == 1 and (sub.status == "later").sum() == 6
    assert "elva av delmålen uppfylls" in recovered.comment.iloc[0]


def test_a_goal_level_statement_gives_its_sub_goals_the_status(tmp_path):
    text = REPORT_2020.read_text(encoding="utf-8")
    goals_before = kslib.read_report(REPORT_2020).goals
    first = goals_before[(goals_before.level == "goal")].sort_values("status_line").iloc[0]
    lines = text.split("\n")
    at = int(first.status_line)                        # the goal's status heading; the statement follows it
    lines.insert(at, "Samtliga delmål har uppnåtts under året.")
    goals = _copy(tmp_path, "\n".join(lines)).goals
    mine = goals[(goals.level == "subgoal") & (goals.parent_id.astype(str) == str(first.goal_id))]
    before = goals_before[(goals_before.level == "subgoal") & (goals_before.parent_id.astype(str) == str(first.goal_id))]
    was_unknown = set(before[before.status == "unknown"].goal_id)
    assert was_unknown                                   # the test means something
    assert set(mine[mine.goal_id.isin(was_unknown)].status) == {"met"}
    assert set(mine[mine.goal_id.isin(was_unknown)].basis) == {"text"}
    assert set(mine[~mine.goal_id.isin(was_unknown)].status) == set(before[~before.goal_id.isin(was_unknown)].status)
