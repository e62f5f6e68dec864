"""Safe outputs: whole files or none, a year's set replaced only by a successful run, one run at a time,
provenance recorded, and ``data/raw`` never written."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import kslib
from conftest import REPORT_2020, ROOT, _env, render_args, sha256_tree, snapshot
from kslib import errors
from kslib.pipeline import atomic
from kslib.pipeline.atomic import Staging, atomic_write, atomic_write_text, exclusive
from kslib.pipeline.contract import write_processed
from kslib.parse.report import read_report

CHECK_AVAILABLE = importlib.util.find_spec("kslib.cli.check") is not None


def _leftovers(folder: Path) -> list[Path]:
    """Temp files and staging folders a run must not leave behind."""
    return [p for p in folder.rglob("*") if ".staging." in p.name or p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The outputs of one clean run of the real report."""
    out = tmp_path_factory.mktemp("reference") / "2020"
    write_processed(read_report(REPORT_2020), out)
    return out


def _contents(folder: Path) -> dict[str, object]:
    """What a run wrote, comparable across runs: CSV/JSON text, workbook sheets as frames."""
    out: dict[str, object] = {}
    for p in sorted(folder.iterdir()):
        if p.name.startswith("."):
            continue
        if p.suffix == ".xlsx":
            sheets = pd.read_excel(p, sheet_name=None)
            out[p.name] = {k: v.to_csv(index=False) for k, v in sheets.items()}
        else:
            out[p.name] = p.read_text(encoding="utf-8")
    return out


# --------------------------------------------------------------------------- atomic writes

def test_atomic_write_replaces_whole_or_not_at_all(tmp_path):
    target = tmp_path / "table.csv"
    atomic_write_text(target, "old\n")

    def half_then_fail(tmp: Path) -> None:
        tmp.write_text("new but only half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_fail)
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_staging_discards_everything_on_error(tmp_path):
    target = tmp_path / "2020"
    target.mkdir()
    (target / "a.csv").write_text("old a\n")
    with pytest.raises(RuntimeError):
        with Staging(target) as stage:
            (stage.path / "a.csv").write_text("new a\n")
            (stage.path / "b.csv").write_text("new b\n")
            raise RuntimeError("a table failed")
    assert sorted(p.name for p in target.iterdir()) == ["a.csv"]
    assert (target / "a.csv").read_text() == "old a\n"
    assert _leftovers(tmp_path) == []


def test_commit_failing_halfway_restores_the_old_set(tmp_path, monkeypatch):
    target = tmp_path / "2020"
    target.mkdir()
    for name in "abc":
        (target / f"{name}.csv").write_text(f"old {name}\n")
    real_replace = os.replace
    moves = []

    def flaky_replace(src, dst):
        moves.append((src, dst))
        if len(moves) == 4:            # a aside, new a in, b aside: fine; moving the new b in fails
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    with Staging(target) as stage:
        for name in "abcd":
            (stage.path / f"{name}.csv").write_text(f"new {name}\n")
        monkeypatch.setattr(atomic.os, "replace", flaky_replace)
        with pytest.raises(errors.OutputError, match=r"2020: cannot write outputs there \(No space left on device\)"):
            stage.commit()
        monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert {p.name: p.read_text() for p in target.iterdir()} == {f"{n}.csv": f"old {n}\n" for n in "abc"}
    assert _leftovers(tmp_path) == []


def test_commit_moves_a_complete_set(tmp_path):
    target = tmp_path / "2020"
    target.mkdir()
    (target / "a.csv").write_text("old a\n")
    (target / "keep.txt").write_text("not ours\n")
    with Staging(target) as stage:
        (stage.path / "a.csv").write_text("new a\n")
        (stage.path / "b.csv").write_text("new b\n")
        written = stage.commit()
    assert sorted(p.name for p in written) == ["a.csv", "b.csv"]
    assert {p.name: p.read_text() for p in target.iterdir()} == {
        "a.csv": "new a\n", "b.csv": "new b\n", "keep.txt": "not ours\n"}
    assert _leftovers(tmp_path) == []


# --------------------------------------------------------------------------- a year's outputs

def test_failed_rerun_leaves_previous_outputs(tmp_path, reference, report_path, kslib_main, monkeypatch):
    out = tmp_path / "2020"
    assert kslib_main("parse", report_path, "--out", out).returncode == 0
    before = snapshot(out)

    def broken_workbook(tables, meta, path):
        path.write_bytes(b"PK\x03\x04 half a workbook")
        raise errors.OutputError(f"{path.name}: disk full")

    monkeypatch.setattr("kslib.pipeline.contract.write_workbook", broken_workbook)
    run = kslib_main("parse", report_path, "--out", out)
    assert run.returncode == 2 and "disk full" in run.stderr
    assert snapshot(out) == before
    assert _leftovers(tmp_path) == []


def test_reader_crash_leaves_previous_outputs(tmp_path, report_path, kslib_main, monkeypatch):
    """A bug in one table reader (not a KslibError) fails the run with exit 1 and replaces nothing."""
    out = tmp_path / "2020"
    assert kslib_main("parse", report_path, "--out", out).returncode == 0
    before = snapshot(out)
    monkeypatch.setitem(kslib.parse.report.READERS, "labour_market", _broken_reader)
    run = kslib_main("parse", report_path, "--out", out)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "kslib: internal error: ZeroDivisionError: division by zero (run with --debug for the traceback)"]
    assert snapshot(out) == before
    assert _leftovers(tmp_path) == []


