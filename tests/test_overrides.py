"""The analyst's status overrides: valid files applied, invalid ones a one-line error naming file and line."""
import pytest

from goal_templates import REPORT, real_source
from kslib.errors import OverridesError
from kslib.parse.overrides import apply_overrides, read_overrides
from kslib.parse.report import read_report
from kslib.parse.records.goals import read_goals


@pytest.fixture(scope="module")
def goals():
    return read_goals(real_source(), year=2020)


def write(tmp_path, text, name="status_overrides.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_overrides_fill_unknown_statuses(tmp_path, goals):
    path = write(tmp_path, "goal_id,status,comment\n1.1.a,met,grön symbol\n# a note\n\n"
                           "4.2,Uppfylls delvis,\"gul, s. 9\"\n1.3.,not_met\n")
    overrides = read_overrides(path, known_ids=goals.goal_id)
    assert [(o.goal_id, o.status, o.line) for o in overrides] == [("1.1.a", "met", 2), ("4.2", "partly_met", 5),
                                                                  ("1.3", "not_met", 6)]
    warnings = []
    out = apply_overrides(goals, overrides, warnings=warnings).set_index("goal_id")
    assert (out.loc["1.1.a", "status"], out.loc["1.1.a", "basis"], out.loc["1.1.a", "comment"]) == \
        ("met", "override", "grön symbol")
    assert out.loc["4.2", "comment"] == "gul, s. 9"
    assert out.loc["1.3", "status"] == "not_met"
    assert out.loc["1.4", "status"] == "unknown"
    assert warnings == []
    assert goals.set_index("goal_id").loc["1.1.a", "status"] == "unknown"    # input not mutated


def test_override_agreeing_with_text_keeps_text_basis(tmp_path, goals):
    path = write(tmp_path, "goal_id,status,comment\n1,met,\n")
    warnings = []
    out = apply_overrides(goals, read_overrides(path, known_ids=goals.goal_id), warnings=warnings)
    row = out.set_index("goal_id").loc["1"]
    assert (row.status, row.basis) == ("met", "text")
    assert warnings == []


def test_override_contradicting_text_is_reported(tmp_path, goals):
    path = write(tmp_path, "goal_id,status,comment\n2.4,met,symbol grön\n3.2,met,\n")
    warnings = []
    out = apply_overrides(goals, read_overrides(path, known_ids=goals.goal_id), warnings=warnings).set_index("goal_id")
    assert out.loc["2.4", "status"] == "met" and out.loc["2.4", "basis"] == "override"
    assert "Uppfylls ej" in out.loc["2.4", "comment"]
    assert [w.code for w in warnings] == ["override-conflict", "override-conflict"]
    assert "line 2" in warnings[0].message and "2.4" in warnings[0].message
    assert "Följs upp senare" in warnings[1].message


@pytest.mark.parametrize("text, message", [
    ("goal_id,status,comment\n1.1.a,met,\n9.9,met,\n", ":3: unknown goal id '9.9'"),
    ("goal_id,status,comment\n1.1.a,klar,\n", ":2: unknown status 'klar' for goal 1.1.a"),
    ("goal_id,status,comment\n1.1.a,met,\n1.1.a,not_met,\n", ":3: goal 1.1.a is overridden twice (also line 2)"),
    ("id,status\n1.1.a,met\n", ":1: header must be 'goal_id,status,comment'"),
    ("goal_id,status,comment\n,met,\n", ":2: goal_id is empty"),
    ("goal_id,status,comment\n1.1.a,met,a,b\n", ":2: 4 fields"),
    ("\n# nothing\n", "is empty"),
])
def test_invalid_overrides_name_file_and_line(tmp_path, goals, text, message):
    path = write(tmp_path, text)
    with pytest.raises(OverridesError) as err:
        read_overrides(path, known_ids=goals.goal_id)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_overrides_file(tmp_path):
    with pytest.raises(OverridesError, match="no such overrides file"):
        read_overrides(tmp_path / "nope.csv")


def test_report_applies_its_overrides(tmp_path):
    path = write(tmp_path, "goal_id,status,comment\n4.1,met,grön\n2.4,met,\n")
    report = read_report(REPORT, overrides=path)
    goals = report.goals.set_index("goal_id")
    assert (goals.loc["4.1", "status"], goals.loc["4.1", "basis"]) == ("met", "override")
    assert any(w.code == "override-conflict" for w in report.warnings)


def test_report_with_a_bad_overrides_file_raises(tmp_path):
    path = write(tmp_path, "goal_id,status,comment\n7.7,met,\n")
    report = read_report(REPORT, overrides=path)
    with pytest.raises(OverridesError, match=r":2: unknown goal id '7.7'"):
        report.table("goals")


def test_swedish_excel_file_with_semicolons_and_cp1252_is_read(tmp_path, goals):
    path = tmp_path / "status_overrides.csv"
    path.write_bytes("goal_id;status;comment\n1.1.a;Följs upp senare;grå symbol, s. 9\n2.1;Uppfylls;\n"
                     .encode("cp1252"))
    overrides = read_overrides(path, known_ids=goals.goal_id)
    assert [(o.goal_id, o.status, o.comment) for o in overrides] == [
        ("1.1.a", "later", "grå symbol, s. 9"), ("2.1", "met", "")]


def test_template_lists_unknown_goals_and_a_half_filled_copy_applies(tmp_path, goals, capsys):
    from kslib.cli import main
    from kslib.parse.overrides import template

    text = template(goals, heading="rubrik")
    rows = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    unknown = goals.loc[goals["status"] == "unknown", "goal_id"].tolist()
    assert rows[0] == "goal_id,status,comment" and rows[1:] == [f"{g},," for g in unknown]
    assert len(unknown) == 11 and "1.1.a" in unknown
    # the analyst fills in one row and leaves the rest empty: only that one changes
    filled = text.replace("\n1.1.a,,\n", "\n1.1.a,Uppfylls,grön symbol\n")
    raw = tmp_path / "2020" / REPORT.name
    raw.parent.mkdir()
    raw.write_bytes(REPORT.read_bytes())
    (raw.parent / "status_overrides.csv").write_text(filled, encoding="utf-8")
    report = read_report(raw)
    g = report.goals.set_index("goal_id")
    assert (g.loc["1.1.a", "status"], g.loc["1.1.a", "basis"]) == ("met", "override")
    assert (g["status"] == "unknown").sum() == 10
    # the command prints the same template to stdout and writes nothing
    before = sorted(p.name for p in raw.parent.iterdir())
    assert main(["overrides", str(REPORT)]) == 0
    out = capsys.readouterr()
    assert "1.1.a,," in out.out and "11 goals of unknown status" in out.err
    assert sorted(p.name for p in raw.parent.iterdir()) == before