def _broken_reader(source, *, year, warnings):
    return 1 / 0


def test_successful_rerun_replaces_the_whole_set(tmp_path, report_text, kslib_main):
    raw = tmp_path / "raw" / "2020" / "report.txt"
    raw.parent.mkdir(parents=True)
    raw.write_text(report_text, encoding="utf-8")
    out = tmp_path / "processed" / "2020"
    assert kslib_main("parse", raw, "--out", out).returncode == 0
    first = _contents(out)
    # next run: the same template with another net cost and another first programme row
    changed = report_text.replace("Nettokostnad totalt: 71 994 tkr", "Nettokostnad totalt: 80 001 tkr")
    changed = changed.replace("100 Politisk verksamhet 7 221 6 672 -549 8 141 -920",
                              "100 Politisk verksamhet 7 000 6 672 -328 8 141 -1 141")
    raw.write_text(changed, encoding="utf-8")
    assert kslib_main("parse", raw, "--out", out).returncode == 0
    second = _contents(out)
    assert first.keys() == second.keys()
    meta = json.loads(second["report.json"])
    assert meta["net_cost_tkr"] == 80001
    assert meta["source_sha256"] == hashlib.sha256(changed.encode("utf-8")).hexdigest()
    drift = pd.read_csv(out / "driftredovisning.csv", dtype={"row_code": str})
    row = drift[(drift.row_code == "100") & (drift.measure == "outcome") & (drift.year == 2020)]
    assert row.value.tolist() == [7000]
    assert second["resultatrakning.csv"] == first["resultatrakning.csv"]
    assert _leftovers(tmp_path) == []


# --------------------------------------------------------------------------- provenance

def test_outputs_name_the_raw_file_sha256_and_version(tmp_path, report_path, kslib_main):
    out = tmp_path / "2020"
    assert kslib_main("parse", report_path, "--out", out).returncode == 0
    sha = hashlib.sha256(report_path.read_bytes()).hexdigest()
    meta = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert meta["source_file"] == report_path.name
    assert meta["source_sha256"] == sha
    assert meta["kslib_version"] == kslib.__version__
    info = pd.read_excel(out / f"{report_path.stem}.xlsx", sheet_name="report").set_index("field")["value"]
    assert info["source_sha256"] == sha
    assert info["kslib_version"] == kslib.__version__


# --------------------------------------------------------------------------- one run at a time

def test_second_run_while_locked_fails_cleanly(tmp_path, report_path, kslib_cmd):
    out = tmp_path / "2020"
    assert kslib_cmd("parse", report_path, "--out", out).returncode == 0
    before = snapshot(out)
    with exclusive(out, what="parse"):
        run = kslib_cmd("parse", report_path, "--out", out)
    assert run.returncode == 75   # busy: try again later (README, exit codes)
    assert run.stderr.strip().splitlines() == [
        f"kslib: error: {out}: another parse of this year is in progress (lock .kslib.lock)"]
    assert snapshot(out) == before
    assert _leftovers(tmp_path) == []


def test_lock_is_released_after_a_failure(tmp_path):
    with pytest.raises(RuntimeError):
        with exclusive(tmp_path, what="parse"):
            raise RuntimeError("boom")
    with exclusive(tmp_path, what="parse"):
        pass


def test_two_runs_at_once_end_consistent(tmp_path, reference, report_path):
    """Two processes on the same year: each succeeds or says 'in progress'; the set equals a clean run."""
    out = tmp_path / "2020"
    cmd = [sys.executable, "-m", "kslib.cli", "parse", str(report_path), "--out", str(out)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
             for _ in range(3)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert any(code == 0 for code, _ in results), results
    for code, err in results:
        assert code in (0, 75), err        # 75: busy, another run holds the lock
        if code == 75:
            assert "in progress" in err and "Traceback" not in err
    assert _contents(out) == _contents(reference)
    assert _leftovers(tmp_path) == []


# --------------------------------------------------------------------------- data/raw is read-only

def test_parse_and_check_never_write_raw(tmp_path, raw_copy, kslib_cmd):
    before = sha256_tree(raw_copy)
    entries = sorted(raw_copy.rglob("*"))
    assert before, "the copy of data/raw is empty"
    project = raw_copy.parents[1]
    for raw in sorted(p for p in raw_copy.rglob("*") if p.suffix in (".txt", ".pdf") and p.name != "README.md"):
        year = raw.parent.name
        run = kslib_cmd("parse", raw, "--out", project / "data" / "processed" / year, cwd=project)
        assert run.returncode == 0, run.stderr
        if CHECK_AVAILABLE:
            run = kslib_cmd("check", raw, cwd=project)
            assert run.returncode in (0, 1), run.stderr
    assert sha256_tree(raw_copy) == before
    assert sorted(raw_copy.rglob("*")) == entries      # nothing added, not even a folder or lock file


def test_repository_raw_data_is_unchanged():
    """No file under the repository's data/raw differs from what git recorded."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "data/raw"],
                            cwd=ROOT, capture_output=True, text=True)
    if status.returncode != 0:
        pytest.skip(f"git unavailable: {status.stderr.strip()}")
    assert status.stdout == ""
    assert hashlib.sha256(REPORT_2020.read_bytes()).hexdigest() == \
        "aa59af44be10694b75375fb1d99c2f77d80b07f097610db538982c9133331962"


# --------------------------------------------------------------------------- render outputs

@pytest.mark.slow
def test_render_never_writes_raw(rendered_2020):
    raw = rendered_2020.project / "data" / "raw"
    assert sha256_tree(raw) == rendered_2020.raw_before
    assert [p for p in raw.rglob("*") if p.name.startswith(".")] == []


@pytest.mark.slow
def test_render_writes_whole_files_only(rendered_2020):
    pages = rendered_2020.pages
    names = sorted(p.name for p in pages.iterdir() if not p.name.startswith(".kslib"))
    assert names == sorted(f"{n}.{ext}" for n in ("ekonomi", "arbetsmarknad", "maluppfyllelse")
                           for ext in ("html", "ipynb"))
    assert _leftovers(rendered_2020.out) == []
    for page in pages.glob("*.html"):
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>"), page.name


@pytest.mark.slow
def test_render_failure_keeps_previous_reports(tmp_path, rendered_2020, kslib_cmd):
    import shutil

    out = tmp_path / "reports"
    shutil.copytree(rendered_2020.out, out)
    before = snapshot(out)
    run = kslib_cmd(*render_args(rendered_2020.project, out, year=2020, params={"no_such_parameter": "1"}),
                    cwd=rendered_2020.project)
    assert run.returncode == 2
    assert "no_such_parameter" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(out) == before
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_committee_page_cites_the_report_and_the_notebook_its_file(rendered_2020):
    """A committee page names the report (board, kind, year) and no file, hash or tool; its executed
    notebook records the raw file's name, full sha256 and the kslib version (traceable for analysts)."""
    sha = hashlib.sha256(REPORT_2020.read_bytes()).hexdigest()
    pages = sorted(rendered_2020.pages.glob("*.html"))
    assert len(pages) == 3
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "Källa:" in text and "Vaggeryds kommun" in text, page.name
        assert REPORT_2020.name not in text and sha not in text and "kslib" not in text.lower(), page.name
        meta = json.loads(page.with_suffix(".ipynb").read_text(encoding="utf-8"))["metadata"]["kslib"]
        assert (meta["source_file"], meta["source_sha256"], meta["version"]) == (REPORT_2020.name, sha,
                                                                                kslib.__version__)


@pytest.mark.slow
def test_successful_render_is_quiet(rendered_2020):
    """No traceback (e.g. from a kernel's ZMQ sockets) in an unattended run's log."""
    assert rendered_2020.run.returncode == 0
    assert "Traceback" not in rendered_2020.run.stderr and "ERROR" not in rendered_2020.run.stderr
    assert rendered_2020.run.stderr == ""                   # --quiet: nothing at all
